// The demo council's SSDA903 return for 2025/26, built and validated, and read back from its CSVs to the
// same findings. Slow: it loads the whole demo council. The findings left are listed by rule below.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import type { Database } from '../../platform/db/connect.ts';
import { read903Dir, write903 } from './csv.ts';
import type { Finding } from './model.ts';
import { makeSsda903Return, type Ssda903Return } from './ssda903-return.ts';
import { validate903 } from './validate-903.ts';

let database: Database;
let result: Ssda903Return;

beforeAll(async () => {
  database = await freshDatabase();
  await loadDemo(database.db, { seed: 1, scale: 1, years: 3, asOf: '2026-03-31' });
  result = await makeSsda903Return(database.db, 2026);
}, 900_000);

afterAll(async () => {
  await database?.close();
});

describe('the demo council’s SSDA903 return 2025/26', { timeout: 300_000 }, () => {
  it('has the year’s looked-after children and their tables', () => {
    const t = result.ret.tables;
    expect(t.header.length).toBeGreaterThan(200);
    for (const table of ['episodes', 'reviews', 'oc2', 'oc3', 'missing', 'sw_episodes'] as const) expect(t[table].length, table).toBeGreaterThan(0);
  });

  it('reads back from its CSVs to the same tables and findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssda903-'));
    write903(result.ret, dir);
    const tables = read903Dir(dir);
    expect(tables).toEqual(result.ret.tables);
    expect(validate903({ year: 2026, tables })).toEqual(result.findings);
  });

  it('has no findings but those named here', () => {
    // Named exceptions, each a finding the demo makes on purpose (docs/ssda903.md says why):
    // 159 Tiller does not record whether a substance-misuse intervention was offered; 133 only where the
    // care leaver's accommodation suitability is unrecorded (ACCOM is the letter alone); 232 sex unknown;
    // 210 UPN unknown (UN4); SW11b/SW12/SW17 the demo's deliberate unallocated spells; SW09 a referral
    // opened and closed the same day leaves an allocation of no length.
    // 197B or 189 for a child whose 17th birthday is 1 April 2025, the first day of the year: the DfE's two
    // rules contradict each other there (197B wants an SDQ or a reason for a 17th birthday on or after the
    // start, 189 refuses both once 17 years have passed by the start), so such a child has one of them.
    const named = new Set(['159', '232', '210', 'SW09STG2', 'SW11bSTG2', 'SW12STG2', 'SW17STG2']);
    const dob = new Map(result.ret.tables.header.map((h) => [h.CHILD, h.DOB]));
    const seventeenOnFirstDay = (f: Finding) => (f.rule === '197B' || f.rule === '189') && dob.get(f.childId ?? '') === '2008-04-01';
    const known = (f: Finding) => named.has(f.rule) || (f.rule === '133' && /^[A-Z]$/.test(f.value ?? '')) || seventeenOnFirstDay(f);
    expect(result.findings.filter((f) => !known(f))).toEqual([]);
  });
});
