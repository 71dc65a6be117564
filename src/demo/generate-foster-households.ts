// The council's own (in-house) foster carers, made to fit the in-house foster placements the demo has
// already generated (provider PR1, types U1 to U6), and linked to them.
//
// A stay is a run of placements with the same carers (a match as long-term to 18 changes the type, not
// the household). Relatives and friends (U1 to U3) are approved as connected persons for the child they
// take, from the day the child arrives (regulation 24 temporary approval), and stop fostering soon after
// the child leaves. Fostering-for-adoption carers (U5) are approved months before the baby comes. Every
// other stay (U4, U6) goes to a mainstream household with room for the whole of the stay: never more
// children at once than its approved places, on any day (a child arriving on the day another leaves
// counts both); a new household is approved when none has room. Households serve for some years and then
// resign (deregistered), never with a child still placed; some are approved with a spare place, a few
// newly approved ones wait for their first child, and a few without children are on hold at asOf.
//
// Runs after the window is chosen, on the rows kept, and only then: it draws on the shared random stream
// last, so nothing generated before it changes.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Gen } from './context.ts';
import { homePostcode, outOfAreaPostcode } from './generate-people.ts';
import type { Row, Tables } from './model.ts';

const IN_HOUSE_FOSTER = /^U[1-6]$/;
const CONNECTED = /^U[1-3]$/;
/** Places a mainstream household is approved for. */
const MAINSTREAM_PLACES = { 1: 32, 2: 44, 3: 20, 4: 4 };
/** The chance that a mainstream household with room is a match for a child needing a placement. */
const MATCH_CHANCE = 0.5;
/** A far-off day standing for "still there". */
const OPEN: IsoDate = '9999-12-31';

interface Stay {
  placements: Row<'placement'>[];
  start: IsoDate;
  /** Last day with the household (the end date of its last placement), OPEN if still there at asOf. */
  end: IsoDate;
  kind: 'connected_person' | 'fostering_for_adoption' | 'mainstream';
  inArea: boolean;
}

interface Household {
  row: Row<'foster_household'>;
  inArea: boolean;
  /** Children it takes at once: its approved places, or one fewer (a place kept for a brother or sister). */
  takes: number;
  /** Its stays, each with the day the household is ready for another child after it (a break between children). */
  busy: { start: IsoDate; until: IsoDate }[];
  /** The last day it can have a child: it resigns after. OPEN if it is still fostering at asOf. */
  serviceEnd: IsoDate;
  stays: Stay[];
}

export function generateFosterHouseholds(g: Gen, tables: Tables): void {
  const { rng, cal, asOf } = g;
  const stays = inHouseStays(tables.placement);
  const households: Household[] = [];
  const names = new Set<string>();

  const newHousehold = (kind: Stay['kind'], inArea: boolean, approved: IsoDate, places: number, serviceEnd: IsoDate, postcode?: string | null): Household => {
    const { name, carers } = carerNames(g, names);
    const row: Row<'foster_household'> = {
      id: g.ids.next('FH'),
      name,
      approval_type: kind,
      approved_places: places,
      approved_date: approved,
      deregistered_date: serviceEnd < asOf ? cal.addDays(serviceEnd, 1) : null,
      on_hold: false,
      postcode: postcode ?? (inArea ? homePostcode(g) : outOfAreaPostcode(g)),
    };
    const takes = places >= 2 && rng.chance(0.3) ? places - 1 : places;
    const h: Household = { row, inArea, takes, busy: [], serviceEnd: serviceEnd < asOf ? serviceEnd : OPEN, stays: [] };
    carerOf.set(h, carers);
    households.push(h);
    return h;
  };
  const carerOf = new Map<Household, string>();
  const place = (h: Household, s: Stay) => {
    h.stays.push(s);
    h.busy.push({ start: s.start, until: s.end === OPEN ? OPEN : cal.addDays(s.end, rng.int(7, 150)) });
    for (const p of s.placements) {
      p.foster_household_id = h.row.id;
      p.carer_name = carerOf.get(h)!;
      p.postcode = h.row.postcode ?? null;
    }
  };

  const mainstream: Household[] = [];
  for (const s of stays) {
    if (s.kind === 'connected_person') {
      // Approved for this child (now and then for a brother or sister too); they stop when the child leaves.
      const end = s.end === OPEN ? OPEN : cal.addDays(s.end, rng.int(0, 60));
      place(newHousehold('connected_person', s.inArea, s.start, rng.chance(0.85) ? 1 : 2, end, s.placements[0]!.postcode), s);
    } else if (s.kind === 'fostering_for_adoption') {
      const end = s.end === OPEN ? OPEN : cal.addDays(s.end, rng.int(0, 90));
      place(newHousehold('fostering_for_adoption', s.inArea, cal.addDays(s.start, -rng.int(30, 200)), 1, end), s);
    } else {
      // Not every household with room suits the child (age, needs, other children there): each is a match by chance.
      // A child moving on goes to other carers: the same household again would be no move in the 903 (rule 435).
      const child = s.placements[0]!.person_id;
      const fits = mainstream.filter((h) => h.inArea === s.inArea && h.row.approved_date <= s.start && s.end <= h.serviceEnd && !h.stays.some((x) => x.placements[0]!.person_id === child) && hasRoom(h, s) && rng.chance(MATCH_CHANCE));
      if (fits.length) {
        place(rng.pick(fits), s);
        continue;
      }
      // Approved a while before its first child; fosters for some years (longer for long stays).
      const approved = cal.addDays(s.start, -rng.int(7, 400));
      const service = cal.addDays(approved, Math.round(Math.min(25 * 365, rng.logNormal(9 * 365, 0.6))));
      const serviceEnd = s.end === OPEN || service >= asOf ? OPEN : service > s.end ? service : s.end;
      const h = newHousehold('mainstream', s.inArea, approved, Number(rng.weighted(MAINSTREAM_PLACES)), serviceEnd);
      mainstream.push(h);
      place(h, s);
    }
  }

  // Households recently approved and still waiting for their first child.
  const waiting = Math.round(mainstream.filter((h) => h.serviceEnd === OPEN).length * 0.06);
  for (let i = 0; i < waiting; i++) {
    newHousehold('mainstream', rng.chance(0.8), cal.addDays(asOf, -rng.int(10, 150)), Number(rng.weighted({ 1: 40, 2: 50, 3: 10 })), OPEN);
  }
  // A few approved households without a child at asOf are on hold (a review after an allegation, a
  // family illness, a break between placements).
  for (const h of households) {
    if (h.row.approval_type !== 'mainstream' || h.serviceEnd !== OPEN || h.stays.length === 0) continue;
    const placed = h.stays.some((s) => s.start <= asOf && s.end >= asOf);
    if (!placed && rng.chance(0.25)) h.row.on_hold = true;
  }

  // The 903 episodes carry the placement's postcode.
  const postcodes = new Map(tables.placement.filter((p) => p.foster_household_id).map((p) => [p.id, p.postcode ?? null]));
  for (const e of tables.cla_episode) if (e.placement_id && postcodes.has(e.placement_id)) e.placement_postcode = postcodes.get(e.placement_id)!;
  households.sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
  tables.foster_household.push(...households.map((h) => h.row));
}

