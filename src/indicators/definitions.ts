// Every indicator, defined once. The dashboard, the report, the API and `tiller indicators` all read
// these; docs/indicators.md says the same in plain words, with every reading made where the DfE's
// wording leaves a choice. The first block is INTERFACES.md's, in its order; the rest complete the
// DfE set in reference/inspection-and-timescales.md §4.2.
import { addDays, addYears, ageOn, type IsoDate } from '../platform/calendar/calendar.ts';
import {
  sortedBetween,
  isShortBreakStatus,
  legalStatusOn,
  longTermCareSince,
  type AllocationKind,
  type AllocationRow,
  type CareLeaverRow,
  type IndicatorData,
  type PlacementRow,
  type ProfessionalRow,
  type ReferralRow,
  type AssessmentRow,
  type IcpcRow,
  type CpPlanRow,
} from './data.ts';
import { lazyTally, type IndicatorUnit, type Measure, type Member } from './measure.ts';
import { inPeriod, openOn, overlapsPeriod, type IndicatorPeriod } from './period.ts';
import { figureOn } from './settings.ts';

export type IndicatorArea = 'front door' | 'children in need' | 'assessment' | 'child protection' | 'children in care' | 'care leavers' | 'workforce';
export type GoodDirection = 'up' | 'down' | null;
export type BreakdownBy = 'team' | 'worker';

export interface IndicatorDefinition {
  id: string;
  title: string;
  unit: IndicatorUnit;
  /** Which way is better; null where neither is (a count of work, or a figure read only in context). */
  goodDirection: GoodDirection;
  area: IndicatorArea;
  /** The definition in plain words, for pages and the report. */
  definition: string;
  /** The breakdowns that mean something for this indicator. */
  breakdowns: readonly BreakdownBy[];
  compute(ctx: AsOfContext): Measure;
}

// ------------------------------------------------------------------ the context for one as-of date

export interface ChildLookedAfter {
  childId: string;
  /** Placements in any period of care that are not short breaks. */
  placements: PlacementRow[];
}

export type Eligibility = 'relevant' | 'former relevant' | 'qualifying' | 'eligible';

export interface CareLeaverAtAsOf {
  childId: string;
  age: number;
  eligibility: Eligibility;
  record: CareLeaverRow;
}

export interface AsOfContext extends IndicatorPeriod {
  data: IndicatorData;
  /** Children looked after at `asOf`, not only under short breaks. */
  childrenLookedAfter(): ChildLookedAfter[];
  /** People whose latest care-leaver record (dated on or before `asOf`) is an entitled category, aged 16–25. */
  careLeavers(): CareLeaverAtAsOf[];
  /** Case-holding allocations (CW and 16PLUS) open at `asOf`. */
  openAllocations(): AllocationRow[];
  referralsInPeriod(): ReferralRow[];
  cinOpen(): ReferralRow[];
  assessmentsInPeriod(): AssessmentRow[];
  icpcsInPeriod(): IcpcRow[];
  cpStartsInPeriod(): CpPlanRow[];
  cpOpen(): CpPlanRow[];
  professional(id: string): ProfessionalRow | undefined;
}

export function asOfContext(data: IndicatorData, period: IndicatorPeriod): AsOfContext {
  const { asOf } = period;
  const professionals = new Map(data.professionals.map((p) => [p.id, p]));
  return {
    ...period,
    data,
    childrenLookedAfter: once(() => childrenLookedAfter(data, asOf)),
    careLeavers: once(() => careLeaversOn(data, asOf)),
    openAllocations: once(() => data.allocations.filter((a) => openOn(a.start, a.end, asOf))),
    // The arrays are sorted by these dates, so a period is two binary searches.
    referralsInPeriod: once(() => sortedBetween(data.referrals, (r) => r.date, period.periodStart, asOf)),
    cinOpen: once(() => sortedBetween(data.referrals, (r) => r.date, '', asOf).filter((r) => r.closeDate === null || r.closeDate >= asOf)),
    assessmentsInPeriod: once(() => sortedBetween(data.assessments, (a) => a.authorisedDate, period.periodStart, asOf)),
    icpcsInPeriod: once(() => sortedBetween(data.icpcs, (i) => i.date, period.periodStart, asOf)),
    cpStartsInPeriod: once(() => sortedBetween(data.cpPlans, (c) => c.start, period.periodStart, asOf)),
    cpOpen: once(() => sortedBetween(data.cpPlans, (c) => c.start, '', asOf).filter((c) => c.end === null || c.end >= asOf)),
    professional: (id) => professionals.get(id),
  };
}

