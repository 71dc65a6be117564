// The account commands, run as a council's administrator would: `tiller user add`, `user token`, `record restrict`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../platform/db/connect.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function tiller(args: string[], input = '') {
  const { DATABASE_URL: _server, ...rest } = process.env; // the embedded database, in a directory of its own
  const env = { ...rest, DATA_DIR: dataDir };
  return spawnSync(process.execPath, ['bin/tiller.js', ...args], { input, env, encoding: 'utf8', timeout: 240_000 });
}

describe('tiller user and record commands', { timeout: 300_000 }, () => {
  it('adds a user, refusing a common password with exit 2 and a reason', () => {
    const weak = tiller(['user', 'add', '--username', 'pat.admin', '--name', 'Pat Admin', '--roles', 'administrator'], 'password1234\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('too common');
    const bad = tiller(['user', 'add', '--username', 'pat.admin', '--name', 'Pat Admin', '--roles', 'wizard'], 'kettle harbour meadow\n');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown: wizard');
    const ok = tiller(['user', 'add', '--username', 'Pat.Admin', '--name', 'Pat Admin', '--roles', 'administrator,data_protection_officer'], 'kettle harbour meadow\n');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Created user pat.admin (administrator, data_protection_officer)');
  });

  it('issues an API token, printed once', () => {
    const res = tiller(['user', 'token', '--username', 'pat.admin', '--days', '7']);
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('restricts a record to named users', async () => {
    const database = await connect({ dataDir });
    await database.db.insertInto('person').values({ id: 'C9', forename: 'Restricted', surname: 'Example' }).execute();
    await database.close();
    const res = tiller(['record', 'restrict', '--person', 'C9', '--reason', 'staff_relative', '--users', 'pat.admin']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const after = await connect({ dataDir });
    const person = await after.db.selectFrom('person').select(['restricted', 'restriction_reason', 'version']).where('id', '=', 'C9').executeTakeFirstOrThrow();
    expect(person).toEqual({ restricted: true, restriction_reason: 'staff_relative', version: 2 });
    const named = await after.db.selectFrom('restricted_record_access').select('person_id').execute();
    expect(named).toEqual([{ person_id: 'C9' }]);
    await after.close();
    expect(tiller(['record', 'restrict', '--person', 'C9', '--reason', 'staff_relative', '--users', 'nobody']).status).toBe(2);
  });
});
