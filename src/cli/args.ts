import { AppError } from '../platform/errors.ts';

import { isIsoDate } from '../platform/calendar/calendar.ts';

export { isIsoDate };

/** An ISO date option, or the default; anything else is bad input (exit 2). */
export function dateOption(value: unknown, name: string, fallback?: string): string {
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new AppError('BAD_INPUT', `--${name} is required (YYYY-MM-DD)`);
  }
  if (typeof value !== 'string' || !isIsoDate(value)) throw new AppError('BAD_INPUT', `--${name} must be a date as YYYY-MM-DD, not "${String(value)}"`);
  return value;
}

export function intOption(value: unknown, name: string, fallback: number, range: { min: number; max: number }): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^-?\d+$/.test(value) || n < range.min || n > range.max) {
    throw new AppError('BAD_INPUT', `--${name} must be a whole number from ${range.min} to ${range.max}, not "${String(value)}"`);
  }
  return n;
}

export function choiceOption<T extends string>(value: unknown, name: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new AppError('BAD_INPUT', `--${name} must be one of ${choices.join(', ')}, not "${String(value)}"`);
  }
  return value as T;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
