// `tiller return cin-census` and `tiller validate cin-census` as a council's script runs them: child
// processes on an embedded database in a temporary directory, seeded here with a few records.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTiller } from '../../../test/support/cli.ts';
import { schemaErrors } from '../../../test/fixtures/cin/schema.ts';
import { connect } from '../../platform/db/connect.ts';
import { migrate } from '../../platform/db/migrate.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-cin-census-'));
const dataDir = path.join(dir, 'data');
const embedded = { DATA_DIR: dataDir, DATABASE_URL: undefined };
const file = (name: string) => path.join(dir, name);

async function withDb(fn: (db: Awaited<ReturnType<typeof connect>>['db']) => Promise<void>): Promise<void> {
  const database = await connect({ dataDir });
  try {
    await migrate(database.db);
    await fn(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  await withDb(async (db) => {
    await db.insertInto('council_setting').values({ id: 'la_code', value: JSON.stringify('201') }).execute();
    await db.insertInto('person').values({ id: 'K1', dob: '2014-05-05', sex: 'F', ethnicity: 'WBRI', upn_unknown: 'UN4' }).execute();
    await db.insertInto('disability').values([{ id: 'D1', person_id: 'K1', code: 'MOB' }, { id: 'D2', person_id: 'K1', code: 'HAND' }]).execute();
    await db.insertInto('cin_episode').values({ id: 'R1', person_id: 'K1', referral_date: '2025-06-02', source_code: '6', primary_need_code: 'N1' }).execute();
    await db.insertInto('assessment').values({ id: 'A1', cin_episode_id: 'R1', person_id: 'K1', start_date: '2025-06-03', authorised_date: '2025-07-10', factors: ['3B'] }).execute();
    await db.insertInto('cin_plan').values({ id: 'P1', cin_episode_id: 'R1', person_id: 'K1', start_date: '2025-07-11' }).execute();
  });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Each command is a new process; allow for a busy machine.
describe('tiller return cin-census', { timeout: 300_000 }, () => {
  it('writes the year’s census, valid against the DfE schema, and says what it wrote', async () => {
    const r = await runTiller(['return', 'cin-census', '--year', '2026', '--out', file('cin.xml')], embedded);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*cin\.xml: the CIN census 2025\/26 for LA 201, 1 child, 1 episode; 0 errors, 1 query\./);
    expect(r.stdout).toContain('Queries to explain to the DfE: 2887Q ×1.');
    const xml = fs.readFileSync(file('cin.xml'), 'utf8');
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<LAchildID>K1</LAchildID>');
  });

  it('and validate finds no errors in it (exit 0), in a table or as JSON', async () => {
    const table = await runTiller(['validate', 'cin-census', file('cin.xml')], embedded);
    expect(table.code).toBe(0);
    expect(table.stderr).toBe('');
    expect(table.stdout).toMatch(/2887Q\s+Query\s+\(LA level\)/);
    const json = await runTiller(['validate', 'cin-census', file('cin.xml'), '--format', 'json'], embedded);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as { referenceDate: string; errors: number; queries: number; findings: Array<{ rule: string; childId: string | null }> };
    expect(body).toMatchObject({ referenceDate: '2026-03-31', errors: 0, queries: 1 });
    expect(body.findings).toEqual([expect.objectContaining({ rule: '2887Q', childId: null, field: 'Disability' })]);
  });

  it('refuses bad arguments with exit 2 and one line, before touching the database', async () => {
    for (const args of [['--year', 'abc', '--out', file('x.xml')], ['--year', '2024', '--out', file('x.xml')], ['--out', file('x.xml')], ['--year', '2026'], ['--year', '2026', '--out', file('no/such/dir/x.xml')]]) {
      const r = await runTiller(['return', 'cin-census', ...args], { DATA_DIR: path.join(dir, 'never'), DATABASE_URL: undefined });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^tiller return cin-census: /);
    }
    expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
  });

  it('does not write a return with errors (exit 1, the rules on one line) unless --force', async () => {
    // A CP plan with no conference that day, and no category of abuse recorded.
    await withDb(async (db) => {
      await db.insertInto('person').values({ id: 'K2', dob: '2017-02-02', sex: 'M', ethnicity: 'AIND', upn_unknown: 'UN4' }).execute();
      await db.insertInto('cin_episode').values({ id: 'R2', person_id: 'K2', referral_date: '2025-08-04', source_code: '2A', primary_need_code: 'N1' }).execute();
      await db.insertInto('assessment').values({ id: 'A2', cin_episode_id: 'R2', person_id: 'K2', start_date: '2025-08-05', authorised_date: '2025-09-01', factors: ['16A'] }).execute();
      await db.insertInto('cp_plan').values({ id: 'C2', cin_episode_id: 'R2', person_id: 'K2', start_date: '2025-09-02' }).execute();
    });
    const refused = await runTiller(['return', 'cin-census', '--year', '2026', '--out', file('bad.xml')], embedded);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^tiller return cin-census: not written: the return has 4 errors \(2883 ×1, 2885 ×1, 8905 ×1, 8910 ×1\)/);
    expect(fs.existsSync(file('bad.xml'))).toBe(false);

    const forced = await runTiller(['return', 'cin-census', '--year', '2026', '--out', file('bad.xml'), '--force'], embedded);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Written with --force despite errors: 2883 ×1, 2885 ×1, 8905 ×1, 8910 ×1.');

    const checked = await runTiller(['validate', 'cin-census', file('bad.xml')], embedded);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/2885\s+Error\s+K2\s+1\s+CPPstartDate\s+ChildProtectionPlans 1\s+2025-09-02/);
    expect(checked.stderr.trim()).toBe('tiller validate cin-census: 4 errors found (2883 ×1, 2885 ×1, 8905 ×1, 8910 ×1)');
  });
});

describe('tiller validate cin-census', { timeout: 300_000 }, () => {
  it('exits 2 with one line for a file it cannot read or that is not a census', async () => {
    fs.writeFileSync(file('not.xml'), 'hello');
    for (const target of [file('missing.xml'), file('not.xml')]) {
      const r = await runTiller(['validate', 'cin-census', target], embedded);
      expect(r.code, target).toBe(2);
      expect(r.stderr.trim().split('\n'), target).toHaveLength(1);
    }
    const usage = await runTiller(['validate', 'cin-census'], embedded);
    expect(usage.code).toBe(2);
  });
});
