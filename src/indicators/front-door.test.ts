// Front door and children in need: referrals, re-referrals, referral NFA, open CIN episodes, repeat
// contacts ending in NFA, and the rates per 10,000 children. Hand-built data; the working is in comments.
// As of 2026-03-31 the period is 2025-04-01 to 2026-03-31.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { computeIndicators, indicatorSeries, type IndicatorsReport } from './engine.ts';
import { INDICATOR_SETTING_KEYS } from './settings.ts';
import { childIds, figures, testRecords } from './test-records.ts';

let database: Database;
let report: IndicatorsReport;

beforeAll(async () => {
  database = await freshDatabase();
  const r = testRecords(database.db);
  await r.teams('T1', 'T2');
  await r.people(['F1'], ['F2'], ['F3'], ['F4'], ['F6'], ['F7'], ['F8', null, { deleted: true }], ['K1'], ['K2'], ['K3'], ['K4'], ['K5'], ['K6'], ['K7']);
  await r.referrals(
    // F1: an earlier referral exactly 12 months before → a re-referral.
    ['R1a', 'F1', '2025-01-10', { close: '2025-03-01' }],
    ['R1b', 'F1', '2026-01-10', { team: 'T1' }],
    // F2: two referrals on the same day: neither is a re-referral of the other. Both closed that day; one NFA.
    ['R2a', 'F2', '2025-05-01', { nfa: true, close: '2025-05-01', team: 'T1' }],
    ['R2b', 'F2', '2025-05-01', { close: '2025-05-01', team: 'T2' }],
    // F3: the earlier referral is 12 months and a day before → not a re-referral. NFA.
    ['R3a', 'F3', '2025-01-09', { close: '2025-02-01' }],
    ['R3b', 'F3', '2026-01-10', { nfa: true, team: 'T2' }],
    // F4: the first is not a re-referral; the two on 2025-09-01 both are (each has the June one before it).
    ['R4a', 'F4', '2025-06-01', { close: '2025-08-01', team: 'T1' }],
    ['R4b', 'F4', '2025-09-01', { close: '2026-03-31', team: 'T1' }], // closes on asOf: still open that day
    ['R4c', 'F4', '2025-09-01', { close: '2026-03-30', team: 'T1' }],
    // F6: the day before the period (open ever since) and the day after asOf: neither is in the period.
    ['R6a', 'F6', '2025-03-31'],
    ['R6b', 'F6', '2026-04-01'],
    // F7: a deleted referral is ignored, so the August one is not a re-referral.
    ['R7a', 'F7', '2025-07-01', { deleted: true }],
    ['R7b', 'F7', '2025-08-01', { close: '2025-09-01' }],
    // F8: the person is deleted, and their records with them.
    ['R8', 'F8', '2025-10-01'],
  );
  await r.contacts(
    // K1: three contacts in the period, all NFA or advice → counted (the third is on asOf).
    ['C1a', 'K1', '2025-05-01', 'nfa'],
    ['C1b', 'K1', '2025-06-01', 'advice'],
    ['C1c', 'K1', '2026-03-31', 'nfa'],
    // K2: three contacts, one ended in a referral → not counted.
    ['C2a', 'K2', '2025-05-01', 'nfa'],
    ['C2b', 'K2', '2025-06-01', 'referral'],
    ['C2c', 'K2', '2025-07-01', 'nfa'],
    // K3: only two in the period (the third is the day before it) → not counted.
    ['C3a', 'K3', '2025-03-31', 'nfa'],
    ['C3b', 'K3', '2025-04-01', 'nfa'],
    ['C3c', 'K3', '2025-04-02', 'nfa'],
    // K4: four, two of them imported with only the SSD outcome JSON ("Y"/"N" and a boolean) → counted.
    ['C4a', 'K4', '2025-08-01', null, { json: { NFA_FLAG: 'Y', ADVICE_FLAG: 'N', NEW_REFERRAL_FLAG: 'N' } }],
    ['C4b', 'K4', '2025-09-01', null, { json: { ADVICE_FLAG: true, NFA_FLAG: false } }],
    ['C4c', 'K4', '2025-10-01', 'nfa'],
    ['C4d', 'K4', '2025-11-01', 'advice'],
    // K5: three, one not yet decided → not counted.
    ['C5a', 'K5', '2025-08-01', 'nfa'],
    ['C5b', 'K5', '2025-09-01', 'nfa'],
    ['C5c', 'K5', '2026-03-30', null],
    // K6: three NFA, but the JSON of one marks a referral too → not "NFA only" → not counted.
    ['C6a', 'K6', '2025-08-01', 'nfa'],
    ['C6b', 'K6', '2025-09-01', 'nfa'],
    ['C6c', 'K6', '2025-10-01', null, { json: { NFA_FLAG: 'Y', NEW_REFERRAL_FLAG: 'Y' } }],
    // K7: three NFA, the last decided on 2025-07-05 → counted as of 2026-03-31, not yet as of 2025-07-01.
    ['C7a', 'K7', '2025-04-10', 'nfa'],
    ['C7b', 'K7', '2025-04-11', 'nfa'],
    ['C7c', 'K7', '2025-04-12', 'nfa', { decided: '2025-07-05' }],
  );
  // The population in force at asOf is 3,000 (the later figure takes effect after asOf).
  await r.setting(INDICATOR_SETTING_KEYS.childPopulation, [
    { from: '2020-04-01', value: 3000 },
    { from: '2026-04-01', value: 1 },
  ]);
  report = await computeIndicators(database.db, '2026-03-31');
});

