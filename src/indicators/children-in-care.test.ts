// Children in care: children looked after, three or more placements, long-term stability, three or more
// social workers, and the rate per 10,000. Hand-built data; the working is in comments.
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
  await r.people(
    ['L1', '2012-01-01'], ['L2', '2012-01-01'], ['L3', '2012-01-01'], ['L4', '2012-01-01'], ['L5', '2012-01-01'],
    ['L6', '2012-01-01'], ['L7', '2012-01-01'], ['L8', '2012-01-01'],
    ['M1', '2015-05-05'], ['M2', '2012-06-01'], ['M3', '2012-01-01'], ['M4', '2010-03-31'], ['M5', '2014-01-01'],
    ['M6', '2020-01-01'], ['M7', '2013-01-01'],
    ['CARER1', null, { type: 'adult' }], ['CARER2', null, { type: 'adult' }],
  );
  await r.professionals({ id: 'W1' }, { id: 'W2' }, { id: 'W3' }, { id: 'IRO1' });
  await r.periodsOfCare(
    ['PC-L1', 'L1', '2024-01-01', null],
    ['PC-L2', 'L2', '2025-01-01', null],
    ['PC-L3', 'L3', '2025-01-01', null],
    ['PC-L4', 'L4', '2024-01-01', null],
    ['PC-L5', 'L5', '2024-06-01', null],
    ['PC-L6', 'L6', '2025-09-01', '2026-03-31'], // ends on asOf: still looked after that day
    ['PC-L7', 'L7', '2025-09-01', '2026-03-30'], // ended the day before: not looked after
    ['PC-L8a', 'L8', '2025-02-01', null], // two overlapping periods (a recording slip): one child
    ['PC-L8b', 'L8', '2025-03-01', null],
    ['PC-M1', 'M1', '2023-01-01', null],
    ['PC-M2', 'M2', '2023-09-30', null],
    ['PC-M3', 'M3', '2022-01-01', null],
    ['PC-M4', 'M4', '2022-01-01', null],
    ['PC-M5a', 'M5', '2022-01-01', '2023-06-30'], // the next period starts the day after: continuous care
    ['PC-M5b', 'M5', '2023-07-01', null],
    ['PC-M6', 'M6', '2023-01-01', null],
    ['PC-M7', 'M7', '2023-10-01', null],
  );
  await r.legalStatuses(
    ['LS-L1', 'L1', 'C2', '2024-01-01', null],
    ['LS-L2', 'L2', 'C1', '2025-01-01', null],
    ['LS-L3', 'L3', 'C2', '2025-01-01', null],
    // L4: looked after only under short breaks at asOf → not counted.
    ['LS-L4', 'L4', 'V3', '2024-01-01', null],
    // L5: short breaks (V4) until a care order on 1 June 2025, in force at asOf → counted.
    ['LS-L5a', 'L5', 'V4', '2024-06-01', '2025-05-31'],
    ['LS-L5b', 'L5', 'C2', '2025-06-01', null],
    // L6 has no legal status recorded: not short breaks.
    ['LS-L8', 'L8', 'C2', '2025-02-01', null],
  );
  await r.placements(
    // L1: three placements overlap the period (the first began before it and ended on 1 May 2025).
    ['PL-L1a', 'PC-L1', 'L1', '2024-01-01', '2025-05-01'],
    ['PL-L1b', 'PC-L1', 'L1', '2025-05-01', '2025-10-01'],
    ['PL-L1c', 'PC-L1', 'L1', '2025-10-01', null],
    // L2: the third placement starts on the period's last day → three.
    ['PL-L2a', 'PC-L2', 'L2', '2025-01-01', '2025-06-30'],
    ['PL-L2b', 'PC-L2', 'L2', '2025-07-01', '2026-03-30'],
    ['PL-L2c', 'PC-L2', 'L2', '2026-03-31', null],
    // L3: the first ended the day before the period → two.
    ['PL-L3a', 'PC-L3', 'L3', '2025-01-01', '2025-03-31'],
    ['PL-L3b', 'PC-L3', 'L3', '2025-04-01', '2025-09-30'],
    ['PL-L3c', 'PC-L3', 'L3', '2025-10-01', null],
    // L5: two short breaks (V4 in force on their start dates) are left out → one.
    ['PL-L5a', 'PC-L5', 'L5', '2025-04-10', '2025-04-12'],
    ['PL-L5b', 'PC-L5', 'L5', '2025-05-01', '2025-05-03'],
    ['PL-L5c', 'PC-L5', 'L5', '2025-06-01', null],
    ['PL-L6', 'PC-L6', 'L6', '2025-09-01', '2026-03-31'],
    ['PL-L8', 'PC-L8a', 'L8', '2025-02-01', null],
    // M1: one placement for three years → stable.
    ['PL-M1', 'PC-M1', 'M1', '2023-01-01', null],
    // M2: a new placement on 1 April 2024 with the same carer → together since 30 Sep 2023 → stable.
    ['PL-M2a', 'PC-M2', 'M2', '2023-09-30', '2024-04-01', { carer: 'CARER1' }],
    ['PL-M2b', 'PC-M2', 'M2', '2024-04-01', null, { carer: 'CARER1' }],
    // M3: a different carer since 1 June 2024 → not stable.
    ['PL-M3a', 'PC-M3', 'M3', '2022-01-01', '2024-06-01', { carer: 'CARER1' }],
    ['PL-M3b', 'PC-M3', 'M3', '2024-06-01', null, { carer: 'CARER2' }],
    ['PL-M5', 'PC-M5b', 'M5', '2023-07-01', null],
    // M6: placed for adoption (A5) on 1 Jan 2025; with the foster placement before it, since 1 Jan 2023 → stable.
    ['PL-M6a', 'PC-M6', 'M6', '2023-01-01', '2025-01-01', { type: 'U4', carer: 'CARER1' }],
    ['PL-M6b', 'PC-M6', 'M6', '2025-01-01', null, { type: 'A5', carer: 'CARER2' }],
  );
  await r.involvements(
    // L1: three social workers in the period → counted.
    ['IV-L1a', 'W1', 'L1', 'CW', '2024-01-01', '2025-04-01'],
    ['IV-L1b', 'W2', 'L1', 'CW', '2025-04-02', '2025-12-31'],
    ['IV-L1c', 'W3', 'L1', 'CW', '2026-01-01', null],
    // L2: W1 twice is one worker → two.
    ['IV-L2a', 'W1', 'L2', 'CW', '2025-01-01', '2025-05-01'],
    ['IV-L2b', 'W2', 'L2', 'CW', '2025-05-02', '2025-08-01'],
    ['IV-L2c', 'W1', 'L2', 'CW', '2025-08-02', null],
    // L3: the first ended before the period → two.
    ['IV-L3a', 'W1', 'L3', 'CW', '2025-01-01', '2025-03-31'],
    ['IV-L3b', 'W2', 'L3', 'CW', '2025-04-01', '2025-09-30'],
    ['IV-L3c', 'W3', 'L3', 'CW', '2025-10-01', null],
    // L5: a personal adviser and an IRO are not social workers → two.
    ['IV-L5a', 'W1', 'L5', 'CW', '2024-06-01', '2025-06-01'],
    ['IV-L5b', 'W2', 'L5', 'CW', '2025-06-02', null],
    ['IV-L5c', 'W3', 'L5', '16PLUS', '2025-06-02', null],
    ['IV-L5d', 'IRO1', 'L5', 'IRO', '2025-06-02', null],
    // M3: three, one recorded by its description → counted.
    ['IV-M3a', 'W1', 'M3', 'CW', '2022-01-01', '2025-06-01'],
    ['IV-M3b', 'W2', 'M3', 'Allocated Social Worker', '2025-06-02', '2025-11-01'],
    ['IV-M3c', 'W3', 'M3', 'CW', '2025-11-02', null],
  );
  report = await computeIndicators(database.db, '2026-03-31');
});

