// The demo council's prospective adopters (src/adopters): a household for each child (or sibling group)
// matched for adoption in the window — most assessed by the council's own agency, some by another agency —
// and the other households that enquired, went through stage 1 and 2 and were approved (waiting, or
// matched with another council's child), or withdrew, were put on hold or refused on the way. A medium
// council approves some 20 to 30 adopter households a year (scale 1).
//
// Deterministic from the seed, with its own random source (so the rest of the council is unchanged by it),
// and run after the council is generated and loaded (load-demo.ts): it reads the adoption journeys and
// sibling links of the generated council and writes its own tables and the journeys' household link.
import { sql } from 'kysely';
import { addDays, addYears, type IsoDate } from '../platform/calendar/calendar.ts';
import type { Db } from '../platform/db/connect.ts';
import type { Insertable } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { council } from './council.ts';
import type { GeneratedCouncil } from './model.ts';
import { Rng } from './random.ts';

type HouseholdRow = Omit<Insertable<DB['adopter_household']>, 'created_at' | 'updated_at' | 'version' | 'deleted_at'>;
type AdopterRow = Omit<Insertable<DB['adopter']>, 'created_at' | 'updated_at' | 'version' | 'deleted_at'>;

export interface DemoAdopters {
  households: HouseholdRow[];
  adopters: AdopterRow[];
  /** adoption.id → adopter_household.id */
  links: Array<{ adoptionId: string; householdId: string }>;
}

const SURNAMES = ['Ashworth', 'Bello', 'Carter', 'Dhillon', 'Evans', 'Fletcher', 'Greenwood', 'Hussain', 'Iqbal', 'Jones', 'Kowalski', 'Lomax', 'Mensah', 'Nolan', 'Okafor', 'Patel', 'Quinn', 'Rahman', 'Shaw', 'Taylor', 'Underwood', 'Varga', 'Walsh', 'Yates'];
const OTHER_AGENCIES = ['Tillshire and Vale Adoption (regional adoption agency)', 'Northway Adoption Partnership (regional adoption agency)', 'Family Ties Adoption (voluntary adoption agency)', 'Marsh County Council adoption service'];
const ETHNICITY = { WBRI: 78, WIRI: 2, WOTH: 4, MWBC: 3, MOTH: 2, AIND: 3, APKN: 2, BCRB: 2, BAFR: 2, OOTH: 1, NOBT: 1 } as const;
const ADOPTERS = { MF: 70, FF: 10, MM: 7, F1: 11, M1: 2 } as const;

/** Stable across runs: a number from the seed, apart from the generator's own stream. */
const rngFor = (seed: number) => new Rng((seed * 2654435761 + 0x5eed) >>> 0);

