import type { AppError } from '../errors.ts';

/** The GOV.UK error summary and per-field messages for a refused form, from the one AppError. */
export function formErrors(error: AppError): { errorList: Array<{ text: string; href: string }>; errors: Record<string, { text: string }> } {
  // A conflict's field errors say what someone else changed; the sentence that says nothing was saved leads.
  const lead = error.fieldErrors.length === 0 || error.code === 'CONFLICT' ? [{ field: 'form', message: error.userMessage }] : [];
  const fields = [...lead, ...error.fieldErrors];
  const errors: Record<string, { text: string }> = {};
  for (const f of fields) errors[f.field] ??= { text: f.message };
  return { errorList: fields.map((f) => ({ text: f.message, href: `#${f.field.split('.')[0]}` })), errors };
}
