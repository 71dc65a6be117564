// The authorisation matrix: every registered route (pages and API, now and later: the list comes from
// the app itself) × every role, signed out too × the children of the access fixture, asserting allow or
// deny from an independent statement of the policy, and that no response ever names a child the caller
// may not see. A route added without an access rule stops the app starting, so this test fails too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRule, RegisteredRoute } from '../../src/access/route-rules.ts';
import type { Capability, Role } from '../../src/access/roles.ts';
import { CHILDREN, EXPECTED_VISIBLE, type ChildKey, type FixtureUser } from '../support/access-fixture.ts';
import { buildWorld, call, CALLERS, fillUrl, forbiddenNames, otherParams, sessionFor, UNSAFE, type Caller, type World } from './matrix-support.ts';

/** The policy for capabilities, stated again here so that a change to roles.ts must be made twice, knowingly. */
const EXPECTED_CAPABILITIES: Record<Role, Capability[]> = {
  front_door: ['viewAggregates'],
  social_worker: ['viewAggregates'],
  personal_adviser: ['viewAggregates'],
  team_manager: ['viewAggregates'],
  service_manager: ['viewAggregates', 'viewPseudonymisedLists'],
  iro: ['viewAggregates'],
  performance_analyst: ['viewAggregates', 'viewPseudonymisedLists'],
  quality_auditor: ['viewAggregates', 'viewPseudonymisedLists'],
  data_protection_officer: ['viewAudit', 'subjectAccessExport'],
  administrator: ['manageUsers', 'manageSettings'],
};

const NO_SUCH_CHILD = 'NO-SUCH-CHILD';
type Target = ChildKey | typeof NO_SUCH_CHILD;
const childIdOf = (t: Target) => (t === NO_SUCH_CHILD ? NO_SUCH_CHILD : CHILDREN[t].id);

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => world?.close());

function roleOf(who: FixtureUser): Role {
  return world.fixture.roleOf[who];
}

function visible(who: FixtureUser, target: Target): boolean {
  return target !== NO_SUCH_CHILD && (EXPECTED_VISIBLE[who] as readonly ChildKey[]).includes(target);
}

interface Expectation {
  allowed: boolean;
  /** For a denial about a child: 404 when the child must look absent (restricted, or no such child), else 403. */
  status?: 401 | 403 | 404;
}

/** What the policy says for this route, caller and child. */
function expectation(rule: AccessRule, who: Caller, target: Target | null): Expectation {
  if (rule === 'public') return { allowed: true };
  if (who === 'anonymous') return { allowed: false, status: 401 };
  const role = roleOf(who);
  let childRecord = rule === 'childRecord';
  if (typeof rule === 'object') {
    if ('roles' in rule) {
      if (!rule.roles.includes(role)) return { allowed: false, status: 403 };
      childRecord = rule.childRecord === true;
    } else if (!EXPECTED_CAPABILITIES[role].includes(rule.can)) return { allowed: false, status: 403 };
  }
  if (childRecord && target !== null && !visible(who, target)) {
    return { allowed: false, status: target === NO_SUCH_CHILD || target === 'restricted' ? 404 : 403 };
  }
  return { allowed: true };
}

/** The children to try: every child the caller may see, and three they may not (no relationship, restricted, none such). */
function targetsFor(route: RegisteredRoute, who: Caller): Array<Target | null> {
  if (!route.url.includes(':childId')) return [null];
  const denied: Target[] = ['otherService', 'restricted', NO_SUCH_CHILD];
  if (UNSAFE.has(route.method)) return ['own', ...denied];
  return [...new Set<Target>([...(who === 'anonymous' ? [] : (EXPECTED_VISIBLE[who] as readonly ChildKey[])), ...denied, 'own'])];
}

const GATE_REFUSAL = 'You do not have access to this page';

describe('the authorisation matrix', () => {
  it('covers every registered route, each with an access rule', () => {
    expect(world.routes.length).toBeGreaterThanOrEqual(12);
    for (const r of world.routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    // The routes this issue built are among them.
    for (const url of ['/sign-in', '/sign-out', '/', '/account/sessions', '/children/:childId/break-glass', '/audit/children/:childId', '/audit/children/:childId/subject-access.zip', '/admin/users', '/api/v1/me', '/admin/settings', '/admin/settings/:key', '/api/v1/settings/:key', '/account/password', '/admin/users/:userId/reset-password', '/admin/users/new', '/admin/users/:userId/roles']) {
      expect(world.routes.some((r) => r.url === url), url).toBe(true);
    }
  });

  for (const who of CALLERS) {
    it(`${who}: allowed exactly where the policy allows, and no response names a child they may not see`, { timeout: 900_000 }, async () => {
      const failures: string[] = [];
      let calls = 0;
      const safeSession = await sessionFor(world, who);
      for (const route of world.routes) {
        for (const target of targetsFor(route, who)) {
          const url = fillUrl(route.url, target === null ? NO_SUCH_CHILD : childIdOf(target));
          // Unsafe requests may end the session (sign-out): each gets a fresh one.
          const session = UNSAFE.has(route.method) ? await sessionFor(world, who) : safeSession;
          const res = await call(world, route, url, session);
          calls++;
          const exp = expectation(route.access!, who, target);
          const label = `${route.method} ${url} as ${who}: ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${label} (server error)`);
          if (exp.allowed) {
            if (res.statusCode === 401) failures.push(`${label}, expected allowed`);
            if (res.statusCode === 403 && res.body.includes(GATE_REFUSAL)) failures.push(`${label}, refused by the route's rule, expected allowed`);
            if (target !== null && target !== NO_SUCH_CHILD && route.access !== 'public' && !otherParams(route.url) && [403, 404].includes(res.statusCode) && expectation(route.access!, who, null).allowed && isChildRule(route.access!)) {
              failures.push(`${label}, expected the child's record`);
            }
          } else if (exp.status === 401) {
            const toSignIn = res.statusCode === 303 && (res.headers.location ?? '').startsWith('/sign-in');
            if (res.statusCode !== 401 && !toSignIn) failures.push(`${label}, expected 401 or a redirect to sign in`);
          } else if (res.statusCode !== exp.status) {
            failures.push(`${label}, expected ${exp.status}`);
          }
          // Zero leaks: a child's name appears only to those who may see the child (or, on the DPO's
          // pages that take the child as a parameter, to the DPO for that child).
          const extra: ChildKey[] = target && target !== NO_SUCH_CHILD && exp.allowed && route.access !== 'public' && !isChildRule(route.access!) && route.url.includes(':childId') && res.statusCode < 400 ? [target] : [];
          for (const name of forbiddenNames(who, extra)) {
            if (res.body.includes(name)) failures.push(`${label} leaks the name "${name}"`);
          }
        }
      }
      expect(calls).toBeGreaterThan(world.routes.length);
      expect(failures).toEqual([]);
    });
  }
});