function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

function childrenLookedAfter(data: IndicatorData, asOf: IsoDate): ChildLookedAfter[] {
  const children = new Set<string>();
  for (const c of data.periodsOfCare) if (openOn(c.start, c.end, asOf)) children.add(c.childId);
  const out: ChildLookedAfter[] = [];
  for (const childId of children) {
    // Looked after only under short breaks: the legal status in force at asOf is V3 or V4
    // (no status in force: not short breaks).
    if (isShortBreakStatus(legalStatusOn(data.legalStatusesByChild.get(childId), asOf))) continue;
    out.push({ childId, placements: (data.placementsByChild.get(childId) ?? []).filter((p) => !p.shortBreak) });
  }
  return out;
}

const ELIGIBILITY: ReadonlyMap<string, Eligibility> = new Map([
  ['relevant', 'relevant'],
  ['relevant child', 'relevant'],
  ['former relevant', 'former relevant'],
  ['former relevant child', 'former relevant'],
  ['qualifying', 'qualifying'],
  ['qualifying care leaver', 'qualifying'],
  ['eligible', 'eligible'],
  ['eligible child', 'eligible'],
]);

export function eligibilityOf(value: string | null): Eligibility | null {
  return value === null ? null : (ELIGIBILITY.get(value.trim().toLowerCase().replace(/[\s_-]+/g, ' ')) ?? null);
}

/** The most recent record on or before `asOf`: latest record date (undated records oldest), then latest entered. */
function latestRecord(records: readonly CareLeaverRow[], asOf: IsoDate): CareLeaverRow | undefined {
  let found: CareLeaverRow | undefined;
  for (const r of records) {
    if (r.recordDate !== null && r.recordDate > asOf) continue;
    if (!found) {
      found = r;
      continue;
    }
    const a = r.recordDate ?? '';
    const b = found.recordDate ?? '';
    if (a > b || (a === b && (r.createdAt > found.createdAt || (r.createdAt === found.createdAt && r.id > found.id)))) found = r;
  }
  return found;
}

function careLeaversOn(data: IndicatorData, asOf: IsoDate): CareLeaverAtAsOf[] {
  const out: CareLeaverAtAsOf[] = [];
  for (const [childId, records] of data.careLeaverRecordsByChild) {
    const record = latestRecord(records, asOf);
    const eligibility = eligibilityOf(record?.eligibility ?? null);
    const dob = data.dobs.get(childId);
    // No date of birth: the age cannot be known, so the person is not counted.
    if (!record || !eligibility || !dob) continue;
    const age = ageOn(dob, asOf);
    if (age >= 16 && age <= 25) out.push({ childId, age, eligibility, record });
  }
  return out;
}

// ------------------------------------------------------------------ attribution for breakdowns

/** The case-holding allocation open on `on`: the preferred kind first, then the latest started. */
function allocationOn(data: IndicatorData, childId: string, on: IsoDate, prefer: AllocationKind): AllocationRow | undefined {
  let found: AllocationRow | undefined;
  for (const a of data.allocationsByChild.get(childId) ?? []) {
    if (!openOn(a.start, a.end, on)) continue;
    if (!found) found = a;
    else {
      const better = a.kind === prefer && found.kind !== prefer;
      const same = (a.kind === prefer) === (found.kind === prefer);
      if (better || (same && (a.start > found.start || (a.start === found.start && a.id > found.id)))) found = a;
    }
  }
  return found;
}

function byAllocation(
  ctx: AsOfContext,
  id: string,
  childId: string,
  on: IsoDate,
  prefer: AllocationKind = 'CW',
  fallback: { teamId: string | null; workerId: string | null } = { teamId: null, workerId: null },
): Member {
  const a = allocationOn(ctx.data, childId, on, prefer);
  return a ? { id, childId, teamId: a.teamId, workerId: a.workerId } : { id, childId, ...fallback };
}

const childOnly = (childId: string): Member => ({ id: childId, childId, teamId: null, workerId: null });

const own = (r: { id: string; childId: string; teamId: string | null; workerId: string | null }): Member => ({
  id: r.id,
  childId: r.childId,
  teamId: r.teamId,
  workerId: r.workerId,
});

