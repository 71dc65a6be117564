// Records → the eleven Annex A lists (pure). Who is in each list, and what each column holds, is
// explained in docs/annex-a.md; the comments here say only where a choice was made.
import { addMonths, ageOn, type IsoDate } from '../../platform/calendar/calendar.ts';
import { isAllocationRole } from '../../flags/allocation.ts';
import { eligibilityOf } from '../../indicators/definitions.ts';
import * as code from './codes.ts';
import { LISTS, periodStart, type AnnexA, type AnnexAList, type Cell } from './lists.ts';
import type { AnnexARecords } from './load-annex-a-records.ts';
import { list11Rows } from '../../adopters/annex-a-adopters.ts';

type Person = AnnexARecords['people'][number];

const openOn = (start: IsoDate | null, end: IsoDate | null, on: IsoDate) => start !== null && start <= on && (end === null || end >= on);
const overlaps = (start: IsoDate | null, end: IsoDate | null, from: IsoDate, to: IsoDate) => start !== null && start <= to && (end === null || end >= from);

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The later of two records by a date (then by id, so the choice never depends on load order). */
function latest<T>(items: readonly T[], date: (t: T) => IsoDate | null): T | undefined {
  const idOf = (t: T) => String((t as { id?: unknown }).id ?? '');
  let best: T | undefined;
  for (const item of items) {
    if (!best) {
      best = item;
      continue;
    }
    const a = date(item) ?? '';
    const b = date(best) ?? '';
    if (a > b || (a === b && idOf(item) > idOf(best))) best = item;
  }
  return best;
}

