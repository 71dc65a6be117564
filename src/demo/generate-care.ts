// A period of care: how it will end (return home, adoption, special guardianship, 18th birthday…),
// its legal statuses (police protection, interim and full care orders, placement orders, section 20),
// its placements (generate-placements.ts), the 903 episodes those changes make, reviews and statutory
// visits, and leaving care. Health, education and permanence records are in their own modules.
import { addYears, type IsoDate } from '../platform/calendar/calendar.ts';
import type { Gen } from './context.ts';
import { ADOPTION_REVERSED_REASONS, PLACEMENT_CHANGE_REASON_WEIGHTS, REVIEW_PARTICIPATION_WEIGHTS } from './distributions.ts';
import type { EpisodeBuilder } from './episode-builder.ts';
import { assessment } from './generate-assessment.ts';
import type { Next } from './generate-child-journey.ts';
import { careLeaverJourney } from './generate-care-leaver.ts';
import { generateCareRecords } from './generate-care-records.ts';
import { permanence } from './generate-permanence.ts';
import { placementDetails, placementPlans, type PlacementPlan } from './generate-placements.ts';
import type { Child } from './generate-people.ts';
import { allocatedOn } from './generate-workforce.ts';
import type { Row } from './model.ts';

export type CareEntry = 'emergency' | 'planned' | 's20' | 'uasc' | 'remand';
export type CareExit = 'return_home' | 'adoption' | 'sgo' | 'cao' | 'eighteen' | 'transfer' | 'age_assessed' | 'remand_ended' | 'independent';

/** How a period of care will go, decided when it starts. */
export interface CareSketch {
  start: IsoDate;
  entry: CareEntry;
  exit: CareExit;
  /** The planned last day (the 18th birthday for those who stay). May be after asOf. */
  end: IsoDate;
  adoption?: AdoptionDates;
}

interface AdoptionDates {
  decision: IsoDate;
  placementOrder: IsoDate;
  matched: IsoDate;
  placed: IsoDate;
  order: IsoDate;
  byFosterCarer: boolean;
  ffa: boolean;
  reversed?: { date: IsoDate; reason: string };
}

const EXITS_BY_AGE: readonly [maxAge: number, weights: Partial<Record<CareExit, number>>][] = [
  [0, { return_home: 27, adoption: 44, sgo: 21, cao: 3, eighteen: 5 }],
  [4, { return_home: 40, adoption: 24, sgo: 21, cao: 5, eighteen: 10 }],
  [9, { return_home: 48, sgo: 15, cao: 5, eighteen: 30, transfer: 2 }],
  [15, { return_home: 57, sgo: 5, cao: 2, eighteen: 30, transfer: 2, independent: 4 }],
  [17, { return_home: 46, eighteen: 44, independent: 8, transfer: 2 }],
];

function ageOn(g: Gen, child: Pick<Child, 'dob'>, date: IsoDate): number {
  return Math.floor(g.cal.daysBetween(child.dob, date) / 365.25);
}

