// Signing in through the real HTTP routes, for tests that call the app with inject().
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/platform/db/connect.ts';
import type { Role } from '../../src/access/roles.ts';
import { createUser, type UserSummary } from '../../src/auth/users.ts';

export const TEST_PASSWORD = 'plum-orbit-lantern-47';

export interface TestSession {
  user: UserSummary;
  /** The Cookie header to send. */
  cookie: string;
  csrfToken: string;
}

/** The cookies a response sets, as a Cookie header (merged over `previous`). */
export function cookiesFrom(res: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => c.split('=') as [string, string]));
  for (const c of res.cookies) {
    if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1]!;
}

/** Creates a user (unless given) and signs in through GET and POST /sign-in. */
export async function signIn(app: FastifyInstance, db: Db, options: { roles?: Role[]; professionalId?: string | null; username?: string; user?: UserSummary } = {}): Promise<TestSession> {
  const user =
    options.user ??
    (await createUser(db, {
      username: options.username ?? `u-${randomUUID().slice(0, 8)}`,
      displayName: 'Test User',
      roles: options.roles ?? ['social_worker'],
      professionalId: options.professionalId ?? null,
      password: TEST_PASSWORD,
    }));
  const page = await app.inject({ url: '/sign-in', headers: { accept: 'text/html' } });
  let cookie = cookiesFrom(page);
  const res = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ username: user.username, password: TEST_PASSWORD, _csrf: csrfFrom(page.body) }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  cookie = cookiesFrom(res, cookie);
  const home = await app.inject({ url: '/account/sessions', headers: { cookie, accept: 'text/html' } });
  return { user, cookie, csrfToken: csrfFrom(home.body) };
}
