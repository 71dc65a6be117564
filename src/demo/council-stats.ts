// The headline measures of a generated council, computed from its rows in memory with the definitions in
// INTERFACES.md. The tests check the demo against England with these; they are deliberately plain code,
// independent of the generator's own bookkeeping.
import { addDays, addYears, workingDaysBetween, type IsoDate } from '../platform/calendar/calendar.ts';
import type { GeneratedCouncil } from './model.ts';

export interface CouncilStats {
  periodStart: IsoDate;
  contacts: number;
  referrals: number;
  rereferralsPct: number;
  referralsNfaPct: number;
  assessmentsCompleted: number;
  assessmentsWithin45Pct: number;
  assessmentMedianDays: number;
  s47s: number;
  icpcs: number;
  icpcWithin15Pct: number;
  cpStarts: number;
  cpRepeatPct: number;
  cpOpen: number;
  cp2YearsPct: number;
  cpNeglectPct: number;
  cpEmotionalPct: number;
  cinOpen: number;
  claCount: number;
  claStarts: number;
  cla3PlacementsPct: number;
  longTermStabilityPct: number;
  careLeavers: number;
  careLeaversSuitablePct: number;
  avgCaseload: number;
  maxCaseload: number;
  repeatContactNfaChildren: number;
  openCinUnallocated: number;
  childrenWith3Workers: number;
  agencyPct: number;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : (100 * n) / d);
const openOn = (start: IsoDate | null | undefined, end: IsoDate | null | undefined, on: IsoDate) => start != null && start <= on && (end == null || end >= on);