/** The runs of in-house foster placements with the same carers, by start date. */
function inHouseStays(placements: readonly Row<'placement'>[]): Stay[] {
  const byPeriod = new Map<string, Row<'placement'>[]>();
  for (const p of placements) {
    if (p.provider !== 'PR1' || !IN_HOUSE_FOSTER.test(p.placement_type ?? '')) continue;
    const key = p.period_of_care_id ?? p.id;
    const list = byPeriod.get(key);
    if (list) list.push(p);
    else byPeriod.set(key, [p]);
  }
  const stays: Stay[] = [];
  for (const list of byPeriod.values()) {
    list.sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : 0));
    let current: Stay | null = null;
    for (const p of list) {
      const last: Row<'placement'> | undefined = current?.placements[current.placements.length - 1];
      const sameCarers = last && last.end_date === p.start_date && last.carer_name === p.carer_name && last.postcode === p.postcode;
      if (current && sameCarers) {
        current.placements.push(p);
        current.end = p.end_date ?? OPEN;
        continue;
      }
      const type = p.placement_type ?? '';
      current = {
        placements: [p],
        start: p.start_date,
        end: p.end_date ?? OPEN,
        kind: CONNECTED.test(type) ? 'connected_person' : type === 'U5' ? 'fostering_for_adoption' : 'mainstream',
        inArea: p.in_area ?? true,
      };
      stays.push(current);
    }
  }
  // By start, then id: the order the households are filled in, so the same seed gives the same households.
  return stays.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.placements[0]!.id < b.placements[0]!.id ? -1 : 1));
}

/**
 * Whether `h` would take another child for every day of `s`: fewer children than it takes, counting each
 * child there to the end of the break after them (so never more than its approved places on any day, a
 * child arriving on the day another leaves counting both).
 */
function hasRoom(h: Household, s: Stay): boolean {
  const overlapping = h.busy.filter((x) => x.start <= s.end && x.until >= s.start);
  if (overlapping.length < h.takes) return true;
  // The most there at once during `s`: the count rises only on a start day.
  const days = [s.start, ...overlapping.map((x) => x.start).filter((d) => d > s.start)];
  return days.every((d) => overlapping.filter((x) => x.start <= d && x.until >= d).length < h.takes);
}

function plural(surname: string): string {
  return /(s|x|z|ch|sh)$/i.test(surname) ? `${surname}es` : `${surname}s`;
}

/** A household name as the fostering service uses it ("The Okafors"), unique, and the carers' names. */
function carerNames(g: Gen, used: Set<string>): { name: string; carers: string } {
  const { names, rng } = g;
  let surname = names.surname();
  for (let i = 0; i < 20 && used.has(`The ${plural(surname)}`); i++) surname = names.surname();
  const couple = rng.chance(0.7);
  const carers = couple ? `${names.forename('F')} and ${names.forename(rng.chance(0.85) ? 'M' : 'F')} ${surname}` : `${names.forename(rng.chance(0.85) ? 'F' : 'M')} ${surname}`;
  let name = `The ${plural(surname)}`;
  if (used.has(name)) name = `${carers}`;
  for (let n = 2; used.has(name); n++) name = `${carers} (${n})`;
  used.add(name);
  return { name, carers };
}
