// Which records each rule's clock runs on: its subject, start, completions and end (INTERFACES.md
// "The subject of each clock"). The intervals are in rules.ts; the counting is in engine.ts.
import { addYears, type IsoDate } from '../platform/calendar/calendar.ts';
import {
  HEALTH_ASSESSMENT_TYPES,
  LONG_TERM_FOSTERING_TYPES,
  type CareLeaverRecord,
  type ClockRecords,
  type PersonRecord,
  type S47EnquiryRecord,
  type VisitRecord,
} from './clock-records.ts';
import type { ClockSubject } from './engine.ts';
import type { ClockRuleId } from './rules.ts';

type SubjectBuilder = (records: ClockRecords, index: RecordIndex) => ClockSubject[];

/** Lookups shared by the builders, made once per run. */
class RecordIndex {
  readonly persons: Map<string, PersonRecord>;
  constructor(records: ClockRecords) {
    this.persons = new Map(records.persons.map((p) => [p.id, p]));
  }
  dob(personId: string): IsoDate | null {
    return this.persons.get(personId)?.dob ?? null;
  }
  /** The subject's end, brought forward to the child's death. */
  endFor(personId: string, end: IsoDate | null): IsoDate | null {
    return earliest(end, this.persons.get(personId)?.deathDate ?? null);
  }
}

