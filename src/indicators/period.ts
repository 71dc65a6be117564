// The indicator period and the date tests every indicator shares, so no definition words them its own way.
import { addDays, addMonths, addYears, type IsoDate } from '../platform/calendar/calendar.ts';

export interface IndicatorPeriod {
  asOf: IsoDate;
  /** The day after the same date a year before `asOf` (as of 2026-03-31: 2025-04-01). */
  periodStart: IsoDate;
}

/** The 12 months ending on `asOf`, both ends inclusive (INTERFACES.md). */
export function indicatorPeriod(asOf: IsoDate): IndicatorPeriod {
  return { asOf, periodStart: addDays(addYears(asOf, -1), 1) };
}

export function inPeriod(date: IsoDate | null, period: IndicatorPeriod): boolean {
  return date !== null && date >= period.periodStart && date <= period.asOf;
}

/** Started on or before `on` and not ended before it: a record ending on `on` is still open that day. */
export function openOn(start: IsoDate | null, end: IsoDate | null, on: IsoDate): boolean {
  return start !== null && start <= on && (end === null || end >= on);
}

/** Starting on or before the period's last day and not ended before its first. */
export function overlapsPeriod(start: IsoDate, end: IsoDate | null, period: IndicatorPeriod): boolean {
  return start <= period.asOf && (end === null || end >= period.periodStart);
}

export function monthEnd(date: IsoDate): IsoDate {
  return addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);
}

/** Every month end from `from` to `to`, both inclusive (2023-04-01 … 2026-03-31 gives 36 dates). */
export function monthEnds(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to; first = addMonths(first, 1)) {
    const end = monthEnd(first);
    if (end >= from && end <= to) out.push(end);
  }
  return out;
}
