import type { FastifyInstance } from 'fastify';
import { journeyCounts } from './journey-counts.ts';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signedIn' } }, async (request, reply) => {
    const asOf = new Date().toISOString().slice(0, 10);
    const counts = await journeyCounts(app.services.database.db, asOf);
    return reply.view('home/home.njk', { title: 'Home', counts, cspNonce: request.cspNonce });
  });
}
