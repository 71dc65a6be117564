import { addDays, addMonths, addWorkingDays, type IsoDate } from '../platform/calendar/calendar.ts';
import type { Interval } from './rules.ts';

// A council's clocks ask for the same few (date, interval) pairs again and again (every referral made
// on one day has the same 45-working-day due date), and working days are counted a day at a time.
// Keyed by the interval itself (the rules' and the council settings' objects), then the date.
const cache = new WeakMap<Interval, Map<IsoDate, IsoDate>>();

/** The due date `interval` after `date`: working days skip weekends and bank holidays; months clamp. */
export function addInterval(date: IsoDate, interval: Interval): IsoDate {
  let byDate = cache.get(interval);
  if (byDate === undefined) cache.set(interval, (byDate = new Map()));
  let due = byDate.get(date);
  if (due === undefined) {
    due = compute(date, interval);
    byDate.set(date, due);
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
