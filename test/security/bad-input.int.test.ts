// Bad input: malformed, oversized or hostile form and API input gets a 4xx with a reason, never a 500,
// and changes nothing. A table of cases against this forms, then a sweep of every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { CHILDREN, type FixtureUser } from '../support/access-fixture.ts';
import { buildWorld, fillUrl, sessionFor, UNSAFE, type World } from './matrix-support.ts';

const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE person; --",
  '1; DELETE FROM audit_event',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}{% raw %}',
  'nul\u0000byte',
  '\u202Eevil\u202C',
  '../../../../etc/passwd',
  '%00%27%22',
];

let world: World;
let snapshot: string;

async function snapshotData(): Promise<string> {
  const db = world.database.db;
  const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`.execute(db);
  return JSON.stringify({
    tables: tables.rows[0]!.n,
    person: await db.selectFrom('person').selectAll().orderBy('id').execute(),
    users: await db.selectFrom('user_account').select(['id', 'username', 'disabled_at', 'version', 'password_hash']).orderBy('id').execute(),
    roles: await db.selectFrom('user_role').selectAll().orderBy('id').execute(),
    grants: await db.selectFrom('break_glass_grant').selectAll().orderBy('id').execute(),
    named: await db.selectFrom('restricted_record_access').selectAll().orderBy('id').execute(),
    settings: await db.selectFrom('council_setting').selectAll().orderBy('id').execute(),
  });
}

beforeAll(async () => {
  world = await buildWorld();
  snapshot = await snapshotData();
});
afterAll(async () => world?.close());

interface Case {
  name: string;
  who: FixtureUser | 'anonymous';
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  /** A form body (the CSRF token is added), or raw JSON text for the API. */
  form?: Record<string, string | string[]>;
  json?: string;
  rawForm?: string;
}

function cases(): Case[] {
  const target = world.fixture.users.socialWorker.id;
  const list: Case[] = [];
  for (const h of HOSTILE) {
    list.push({ name: `sign-in username ${JSON.stringify(h)}`, who: 'anonymous', method: 'POST', url: '/sign-in', form: { username: h, password: h } });
    list.push({ name: `break-glass reason too short ${JSON.stringify(h.slice(0, 5))}`, who: 'auditor', method: 'POST', url: `/children/${CHILDREN.otherService.id}/break-glass`, form: { reason: h.slice(0, 5) } });
    list.push({ name: `break-glass on a hostile child id ${JSON.stringify(h)}`, who: 'auditor', method: 'POST', url: `/children/${encodeURIComponent(h)}/break-glass`, form: { reason: 'A perfectly good reason for access' } });
    list.push({ name: `disable user with version ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: `/admin/users/${target}/disable`, form: { version: h } });
    list.push({ name: `disable a hostile user id ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: `/admin/users/${encodeURIComponent(h)}/disable`, form: { version: '1' } });
    list.push({ name: `revoke a hostile session id ${JSON.stringify(h)}`, who: 'socialWorker', method: 'POST', url: `/account/sessions/${encodeURIComponent(h)}/revoke`, form: {} });
    list.push({ name: `audit lookup ${JSON.stringify(h)}`, who: 'dpo', method: 'GET', url: `/audit?childId=${encodeURIComponent(h)}` });
    list.push({ name: `who-has-seen of ${JSON.stringify(h)}`, who: 'dpo', method: 'GET', url: `/audit/children/${encodeURIComponent(h)}` });
    list.push({ name: `subject access export of ${JSON.stringify(h)}`, who: 'dpo', method: 'GET', url: `/audit/children/${encodeURIComponent(h)}/subject-access.zip` });
    list.push({ name: `setting an interval to ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: '/admin/settings/cp_visit_interval', form: { n: h, unit: h, version: '0' } });
    list.push({ name: `setting figures to ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: '/admin/settings/child_population_0_17', form: { figures: `2025-04-01 1\n${h}`, version: '0' } });
    list.push({ name: `setting the LA code to ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: '/admin/settings/la_code', form: { laCode: h, version: '0' } });
    list.push({ name: `setting with version ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: '/admin/settings/la_code', form: { laCode: '201', version: h } });
    list.push({ name: `setting a hostile key ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: `/admin/settings/${encodeURIComponent(h)}`, form: { version: '0' } });
    list.push({ name: `API: setting the LA code to ${JSON.stringify(h)}`, who: 'admin', method: 'PUT', url: '/api/v1/settings/la_code', json: JSON.stringify({ value: h, version: 0 }) });
    list.push({ name: `password change with ${JSON.stringify(h)}`, who: 'socialWorker2', method: 'POST', url: '/account/password', form: { currentPassword: h, newPassword: h, confirmPassword: h } });
    list.push({ name: `new user named ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: '/admin/users/new', form: { username: h, displayName: h, email: h, professionalId: h, roles: h, signIn: h } });
    list.push({ name: `roles ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: `/admin/users/${target}/roles`, form: { roles: h, version: h } });
    list.push({ name: `password reset with version ${JSON.stringify(h)}`, who: 'admin', method: 'POST', url: `/admin/users/${target}/reset-password`, form: { version: h } });
  }
  list.push(
    { name: 'sign-in with fields repeated (arrays)', who: 'anonymous', method: 'POST', url: '/sign-in', form: { username: ['a', 'b'], password: ['x', 'y'] } },
    { name: 'sign-in with no fields', who: 'anonymous', method: 'POST', url: '/sign-in', form: {} },
    { name: 'sign-in with an over-long password', who: 'anonymous', method: 'POST', url: '/sign-in', form: { username: 'socialworker.test', password: 'p'.repeat(5000) } },
    { name: 'sign-in with a body over the form limit', who: 'anonymous', method: 'POST', url: '/sign-in', form: { username: 'x', password: 'p'.repeat(300_000) } },
    { name: 'break-glass reason repeated', who: 'auditor', method: 'POST', url: `/children/${CHILDREN.otherService.id}/break-glass`, form: { reason: ['one reason here', 'another reason'] } },
    { name: 'break-glass reason far too long', who: 'auditor', method: 'POST', url: `/children/${CHILDREN.otherService.id}/break-glass`, form: { reason: 'r'.repeat(20_000) } },
    { name: 'disable user with a negative version', who: 'admin', method: 'POST', url: `/admin/users/${target}/disable`, form: { version: '-1' } },
    { name: 'disable user with an enormous version', who: 'admin', method: 'POST', url: `/admin/users/${target}/disable`, form: { version: '1e309' } },
    { name: 'disable user from a stale version', who: 'admin', method: 'POST', url: `/admin/users/${target}/disable`, form: { version: '7' } },
    { name: 'malformed urlencoded body', who: 'admin', method: 'POST', url: `/admin/users/${target}/disable`, rawForm: '%E0%A4%A=%%%&version' },
    { name: 'API: reason of the wrong type', who: 'auditor', method: 'POST', url: `/api/v1/children/${CHILDREN.otherService.id}/break-glass`, json: '{"reason": ["a", "b"]}' },
    { name: 'API: unknown fields', who: 'auditor', method: 'POST', url: `/api/v1/children/${CHILDREN.otherService.id}/break-glass`, json: '{"reason": "A perfectly good reason", "expires_at": "2099-01-01"}' },
    { name: 'API: SQL in the reason, too short', who: 'auditor', method: 'POST', url: `/api/v1/children/${CHILDREN.otherService.id}/break-glass`, json: JSON.stringify({ reason: "x' --" }) },
    { name: 'API: malformed JSON', who: 'auditor', method: 'POST', url: `/api/v1/children/${CHILDREN.otherService.id}/break-glass`, json: '{"version": 1,' },
    { name: 'API: prototype pollution', who: 'auditor', method: 'POST', url: `/api/v1/children/${CHILDREN.otherService.id}/break-glass`, json: '{"__proto__": {"roles": ["administrator"]}, "constructor": {"prototype": {"x": 1}}}' },
    { name: 'API: deeply nested JSON', who: 'auditor', method: 'POST', url: `/api/v1/children/${CHILDREN.otherService.id}/break-glass`, json: '['.repeat(5000) + ']'.repeat(5000) },
    { name: 'API: a setting of the wrong shape', who: 'admin', method: 'PUT', url: '/api/v1/settings/cp_visit_interval', json: '{"value": {"unit": "working_days", "n": "10; DROP TABLE person"}, "version": 0}' },
    { name: 'API: a setting with operators for a value', who: 'admin', method: 'PUT', url: '/api/v1/settings/child_population_0_17', json: '{"value": {"$gt": 0}, "version": 0}' },
    { name: 'API: a setting from a stale version', who: 'admin', method: 'PUT', url: '/api/v1/settings/la_code', json: '{"value": "201", "version": 5}' },
    { name: 'API: a setting as an array body', who: 'admin', method: 'PUT', url: '/api/v1/settings/la_code', json: '["201"]' },
    { name: 'API: password change with unknown fields', who: 'socialWorker2', method: 'POST', url: '/api/v1/account/password', json: '{"currentPassword": "x", "newPassword": "y", "roles": ["administrator"]}' },
    { name: 'password reset from a stale version', who: 'admin', method: 'POST', url: `/admin/users/${target}/reset-password`, form: { version: '7' } },
    { name: 'API: JSON over the body limit', who: 'auditor', method: 'POST', url: `/api/v1/children/${CHILDREN.otherService.id}/break-glass`, json: JSON.stringify({ x: 'y'.repeat(1_100_000) }) },
  );
  return list;
}

