// The few columns the indicators need, loaded in a handful of queries for a window of as-of dates and
// then computed in TypeScript (the working-day rules need the calendar, and a monthly series reads the
// records once, not once a month). SQL does the filtering by date; rows whose record or whose person
// is deleted are never loaded, so no definition has to remember them.
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { addDays, addMonths, addYears, type IsoDate } from '../platform/calendar/calendar.ts';
import { indicatorPeriod } from './period.ts';
import { loadIndicatorSettings, type IndicatorSettings } from './settings.ts';
import { workingDaysFrom } from './working-days.ts';

export interface ReferralRow {
  id: string;
  childId: string;
  date: IsoDate;
  closeDate: IsoDate | null;
  nfa: boolean;
  teamId: string | null;
  workerId: string | null;
  /** The child had an earlier referral (a strictly earlier date) on or after the same day 12 months before. */
  rereferral: boolean;
}

export interface AssessmentRow {
  id: string;
  childId: string;
  startDate: IsoDate | null;
  authorisedDate: IsoDate;
  teamId: string | null;
  workerId: string | null;
  within45: boolean;
}

export interface S47Row {
  id: string;
  childId: string;
  startDate: IsoDate;
  teamId: string | null;
  workerId: string | null;
}

export interface IcpcRow {
  id: string;
  childId: string;
  date: IsoDate;
  teamId: string | null;
  workerId: string | null;
  /** Counted in the timeliness denominator: follows an S47 and is not dated before its start. */
  timed: boolean;
  within15: boolean;
}

export interface CpPlanRow {
  id: string;
  childId: string;
  start: IsoDate;
  end: IsoDate | null;
  /** The child has another plan (any authority's) that started before this one. */
  earlierPlan: boolean;
  /** Two years after the start; the anniversary of 29 February is 28 February. */
  secondAnniversary: IsoDate;
}

export interface PeriodOfCareRow {
  id: string;
  childId: string;
  start: IsoDate;
  end: IsoDate | null;
}

export interface LegalStatusRow {
  id: string;
  childId: string;
  code: string;
  start: IsoDate;
  end: IsoDate | null;
}

export interface PlacementRow {
  id: string;
  childId: string;
  start: IsoDate;
  end: IsoDate | null;
  type: string;
  carerId: string | null;
  /** The legal status in force on its start date is V3 or V4. */
  shortBreak: boolean;
}

export interface CareLeaverRow {
  id: string;
  childId: string;
  recordDate: IsoDate | null;
  createdAt: number;
  eligibility: string | null;
  accommodationSuitable: string | null;
  activity: string | null;
  teamId: string | null;
  workerId: string | null;
}

export type AllocationKind = 'CW' | '16PLUS';

export interface AllocationRow {
  id: string;
  childId: string;
  workerId: string;
  kind: AllocationKind;
  /** The worker's team, else the team recorded on the involvement. */
  teamId: string | null;
  start: IsoDate;
  end: IsoDate | null;
}

export interface ContactRow {
  childId: string;
  date: IsoDate;
  /** A decision dated after an as-of date was not known on it (as the practice flags read it). */
  decisionDate: IsoDate | null;
  nfaOrAdvice: boolean;
}

export interface ProfessionalRow {
  id: string;
  teamId: string | null;
  agency: boolean;
  fte: number;
  start: IsoDate | null;
  end: IsoDate | null;
  socialWorker: boolean;
}

/** The record arrays are sorted by the date each indicator selects on (referral, authorisation, start, conference, contact). */
export interface IndicatorData {
  /** The as-of dates this data answers for. */
  firstAsOf: IsoDate;
  lastAsOf: IsoDate;
  referrals: ReferralRow[];
  assessments: AssessmentRow[];
  s47s: S47Row[];
  icpcs: IcpcRow[];
  cpPlans: CpPlanRow[];
  periodsOfCare: PeriodOfCareRow[];
  periodsOfCareByChild: Map<string, PeriodOfCareRow[]>;
  legalStatusesByChild: Map<string, LegalStatusRow[]>;
  placementsByChild: Map<string, PlacementRow[]>;
  careLeaverRecordsByChild: Map<string, CareLeaverRow[]>;
  allocations: AllocationRow[];
  allocationsByChild: Map<string, AllocationRow[]>;
  contacts: ContactRow[];
  /** The workforce in post or leaving in the window. */
  professionals: ProfessionalRow[];
  teams: Map<string, string>;
  dobs: Map<string, IsoDate>;
  settings: IndicatorSettings;
}

