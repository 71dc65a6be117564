// On the demo council: the demo sign-ins (one per role) see what their role should, and no personal data
// reaches the application log. The app logs at trace level into memory while every route is called as
// every demo user, with children's names in search strings and sign-in attempts; then the log is searched
// for every demo child's name.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../support/db.ts';
import { cookiesFrom, csrfFrom } from '../support/auth.ts';
import type { Database } from '../../src/platform/db/connect.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { DEMO_PASSWORD, type DemoUser } from '../../src/auth/demo-users.ts';
import { visibleChildIds } from '../../src/access/rules.ts';
import { rolesOf } from '../../src/auth/users.ts';
import { createSession, SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { UNSAFE } from './matrix-support.ts';

let database: Database;
let app: FastifyInstance;
let demoUsers: DemoUser[];
const logLines: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  // A third of the demo council: thousands of children and a full workforce, and every route called as every
  // demo user stays within a minute.
  await loadDemo(database.db, { seed: 7, scale: 0.3, years: 1, asOf: new Date().toISOString().slice(0, 10) });
  // loadDemo creates the demo sign-ins (createDemoUsers); read back what it made.
  demoUsers = (
    await database.db.selectFrom('user_account as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select(['u.username', 'r.role', 'u.display_name', 'u.professional_id']).where('u.username', 'like', '%.demo').execute()
  ).map((u) => ({ username: u.username, role: u.role as DemoUser['role'], displayName: u.display_name, professionalId: u.professional_id }));
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp({ database, config: loadConfig({}) }, { logger: { stream, level: 'trace' }, rateLimits: false });
  await app.ready();
}, 600_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function visibleTo(username: string): Promise<string[]> {
  const u = await database.db.selectFrom('user_account').select(['id', 'professional_id']).where('username', '=', username).executeTakeFirstOrThrow();
  const rows = await database.db.selectFrom('person').select('id').where('id', 'in', visibleChildIds({ id: u.id, professionalId: u.professional_id, roles: await rolesOf(database.db, u.id) })).orderBy('id').execute();
  return rows.map((r) => r.id);
}

async function ownCaseload(professionalId: string, role: string): Promise<number> {
  const r = await database.db.selectFrom('involvement').select((eb) => eb.fn.count<number>('person_id').distinct().as('n')).where('professional_id', '=', professionalId).where('role', '=', role).where('end_date', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function signInAs(username: string): Promise<{ cookie: string; csrf: string }> {
  const page = await app.inject({ url: '/sign-in' });
  let cookie = cookiesFrom(page);
  const res = await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username, password: DEMO_PASSWORD }).toString() });
  expect(res.statusCode, `sign in as ${username}`).toBe(303);
  cookie = cookiesFrom(res, cookie);
  const sessions = await app.inject({ url: '/account/sessions', headers: { cookie } });
  return { cookie, csrf: csrfFrom(sessions.body) };
}

/** A session without the password check (that is tested above), for requests that may end theirs. */
async function freshSession(username: string): Promise<{ cookie: string; csrf: string }> {
  const u = await database.db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const s = await createSession(database.db, { userId: u.id, method: 'password', ipAddress: '127.0.0.1', userAgent: 'test' });
  return { cookie: `${SESSION_COOKIE}=${s.token}`, csrf: s.csrfToken };
}

