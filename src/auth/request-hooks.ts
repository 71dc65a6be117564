// Wires sessions, the request context, access rules and CSRF into every request:
//   onRequest  → read the session cookie, build `request.ctx` (user or nobody), set template locals
//   preHandler → the route's access rule (route-rules.ts), then the CSRF check for unsafe methods
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext } from '../access/context.ts';
import { AppError } from '../platform/errors.ts';
import { enforceAccess } from '../access/route-rules.ts';
import { ROLE_LABELS } from '../access/roles.ts';
import { checkCsrf, csrfTokenFor } from './csrf.ts';
import { findActiveSession, SESSION_COOKIE } from './sessions.ts';
import { findUser, type SignedInUser } from './users.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, the children they may see, and the audit: see src/access/context.ts. */
    ctx: RequestContext;
    csrfToken: string;
    /** Authenticated by an API token in `Authorization: Bearer …` (no cookie, so no CSRF check). */
    bearerAuthenticated: boolean;
  }
  interface FastifyReply {
    /** Merged by @fastify/view into every template's data. */
    locals: Record<string, unknown>;
  }
}

const STATIC_PREFIXES = ['/assets/', '/govuk/', '/public/'];

export function isStaticAsset(url: string): boolean {
  return STATIC_PREFIXES.some((p) => url.startsWith(p));
}

export function sessionCookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
}

export function registerRequestHooks(app: FastifyInstance): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('bearerAuthenticated', false);

  app.addHook('onRequest', async (request, reply) => {
    const db = app.services.database.db;
    const meta = { ipAddress: request.ip, requestId: request.id, route: `${request.method} ${request.routeOptions.url ?? '(none)'}` };
    if (isStaticAsset(request.url)) {
      request.ctx = new RequestContext(db, null, meta);
      return;
    }
    const bearer = bearerToken(request);
    const user = bearer !== undefined ? await userFromBearer(request, bearer) : await userFromCookie(request, reply);
    request.bearerAuthenticated = bearer !== undefined && user !== undefined;
    request.ctx = new RequestContext(db, user?.user ?? null, meta);
    request.csrfToken = bearer !== undefined ? '' : csrfTokenFor(request, reply, user?.csrfToken ?? null);
    reply.locals = {
      ...reply.locals,
      cspNonce: request.cspNonce,
      csrfToken: request.csrfToken,
      currentUser: user ? { displayName: user.user.displayName, username: user.user.username, roles: user.user.roles.map((r) => ROLE_LABELS[r]), roleIds: user.user.roles } : null,
      currentPath: request.url.split('?')[0],
    };
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.is404) return; // no route: the not-found handler answers
    if (mustChangePasswordFirst(request)) {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.redirect('/account/password', 303);
      throw new AppError('FORBIDDEN', 'You signed in with a temporary password. Choose your own password before doing anything else.', { internal: 'temporary password not yet changed' });
    }
    await enforceAccess(request);
    checkCsrf(request, request.csrfToken, request.bearerAuthenticated);
  });
}

/** Routes open to a user who signed in with a temporary password: choosing their own, and signing out. */
const OPEN_WITH_TEMPORARY_PASSWORD = new Set(['/account/password', '/api/v1/account/password', '/sign-out']);

function mustChangePasswordFirst(request: FastifyRequest): boolean {
  if (!request.ctx.signedIn || !request.ctx.user.mustChangePassword) return false;
  if (request.routeOptions.config.access === 'public') return false;
  return !OPEN_WITH_TEMPORARY_PASSWORD.has(request.routeOptions.url ?? '');
}

/** An `Authorization: Bearer` token, honoured on the JSON API only. */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!request.url.startsWith('/api/') || typeof header !== 'string') return undefined;
  const m = /^Bearer\s+([A-Za-z0-9_-]{1,100})$/.exec(header);
  return m ? m[1] : '';
}

async function userFromBearer(request: FastifyRequest, token: string): Promise<{ user: SignedInUser; csrfToken: string } | undefined> {
  const db = request.server.services.database.db;
  const session = token ? await findActiveSession(db, token, 'api') : undefined;
  const user = session && (await findUser(db, session.userId));
  return session && user ? { user: { ...user, sessionId: session.sessionId }, csrfToken: '' } : undefined;
}

async function userFromCookie(request: FastifyRequest, reply: FastifyReply): Promise<{ user: SignedInUser; csrfToken: string } | undefined> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const db = request.server.services.database.db;
  const session = await findActiveSession(db, token);
  const user = session && (await findUser(db, session.userId));
  if (!session || !user) {
    // Expired, revoked or unknown: forget it, so the next request is plainly signed out.
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
    return undefined;
  }
  return { user: { ...user, sessionId: session.sessionId }, csrfToken: session.csrfToken };
}