// ------------------------------------------------------------------ readings of recorded values

/**
 * Case-holding roles: SSD codes CW (allocated social worker) and 16PLUS (leaving-care worker or personal
 * adviser), or those roles' descriptions; the same reading as the practice flags (src/flags/allocation.ts),
 * so the caseload and the no-allocated-worker flag agree on who holds a case.
 */
const ROLE_CODES: ReadonlyMap<string, AllocationKind> = new Map([
  ['CW', 'CW'],
  ['16PLUS', '16PLUS'],
]);
const ROLE_DESCRIPTIONS: ReadonlyMap<string, AllocationKind> = new Map([
  ['allocated case worker', 'CW'],
  ['allocated social worker', 'CW'],
  ['allocated worker', 'CW'],
  ['leaving care worker', '16PLUS'],
  ['personal adviser', '16PLUS'],
  ['personal advisor', '16PLUS'],
]);

export function allocationKind(role: string): AllocationKind | null {
  return ROLE_CODES.get(role.trim().toUpperCase()) ?? ROLE_DESCRIPTIONS.get(role.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()) ?? null;
}

/** The SSD's flag spellings: "Y"/"N", booleans, and the like. */
function flagTrue(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1;
  return typeof v === 'string' && ['y', 'yes', 't', 'true', '1'].includes(v.trim().toLowerCase());
}

/**
 * A contact ends in no further action or advice only. The typed outcome decides; a contact imported with
 * only the SSD outcome JSON counts when its true flags are NFA_FLAG and/or ADVICE_FLAG and nothing else.
 */
export function contactEndsInNfaOrAdvice(outcome: string | null, outcomeJson: unknown): boolean {
  if (outcome !== null) return outcome === 'nfa' || outcome === 'advice';
  let json = outcomeJson;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      return false;
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const trueFlags = Object.entries(json as Record<string, unknown>)
    .filter(([k, v]) => k.toUpperCase().endsWith('_FLAG') && flagTrue(v))
    .map(([k]) => k.toUpperCase());
  return trueFlags.length > 0 && trueFlags.every((k) => k === 'NFA_FLAG' || k === 'ADVICE_FLAG');
}

const SHORT_BREAKS = new Set(['V3', 'V4']);

/** The legal status in force on `on`: the latest started of those open that day (a change on `on` wins). */
export function legalStatusOn(statuses: readonly LegalStatusRow[] | undefined, on: IsoDate): LegalStatusRow | undefined {
  let found: LegalStatusRow | undefined;
  for (const s of statuses ?? []) {
    if (s.start <= on && (s.end === null || s.end >= on) && (!found || s.start > found.start || (s.start === found.start && s.id > found.id))) found = s;
  }
  return found;
}

export function isShortBreakStatus(status: LegalStatusRow | undefined): boolean {
  return status !== undefined && SHORT_BREAKS.has(status.code.trim().toUpperCase());
}

function groupBy<T extends { childId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.childId);
    if (list) list.push(r);
    else map.set(r.childId, [r]);
  }
  return map;
}

// ------------------------------------------------------------------ loading

export interface LoadWindow {
  firstAsOf: IsoDate;
  lastAsOf: IsoDate;
}

