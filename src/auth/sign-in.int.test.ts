// Sign-in, sessions, throttling, rate limits and CSRF, through Tiller's real HTTP server.
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
import { createApiToken, hashToken, SESSION_COOKIE } from './sessions.ts';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from './sign-in.ts';

let database: Database;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  for (const username of ['ada.worker', 'ben.worker', 'cat.worker', 'dan.worker']) {
    await createUser(database.db, { username, displayName: username, roles: ['social_worker'], password: TEST_PASSWORD });
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function signedIn(username: string): Promise<Browser> {
  const browser = new Browser();
  const res = await browser.signIn(base, username, TEST_PASSWORD);
  expect(res.status).toBe(303);
  return browser;
}

describe('signing in', () => {
  it('sends a visitor to sign in, then back to the page they wanted', async () => {
    const browser = new Browser();
    const home = await browser.request(`${base}/account/sessions`);
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/sign-in?next=%2Faccount%2Fsessions');
    const res = await browser.signIn(base, 'Ada.Worker', TEST_PASSWORD, '/account/sessions');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/sessions');
    expect((await browser.request(`${base}/account/sessions`)).status).toBe(200);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie whose token is stored only as a hash', async () => {
    const browser = new Browser();
    await browser.signIn(base, 'ada.worker', TEST_PASSWORD);
    const setCookie = browser.lastSetCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain HTTP here; see the TLS test below
    const token = browser.cookie(base, SESSION_COOKIE)!;
    const rows = await database.db.selectFrom('user_session').select(['token_hash']).execute();
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
    const dump = JSON.stringify(await database.db.selectFrom('user_session').selectAll().execute());
    expect(dump).not.toContain(token);
  });

  it('marks the cookie Secure when served over TLS (behind a trusted proxy)', async () => {
    const tlsApp = await buildApp({ database, config: loadConfig({}, { trustProxy: true }) }, { logger: false });
    const page = await tlsApp.inject({ url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
    const csrfCookie = page.cookies.find((c) => c.name === 'tiller_csrf')!;
    const res = await tlsApp.inject({
      method: 'POST', url: '/sign-in',
      headers: { 'x-forwarded-proto': 'https', cookie: `tiller_csrf=${csrfCookie.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfIn(page.body), username: 'ada.worker', password: TEST_PASSWORD }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    await tlsApp.close();
  });

  it('answers a wrong password with a GOV.UK error summary, the same as an unknown user', async () => {
    const wrong = await new Browser().signIn(base, 'ben.worker', 'not-the-password-at-all');
    const unknown = await new Browser().signIn(base, 'nobody.here', 'not-the-password-at-all');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('govuk-error-summary');
      expect(html).toContain('Enter a correct username and password');
    }
  });
});

describe('throttling failed sign-ins', () => {
  it(`locks an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await new Browser().signIn(base, 'cat.worker', `wrong-password-${i}-xx`)).status).toBe(401);
    }
    const locked = await new Browser().signIn(base, 'cat.worker', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('too many failed attempts');
    const audit = await database.db.selectFrom('audit_event').select(['outcome']).where('username', '=', 'cat.worker').where('action', '=', 'sign_in_failed').execute();
    expect(audit.filter((a) => a.outcome === 'denied')).toHaveLength(1);
  });

  it(`blocks an address after ${MAX_FAILURES_PER_ADDRESS} failures across accounts`, async () => {
    const db = database.db;
    // Earlier failures from another address, recorded directly (the test cannot change its own address).
    await db.insertInto('sign_in_attempt').values(Array.from({ length: MAX_FAILURES_PER_ADDRESS }, (_, i) => ({ id: `A${i}`, username: `guess${i}`, ip_address: '203.0.113.9', succeeded: false }))).execute();
    const { signInWithPassword } = await import('./sign-in.ts');
    await expect(signInWithPassword(db, { username: 'dan.worker', password: TEST_PASSWORD, ipAddress: '203.0.113.9', userAgent: null })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(signInWithPassword(db, { username: 'dan.worker', password: TEST_PASSWORD, ipAddress: '203.0.113.10', userAgent: null })).resolves.toMatchObject({ token: expect.any(String) });
  });
});

describe('sessions', () => {
  it('ends a session idle for 30 minutes', async () => {
    const browser = await signedIn('dan.worker');
    const token = browser.cookie(base, SESSION_COOKIE)!;
    await database.db.updateTable('user_session').set({ last_seen_at: sql`now() - interval '31 minutes'` }).where('token_hash', '=', hashToken(token)).execute();
    const res = await browser.request(`${base}/account/sessions`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Faccount%2Fsessions&expired=1');
    expect(browser.cookie(base, SESSION_COOKIE)).toBeUndefined(); // the dead cookie is cleared
  });

  it('keeps a session in use alive, but ends it 12 hours after sign-in regardless', async () => {
    const browser = await signedIn('dan.worker');
    const token = browser.cookie(base, SESSION_COOKIE)!;
    await database.db.updateTable('user_session').set({ last_seen_at: sql`now() - interval '29 minutes'` }).where('token_hash', '=', hashToken(token)).execute();
    expect((await browser.request(`${base}/account/sessions`)).status).toBe(200);
    await database.db.updateTable('user_session').set({ expires_at: sql`now() - interval '1 second'` }).where('token_hash', '=', hashToken(token)).execute();
    expect((await browser.request(`${base}/account/sessions`)).status).toBe(303);
  });

  it('lists a user’s sessions and lets them end another one', async () => {
    const laptop = await signedIn('ada.worker');
    const phone = await signedIn('ada.worker');
    const page = await (await laptop.request(`${base}/account/sessions`)).text();
    const phoneSession = await database.db.selectFrom('user_session').select('id').where('token_hash', '=', hashToken(phone.cookie(base, SESSION_COOKIE)!)).executeTakeFirstOrThrow();
    expect(page).toContain(`data-session="${phoneSession.id}"`);
    const revoke = await laptop.request(`${base}/account/sessions/${phoneSession.id}/revoke`, { form: { _csrf: csrfIn(page) } });
    expect(revoke.status).toBe(303);
    expect((await phone.request(`${base}/account/sessions`)).status).toBe(303);
    expect((await laptop.request(`${base}/account/sessions`)).status).toBe(200);
  });

  it('does not let a user end someone else’s session', async () => {
    const ada = await signedIn('ada.worker');
    const ben = await signedIn('ben.worker');
    const benSession = await database.db.selectFrom('user_session').select('id').where('token_hash', '=', hashToken(ben.cookie(base, SESSION_COOKIE)!)).executeTakeFirstOrThrow();
    const page = await (await ada.request(`${base}/account/sessions`)).text();
    const res = await ada.request(`${base}/account/sessions/${benSession.id}/revoke`, { form: { _csrf: csrfIn(page) } });
    expect(res.status).toBe(404);
    expect((await ben.request(`${base}/account/sessions`)).status).toBe(200);
  });

  it('signs out: the session is revoked server-side, so a copied cookie stops working', async () => {
    const browser = await signedIn('ben.worker');
    const token = browser.cookie(base, SESSION_COOKIE)!;
    const page = await (await browser.request(`${base}/account/sessions`)).text();
    const out = await browser.request(`${base}/sign-out`, { form: { _csrf: csrfIn(page) } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in?signedOut=1');
    const copy = new Browser();
    copy.setCookie(base, SESSION_COOKIE, token);
    expect((await copy.request(`${base}/account/sessions`)).status).toBe(303);
    const row = await database.db.selectFrom('user_session').select(['revoked_reason']).where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    expect(row.revoked_reason).toBe('signed_out');
  });
});

describe('CSRF protection', () => {
  it('refuses a form post without the token, or with another session’s token', async () => {
    const ada = await signedIn('ada.worker');
    const ben = await signedIn('ben.worker');
    const benToken = csrfIn(await (await ben.request(`${base}/account/sessions`)).text());
    for (const form of [{}, { _csrf: '' }, { _csrf: benToken }, { _csrf: 'x'.repeat(43) }] as Array<Record<string, string>>) {
      const res = await ada.request(`${base}/sign-out`, { form });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('did not come from Tiller');
    }
    expect((await ada.request(`${base}/account/sessions`)).status).toBe(200); // still signed in: nothing happened
  });

  it('refuses a sign-in post without the pre-sign-in token (login CSRF)', async () => {
    const res = await new Browser().request(`${base}/sign-in`, { form: { username: 'ada.worker', password: TEST_PASSWORD } });
    expect(res.status).toBe(403);
  });

  it('accepts the token in the X-CSRF-Token header (for scripts on the page)', async () => {
    const ada = await signedIn('ada.worker');
    const token = csrfIn(await (await ada.request(`${base}/account/sessions`)).text());
    const res = await ada.request(`${base}/sign-out`, { method: 'POST', headers: { 'x-csrf-token': token } });
    expect(res.status).toBe(303);
  });
});

describe('API tokens', () => {
  it('authenticates /api requests with a bearer token, and nothing else with it', async () => {
    const user = await database.db.selectFrom('user_account').select('id').where('username', '=', 'ada.worker').executeTakeFirstOrThrow();
    const { token } = await createApiToken(database.db, { userId: user.id, days: 30 });
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'ada.worker', roles: ['social_worker'] });
    expect((await fetch(`${base}/account/sessions`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${base}/api/v1/me`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    // A browser session token is not an API token.
    const browser = await signedIn('ada.worker');
    expect((await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${browser.cookie(base, SESSION_COOKIE)}` } })).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('limits sign-in posts to 30 a minute from one address', async () => {
    const limited = await buildApp({ database, config: loadConfig({}) }, { logger: false });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      // Malformed posts: refused before any password check, so only the rate limit can stop them.
      statuses.push((await limited.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=' })).statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses[30]).toBe(429);
    await limited.close();
  });

  it('limits the API per address', async () => {
    const limited = await buildApp({ database, config: loadConfig({}) }, { logger: false });
    const { API_RATE_LIMIT_PER_MINUTE } = await import('../platform/http/app.ts');
    let last = 0;
    for (let i = 0; i <= API_RATE_LIMIT_PER_MINUTE; i++) last = (await limited.inject({ url: '/api/v1/me' })).statusCode;
    expect(last).toBe(429);
    await limited.close();
  });
});