afterAll(() => database.close());

describe('front door indicators as of 2026-03-31', () => {
  it('reports the period as the 12 months ending asOf', () => {
    expect(report.periodStart).toBe('2025-04-01');
  });

  it('referrals_count: referrals dated in the period', () => {
    // R1b, R2a, R2b, R3b, R4a, R4b, R4c, R7b = 8 (R6a, R6b outside; R7a and R8 deleted).
    expect(figures(report, 'referrals_count')).toEqual({ numerator: 8, denominator: null, value: 8 });
  });

  it('rereferrals_12m_pct: exactly 12 months earlier counts; the same day does not', () => {
    // Re-referrals: R1b (12 months exactly), R4b and R4c (after R4a) = 3 of 8 = 37.5%.
    expect(figures(report, 'rereferrals_12m_pct')).toEqual({ numerator: 3, denominator: 8, value: 37.5 });
    expect(childIds(report, 'rereferrals_12m_pct', 'numerator')).toEqual(['F1', 'F4']);
  });

  it('referrals_nfa_pct: referral NFA = yes', () => {
    // R2a and R3b of 8 = 25.0%.
    expect(figures(report, 'referrals_nfa_pct')).toEqual({ numerator: 2, denominator: 8, value: 25 });
  });

  it('cin_open_count: open at asOf, an episode closing on asOf included', () => {
    // R1b, R3b (never closed), R4b (closes on asOf), R6a (open since before the period) = 4.
    // Not: R4c (closed the day before), R6b (starts after), R2a/R2b/R4a/R7b/R1a/R3a (closed), R7a/R8 (deleted).
    expect(figures(report, 'cin_open_count')).toEqual({ numerator: 4, denominator: null, value: 4 });
  });

  it('repeat_contact_nfa_children_count: three or more contacts, all NFA or advice', () => {
    // K1, K4 and K7 = 3 (K2 referral, K3 only two in the period, K5 undecided, K6 JSON also marks a referral).
    expect(figures(report, 'repeat_contact_nfa_children_count')).toEqual({ numerator: 3, denominator: null, value: 3 });
    expect(childIds(report, 'repeat_contact_nfa_children_count', 'numerator')).toEqual(['K1', 'K4', 'K7']);
  });

  it('referral_rate_per_10k: referrals per 10,000 children, from the population in force at asOf', () => {
    // 8 ÷ 3,000 × 10,000 = 26.666… → 26.7.
    expect(figures(report, 'referral_rate_per_10k')).toEqual({ numerator: 8, denominator: 3000, value: 26.7 });
  });

  it('cin_rate_per_10k: children with an open CIN episode per 10,000 children', () => {
    // F1, F3, F4, F6 = 4 ÷ 3,000 × 10,000 = 13.333… → 13.3.
    expect(figures(report, 'cin_rate_per_10k')).toEqual({ numerator: 4, denominator: 3000, value: 13.3 });
  });

  it('a contact decided only after asOf does not yet count as NFA', async () => {
    // As of 2025-07-01 (period 2024-07-02 to 2025-07-01): K1 has two contacts, K2 three with a referral,
    // K3 three NFA (C3a-c) → counted; K7's third was decided on 2025-07-05, not known yet → not counted.
    const early = await computeIndicators(database.db, '2025-07-01', { ids: ['repeat_contact_nfa_children_count'] });
    expect(childIds(early, 'repeat_contact_nfa_children_count', 'numerator')).toEqual(['K3']);
    const later = await computeIndicators(database.db, '2025-07-05', { ids: ['repeat_contact_nfa_children_count'] });
    expect(childIds(later, 'repeat_contact_nfa_children_count', 'numerator')).toEqual(['K3', 'K7']);
  });

  it('breaks referrals down by team', async () => {
    const { indicatorBreakdown } = await import('./engine.ts');
    const b = await indicatorBreakdown(database.db, '2026-03-31', 'rereferrals_12m_pct', 'team');
    // T1: R1b (re), R2a, R4a, R4b (re), R4c (re) → 3 of 5 = 60.0%; T2: R2b, R3b → 0 of 2; none: R7b → 0 of 1.
    expect(b.rows).toEqual([
      { key: 'T1', name: 'Team T1', numerator: 3, denominator: 5, value: 60 },
      { key: 'T2', name: 'Team T2', numerator: 0, denominator: 2, value: 0 },
      { key: null, name: 'No team recorded', numerator: 0, denominator: 1, value: 0 },
    ]);
  });

  it('gives the same figures month by month in a series as one date at a time', async () => {
    const series = await indicatorSeries(database.db, { from: '2025-12-15', to: '2026-03-31' });
    expect(series.map((s) => s.asOf)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31']);
    for (const month of series) {
      const single = await computeIndicators(database.db, month.asOf, { withMembers: false });
      expect(month).toEqual(single);
    }
    // Referrals in the period ending 2025-12-31 (2025-01-01 to 2025-12-31): R1a, R2a, R2b, R3a, R4a, R4b,
    // R4c, R6a, R7b = 9; re-referrals R4b, R4c = 2.
    expect(series[0]!.indicators.find((i) => i.id === 'referrals_count')!.value).toBe(9);
    expect(series[0]!.indicators.find((i) => i.id === 'rereferrals_12m_pct')!.numerator).toBe(2);
  });
});
