// Builds the web app and JSON API on one Fastify instance. `serve` listens; tests use inject().
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import nunjucks from 'nunjucks';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { AppError, isAppError } from '../errors.ts';
import { routes } from './routes.ts';
import { addTemplateFilters } from './template-filters.ts';
import { publicScope, registerRouteRules } from '../../access/route-rules.ts';
import { registerRequestHooks } from '../../auth/request-hooks.ts';
import { NO_RELATIONSHIP } from '../../access/context.ts';
import { rolesMayBreakGlass } from '../../access/roles.ts';

/** Requests a minute from one address to the JSON API; sign-in has its own, lower limit (auth/routes.ts). */
export const API_RATE_LIMIT_PER_MINUTE = 300;

const SRC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOVUK_DIST = path.dirname(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json'))) + '/govuk-frontend/dist';

export interface AppServices {
  database: Database;
  config: Config;
}

declare module 'fastify' {
  interface FastifyRequest {
    cspNonce: string;
  }
  interface FastifyInstance {
    services: AppServices;
  }
}

/** `true`: pino to stdout at LOG_LEVEL; a stream: pino to it (tests read what would be logged). */
export type LoggerOption = boolean | { stream: NodeJS.WritableStream; level?: string };

function loggerOptions(option: LoggerOption | undefined) {
  const on = option ?? process.env.NODE_ENV !== 'test';
  if (!on) return false;
  const base = { level: process.env.LOG_LEVEL ?? 'info', serializers: { req: logRequest } };
  return typeof on === 'object' ? { ...base, level: on.level ?? base.level, stream: on.stream } : base;
}

export async function buildApp(services: AppServices, options: { logger?: LoggerOption; rateLimits?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: 1_048_576,
    trustProxy: services.config.trustProxy ?? false,
  });
  app.decorate('services', services);
  app.decorateRequest('cspNonce', '');
  // Every route must declare its access rule (docs/security.md); checked when the app becomes ready.
  registerRouteRules(app);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.rateLimit === undefined) {
      route.config = { ...route.config, rateLimit: { max: API_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
    }
  });
  // Only tests that sweep every route switch rate limits off.
  if (options.rateLimits !== false) await app.register(rateLimit, { global: false });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 262_144 });
  await app.register(async (assets) => {
    publicScope(assets);
    await assets.register(fastifyStatic, { root: path.join(GOVUK_DIST, 'govuk/assets'), prefix: '/assets/', index: false, maxAge: '1d' });
    await assets.register(fastifyStatic, { root: path.join(GOVUK_DIST, 'govuk'), prefix: '/govuk/', decorateReply: false, index: false, allowedPath: (p) => /^\/govuk-frontend\.min\.(css|js)$/.test(p) });
    await assets.register(fastifyStatic, { root: path.join(SRC_DIR, 'platform/http/public'), prefix: '/public/', decorateReply: false, index: false });
  });

  await app.register(view, {
    engine: { nunjucks },
    templates: [SRC_DIR, GOVUK_DIST],
    options: { autoescape: true, onConfigure: configureTemplates },
  });

  app.addHook('onRequest', async (request) => {
    request.cspNonce = randomBytes(16).toString('base64');
  });
  // Session → request.ctx (user, access-scoped children, audit); access rule and CSRF before every handler.
  registerRequestHooks(app);
  // PostgreSQL cannot store a NUL character in text: refuse it here with a reason, not deep down with a 500.
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      throw new AppError('BAD_INPUT', 'The input contains a character that is not allowed (NUL)');
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    securityHeaders(request, reply);
    return payload;
  });

  app.setErrorHandler(async (error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler(async (request, reply) => handleError(new AppError('NOT_FOUND', 'Page not found'), request, reply));

  for (const register of routes) await register(app);
  return app;
}

function configureTemplates(env: nunjucks.Environment) {
  addTemplateFilters(env);
}

function logRequest(req: FastifyRequest) {
  // The route pattern, never the URL: query strings carry search terms and a mistyped path can carry a
  // name, and neither may reach the log (test/security/demo-council.int.test.ts greps for them).
  return { method: req.method, route: req.routeOptions?.url ?? '(no matching route)', id: req.id };
}

function securityHeaders(request: FastifyRequest, reply: FastifyReply) {
  reply.header(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self' 'nonce-${request.cspNonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; ` +
      `connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'`,
  );
  reply.header('X-Frame-Options', 'DENY');
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  if (!request.url.startsWith('/assets/') && !request.url.startsWith('/govuk/') && !request.url.startsWith('/public/')) {
    reply.header('Cache-Control', 'no-store');
  }
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/health' || !(request.headers.accept ?? '').includes('text/html');
}

async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  let appError: AppError;
  if (isAppError(error)) appError = error;
  else if (postgresInputError(error)) appError = postgresInputError(error)!;
  else if (statusOf(error) === 429) appError = new AppError('TOO_MANY_REQUESTS', 'Too many requests. Wait a minute and try again.');
  else if (isClientError(error)) appError = new AppError('BAD_INPUT', (error as Error).message);
  else {
    request.log.error({ err: { type: (error as Error)?.name, message: (error as Error)?.message, stack: (error as Error)?.stack } }, 'Unhandled error');
    appError = new AppError('INTERNAL', 'Sorry, there is a problem with the service. Try again later.');
  }
  if (appError.code === 'UNAUTHENTICATED' && !wantsJson(request) && request.method === 'GET') {
    const hadSession = Boolean(request.cookies?.tiller_session);
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}${hadSession ? '&expired=1' : ''}`, 303);
  }
  reply.status(appError.httpStatus);
  const breakGlassHref = noRelationshipWithChild(request, appError);
  if (breakGlassHref !== undefined && !wantsJson(request)) {
    return reply.view('access/views/no-access.njk', { title: 'No access', breakGlassHref, cspNonce: request.cspNonce });
  }
  if (wantsJson(request)) {
    return reply.send({ error: { code: appError.code, message: appError.userMessage, fields: appError.fieldErrors } });
  }
  return reply.view('platform/http/views/error.njk', { status: appError.httpStatus, error: appError, cspNonce: request.cspNonce });
}

/** For a child's record refused for want of a relationship: the break-glass link ('' when the role may not break glass). */
function noRelationshipWithChild(request: FastifyRequest, error: AppError): string | undefined {
  const childId = (request.params as Record<string, string> | undefined)?.childId;
  if (error.code !== 'FORBIDDEN' || !childId || !request.ctx?.signedIn || request.method !== 'GET') return undefined;
  if (error.message !== NO_RELATIONSHIP) return undefined;
  return rolesMayBreakGlass(request.ctx.user.roles) ? `/children/${encodeURIComponent(childId)}/break-glass` : '';
}

/** Input the database refused (a value too long, a constraint): the caller's fault, so a 4xx. SQLSTATE classes 22 and 23. */
function postgresInputError(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return undefined;
  if (code === '23505') return new AppError('CONFLICT', 'That record already exists', { internal: `database refused a duplicate (${code})` });
  return new AppError('BAD_INPUT', 'The input is not valid: a value is too long or not allowed here', { internal: `database refused the input (${code})` });
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: number })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Fastify's own 4xx errors (bad JSON, body too large, unsupported media type). */
function isClientError(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500;
}
