// The flow of referrals, day by day. Each referral takes a route through the system (no further
// action, assessment and closure, a child in need plan, a section 47 enquiry, a child protection plan,
// care) with the national funnel's proportions. Who is referred is decided here too: a new child (now
// and then with a brother or sister), or a child the council has known before — about a fifth of
// referrals come within a year of the last, and a quarter of new CP plans are for a child who had one.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { fromBands, type Gen } from './context.ts';
import { CARE_ENTRY_AGE_BANDS, ICPC_DELAY_BANDS, REFERRAL_AGE_BANDS } from './distributions.ts';
import { generateEpisode, type Route, type SharedDates } from './generate-child-journey.ts';
import { addContact, startEarlyHelp } from './generate-front-door.ts';
import { createChild, dobForAge, type Child, type People } from './generate-people.ts';
import type { Workforce } from './generate-workforce.ts';

/**
 * Share of referrals taking each route (before the section 47s, conferences and care entries that
 * happen later inside CIN and CP plans). Tuned so that a year at scale 1 gives about 4,100 referrals,
 * 6.5% NFA, 1,500 S47s, 470 ICPCs, 400 CP plans and 216 children starting care.
 */
const ROUTE_WEIGHTS: Readonly<Record<Route, number>> = {
  nfa: 7.1,
  uasc: 0.65,
  cp: 9.7,
  icpc_no_plan: 1.6,
  s47_cin: 11.5,
  s47_close: 10.2,
  s47_care: 1.6,
  assess_close: 21,
  assess_other: 7,
  assess_cin: 30.3,
  assess_care: 1.7,
};

export const DEMO_REFERRALS_PER_YEAR = 4140;
/** Share of referrals for a child referred in the previous 12 months, and for one known longer ago. */
const RECENT_SHARE = 0.245;
const OLDER_SHARE = 0.1;
/** Share of new CP plans for a child who had one before. */
const REPEAT_CP_SHARE = 0.27;
const SIBLING_SHARE = 0.12;

const CARE_ROUTES: ReadonlySet<Route> = new Set(['s47_care', 'assess_care']);

/** Children waiting to become referable again, by the day they may be. */
class ByDate {
  private readonly heap: Child[] = [];

  push(c: Child): void {
    const h = this.heap;
    h.push(c);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.freeFrom! <= h[i]!.freeFrom!) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  popUntil(date: IsoDate): Child[] {
    const out: Child[] = [];
    const h = this.heap;
    while (h.length && h[0]!.freeFrom! <= date) {
      out.push(h[0]!);
      const last = h.pop()!;
      if (h.length) {
        h[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && h[l]!.freeFrom! < h[m]!.freeFrom!) m = l;
          if (r < h.length && h[r]!.freeFrom! < h[m]!.freeFrom!) m = r;
          if (m === i) break;
          [h[m], h[i]] = [h[i]!, h[m]!];
          i = m;
        }
      }
    }
    return out;
  }
}

/** Children who could be referred again, split by how recently and whether they had a CP plan. */
class KnownChildren {
  readonly recent: Child[] = [];
  readonly older: Child[] = [];
  readonly recentCp: Child[] = [];
  readonly olderCp: Child[] = [];

  constructor(private readonly g: Gen) {}

  add(c: Child, today: IsoDate): void {
    const recent = c.lastReferral !== null && c.lastReferral >= this.g.cal.addYears(today, -1);
    (c.cpPlans > 0 ? (recent ? this.recentCp : this.olderCp) : recent ? this.recent : this.older).push(c);
  }

  /** Moves children whose last referral is now more than a year ago to the older lists. */
  age(today: IsoDate): void {
    const yearAgo = this.g.cal.addYears(today, -1);
    for (const [from, to] of [[this.recent, this.older], [this.recentCp, this.olderCp]] as const) {
      for (let i = from.length - 1; i >= 0; i--) {
        if (from[i]!.lastReferral! < yearAgo) {
          to.push(from[i]!);
          from[i] = from[from.length - 1]!;
          from.pop();
        }
      }
    }
  }

  /** Takes a random child from `list` who is still under 17 and a half on `today`. */
  take(list: Child[], today: IsoDate): Child | undefined {
    const { rng, cal } = this.g;
    while (list.length) {
      const i = rng.int(0, list.length - 1);
      const c = list[i]!;
      list[i] = list[list.length - 1]!;
      list.pop();
      if (cal.daysBetween(today, c.eighteenth) > 180) return c;
    }
    return undefined;
  }

  takeEither(a: Child[], b: Child[], today: IsoDate): Child | undefined {
    const { rng } = this.g;
    const first = rng.float() * (a.length + b.length) < a.length ? a : b;
    return this.take(first, today) ?? this.take(first === a ? b : a, today);
  }
}

