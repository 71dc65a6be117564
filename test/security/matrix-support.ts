// Shared by the authorisation matrix and audit completeness tests: the app with the access fixture, a
// session per fixture user, and a way to call any registered route as anyone.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshDatabase } from '../support/db.ts';
import { buildAccessFixture, CHILDREN, EXPECTED_VISIBLE, type AccessFixture, type ChildKey, type FixtureUser } from '../support/access-fixture.ts';
import type { Database } from '../../src/platform/db/connect.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import type { RegisteredRoute } from '../../src/access/route-rules.ts';

export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface World {
  database: Database;
  app: FastifyInstance;
  fixture: AccessFixture;
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

export async function buildWorld(): Promise<World> {
  const database = await freshDatabase();
  const fixture = await buildAccessFixture(database.db);
  // Rate limits would cut the sweep short; they have their own test (src/auth/sign-in.int.test.ts).
  const app = await buildApp({ database, config: loadConfig({}) }, { logger: false, rateLimits: false });
  addProbeRoutes(app);
  await app.ready();
  const routes = app.routeRules.filter((r) => r.method !== 'HEAD' && !r.url.includes('*'));
  return {
    database,
    app,
    fixture,
    routes,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type Caller = FixtureUser | 'anonymous';

/** A fresh session for the user (no password check: that has its own tests), as a Cookie header and CSRF token. */
export async function sessionFor(world: World, who: Caller): Promise<{ cookie: string; csrf: string }> {
  if (who === 'anonymous') {
    return { cookie: 'tiller_csrf=' + 'a'.repeat(43), csrf: 'a'.repeat(43) };
  }
  const s = await createSession(world.database.db, { userId: world.fixture.users[who].id, method: 'password', ipAddress: '127.0.0.1', userAgent: 'matrix' });
  return { cookie: `${SESSION_COOKIE}=${s.token}`, csrf: s.csrfToken };
}

/** The URL with :childId filled in and every other parameter given a value that names nothing. */
export function fillUrl(url: string, childId: string): string {
  return url.replace(':childId', encodeURIComponent(childId)).replace(/:([A-Za-z]+)/g, 'NO-SUCH-$1');
}

export function otherParams(url: string): boolean {
  return /:(?!childId\b)[A-Za-z]+/.test(url);
}

export async function call(world: World, route: RegisteredRoute, url: string, session: { cookie: string; csrf: string }): Promise<LightMyRequestResponse> {
  const api = url.startsWith('/api/');
  const headers: Record<string, string> = { cookie: session.cookie, accept: api ? 'application/json' : 'text/html' };
  if (!UNSAFE.has(route.method)) return world.app.inject({ method: route.method as 'GET', url, headers });
  if (api) {
    return world.app.inject({ method: route.method as 'POST', url, headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': session.csrf }, payload: '{}' });
  }
  return world.app.inject({ method: route.method as 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(session.csrf)}` });
}

/** Names of children the caller may not see (break-glass aside): none of them may appear in any response. */
export function forbiddenNames(who: Caller, alsoVisible: ChildKey[] = []): string[] {
  const visible = new Set<ChildKey>([...(who === 'anonymous' ? [] : (EXPECTED_VISIBLE[who] as readonly ChildKey[])), ...alsoVisible]);
  return (Object.keys(CHILDREN) as ChildKey[]).filter((k) => !visible.has(k)).flatMap((k) => [CHILDREN[k].forename, CHILDREN[k].surname]);
}

export const CALLERS: Caller[] = ['anonymous', ...(Object.keys(EXPECTED_VISIBLE) as FixtureUser[])];

/**
 * Two routes that exist only in these tests, so that the mechanism is exercised whatever features are
 * registered: a child's record (rule 'childRecord', read audited by the rule) and a list of children
 * (scoped with visibleIds(), audited as a list). Both return names, so leaks would show.
 */
function addProbeRoutes(app: FastifyInstance): void {
  app.get('/test-probe/children/:childId', { config: { access: 'childRecord', auditWhat: 'probe' } }, async (request) => {
    const { childId } = request.params as { childId: string };
    return request.server.services.database.db.selectFrom('person').select(['id', 'forename', 'surname']).where('id', '=', childId).executeTakeFirstOrThrow();
  });
  app.get('/test-probe/children', { config: { access: 'signedIn' } }, async (request) => {
    const rows = await request.server.services.database.db.selectFrom('person').select(['id', 'forename', 'surname']).where('id', 'in', request.ctx.children.visibleIds()).orderBy('id').execute();
    await request.ctx.audit.list('probe list', rows.map((r) => r.id));
    return { children: rows };
  });
}
