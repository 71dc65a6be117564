// What a CIN validation rule is: a DfE code, its type and message, the elements it reads, and a check.
// Most rules look at one child at a time (`child`); a few look across the whole return (`census`), for
// duplicates or LA-level proportions.
import { addDays, isWorkingDay, type IsoDate } from '../../../platform/calendar/calendar.ts';
import type { CensusChild, CinCensus, CinModule, RuleType } from '../model.ts';

export interface RuleContext {
  census: CinCensus;
  /** The first day of the census year: the reference date less a year, plus a day (1 April). */
  periodStart: IsoDate;
  /** The census reference date (31 March), from the header. */
  referenceDate: IsoDate;
}

/** Where in the child's record a finding points. `cin` counts CINdetails from 0. */
export interface Where {
  cin?: number;
  location?: string;
  value?: string | null;
}

export type Emit = (field: string, where?: Where) => void;
export type EmitFor = (child: CensusChild | null, field: string, where?: Where) => void;

export interface CinRule {
  code: string;
  type: RuleType;
  module: CinModule;
  message: string;
  /** The elements the rule reads (what a council looks at to put it right). */
  reads: readonly string[];
  child?: (child: CensusChild, ctx: RuleContext, emit: Emit) => void;
  census?: (ctx: RuleContext, emit: EmitFor) => void;
}

export function rule(definition: CinRule): CinRule {
  if (!definition.child === !definition.census) throw new Error(`rule ${definition.code} needs exactly one of child or census`);
  return definition;
}

// ---------------------------------------------------------------- helpers the rules share

export function inPeriod(ctx: RuleContext, date: IsoDate | null): boolean {
  return date !== null && date >= ctx.periodStart && date <= ctx.referenceDate;
}

const workingDaysBeforeCache = new Map<string, IsoDate>();

/** The date `n` working days before `date`: counting back over working days only, `date` itself excluded. */
export function workingDaysBefore(date: IsoDate, n: number): IsoDate {
  const key = `${date}-${n}`;
  const cached = workingDaysBeforeCache.get(key);
  if (cached !== undefined) return cached;
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left -= 1;
  }
  workingDaysBeforeCache.set(key, d);
  return d;
}

/** Whether `date` falls from `start` to `end` (the end itself counting only when `endInclusive`); a plan with no end runs to the reference date. */
export function startsWithin(date: IsoDate, start: IsoDate, end: IsoDate | null, ctx: RuleContext, endInclusive: boolean): boolean {
  if (date < start) return false;
  if (end === null) return date <= ctx.referenceDate;
  return endInclusive ? date <= end : date < end;
}

export const at = (cin: number, location?: string, value?: string | null): Where => ({
  cin,
  ...(location !== undefined ? { location } : {}),
  ...(value !== undefined ? { value } : {}),
});