export function runReferralStream(g: Gen, wf: Workforce, people: People, alreadyKnown: Child[]): Child[] {
  const { rng, cal, asOf } = g;
  const children: Child[] = [];
  const waiting = new ByDate();
  const known = new KnownChildren(g);
  for (const c of alreadyKnown) if (c.freeFrom) waiting.push(c);

  const eventsPerYear = (DEMO_REFERRALS_PER_YEAR * g.scale) / (1 + SIBLING_SHARE * (1 - RECENT_SHARE - OLDER_SHARE));
  const newChild = (date: IsoDate, route: Route, sibling?: Child): Child => {
    for (;;) {
      const age = route === 'uasc' ? Number(rng.weighted({ 14: 10, 15: 25, 16: 37, 17: 28 })) : fromBands(rng, CARE_ROUTES.has(route) ? CARE_ENTRY_AGE_BANDS : REFERRAL_AGE_BANDS);
      const dob = dobForAge(g, date, age);
      if (cal.daysBetween(date, cal.addYears(dob, 18)) <= 180) continue;
      const child = createChild(g, people, {
        dob,
        uasc: route === 'uasc',
        withFamily: route !== 'uasc',
        ...(route === 'uasc' ? { sex: rng.chance(0.92) ? ('M' as const) : ('F' as const) } : {}),
        ...(sibling ? { siblingOf: sibling } : {}),
      });
      children.push(child);
      return child;
    }
  };

  let lastAged = g.streamStart;
  for (let day = g.streamStart; day <= asOf; day = cal.addDays(day, 1)) {
    for (const c of waiting.popUntil(day)) known.add(c, day);
    if (cal.daysBetween(lastAged, day) >= 14) {
      known.age(day);
      lastAged = day;
    }
    const n = rng.poisson((eventsPerYear / 365.25) * dayFactor(g, day));
    for (let i = 0; i < n; i++) {
      const route = rng.weighted(ROUTE_WEIGHTS);
      let child: Child | undefined;
      if (route === 'cp' && rng.chance(REPEAT_CP_SHARE)) child = known.takeEither(known.recentCp, known.olderCp, day);
      if (!child && route !== 'uasc') {
        const r = rng.float();
        if (r < RECENT_SHARE) child = known.takeEither(known.recent, known.recentCp, day);
        else if (r < RECENT_SHARE + OLDER_SHARE) child = known.takeEither(known.older, known.olderCp, day);
      }
      const isNew = !child;
      child ??= newChild(day, route);
      const shared: SharedDates = { strategyDelay: Number(rng.weighted({ 0: 55, 1: 30, 2: 15 })), icpcDelay: fromBands(rng, ICPC_DELAY_BANDS) };
      let groupId: string | undefined;
      const sibling = isNew && route !== 'uasc' && route !== 'nfa' && rng.chance(SIBLING_SHARE) ? newChild(day, route, child) : undefined;
      if (sibling) groupId = g.ids.next('G');
      const sourceCode = stepUpFromEarlyHelp(g, wf, child, day, route) ? '5D' : undefined;
      const options = { shared, ...(groupId ? { groupId } : {}), ...(sourceCode ? { sourceCode } : {}) };
      generateEpisode(g, wf, child, day, route, options);
      if (child.freeFrom) waiting.push(child);
      if (sibling) {
        generateEpisode(g, wf, sibling, day, route, options);
        if (sibling.freeFrom) waiting.push(sibling);
      }
    }
  }
  return children;
}

/** Referrals come on working days; police referrals keep coming at weekends. Quieter in August and December. */
function dayFactor(g: Gen, day: IsoDate): number {
  const month = day.slice(5, 7);
  const season = month === '08' ? 0.86 : month === '12' ? 0.9 : month === '09' || month === '10' ? 1.05 : 1.01;
  return (g.cal.isWorkingDay(day) ? 1.33 : 0.27) * season;
}

/** Some referrals come from early help: an episode that started months before is stepped up. */
function stepUpFromEarlyHelp(g: Gen, wf: Workforce, child: Child, day: IsoDate, route: Route): boolean {
  const { rng, cal } = g;
  if (route === 'nfa' || route === 'uasc' || !rng.chance(0.08)) return false;
  if (child.earlyHelp && (child.earlyHelp.end_date == null || child.earlyHelp.end_date >= day)) return true;
  let from = cal.addDays(day, -300);
  const earliest = child.freeFrom ?? cal.addDays(child.dob, 30);
  if (earliest > from) from = earliest;
  const to = cal.addDays(day, -45);
  if (from > to) return false;
  const contactDate = cal.between(from, to, rng.float());
  const contact = addContact(g, wf, child, contactDate, 'early_help');
  if (contact.outcome !== 'early_help') return false;
  const eh = startEarlyHelp(g, wf, child, cal.addDays(contact.decision_date!, rng.int(1, 10)), contact.id, cal.addDays(day, 60));
  return eh !== null && eh.start_date <= day;
}
