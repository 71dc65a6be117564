// The census year: 1 April to 31 March, named by the year it ends in (2026 = 2025/26).
import { addDays, addYears, type IsoDate } from '../../platform/calendar/calendar.ts';

export interface CensusPeriod {
  periodStart: IsoDate;
  referenceDate: IsoDate;
}

/** The census year ending on 31 March of `year`. */
export function censusYear(year: number): CensusPeriod {
  return { periodStart: `${year - 1}-04-01`, referenceDate: `${year}-03-31` };
}

/** The year ending on `referenceDate`: from the day after the same date a year before. */
export function periodEnding(referenceDate: IsoDate): CensusPeriod {
  return { periodStart: addDays(addYears(referenceDate, -1), 1), referenceDate };
}
