// The one clock engine: every rule in rules.ts runs through `runClock`.
import { addYears, ageOn, type IsoDate } from '../platform/calendar/calendar.ts';
import { clockStatus, type ClockInstance } from './clock-instance.ts';
import { addInterval } from './interval.ts';
import { inPeriod, type ReportingPeriod } from './period.ts';
import type { ClockRule, CouncilSettingKey, Interval, IntervalCondition } from './rules.ts';

/** A clock's subject as plain dates: what starts it, what completes each instance, and when it ends. */
export interface ClockSubject {
  childId: string | null;
  workerId?: string;
  subjectId: string;
  /** Starts the first instance. */
  start: IsoDate;
  /** The subject's end; the clock stops then. Null while it goes on. */
  end: IsoDate | null;
  /** Dates of the events that complete an instance (any order; duplicates and out-of-range dates are ignored). */
  completions: readonly IsoDate[];
  /** For the regulation 28 visit variants. */
  placement?: {
    startDate: IsoDate;
    longTermTo18: boolean;
    /** A weekly-until-the-first-review variant (reg 28(3) or (4)), and the date it stops applying. */
    regime?: string | null;
    regimeEndDate?: IsoDate | null;
    /** The first review of the period of care held on or after the placement started. */
    firstReviewDate?: IsoDate | null;
  };
  /** For the under-5 health assessment variant. */
  dob?: IsoDate | null;
}

export type ClockSettings = Partial<Record<CouncilSettingKey, Interval>>;

/**
 * Every instance of one rule's clock for one subject, as at `asOf`: the first from the subject's start,
 * and for repeating rules one more from each completion. Anything dated after `asOf` is not yet known,
 * so it is ignored. A completion counts up to and including the day the subject ends.
 * Given a reporting period, only the instances INTERFACES.md lists are returned (open at `asOf`, or due
 * or completed in the period): a council's history is walked but not kept.
 */
export function runClock(rule: ClockRule, subject: ClockSubject, asOf: IsoDate, settings: ClockSettings = {}, period?: ReportingPeriod): ClockInstance[] {
  if (subject.start > asOf) return [];
  const end = subject.end !== null && subject.end <= asOf ? subject.end : null;
  const lastCounted = end ?? asOf;
  const completions = subject.completions.filter((d) => d >= subject.start && d <= lastCounted);
  if (completions.length > 1) completions.sort(); // a repeated date is skipped below: it is not after the start

  const instances: ClockInstance[] = [];
  let startDate = subject.start;
  let next = 0; // index into completions of the first not yet used
  for (let index = 0; ; index++) {
    // The first instance is completed by an event on its start day (a visit on the day the plan starts);
    // later instances start on a completion's day, so they need a later one.
    while (next < completions.length && (index === 0 ? completions[next]! < startDate : completions[next]! <= startDate)) next++;
    const completedDate = completions[next] ?? null;
    const dueDate = addInterval(startDate, intervalFor(rule, subject, index, startDate, settings));
    const status = clockStatus(dueDate, completedDate, end, asOf);
    if (period === undefined || status === 'due' || status === 'overdue' || inPeriod(dueDate, period) || inPeriod(completedDate, period)) {
      instances.push(
        subject.workerId === undefined
          ? { childId: subject.childId, rule: rule.id, subjectId: subject.subjectId, startDate, dueDate, completedDate, status }
          : { childId: subject.childId, workerId: subject.workerId, rule: rule.id, subjectId: subject.subjectId, startDate, dueDate, completedDate, status },
      );
    }
    // Stop at the open instance, after a one-off clock, or when the subject ended on the completion's day.
    if (completedDate === null || !rule.repeats || (end !== null && completedDate >= end)) break;
    startDate = completedDate;
  }
  return instances;
}

function intervalFor(rule: ClockRule, subject: ClockSubject, index: number, startDate: IsoDate, settings: ClockSettings): Interval {
  const variant = rule.due.find((v) => holds(v.when, subject, index, startDate));
  if (!variant) throw new Error(`clock rule ${rule.id} has no variant for instance ${index}`);
  if (rule.councilSetting && variant.when === 'always') return settings[rule.councilSetting] ?? variant.interval;
  return variant.interval;
}

function holds(condition: IntervalCondition, subject: ClockSubject, index: number, startDate: IsoDate): boolean {
  switch (condition) {
    case 'first':
      return index === 0;
    case 'second':
      return index === 1;
    case 'placement-first-year':
      return subject.placement !== undefined && startDate < addYears(subject.placement.startDate, 1);
    case 'long-term-to-18':
      return subject.placement?.longTermTo18 === true;
    case 'weekly-until-first-review':
      return regimeApplies(subject, startDate) && (subject.placement!.firstReviewDate == null || startDate < subject.placement!.firstReviewDate);
    case 'connected-person-temporary':
      return regimeApplies(subject, startDate) && subject.placement!.regime === 'connected_person_temporary';
    case 'under-5':
      // No date of birth: "under 5" cannot be shown, so the 5-and-over interval applies.
      return subject.dob != null && ageOn(subject.dob, startDate) < 5;
    case 'always':
      return true;
  }
}

/** A regulation 28 variant is recorded on the placement and had not stopped applying on `startDate`. */
function regimeApplies(subject: ClockSubject, startDate: IsoDate): boolean {
  const p = subject.placement;
  return !!p?.regime && (p.regimeEndDate == null || startDate < p.regimeEndDate);
}
