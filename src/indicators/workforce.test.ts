// Workforce: average caseload (INTERFACES headcount and DfE per-FTE), turnover, agency and vacancy rates.
// Hand-built data; the working is in comments. As of 2026-03-31, period 2025-04-01 to 2026-03-31.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { computeIndicators, indicatorBreakdown, type IndicatorsReport } from './engine.ts';
import { INDICATOR_SETTING_KEYS } from './settings.ts';
import { childIds, figures, seriesDisagreements, testRecords } from './test-records.ts';

let database: Database;
let report: IndicatorsReport;

beforeAll(async () => {
  database = await freshDatabase();
  const r = testRecords(database.db);
  await r.teams('TA', 'TB', 'TC');
  await r.professionals(
    { id: 'W1', team_id: 'TA', swe_registration_no: 'SW100001', fte: 1, start_date: '2020-01-01' },
    { id: 'W2', team_id: 'TA', swe_registration_no: 'SW100002', fte: 0.5, start_date: '2021-01-01' },
    { id: 'W3', team_id: 'TB', swe_registration_no: 'SW100003', fte: 1, agency: true, start_date: '2025-01-01' },
    // A personal adviser who is not a registered social worker.
    { id: 'W4', team_id: 'TC', job_title: 'Personal adviser', fte: 0.8, start_date: '2022-01-01' },
    // Left in the period.
    { id: 'W5', team_id: 'TB', swe_registration_no: 'SW100005', fte: 1, start_date: '2019-01-01', end_date: '2025-10-31' },
    // Leaves on asOf: in post that day, and a leaver in the period.
    { id: 'W6', team_id: 'TA', swe_registration_no: 'SW100006', fte: 0.6, start_date: '2019-01-01', end_date: '2026-03-31' },
    // A social worker by job title (no registration number recorded) who starts after asOf.
    { id: 'W7', team_id: 'TB', job_title: 'Senior Social Worker', fte: 1, start_date: '2026-04-01' },
    // An agency worker who left in the period: agency leavers are not turnover.
    { id: 'W8', team_id: 'TB', swe_registration_no: 'SW100008', fte: 1, agency: true, start_date: '2024-01-01', end_date: '2025-06-01' },
    { id: 'W9', team_id: 'TB', swe_registration_no: 'SW100009', fte: 1, deleted_at: new Date('2026-01-01') },
  );
  await r.people(['K1'], ['K2'], ['K3'], ['K4'], ['K5'], ['K6'], ['K7'], ['K8']);
  await r.involvements(
    ['V1', 'W1', 'K1', 'CW', '2025-01-01', null],
    // K2: a social worker and a personal adviser: one child, two workers.
    ['V2a', 'W1', 'K2', 'CW', '2025-01-01', null],
    ['V2b', 'W4', 'K2', '16PLUS', '2025-06-01', null],
    // Ends on asOf: still open that day.
    ['V3', 'W2', 'K3', 'CW', '2025-01-01', '2026-03-31'],
    // Ended the day before asOf; the next starts the day after: K4 is not allocated at asOf.
    ['V4a', 'W2', 'K4', 'CW', '2025-01-01', '2026-03-30'],
    ['V4b', 'W3', 'K4', 'CW', '2026-04-01', null],
    // The role's description instead of its code.
    ['V5', 'W3', 'K5', 'Allocated Social Worker', '2025-01-01', null],
    // An IRO is not a case-holding worker.
    ['V6', 'W1', 'K6', 'IRO', '2025-01-01', null],
    ['V7', 'W4', 'K7', 'Personal Adviser', '2025-01-01', null],
    // A deleted worker's allocation is not counted.
    ['V8', 'W9', 'K8', 'CW', '2025-01-01', null],
  );
  await r.setting(INDICATOR_SETTING_KEYS.establishmentFte, 3);
  report = await computeIndicators(database.db, '2026-03-31');
});

afterAll(() => database.close());

describe('workforce indicators as of 2026-03-31', () => {
  it('avg_caseload: children with an open allocation ÷ workers holding one (headcount)', () => {
    // Children: K1, K2, K3, K5, K7 = 5. Workers: W1, W2, W3, W4 = 4. 5 ÷ 4 = 1.25 → 1.3 (half up).
    expect(figures(report, 'avg_caseload')).toEqual({ numerator: 5, denominator: 4, value: 1.3 });
    expect(childIds(report, 'avg_caseload', 'numerator')).toEqual(['K1', 'K2', 'K3', 'K5', 'K7']);
  });

  it('breaks the caseload down by worker and by team', async () => {
    const byWorker = await indicatorBreakdown(database.db, '2026-03-31', 'avg_caseload', 'worker');
    // W1: K1, K2; W2: K3; W3: K5; W4: K2, K7.
    expect(byWorker.rows.map((row) => [row.key, row.numerator, row.denominator, row.value])).toEqual([
      ['W1', 2, 1, 2],
      ['W2', 1, 1, 1],
      ['W3', 1, 1, 1],
      ['W4', 2, 1, 2],
    ]);
    const byTeam = await indicatorBreakdown(database.db, '2026-03-31', 'avg_caseload', 'team');
    // TA (W1, W2): K1, K2, K3 ÷ 2 = 1.5; TB (W3): 1; TC (W4): K2, K7 ÷ 1 = 2.
    expect(byTeam.rows.map((row) => [row.key, row.numerator, row.denominator, row.value])).toEqual([
      ['TA', 3, 2, 1.5],
      ['TB', 1, 1, 1],
      ['TC', 2, 1, 2],
    ]);
  });

  it('avg_caseload_fte: cases held by social workers ÷ their FTE (DfE)', () => {
    // CW cases: W1–K1, W1–K2, W2–K3, W3–K5 = 4. FTE: W1 1 + W2 0.5 + W3 1 = 2.5. 4 ÷ 2.5 = 1.6.
    expect(figures(report, 'avg_caseload_fte')).toEqual({ numerator: 4, denominator: 2.5, value: 1.6 });
  });

  it('workforce_turnover_pct: permanent FTE leavers in the period ÷ permanent FTE in post', () => {
    // In post (permanent social workers): W1 1 + W2 0.5 + W6 0.6 = 2.1. Leavers: W5 1 + W6 0.6 = 1.6.
    // 1.6 ÷ 2.1 = 76.19…% → 76.2.
    expect(figures(report, 'workforce_turnover_pct')).toEqual({ numerator: 1.6, denominator: 2.1, value: 76.2 });
  });

  it('workforce_agency_pct: agency FTE ÷ all social worker FTE in post', () => {
    // Agency W3 1 ÷ (2.1 + 1) = 32.26…% → 32.3.
    expect(figures(report, 'workforce_agency_pct')).toEqual({ numerator: 1, denominator: 3.1, value: 32.3 });
  });

  it('workforce_vacancy_pct: establishment less permanent FTE, ÷ (vacancies + permanent FTE)', () => {
    // Establishment 3 − 2.1 = 0.9 vacant; 0.9 ÷ 3 = 30.0%.
    expect(figures(report, 'workforce_vacancy_pct')).toEqual({ numerator: 0.9, denominator: 3, value: 30 });
  });

  it('gives the same figures in a monthly series as one month end at a time', async () => {
    expect(await seriesDisagreements(database.db, '2025-09-01', '2026-04-30')).toEqual({ months: 8, disagreements: [] });
  });
});
