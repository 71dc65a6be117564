// Every feature's routes, registered in one list so that tests can enumerate them.
import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.ts';
import { homeRoutes } from '../../home/routes.ts';
import { authRoutes } from '../../auth/routes.ts';
import { accessRoutes } from '../../access/routes.ts';
import { auditRoutes } from '../../audit/routes.ts';
import { adminRoutes } from '../../admin/routes.ts';
import { settingsRoutes } from '../../admin/settings-routes.ts';
import { caseworkPages } from '../../casework/pages.ts';
import { caseworkForms } from '../../casework/forms.ts';
import { careForms } from '../../casework/care-forms.ts';
import { careRoutes } from '../../care/routes.ts';
import { openApiRoutes } from './api.ts';
import { cinCensusRoutes } from '../../returns/cin-census/routes.ts';
import { ssda903Routes } from '../../returns/ssda903/routes.ts';
import { dashboardRoutes } from '../../dashboards/routes.ts';
import { annexARoutes } from '../../returns/annex-a/routes.ts';
import { dfeApiRoutes } from '../../returns/dfe-api/routes.ts';
import { qualityAssuranceRoutes } from '../../quality-assurance/routes.ts';
import { adopterRoutes } from '../../adopters/routes.ts';

export const routes: Array<(app: FastifyInstance) => Promise<void>> = [healthRoutes, authRoutes, homeRoutes, accessRoutes, auditRoutes, adminRoutes, settingsRoutes, caseworkPages, caseworkForms, careForms, careRoutes, openApiRoutes, cinCensusRoutes, ssda903Routes, annexARoutes, dfeApiRoutes, dashboardRoutes, qualityAssuranceRoutes, adopterRoutes];