function isChildRule(rule: AccessRule): boolean {
  return rule === 'childRecord' || (typeof rule === 'object' && 'roles' in rule && rule.childRecord === true);
}

describe('break-glass in the matrix', () => {
  const reason = 'Police called out of hours about this child';

  async function form(who: FixtureUser, url: string, fields: Record<string, string>) {
    const s = await sessionFor(world, who);
    return world.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString() });
  }

  it('refuses break-glass to roles that may not use it, and for restricted or unknown records', async () => {
    expect((await form('admin', `/children/${CHILDREN.otherService.id}/break-glass`, { reason })).statusCode).toBe(403);
    expect((await form('analyst', `/children/${CHILDREN.otherService.id}/break-glass`, { reason })).statusCode).toBe(403);
    expect((await form('auditor', `/children/${CHILDREN.restricted.id}/break-glass`, { reason })).statusCode).toBe(404);
    expect((await form('auditor', `/children/${NO_SUCH_CHILD}/break-glass`, { reason })).statusCode).toBe(404);
    expect((await form('auditor', `/children/${CHILDREN.otherService.id}/break-glass`, { reason: 'short' })).statusCode).toBe(400);
    const grants = await world.database.db.selectFrom('break_glass_grant').select('id').execute();
    expect(grants).toEqual([]);
  });

  it('opens every child-record route for a time, with each read audited with the reason and reported', async () => {
    // Child-record pages the auditor's role may open at all (some are for practitioners only).
    const childRoutes = world.routes.filter((r) => r.method === 'GET' && isChildRule(r.access!) && !otherParams(r.url) && expectation(r.access!, 'auditor', null).allowed);
    expect(childRoutes.length).toBeGreaterThan(0);
    const before = await sessionFor(world, 'auditor');
    for (const r of childRoutes) {
      const res = await call(world, r, fillUrl(r.url, CHILDREN.otherService.id), before);
      expect(res.statusCode, `${r.url} before break-glass`).toBe(403);
    }
    const granted = await form('auditor', `/children/${CHILDREN.otherService.id}/break-glass`, { reason });
    expect(granted.statusCode).toBe(303);
    const s = await sessionFor(world, 'auditor');
    for (const r of childRoutes) {
      const res = await call(world, r, fillUrl(r.url, CHILDREN.otherService.id), s);
      expect(res.statusCode, `${r.url} after break-glass`).toBeLessThan(400);
    }
    const reads = await world.database.db.selectFrom('audit_event').select(['reason']).where('user_id', '=', world.fixture.users.auditor.id).where('action', '=', 'read').where('person_id', '=', CHILDREN.otherService.id).execute();
    expect(reads.length).toBeGreaterThanOrEqual(childRoutes.length);
    expect(reads.every((r) => r.reason === reason)).toBe(true);
    // Still not the restricted record, nor any other child.
    for (const r of childRoutes) {
      expect((await call(world, r, fillUrl(r.url, CHILDREN.restricted.id), s)).statusCode).toBe(404);
      expect((await call(world, r, fillUrl(r.url, CHILDREN.iro.id), s)).statusCode).toBe(403);
    }
    // Reported to the data protection officer.
    const dpo = await sessionFor(world, 'dpo');
    const report = await world.app.inject({ url: '/audit/break-glass', headers: { cookie: dpo.cookie, accept: 'text/html' } });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain(reason);
    expect(report.body).toContain(CHILDREN.otherService.id);
  });

  it('ends when the time is up', async () => {
    await world.database.db.updateTable('break_glass_grant').set({ expires_at: new Date(Date.now() - 1000), created_at: new Date(Date.now() - 7200_000) }).execute();
    const s = await sessionFor(world, 'auditor');
    const route = world.routes.find((r) => r.method === 'GET' && isChildRule(r.access!) && !otherParams(r.url) && expectation(r.access!, 'auditor', null).allowed)!;
    expect((await call(world, route, fillUrl(route.url, CHILDREN.otherService.id), s)).statusCode).toBe(403);
  });
});
