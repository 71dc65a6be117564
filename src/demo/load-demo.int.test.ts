// Loads the scale-1 demo council into a real database (PGlite, or PostgreSQL when DATABASE_URL is set).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { sufficiencySummary } from '../care/sufficiency.ts';
import { loadDemo, type DemoSummary } from './load-demo.ts';
import { DEMO_TABLES } from './model.ts';

const OPTIONS = { seed: 1, scale: 1, years: 3, asOf: '2026-03-31' };

let database: Database;
let summary: DemoSummary;
const messages: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
}, 60_000);

afterAll(async () => {
  await database?.close();
});

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DEMO_TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
    counts[table] = r.rows[0]!.n;
  }
  return counts;
}

describe('loading the demo council', () => {
  it('loads scale 1 in one transaction, every generated row in place', async () => {
    const started = Date.now();
    summary = await loadDemo(database.db, OPTIONS, (m) => messages.push(m));
    const seconds = (Date.now() - started) / 1000;
    const generated = Object.fromEntries(DEMO_TABLES.map((t) => [t, summary.rows[t]]));
    expect(await tableCounts()).toEqual(generated);
    expect(Object.values(summary.rows).reduce((a, b) => a + b, 0)).toBeGreaterThan(300_000);
    expect(messages.some((m) => m.includes('Loading the demo council'))).toBe(true);
    // Generous: the target is under 60 s on PGlite and 20 s on PostgreSQL on an idle 2-core machine.
    expect(seconds).toBeLessThan(240);
  }, 300_000);

  it('gives England-like figures when read back with SQL', async () => {
    const asOf = OPTIONS.asOf;
    const r = await sql<{ referrals: number; cp_open: number; cla: number; cin_open: number }>`
      select
        (select count(*) from cin_episode where referral_date between '2025-04-01' and ${asOf})::int as referrals,
        (select count(*) from cp_plan where start_date <= ${asOf} and (end_date is null or end_date >= ${asOf}))::int as cp_open,
        (select count(distinct person_id) from period_of_care where start_date <= ${asOf} and (end_date is null or end_date >= ${asOf}))::int as cla,
        (select count(*) from cin_episode where referral_date <= ${asOf} and (close_date is null or close_date >= ${asOf}))::int as cin_open`.execute(database.db);
    const row = r.rows[0]!;
    expect(row.referrals).toBeGreaterThanOrEqual(3700);
    expect(row.referrals).toBeLessThanOrEqual(4600);
    expect(row.cp_open).toBeGreaterThanOrEqual(260);
    expect(row.cp_open).toBeLessThanOrEqual(400);
    expect(row.cla).toBeGreaterThanOrEqual(440);
    expect(row.cla).toBeLessThanOrEqual(640);
    expect(row.cin_open).toBeGreaterThanOrEqual(2250);
    expect(row.cin_open).toBeLessThanOrEqual(3000);
  });

  it('gives the sufficiency page the council’s own foster carers: every child with them in a household, some places spare', async () => {
    const f = (await sufficiencySummary(database.db, OPTIONS.asOf)).fostering;
    expect(f.households).toBeGreaterThan(100);
    expect(f.householdsOnHold).toBeGreaterThan(0);
    expect(f.childrenPlaced).toBe(f.childrenInCouncilFosterCare);
    expect(f.childrenPlaced).toBeGreaterThan(150);
    expect(f.vacancies).toBeGreaterThan(0);
    expect(f.usedPct).toBeGreaterThan(55);
    expect(f.usedPct).toBeLessThan(95);
    expect(f.byApprovalType.map((t) => t.code).sort()).toEqual(['connected_person', 'fostering_for_adoption', 'mainstream']);
  });

  it('refuses to load into a database that already holds records, and changes nothing', async () => {
    const before = await tableCounts();
    await expect(loadDemo(database.db, { ...OPTIONS, seed: 2 })).rejects.toThrow(/already holds records.*Nothing was changed/);
    expect(await tableCounts()).toEqual(before);
  });
});
