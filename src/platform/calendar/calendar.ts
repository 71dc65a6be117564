// Dates are ISO 'YYYY-MM-DD' strings throughout Tiller. Arithmetic is done in UTC so no timezone
// or daylight-saving change can move a date.
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function toEpochDay(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

// Formatting a date is the slow half of date arithmetic, and a council's records use a few thousand days.
const isoByEpochDay = new Map<number, IsoDate>();

export function fromEpochDay(day: number): IsoDate {
  let iso = isoByEpochDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoByEpochDay.set(day, iso);
  }
  return iso;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Adds calendar months, clamping to the month's end: 31 January + 1 month = 28 (or 29) February. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month1 = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month1));
  return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Age in whole years on `on`; a 29 February birthday falls on 28 February in other years. */
export function ageOn(dob: IsoDate, on: IsoDate): number {
  let age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (addYears(dob, age) > on) age -= 1;
  return age;
}

// ---------------------------------------------------------------- England and Wales bank holidays
// From the maintained `date-holidays` data set (GB, England), which carries one-off holidays such as
// jubilees and state funerals as well as substitute days.
// Loaded on first use (its data covers every country and takes a noticeable part of a command's start-up).
let englandAndWales: Holidays | undefined;
function englandAndWalesHolidays(): Holidays {
  if (englandAndWales === undefined) {
    const HolidaysData = createRequire(import.meta.url)('date-holidays') as typeof Holidays;
    englandAndWales = new HolidaysData('GB', 'ENG');
  }
  return englandAndWales;
}
const holidaysByYear = new Map<number, Set<IsoDate>>();

export function bankHolidays(year: number): Set<IsoDate> {
  let set = holidaysByYear.get(year);
  if (!set) {
    set = new Set(
      englandAndWalesHolidays()
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(year, set);
  }
  return set;
}

export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidays(Number(date.slice(0, 4))).has(date);
}

export function isWeekend(date: IsoDate): boolean {
  const dow = (toEpochDay(date) + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  return dow === 0 || dow === 6;
}

export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/** The date that is `n` working days after `date` (n >= 0; 0 gives `date` itself). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  let day = toEpochDay(date);
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDay(fromEpochDay(day))) left -= 1;
  }
  return fromEpochDay(day);
}

/**
 * Working days from `from` to `to`: the working days after `from` up to and including `to`
 * (same day = 0). "Within N working days" means this is at most N.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysAfterUpTo(to, from);
  return workingDaysAfterUpTo(from, to);
}

function workingDaysAfterUpTo(from: IsoDate, to: IsoDate): number {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  let count = 0;
  for (let d = start + 1; d <= end; d++) if (isWorkingDay(fromEpochDay(d))) count += 1;
  return count;
}

const englandDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in England (not UTC: a visit recorded at 00:30 BST belongs to that day). */
export function todayInEngland(now: Date = new Date()): IsoDate {
  return englandDate.format(now);
}
