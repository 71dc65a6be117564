// `tiller return ssda903` and `tiller validate ssda903` as a council's script runs them: child processes
// on an embedded database in a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTiller } from '../../../test/support/cli.ts';
import { connect } from '../../platform/db/connect.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { returnToCsvFiles } from './csv.ts';
import { validReturn } from './fixture.test-support.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-ssda903-'));
const dataDir = path.join(dir, 'data');
const embedded = { DATA_DIR: dataDir, DATABASE_URL: undefined };

beforeAll(async () => {
  const database = await connect({ dataDir });
  try {
    await migrate(database.db);
    await database.db.insertInto('person').values({ id: 'L1', dob: '2014-05-05', sex: 'F', ethnicity: 'WBRI', upn: 'A001200012345' }).execute();
    await database.db.insertInto('period_of_care').values({ id: 'P1', person_id: 'L1', start_date: '2025-06-02', primary_need_code: 'N1', home_postcode: 'TB1 1AA' }).execute();
    // A category of need that is no code (rule 145).
    await database.db
      .insertInto('cla_episode')
      .values({ id: 'E1', period_of_care_id: 'P1', person_id: 'L1', start_date: '2025-06-02', start_reason: 'S', legal_status: 'C1', primary_need_code: 'N0', placement_type: 'U6', provider: 'PR1', placement_postcode: 'TB2 2BB', home_postcode: 'TB1 1AA', urn: 'SC899001' })
      .execute();
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tiller return ssda903', () => {
  it('refuses bad arguments with exit 2', async () => {
    expect((await runTiller(['return', 'ssda903', '--out', path.join(dir, 'x')], embedded)).code).toBe(2);
    expect((await runTiller(['return', 'ssda903', '--year', '2024', '--out', path.join(dir, 'x')], embedded)).code).toBe(2);
  });

  it('does not write a return with errors (exit 1), and writes it with --force', async () => {
    const out = path.join(dir, 'out');
    const refused = await runTiller(['return', 'ssda903', '--year', '2026', '--out', out], embedded);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not written: .*145/);
    expect(fs.existsSync(out)).toBe(false);
    const forced = await runTiller(['return', 'ssda903', '--year', '2026', '--out', out, '--force'], embedded);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('1 child, 1 episode');
    expect(fs.readdirSync(out).sort()).toHaveLength(11);
    expect(fs.readFileSync(path.join(out, 'episodes.csv'), 'utf8')).toBe('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\nL1,02/06/2025,S,C1,N0,U6,PR1,,,,TB1 1AA,TB2 2BB,SC899001\r\n');
  }, 120_000);
});

describe('tiller validate ssda903', () => {
  it('finds nothing in a clean return (exit 0) and reports findings by rule, table, row and field (exit 1)', async () => {
    const clean = path.join(dir, 'clean');
    fs.mkdirSync(clean);
    for (const f of returnToCsvFiles(validReturn())) fs.writeFileSync(path.join(clean, f.name), f.content);
    const ok = await runTiller(['validate', 'ssda903', clean], embedded);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('3 children, no errors');
    const bad = await runTiller(['validate', 'ssda903', path.join(dir, 'out'), '--format', 'json'], embedded);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { year: number; findings: Array<Record<string, unknown>>; notRun: unknown[] };
    expect(report.year).toBe(2026);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: '145', table: 'episodes', row: 1, childId: 'L1', field: 'CIN', value: 'N0' }));
    expect(report.notRun.length).toBeGreaterThan(40);
  }, 120_000);

  it('refuses a folder it cannot read (exit 2)', async () => {
    expect((await runTiller(['validate', 'ssda903', path.join(dir, 'nowhere')], embedded)).code).toBe(2);
  });
});
