// The JSON API under /api/v1: each operation is registered once, with its access rule and its input schema
// (the same zod schema its use case validates with), and the OpenAPI document is generated from the list.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccessRule } from '../../access/route-rules.ts';

export const API_PREFIX = '/api/v1';

export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify-style path under /api/v1, e.g. `/children/:childId/visits`. */
  path: string;
  summary: string;
  tag: string;
  access: AccessRule;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Status of a successful answer (200, or 201 for a creation). */
  status?: number;
  auditWhat?: string;
}

// Route registrars receive the root instance (src/platform/http/routes.ts), so one list per server.
const operations = new WeakMap<FastifyInstance, ApiOperation[]>();

export function apiRoute(app: FastifyInstance, op: ApiOperation, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>): void {
  const list = operations.get(app) ?? [];
  list.push(op);
  operations.set(app, list);
  app.route({
    method: op.method,
    url: API_PREFIX + op.path,
    config: { access: op.access, ...(op.auditWhat ? { auditWhat: op.auditWhat } : {}) },
    handler: async (request, reply) => {
      const result = await handler(request, reply);
      if (op.status) reply.status(op.status);
      return result;
    },
  });
}

export function apiOperations(app: FastifyInstance): readonly ApiOperation[] {
  return operations.get(app) ?? [];
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: ['BAD_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'DATABASE_UNAVAILABLE', 'INTERNAL'] },
        message: { type: 'string' },
        fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
      },
      required: ['code', 'message'],
    },
  },
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** OpenAPI 3.1 for every registered operation. */
export function openApiDocument(app: FastifyInstance): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of apiOperations(app)) {
    const openApiPath = API_PREFIX + op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,36}$' } }));
    const query = op.query ? Object.entries((jsonSchema(op.query).properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'query', schema })) : [];
    paths[openApiPath] ??= {};
    paths[openApiPath]![op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      'x-access': op.access,
      parameters: [...params, ...query],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } },
        '400': { description: 'Bad input: the reason, with a message per field', content: { 'application/json': { schema: errorSchema } } },
        '401': { description: 'Not signed in', content: { 'application/json': { schema: errorSchema } } },
        '403': { description: 'No access', content: { 'application/json': { schema: errorSchema } } },
        '404': { description: 'Not found', content: { 'application/json': { schema: errorSchema } } },
        '409': { description: 'Conflict: the record changed since the version you sent, or the step is not possible now', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tiller API', version: '1', description: "Children's social care case management: the same use cases as the web pages. Dates are YYYY-MM-DD." },
    servers: [{ url: '/' }],
    paths,
  };
}

export async function openApiRoutes(app: FastifyInstance) {
  app.get(`${API_PREFIX}/openapi.json`, { config: { access: 'public' } }, async () => openApiDocument(app));
}
