// Every feature's routes, registered in one list so that tests can enumerate them.
import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.ts';
import { homeRoutes } from '../../home/routes.ts';
import { authRoutes } from '../../auth/routes.ts';
import { accessRoutes } from '../../access/routes.ts';
import { auditRoutes } from '../../audit/routes.ts';
import { adminRoutes } from '../../admin/routes.ts';
import { caseworkPages } from '../../casework/pages.ts';
import { caseworkForms } from '../../casework/forms.ts';
import { careForms } from '../../casework/care-forms.ts';
import { openApiRoutes } from './api.ts';
import { cinCensusRoutes } from '../../returns/cin-census/routes.ts';

export const routes: Array<(app: FastifyInstance) => Promise<void>> = [healthRoutes, authRoutes, homeRoutes, accessRoutes, auditRoutes, adminRoutes, caseworkPages, caseworkForms, careForms, openApiRoutes, cinCensusRoutes];
