import type { AppError } from '../errors.ts';

/** The GOV.UK error summary and per-field messages for a refused form, from the one AppError. */
export function formErrors(error: AppError): { errorList: Array<{ text: string; href: string }>; errors: Record<string, { text: string }> } {
  const fields = error.fieldErrors.length ? error.fieldErrors : [{ field: 'form', message: error.userMessage }];
  const errors: Record<string, { text: string }> = {};
  for (const f of fields) errors[f.field] ??= { text: f.message };
  return { errorList: fields.map((f) => ({ text: f.message, href: `#${f.field.split('.')[0]}` })), errors };
}
