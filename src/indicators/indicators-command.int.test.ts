// `tiller indicators` as a council's script runs it: a child process on an embedded database in a
// temporary directory, seeded here with a few hand-built records.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTiller } from '../../test/support/cli.ts';
import { connect } from '../platform/db/connect.ts';
import { migrate } from '../platform/db/migrate.ts';
import { INDICATORS, INTERFACE_INDICATOR_IDS } from './definitions.ts';
import { testRecords } from './test-records.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-indicators-'));
const embedded = { DATA_DIR: dataDir, DATABASE_URL: undefined };

beforeAll(async () => {
  const database = await connect({ dataDir });
  try {
    await migrate(database.db);
    const r = testRecords(database.db);
    await r.people(['X1'], ['X2']);
    // Two referrals in the period (2025-04-01 to 2026-03-31), the second a re-referral; one NFA.
    await r.referrals(['RX1', 'X1', '2025-05-01', { close: '2025-05-01', nfa: true }], ['RX2', 'X1', '2025-12-01'], ['RX3', 'X2', '2024-01-01', { close: '2024-02-01' }]);
  } finally {
    await database.close();
  }
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('tiller indicators', () => {
  it('prints the INTERFACES.md JSON exactly', async () => {
    const r = await runTiller(['indicators', '--as-of', '2026-03-31', '--format', 'json'], embedded);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { asOf: string; periodStart: string; indicators: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(['asOf', 'periodStart', 'indicators']);
    expect(json.asOf).toBe('2026-03-31');
    expect(json.periodStart).toBe('2025-04-01');
    // INTERFACES.md's ids first, in its order, then the rest of the DfE set.
    expect(json.indicators.map((i) => i.id)).toEqual(INDICATORS.map((d) => d.id));
    expect(json.indicators.slice(0, INTERFACE_INDICATOR_IDS.length).map((i) => i.id)).toEqual([...INTERFACE_INDICATOR_IDS]);
    for (const item of json.indicators) {
      expect(Object.keys(item)).toEqual(['id', 'value', 'numerator', 'denominator', 'unit']);
      expect(['percent', 'count', 'ratio', 'rate']).toContain(item.unit);
      if (item.unit === 'count') {
        expect(item.denominator).toBeNull();
        expect(item.numerator).toBe(item.value);
      }
      if (item.denominator === 0) expect(item.value).toBeNull();
    }
    const byId = Object.fromEntries(json.indicators.map((i) => [i.id, i]));
    expect(byId.referrals_count).toEqual({ id: 'referrals_count', value: 2, numerator: 2, denominator: null, unit: 'count' });
    expect(byId.rereferrals_12m_pct).toEqual({ id: 'rereferrals_12m_pct', value: 50, numerator: 1, denominator: 2, unit: 'percent' });
    expect(byId.referrals_nfa_pct).toEqual({ id: 'referrals_nfa_pct', value: 50, numerator: 1, denominator: 2, unit: 'percent' });
    expect(byId.cin_open_count).toEqual({ id: 'cin_open_count', value: 1, numerator: 1, denominator: null, unit: 'count' });
    expect(byId.assessments_within_45wd_pct).toEqual({ id: 'assessments_within_45wd_pct', value: null, numerator: 0, denominator: 0, unit: 'percent' });
    expect(byId.avg_caseload).toEqual({ id: 'avg_caseload', value: null, numerator: 0, denominator: 0, unit: 'ratio' });
  });

  it('prints a table by default', async () => {
    const r = await runTiller(['indicators', '--as-of', '2026-03-31'], embedded);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Indicators as at 2026-03-31 (period 2025-04-01 to 2026-03-31)');
    expect(r.stdout).toMatch(/rereferrals_12m_pct\s+50\.0%\s+1\s+2\s+Re-referrals within 12 months/);
  });

  it('refuses a date not written YYYY-MM-DD with exit 2 and one line', async () => {
    const r = await runTiller(['indicators', '--as-of', '31/03/2026', '--format', 'json'], embedded);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^tiller indicators: --as-of must be a date as YYYY-MM-DD/);
  });

  it('refuses a missing --as-of and an unknown format with exit 2', async () => {
    const missing = await runTiller(['indicators'], embedded);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const format = await runTiller(['indicators', '--as-of', '2026-03-31', '--format', 'xml'], embedded);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be one of table, json/);
  });
});