export const SUBJECT_BUILDERS = {
  'contact-decision': (r, ix) =>
    r.contacts
      // An SSD extract has no decision date: that clock is absent rather than forever open.
      .filter((c) => !(c.decisionDate === null && c.fromImport))
      .map((c) => ({
        childId: c.personId,
        subjectId: c.id,
        start: c.contactDate,
        end: ix.endFor(c.personId, null),
        completions: c.decisionDate ? [c.decisionDate] : [],
      })),

  'assessment-45wd': (r, ix) => {
    const authorised = groupDates(r.assessments, (a) => a.cinEpisodeId, (a) => a.authorisedDate);
    return r.referrals.map((e) => ({
      childId: e.personId,
      subjectId: e.id,
      start: e.referralDate,
      end: ix.endFor(e.personId, e.closeDate),
      completions: authorised.get(e.id) ?? [],
    }));
  },

  'icpc-15wd': (r, ix) => {
    const conferences = icpcDatesByS47(r);
    const subjects: ClockSubject[] = [];
    for (const s of r.s47Enquiries) {
      const start = s47Start(s);
      if (start === null) continue;
      const held = conferences.get(s.id) ?? [];
      // An enquiry that calls a conference keeps the clock running until the ICPC; one that ends
      // with no conference required stops it.
      const calledConference = s.icpcRequired === true || (s.icpcRequired === null && held.length > 0);
      subjects.push({
        childId: s.personId,
        subjectId: s.id,
        start,
        end: ix.endFor(s.personId, calledConference ? null : s.endDate),
        completions: held,
      });
    }
    return subjects;
  },

  'cp-review': (r, ix) => {
    const reviews = groupDates(r.cpReviews, (v) => v.cpPlanId, (v) => v.reviewDate);
    return r.cpPlans.map((p) => ({
      childId: p.personId,
      subjectId: p.id,
      // Counted from the ICPC; a plan with no linked ICPC (e.g. a transfer) from its start.
      start: p.icpcDate ?? p.startDate,
      end: ix.endFor(p.personId, p.endDate),
      completions: reviews.get(p.id) ?? [],
    }));
  },

  'cp-visit': (r, ix) => {
    const visits = groupDates(
      r.visits.filter((v) => v.visitType === 'cp'),
      (v) => v.cpPlanId,
      (v) => v.visitDate,
    );
    return r.cpPlans.map((p) => ({
      childId: p.personId,
      subjectId: p.id,
      start: p.startDate,
      end: ix.endFor(p.personId, p.endDate),
      completions: visits.get(p.id) ?? [],
    }));
  },

  'cin-visit': (r, ix) => {
    const visits = cinVisitDatesByPlan(r);
    return r.cinPlans.map((p) => ({
      childId: p.personId,
      subjectId: p.id,
      start: p.startDate,
      end: ix.endFor(p.personId, p.endDate),
      completions: visits.get(p.id) ?? [],
    }));
  },

  'cla-visit': (r, ix) => {
    const periods = new Map(r.periodsOfCare.map((p) => [p.id, p]));
    const visits = groupDates(
      r.visits.filter((v) => v.visitType === 'cla'),
      (v) => v.periodOfCareId,
      (v) => v.visitDate,
    );
    const reviews = groupDates(
      r.claReviews.filter((v) => !v.cancelled),
      (v) => v.periodOfCareId,
      (v) => v.reviewDate,
    );
    // Each placement is its own subject, so a move starts a new clock: first visit within 7 days.
    return r.placements.map((pl) => ({
      childId: pl.personId,
      subjectId: pl.id,
      start: pl.startDate,
      end: ix.endFor(pl.personId, earliest(pl.endDate, periods.get(pl.periodOfCareId)?.endDate ?? null)),
      completions: visits.get(pl.periodOfCareId) ?? [],
      placement: {
        startDate: pl.startDate,
        longTermTo18: pl.longTermTo18 || LONG_TERM_FOSTERING_TYPES.includes(pl.placementType),
        regime: pl.visitRegime ?? null,
        regimeEndDate: pl.visitRegimeEndDate ?? null,
        firstReviewDate: pl.visitRegime ? ((reviews.get(pl.periodOfCareId) ?? []).filter((d) => d >= pl.startDate).sort()[0] ?? null) : null,
      },
    }));
  },

  'cla-review': (r, ix) => {
    const reviews = groupDates(
      r.claReviews.filter((v) => !v.cancelled),
      (v) => v.periodOfCareId,
      (v) => v.reviewDate,
    );
    return r.periodsOfCare.map((p) => ({
      childId: p.personId,
      subjectId: p.id,
      start: p.startDate,
      end: ix.endFor(p.personId, p.endDate),
      completions: reviews.get(p.id) ?? [],
    }));
  },

  'health-assessment': (r, ix) => {
    // Health checks belong to the child, not the period: the engine counts those within the period.
    const assessments = groupDates(
      r.healthChecks.filter((h) => HEALTH_ASSESSMENT_TYPES.includes(h.checkType)),
      (h) => h.personId,
      (h) => h.checkDate,
    );
    return r.periodsOfCare.map((p) => ({
      childId: p.personId,
      subjectId: p.id,
      start: p.startDate,
      end: ix.endFor(p.personId, p.endDate),
      completions: assessments.get(p.personId) ?? [],
      dob: ix.dob(p.personId),
    }));
  },

  'pathway-plan-review': (r, ix) =>
    entitlementClocks(
      r,
      ix,
      [...r.pathwayPlans.map((p) => ({ personId: p.personId, date: p.planDate })), ...r.careLeavers.map((c) => ({ personId: c.personId, date: c.pathwayPlanReviewDate }))],
    ),

  'pa-contact': (r, ix) =>
    entitlementClocks(
      r,
      ix,
      [...r.paContacts.map((p) => ({ personId: p.personId, date: p.contactDate })), ...r.careLeavers.map((c) => ({ personId: c.personId, date: c.latestContact }))],
    ),

  supervision: (r) => {
    const leftOn = new Map(r.professionals.map((p) => [p.id, p.endDate]));
    const subjects: ClockSubject[] = [];
    for (const [workerId, dates] of groupDates(r.supervisions, (s) => s.professionalId, (s) => s.supervisionDate)) {
      const { first, later } = firstAndLater(dates);
      subjects.push({ childId: null, workerId, subjectId: workerId, start: first, end: leftOn.get(workerId) ?? null, completions: later });
    }
    return subjects;
  },
} satisfies Record<ClockRuleId, SubjectBuilder>;

export function buildSubjects(records: ClockRecords): (rule: ClockRuleId) => ClockSubject[] {
  const index = new RecordIndex(records);
  return (rule) => SUBJECT_BUILDERS[rule](records, index);
}

// ------------------------------------------------------------------------------- S47 and ICPC

function s47Start(s: S47EnquiryRecord): IsoDate | null {
  return s.startDate ?? s.strategyDiscussionDate;
}

/**
 * ICPC dates by the S47 enquiry they follow. An ICPC not linked to an enquiry is taken to follow the
 * latest enquiry in the same referral that started on or before it. Transfer-in conferences follow no
 * enquiry here.
 */
