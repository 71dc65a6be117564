// The demo council's CIN census for 2025/26: valid against the DfE schema (the fixture beside the
// tests), and our validator finds no errors in it. Slow: it loads the whole demo council.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { schemaErrors } from '../../../test/fixtures/cin/schema.ts';
import { council } from '../../demo/council.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import type { Database } from '../../platform/db/connect.ts';
import { censusFromXml, censusToXml } from './census-xml.ts';
import { makeCinCensusReturn, type CinCensusReturn } from './cin-census-return.ts';
import { validateCensus } from './validate-census.ts';

let database: Database;
let result: CinCensusReturn;
let xml: string;

beforeAll(async () => {
  database = await freshDatabase();
  await loadDemo(database.db, { seed: 1, scale: 1, years: 3, asOf: '2026-03-31' });
  result = await makeCinCensusReturn(database.db, 2026);
  xml = censusToXml(result.census);
}, 900_000);

afterAll(async () => {
  await database?.close();
});

describe('the demo council’s CIN census 2025/26', { timeout: 300_000 }, () => {
  it('has the year’s children in need, thousands of them, under the demo council’s LA code', () => {
    expect(result.census.header).toMatchObject({ LEA: council.laCode, Year: '2026', ReferenceDate: '2026-03-31' });
    expect(result.census.children.length).toBeGreaterThan(3000);
    const modules = result.census.children.flatMap((c) => c.CINdetails);
    for (const part of ['Assessments', 'CINPlanDates', 'Section47', 'ChildProtectionPlans'] as const) {
      expect(modules.some((m) => m[part].length > 0), part).toBe(true);
    }
  });

  it('is valid against the DfE schema', async () => {
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('has no errors', () => {
    expect(result.findings.filter((f) => f.type === 'Error')).toEqual([]);
  });

  it('finds the same in the file as in the census it was written from', () => {
    expect(validateCensus(censusFromXml(xml))).toEqual(result.findings);
  });
});