export function buildAnnexA(records: AnnexARecords, asOf: IsoDate): AnnexA {
  const p6 = periodStart(asOf, 6);
  const p12 = periodStart(asOf, 12);
  const people = new Map(records.people.map((p) => [p.id, p]));
  const teams = new Map(records.teams.map((t) => [t.id, t.name]));
  const workers = new Map(records.professionals.map((p) => [p.id, p.name]));
  const allocations = groupBy(
    records.involvements.filter((i) => isAllocationRole(i.role)),
    (i) => i.person_id,
  );

  const child = (p: Person): Cell[] => [p.id, code.gender(p.sex), code.ethnicity(p.ethnicity), p.dob, p.dob ? ageOn(p.dob, asOf) : null];
  const disability = (p: Person) => (p.disabled ? code.YES : code.NO);

  /**
   * Allocated team and worker: the case-holding allocation (CW or 16PLUS) open on `on` (the as-of date
   * for an open record, else the day it ended), latest started first; failing that, the team and
   * worker recorded on the record itself.
   */
  function allocated(personId: string, on: IsoDate, own: { team_id: string | null; worker_id: string | null } | null): [Cell, Cell] {
    const open = (allocations.get(personId) ?? []).filter((i) => openOn(i.start_date, i.end_date, on));
    const a = latest(open, (i) => i.start_date);
    if (a) return [(a.team_id && teams.get(a.team_id)) || (own?.team_id && teams.get(own.team_id)) || null, workers.get(a.professional_id) ?? null];
    return [(own?.team_id && teams.get(own.team_id)) || null, (own?.worker_id && workers.get(own.worker_id)) || null];
  }

  const lists: AnnexAList[] = [];
  const add = (n: number, rows: Cell[][]) => {
    const def = LISTS[n - 1]!;
    // Rows in a stable order: by child, then the row's own order (its first date).
    lists.push({ ...def, periodStart: def.months === 6 ? p6 : p12, periodEnd: asOf, rows });
  };
  const sortRows = (rows: Array<{ key: string; cells: Cell[] }>) => rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.cells);
  const key = (...parts: Array<string | null>) => parts.map((p) => p ?? '').join('\u0000');

  // ---------------------------------------------------------------- List 1: contacts
  add(
    1,
    sortRows(
      records.contacts.flatMap((c) => {
        const p = people.get(c.person_id);
        if (!p) return [];
        return [{ key: key(p.id, c.contact_date, c.id), cells: [...child(p), c.contact_date, code.source(c.source_code)] }];
      }),
    ),
  );

  // ---------------------------------------------------------------- List 2: early help
  add(
    2,
    sortRows(
      records.earlyHelp.flatMap((h) => {
        const p = people.get(h.person_id);
        if (!p || !overlaps(h.start_date, h.end_date, p6, asOf)) return [];
        return [{ key: key(p.id, h.start_date, h.id), cells: [...child(p), h.start_date, h.end_date, h.organisation] }];
      }),
    ),
  );

  // ---------------------------------------------------------------- List 3: referrals
  const referralsByChild = groupBy(records.referrals, (r) => r.person_id);
  add(
    3,
    sortRows(
      records.referrals.flatMap((r) => {
        const p = people.get(r.person_id);
        if (!p || r.referral_date < p6 || r.referral_date > asOf) return [];
        // The child's other referrals in the twelve months before this one (on or after the same day a
        // year earlier, before this one's date: a referral the same day is not an earlier one).
        const from = addMonths(r.referral_date, -12);
        const earlier = (referralsByChild.get(r.person_id) ?? []).filter((o) => o.referral_date >= from && o.referral_date < r.referral_date).length;
        return [
          {
            key: key(p.id, r.referral_date, r.id),
            cells: [...child(p), r.referral_date, code.source(r.source_code), r.referral_nfa ? code.YES : code.NO, earlier, ...allocated(p.id, r.close_date ?? asOf, r)],
          },
        ];
      }),
    ),
  );

  // ---------------------------------------------------------------- List 4: assessments
  add(
    4,
    sortRows(
      records.assessments.flatMap((a) => {
        const p = people.get(a.person_id);
        if (!p || !overlaps(a.start_date, a.authorised_date, p6, asOf)) return [];
        // Requiring support: the answer once authorised (an outcome other than no further action).
        const support = a.authorised_date === null || a.outcome_nfa === null ? null : a.outcome_nfa ? code.NO : code.YES;
        return [
          {
            key: key(p.id, a.start_date, a.id),
            cells: [...child(p), disability(p), a.start_date, code.yesNoUnknown(a.child_seen), a.authorised_date, support, ...allocated(p.id, a.authorised_date ?? asOf, a)],
          },
        ];
      }),
    ),
  );

  // ---------------------------------------------------------------- List 5: section 47 enquiries
  const s47sByChild = groupBy(records.s47s, (s) => s.person_id);
  const icpcsByChild = groupBy(records.icpcs, (i) => i.person_id);
  const icpcByS47 = new Map<string, AnnexARecords['icpcs'][number]>();
  for (const i of records.icpcs) {
    if (!i.s47_enquiry_id || i.conference_date === null) continue;
    const seen = icpcByS47.get(i.s47_enquiry_id);
    if (!seen || (seen.conference_date ?? '') > i.conference_date) icpcByS47.set(i.s47_enquiry_id, i);
  }
  add(
    5,
    sortRows(
      records.s47s.flatMap((s) => {
        const p = people.get(s.person_id);
        const start = s.start_date ?? s.discussion_date;
        if (!p || !overlaps(start, s.end_date, p6, asOf) || start === null) return [];
        const icpc = icpcByS47.get(s.id) ?? null;
        // Deemed unnecessary: known once the enquiry has ended without calling a conference, or once it called one.
        const unnecessary = icpc ? code.NO : s.icpc_required === false ? code.YES : s.icpc_required === true ? code.NO : null;
        const plan = icpc ? (icpc.has_plan || icpc.outcome_cp_plan === true ? code.YES : icpc.outcome_cp_plan === false ? code.NO : code.NO) : null;
        // Earlier ones only, in the twelve months before this enquiry started (this one not counted).
        const from = addMonths(start, -12);
        const s47s = (s47sByChild.get(p.id) ?? []).filter((o) => {
          const d = o.start_date ?? o.discussion_date;
          return o.id !== s.id && d !== null && d >= from && d < start;
        }).length;
        const icpcs = (icpcsByChild.get(p.id) ?? []).filter((i) => i.conference_date !== null && i.conference_date >= from && i.conference_date < start).length;
        return [
          {
            key: key(p.id, start, s.id),
            cells: [...child(p), disability(p), start, unnecessary, icpc?.conference_date ?? null, plan, s47s, icpcs, ...allocated(p.id, s.end_date ?? asOf, s)],
          },
        ];
      }),
    ),
  );

  // Who is where at the as-of date, for List 6's case status and List 8.
  const legalByChild = groupBy(records.legalStatuses, (l) => l.person_id);
  const statusOn = (personId: string, on: IsoDate) => latest((legalByChild.get(personId) ?? []).filter((l) => openOn(l.start_date, l.end_date, on)), (l) => l.start_date);
  const shortBreaksOnly = (personId: string, on: IsoDate) => {
    const s = statusOn(personId, on);
    return s !== undefined && (s.code === 'V3' || s.code === 'V4');
  };
  const periodsByChild = groupBy(records.periods, (p) => p.person_id);
  const lookedAfterAt = (personId: string) => (periodsByChild.get(personId) ?? []).some((pc) => openOn(pc.start_date, pc.end_date, asOf)) && !shortBreaksOnly(personId, asOf);
  const cpPlansByChild = groupBy(records.cpPlans, (c) => c.person_id);
  const cinPlanPeople = new Set(records.cinPlans.filter((c) => openOn(c.start_date, c.end_date, asOf)).map((c) => c.person_id));
  const openAssessmentPeople = new Set(records.assessments.filter((a) => a.start_date !== null && a.authorised_date === null).map((a) => a.person_id));

  // ---------------------------------------------------------------- List 9 first: List 6 leaves its people out
  const list9: Array<{ key: string; cells: Cell[] }> = [];
  const careLeaverPeople = new Set<string>();
  for (const cl of records.careLeavers) {
    const p = people.get(cl.person_id);
    const eligibility = eligibilityOf(cl.eligibility);
    if (!p || !eligibility || !p.dob) continue;
    const age = ageOn(p.dob, asOf);
    if (age < 16 || age > 25) continue;
    careLeaverPeople.add(p.id);
    list9.push({
      key: key(p.id),
      cells: [
        ...child(p), disability(p), ...allocated(p.id, asOf, cl), code.eligibilityCategory(eligibility), code.inTouch(cl.in_touch), code.accommodation(cl.accommodation),
        code.suitability(cl.accommodation_suitable, cl.accommodation), code.activity(cl.activity),
      ],
    });
  }

  // ---------------------------------------------------------------- List 6: children in need
  const list6: Array<{ key: string; cells: Cell[] }> = [];
  for (const [personId, referrals] of referralsByChild) {
    const p = people.get(personId);
    if (!p || careLeaverPeople.has(personId)) continue;
    const candidates = referrals.filter((r) => !r.referral_nfa && overlaps(r.referral_date, r.close_date, p6, asOf));
    const r = latest(candidates, (x) => x.referral_date);
    if (!r) continue;
    const status =
      r.close_date !== null
        ? code.CASE_STATUS.closed
        : lookedAfterAt(personId)
          ? code.CASE_STATUS.lookedAfter
          : (cpPlansByChild.get(personId) ?? []).some((c) => !c.other_la && openOn(c.start_date, c.end_date, asOf))
            ? code.CASE_STATUS.cpPlan
            : cinPlanPeople.has(personId)
              ? code.CASE_STATUS.cinPlan
              : openAssessmentPeople.has(personId)
                ? code.CASE_STATUS.openAssessment
                : code.CASE_STATUS.cinPlan;
    list6.push({
      key: key(p.id),
      cells: [
        ...child(p), disability(p), r.referral_date, code.primaryNeed(r.primary_need_code), r.last_seen, r.close_date, code.closureReason(r.close_reason), status,
        ...allocated(p.id, r.close_date ?? asOf, r),
      ],
    });
  }
  add(6, sortRows(list6));

  // ---------------------------------------------------------------- List 7: child protection
  const list7: Array<{ key: string; cells: Cell[] }> = [];
  for (const [personId, plans] of cpPlansByChild) {
    const p = people.get(personId);
    if (!p) continue;
    const plan = latest(
      plans.filter((c) => !c.other_la && overlaps(c.start_date, c.end_date, p6, asOf)),
      (c) => c.start_date,
    );
    if (!plan) continue;
    // Every earlier plan counts, whenever and whichever authority's.
    const previous = plans.filter((c) => c.id !== plan.id && c.start_date < plan.start_date).length;
    const protectedRecently = (legalByChild.get(personId) ?? []).some((l) => (l.code === 'L1' || l.code === 'L2') && overlaps(l.start_date, l.end_date, p6, asOf));
    list7.push({
      key: key(p.id),
      cells: [
        ...child(p), disability(p), plan.start_date, code.abuseCategory(plan.initial_category), code.abuseCategory(plan.latest_category ?? plan.initial_category),
        plan.last_visit, plan.last_visit ? code.yesNoUnknown(plan.last_visit_seen_alone) : null, plan.last_review, plan.end_date,
        protectedRecently ? code.YES : code.NO, previous, ...allocated(p.id, plan.end_date ?? asOf, null),
      ],
    });
  }
  add(7, sortRows(list7));

  // ---------------------------------------------------------------- List 8: children in care
  const placementsByChild = groupBy(records.placements, (pl) => pl.person_id);
  const permanenceByChild = groupBy(records.permanencePlans, (pp) => pp.person_id);
  const health = new Map(records.healthChecks.map((h) => [`${h.person_id}|${h.kind}`, h.last]));
  const uasc = new Set(records.uasc.map((u) => u.person_id));
  const missingByChild = groupBy(records.missing, (m) => m.person_id);
  const list8: Array<{ key: string; cells: Cell[] }> = [];
  for (const [personId, periods] of periodsByChild) {
    const p = people.get(personId);
    if (!p) continue;
    const inScope = periods.filter((pc) => overlaps(pc.start_date, pc.end_date, p6, asOf) && !shortBreaksOnly(personId, pc.end_date ?? asOf));
    const period = latest(inScope, (pc) => pc.start_date);
    if (!period) continue;
    const on = period.end_date ?? asOf;
    const status = statusOn(personId, on);
    // A second or later period: another, earlier period of care ended within the twelve months.
    const again = periods.some((o) => o.id !== period.id && o.start_date < period.start_date && o.end_date !== null && o.end_date >= p12);
    const placements = placementsByChild.get(personId) ?? [];
    const recent = latest(
      placements.filter((pl) => pl.period_of_care_id === period.id),
      (pl) => pl.start_date,
    );
    const placementCount = placements.filter((pl) => overlaps(pl.start_date, pl.end_date, p12, asOf)).length;
    const plan = latest(
      (permanenceByChild.get(personId) ?? []).filter((pp) => openOn(pp.start_date, pp.end_date, on)),
      (pp) => pp.start_date,
    );
    const missing = missingByChild.get(personId) ?? [];
    const lastMissing = latest(
      missing.filter((m) => m.episode_type === 'MISSING'),
      (m) => m.start_date,
    );
    const la = recent?.in_area === true ? records.councilName : null;
    list8.push({
      key: key(p.id),
      cells: [
        ...child(p), uasc.has(personId) ? code.YES : code.NO, disability(p), period.start_date, code.primaryNeed(period.primary_need_code), again ? code.YES : code.NO,
        status?.start_date ?? null, code.legalStatus(status?.code ?? null), period.last_review, period.last_visit, code.permanencePlan(plan?.plan ?? null), period.last_iro,
        health.get(`${personId}|health`) ?? null, health.get(`${personId}|dental`) ?? null, placementCount, period.end_date, code.ceasedReason(period.end_reason),
        recent?.start_date ?? null, code.placementType(recent?.placement_type ?? null), code.placementProvider(recent?.provider ?? null), recent?.postcode ?? null,
        recent?.urn ?? null, code.placementLocation(recent?.in_area ?? null), la,
        missing.filter((m) => m.episode_type === 'MISSING').length, missing.filter((m) => m.episode_type === 'AWAY').length,
        lastMissing ? code.yesNo(lastMissing.rhi_offered) : null, lastMissing ? code.yesNo(lastMissing.rhi_accepted) : null,
        ...allocated(p.id, on, null),
      ],
    });
  }
  add(8, sortRows(list8));

  add(9, sortRows(list9));

  // ---------------------------------------------------------------- List 10: adoption
  const list10: Array<{ key: string; cells: Cell[] }> = [];
  const adoptionsByChild = groupBy(records.adoptions, (a) => a.person_id);
  for (const [personId, rows] of adoptionsByChild) {
    const p = people.get(personId);
    if (!p) continue;
    // The decision was in force at some point in the twelve months: not adopted, nor reversed, before they began.
    const live = rows.filter((a) => (a.adoption_order_date ?? a.decision_reversed_date ?? asOf) >= p12);
    const a = latest(live, (x) => x.adm_decision_date);
    if (!a) continue;
    list10.push({
      key: key(p.id),
      cells: [
        p.id, a.family_identifier ?? null, code.gender(p.sex), code.ethnicity(p.ethnicity), p.dob, p.dob ? ageOn(p.dob, asOf) : null, disability(p), a.entered_care, a.adm_decision_date,
        a.placement_order_date, a.matched_date, a.placed_date, a.adoption_order_date, a.decision_reversed_date, code.noLongerAdoptionReason(a.decision_reversed_reason),
        a.placed_ffa_date,
      ],
    });
  }
  add(10, sortRows(list10));

  // ---------------------------------------------------------------- List 11: adopters (src/adopters)
  add(11, list11Rows(records, p12, asOf, { ethnicity: code.ethnicity, yes: code.YES, no: code.NO }));

  return { asOf, lists };
}
