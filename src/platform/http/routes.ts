// Every feature's routes, registered in one list so that tests can enumerate them.
import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.ts';
import { homeRoutes } from '../../home/routes.ts';

export const routes: Array<(app: FastifyInstance) => Promise<void>> = [healthRoutes, homeRoutes];