/** A count of distinct records or children, one member each. */
function count<T>(items: readonly T[], toMember: (t: T) => Member): Measure {
  return { numerator: lazyTally(items, toMember), denominator: null };
}

/** Of distinct records or children (the denominator), those that `counts` (the numerator). */
function share<T>(items: readonly T[], toMember: (t: T) => Member, counts: (t: T) => boolean): Measure {
  return { numerator: lazyTally(items.filter(counts), toMember), denominator: lazyTally(items, toMember) };
}

function perTenThousandChildren(ctx: AsOfContext, numerator: Measure['numerator']): Measure {
  return { numerator, denominator: { total: figureOn(ctx.data.settings.childPopulation, ctx.asOf) } };
}

// ------------------------------------------------------------------ shared cohorts and readings

const childInCare = (ctx: AsOfContext) => (c: { childId: string }) => byAllocation(ctx, c.childId, c.childId, ctx.asOf);
const careLeaver = (ctx: AsOfContext) => (c: CareLeaverAtAsOf) =>
  byAllocation(ctx, c.childId, c.childId, ctx.asOf, '16PLUS', { teamId: c.record.teamId, workerId: c.record.workerId });

function suitability(value: string | null): 'suitable' | 'unsuitable' | null {
  const v = value?.trim().toLowerCase();
  if (v === '1' || v === 'suitable') return 'suitable';
  if (v === '2' || v === 'unsuitable') return 'unsuitable';
  return null; // any other value counts as none recorded
}

/** 903 ACTIV: F1–F5 and P1–P5 are education, employment or training (full or part time); G4–G6 are not. */
function inEducationEmploymentOrTraining(activity: string | null): boolean {
  return activity !== null && /^[FP][1-5](\b|$)/.test(activity.trim().toUpperCase());
}

/** The DfE's care-leaver cohorts by age band: relevant and former relevant young people (those who left care). */
function careLeaversAged(ctx: AsOfContext, from: number, to: number): CareLeaverAtAsOf[] {
  return ctx.careLeavers().filter((c) => c.age >= from && c.age <= to && (c.eligibility === 'relevant' || c.eligibility === 'former relevant'));
}

/** Start of the continuous care that includes `asOf`: periods of care that meet or overlap are one. */
function continuousCareStart(ctx: AsOfContext, childId: string): IsoDate | null {
  const periods = [...(ctx.data.periodsOfCareByChild.get(childId) ?? [])].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const current = periods.find((c) => openOn(c.start, c.end, ctx.asOf));
  if (!current) return null;
  let start = current.start;
  for (const c of periods) if (c.start < start && (c.end === null || c.end >= addDays(start, -1))) start = c.start;
  return start;
}

/**
 * How long the child has lived where they live now: the current placement, joined to the placements
 * before it while the carer is the same, and (for a child placed for adoption, A3–A6) to the placement
 * just before the adoptive one, as the DfE's long-term stability measure reads.
 */
function currentPlacementSince(placements: readonly PlacementRow[], asOf: IsoDate): IsoDate | null {
  const open = placements.filter((p) => openOn(p.start, p.end, asOf)).sort((a, b) => (a.start < b.start ? 1 : -1));
  let current = open[0];
  if (!current) return null;
  let since = current.start;
  let adoptionJoined = false;
  for (;;) {
    const start = since;
    const previous = placements
      .filter((p) => p.start < start && p.end !== null && p.end >= addDays(start, -1))
      .sort((a, b) => (a.start < b.start ? 1 : -1))[0];
    if (!previous) return since;
    const sameCarer = current.carerId !== null && previous.carerId === current.carerId;
    const adoptive = !adoptionJoined && /^A[3-6]$/.test(current.type);
    if (!sameCarer && !adoptive) return since;
    if (adoptive && !sameCarer) adoptionJoined = true;
    since = previous.start;
    current = previous;
  }
}

function socialWorkersInPost(ctx: AsOfContext): ProfessionalRow[] {
  return ctx.data.professionals.filter((p) => p.socialWorker && (p.start === null || p.start <= ctx.asOf) && (p.end === null || p.end >= ctx.asOf));
}

const workerMember = (p: ProfessionalRow): Member => ({ id: p.id, childId: null, teamId: p.teamId, workerId: p.id, weight: p.fte });

// ------------------------------------------------------------------ the indicators