afterAll(() => database.close());

describe('children in care indicators as of 2026-03-31', () => {
  it('cla_count: looked after at asOf, short breaks only left out', () => {
    // L1, L2, L3, L5, L6, L8, M1, M2, M3, M4, M5, M6, M7 = 13 (L4 short breaks only; L7 ended).
    expect(figures(report, 'cla_count')).toEqual({ numerator: 13, denominator: null, value: 13 });
    expect(childIds(report, 'cla_count', 'numerator')).not.toContain('L4');
  });

  it('cla_3plus_placements_pct: three or more placements overlapping the period, short breaks left out', () => {
    // L1 and L2 (third placement starts on the period's last day) = 2 of 13 = 15.38… → 15.4%.
    expect(figures(report, 'cla_3plus_placements_pct')).toEqual({ numerator: 2, denominator: 13, value: 15.4 });
    expect(childIds(report, 'cla_3plus_placements_pct', 'numerator')).toEqual(['L1', 'L2']);
  });

  it('cla_long_term_stability_pct: under 16, in care 2½ years, same placement or carer 2 years', () => {
    // Cohort: M1, M2 (in care since exactly 30 Sep 2023 = asOf − 30 months), M3, M5 (two periods that
    // meet), M6 = 5. Not: M4 (16 on asOf), M7 (in care a day short), the L children (under 2½ years).
    // Stable: M1, M2 (same carer), M5, M6 (adoptive placement with the one before) = 4 of 5 = 80.0%.
    expect(figures(report, 'cla_long_term_stability_pct')).toEqual({ numerator: 4, denominator: 5, value: 80 });
    expect(childIds(report, 'cla_long_term_stability_pct', 'denominator')).toEqual(['M1', 'M2', 'M3', 'M5', 'M6']);
    expect(childIds(report, 'cla_long_term_stability_pct', 'numerator')).toEqual(['M1', 'M2', 'M5', 'M6']);
  });

  it('cla_3plus_social_workers_pct: three or more distinct allocated social workers in the period', () => {
    // L1 and M3 = 2 of 13 = 15.4%.
    expect(figures(report, 'cla_3plus_social_workers_pct')).toEqual({ numerator: 2, denominator: 13, value: 15.4 });
    expect(childIds(report, 'cla_3plus_social_workers_pct', 'numerator')).toEqual(['L1', 'M3']);
  });

  it('cla_rate_per_10k: no value while the child population is not set', () => {
    expect(figures(report, 'cla_rate_per_10k')).toEqual({ numerator: 13, denominator: null, value: null });
  });

  it('a status change on a date decides that date: the new status wins', async () => {
    // On 2025-05-31 L5 is under V4 (ends that day) → short breaks only → not counted; on 2025-06-01 the care
    // order starts → counted.
    const before = await computeIndicators(database.db, '2025-05-31', { ids: ['cla_count'] });
    expect(childIds(before, 'cla_count', 'numerator')).not.toContain('L5');
    const after = await computeIndicators(database.db, '2025-06-01', { ids: ['cla_count'] });
    expect(childIds(after, 'cla_count', 'numerator')).toContain('L5');
  });

  it('gives the same figures in a monthly series as one month end at a time', async () => {
    expect(await seriesDisagreements(database.db, '2025-01-01', '2026-04-30')).toEqual({ months: 16, disagreements: [] });
  });
});