/** Decides how a period of care that starts on `start` will end, and when. */
export function sketchCare(g: Gen, child: Pick<Child, 'dob' | 'eighteenth'>, start: IsoDate, entry: CareEntry): CareSketch {
  const { rng, cal } = g;
  const age = ageOn(g, child, start);
  let exit: CareExit;
  if (entry === 'uasc') exit = rng.weighted({ eighteen: 92, age_assessed: 5, transfer: 3 });
  else if (entry === 'remand') exit = 'remand_ended';
  else exit = rng.weighted(EXITS_BY_AGE.find(([max]) => age <= max)![1] as Record<CareExit, number>);
  if (exit === 'independent' && age < 15) exit = 'eighteen';

  let days: number;
  let adoption: AdoptionDates | undefined;
  switch (exit) {
    case 'return_home': {
      const r = rng.float();
      days = r < 0.3 ? rng.int(3, 60) : r < 0.7 ? rng.int(61, 365) : rng.int(366, 1100);
      break;
    }
    case 'sgo':
      days = rng.int(240, 900);
      break;
    case 'cao':
      days = rng.int(180, 700);
      break;
    case 'transfer':
      days = rng.int(30, 700);
      break;
    case 'age_assessed':
      days = rng.int(10, 120);
      break;
    case 'remand_ended':
      days = rng.int(2, 90);
      break;
    case 'independent':
      days = rng.int(100, 600);
      break;
    case 'adoption': {
      const decision = cal.addDays(start, rng.int(110, 300));
      const placementOrder = cal.addDays(decision, rng.int(60, 240));
      const matched = cal.addDays(placementOrder, rng.int(45, 300));
      const placed = cal.addDays(matched, rng.int(10, 56));
      const order = cal.addDays(placed, rng.int(100, 330));
      const ffa = rng.chance(0.08);
      adoption = { decision, placementOrder, matched, placed, order, ffa, byFosterCarer: ffa || rng.chance(0.12) };
      days = cal.daysBetween(start, order);
      // Now and then the plan for adoption is reversed and the child stays in long-term foster care.
      if (rng.chance(0.07)) {
        const date = cal.addDays(placementOrder, rng.int(60, 400));
        adoption.reversed = { date, reason: rng.weighted(ADOPTION_REVERSED_REASONS) };
        exit = age <= 1 && rng.chance(0.5) ? 'sgo' : 'eighteen';
        days = exit === 'sgo' ? cal.daysBetween(start, date) + rng.int(200, 500) : 100_000;
      }
      break;
    }
    default:
      days = 100_000;
  }
  let end = exit === 'eighteen' ? child.eighteenth : cal.addDays(start, Math.min(days, 30_000));
  if (end >= child.eighteenth) {
    end = child.eighteenth;
    if (exit !== 'eighteen') {
      exit = 'eighteen';
      adoption = undefined;
    }
  }
  return { start, entry, exit, end, ...(adoption ? { adoption } : {}) };
}

/** No child under 10 leaves a placement for custody (903 rule 234): their move is a care plan change. */
function custodyFrom10(reason: string, dob: IsoDate, date: IsoDate): string {
  return reason === 'CUSTOD' && addYears(dob, 10) > date ? 'CARPL' : reason;
}

const REC_BY_EXIT: Record<CareExit, Readonly<Record<string, number>>> = {
  return_home: { E4A: 86, E4B: 6, E13: 8 },
  adoption: { E11: 70, E12: 30 },
  sgo: { E45: 25, E46: 10, E47: 45, E48: 20 },
  cao: { E41: 100 },
  eighteen: { E17: 24, E5: 30, E6: 6, E8: 40 },
  transfer: { E3: 100 },
  age_assessed: { E15: 100 },
  remand_ended: { E14: 100 },
  independent: { E5: 70, E6: 30 },
};

const CLOSURE_BY_EXIT: Record<CareExit, string> = {
  return_home: 'RC7', adoption: 'RC1', sgo: 'RC4', cao: 'RC3', eighteen: 'RC7', transfer: 'RC5', age_assessed: 'RC7', remand_ended: 'RC7', independent: 'RC7',
};

// ---------------------------------------------------------------- legal status

interface Dated<T> {
  start: IsoDate;
  value: T;
}