function icpcDatesByS47(r: ClockRecords): Map<string, IsoDate[]> {
  const byEpisode = groupBy(r.s47Enquiries, (s) => s.cinEpisodeId);
  const dates = new Map<string, IsoDate[]>();
  for (const icpc of r.icpcs) {
    if (icpc.transferIn || icpc.conferenceDate === null) continue;
    let s47Id = icpc.s47EnquiryId;
    if (s47Id === null) {
      const candidates = (byEpisode.get(icpc.cinEpisodeId) ?? []).filter((s) => {
        const start = s47Start(s);
        return start !== null && start <= icpc.conferenceDate!;
      });
      candidates.sort((a, b) => byCodePoint(s47Start(a)!, s47Start(b)!) || byCodePoint(a.id, b.id));
      s47Id = candidates.at(-1)?.id ?? null;
    }
    if (s47Id !== null) push(dates, s47Id, icpc.conferenceDate);
  }
  return dates;
}

// ------------------------------------------------------------------------------- CIN visits

/** CIN visits by plan: those naming the plan, and unlinked ones for the child dated within a plan. */
function cinVisitDatesByPlan(r: ClockRecords): Map<string, IsoDate[]> {
  const plansByPerson = groupBy(r.cinPlans, (p) => p.personId);
  const dates = new Map<string, IsoDate[]>();
  const cinVisits: VisitRecord[] = r.visits.filter((v) => v.visitType === 'cin');
  for (const v of cinVisits) {
    if (v.cinPlanId !== null) {
      push(dates, v.cinPlanId, v.visitDate);
      continue;
    }
    for (const p of plansByPerson.get(v.personId) ?? []) {
      if (v.visitDate >= p.startDate && (p.endDate === null || v.visitDate <= p.endDate)) push(dates, p.id, v.visitDate);
    }
  }
  return dates;
}

// ------------------------------------------------------------------------------- care leavers

// Pathway plans and personal advisers are for eligible, relevant and former relevant young people.
// Qualifying care leavers get advice and assistance, not these duties.
const NOT_ENTITLED = new Set(['qualifying', 'not eligible', 'ineligible', 'none', 'not applicable']);

function normaliseEligibility(value: string): string {
  return value.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * One clock per young person with at least one dated event: the first starts it, each later one
 * completes an instance. The entitlement ends on the 25th birthday, or from a care-leaver record saying
 * the young person is no longer entitled; a person whose latest record has no date and says so has none.
 */
function entitlementClocks(r: ClockRecords, ix: RecordIndex, events: { personId: string; date: IsoDate | null }[]): ClockSubject[] {
  const careLeaverRecords = groupBy(r.careLeavers, (c) => c.personId);
  const subjects: ClockSubject[] = [];
  for (const [personId, dates] of groupDates(events, (e) => e.personId, (e) => e.date)) {
    const end = entitlementEnd(careLeaverRecords.get(personId) ?? [], ix.dob(personId));
    if (end === 'not entitled') continue;
    const { first, later } = firstAndLater(dates);
    subjects.push({ childId: personId, subjectId: personId, start: first, end: ix.endFor(personId, end), completions: later });
  }
  return subjects;
}

function entitlementEnd(records: CareLeaverRecord[], dob: IsoDate | null): IsoDate | null | 'not entitled' {
  // Undated records count as the earliest.
  const latest = [...records].sort((a, b) => byCodePoint(a.recordDate ?? '', b.recordDate ?? '')).at(-1);
  let end: IsoDate | null = dob ? addYears(dob, 25) : null;
  if (latest?.eligibility && NOT_ENTITLED.has(normaliseEligibility(latest.eligibility))) {
    if (latest.recordDate === null) return 'not entitled';
    end = earliest(end, latest.recordDate);
  }
  return end;
}

// ------------------------------------------------------------------------------- helpers

/** For clocks that start at the previous event: the first event starts the clock, later ones complete it. */
function firstAndLater(dates: readonly IsoDate[]): { first: IsoDate; later: IsoDate[] } {
  const first = dates.reduce((a, b) => (b < a ? b : a));
  return { first, later: dates.filter((d) => d > first) };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function earliest(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) push(map, key(item), item);
  return map;
}

/** The non-null dates of `items`, grouped by a non-null key. */
function groupDates<T>(items: readonly T[], key: (item: T) => string | null, date: (item: T) => IsoDate | null): Map<string, IsoDate[]> {
  const map = new Map<string, IsoDate[]>();
  for (const item of items) {
    const k = key(item);
    const d = date(item);
    if (k !== null && d !== null) push(map, k, d);
  }
  return map;
}
