// Sign-in, sign-out and the user's own sessions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, type FieldError } from '../platform/errors.ts';
import { listSessions, revokeSession, SESSION_COOKIE } from './sessions.ts';
import { signInWithPassword } from './sign-in.ts';
import { sessionCookieOptions } from './request-hooks.ts';
import { finishOidcSignIn, startOidcSignIn } from './oidc.ts';
import { passwordRoutes } from './password-routes.ts';

const signInForm = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(200, 'Username must be 200 characters or fewer'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1024 characters or fewer'),
  next: z.string().max(2000).optional(),
});

/** Only a path on this site (never `//other.example` or a URL), so sign-in cannot redirect elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && !next.startsWith('/sign-in') ? next : '/';
}

export async function authRoutes(app: FastifyInstance) {
  await passwordRoutes(app);
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.ctx.signedIn) return reply.redirect(safeNext((request.query as Record<string, unknown>).next), 303);
    const query = request.query as Record<string, unknown>;
    return reply.view('auth/views/sign-in.njk', { title: 'Sign in', next: safeNext(query.next), signedOut: query.signedOut === '1', expired: query.expired === '1', oidcEnabled: !!app.services.config.oidc });
  });

  app.post('/sign-in/oidc', { config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const oidc = app.services.config.oidc;
    if (!oidc) throw new AppError('NOT_FOUND', 'Council sign-in is not set up');
    return startOidcSignIn(oidc, request, reply, safeNext((request.body as Record<string, unknown> | undefined)?.next));
  });

  app.get('/sign-in/oidc/callback', { config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const oidc = app.services.config.oidc;
    if (!oidc) throw new AppError('NOT_FOUND', 'Council sign-in is not set up');
    try {
      const signedIn = await finishOidcSignIn(app.services.database.db, oidc, request, reply);
      reply.setCookie(SESSION_COOKIE, signedIn.token, sessionCookieOptions(request));
      return reply.redirect(safeNext(signedIn.next), 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN')) {
        return renderSignIn(request, reply, e.httpStatus, [{ field: 'username', message: e.userMessage }], '/', '', true);
      }
      throw e;
    }
  });

  app.post('/sign-in', { config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const parsed = signInForm.safeParse(request.body ?? {});
    const next = safeNext((request.body as Record<string, unknown> | undefined)?.next);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'username'), message: i.message }));
      return renderSignIn(request, reply, 400, errors, next);
    }
    try {
      const signedIn = await signInWithPassword(app.services.database.db, {
        username: parsed.data.username,
        password: parsed.data.password,
        ipAddress: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        route: 'POST /sign-in',
        requestId: request.id,
      });
      reply.setCookie(SESSION_COOKIE, signedIn.token, sessionCookieOptions(request));
      return reply.redirect(signedIn.mustChangePassword ? `/account/password?next=${encodeURIComponent(next)}` : next, 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'TOO_MANY_REQUESTS')) {
        return renderSignIn(request, reply, e.httpStatus, [{ field: 'username', message: e.userMessage }], next, parsed.data.username);
      }
      throw e;
    }
  });

  app.post('/sign-out', { config: { access: 'signedIn' } }, async (request, reply) => {
    const { ctx } = request;
    await revokeSession(app.services.database.db, ctx.user.sessionId, 'signed_out');
    await ctx.audit.event({ action: 'sign_out', detail: { sessionId: ctx.user.sessionId } });
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
    return reply.redirect('/sign-in?signedOut=1', 303);
  });

  app.get('/api/v1/me', { config: { access: 'signedIn' } }, async (request) => {
    const { id, username, displayName, roles } = request.ctx.user;
    return { id, username, displayName, roles };
  });

  app.get('/account/sessions', { config: { access: 'signedIn' } }, async (request, reply) => {
    const sessions = await listSessions(app.services.database.db, request.ctx.user.id);
    return reply.view('auth/views/sessions.njk', { title: 'Your sessions', sessions, currentSessionId: request.ctx.user.sessionId });
  });

  app.post('/account/sessions/:sessionId/revoke', { config: { access: 'signedIn' } }, async (request, reply) => {
    const { sessionId } = request.params as { sessionId: string };
    const { ctx } = request;
    const revoked = await revokeSession(app.services.database.db, sessionId, 'revoked_by_user', { userId: ctx.user.id });
    if (!revoked) throw new AppError('NOT_FOUND', 'There is no such active session', { internal: 'session not found or not the user’s' });
    await ctx.audit.event({ action: 'session_revoked', detail: { sessionId } });
    if (sessionId === ctx.user.sessionId) {
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
      return reply.redirect('/sign-in?signedOut=1', 303);
    }
    return reply.redirect('/account/sessions', 303);
  });
}

function renderSignIn(request: FastifyRequest, reply: FastifyReply, status: number, errors: FieldError[], next: string, username = '', oidcEnabled = !!request.server.services.config.oidc) {
  reply.status(status);
  const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return reply.view('auth/views/sign-in.njk', {
    title: 'Error: Sign in',
    next,
    username: typeof username === 'string' ? username.slice(0, 200) : '',
    errorList: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
    fieldErrors,
    oidcEnabled,
  });
}
