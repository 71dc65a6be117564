// Changing one's password and an administrator's reset, through Tiller's real HTTP server.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/support/db.ts';
import { Browser, csrfIn } from '../../test/support/http-browser.ts';
import { TEST_PASSWORD } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { createUser } from './users.ts';
import { createApiToken } from './sessions.ts';
import { MAX_FAILURES_PER_ACCOUNT } from './sign-in.ts';
import { temporaryPassword } from './password-change.ts';
import { passwordProblem } from './password.ts';

const NEW_PASSWORD = 'copper-meadow-tandem-81';

let database: Database;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  for (const username of ['eve.worker', 'fay.worker', 'gus.worker', 'hal.worker', 'ivy.worker']) {
    await createUser(database.db, { username, displayName: username, roles: ['social_worker'], password: TEST_PASSWORD });
  }
  await createUser(database.db, { username: 'ann.admin', displayName: 'Ann Admin', roles: ['administrator'], password: TEST_PASSWORD });
  await createUser(database.db, { username: 'sso.only', displayName: 'Sso Only', roles: ['social_worker'] });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function signedIn(username: string, password = TEST_PASSWORD): Promise<Browser> {
  const browser = new Browser();
  const res = await browser.signIn(base, username, password);
  expect(res.status).toBe(303);
  return browser;
}

async function changePassword(browser: Browser, form: Record<string, string>): Promise<Response> {
  const page = await (await browser.request(`${base}/account/password`)).text();
  return browser.request(`${base}/account/password`, { form: { _csrf: csrfIn(page), ...form } });
}

