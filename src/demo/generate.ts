// The synthetic demo council: deterministic for a seed, `years` of history ending at `asOf`, at
// `scale` times an England-average council. Only fictional people: names from faker, test-range NHS
// numbers, an unallocated LA code and postcode area.
import { AppError } from '../platform/errors.ts';
import { isIsoDate } from '../platform/calendar/calendar.ts';
import { createGen, fromBands, type Gen } from './context.ts';
import { council } from './council.ts';
import { CARE_ENTRY_AGE_BANDS } from './distributions.ts';
import { generateEpisode } from './generate-child-journey.ts';
import { sketchCare, type CareEntry } from './generate-care.ts';
import { generateFosterHouseholds } from './generate-foster-households.ts';
import { contactOnlyChildren } from './generate-front-door.ts';
import { createChild, dobForAge, newPeople, type Child, type People } from './generate-people.ts';
import { generateWorkforce, type Workforce } from './generate-workforce.ts';
import type { DemoOptions } from './load-demo.ts';
import { DEMO_TABLES, type GeneratedCouncil, type Tables } from './model.ts';
import { DEMO_REFERRALS_PER_YEAR, runReferralStream } from './referral-stream.ts';

export function generateCouncil(options: DemoOptions): GeneratedCouncil {
  if (!(options.scale > 0 && options.scale <= 50)) throw new AppError('BAD_INPUT', `scale must be more than 0 and at most 50, not ${options.scale}`);
  if (!(Number.isInteger(options.years) && options.years >= 1 && options.years <= 10)) throw new AppError('BAD_INPUT', `years must be a whole number from 1 to 10, not ${options.years}`);
  if (!isIsoDate(options.asOf)) throw new AppError('BAD_INPUT', `asOf must be a date written YYYY-MM-DD, not ${options.asOf}`);
  const g = createGen(options);
  const wf = generateWorkforce(g);
  const people = newPeople();
  const inCareBefore = childrenInCareBefore(g, wf, people);
  runReferralStream(g, wf, people, inCareBefore);
  contactOnlyChildren(g, wf, people);
  supervision(g, wf);
  g.tables.council_setting.push({
    id: 'demo_council',
    value: JSON.stringify({ name: council.name, laCode: council.laCode, seed: options.seed, scale: options.scale, years: options.years, asOf: g.asOf }),
  });
  // The child population (0–17) that puts the demo's referral rate near England's 519 per 10,000 (2024-25).
  g.tables.council_setting.push({ id: 'child_population_0_17', value: JSON.stringify(Math.round((DEMO_REFERRALS_PER_YEAR * options.scale * 10_000) / 519.4)) });
  const tables = keepTheWindow(g);
  // Last of all: the in-house foster carers, fitted to the placements kept (it changes nothing before it).
  generateFosterHouseholds(g, tables);
  return { council, seed: options.seed, scale: options.scale, years: options.years, asOf: g.asOf, windowStart: g.windowStart, tables };
}

/**
 * Children who came into care before the referral stream begins: some are still looked after when it
 * starts, others left care at 16 or more and are care leavers during the window. Entries are drawn at
 * the national rate for the 19 years before; only those still relevant are generated in full.
 */