function legalStatuses(g: Gen, s: CareSketch): Dated<string>[] {
  const { rng, cal } = g;
  const out: Dated<string>[] = [];
  let t = s.start;
  const long = cal.daysBetween(s.start, s.end) > 120;
  switch (s.entry) {
    case 'remand':
      out.push({ start: t, value: rng.chance(0.8) ? 'J1' : 'J2' });
      return out;
    case 'uasc':
      out.push({ start: t, value: 'V2' });
      return out;
    case 's20':
      out.push({ start: t, value: 'V2' });
      if (!(long && rng.chance(0.3))) return out;
      t = cal.addDays(t, rng.int(40, 200));
      break;
    case 'emergency': {
      const first = rng.weighted({ L1: 50, L2: 20, C1: 30 });
      if (first !== 'C1') {
        out.push({ start: t, value: first });
        t = cal.addDays(t, first === 'L1' ? rng.int(1, 3) : rng.int(3, 8));
      }
      break;
    }
    default:
      break;
  }
  if (t >= s.end) return out.length ? out : [{ start: s.start, value: 'C1' }];
  out.push({ start: t, value: 'C1' });
  // Proceedings end with a full care order some six to ten months later (placement order alongside, for adoption).
  if (s.exit !== 'return_home' || long) {
    const careOrder = s.adoption ? (rng.chance(0.6) ? s.adoption.placementOrder : cal.addDays(s.adoption.placementOrder, -rng.int(30, 150))) : cal.addDays(t, rng.int(180, 300));
    const fullOrder = careOrder > t && careOrder < s.end && s.exit !== 'sgo' && s.exit !== 'cao';
    if (fullOrder) out.push({ start: careOrder, value: 'C2' });
    if (s.adoption && s.adoption.placementOrder > t && s.adoption.placementOrder < s.end) {
      // Made the same day as the care order, the placement order is the status from then (whether or
      // not the adoption goes ahead: a reversed plan revives the care order below).
      if (fullOrder && careOrder === s.adoption.placementOrder) out[out.length - 1] = { start: careOrder, value: 'E1' };
      else out.push({ start: s.adoption.placementOrder, value: 'E1' });
      // A plan for adoption reversed: the placement order is revoked and the care order revives (903 rule 553).
      const reversed = s.adoption.reversed?.date;
      if (reversed && reversed > s.adoption.placementOrder && reversed < s.end) out.push({ start: reversed, value: 'C2' });
    }
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  // One status a day, and a new one only when it changes (a 903 episode for no change breaks rule 434).
  const kept: Dated<string>[] = [];
  for (const x of out) {
    const previous = kept[kept.length - 1];
    if (previous && x.start <= previous.start) continue;
    if (previous && x.value === previous.value) continue;
    kept.push(x);
  }
  return kept;
}

// ---------------------------------------------------------------- the period

/** Runs a period of care starting on `start` inside the episode `b`; returns what happens after it. */
export function runCarePeriod(b: EpisodeBuilder, start: IsoDate, entry: CareEntry, planned?: CareSketch): Next {
  const { g, child, wf } = b;
  const { rng, cal, ids, tables, asOf } = g;
  if (start > asOf) return { kind: 'open' };
  if (start >= child.eighteenth) return { kind: 'close', date: b.endBy18, reason: 'RC7' };
  const s = planned ?? sketchCare(g, child, start, entry);
  const ended = s.end <= asOf;
  const end = ended ? s.end : null;
  const last = end ?? asOf;
  let exitReason = rng.weighted(REC_BY_EXIT[s.exit]);

  const period: Row<'period_of_care'> = {
    id: ids.next('POC'),
    person_id: child.id,
    cin_episode_id: b.episode.id,
    start_date: start,
    end_date: end,
    primary_need_code: b.episode.primary_need_code === 'N0' || b.episode.primary_need_code === 'N9' ? 'N1' : (b.episode.primary_need_code ?? 'N1'),
    home_postcode: child.homePostcode,
    care_plan: null,
    end_reason: end ? exitReason : null,
  };
  tables.period_of_care.push(period);
  b.oversee(start, 'care');
  b.note(start, 'care', 'Became looked after', 'Child became looked after; placement made and parents informed.', 0.8);
  // An updated assessment now and then for children who stay looked after.
  for (let year = 1; ; year++) {
    const date = cal.addYears(start, year);
    if (date >= s.end || date > asOf) break;
    if (rng.chance(0.25)) assessment(b, cal.addDays(date, rng.int(0, 60)), false, cal.addDays(s.end, -1) < b.endBy18 ? cal.addDays(s.end, -1) : b.endBy18);
  }

  // The children in care team takes over once the child is settled (after the first review); short
  // stays stay with the team that knew the family.
  if (cal.daysBetween(start, s.end) > 45) b.stint('cic', cal.addDays(start, rng.int(10, 40)));
  const iroSegments = wf.allocate('iro', child.area, start, end, 'FCONTA');
  for (const seg of iroSegments) {
    tables.involvement.push({ id: ids.next('INV'), professional_id: seg.workerId, person_id: child.id, cin_episode_id: b.episode.id, role: 'IRO', team_id: seg.teamId, start_date: seg.start, end_date: seg.end, change_reason: seg.reason });
  }
  const iroOn = (date: IsoDate) => allocatedOn(iroSegments, date)?.workerId ?? null;

  // Legal statuses, each ending when the next begins (or with the period).
  const statuses = legalStatuses(g, s).filter((x) => x.start <= last);
  statuses.forEach((x, i) => {
    const next = statuses[i + 1];
    tables.legal_status.push({ id: ids.next('LS'), person_id: child.id, period_of_care_id: period.id, code: x.value, start_date: x.start, end_date: next ? next.start : end });
  });

  // Placements, each ending when the next begins (or with the period).
  const plans = placementPlans(g, child, s)
    .filter((p) => p.start <= last)
    // No residential school before the age of 4 (903 rule 373): foster care instead.
    .map((p) => (p.type === 'S1' && p.start < cal.addYears(child.dob, 4) ? { ...p, type: 'U6' } : p))
    // Placed with parents and then home on a care order is one placement with them, not a move (903 rule 435).
    .filter((p, i, all) => !(p.type === 'P1' && i > 0 && all[i - 1]!.type === 'P1'));
  const placements: Row<'placement'>[] = [];
  plans.forEach((p, i) => {
    const next = plans[i + 1];
    const previous = placements[i - 1];
    const details =
      p.sameCarer && previous
        ? { provider: previous.provider, urn: previous.urn, postcode: previous.postcode, distance_miles: previous.distance_miles, in_area: previous.in_area, provider_name: previous.provider_name, carer_name: previous.carer_name, unregistered: false }
        : placementDetails(g, child, p.type);
    placements.push({
      id: ids.next('PL'),
      period_of_care_id: period.id,
      person_id: child.id,
      start_date: p.start,
      end_date: next ? next.start : end,
      placement_type: p.type,
      long_term_to_18: p.longTerm,
      change_reason: next ? (next.sameCarer ? 'PLACE' : next.type.startsWith('A') || next.longTerm ? 'CARPL' : custodyFrom10(rng.weighted(PLACEMENT_CHANGE_REASON_WEIGHTS), child.dob, next.start)) : null,
      ...details,
    });
  });
  tables.placement.push(...placements);
  // A special guardianship order coded E45/E46 follows a foster placement (903 rule 516); from any other
  // placement the guardians were relatives or friends the child lived with (E48).
  if ((exitReason === 'E45' || exitReason === 'E46') && !/^U[1-6]$/.test(placements[placements.length - 1]?.placement_type ?? '')) {
    exitReason = 'E48';
    if (end) period.end_reason = exitReason;
  }

  claEpisodes(g, b, period, placements, statuses, plans, end, end ? exitReason : null);
  reviewsAndVisits(b, period, placements, s, last, iroOn);
  generateCareRecords(g, child, period, s, last);
  permanence(b, period, s, last, end);

  if (!ended) return { kind: 'open' };
  // Leaving care.
  if (s.exit === 'sgo') child.previousPermanence = { code: 'P2', date: s.end };
  if (s.exit === 'cao') child.previousPermanence = { code: 'P3', date: s.end };
  const eligibleFrom = eligibility(g, child, start, s.end);
  if (eligibleFrom && (s.exit === 'eighteen' || s.exit === 'independent' || (s.exit === 'return_home' && ageOn(g, child, s.end) >= 16))) {
    careLeaverJourney(g, wf, child, { eligibleFrom, leftCare: s.end, stayingPut: exitReason === 'E17' });
  }
  if (s.exit === 'return_home' && s.end < b.endBy18 && rng.chance(0.65)) return { kind: 'cin', date: cal.addDays(s.end, rng.int(0, 3)) };
  return { kind: 'close', date: s.end, reason: CLOSURE_BY_EXIT[s.exit] };
}

/**
 * When a young person becomes an eligible child: looked after for 13 weeks since their 14th birthday and
 * still looked after at 16 (approximated within this one period of care).
 */
export function eligibility(g: Gen, child: Child, start: IsoDate, end: IsoDate): IsoDate | null {
  const { cal } = g;
  const fourteenth = cal.addYears(child.dob, 14);
  const sixteenth = cal.addYears(child.dob, 16);
  const from = cal.addDays(start > fourteenth ? start : fourteenth, 91);
  const date = from > sixteenth ? from : sixteenth;
  return date < end ? date : null;
}

function claEpisodes(
  g: Gen,
  b: EpisodeBuilder,
  period: Row<'period_of_care'>,
  placements: Row<'placement'>[],
  statuses: Dated<string>[],
  plans: PlacementPlan[],
  end: IsoDate | null,
  exitReason: string | null,
): void {
  const points = new Set<IsoDate>();
  for (const p of placements) points.add(p.start_date);
  for (const s of statuses) points.add(s.start);
  const dates = [...points].sort();
  const inForce = <T extends { start_date?: IsoDate; start?: IsoDate }>(items: T[], date: IsoDate, key: 'start_date' | 'start') => {
    let found: T | undefined;
    for (const x of items) if ((x[key] as IsoDate) <= date) found = x;
    return found;
  };
  dates.forEach((date, i) => {
    const placement = inForce(placements, date, 'start_date');
    const status = inForce(statuses, date, 'start');
    const placementChanged = placements.some((p) => p.start_date === date);
    const statusChanged = statuses.some((s) => s.start === date);
    const plan = plans.find((p) => p.start === date);
    const rne = i === 0 ? 'S' : placementChanged && statusChanged ? (plan?.sameCarer ? 'B' : 'U') : placementChanged ? (plan?.sameCarer ? 'T' : 'P') : 'L';
    const next = dates[i + 1];
    const nextPlacementChange = next ? placements.some((p) => p.start_date === next) : false;
    g.tables.cla_episode.push({
      id: g.ids.next('CLAE'),
      period_of_care_id: period.id,
      person_id: period.person_id,
      placement_id: placement?.id ?? null,
      start_date: date,
      start_reason: rne,
      legal_status: status?.value ?? null,
      primary_need_code: period.primary_need_code,
      placement_type: placement?.placement_type ?? null,
      provider: placement?.provider ?? null,
      end_date: next ?? end,
      end_reason: next ? 'X1' : exitReason,
      reason_place_change: next && nextPlacementChange ? (placement?.change_reason ?? null) : null,
      home_postcode: period.home_postcode,
      placement_postcode: placement?.postcode ?? null,
      urn: placement?.urn ?? null,
      cin_episode_id: b.episode.id,
    });
  });
}

function reviewsAndVisits(b: EpisodeBuilder, period: Row<'period_of_care'>, placements: Row<'placement'>[], s: CareSketch, last: IsoDate, iroOn: (d: IsoDate) => string | null): void {
  const { g, child } = b;
  const { rng, cal, ids, tables, asOf } = g;
  const endOfPeriod = period.end_date ?? null;
  const before = (d: IsoDate) => d <= last && d <= asOf && (endOfPeriod === null || d < endOfPeriod) && d < child.eighteenth;

  // Reviews: the first within 20 working days, the second within three months, then six-monthly.
  let due = cal.addWorkingDays(s.start, 20);
  for (let n = 1; ; n++) {
    if (rng.chance(0.03) && before(due) && due >= g.recurringFrom) {
      tables.cla_review.push({ id: ids.next('CLAR'), period_of_care_id: period.id, person_id: child.id, due_date: due, review_date: null, cancelled: true, iro_id: iroOn(due) });
    }
    const r = rng.float();
    const held = r < 0.88 ? cal.onOrAfterWorkingDay(cal.addDays(due, -rng.int(0, 12))) : cal.addWorkingDays(due, rng.int(1, 25));
    if (!before(held) || held <= s.start) break;
    const age = ageOn(g, child, held);
    if (held >= g.recurringFrom) tables.cla_review.push({
      id: ids.next('CLAR'),
      period_of_care_id: period.id,
      person_id: child.id,
      due_date: due,
      review_date: held,
      cancelled: false,
      participation: age < 4 ? 'PN0' : rng.weighted(REVIEW_PARTICIPATION_WEIGHTS),
      iro_id: iroOn(held),
      permanence_plan_reviewed: n >= 2 ? rng.chance(0.92) : null,
    });
    if (n >= 2 && rng.chance(0.7)) {
      const contact = cal.addDays(held, -rng.int(1, 20));
      if (contact > s.start && contact >= g.recurringFrom) tables.iro_contact.push({ id: ids.next('IROC'), person_id: child.id, period_of_care_id: period.id, iro_id: iroOn(contact), contact_date: contact });
    }
    due = cal.addMonths(held, n === 1 ? 3 : 6);
  }

  // Statutory visits (regulation 28): within a week of each placement, then six-weekly in its first
  // year, then three-monthly for a long-term foster placement to 18.
  for (const p of placements) {
    const pEnd = p.end_date ?? last;
    let visit = cal.addDays(p.start_date, rng.chance(0.88) ? rng.int(1, 7) : rng.int(8, 20));
    while (visit < pEnd && before(visit)) {
      b.visit({ type: 'cla', date: visit, periodId: period.id });
      const settled = cal.daysBetween(p.start_date, visit) > 365 && p.long_term_to_18;
      const onTime = rng.chance(0.86);
      visit = cal.addDays(visit, settled ? (onTime ? rng.int(55, 91) : rng.int(92, 140)) : onTime ? rng.int(20, 42) : rng.int(43, 80));
    }
  }
}
