// User administration, and no lost updates through the real HTTP server: two administrators act on the
// same account from the same version; exactly one succeeds, the other is told what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, TEST_PASSWORD, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { createUser, type UserSummary } from '../auth/users.ts';

let database: Database;
let app: FastifyInstance;
let alice: TestSession;
let bob: TestSession;
let worker: UserSummary;

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ database, config: loadConfig({}) });
  alice = await signIn(app, database.db, { roles: ['administrator'], username: 'alice.admin' });
  bob = await signIn(app, database.db, { roles: ['administrator'], username: 'bob.admin' });
  worker = await createUser(database.db, { username: 'wendy.worker', displayName: 'Wendy Worker', roles: ['social_worker'], password: TEST_PASSWORD });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function post(session: TestSession, url: string, fields: Record<string, string | string[]>) {
  const pairs = Object.entries({ ...fields, _csrf: session.csrfToken }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
  return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(pairs).toString() });
}

describe('user administration', () => {
  it('lists users with their roles for an administrator', async () => {
    const res = await app.inject({ url: '/admin/users', headers: { cookie: alice.cookie, accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-user="wendy.worker"');
    expect(res.body).toContain('Social worker');
  });

  it('of two administrators acting from the same version, exactly one succeeds and the other is told what changed', async () => {
    const [a, b] = await Promise.all([post(alice, `/admin/users/${worker.id}/disable`, { version: '1' }), post(bob, `/admin/users/${worker.id}/disable`, { version: '1' })]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([303, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winnerName = a.statusCode === 303 ? 'alice.admin' : 'bob.admin';
    expect(loser.body).toContain('Someone else changed this record');
    expect(loser.body).toContain(`Disabled at was changed to`);
    expect(loser.body).toContain(winnerName);
    const row = await database.db.selectFrom('user_account').select(['version', 'disabled_at']).where('id', '=', worker.id).executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    expect(row.disabled_at).toBeInstanceOf(Date);
    const writes = await database.db.selectFrom('audit_event').select(['username', 'diff']).where('entity_id', '=', worker.id).where('action', '=', 'update').execute();
    expect(writes).toEqual([{ username: winnerName, diff: expect.objectContaining({ disabled_at: expect.anything(), version: { before: 1, after: 2 } }) }]);
  });

  it('a disabled account cannot sign in, and its sessions ended', async () => {
    const page = await app.inject({ url: '/sign-in' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: `tiller_csrf=${page.cookies.find((c) => c.name === 'tiller_csrf')!.value}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, username: 'wendy.worker', password: TEST_PASSWORD }).toString() });
    expect(res.statusCode).toBe(401);
  });

  it('refuses user administration to anyone else', async () => {
    const sw = await signIn(app, database.db, { roles: ['social_worker', 'team_manager'] });
    expect((await app.inject({ url: '/admin/users', headers: { cookie: sw.cookie, accept: 'text/html' } })).statusCode).toBe(403);
    expect((await post(sw, `/admin/users/${worker.id}/enable`, { version: '2' })).statusCode).toBe(403);
  });
});

describe('adding users and changing roles on the web', () => {
  it('adds an account with a temporary password, shown once, that must be changed at first sign-in', async () => {
    const form = await app.inject({ url: '/admin/users/new', headers: { cookie: alice.cookie, accept: 'text/html' } });
    expect(form.statusCode).toBe(200);
    const res = await post(alice, '/admin/users/new', { username: 'Nina.New', displayName: 'Nina New', email: 'nina.new@council.example', roles: 'social_worker', signIn: 'password' });
    expect(res.statusCode).toBe(200);
    const temporary = /data-test="temporary-password"><code>([a-z2-9-]+)<\/code>/.exec(res.body)![1]!;
    const row = await database.db.selectFrom('user_account').select(['id', 'must_change_password', 'email']).where('username', '=', 'nina.new').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ must_change_password: true, email: 'nina.new@council.example' });
    const audit = await database.db.selectFrom('audit_event').select(['action', 'username', 'diff']).where('entity_id', '=', row.id).execute();
    expect(audit).toEqual([{ action: 'create', username: 'alice.admin', diff: expect.objectContaining({ username: { before: null, after: 'nina.new' }, roles: { before: null, after: ['social_worker'] }, must_change_password: { before: null, after: true } }) }]);
    expect(JSON.stringify(audit)).not.toContain(temporary);
    // Signing in with it leads to the change-password page.
    const page = await app.inject({ url: '/sign-in' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const signIn = await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: `tiller_csrf=${page.cookies.find((c) => c.name === 'tiller_csrf')!.value}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, username: 'nina.new', password: temporary }).toString() });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/account/password?next=%2F');
  });

  it('adds a single-sign-on account with no password, and refuses bad answers with an error summary', async () => {
    expect((await post(alice, '/admin/users/new', { username: 'omar.sso@council.example', displayName: 'Omar Sso', roles: ['team_manager', 'social_worker'], signIn: 'sso' })).statusCode).toBe(303);
    const omar = await database.db.selectFrom('user_account').select(['password_hash', 'must_change_password']).where('username', '=', 'omar.sso@council.example').executeTakeFirstOrThrow();
    expect(omar).toEqual({ password_hash: null, must_change_password: false });
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ username: '', displayName: 'X', roles: 'social_worker', signIn: 'sso' }, 400, 'Enter a username'],
      [{ username: 'x y', displayName: 'X', roles: 'social_worker', signIn: 'sso' }, 400, 'Enter a valid username'],
      [{ username: 'zed.new', displayName: 'Zed', signIn: 'sso' }, 400, 'Choose at least one role'],
      [{ username: 'zed.new', displayName: 'Zed', roles: 'superuser', signIn: 'sso' }, 400, 'Choose roles from the list'],
      [{ username: 'zed.new', displayName: 'Zed', roles: 'social_worker', signIn: 'sso', professionalId: 'NO-SUCH-WORKER' }, 400, 'There is no worker with that reference'],
      [{ username: 'zed.new', displayName: 'Zed', roles: 'social_worker', signIn: 'sso', email: 'not an email' }, 400, 'Enter an email address'],
      [{ username: 'zed.new', displayName: 'Zed', roles: 'social_worker' }, 400, 'Choose how they sign in'],
      [{ username: 'wendy.worker', displayName: 'Another Wendy', roles: 'social_worker', signIn: 'sso' }, 409, 'Username is already in use'],
    ];
    for (const [fields, status, message] of cases) {
      const res = await post(alice, '/admin/users/new', fields);
      expect(res.statusCode, message).toBe(status);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain(message);
    }
    expect(await database.db.selectFrom('user_account').select('id').where('username', '=', 'zed.new').execute()).toEqual([]);
  });

  it('changes roles from the version shown; a stale change is refused with what changed; one cannot drop one’s own administrator role', async () => {
    const before = await database.db.selectFrom('user_account').select('version').where('id', '=', worker.id).executeTakeFirstOrThrow();
    const v = String(before.version);
    const form = await app.inject({ url: `/admin/users/${worker.id}/roles`, headers: { cookie: alice.cookie, accept: 'text/html' } });
    expect(form.body).toContain(`name="version" value="${v}"`);
    const ok = await post(alice, `/admin/users/${worker.id}/roles`, { roles: ['social_worker', 'team_manager'], version: v });
    expect(ok.statusCode).toBe(303);
    const stale = await post(bob, `/admin/users/${worker.id}/roles`, { roles: 'iro', version: v });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Roles was changed to');
    expect(stale.body).toContain('by alice.admin');
    const roles = await database.db.selectFrom('user_role').select('role').where('user_id', '=', worker.id).where('deleted_at', 'is', null).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['social_worker', 'team_manager']);
    const own = await post(alice, `/admin/users/${alice.user.id}/roles`, { roles: 'social_worker', version: '1' });
    expect(own.statusCode).toBe(400);
    expect(own.body).toContain('You cannot remove your own administrator role');
    expect((await post(alice, '/admin/users/NO-SUCH-USER/roles', { roles: 'iro', version: '1' })).statusCode).toBe(404);
  });
});