async function userId(username: string): Promise<string> {
  return (await database.db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

describe('changing your own password', () => {
  it('refuses a wrong current password, unmatched or weak new ones, with a GOV.UK error summary, and changes nothing', async () => {
    const browser = await signedIn('eve.worker');
    const cases: Array<[Record<string, string>, string]> = [
      [{ currentPassword: 'not-my-password-at-all', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, 'Your current password is not right'],
      [{ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: 'copper-meadow-tandem-82' }, 'The new passwords do not match'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'Password2024!', confirmPassword: 'Password2024!' }, 'Password is too common'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' }, 'Password must be 12 characters or more'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'eve.worker-garden', confirmPassword: 'eve.worker-garden' }, 'must not contain your username'],
      [{ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, 'different from your current one'],
      [{ currentPassword: '', newPassword: '', confirmPassword: '' }, 'Enter your current password'],
    ];
    const hashBefore = (await database.db.selectFrom('user_account').select('password_hash').where('username', '=', 'eve.worker').executeTakeFirstOrThrow()).password_hash;
    for (const [form, message] of cases) {
      const res = await changePassword(browser, form);
      expect(res.status, message).toBe(400);
      const html = await res.text();
      expect(html).toContain('govuk-error-summary');
      expect(html).toContain(message);
    }
    const after = await database.db.selectFrom('user_account').select(['password_hash', 'version']).where('username', '=', 'eve.worker').executeTakeFirstOrThrow();
    expect(after).toEqual({ password_hash: hashBefore, version: 1 });
    const failures = await database.db.selectFrom('audit_event').select(['outcome', 'detail']).where('action', '=', 'user_admin').where('username', '=', 'eve.worker').execute();
    expect(failures).toEqual([{ outcome: 'failure', detail: { change: 'password', why: 'current password wrong' } }]);
  });

  it('changes it, keeps this session, ends the others, and audits the change without the hash', async () => {
    const laptop = await signedIn('fay.worker');
    const phone = await signedIn('fay.worker');
    const res = await changePassword(laptop, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, next: '/account/sessions' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/sessions');
    expect((await laptop.request(`${base}/account/sessions`)).status).toBe(200);
    expect((await phone.request(`${base}/account/sessions`)).status).toBe(303); // signed out
    expect((await new Browser().signIn(base, 'fay.worker', TEST_PASSWORD)).status).toBe(401);
    expect((await new Browser().signIn(base, 'fay.worker', NEW_PASSWORD)).status).toBe(303);
    const id = await userId('fay.worker');
    const ended = await database.db.selectFrom('user_session').select('revoked_reason').where('user_id', '=', id).where('revoked_reason', '=', 'password_changed').execute();
    expect(ended).toHaveLength(1);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'diff', 'detail', 'entity_version']).where('entity_id', '=', id).where('action', 'in', ['update', 'user_admin']).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'update', entity_version: 2, detail: null, diff: { password_changed_at: { before: expect.any(String), after: expect.any(String) }, version: { before: 1, after: 2 } } },
      { action: 'user_admin', entity_version: null, diff: null, detail: { change: 'password', by: 'self', otherSessionsEnded: 1 } },
    ]);
    expect(JSON.stringify(await database.db.selectFrom('audit_event').selectAll().execute())).not.toContain('argon2');
  });

  it('offers the same as an API operation', async () => {
    const { token } = await createApiToken(database.db, { userId: await userId('ivy.worker'), days: 1 });
    const call = (body: unknown) => fetch(`${base}/api/v1/account/password`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const wrong = await call({ currentPassword: 'nope-nope-nope', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields).toEqual([{ field: 'currentPassword', message: 'Your current password is not right' }]);
    expect((await call({ currentPassword: TEST_PASSWORD })).status).toBe(400);
    expect((await call({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, admin: true })).status).toBe(400);
    const ok = await call({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ otherSessionsEnded: 0 });
  });

  it(`counts wrong current passwords as failed sign-ins: after ${MAX_FAILURES_PER_ACCOUNT}, it waits`, async () => {
    const browser = await signedIn('gus.worker');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await changePassword(browser, { currentPassword: `guess-number-${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(400);
    }
    const res = await changePassword(browser, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('too many wrong passwords');
  });

  it('tells a single-sign-on account it has no password here', async () => {
    const { token } = await createApiToken(database.db, { userId: await userId('sso.only'), days: 1 });
    const res = await fetch(`${base}/api/v1/account/password`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: 'x', newPassword: NEW_PASSWORD }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('council account');
  });
});

describe('an administrator’s password reset', () => {
  async function reset(admin: Browser, username: string, version: string): Promise<Response> {
    const page = await (await admin.request(`${base}/admin/users`)).text();
    return admin.request(`${base}/admin/users/${await userId(username)}/reset-password`, { form: { _csrf: csrfIn(page), version } });
  }

  it('sets a one-time temporary password, ends every session, and makes the user choose their own before anything else', async () => {
    const hal = await signedIn('hal.worker');
    const admin = await signedIn('ann.admin');
    const res = await reset(admin, 'hal.worker', '1');
    expect(res.status).toBe(200);
    const html = await res.text();
    const temporary = /data-test="temporary-password"><code>([a-z2-9-]+)<\/code>/.exec(html)![1]!;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(html).toContain('1 session of this account ended');
    expect((await hal.request(`${base}/account/sessions`)).status).toBe(303); // signed out everywhere
    expect((await new Browser().signIn(base, 'hal.worker', TEST_PASSWORD)).status).toBe(401); // the old password is gone

    // Signing in with the temporary password leads to the change page, and nowhere else.
    const browser = new Browser();
    const signIn = await browser.signIn(base, 'hal.worker', temporary, '/account/sessions');
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/account/password?next=%2Faccount%2Fsessions');
    const other = await browser.request(`${base}/account/sessions`);
    expect(other.status).toBe(303);
    expect(other.headers.get('location')).toBe('/account/password');
    expect((await browser.request(`${base}/api/v1/me`, { headers: { accept: 'application/json' } })).status).toBe(403);
    const page = await (await browser.request(`${base}/account/password?next=%2Faccount%2Fsessions`)).text();
    expect(page).toContain('You signed in with a temporary password');
    const changed = await browser.request(`${base}/account/password`, { form: { _csrf: csrfIn(page), currentPassword: temporary, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, next: '/account/sessions' } });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/account/sessions');
    expect((await browser.request(`${base}/account/sessions`)).status).toBe(200);
    const row = await database.db.selectFrom('user_account').select(['must_change_password', 'version']).where('username', '=', 'hal.worker').executeTakeFirstOrThrow();
    expect(row).toEqual({ must_change_password: false, version: 3 });

    const id = await userId('hal.worker');
    const audit = await database.db.selectFrom('audit_event').select(['username', 'action', 'what', 'diff', 'detail']).where('entity_id', '=', id).where('action', 'in', ['update', 'user_admin']).orderBy('id').execute();
    expect(audit.slice(0, 2)).toEqual([
      { username: 'ann.admin', action: 'update', what: 'password reset by an administrator', detail: null, diff: { password_changed_at: { before: expect.any(String), after: expect.any(String) }, must_change_password: { before: false, after: true }, version: { before: 1, after: 2 } } },
      { username: 'ann.admin', action: 'user_admin', what: null, diff: null, detail: { change: 'password reset', sessionsEnded: 1 } },
    ]);
    expect(audit[2]).toMatchObject({ username: 'hal.worker', action: 'update', diff: { must_change_password: { before: true, after: false }, version: { before: 2, after: 3 } } });
    expect(JSON.stringify(audit)).not.toContain(temporary);
  });

  it('refuses a stale reset, a reset of an account without a password, of one’s own, and by anyone but an administrator', async () => {
    const admin = await signedIn('ann.admin');
    expect((await reset(admin, 'hal.worker', '1')).status).toBe(409);
    expect((await reset(admin, 'sso.only', '1')).status).toBe(400);
    expect((await reset(admin, 'ann.admin', '1')).status).toBe(400);
    const worker = await signedIn('eve.worker');
    expect((await reset(worker, 'hal.worker', '3')).status).toBe(403);
    const row = await database.db.selectFrom('user_account').select(['must_change_password', 'version']).where('username', '=', 'hal.worker').executeTakeFirstOrThrow();
    expect(row).toEqual({ must_change_password: false, version: 3 });
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect((await new Browser().signIn(base, 'ivy.worker', `wrong-guess-${i}-xx`)).status).toBe(401);
    expect((await new Browser().signIn(base, 'ivy.worker', NEW_PASSWORD)).status).toBe(429);
    const admin = await signedIn('ann.admin');
    const version = (await database.db.selectFrom('user_account').select('version').where('username', '=', 'ivy.worker').executeTakeFirstOrThrow()).version;
    const html = await (await reset(admin, 'ivy.worker', String(version))).text();
    const temporary = /data-test="temporary-password"><code>([a-z2-9-]+)<\/code>/.exec(html)![1]!;
    expect((await new Browser().signIn(base, 'ivy.worker', temporary)).status).toBe(303);
  });

  it(`lets a temporary password lapse if unused for 3 days`, async () => {
    const admin = await signedIn('ann.admin');
    const html = await (await reset(admin, 'eve.worker', '1')).text();
    const temporary = /data-test="temporary-password"><code>([a-z2-9-]+)<\/code>/.exec(html)![1]!;
    await database.db.updateTable('user_account').set({ password_changed_at: sql<Date>`now() - interval '3 days 1 minute'` }).where('username', '=', 'eve.worker').execute();
    const res = await new Browser().signIn(base, 'eve.worker', temporary);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Your temporary password has expired');
  });

  it('makes temporary passwords that meet the password rules', () => {
    for (let i = 0; i < 50; i++) expect(passwordProblem(temporaryPassword())).toBeNull();
  });
});
