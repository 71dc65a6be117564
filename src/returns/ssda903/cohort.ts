// Facts about a child's episodes that several rules and the builder share: the DfE's definitions.
import { ageOn, isIsoDate, type IsoDate } from '../../platform/calendar/calendar.ts';
import type { Row } from './model.ts';

export interface CollectionPeriod {
  /** 1 April of the year before. */
  start: IsoDate;
  /** 31 March of the collection year. */
  end: IsoDate;
}

export function collectionPeriod(year: number): CollectionPeriod {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

/** A real calendar date in ISO form. */
export const isDate = (value: string | null): value is IsoDate => value !== null && isIsoDate(value);

/** The value as a date, or null when blank or not a date. */
export const asDate = (value: string | null): IsoDate | null => (isDate(value) ? value : null);

export { ageOn };

/** The episode overlaps the collection year. */
export function duringYear(e: Row<'episodes'>, p: CollectionPeriod): boolean {
  const decom = asDate(e.DECOM);
  const dec = asDate(e.DEC);
  return decom !== null && decom <= p.end && (dec === null || dec >= p.start);
}

/**
 * Looked after continuously for the 12 months to 31 March (the OC2 cohort), as the DfE's validation
 * guidance defines it: in care during the year, with no episode that starts care after 1 April, none that
 * ends care before 31 March, and no short-break (V3/V4) episode in the year.
 */
export function continuouslyLookedAfter(episodes: ReadonlyArray<Row<'episodes'>>, p: CollectionPeriod): boolean {
  let during = false;
  for (const e of episodes) {
    const decom = asDate(e.DECOM);
    const dec = asDate(e.DEC);
    const inYear = duringYear(e, p);
    if (inYear) during = true;
    if (e.RNE === 'S' && decom !== null && decom > p.start && decom <= p.end) return false;
    if (e.REC !== null && e.REC !== 'X1' && dec !== null && dec >= p.start && dec < p.end) return false;
    if (inYear && (e.LS === 'V3' || e.LS === 'V4')) return false;
  }
  return during;
}
