import { z } from 'zod';
import { AppError, type FieldError } from './errors.ts';
import { isIsoDate } from './calendar/calendar.ts';

/** Parses input with a zod schema; problems become one BAD_INPUT AppError with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, summary = 'Check the details you entered'): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fieldErrors: FieldError[] = result.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message }));
  throw new AppError('BAD_INPUT', summary, { fieldErrors });
}

/** Throws BAD_INPUT for one field; for rules that span fields (an end before its start). */
export function fieldError(field: string, message: string): never {
  throw new AppError('BAD_INPUT', message, { fieldErrors: [{ field, message }] });
}

/** A date as YYYY-MM-DD that exists on the calendar, with a message a person can act on. */
export function isoDate(label: string) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isIsoDate, `${capitalise(label)} must be a real date`);
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Optional free text: blank becomes undefined; capped so hostile input cannot bloat the database. */
export function optionalText(max = 10_000) {
  return z
    .string()
    .trim()
    .max(max, `Must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));
}

export function requiredText(label: string, max = 10_000) {
  return z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `${capitalise(label)} must be ${max.toLocaleString('en-GB')} characters or fewer`);
}

/** An id as Tiller stores them: at most 36 of [A-Za-z0-9_-]. */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,36}$/, 'Not a valid record id');