export const INDICATORS: readonly IndicatorDefinition[] = [
  // ---------------------------------------------------------------- INTERFACES.md, in its order
  {
    id: 'referrals_count',
    title: 'Referrals',
    unit: 'count',
    goodDirection: null,
    area: 'front door',
    definition: 'Referrals (CIN episodes) with a referral date in the period.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.referralsInPeriod(), own),
  },
  {
    id: 'rereferrals_12m_pct',
    title: 'Re-referrals within 12 months',
    unit: 'percent',
    goodDirection: 'down',
    area: 'front door',
    definition:
      'Of the referrals in the period, the share whose child had an earlier referral dated on or after the same day 12 months before (exactly 12 months counts; two referrals on the same day are not re-referrals of each other).',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(ctx.referralsInPeriod(), own, (r) => r.rereferral),
  },
  {
    id: 'referrals_nfa_pct',
    title: 'Referrals with no further action',
    unit: 'percent',
    goodDirection: 'down',
    area: 'front door',
    definition: 'Of the referrals in the period, the share with referral NFA recorded.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(ctx.referralsInPeriod(), own, (r) => r.nfa),
  },
  {
    id: 'assessments_completed_count',
    title: 'Assessments completed',
    unit: 'count',
    goodDirection: null,
    area: 'assessment',
    definition: 'Assessments authorised in the period.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.assessmentsInPeriod(), own),
  },
  {
    id: 'assessments_within_45wd_pct',
    title: 'Assessments completed within 45 working days',
    unit: 'percent',
    goodDirection: 'up',
    area: 'assessment',
    definition:
      'Of the assessments authorised in the period, the share authorised within 45 working days of the assessment start date (no start date: not in time).',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(ctx.assessmentsInPeriod(), own, (a) => a.within45),
  },
  {
    id: 's47_count',
    title: 'Section 47 enquiries',
    unit: 'count',
    goodDirection: null,
    area: 'child protection',
    definition: 'Section 47 enquiries started in the period.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(sortedBetween(ctx.data.s47s, (s) => s.startDate, ctx.periodStart, ctx.asOf), own),
  },
  {
    id: 'icpc_count',
    title: 'Initial child protection conferences',
    unit: 'count',
    goodDirection: null,
    area: 'child protection',
    definition: 'Initial child protection conferences held in the period, transfer-in conferences excluded.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.icpcsInPeriod(), own),
  },
  {
    id: 'icpc_within_15wd_pct',
    title: 'Initial conferences within 15 working days of the S47 start',
    unit: 'percent',
    goodDirection: 'up',
    area: 'child protection',
    definition:
      'Of those conferences, the share held within 15 working days of the start of the S47 enquiry they follow; conferences with no S47, or dated before its start, are left out; an S47 with no start date is not in time.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(ctx.icpcsInPeriod().filter((i) => i.timed), own, (i) => i.within15),
  },
  {
    id: 'cpp_starts_count',
    title: 'Child protection plans started',
    unit: 'count',
    goodDirection: null,
    area: 'child protection',
    definition: 'Child protection plans starting in the period.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.cpStartsInPeriod(), (c) => byAllocation(ctx, c.id, c.childId, c.start)),
  },
  {
    id: 'cpp_repeat_pct',
    title: 'Child protection plans that are a second or later plan',
    unit: 'percent',
    goodDirection: 'down',
    area: 'child protection',
    definition:
      "Of the plans starting in the period, the share for a child who had an earlier plan (started before this one) at any time, another authority's plan recorded here included.",
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(ctx.cpStartsInPeriod(), (c) => byAllocation(ctx, c.id, c.childId, c.start), (c) => c.earlierPlan),
  },
  {
    id: 'cpp_open_count',
    title: 'Child protection plans open',
    unit: 'count',
    goodDirection: null,
    area: 'child protection',
    definition: 'Child protection plans open at the as-of date.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.cpOpen(), (c) => byAllocation(ctx, c.id, c.childId, ctx.asOf)),
  },
  {
    id: 'cpp_2yrs_plus_pct',
    title: 'Child protection plans open two years or more',
    unit: 'percent',
    goodDirection: 'down',
    area: 'child protection',
    definition:
      "Of the plans open at the as-of date, the share for which the as-of date is on or after the plan's second anniversary (the anniversary of 29 February is 28 February).",
    breakdowns: ['team', 'worker'],
    compute: (ctx) =>
      share(
        ctx.cpOpen(),
        (c) => byAllocation(ctx, c.id, c.childId, ctx.asOf),
        (c) => ctx.asOf >= c.secondAnniversary,
      ),
  },
  {
    id: 'cin_open_count',
    title: 'Children in need episodes open',
    unit: 'count',
    goodDirection: null,
    area: 'children in need',
    definition: 'CIN episodes open at the as-of date.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.cinOpen(), (r) => byAllocation(ctx, r.id, r.childId, ctx.asOf, 'CW', r)),
  },
  {
    id: 'cla_count',
    title: 'Children looked after',
    unit: 'count',
    goodDirection: null,
    area: 'children in care',
    definition: 'Children looked after at the as-of date, leaving out those looked after only under a series of short breaks (legal status V3 or V4).',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.childrenLookedAfter(), childInCare(ctx)),
  },
  {
    id: 'cla_3plus_placements_pct',
    title: 'Children looked after with three or more placements in the year',
    unit: 'percent',
    goodDirection: 'down',
    area: 'children in care',
    definition:
      'Of the children looked after, the share with three or more placements overlapping the period, in any period of care; short-break placements are left out.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(ctx.childrenLookedAfter(), childInCare(ctx), (c) => c.placements.filter((p) => overlapsPeriod(p.start, p.end, ctx)).length >= 3),
  },
  {
    id: 'care_leavers_count',
    title: 'Care leavers',
    unit: 'count',
    goodDirection: null,
    area: 'care leavers',
    definition:
      'People whose most recent care-leaver record has eligibility relevant, former relevant, qualifying or eligible, aged 16 to 25 at the as-of date.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => count(ctx.careLeavers(), careLeaver(ctx)),
  },
  {
    id: 'care_leavers_suitable_accom_pct',
    title: 'Care leavers in suitable accommodation',
    unit: 'percent',
    goodDirection: 'up',
    area: 'care leavers',
    definition: 'Of the care leavers with a suitability recorded (1 or Suitable; 2 or Unsuitable), the share suitable; those with none recorded are left out.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) =>
      share(
        ctx.careLeavers().filter((c) => suitability(c.record.accommodationSuitable) !== null),
        careLeaver(ctx),
        (c) => suitability(c.record.accommodationSuitable) === 'suitable',
      ),
  },
  {
    id: 'avg_caseload',
    title: 'Average caseload',
    unit: 'ratio',
    goodDirection: 'down',
    area: 'workforce',
    definition:
      'Children and young people (care leavers included) with a case-holding allocation (CW or 16PLUS) open at the as-of date, divided by the distinct workers holding at least one (headcount).',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => {
      const open = ctx.openAllocations();
      return {
        numerator: { members: open.map((a) => ({ id: a.childId, childId: a.childId, teamId: a.teamId, workerId: a.workerId })) },
        denominator: { members: open.map((a) => ({ id: a.workerId, childId: null, teamId: a.teamId, workerId: a.workerId })) },
      };
    },
  },
  {
    id: 'repeat_contact_nfa_children_count',
    title: 'Children with repeat contacts all ending in no further action',
    unit: 'count',
    goodDirection: 'down',
    area: 'front door',
    definition: 'Children with three or more contacts dated in the period, every one of them ending in no further action or advice only.',
    breakdowns: [],
    compute: (ctx) => {
      const byChild = new Map<string, { contacts: number; allNfa: boolean }>();
      for (const c of sortedBetween(ctx.data.contacts, (c) => c.date, ctx.periodStart, ctx.asOf)) {
        const t = byChild.get(c.childId) ?? { contacts: 0, allNfa: true };
        t.contacts += 1;
        t.allNfa &&= c.nfaOrAdvice && (c.decisionDate === null || c.decisionDate <= ctx.asOf);
        byChild.set(c.childId, t);
      }
      const children = [...byChild].filter(([, t]) => t.contacts >= 3 && t.allNfa).map(([childId]) => childId);
      return count(children, childOnly);
    },
  },

  // ---------------------------------------------------------------- the rest of the DfE set (§4.2)
  {
    id: 'referral_rate_per_10k',
    title: 'Referrals per 10,000 children',
    unit: 'rate',
    goodDirection: null,
    area: 'front door',
    definition: `Referrals in the period per 10,000 children aged 0 to 17 (council setting child_population_0_17); no value until the population is set.`,
    breakdowns: [],
    compute: (ctx) => perTenThousandChildren(ctx, lazyTally(ctx.referralsInPeriod(), own)),
  },
  {
    id: 'cin_rate_per_10k',
    title: 'Children in need per 10,000 children',
    unit: 'rate',
    goodDirection: null,
    area: 'children in need',
    definition: 'Children with a CIN episode open at the as-of date per 10,000 children aged 0 to 17; no value until the population is set.',
    breakdowns: [],
    compute: (ctx) => perTenThousandChildren(ctx, lazyTally([...new Set(ctx.cinOpen().map((r) => r.childId))], childOnly)),
  },
  {
    id: 'cla_rate_per_10k',
    title: 'Children looked after per 10,000 children',
    unit: 'rate',
    goodDirection: null,
    area: 'children in care',
    definition: 'Children looked after at the as-of date (short breaks excluded) per 10,000 children aged 0 to 17; no value until the population is set.',
    breakdowns: [],
    compute: (ctx) => perTenThousandChildren(ctx, lazyTally(ctx.childrenLookedAfter(), (c) => childOnly(c.childId))),
  },
  {
    id: 'cla_long_term_stability_pct',
    title: 'Long-term placement stability',
    unit: 'percent',
    goodDirection: 'up',
    area: 'children in care',
    definition:
      'Of the children looked after aged under 16 at the as-of date who have been looked after continuously for at least 2½ years, the share living in the same placement (or with the same carer, or placed for adoption with the placement before it) for at least 2 years.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => {
      const cohort = ctx.childrenLookedAfter().filter((c) => {
        const dob = ctx.data.dobs.get(c.childId);
        const careStart = continuousCareStart(ctx, c.childId);
        return dob !== undefined && ageOn(dob, ctx.asOf) < 16 && careStart !== null && careStart <= longTermCareSince(ctx.asOf);
      });
      return share(cohort, childInCare(ctx), (c) => {
        const since = currentPlacementSince(c.placements, ctx.asOf);
        return since !== null && since <= addYears(ctx.asOf, -2);
      });
    },
  },
  {
    id: 'cla_3plus_social_workers_pct',
    title: 'Children looked after with three or more social workers in the year',
    unit: 'percent',
    goodDirection: 'down',
    area: 'children in care',
    definition:
      'Of the children looked after, the share with three or more distinct allocated social workers (CW allocations) overlapping the period, each worker counted once per child.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) =>
      share(ctx.childrenLookedAfter(), childInCare(ctx), (c) => {
        const workers = new Set<string>();
        for (const a of ctx.data.allocationsByChild.get(c.childId) ?? []) if (a.kind === 'CW' && overlapsPeriod(a.start, a.end, ctx)) workers.add(a.workerId);
        return workers.size >= 3;
      }),
  },
  {
    id: 'care_leavers_17_18_suitable_accom_pct',
    title: 'Care leavers aged 17 to 18 in suitable accommodation',
    unit: 'percent',
    goodDirection: 'up',
    area: 'care leavers',
    definition: 'Of the relevant and former relevant care leavers aged 17 or 18, the share whose accommodation is recorded as suitable (those with no information stay in the denominator, as the DfE counts).',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(careLeaversAged(ctx, 17, 18), careLeaver(ctx), (c) => suitability(c.record.accommodationSuitable) === 'suitable'),
  },
  {
    id: 'care_leavers_19_21_suitable_accom_pct',
    title: 'Care leavers aged 19 to 21 in suitable accommodation',
    unit: 'percent',
    goodDirection: 'up',
    area: 'care leavers',
    definition: 'As for 17 to 18, for those aged 19, 20 or 21.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(careLeaversAged(ctx, 19, 21), careLeaver(ctx), (c) => suitability(c.record.accommodationSuitable) === 'suitable'),
  },
  {
    id: 'care_leavers_17_18_eet_pct',
    title: 'Care leavers aged 17 to 18 in education, employment or training',
    unit: 'percent',
    goodDirection: 'up',
    area: 'care leavers',
    definition: 'Of the relevant and former relevant care leavers aged 17 or 18, the share whose activity is education, employment or training (903 ACTIV F1–F5, P1–P5); no information stays in the denominator.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(careLeaversAged(ctx, 17, 18), careLeaver(ctx), (c) => inEducationEmploymentOrTraining(c.record.activity)),
  },
  {
    id: 'care_leavers_19_21_eet_pct',
    title: 'Care leavers aged 19 to 21 in education, employment or training',
    unit: 'percent',
    goodDirection: 'up',
    area: 'care leavers',
    definition: 'As for 17 to 18, for those aged 19, 20 or 21.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => share(careLeaversAged(ctx, 19, 21), careLeaver(ctx), (c) => inEducationEmploymentOrTraining(c.record.activity)),
  },
  {
    id: 'workforce_turnover_pct',
    title: 'Social worker turnover',
    unit: 'percent',
    goodDirection: 'down',
    area: 'workforce',
    definition:
      'FTE of permanent (non-agency) social workers who left in the period, divided by the FTE of permanent social workers in post at the as-of date (the DfE workforce census, read at the as-of date instead of 30 September).',
    breakdowns: ['team'],
    compute: (ctx) => ({
      numerator: { members: ctx.data.professionals.filter((p) => p.socialWorker && !p.agency && p.end !== null && inPeriod(p.end, ctx)).map(workerMember), distinct: true },
      denominator: { members: socialWorkersInPost(ctx).filter((p) => !p.agency).map(workerMember), distinct: true },
    }),
  },
  {
    id: 'workforce_agency_pct',
    title: 'Agency social worker rate',
    unit: 'percent',
    goodDirection: 'down',
    area: 'workforce',
    definition: 'FTE of agency social workers in post at the as-of date, divided by the FTE of all social workers in post (agency and permanent).',
    breakdowns: ['team'],
    compute: (ctx) => {
      const inPost = socialWorkersInPost(ctx);
      return { numerator: { members: inPost.filter((p) => p.agency).map(workerMember), distinct: true }, denominator: { members: inPost.map(workerMember), distinct: true } };
    },
  },
  {
    id: 'workforce_vacancy_pct',
    title: 'Social worker vacancy rate',
    unit: 'percent',
    goodDirection: 'down',
    area: 'workforce',
    definition:
      'FTE vacancies (the funded establishment, council setting social_worker_establishment_fte, less the FTE of permanent social workers in post; posts covered by agency workers are vacancies) divided by vacancies plus permanent FTE in post; no value until the establishment is set.',
    breakdowns: [],
    compute: (ctx) => {
      const establishment = figureOn(ctx.data.settings.establishmentFte, ctx.asOf);
      if (establishment === null) return { numerator: { total: null }, denominator: { total: null } };
      const permanent = socialWorkersInPost(ctx)
        .filter((p) => !p.agency)
        .reduce((sum, p) => sum + Math.round(p.fte * 100), 0);
      const vacancies = Math.max(0, Math.round(establishment * 100) - permanent);
      return { numerator: { total: vacancies / 100 }, denominator: { total: (vacancies + permanent) / 100 } };
    },
  },
  {
    id: 'avg_caseload_fte',
    title: 'Average caseload per FTE social worker',
    unit: 'ratio',
    goodDirection: 'down',
    area: 'workforce',
    definition:
      'Cases held by social workers (CW allocations open at the as-of date, agency included; a child held by two workers is a case of each) divided by the FTE of the social workers holding at least one case.',
    breakdowns: ['team', 'worker'],
    compute: (ctx) => {
      const open = ctx.openAllocations().filter((a) => a.kind === 'CW');
      return {
        numerator: { members: open.map((a) => ({ id: `${a.workerId}|${a.childId}`, childId: a.childId, teamId: a.teamId, workerId: a.workerId })) },
        denominator: {
          members: open.map((a) => ({ id: a.workerId, childId: null, teamId: a.teamId, workerId: a.workerId, weight: ctx.professional(a.workerId)?.fte ?? 1 })),
        },
      };
    },
  },
];

/** INTERFACES.md's ids, in its order: `tiller indicators` lists these first. */
export const INTERFACE_INDICATOR_IDS = [
  'referrals_count',
  'rereferrals_12m_pct',
  'referrals_nfa_pct',
  'assessments_completed_count',
  'assessments_within_45wd_pct',
  's47_count',
  'icpc_count',
  'icpc_within_15wd_pct',
  'cpp_starts_count',
  'cpp_repeat_pct',
  'cpp_open_count',
  'cpp_2yrs_plus_pct',
  'cin_open_count',
  'cla_count',
  'cla_3plus_placements_pct',
  'care_leavers_count',
  'care_leavers_suitable_accom_pct',
  'avg_caseload',
  'repeat_contact_nfa_children_count',
] as const;

export function indicatorDefinition(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.id === id);
}
