// Reading and writing single SSD cell values. Every reader returns the value or a reason it cannot be
// read; the reasons are shown to people, so they say what was wrong and what is accepted.
import type { IsoDate } from '../../platform/calendar/calendar.ts';

/** Why a value cannot be read. Readers return the value or one of these (no wrapper per value: an import reads millions). */
export class Invalid {
  constructor(readonly reason: string) {}
}

export type Read<T> = T | Invalid;

const bad = (reason: string): Invalid => new Invalid(reason);

/** Tiller's record ids (a database CHECK): at most 36 of A–Z, a–z, 0–9, `_` and `-`. SSD ids may be 48. */
const TILLER_ID = /^[A-Za-z0-9_-]{1,36}$/;

/** An empty cell, or SQL Server's `NULL` as "save results as" writes it, is no value. */
export function isBlank(cell: string): boolean {
  return cell === '' || cell === 'NULL';
}

export function readId(cell: string): Read<string> {
  if (TILLER_ID.test(cell)) return cell;
  if (cell.length > 36) return bad(`is ${cell.length} characters long; Tiller keeps ids of at most 36`);
  return bad('has characters Tiller does not allow in an id (only A–Z, a–z, 0–9, _ and -)');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ISO dates with or without a time (SQL Server writes '2024-03-01 00:00:00.000'), and UK day-first dates.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?$/;
const DATE_FORMS = 'YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DD HH:MM:SS';

/** A calendar date; a time of day, when given, is checked and dropped. */
export function readDate(cell: string): Read<IsoDate> {
  // The usual case, YYYY-MM-DD, without a regular expression.
  if (cell.length === 10 && isIsoShape(cell)) {
    const year = Number(cell.slice(0, 4));
    const month = Number(cell.slice(5, 7));
    const day = Number(cell.slice(8, 10));
    if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return cell;
  }
  let m = ISO.exec(cell);
  let year: number, month: number, day: number;
  if (m) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = UK.exec(cell))) [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return bad(`is not a date (accepted: ${DATE_FORMS})`);
  const [hour, minute, second] = [m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return bad('has an impossible time of day');
  if (month < 1 || month > 12) return bad(`is not a real date: there is no month ${month}`);
  if (year < 1000) return bad('is not a real date: the year must have four digits');
  if (day < 1 || day > daysInMonth(year, month)) return bad(`is not a real date: ${MONTHS[month - 1]} ${year} has no day ${day}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isIsoShape(cell: string): boolean {
  for (let i = 0; i < 10; i++) {
    const c = cell.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 45 : c < 48 || c > 57) return false;
  }
  return true;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

const YES = new Set(['y', 'yes', 'true', 't', '1']);
const NO = new Set(['n', 'no', 'false', 'f', '0']);

/** A yes/no flag: Y or N as the SSD writes them, and the usual other spellings. */
export function readFlag(cell: string): Read<boolean> {
  const v = cell.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return bad('is not a yes/no flag (Y or N)');
}

export function readInt(cell: string, range: { min?: number; max?: number } = {}): Read<number> {
  if (!/^[+-]?\d+(?:\.0+)?$/.test(cell)) return bad('is not a whole number');
  return inRange(Number.parseInt(cell, 10), range);
}

export function readNumber(cell: string, range: { min?: number; max?: number } = {}): Read<number> {
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell)) return bad('is not a number');
  return inRange(Number(cell), range);
}

export function inRange(n: number, { min, max }: { min?: number | undefined; max?: number | undefined }): Read<number> {
  if (min !== undefined && n < min) return bad(`is below ${min}`);
  if (max !== undefined && n > max) return bad(`is above ${max}`);
  return n;
}

/** A JSON text; `shape` says whether an object or an array is expected. */
export function readJson(cell: string, shape: 'object' | 'array'): Read<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    return bad('is not valid JSON (cut short?)');
  }
  if (shape === 'array' ? !Array.isArray(value) : typeof value !== 'object' || value === null || Array.isArray(value)) {
    return bad(`is JSON but not ${shape === 'array' ? 'an array' : 'an object'}`);
  }
  return value;
}

/** True for the SSD's ways of marking an outcome in its JSON: "Y" (and the like), true or 1. */
export function jsonFlagSet(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  return typeof value === 'string' && YES.has(value.trim().toLowerCase());
}

/**
 * JSON with object keys in code-point order at every level: the database's jsonb does not keep the
 * order a blob was written in, so an export sorts, and the same blob is always written the same way.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(byCodePoint)) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a flag is written: Y, N or nothing. */
export function writeFlag(value: boolean | null | undefined): string {
  return value === true ? 'Y' : value === false ? 'N' : '';
}

/** Short enough to quote in a report line. */
export function quoted(cell: string): string {
  return JSON.stringify(cell.length > 60 ? `${cell.slice(0, 57)}...` : cell);
}
