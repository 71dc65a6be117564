// Builds the web app and JSON API on one Fastify instance. `serve` listens; tests use inject().
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import nunjucks from 'nunjucks';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { AppError, isAppError } from '../errors.ts';
import { routes } from './routes.ts';

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

export async function buildApp(services: AppServices, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: (options.logger ?? process.env.NODE_ENV !== 'test') ? { level: process.env.LOG_LEVEL ?? 'info', serializers: { req: logRequest } } : false,
    bodyLimit: 1_048_576,
  });
  app.decorate('services', services);
  app.decorateRequest('cspNonce', '');

  await app.register(formbody, { bodyLimit: 262_144 });
  await app.register(fastifyStatic, { root: path.join(GOVUK_DIST, 'govuk/assets'), prefix: '/assets/', index: false, maxAge: '1d' });
  await app.register(fastifyStatic, { root: path.join(GOVUK_DIST, 'govuk'), prefix: '/govuk/', decorateReply: false, index: false, allowedPath: (p) => /^\/govuk-frontend\.min\.(css|js)$/.test(p) });
  await app.register(fastifyStatic, { root: path.join(SRC_DIR, 'platform/http/public'), prefix: '/public/', decorateReply: false, index: false });

  await app.register(view, {
    engine: { nunjucks },
    templates: [SRC_DIR, GOVUK_DIST],
    options: { autoescape: true, onConfigure: configureTemplates },
  });

  app.addHook('onRequest', async (request) => {
    request.cspNonce = randomBytes(16).toString('base64');
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
  env.addFilter('number', (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : String(n ?? '')));
}

function logRequest(req: FastifyRequest) {
  // Paths only: query strings may carry search terms (names), which must never reach the log.
  return { method: req.method, path: req.url.split('?')[0], id: req.id };
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
  else if (isClientError(error)) appError = new AppError('BAD_INPUT', (error as Error).message);
  else {
    request.log.error({ err: { type: (error as Error)?.name, message: (error as Error)?.message, stack: (error as Error)?.stack } }, 'Unhandled error');
    appError = new AppError('INTERNAL', 'Sorry, there is a problem with the service. Try again later.');
  }
  reply.status(appError.httpStatus);
  if (wantsJson(request)) {
    return reply.send({ error: { code: appError.code, message: appError.userMessage, fields: appError.fieldErrors } });
  }
  return reply.view('platform/http/views/error.njk', { status: appError.httpStatus, error: appError, cspNonce: request.cspNonce });
}

/** Fastify's own 4xx errors (bad JSON, body too large, unsupported media type). */
function isClientError(error: unknown): boolean {
  const status = (error as { statusCode?: number })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
