// Placements in a period of care: the first one (often an emergency placement left within weeks), the
// moves that follow (most children settled, some moving now and then, a few again and again), a match
// with long-term foster carers, placement for adoption, a return home on a care order; and for each the
// DfE placement type, provider, Ofsted URN, postcode, distance and whether it is in the council's area.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Gen } from './context.ts';
import { council } from './council.ts';
import type { CareSketch } from './generate-care.ts';
import { homePostcode, outOfAreaPostcode, type Child } from './generate-people.ts';
import type { Row } from './model.ts';

export interface PlacementPlan {
  start: IsoDate;
  type: string;
  longTerm: boolean;
  /** Same carer as the placement before (a change of placement type only). */
  sameCarer: boolean;
}

/** Supported accommodation is K3 from this date; a placement starting earlier keeps H5 as its history. */
const K3_FROM = '2024-04-01';

/**
 * The type as the council would have recorded it on the start date: semi-independent living (H5) is
 * supported accommodation (K3) for placements starting on or after 1 April 2024 (the DfE validator's
 * 2024/25 rules use K3 beside H5; 2025/26 withdrew H5). Earlier ones stay H5, as older records do; the
 * 903 writes them as K3. The weight tables keep their H5 key so the random stream, and so the rest of the
 * demo, is unchanged.
 */
function asRecordedOn(type: string, start: IsoDate): string {
  return type === 'H5' && start >= K3_FROM ? 'K3' : type;
}

function firstPlacementType(g: Gen, age: number, s: CareSketch): string {
  const type = pickFirstPlacementType(g, age, s);
  // Placed with parents needs a care order: a child accommodated under section 20 is fostered (903 rule 378).
  return asRecordedOn(type === 'P1' && s.entry === 's20' ? 'U6' : type, s.start);
}

function pickFirstPlacementType(g: Gen, age: number, s: CareSketch): string {
  const { rng } = g;
  if (s.entry === 'remand') return rng.chance(0.6) ? 'K2' : 'U6';
  if (s.entry === 'uasc') return age >= 16 ? rng.weighted({ H5: 62, U6: 28, K2: 10 }) : rng.weighted({ U6: 80, K2: 20 });
  if (s.adoption?.ffa) return 'U5';
  if (age < 1) return rng.weighted({ U6: 55, U3: 25, R3: 12, P1: 3, U5: 5 });
  if (age < 5) return rng.weighted({ U6: 62, U3: 30, P1: 5, K2: 1, U5: 2 });
  if (age < 10) return rng.weighted({ U6: 62, U3: 26, K2: 5, P1: 6, S1: 1 });
  if (age < 16) return rng.weighted({ U6: 52, U3: 14, K2: 24, P1: 5, S1: 2, R1: 3 });
  return rng.weighted({ H5: 40, U6: 30, U3: 9, K2: 21 });
}

function movePlacementType(g: Gen, age: number, start: IsoDate): string {
  const { rng } = g;
  if (age < 10) return rng.weighted({ U6: 72, U3: 18, K2: 6, S1: 1, P1: 3 });
  if (age < 16) return rng.weighted({ U6: 52, U3: 10, K2: 32, S1: 3, R1: 3 });
  return asRecordedOn(rng.weighted({ H5: 50, U6: 22, K2: 25, U3: 3 }), start);
}

export function placementPlans(g: Gen, child: Child, s: CareSketch): PlacementPlan[] {
  const { rng, cal } = g;
  const ageAt = (d: IsoDate) => Math.floor(g.cal.daysBetween(child.dob, d) / 365.25);
  const plans: PlacementPlan[] = [];
  const first = firstPlacementType(g, ageAt(s.start), s);
  plans.push({ start: s.start, type: first, longTerm: false, sameCarer: false });

  // Fixed points: placed for adoption, matched as a long-term foster placement, home on a care order.
  const fixed: PlacementPlan[] = [];
  if (s.adoption && !s.adoption.reversed && s.adoption.placed < s.end) {
    fixed.push({ start: s.adoption.placed, type: s.adoption.byFosterCarer ? 'A5' : 'A6', longTerm: false, sameCarer: s.adoption.byFosterCarer });
  }
  const longStay = s.exit === 'eighteen' && ageAt(s.start) < 15 && s.entry !== 'uasc';
  let matchDate: IsoDate | null = null;
  if (longStay) {
    matchDate = cal.addDays(s.start, rng.int(240, 600));
    if (matchDate >= s.end) matchDate = null;
  }
  if (s.exit === 'return_home' && s.entry !== 's20' && cal.daysBetween(s.start, s.end) > 200 && rng.chance(0.25)) {
    fixed.push({ start: cal.addDays(s.end, -rng.int(60, 180)), type: 'P1', longTerm: false, sameCarer: false });
  }
  const lastFixed = fixed.length ? fixed[0]!.start : s.end;

  // Random moves: most children are settled, some move now and then, a few again and again.
  // Teenagers move more. The first placement is often an emergency one left within weeks.
  const age = ageAt(s.start);
  const profile = rng.weighted(age >= 12 ? { settled: 55, some: 31, unsettled: 14 } : { settled: 74, some: 20, unsettled: 6 });
  const movesPerYear = profile === 'settled' ? 0.12 : profile === 'some' ? 0.8 : 2.6;
  let t = s.start;
  if (!s.adoption?.ffa && s.entry !== 'remand' && rng.chance(0.38)) {
    t = cal.addDays(t, rng.int(7, 56));
    if (t < lastFixed && (!matchDate || t < matchDate)) plans.push({ start: t, type: movePlacementType(g, ageAt(t), t), longTerm: false, sameCarer: false });
  }
  for (;;) {
    t = cal.addDays(t, Math.min(cal.daysBetween(t, s.end) + 1, Math.max(10, Math.round(rng.exponential(365 / movesPerYear)))));
    if (t >= lastFixed) break;
    if (matchDate && t >= matchDate && plans.every((p) => !p.longTerm)) {
      // Matched with the current carers as a long-term placement to 18: a change of type only.
      const current = plans[plans.length - 1]!;
      const foster = current.type.startsWith('U');
      plans.push({ start: matchDate, type: current.type === 'U3' || current.type === 'U1' ? 'U1' : 'U4', longTerm: true, sameCarer: foster });
      if (t <= matchDate) t = cal.addDays(matchDate, 30);
    }
    const previous = plans[plans.length - 1]!;
    if (t <= previous.start) continue;
    // Long-term matches rarely break down.
    if (previous.longTerm && rng.chance(0.7)) continue;
    plans.push({ start: t, type: movePlacementType(g, ageAt(t), t), longTerm: false, sameCarer: false });
  }
  if (matchDate && plans.every((p) => !p.longTerm) && matchDate < lastFixed && matchDate > plans[plans.length - 1]!.start) {
    const current = plans[plans.length - 1]!;
    plans.push({ start: matchDate, type: current.type === 'U3' ? 'U1' : 'U4', longTerm: true, sameCarer: current.type.startsWith('U') });
  }
  for (const f of fixed) if (f.start > plans[plans.length - 1]!.start && f.start < s.end) plans.push(f);
  return plans;
}

