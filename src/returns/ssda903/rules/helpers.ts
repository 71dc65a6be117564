// Small pieces the 903 rules share.
import { addDays, addYears, daysBetween, type IsoDate } from '../../../platform/calendar/calendar.ts';
import { ETHNICITY, LEGAL_STATUS, PLACEMENT_CHANGE_REASONS, CARE_CEASED_REASONS, REVIEW_PARTICIPATION, WORKER_CHANGE_REASONS } from '../../../platform/codes.ts';
import { ageOn, asDate, continuouslyLookedAfter, isDate } from '../cohort.ts';
import type { Row } from '../model.ts';
import type { ChildView, Indexed } from './rule.ts';

export { addDays, addYears, ageOn, asDate, daysBetween, isDate };

/** Placement types valid from 2025/26 (H5, P2 and Z1 are gone; K3 and Z11–Z14 are new). */
export const PLACEMENTS_2026 = new Set([
  'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'K3', 'P1', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z11', 'Z12', 'Z13', 'Z14',
]);
export const TEMPORARY = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
export const NO_PROVIDER = new Set(['T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14']);
export const SEXES = new Set(['M', 'F', 'U']);
export const ETHNIC_CODES = new Set(Object.keys(ETHNICITY));
export const LS_CODES = new Set(Object.keys(LEGAL_STATUS));
export const RNE_CODES = new Set(['S', 'P', 'L', 'T', 'U', 'B']);
export const NEED_CODES = new Set(['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']);
export const REC_CODES = new Set(Object.keys(CARE_CEASED_REASONS));
export const PROVIDERS = new Set(['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5']);
export const PLACE_CHANGE_CODES = new Set(Object.keys(PLACEMENT_CHANGE_REASONS));
export const REVIEW_CODES = new Set(Object.keys(REVIEW_PARTICIPATION));
export const SW_REASONS = new Set(Object.keys(WORKER_CHANGE_REASONS));
export const SHORT_BREAKS = new Set(['V3', 'V4']);
export const ADOPTED = new Set(['E11', 'E12']);
export const SGO = new Set(['E45', 'E46', 'E47', 'E48']);

export const dobOf = (c: ChildView): IsoDate | null => asDate(c.header[0]?.r.DOB ?? null);
export const sexOf = (c: ChildView): string | null => c.header[0]?.r.SEX ?? null;
export const filled = (v: string | null | undefined): v is string => v !== null && v !== undefined && v !== '';
export const blank = (v: string | null | undefined) => !filled(v);
/** Age on a date, when both are known. */
export function age(c: ChildView, on: string | null): number | null {
  const dob = dobOf(c);
  const d = asDate(on);
  return dob && d ? ageOn(dob, d) : null;
}
/** The episode's end, or the end of the collection year for an open one. */
export const endOr = (e: Row<'episodes'>, end: IsoDate): IsoDate => asDate(e.DEC) ?? end;
const datedCache = new WeakMap<ChildView, Array<Indexed<'episodes'>>>();
/** Episodes in date order with a date to start (worked out once per child; callers copy before changing it). */
export function dated(c: ChildView): Array<Indexed<'episodes'>> {
  let eps = datedCache.get(c);
  if (!eps) datedCache.set(c, (eps = c.episodes.filter((e) => isDate(e.r.DECOM))));
  return eps.slice();
}

const claCache = new WeakMap<ChildView, boolean>();
/** Looked after continuously for the 12 months to 31 March (cohort.ts), once per child. */
export function lookedAfterAllYear(c: ChildView, p: { start: IsoDate; end: IsoDate }): boolean {
  let v = claCache.get(c);
  if (v === undefined) claCache.set(c, (v = continuouslyLookedAfter(c.episodes.map((e) => e.r), p)));
  return v;
}
