// CSRF protection for every form. Signed in: the session's own token (stored with the session).
// Not signed in (the sign-in form): a random token in a cookie, posted back in the form ("double submit").
// Every POST, PUT, PATCH and DELETE must carry the token as the `_csrf` field or an `X-CSRF-Token` header.
// The one exception is an API request authenticated by an `Authorization: Bearer` token, which a browser
// never attaches by itself, so another site cannot forge it (see docs/security.md).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

export const CSRF_COOKIE = 'tiller_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token this request's forms must carry; for a visitor not signed in, sets the cookie if it is missing. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, sessionCsrfToken: string | null): string {
  if (sessionCsrfToken) return sessionCsrfToken;
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
  return token;
}

/** Throws FORBIDDEN when an unsafe request lacks the right token. */
export function checkCsrf(request: FastifyRequest, expected: string, bearerAuthenticated: boolean): void {
  if (SAFE_METHODS.has(request.method) || bearerAuthenticated) return;
  const body = request.body as Record<string, unknown> | null | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  const header = request.headers[CSRF_HEADER];
  const sent = typeof fromBody === 'string' ? fromBody : typeof header === 'string' ? header : '';
  if (!sent || !sameToken(sent, expected)) {
    throw new AppError('FORBIDDEN', 'This form has expired or did not come from Tiller. Go back, reload the page and try again.', { internal: 'CSRF token missing or wrong' });
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
