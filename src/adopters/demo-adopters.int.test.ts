// The demo council loads its adopters (src/demo/generate-adopters.ts) into a real database, every CHECK
// satisfied, and Annex A List 11 and List 10's family identifiers are filled from them.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { makeAnnexA } from '../returns/annex-a/annex-a-return.ts';

const AS_OF = '2026-03-31';
let database: Database;

beforeAll(async () => {
  database = await freshDatabase();
  await loadDemo(database.db, { seed: 5, scale: 0.3, years: 2, asOf: AS_OF });
}, 300_000);
afterAll(async () => database?.close());

it('loads adopter households linked to the children matched for adoption, and fills Lists 10 and 11', async () => {
  const r = await sql<{ households: number; adopters: number; linked: number; matched: number }>`
    select (select count(*)::int from adopter_household) as households, (select count(*)::int from adopter) as adopters,
      (select count(*)::int from adoption where adopter_household_id is not null) as linked,
      (select count(*)::int from adoption where adm_decision_date is not null and matched_date >= '2023-04-01') as matched`.execute(database.db);
  const c = r.rows[0]!;
  expect(c.households).toBeGreaterThan(10);
  expect(c.adopters).toBeGreaterThanOrEqual(c.households);
  expect(c.linked).toBe(c.matched);
  const { annexA } = await makeAnnexA(database.db, AS_OF);
  expect(annexA.lists[10]!.rows.length).toBeGreaterThan(5);
  const familyIds = annexA.lists[9]!.rows.map((row) => row[1]).filter((x) => x !== null);
  expect(familyIds.length).toBeGreaterThan(0);
});