const HOME_NAMES = ['Beechwood House', 'Oak Lodge', 'The Laurels', 'Meadow View', 'Kestrel House', 'Willow Court', 'Brambles', 'Hillside House', 'Ashdown Lodge', 'The Cedars', 'Riverbank House', 'Fernlea'];
const AGENCY_NAMES = ['Brightpath Fostering', 'Harbour Family Placements', 'Nest Fostering', 'Compass Families', 'Lighthouse Fostering'];

export function placementDetails(
  g: Gen,
  child: Child,
  type: string,
): Pick<Row<'placement'>, 'provider' | 'urn' | 'postcode' | 'distance_miles' | 'in_area' | 'provider_name' | 'carer_name' | 'unregistered'> {
  const { rng } = g;
  let provider: string;
  let urn: string;
  let name: string;
  let inArea: boolean;
  const socialCareUrn = () => `SC${rng.int(100000, 999999)}`;
  // The generator makes neither P2 nor Z1 (both withdrawn in 2025/26); the branch keeps their details.
  if (type === 'P1' || type === 'P2' || type === 'T4' || type === 'Z1') {
    provider = type === 'P1' ? 'PR0' : 'PR1';
    urn = 'XXXXXXX';
    name = type === 'P1' ? 'Parent(s)' : 'Independent living';
    inArea = rng.chance(0.85);
  } else if (type === 'U1' || type === 'U2' || type === 'U3') {
    provider = 'PR1';
    urn = council.fosteringUrn;
    name = 'Connected carers (family and friends)';
    inArea = rng.chance(0.65);
  } else if (type.startsWith('U')) {
    const inHouse = rng.chance(0.55);
    provider = inHouse ? 'PR1' : 'PR4';
    urn = inHouse ? council.fosteringUrn : socialCareUrn();
    name = inHouse ? `${council.shortName} Fostering Service` : rng.pick(AGENCY_NAMES);
    inArea = rng.chance(inHouse ? 0.8 : 0.5);
  } else if (type.startsWith('A')) {
    const own = rng.chance(0.7);
    provider = own ? 'PR1' : 'PR5';
    urn = own ? council.adoptionUrn : socialCareUrn();
    name = own ? `${council.shortName} Adoption Service` : 'Regional voluntary adoption agency';
    inArea = rng.chance(0.5);
  } else {
    const supported = type === 'H5' || type === 'K3';
    provider = rng.weighted(supported ? { PR4: 70, PR1: 30 } : { PR4: 80, PR1: 12, PR5: 8 });
    urn = socialCareUrn();
    name = rng.pick(HOME_NAMES);
    inArea = rng.chance(supported ? 0.55 : 0.35);
  }
  const distance = inArea ? 0.4 + rng.float() * 7.5 : Math.min(250, rng.logNormal(24, 0.6) + 8);
  return {
    provider,
    urn,
    postcode: type === 'P1' ? child.homePostcode : inArea ? homePostcode(g) : outOfAreaPostcode(g),
    distance_miles: Math.round(distance * 10) / 10,
    in_area: inArea,
    provider_name: name,
    // Foster carers and adopters by name; a children's home or lodging is its provider.
    carer_name: type.startsWith('U') || type.startsWith('A') ? (rng.chance(0.65) ? `${g.names.forename('F')} and ${g.names.forename('M')} ${g.names.surname()}` : `${g.names.forename()} ${g.names.surname()}`) : null,
    unregistered: (type === 'K2' || type === 'H5' || type === 'K3') && rng.chance(0.01),
  };
}