function childrenInCareBefore(g: Gen, wf: Workforce, people: People): Child[] {
  const { rng, cal } = g;
  const children: Child[] = [];
  const perDay = (216 * g.scale) / 365.25;
  for (let day = g.historyStart; day < g.streamStart; day = cal.addDays(day, 1)) {
    const n = rng.poisson(perDay);
    for (let i = 0; i < n; i++) {
      const age = fromBands(rng, CARE_ENTRY_AGE_BANDS);
      const dob = dobForAge(g, day, age);
      const eighteenth = cal.addYears(dob, 18);
      if (cal.daysBetween(day, eighteenth) < 30) continue;
      const uasc = age >= 14 && rng.chance(0.12);
      const entry: CareEntry = uasc ? 'uasc' : age >= 11 && rng.chance(0.5) ? 's20' : rng.chance(0.45) ? 'emergency' : 'planned';
      const sketch = sketchCare(g, { dob, eighteenth }, day, entry);
      const stillInCare = sketch.end >= g.streamStart;
      const careLeaver = (sketch.exit === 'eighteen' || sketch.exit === 'independent') && cal.addYears(dob, 25) >= g.windowStart;
      if (!stillInCare && !careLeaver) continue;
      const child = createChild(g, people, { dob, uasc, withFamily: !uasc, ...(uasc ? { sex: 'M' as const } : {}) });
      const referral = cal.addDays(day, -Math.min(rng.int(0, 60), cal.daysBetween(dob, day)));
      generateEpisode(g, wf, child, referral, uasc ? 'uasc' : 'assess_care', { historic: sketch });
      children.push(child);
    }
  }
  return children;
}

/** Monthly supervision for every worker in post (some months missed), with the team manager. */
function supervision(g: Gen, wf: Workforce): void {
  const { rng, cal, ids, tables, asOf } = g;
  for (const p of tables.professional) {
    if (!p.team_id || /Manager|Head of Service|Director/.test(p.job_title ?? '')) continue;
    const start = p.start_date! > g.recurringFrom ? p.start_date! : g.recurringFrom;
    const end = p.end_date && p.end_date < asOf ? p.end_date : asOf;
    let date = cal.addDays(start, rng.int(5, 30));
    while (date <= end) {
      const day = cal.onOrAfterWorkingDay(date);
      if (day > end) break;
      tables.supervision.push({
        id: ids.next('SUP'),
        professional_id: p.id,
        supervisor_id: wf.managerOn(p.team_id, day),
        supervision_date: day,
        notes: rng.pick(['Caseload reviewed; visits and plans discussed.', 'Reflective discussion about a family with cumulative neglect.', 'Workload high; two cases to be reallocated.', 'Case discussion and wellbeing check.', 'Learning from audit discussed.']),
      });
      const r = rng.float();
      date = cal.addDays(day, r < 0.8 ? rng.int(24, 34) : r < 0.95 ? rng.int(35, 60) : rng.int(61, 95));
    }
  }
}

type PersonRow = { person_id: string };

/**
 * Keeps the people the window is about: anyone with a referral, contact, early help or care-leaver
 * record open or dated in the window, with their whole earlier history. Children whose involvement
 * ended before the window (they were only there to give the stream a past) are dropped with their
 * adults and records.
 */
function keepTheWindow(g: Gen): Tables {
  const { tables, windowStart } = g;
  const kept = new Set<string>();
  for (const r of tables.cin_episode) if (r.close_date == null || r.close_date >= windowStart) kept.add(r.person_id);
  for (const r of tables.contact) if (r.contact_date >= windowStart) kept.add(r.person_id);
  for (const r of tables.early_help_episode) if (r.end_date == null || r.end_date >= windowStart) kept.add(r.person_id);
  for (const r of tables.care_leaver) if (r.record_date != null && r.record_date >= windowStart) kept.add(r.person_id);
  for (const r of tables.relationship) if (kept.has(r.person_id) && r.relationship !== 'sibling') kept.add(r.related_person_id);

  const out = {} as Record<string, unknown[]>;
  for (const table of DEMO_TABLES) {
    const rows = tables[table] as unknown[];
    if (table === 'person') out[table] = (rows as { id: string }[]).filter((r) => kept.has(r.id));
    else if (table === 'relationship') out[table] = tables.relationship.filter((r) => kept.has(r.person_id) && kept.has(r.related_person_id));
    else if (rows.length && typeof (rows[0] as PersonRow).person_id === 'string') out[table] = (rows as PersonRow[]).filter((r) => kept.has(r.person_id));
    else out[table] = rows;
  }
  return out as unknown as Tables;
}