export function generateAdopters(c: GeneratedCouncil): DemoAdopters {
  const rng = rngFor(c.seed);
  const asOf = c.asOf;
  const from = addYears(c.windowStart, -1);
  const households: HouseholdRow[] = [];
  const adopters: AdopterRow[] = [];
  const links: DemoAdopters['links'] = [];
  let nHousehold = 0;
  let nAdopter = 0;

  /** Dates later than the as-of date have not happened; nor has anything after the first such. */
  const upTo = (dates: Array<IsoDate | null>): Array<IsoDate | null> => {
    let future = false;
    return dates.map((d) => {
      if (future || d === null) return null;
      if (d > asOf) {
        future = true;
        return null;
      }
      return d;
    });
  };

  const addHousehold = (h: Omit<HouseholdRow, 'id' | 'family_identifier' | 'name'>, adopterSex?: string | null): string => {
    const id = `ADH${String(++nHousehold).padStart(6, '0')}`;
    households.push({ id, family_identifier: '', name: `The ${rng.pick(SURNAMES)} household (${rng.pick(council.towns)})`, ...h });
    const sexes = adopterSex && adopterSex in ADOPTERS ? adopterSex : rng.weighted(ADOPTERS);
    const people = sexes.endsWith('1') ? [sexes[0]!] : [sexes[0]!, sexes[1]!];
    const ethnicity = rng.weighted(ETHNICITY);
    for (const sex of people) {
      adopters.push({ id: `ADR${String(++nAdopter).padStart(6, '0')}`, household_id: id, sex, ethnicity: rng.chance(0.85) ? ethnicity : rng.weighted(ETHNICITY), disabled: rng.chance(0.04) });
    }
    return id;
  };

  /** Enquiry to approval, backwards from the approval date (stage 1 about two months, stage 2 about four). */
  const assessmentBefore = (approval: IsoDate) => {
    const stage2End = addDays(approval, -rng.int(20, 60));
    const stage2Start = addDays(stage2End, -rng.int(100, 140));
    const stage1End = addDays(stage2Start, -rng.int(0, 30));
    const stage1Start = addDays(stage1End, -rng.int(45, 75));
    const enquiry = addDays(stage1Start, -rng.int(7, 45));
    return { enquiry, stage1Start, stage1End, stage2Start, stage2End, application: stage2Start };
  };

  // ---------------------------------------------------------------- the children matched in the window
  const siblings = new Map<string, Set<string>>();
  for (const r of c.tables.relationship) {
    if (r.relationship !== 'sibling') continue;
    siblings.set(r.person_id, (siblings.get(r.person_id) ?? new Set()).add(r.related_person_id));
    siblings.set(r.related_person_id, (siblings.get(r.related_person_id) ?? new Set()).add(r.person_id));
  }
  const matched = c.tables.adoption
    .filter((a) => a.adm_decision_date && a.matched_date && a.matched_date >= from && a.matched_date <= asOf)
    .sort((a, b) => (a.matched_date! < b.matched_date! ? -1 : a.matched_date! > b.matched_date! ? 1 : a.id < b.id ? -1 : 1));
  const groups: Array<typeof matched> = [];
  const groupOf = new Map<string, (typeof matched)>();
  for (const a of matched) {
    const sib = [...(siblings.get(a.person_id) ?? [])].map((s) => groupOf.get(s)).find((g) => g && Math.abs(new Date(g[0]!.matched_date!).getTime() - new Date(a.matched_date!).getTime()) <= 60 * 86_400_000);
    const group = sib ?? [];
    if (!sib) groups.push(group);
    group.push(a);
    groupOf.set(a.person_id, group);
  }
  for (const g of groups) {
    const first = g[0]!;
    const approval = addDays(first.matched_date!, -rng.int(30, 300));
    const ffa = g.some((a) => a.ffa_decision_date) || rng.chance(0.08);
    let id: string;
    if (rng.chance(0.72)) {
      const s = assessmentBefore(approval);
      id = addHousehold(
        {
          agency: 'in_house', fostering_for_adoption: ffa, enquiry_date: s.enquiry, stage1_start_date: s.stage1Start, stage1_end_date: s.stage1End,
          stage2_start_date: s.stage2Start, stage2_end_date: s.stage2End, application_date: s.application, approval_date: approval,
        },
        first.adopter_sex,
      );
    } else {
      id = addHousehold({ agency: 'other_agency', other_agency_name: rng.pick(OTHER_AGENCIES), fostering_for_adoption: ffa, approval_date: approval }, first.adopter_sex);
    }
    for (const a of g) links.push({ adoptionId: a.id, householdId: id });
  }

  // ---------------------------------------------------------------- the other enquiries
  const perYear = 24 * c.scale;
  for (let day = addYears(from, -1); day <= asOf; day = addDays(day, 1)) {
    const n = rng.poisson(perYear / 365.25);
    for (let i = 0; i < n; i++) {
      const enquiry = day;
      const stage1Start = addDays(enquiry, rng.int(7, 45));
      const stage1End = addDays(stage1Start, rng.int(45, 75));
      const stage2Start = addDays(stage1End, rng.int(0, 30));
      const stage2End = addDays(stage2Start, rng.int(100, 140));
      const approval = addDays(stage2End, rng.int(20, 60));
      const r = rng.float();
      let dates: Array<IsoDate | null>;
      let left: IsoDate | null = null;
      let reason: 'withdrew' | 'on_hold' | 'refused' | null = null;
      let placedCount: number | null = null;
      // enquiry, stage 1 start, end, stage 2 start, end, application, approval, matched, placed, order
      if (r < 0.3) {
        const s1 = rng.chance(0.5);
        dates = [enquiry, s1 ? stage1Start : null, null, null, null, null, null, null, null, null];
        left = addDays(s1 ? stage1Start : enquiry, rng.int(14, 50));
        reason = 'withdrew';
      } else if (r < 0.42) {
        dates = [enquiry, stage1Start, stage1End, stage2Start, null, stage2Start, null, null, null, null];
        left = addDays(stage2Start, rng.int(20, 90));
        reason = 'withdrew';
      } else if (r < 0.45) {
        dates = [enquiry, stage1Start, stage1End, stage2Start, stage2End, stage2Start, null, null, null, null];
        left = addDays(stage2End, rng.int(14, 40));
        reason = 'refused';
      } else if (r < 0.5) {
        dates = [enquiry, stage1Start, stage1End, null, null, null, null, null, null, null];
        left = addDays(stage1End, rng.int(7, 30));
        reason = 'on_hold';
      } else {
        // Approved: most are matched in time with another council's child; some withdraw while waiting.
        const matchedOn = addDays(approval, rng.int(60, 330));
        const placedOn = addDays(matchedOn, rng.int(14, 40));
        const orderOn = addDays(placedOn, rng.int(150, 320));
        if (rng.chance(0.75)) {
          dates = [enquiry, stage1Start, stage1End, stage2Start, stage2End, stage2Start, approval, matchedOn, placedOn, orderOn];
          placedCount = rng.chance(0.15) ? 2 : 1;
        } else {
          dates = [enquiry, stage1Start, stage1End, stage2Start, stage2End, stage2Start, approval, null, null, null];
          left = addDays(approval, rng.int(200, 500));
          reason = 'withdrew';
        }
      }
      const [e, s1s, s1e, s2s, s2e, app, appr, m, p, o] = upTo(dates);
      const leftOn = left && left <= asOf ? left : null;
      addHousehold({
        agency: 'in_house', fostering_for_adoption: appr !== null && rng.chance(0.1), enquiry_date: e, stage1_start_date: s1s, stage1_end_date: s1e, stage2_start_date: s2s,
        stage2_end_date: s2e, application_date: app, approval_date: appr, matched_date: m, placed_date: p, children_placed: p ? placedCount : null, adoption_order_date: o,
        left_date: leftOn, left_reason: leftOn ? reason : null,
      });
    }
  }

  // Family identifiers in the order the households came to the service (enquiry, else approval).
  const started = (h: HouseholdRow) => (h.enquiry_date ?? h.approval_date ?? '') as string;
  [...households].sort((a, b) => (started(a) < started(b) ? -1 : started(a) > started(b) ? 1 : a.id < b.id ? -1 : 1)).forEach((h, i) => (h.family_identifier = `AF${String(i + 1).padStart(4, '0')}`));
  return { households, adopters, links };
}

/** Generates the adopters for the loaded council and writes them (inside the demo's transaction). Returns the number of households. */
export async function insertDemoAdopters(trx: Db, c: GeneratedCouncil): Promise<number> {
  const { households, adopters, links } = generateAdopters(c);
  for (let i = 0; i < households.length; i += 500) await trx.insertInto('adopter_household').values(households.slice(i, i + 500)).execute();
  for (let i = 0; i < adopters.length; i += 500) await trx.insertInto('adopter').values(adopters.slice(i, i + 500)).execute();
  if (links.length) {
    await sql`update adoption set adopter_household_id = u.h from unnest(${links.map((l) => l.adoptionId)}::text[], ${links.map((l) => l.householdId)}::text[]) as u(a, h) where adoption.id = u.a`.execute(trx);
  }
  return households.length;
}
