// Care leavers: the entitled cohort aged 16 to 25, suitable accommodation, and the DfE's age bands for
// suitable accommodation and education, employment or training. Hand-built data; working in comments.
// As of 2026-03-31 unless said otherwise.
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
    ['C1', '2008-03-31'], // 18 on asOf
    ['C2', '2010-03-31'], // 16th birthday on asOf
    ['C3', '2010-04-01'], // 15
    ['C4', '2000-04-01'], // 25 (26 the day after asOf)
    ['C5', '2000-03-31'], // 26 on asOf
    ['C6', '2000-02-29'], // 26 on 28 February 2026
    ['C7', '2005-01-01'],
    ['C8', '2006-06-01'], // 19
    ['C9', '2004-09-01'], // 21
    ['C10', '2007-05-01'], // 18
    ['C11', '2003-01-01'], // 23
    ['C12', '2005-01-01'],
    ['C13', '2006-01-01'], // 20
    ['C14', null], // no date of birth
  );
  await r.careLeavers(
    ['CL1', 'C1', '2025-10-01', 'former relevant', '1', 'F1'],
    ['CL2', 'C2', '2026-03-01', 'Relevant', 'Suitable', 'G4'],
    ['CL3', 'C3', '2026-03-01', 'eligible', '1'],
    ['CL4', 'C4', '2025-10-01', 'Qualifying care leaver', '2'],
    ['CL5', 'C5', '2025-10-01', 'former relevant', '1'],
    ['CL6', 'C6', '2025-10-01', 'eligible', null],
    // C7: the most recent record has no entitled category → not a care leaver now.
    ['CL7a', 'C7', '2025-01-01', 'former relevant', '1'],
    ['CL7b', 'C7', '2026-01-01', 'not eligible', '1'],
    // C8: a record dated after asOf is not yet known → the June 2025 one decides.
    ['CL8a', 'C8', '2025-06-01', 'former relevant', '1', 'G5'],
    ['CL8b', 'C8', '2026-06-01', 'former relevant', '2', 'F1'],
    ['CL9', 'C9', '2025-10-01', 'former_relevant', 'Unsuitable', 'P5'],
    // C10 and C11: a suitability other than the codes counts as none recorded.
    ['CL10', 'C10', '2025-10-01', 'relevant', 'Unknown', null],
    ['CL11', 'C11', '2025-10-01', 'Former relevant', '0', 'F2'],
    ['CL12', 'C12', '2025-10-01', 'former relevant', '1', null, { deleted: true }],
    ['CL13', 'C13', '2025-10-01', 'Former relevant', null, 'F2'],
    ['CL14', 'C14', '2025-10-01', 'former relevant', '1', 'F1'],
  );
  report = await computeIndicators(database.db, '2026-03-31');
});

afterAll(() => database.close());

describe('care leaver indicators', () => {
  it('care_leavers_count: latest record entitled, aged 16 to 25 at asOf', () => {
    // C1, C2 (16 on asOf), C4 (25), C8, C9, C10, C11, C13 = 8. Not: C3 (15), C5 and C6 (26), C7 (latest
    // record not entitled), C12 (deleted record), C14 (no date of birth).
    expect(figures(report, 'care_leavers_count')).toEqual({ numerator: 8, denominator: null, value: 8 });
    expect(childIds(report, 'care_leavers_count', 'numerator')).toEqual(['C1', 'C10', 'C11', 'C13', 'C2', 'C4', 'C8', 'C9']);
  });

  it('care_leavers_suitable_accom_pct: of those with 1/Suitable/2/Unsuitable recorded, the share suitable', () => {
    // Recorded: C1 '1', C2 'Suitable', C4 '2', C8 '1' (June 2025 record), C9 'Unsuitable' = 5.
    // Left out: C10 'Unknown', C11 '0', C13 none. Suitable: C1, C2, C8 = 3 of 5 = 60.0%.
    expect(figures(report, 'care_leavers_suitable_accom_pct')).toEqual({ numerator: 3, denominator: 5, value: 60 });
  });

  it('applies the 29 February birthday rule to the age limits', async () => {
    // As of 2026-02-27: C6 (born 29 Feb 2000) is 25 → counted; C5 is still 25 (26 on 31 March) → counted;
    // C2 is 15 → not; C7's latest record (Jan 2026) is not entitled → not.
    // C1, C4, C5, C6, C8, C9, C10, C11, C13 = 9.
    const before = await computeIndicators(database.db, '2026-02-27', { ids: ['care_leavers_count'] });
    expect(childIds(before, 'care_leavers_count', 'numerator')).toEqual(['C1', 'C10', 'C11', 'C13', 'C4', 'C5', 'C6', 'C8', 'C9']);
    // As of 2026-02-28 C6 turns 26 (the 29 February birthday falls on 28 February) → 8.
    const on = await computeIndicators(database.db, '2026-02-28', { ids: ['care_leavers_count'] });
    expect(childIds(on, 'care_leavers_count', 'numerator')).not.toContain('C6');
    expect(figures(on, 'care_leavers_count').numerator).toBe(8);
  });

  it('care_leavers_17_18_suitable_accom_pct and _eet_pct: relevant and former relevant aged 17–18', () => {
    // C1 (18, '1', F1) and C10 (18, 'Unknown', no activity): no information stays in the denominator.
    // Suitable 1 of 2 = 50.0%; in education, employment or training 1 of 2 = 50.0%.
    expect(figures(report, 'care_leavers_17_18_suitable_accom_pct')).toEqual({ numerator: 1, denominator: 2, value: 50 });
    expect(figures(report, 'care_leavers_17_18_eet_pct')).toEqual({ numerator: 1, denominator: 2, value: 50 });
  });

  it('care_leavers_19_21_suitable_accom_pct and _eet_pct: aged 19–21', () => {
    // C8 (19, '1', G5), C9 (21, 'Unsuitable', P5), C13 (20, none, F2) = 3.
    // Suitable: C8 → 1 of 3 = 33.3%. EET: C9, C13 → 2 of 3 = 66.7%.
    expect(figures(report, 'care_leavers_19_21_suitable_accom_pct')).toEqual({ numerator: 1, denominator: 3, value: 33.3 });
    expect(figures(report, 'care_leavers_19_21_eet_pct')).toEqual({ numerator: 2, denominator: 3, value: 66.7 });
  });

  it('gives the same figures in a monthly series as one month end at a time', async () => {
    expect(await seriesDisagreements(database.db, '2025-06-01', '2026-07-31')).toEqual({ months: 14, disagreements: [] });
  });
});
