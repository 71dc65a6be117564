// Assessments: completed in the period, and within 45 working days of their start. Hand-built data.
// As of 2026-03-31 the period is 2025-04-01 to 2026-03-31. England and Wales bank holidays in the spans
// below: Good Friday 18 April 2025, Easter Monday 21 April, 5 May and 26 May 2025.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { addWorkingDays } from '../platform/calendar/calendar.ts';
import { computeIndicators, indicatorBreakdown, type IndicatorsReport } from './engine.ts';
import { childIds, figures, testRecords } from './test-records.ts';

let database: Database;
let report: IndicatorsReport;

beforeAll(async () => {
  database = await freshDatabase();
  const r = testRecords(database.db);
  await r.teams('T1', 'T2');
  await r.professionals({ id: 'W1', team_id: 'T1' }, { id: 'W2', team_id: 'T2' });
  await r.people(['A1'], ['A2'], ['A3'], ['A4'], ['A5'], ['A6'], ['A7'], ['A8'], ['A9']);
  await r.referrals(...['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9'].map((c): [string, string, string] => [`R${c}`, c, '2025-03-01']));
  await r.assessments(
    // Working days after 1 April 2025: April 2-4 (3), 7-11 (8), 14-17 (12; 18th Good Friday), 22-25 (16; 21st
    // Easter Monday), 28-30 (19); May 1-2 (21), 6-9 (25; 5th), 12-16 (30), 19-23 (35), 27-30 (39; 26th);
    // June 2-6 (44), 9 June (45). So 9 June is working day 45 (in time), 10 June day 46 (late). Counting
    // weekdays only, 9 June would be day 49 and late.
    ['AS1', 'RA1', 'A1', '2025-04-01', '2025-06-09', { team: 'T1', worker: 'W1' }],
    ['AS2', 'RA2', 'A2', '2025-04-01', '2025-06-10', { team: 'T1', worker: 'W1' }],
    // No start date: in the denominator, not in time.
    ['AS3', 'RA3', 'A3', null, '2025-07-01', { team: 'T2', worker: 'W2' }],
    // Authorised the day it started: 0 working days.
    ['AS4', 'RA4', 'A4', '2025-12-01', '2025-12-01', { team: 'T2', worker: 'W2' }],
    // Authorised the day before the period, and the day after asOf: not counted.
    ['AS5', 'RA5', 'A5', '2025-03-01', '2025-03-31'],
    ['AS6', 'RA6', 'A6', '2026-03-01', '2026-04-01'],
    // Authorised on asOf, 41 working days after its start (3 Feb … 31 Mar 2026, no bank holiday): in time.
    ['AS7', 'RA7', 'A7', '2026-02-02', '2026-03-31'],
    // Deleted, and not yet authorised: not counted.
    ['AS8', 'RA8', 'A8', '2025-05-01', '2025-05-02', { deleted: true }],
    ['AS9', 'RA9', 'A9', '2025-05-01', null],
  );
  report = await computeIndicators(database.db, '2026-03-31');
});

afterAll(() => database.close());

describe('assessment indicators as of 2026-03-31', () => {
  it('checks the working out against the calendar', () => {
    expect(addWorkingDays('2025-04-01', 45)).toBe('2025-06-09');
  });

  it('assessments_completed_count: authorised in the period', () => {
    // AS1, AS2, AS3, AS4, AS7 = 5.
    expect(figures(report, 'assessments_completed_count')).toEqual({ numerator: 5, denominator: null, value: 5 });
  });

  it('assessments_within_45wd_pct: day 45 across bank holidays is in time, day 46 is late, no start date is late', () => {
    // In time: AS1 (day 45), AS4 (day 0), AS7 (day 41) = 3 of 5 = 60.0%.
    expect(figures(report, 'assessments_within_45wd_pct')).toEqual({ numerator: 3, denominator: 5, value: 60 });
    expect(childIds(report, 'assessments_within_45wd_pct', 'numerator')).toEqual(['A1', 'A4', 'A7']);
    expect(childIds(report, 'assessments_within_45wd_pct', 'denominator')).toEqual(['A1', 'A2', 'A3', 'A4', 'A7']);
  });

  it('breaks timeliness down by assessment team and by worker', async () => {
    const byTeam = await indicatorBreakdown(database.db, '2026-03-31', 'assessments_within_45wd_pct', 'team');
    // T1: AS1 in time, AS2 late → 1 of 2; T2: AS3 late, AS4 in time → 1 of 2; no team: AS7 → 1 of 1.
    expect(byTeam.rows).toEqual([
      { key: 'T1', name: 'Team T1', numerator: 1, denominator: 2, value: 50 },
      { key: 'T2', name: 'Team T2', numerator: 1, denominator: 2, value: 50 },
      { key: null, name: 'No team recorded', numerator: 1, denominator: 1, value: 100 },
    ]);
    const byWorker = await indicatorBreakdown(database.db, '2026-03-31', 'assessments_completed_count', 'worker');
    expect(byWorker.rows.map((row) => [row.key, row.value])).toEqual([
      ['W1', 2],
      ['W2', 2],
      [null, 1],
    ]);
  });
});
