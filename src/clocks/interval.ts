import { addDays, addMonths, addWorkingDays, type IsoDate } from '../platform/calendar/calendar.ts';
import type { Interval } from './rules.ts';

// A council's clocks ask for the same few (date, interval) pairs again and again (every referral made
// on one day has the same 45-working-day due date), and working days are counted a day at a time.
const cache = new Map<string, IsoDate>();

/** The due date `interval` after `date`: working days skip weekends and bank holidays; months clamp. */
export function addInterval(date: IsoDate, interval: Interval): IsoDate {
  const key = `${date}|${interval.unit}|${interval.n}`;
  let due = cache.get(key);
  if (due === undefined) {
    due = compute(date, interval);
    cache.set(key, due);
  }
  return due;
}

function compute(date: IsoDate, { unit, n }: Interval): IsoDate {
  switch (unit) {
    case 'working_days':
      return addWorkingDays(date, n);
    case 'days':
      return addDays(date, n);
    case 'weeks':
      return addDays(date, 7 * n);
    case 'calendar_months':
      return addMonths(date, n);
  }
}
