import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTiller } from '../../test/support/cli.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
// These run on the embedded database in a temporary directory, whatever the suite's engine.
const embedded = { DATA_DIR: dataDir, DATABASE_URL: undefined };

describe('the tiller command', () => {
  it('lists its commands with --help', async () => {
    const r = await runTiller(['--help'], embedded);
    expect(r.code).toBe(0);
    for (const name of ['serve', 'db migrate', 'demo']) expect(r.stdout).toContain(name);
  });

  it('applies migrations, then finds nothing pending', async () => {
    const first = await runTiller(['db', 'migrate'], embedded);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\): 0001_data_model/);
    const second = await runTiller(['db', 'migrate'], embedded);
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe('The database is up to date.');
  });

  it('refuses an unknown command or option with exit 2 and one line', async () => {
    const r = await runTiller(['frobnicate'], embedded);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const o = await runTiller(['db', 'migrate', '--bogus'], embedded);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/^tiller db migrate: .*bogus/);
  });

  it('gives a one-line error, not a stack trace, when DATABASE_URL cannot be reached', async () => {
    const r = await runTiller(['db', 'migrate'], { DATABASE_URL: 'postgresql://tiller:secret@127.0.0.1:1/tiller' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^tiller db migrate: Cannot connect to the database at 127\.0\.0\.1:1\/tiller: .*ECONNREFUSED/);
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives a one-line error with exit 2 for an unusable setting in the environment', async () => {
    const r = await runTiller(['db', 'migrate'], { OIDC_ISSUER: 'https://sso.example.invalid', OIDC_ROLE_MAP: 'staff=wizard' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^tiller db migrate: OIDC_ROLE_MAP maps "staff" to an unknown role/);
  });
});
