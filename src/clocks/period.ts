import { addDays, addYears, type IsoDate } from '../platform/calendar/calendar.ts';

export interface ReportingPeriod {
  start: IsoDate;
  end: IsoDate;
}

/**
 * The 12 months ending on `asOf`, both ends inclusive: from the day after the same date a year earlier
 * (as of 2026-03-31: 2025-04-01 to 2026-03-31), as INTERFACES.md defines for indicators, clocks and flags.
 */
export function reportingPeriod(asOf: IsoDate): ReportingPeriod {
  return { start: addDays(addYears(asOf, -1), 1), end: asOf };
}

export function inPeriod(date: IsoDate | null, period: ReportingPeriod): boolean {
  return date !== null && date >= period.start && date <= period.end;
}

/** Started on or before `asOf` and not ended before it (a record ending on `asOf` is still open). */
export function openOn(startDate: IsoDate, endDate: IsoDate | null, asOf: IsoDate): boolean {
  return startDate <= asOf && (endDate === null || endDate >= asOf);
}
