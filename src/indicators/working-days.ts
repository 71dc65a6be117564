// Working days between two dates, answered from a running count built once from the platform calendar
// (src/platform/calendar: weekends and England and Wales bank holidays). The calendar's own
// workingDaysBetween walks day by day; at demo scale 20 the indicators ask it about 100,000 times, so
// the same answer is read here from a table instead. A test checks the two agree.
import { isWorkingDay, fromEpochDay, toEpochDay, type IsoDate } from '../platform/calendar/calendar.ts';

let firstDay = 0;
/** cumulative[i] = working days in (firstDay, firstDay + i]. */
let cumulative = new Int32Array(0);

function cover(day: number): void {
  const lastDay = firstDay + cumulative.length - 1;
  if (cumulative.length > 0 && day >= firstDay && day <= lastDay) return;
  // Whole years with a margin, so a run of dates seldom rebuilds the table.
  const year = new Date(day * 86_400_000).getUTCFullYear();
  const lo = Math.min(cumulative.length ? firstDay : Infinity, toEpochDay(`${String(year - 5).padStart(4, '0')}-01-01`));
  const hi = Math.max(cumulative.length ? lastDay : -Infinity, toEpochDay(`${String(year + 5).padStart(4, '0')}-12-31`));
  const table = new Int32Array(hi - lo + 1);
  for (let d = lo + 1, i = 1; d <= hi; d++, i++) table[i] = table[i - 1]! + (isWorkingDay(fromEpochDay(d)) ? 1 : 0);
  firstDay = lo;
  cumulative = table;
}

/**
 * The working days after `from` up to and including `to` (same day = 0; negative when `to` is
 * earlier), exactly as calendar.workingDaysBetween. "Within N working days" means this is at most N.
 */
export function workingDaysFrom(from: IsoDate, to: IsoDate): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  cover(a);
  cover(b);
  return cumulative[b - firstDay]! - cumulative[a - firstDay]!;
}