/** Loads what the indicators need to answer for every as-of date from `firstAsOf` to `lastAsOf`. */
export async function loadIndicatorData(db: Db, window: LoadWindow): Promise<IndicatorData> {
  const { firstAsOf, lastAsOf } = window;
  const periodStart = indicatorPeriod(firstAsOf).periodStart;
  // Re-referrals look back 12 months from each referral in the period.
  const referralLookback = addYears(periodStart, -1);
  // Long-term stability looks back 2 years of placement (and over a child's whole history of care).
  const placementLookback = addDays(addYears(firstAsOf, -2), -2);

  const lookedAfterInWindow = db
    .selectFrom('period_of_care')
    .select('person_id')
    .where('deleted_at', 'is', null)
    .where('start_date', '<=', lastAsOf)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', firstAsOf)]));

  // Deleted people are few: their ids are read once and their records dropped here, which keeps a join
  // to person out of every query (and the planner's estimates honest).
  const [
    deletedPeople,
    deletedWorkers,
    referralRows,
    assessmentRows,
    s47Rows,
    icpcRows,
    cpRows,
    periodRows,
    statusRows,
    placementRows,
    careLeaverRows,
    involvementRows,
    contactRows,
    professionalRows,
    teamRows,
    settings,
  ] = await atMostAtOnce(QUERIES_AT_ONCE, [
    () => db.selectFrom('person').select('id').where('deleted_at', 'is not', null).execute(),
    () => db.selectFrom('professional').select('id').where('deleted_at', 'is not', null).execute(),
    // Each referral with the child's latest referral on an earlier day (a window over the same rows), so
    // the look-back rows stay in the database.
    async () =>
      (
        await sql<{ id: string; person_id: string; referral_date: IsoDate; close_date: IsoDate | null; referral_nfa: boolean; team_id: string | null; worker_id: string | null; previous_date: IsoDate | null }>`
        select id, person_id, referral_date, close_date, referral_nfa, team_id, worker_id, previous_date from (
          select id, person_id, referral_date, close_date, referral_nfa, team_id, worker_id,
            max(referral_date) over (partition by person_id order by referral_date range between unbounded preceding and '1 day' preceding) as previous_date
          from cin_episode
          where deleted_at is null and referral_date <= ${lastAsOf}
            and (referral_date >= ${referralLookback} or close_date is null or close_date >= ${firstAsOf})
        ) r
        where referral_date >= ${periodStart} or close_date is null or close_date >= ${firstAsOf}`.execute(db)
      ).rows,
    () => db
      .selectFrom('assessment')
      .select(['id', 'person_id', 'start_date', 'authorised_date', 'team_id', 'worker_id'])
      .where('deleted_at', 'is', null)
      .where('authorised_date', '>=', periodStart)
      .where('authorised_date', '<=', lastAsOf)
      .execute(),
    () => db
      .selectFrom('s47_enquiry')
      .select(['id', 'person_id', 'start_date', 'team_id', 'worker_id'])
      .where('deleted_at', 'is', null)
      .where('start_date', '>=', periodStart)
      .where('start_date', '<=', lastAsOf)
      .execute(),
    () => db
      .selectFrom('icpc as i')
      .leftJoin('s47_enquiry as s', (join) => join.onRef('s.id', '=', 'i.s47_enquiry_id').on('s.deleted_at', 'is', null))
      .select(['i.id', 'i.person_id', 'i.conference_date', 'i.team_id', 'i.worker_id', 's.id as s47_id', 's.start_date as s47_start'])
      .where('i.deleted_at', 'is', null)
      .where('i.transfer_in', '=', false)
      .where('i.conference_date', '>=', periodStart)
      .where('i.conference_date', '<=', lastAsOf)
      .execute(),
    // Plans starting in the window or open on an as-of date in it, each knowing whether the child has a
    // plan that started earlier (a repeat looks back without limit, so the window is over all plans).
    async () =>
      (
        await sql<{ id: string; person_id: string; start_date: IsoDate; end_date: IsoDate | null; first_start: IsoDate }>`
        select id, person_id, start_date, end_date, first_start from (
          select id, person_id, start_date, end_date, min(start_date) over (partition by person_id) as first_start
          from cp_plan
          where deleted_at is null and start_date <= ${lastAsOf}
        ) c
        where start_date >= ${periodStart} or end_date is null or end_date >= ${firstAsOf}`.execute(db)
      ).rows,
    // Children in care: only those looked after on an as-of date in the window, with their whole history
    // of care (continuous care), their legal statuses and their recent placements.
    () => db
      .selectFrom('period_of_care as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .select(['c.id', 'c.person_id', 'c.start_date', 'c.end_date', 'p.dob'])
      .where('c.deleted_at', 'is', null)
      .where('c.start_date', '<=', lastAsOf)
      .where('c.person_id', 'in', lookedAfterInWindow)
      .execute(),
    () => db
      .selectFrom('legal_status')
      .select(['id', 'person_id', 'code', 'start_date', 'end_date'])
      .where('deleted_at', 'is', null)
      .where('start_date', '<=', lastAsOf)
      .where('person_id', 'in', lookedAfterInWindow)
      .execute(),
    () => db
      .selectFrom('placement as pl')
      .innerJoin('period_of_care as c', 'c.id', 'pl.period_of_care_id')
      .select(['pl.id', 'pl.person_id', 'pl.start_date', 'pl.end_date', 'pl.placement_type', 'pl.carer_id'])
      .where('pl.deleted_at', 'is', null)
      .where('c.deleted_at', 'is', null)
      .where('pl.start_date', '<=', lastAsOf)
      .where((eb) => eb.or([eb('pl.end_date', 'is', null), eb('pl.end_date', '>=', placementLookback)]))
      .where('pl.person_id', 'in', lookedAfterInWindow)
      .execute(),
    // Only records that can be someone's latest on an as-of date in the window: those dated inside it, and
    // each person's latest dated record and latest undated one before it.
    async () =>
      (
        await sql<{
        id: string;
        person_id: string;
        record_date: IsoDate | null;
        created_ms: number;
        eligibility: string | null;
        accommodation_suitable: string | null;
        activity: string | null;
        team_id: string | null;
        worker_id: string | null;
        dob: IsoDate | null;
      }>`
        select cl.id, cl.person_id, cl.record_date, cl.created_ms, cl.eligibility, cl.accommodation_suitable, cl.activity, cl.team_id, cl.worker_id, p.dob
        from (
          select id, person_id, record_date, (extract(epoch from created_at) * 1000)::float8 as created_ms, eligibility, accommodation_suitable, activity,
            team_id, worker_id,
            row_number() over (partition by person_id, record_date > ${firstAsOf} order by record_date desc nulls last, created_at desc, id desc) as rank
          from care_leaver
          where deleted_at is null and (record_date is null or record_date <= ${lastAsOf})
        ) cl
        join person p on p.id = cl.person_id
        where cl.rank = 1 or cl.record_date > ${firstAsOf}`.execute(db)
      ).rows,
    // Roles are read in TypeScript (allocationKind): the other roles are few, and a role expression in
    // SQL would hide the date filter's selectivity from the planner.
    // Allocations open on an as-of date (caseload, breakdowns), and the rest of the period's only for the
    // children who need them: those in care (social worker changes) and those whose CP plan started then.
    () => db
      .selectFrom('involvement')
      .select(['id', 'person_id', 'professional_id', 'role', 'start_date', 'end_date', 'team_id'])
      .where('deleted_at', 'is', null)
      .where('start_date', '<=', lastAsOf)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', periodStart)]))
      .where((eb) =>
        eb.or([
          eb('end_date', 'is', null),
          eb('end_date', '>=', firstAsOf),
          eb('person_id', 'in', lookedAfterInWindow),
          eb('person_id', 'in', eb.selectFrom('cp_plan').select('person_id').where('deleted_at', 'is', null).where('start_date', '>=', periodStart).where('start_date', '<=', lastAsOf)),
        ]),
      )
      .execute(),
    // Only children with three or more contacts somewhere in the window can be repeat-contact children
    // (counted in one pass over the window's contacts).
    async () =>
      (
        await sql<{ person_id: string; contact_date: IsoDate; decision_date: IsoDate | null; outcome: string | null; outcome_json: unknown }>`
        select person_id, contact_date, decision_date, outcome, outcome_json from (
          select person_id, contact_date, decision_date, outcome, case when outcome is null then outcome_json end as outcome_json,
            count(*) over (partition by person_id) as contacts
          from contact
          where deleted_at is null and contact_date >= ${periodStart} and contact_date <= ${lastAsOf}
        ) c
        where contacts >= 3`.execute(db)
      ).rows,
    // The workforce in post or leaving in the window (a large council's history holds many more).
    () => db
      .selectFrom('professional')
      .select(['id', 'team_id', 'agency', 'fte', 'start_date', 'end_date', 'swe_registration_no', 'job_title'])
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', periodStart)]))
      .where((eb) => eb.or([eb('start_date', 'is', null), eb('start_date', '<=', lastAsOf)]))
      .execute(),
    () => db.selectFrom('team').select(['id', 'name']).where('deleted_at', 'is', null).execute(),
    () => loadIndicatorSettings(db),
  ] as const);

  const gone = new Set(deletedPeople.map((p) => p.id));
  const live = <T extends { person_id: string }>(rows: T[]): T[] => (gone.size === 0 ? rows : rows.filter((r) => !gone.has(r.person_id)));

  const dobs = new Map<string, IsoDate>();
  for (const r of [...periodRows, ...careLeaverRows]) if (r.dob) dobs.set(r.person_id, r.dob);

  const legalStatusesByChild = groupBy(
    live(statusRows).map((r) => ({ id: r.id, childId: r.person_id, code: r.code, start: r.start_date, end: r.end_date })),
  );

  const referrals: ReferralRow[] = live(referralRows)
    .map((r) => ({
      id: r.id,
      childId: r.person_id,
      date: r.referral_date,
      closeDate: r.close_date,
      nfa: r.referral_nfa,
      teamId: r.team_id,
      workerId: r.worker_id,
      rereferral: isRereferral(r.referral_date, r.previous_date),
    }))
    .sort(byKey((r) => r.date));

  const assessments: AssessmentRow[] = live(assessmentRows)
    .map((a) => ({
      id: a.id,
      childId: a.person_id,
      startDate: a.start_date,
      authorisedDate: a.authorised_date!,
      teamId: a.team_id,
      workerId: a.worker_id,
      // No start date: stays in the denominator and is not in time.
      within45: a.start_date !== null && workingDaysFrom(a.start_date, a.authorised_date!) <= 45,
    }))
    .sort(byKey((a) => a.authorisedDate));

  const icpcs: IcpcRow[] = live(icpcRows)
    .map((i) => {
      const date = i.conference_date!;
      const timed = i.s47_id !== null && (i.s47_start === null || i.s47_start <= date);
      return {
        id: i.id,
        childId: i.person_id,
        date,
        teamId: i.team_id,
        workerId: i.worker_id,
        timed,
        // An S47 with no start date: in the denominator, not in time.
        within15: timed && i.s47_start !== null && workingDaysFrom(i.s47_start, date) <= 15,
      };
    })
    .sort(byKey((i) => i.date));

  const cpPlans: CpPlanRow[] = live(cpRows)
    .map((c) => ({
      id: c.id,
      childId: c.person_id,
      start: c.start_date,
      end: c.end_date,
      // Another plan (any authority's) started strictly before this one.
      earlierPlan: c.first_start < c.start_date,
      secondAnniversary: addYears(c.start_date, 2),
    }))
    .sort(byKey((c) => c.start));

  const placements: PlacementRow[] = live(placementRows).map((p) => ({
    id: p.id,
    childId: p.person_id,
    start: p.start_date,
    end: p.end_date,
    type: p.placement_type.trim().toUpperCase(),
    carerId: p.carer_id,
    shortBreak: isShortBreakStatus(legalStatusOn(legalStatusesByChild.get(p.person_id), p.start_date)),
  }));

  const periodsOfCare: PeriodOfCareRow[] = live(periodRows).map((c) => ({ id: c.id, childId: c.person_id, start: c.start_date, end: c.end_date }));

  const professionals = new Map(professionalRows.map((p) => [p.id, p]));
  const goneWorkers = new Set(deletedWorkers.map((w) => w.id));
  const allocations: AllocationRow[] = [];
  for (const i of live(involvementRows)) {
    const kind = allocationKind(i.role);
    // A deleted worker's allocations go with them.
    if (kind === null || goneWorkers.has(i.professional_id)) continue;
    const worker = professionals.get(i.professional_id);
    allocations.push({ id: i.id, childId: i.person_id, workerId: i.professional_id, kind, teamId: worker?.team_id ?? i.team_id, start: i.start_date, end: i.end_date });
  }

  return {
    firstAsOf,
    lastAsOf,
    referrals,
    assessments,
    s47s: live(s47Rows)
      .map((s) => ({ id: s.id, childId: s.person_id, startDate: s.start_date!, teamId: s.team_id, workerId: s.worker_id }))
      .sort(byKey((s) => s.startDate)),
    icpcs,
    cpPlans,
    periodsOfCare,
    periodsOfCareByChild: groupBy(periodsOfCare),
    legalStatusesByChild,
    placementsByChild: groupBy(placements),
    careLeaverRecordsByChild: groupBy(
      live(careLeaverRows).map((c) => ({
        id: c.id,
        childId: c.person_id,
        recordDate: c.record_date,
        createdAt: c.created_ms,
        eligibility: c.eligibility,
        accommodationSuitable: c.accommodation_suitable,
        activity: c.activity,
        teamId: c.team_id,
        workerId: c.worker_id,
      })),
    ),
    allocations,
    allocationsByChild: groupBy(allocations),
    contacts: live(contactRows)
      .map((c) => ({ childId: c.person_id, date: c.contact_date, decisionDate: c.decision_date, nfaOrAdvice: contactEndsInNfaOrAdvice(c.outcome, c.outcome_json) }))
      .sort(byKey((c) => c.date)),
    professionals: professionalRows.map((p) => ({
      id: p.id,
      teamId: p.team_id,
      agency: p.agency,
      // A missing FTE is read as full time.
      fte: p.fte ?? 1,
      start: p.start_date,
      end: p.end_date,
      socialWorker: isSocialWorker(p.swe_registration_no, p.job_title),
    })),
    teams: new Map(teamRows.map((t) => [t.id, t.name])),
    dobs,
    settings,
  };
}

/**
 * How many of the loader's queries run at once. The pool is shared with the web app (and is the one
 * connection of the embedded database), so the loader takes a few connections, not all of them.
 */
const QUERIES_AT_ONCE = 4;

/** Runs the tasks with at most `limit` in flight, keeping each result in its task's place. */
async function atMostAtOnce<T extends readonly (() => Promise<unknown>)[]>(limit: number, tasks: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

function byKey<T>(key: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** The rows of an array sorted by `key` whose key is from `from` to `to` inclusive (binary search). */
export function sortedBetween<T>(rows: readonly T[], key: (row: T) => string, from: string, to: string): T[] {
  const lowerBound = (value: string, inclusive: boolean) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = key(rows[mid]!);
      if (k < value || (!inclusive && k === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return rows.slice(lowerBound(from, true), lowerBound(to, false));
}

/**
 * A children and family social worker for the workforce indicators: registered with Social Work England
 * (a registration number recorded), or with "social worker" in the job title when the number is missing.
 */
export function isSocialWorker(registration: string | null, jobTitle: string | null): boolean {
  return (registration !== null && registration.trim() !== '') || (jobTitle !== null && /social\s*worker/i.test(jobTitle));
}

/**
 * Re-referral: the child's latest referral on an earlier day (`previousDate`) is on or after the same day
 * 12 months before. Exactly 12 months counts; 12 months before 29 February is 28 February; a referral on
 * the same day is not an earlier one.
 */
export function isRereferral(date: IsoDate, previousDate: IsoDate | null): boolean {
  return previousDate !== null && previousDate < date && previousDate >= addYears(date, -1);
}

/** The 2.5 years of care for long-term stability: 30 calendar months. */
export function longTermCareSince(asOf: IsoDate): IsoDate {
  return addMonths(asOf, -30);
}