export function councilStats(council: GeneratedCouncil, asOf: IsoDate = council.asOf): CouncilStats {
  const t = council.tables;
  const periodStart = addDays(addYears(asOf, -1), 1);
  const inPeriod = (d: IsoDate | null | undefined) => d != null && d >= periodStart && d <= asOf;

  const referralsByChild = new Map<string, IsoDate[]>();
  for (const e of t.cin_episode) {
    const list = referralsByChild.get(e.person_id) ?? [];
    list.push(e.referral_date);
    referralsByChild.set(e.person_id, list);
  }
  const referrals = t.cin_episode.filter((e) => inPeriod(e.referral_date));
  const rereferrals = referrals.filter((e) => {
    const yearBefore = addYears(e.referral_date, -1);
    return referralsByChild.get(e.person_id)!.some((d) => d < e.referral_date && d >= yearBefore);
  });

  const assessments = t.assessment.filter((a) => inPeriod(a.authorised_date));
  const durations = assessments.map((a) => (a.start_date ? workingDaysBetween(a.start_date, a.authorised_date!) : Infinity)).sort((a, b) => a - b);

  const s47ById = new Map(t.s47_enquiry.map((s) => [s.id, s]));
  const icpcs = t.icpc.filter((i) => inPeriod(i.conference_date) && !i.transfer_in);
  const icpcTimed = icpcs.filter((i) => {
    const s = i.s47_enquiry_id ? s47ById.get(i.s47_enquiry_id) : undefined;
    return s !== undefined && (s.start_date == null || s.start_date <= i.conference_date!);
  });
  const icpcOnTime = icpcTimed.filter((i) => {
    const start = s47ById.get(i.s47_enquiry_id!)!.start_date;
    return start != null && workingDaysBetween(start, i.conference_date!) <= 15;
  });

  const cpStarts = t.cp_plan.filter((p) => inPeriod(p.start_date));
  const cpRepeat = cpStarts.filter((p) => t.cp_plan.some((q) => q.person_id === p.person_id && q.start_date < p.start_date));
  const cpOpen = t.cp_plan.filter((p) => openOn(p.start_date, p.end_date, asOf));
  const cp2Years = cpOpen.filter((p) => asOf >= addYears(p.start_date, 2));

  const statusesByPeriod = new Map<string, { code: string; start_date: IsoDate; end_date?: IsoDate | null }[]>();
  for (const s of t.legal_status) {
    if (!s.period_of_care_id) continue;
    const list = statusesByPeriod.get(s.period_of_care_id) ?? [];
    list.push(s);
    statusesByPeriod.set(s.period_of_care_id, list);
  }
  const statusOn = (periodId: string, on: IsoDate) => (statusesByPeriod.get(periodId) ?? []).filter((s) => openOn(s.start_date, s.end_date, on)).pop()?.code;
  const shortBreak = (code: string | undefined) => code === 'V3' || code === 'V4';
  const claPeriods = t.period_of_care.filter((p) => openOn(p.start_date, p.end_date, asOf) && !shortBreak(statusOn(p.id, asOf)));
  const claChildren = new Set(claPeriods.map((p) => p.person_id));
  const placementsByChild = new Map<string, { start_date: IsoDate; end_date?: IsoDate | null; period_of_care_id: string }[]>();
  for (const p of t.placement) {
    const list = placementsByChild.get(p.person_id) ?? [];
    list.push(p);
    placementsByChild.set(p.person_id, list);
  }
  const cla3 = [...claChildren].filter((c) => {
    const overlapping = (placementsByChild.get(c) ?? []).filter((p) => p.start_date <= asOf && (p.end_date == null || p.end_date >= periodStart) && !shortBreak(statusOn(p.period_of_care_id, p.start_date)));
    return overlapping.length >= 3;
  });
  // Long-term stability: under 16, looked after for 2.5 years or more, in the same placement for 2 years.
  const dobOf = new Map(t.person.map((p) => [p.id, p.dob ?? null]));
  const longTerm = claPeriods.filter((p) => {
    const dob = dobOf.get(p.person_id);
    return dob != null && addYears(dob, 16) > asOf && addDays(p.start_date, Math.round(2.5 * 365.25)) <= asOf;
  });
  const stable = longTerm.filter((p) => {
    const current = (placementsByChild.get(p.person_id) ?? []).filter((x) => openOn(x.start_date, x.end_date, asOf)).pop();
    return current !== undefined && addYears(current.start_date, 2) <= asOf;
  });

  const latestCareLeaver = new Map<string, (typeof t.care_leaver)[number]>();
  for (const r of t.care_leaver) {
    const prev = latestCareLeaver.get(r.person_id);
    if (r.record_date != null && r.record_date <= asOf && (!prev || prev.record_date! <= r.record_date)) latestCareLeaver.set(r.person_id, r);
  }
  const leavers = [...latestCareLeaver.values()].filter((r) => {
    const dob = dobOf.get(r.person_id);
    if (!dob) return false;
    const age = ageOn(dob, asOf);
    return ['relevant', 'former relevant', 'qualifying', 'eligible'].includes(r.eligibility ?? '') && age >= 16 && age <= 25;
  });
  const withSuitability = leavers.filter((r) => r.accommodation_suitable === '1' || r.accommodation_suitable === '2');

  const allocations = t.involvement.filter((i) => (i.role === 'CW' || i.role === '16PLUS') && openOn(i.start_date, i.end_date, asOf));
  const caseload = new Map<string, Set<string>>();
  for (const a of allocations) {
    const set = caseload.get(a.professional_id) ?? new Set<string>();
    set.add(a.person_id);
    caseload.set(a.professional_id, set);
  }
  const childrenAllocated = new Set(allocations.map((a) => a.person_id));

  const contactsByChild = new Map<string, (typeof t.contact)[number][]>();
  for (const c of t.contact) {
    if (!inPeriod(c.contact_date)) continue;
    const list = contactsByChild.get(c.person_id) ?? [];
    list.push(c);
    contactsByChild.set(c.person_id, list);
  }
  const repeatNfa = [...contactsByChild.values()].filter((list) => list.length >= 3 && list.every((c) => c.outcome === 'nfa' || c.outcome === 'advice'));

  const openEpisodes = t.cin_episode.filter((e) => openOn(e.referral_date, e.close_date, asOf));
  const workersInPeriod = new Map<string, Set<string>>();
  for (const i of t.involvement) {
    if (i.role !== 'CW' || i.start_date > asOf || (i.end_date != null && i.end_date < periodStart)) continue;
    const set = workersInPeriod.get(i.person_id) ?? new Set<string>();
    set.add(i.professional_id);
    workersInPeriod.set(i.person_id, set);
  }
  const inPost = t.professional.filter((p) => p.case_holding && openOn(p.start_date, p.end_date, asOf));
  const loads = [...caseload.values()].map((s) => s.size);

  return {
    periodStart,
    contacts: t.contact.filter((c) => inPeriod(c.contact_date)).length,
    referrals: referrals.length,
    rereferralsPct: pct(rereferrals.length, referrals.length),
    referralsNfaPct: pct(referrals.filter((e) => e.referral_nfa).length, referrals.length),
    assessmentsCompleted: assessments.length,
    assessmentsWithin45Pct: pct(durations.filter((d) => d <= 45).length, durations.length),
    assessmentMedianDays: durations[Math.floor(durations.length / 2)] ?? 0,
    s47s: t.s47_enquiry.filter((s) => inPeriod(s.start_date)).length,
    icpcs: icpcs.length,
    icpcWithin15Pct: pct(icpcOnTime.length, icpcTimed.length),
    cpStarts: cpStarts.length,
    cpRepeatPct: pct(cpRepeat.length, cpStarts.length),
    cpOpen: cpOpen.length,
    cp2YearsPct: pct(cp2Years.length, cpOpen.length),
    cpNeglectPct: pct(cpStarts.filter((p) => p.initial_category === 'NEG').length, cpStarts.length),
    cpEmotionalPct: pct(cpStarts.filter((p) => p.initial_category === 'EMO').length, cpStarts.length),
    cinOpen: openEpisodes.length,
    claCount: claChildren.size,
    claStarts: t.period_of_care.filter((p) => inPeriod(p.start_date)).length,
    cla3PlacementsPct: pct(cla3.length, claChildren.size),
    longTermStabilityPct: pct(stable.length, longTerm.length),
    careLeavers: leavers.length,
    careLeaversSuitablePct: pct(withSuitability.filter((r) => r.accommodation_suitable === '1').length, withSuitability.length),
    avgCaseload: caseload.size === 0 ? 0 : childrenAllocated.size / caseload.size,
    maxCaseload: Math.max(0, ...loads),
    repeatContactNfaChildren: repeatNfa.length,
    openCinUnallocated: openEpisodes.filter((e) => !childrenAllocated.has(e.person_id)).length,
    childrenWith3Workers: [...workersInPeriod.values()].filter((s) => s.size >= 3).length,
    agencyPct: pct(inPost.filter((p) => p.agency).length, inPost.length),
  };
}

function ageOn(dob: IsoDate, on: IsoDate): number {
  let age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (addYears(dob, age) > on) age -= 1;
  return age;
}
