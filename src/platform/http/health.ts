import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', { config: { access: 'public' } }, async (_request, reply) => {
    const { database } = app.services;
    try {
      const r = await sql<{ migrations: number }>`select count(*)::int as migrations from kysely_migration`.execute(database.db);
      return { status: 'ok', database: { kind: database.kind, reachable: true, migrations: r.rows[0]?.migrations ?? 0 } };
    } catch {
      reply.status(503);
      return { status: 'unavailable', database: { kind: database.kind, reachable: false } };
    }
  });
}