describe('the demo council’s sign-ins', () => {
  it('has one sign-in per role, each able to sign in with the documented password', async () => {
    expect(demoUsers.map((u) => u.role).sort()).toEqual(['administrator', 'data_protection_officer', 'front_door', 'iro', 'performance_analyst', 'personal_adviser', 'quality_auditor', 'service_manager', 'social_worker', 'team_manager']);
    for (const u of demoUsers) await signInAs(u.username);
  });

  it('chooses workers who fit their roles', async () => {
    const by = Object.fromEntries(demoUsers.map((u) => [u.role, u]));
    const sw = by.social_worker!;
    const caseload = await ownCaseload(sw.professionalId!, 'CW');
    expect(caseload).toBeGreaterThanOrEqual(15);
    expect(caseload).toBeLessThanOrEqual(25);
    const swTeam = await database.db.selectFrom('professional').select('team_id').where('id', '=', sw.professionalId!).executeTakeFirstOrThrow();
    const managed = await database.db.selectFrom('team_manager').select('team_id').where('professional_id', '=', by.team_manager!.professionalId!).where('end_date', 'is', null).execute();
    expect(managed.map((m) => m.team_id)).toContain(swTeam.team_id);
    expect(await ownCaseload(by.iro!.professionalId!, 'IRO')).toBeGreaterThan(0);
    expect(await ownCaseload(by.personal_adviser!.professionalId!, '16PLUS')).toBeGreaterThan(0);
    const swSees = await visibleTo('sw.demo');
    expect(swSees.length).toBeGreaterThanOrEqual(caseload);
    expect((await visibleTo('tm.demo')).length).toBeGreaterThanOrEqual(swSees.length);
    for (const nobody of ['analyst.demo', 'qa.demo', 'dpo.demo', 'admin.demo']) expect(await visibleTo(nobody)).toEqual([]);
  });
});

describe('no personal data in the application log', () => {
  it('logs requests, but never a demo child’s name, after every route is called as every demo user', { timeout: 600_000 }, async () => {
    const children = await database.db.selectFrom('person').select(['id', 'forename', 'surname']).where('person_type', '=', 'child').where('forename', 'is not', null).where('surname', 'is not', null).execute();
    expect(children.length).toBeGreaterThan(1000);
    const sample = children.slice(0, 50);
    const routes = app.routeRules.filter((r) => r.method !== 'HEAD' && !r.url.includes('*'));
    for (const u of demoUsers) {
      const session = await signInAs(u.username);
      const mine = (await visibleTo(u.username)).slice(0, 2);
      const targets = mine.length ? mine : [sample[0]!.id];
      let n = 0;
      for (const route of routes) {
        for (const childId of route.url.includes(':childId') ? targets : [null]) {
          const named = sample[n++ % sample.length]!;
          const url = route.url.replace(':childId', childId ?? 'X').replace(/:[A-Za-z]+/g, 'X') + `?name=${encodeURIComponent(`${named.forename} ${named.surname}`)}&q=${encodeURIComponent(named.surname!)}`;
          const headers = { cookie: session.cookie, accept: url.startsWith('/api/') ? 'application/json' : 'text/html' };
          if (UNSAFE.has(route.method)) {
            Object.assign(session, await freshSession(u.username)); // the request may sign out
            await app.inject({ method: route.method as 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: session.csrf, reason: `about ${named.forename} ${named.surname}`, name: `${named.forename} ${named.surname}` }).toString() });
          } else {
            await app.inject({ method: route.method as 'GET', url, headers });
          }
        }
      }
    }
    // Failed sign-ins with a child's name as the username, and a child's name in a 404.
    for (const c of sample.slice(0, 10)) {
      const page = await app.inject({ url: '/sign-in' });
      await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: cookiesFrom(page), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username: `${c.forename} ${c.surname}`, password: `${c.surname}${c.forename}` }).toString() });
      await app.inject({ url: `/no-such-page/${encodeURIComponent(`${c.forename} ${c.surname}`)}` });
    }

    expect(logLines.length).toBeGreaterThan(500);
    expect(logLines.some((l) => l.includes('"msg":"incoming request"'))).toBe(true);
    const fullNames = new Set(children.map((c) => `${c.forename} ${c.surname}`.toLowerCase()));
    const surnames = new Set(children.map((c) => c.surname!.toLowerCase()).filter((s) => s.length >= 7 || s.includes('-')));
    const leaks: string[] = [];
    for (const line of logLines) {
      const text = decodeURIComponent(line.replace(/%(?![0-9A-F]{2})/gi, '%25')).replace(/\+/g, ' ');
      const words = text.toLowerCase().split(/[^\p{L}'-]+/u).filter(Boolean);
      for (let i = 0; i < words.length; i++) {
        if (fullNames.has(`${words[i]} ${words[i + 1]}`) || surnames.has(words[i]!)) leaks.push(line.slice(0, 300));
      }
    }
    expect(leaks).toEqual([]);
  });
});
