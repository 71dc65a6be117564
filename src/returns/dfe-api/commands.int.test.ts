// `tiller return annex-a`, `tiller return dfe-api` and `tiller send dfe-api` as a council's script runs
// them: child processes on an embedded database in a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTiller } from '../../../test/support/cli.ts';
import { connect } from '../../platform/db/connect.ts';
import { migrate } from '../../platform/db/migrate.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-dfe-api-'));
const dataDir = path.join(dir, 'data');
const noApi = { DFE_API_TOKEN_URL: undefined, DFE_API_URL: undefined, DFE_API_SCOPE: undefined, DFE_API_CLIENT_ID: undefined, DFE_API_CLIENT_SECRET: undefined };
const embedded = { DATA_DIR: dataDir, DATABASE_URL: undefined, ...noApi };
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  const database = await connect({ dataDir });
  try {
    await migrate(database.db);
    const db = database.db;
    await db.insertInto('council_setting').values({ id: 'la_code', value: JSON.stringify('201') }).execute();
    await db.insertInto('person').values({ id: 'K1', forename: 'Orla', surname: 'Tansy', dob: '2014-05-05', sex: 'F', ethnicity: 'WBRI' }).execute();
    await db.insertInto('contact').values({ id: 'CT1', person_id: 'K1', contact_date: '2026-03-02', source_code: '6' }).execute();
    await db.insertInto('cin_episode').values({ id: 'R1', person_id: 'K1', referral_date: '2026-03-03', source_code: '6', primary_need_code: 'N1' }).execute();
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const T = 180_000;

describe('tiller return annex-a', () => {
  it('writes the workbook and says how many rows each list has', { timeout: T }, async () => {
    const r = await runTiller(['return', 'annex-a', '--as-of', '2026-03-31', '--out', file('annex-a.xlsx')], embedded);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('List 1 (Contacts): 1; List 2 (Early help): 0; List 3 (Referrals): 1;');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file('annex-a.xlsx'));
    expect(book.worksheets).toHaveLength(11);
    expect(book.getWorksheet('List 3')!.getRow(2).getCell(1).value).toBe('K1');
  });

  it('refuses a missing or impossible date (exit 2)', { timeout: T }, async () => {
    const missing = await runTiller(['return', 'annex-a'], embedded);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--as-of is required/);
    const bad = await runTiller(['return', 'annex-a', '--as-of', '2026-02-30'], embedded);
    expect(bad.code).toBe(2);
  });
});

describe('tiller return dfe-api and send dfe-api', () => {
  it('writes the payload as an array of child objects', { timeout: T }, async () => {
    const r = await runTiller(['return', 'dfe-api', '--as-of', '2026-03-31', '--out', file('payload.json')], embedded);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 child as at 2026-03-31');
    const payload = JSON.parse(fs.readFileSync(file('payload.json'), 'utf8')) as Array<{ la_child_id: string; child_details: { surname: string } }>;
    expect(payload.map((c) => c.la_child_id)).toEqual(['K1']);
    expect(payload[0]!.child_details.surname).toBe('Tansy');
  });

  it('does not send without configuration, and names what is missing but no child (exit 1)', { timeout: T }, async () => {
    const r = await runTiller(['send', 'dfe-api', '--as-of', '2026-03-31'], embedded);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DFE_API_TOKEN_URL/);
    expect(r.stderr + r.stdout).not.toMatch(/Orla|Tansy/);
  });
});
