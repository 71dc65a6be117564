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

function post(session: TestSession, url: string, fields: Record<string, string>) {
  return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: session.csrfToken }).toString() });
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
