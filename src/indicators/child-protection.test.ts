// Child protection: S47 enquiries, initial conferences and their timeliness, CP plan starts, repeats,
// open plans and plans open two years or more. Hand-built data; the working is in comments.
// As of 2026-03-31 the period is 2025-04-01 to 2026-03-31.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { computeIndicators, type IndicatorsReport } from './engine.ts';
import { childIds, figures, seriesDisagreements, testRecords } from './test-records.ts';

let database: Database;
let report: IndicatorsReport;

beforeAll(async () => {
  database = await freshDatabase();
  const r = testRecords(database.db);
  const children = ['S', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'];
  await r.people(...children.map((c): [string] => [c]));
  await r.referrals(...children.map((c): [string, string, string] => [`R${c}`, c, '2020-01-01']));
  await r.s47s(
    ['S1', 'RS', 'S', '2025-04-01'], // first day of the period: counted
    ['S2', 'RS', 'S', '2026-03-31'], // asOf: counted
    ['S3', 'RS', 'S', '2025-03-31'], // the day before: not counted
    ['S4', 'RS', 'S', null], // no start date: not in any period
    ['S5', 'RS', 'S', '2025-06-01', { deleted: true }],
    ['S6', 'RS', 'S', '2025-04-01'], // counted
    ['S7', 'RS', 'S', '2025-07-10'], // counted
  );
  await r.icpcs(
    // Working days after 1 April 2025: 2-4 April (3), 7-11 (8), 14-17 (12; Good Friday 18th), 22 (13; Easter
    // Monday 21st), 23 (14), 24 (15), 25 (16).
    ['I1', 'RS', 'S', 'S1', '2025-04-24'], // 15 working days: in time
    ['I2', 'RS', 'S', 'S6', '2025-04-25'], // 16: late
    ['I3', 'RS', 'S', null, '2025-06-01'], // no S47: counted, left out of timeliness
    ['I4', 'RS', 'S', 'S7', '2025-07-09'], // before its S47 started: counted, left out of timeliness
    ['I5', 'RS', 'S', null, '2025-08-01', { transferIn: true }], // transfer-in: left out of both
    ['I6', 'RS', 'S', 'S4', '2025-09-01'], // its S47 has no start date: in the denominator, not in time
    ['I7', 'RS', 'S', 'S3', '2025-04-01'], // 1 working day after an S47 begun before the period: in time
    ['I8', 'RS', 'S', 'S3', '2025-03-31'], // before the period: not counted
  );
  await r.cpPlans(
    // P1: a plan that ended, then a new one → the new one is a repeat.
    ['CP1a', 'RP1', 'P1', '2023-05-01', '2024-05-01'],
    ['CP1b', 'RP1', 'P1', '2025-06-01', null],
    // P2: another authority's earlier plan recorded here → a repeat. Ended before asOf.
    ['CP2a', 'RP2', 'P2', '2022-01-01', '2022-12-31', { otherLa: true }],
    ['CP2b', 'RP2', 'P2', '2025-07-01', '2025-12-01'],
    // P3: a first plan.
    ['CP3', 'RP3', 'P3', '2025-08-01', null],
    // P4: started 29 February 2024; its second anniversary is 28 February 2026.
    ['CP4', 'RP4', 'P4', '2024-02-29', null],
    // P5: second anniversary 1 April 2026, the day after asOf.
    ['CP5', 'RP5', 'P5', '2024-04-01', null],
    // P6: ends on asOf (still open that day), which is its second anniversary.
    ['CP6', 'RP6', 'P6', '2024-03-31', '2026-03-31'],
    // P7: starts on the period's first day, ends the day before asOf.
    ['CP7', 'RP7', 'P7', '2025-04-01', '2026-03-30'],
    // P8: a deleted earlier plan does not make the later one a repeat.
    ['CP8a', 'RP8', 'P8', '2025-05-01', '2025-06-01', { deleted: true }],
    ['CP8b', 'RP8', 'P8', '2025-10-01', null],
  );
  report = await computeIndicators(database.db, '2026-03-31');
});

afterAll(() => database.close());

describe('child protection indicators as of 2026-03-31', () => {
  it('s47_count: S47 enquiries started in the period', () => {
    // S1, S2, S6, S7 = 4.
    expect(figures(report, 's47_count')).toEqual({ numerator: 4, denominator: null, value: 4 });
  });

  it('icpc_count: conferences in the period, transfer-ins excluded', () => {
    // I1, I2, I3, I4, I6, I7 = 6.
    expect(figures(report, 'icpc_count')).toEqual({ numerator: 6, denominator: null, value: 6 });
  });

  it('icpc_within_15wd_pct: within 15 working days of the S47 start, across Easter', () => {
    // Denominator I1, I2, I6, I7 = 4 (I3 no S47, I4 before its S47); in time I1, I7 = 2 → 50.0%.
    expect(figures(report, 'icpc_within_15wd_pct')).toEqual({ numerator: 2, denominator: 4, value: 50 });
    const r = report.indicators.find((i) => i.id === 'icpc_within_15wd_pct')!;
    expect(r.members!.denominator!.map((m) => m.id).sort()).toEqual(['I1', 'I2', 'I6', 'I7']);
    expect(r.members!.numerator!.map((m) => m.id).sort()).toEqual(['I1', 'I7']);
  });

  it('cpp_starts_count: plans starting in the period', () => {
    // CP1b, CP2b, CP3, CP7, CP8b = 5.
    expect(figures(report, 'cpp_starts_count')).toEqual({ numerator: 5, denominator: null, value: 5 });
  });

  it('cpp_repeat_pct: an earlier plan at any time, another authority’s included', () => {
    // CP1b (after CP1a) and CP2b (after another authority's CP2a) = 2 of 5 = 40.0%.
    expect(figures(report, 'cpp_repeat_pct')).toEqual({ numerator: 2, denominator: 5, value: 40 });
    expect(childIds(report, 'cpp_repeat_pct', 'numerator')).toEqual(['P1', 'P2']);
  });

  it('cpp_open_count: open at asOf, a plan ending on asOf included', () => {
    // CP1b, CP3, CP4, CP5, CP6, CP8b = 6 (CP7 ended the day before; CP2b in December).
    expect(figures(report, 'cpp_open_count')).toEqual({ numerator: 6, denominator: null, value: 6 });
  });

  it('cpp_2yrs_plus_pct: asOf on or after the second anniversary', () => {
    // CP4 (anniversary 28 Feb 2026) and CP6 (anniversary on asOf) = 2 of 6 = 33.3%.
    expect(figures(report, 'cpp_2yrs_plus_pct')).toEqual({ numerator: 2, denominator: 6, value: 33.3 });
  });

  it('keeps the 29 February anniversary on 28 February', async () => {
    // Open on 2026-02-27 and 2026-02-28: CP1b, CP3, CP4, CP5, CP6, CP7, CP8b = 7.
    const before = await computeIndicators(database.db, '2026-02-27', { ids: ['cpp_2yrs_plus_pct'] });
    expect(figures(before, 'cpp_2yrs_plus_pct')).toEqual({ numerator: 0, denominator: 7, value: 0 });
    const on = await computeIndicators(database.db, '2026-02-28', { ids: ['cpp_2yrs_plus_pct'] });
    // CP4 reaches two years: 1 of 7 = 14.285… → 14.3.
    expect(figures(on, 'cpp_2yrs_plus_pct')).toEqual({ numerator: 1, denominator: 7, value: 14.3 });
  });

  it('gives the same figures in a monthly series as one month end at a time', async () => {
    expect(await seriesDisagreements(database.db, '2025-03-01', '2026-03-31')).toEqual({ months: 13, disagreements: [] });
  });
});