async function send(c: Case): Promise<LightMyRequestResponse> {
  const s = await sessionFor(world, c.who);
  const headers: Record<string, string> = { cookie: s.cookie, accept: c.json ? 'application/json' : 'text/html' };
  if (c.method === 'GET') return world.app.inject({ method: 'GET', url: c.url, headers });
  if (c.json !== undefined) return world.app.inject({ method: c.method, url: c.url, headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': s.csrf }, payload: c.json });
  const body = c.rawForm !== undefined ? `${c.rawForm}&_csrf=${s.csrf}` : new URLSearchParams([...Object.entries(c.form ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])), ['_csrf', s.csrf]] as Array<[string, string]>).toString();
  return world.app.inject({ method: c.method, url: c.url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
}

/** A reason the user can read: a GOV.UK error summary or error page, or a JSON error message. */
function hasReason(res: LightMyRequestResponse): boolean {
  if (String(res.headers['content-type'] ?? '').includes('application/json')) {
    const body = res.json() as { error?: { message?: string } };
    return typeof body.error?.message === 'string' && body.error.message.length > 0;
  }
  return /govuk-error-summary|<h1 class="govuk-heading-l">(There is a problem|Page not found|You do not have access)/.test(res.body);
}

describe('bad input', () => {
  it('gets a 4xx with a reason, never a 500, and changes nothing', async () => {
    const problems: string[] = [];
    for (const c of cases()) {
      const res = await send(c);
      if (res.statusCode < 400 || res.statusCode >= 500) problems.push(`${c.name}: ${res.statusCode}`);
      else if (!hasReason(res)) problems.push(`${c.name}: ${res.statusCode} without a reason`);
      for (const h of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>']) {
        if (res.body.includes(h)) problems.push(`${c.name}: echoed unescaped HTML`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshotData()).toEqual(snapshot);
  });

  it('stores hostile text in a valid field as text, and shows it escaped', async () => {
    const reason = `<script>alert("x")</script> '; DROP TABLE person; -- police called`;
    const res = await send({ name: 'valid but hostile reason', who: 'auditor', method: 'POST', url: `/children/${CHILDREN.otherService.id}/break-glass`, form: { reason } });
    expect(res.statusCode).toBe(303);
    const grant = await world.database.db.selectFrom('break_glass_grant').select('reason').executeTakeFirstOrThrow();
    expect(grant.reason).toBe(reason);
    const s = await sessionFor(world, 'dpo');
    const report = await world.app.inject({ url: '/audit/break-glass', headers: { cookie: s.cookie, accept: 'text/html' } });
    expect(report.body).not.toContain('<script>alert("x")</script>');
    expect(report.body).toContain('&lt;script&gt;');
    expect((await world.database.db.selectFrom('person').select('id').execute()).length).toBe(Object.keys(CHILDREN).length);
  });

  it('never answers a hostile request to any registered route with a server error', { timeout: 900_000 }, async () => {
    const errors: string[] = [];
    // Between them these pass every route's gate: practitioners' pages, the DPO's, the administrator's.
    const who: Array<FixtureUser> = ['socialWorker', 'teamManager', 'dpo', 'admin'];
    for (const route of world.routes) {
      for (const user of who) {
        const s = await sessionFor(world, user);
        for (const h of HOSTILE.slice(0, 4)) {
          const url = fillUrl(route.url, CHILDREN.own.id).replace(/NO-SUCH-[A-Za-z]+/g, encodeURIComponent(h));
          const query = `?q=${encodeURIComponent(h)}&name=${encodeURIComponent(h)}&childId=${encodeURIComponent(h)}&dob=${encodeURIComponent(h)}`;
          const api = url.startsWith('/api/');
          let res: LightMyRequestResponse;
          if (!UNSAFE.has(route.method)) {
            res = await world.app.inject({ method: route.method as 'GET', url: url + query, headers: { cookie: s.cookie, accept: api ? 'application/json' : 'text/html' } });
          } else if (api) {
            const body = JSON.stringify({ version: h, name: h, reason: h, date: h, childIds: [h], notes: h });
            res = await world.app.inject({ method: route.method as 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrf }, payload: body });
          } else {
            const form = new URLSearchParams({ _csrf: s.csrf, version: h, name: h, reason: h, date: h, notes: h, username: h, password: h });
            res = await world.app.inject({ method: route.method as 'POST', url, headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
          }
          if (res.statusCode >= 500) errors.push(`${route.method} ${url} as ${user} with ${JSON.stringify(h)}: ${res.statusCode}`);
        }
      }
    }
    expect(errors).toEqual([]);
  });
});
