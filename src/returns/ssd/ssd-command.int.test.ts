// `tiller import ssd DIR` and `tiller export ssd DIR` as a council's script runs them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runTiller } from '../../../test/support/cli.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/ssd/extract');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-ssd-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
// The embedded database in a temporary directory, whatever the suite's engine.
const embedded = { DATA_DIR: path.join(work, 'data'), DATABASE_URL: undefined };

describe('tiller import ssd / export ssd', () => {
  it('refuses a bad extract with exit 2, a one-line reason, and the report of rejected rows', async () => {
    const bad = path.join(work, 'bad');
    fs.cpSync(FIXTURE, bad, { recursive: true });
    const file = path.join(bad, 'ssd_cin_episodes.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('R1,P1,2025-06-02', 'R1,P1,2025-02-30'));
    const r = await runTiller(['import', 'ssd', bad], embedded);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['tiller import ssd: the extract was not imported: 1 problem in 1 row of 1 file; nothing was changed']);
    expect(r.stdout).toContain('Rejected rows and why (nothing was imported):');
    expect(r.stdout).toContain('ssd_cin_episodes.csv line 2: cine_referral_date "2025-02-30" is not a real date: February 2025 has no day 30');
  });

  it('imports a good extract, and exports it again', async () => {
    const r = await runTiller(['import', 'ssd', FIXTURE], embedded);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ssd_person\.csv +4 rows: 4 new, 0 updated, 0 unchanged/);
    expect(r.stdout).toContain('ssd_send.csv left aside');

    const out = path.join(work, 'out');
    const e = await runTiller(['export', 'ssd', out], embedded);
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/ssd_person\.csv +4 rows/);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.csv'))).toHaveLength(37);
  });

  it('says so when DIR is not a directory of SSD files', async () => {
    const r = await runTiller(['import', 'ssd', path.join(work, 'nowhere')], embedded);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tiller import ssd: .*nowhere is not a directory that can be read\n$/);
    const usage = await runTiller(['import', 'ssd'], embedded);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('tiller import ssd: usage: tiller import ssd DIR\n');
  });
});
