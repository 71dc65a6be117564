// Quality assurance: case file audits, the improvement plan and inspection history (issue 6, items 5–7).
import type { FastifyInstance } from 'fastify';
import { caseFileAuditRoutes } from '../case-file-audits/routes.ts';
import { improvementRoutes } from '../improvement/routes.ts';
import { inspectionRoutes } from '../inspections/routes.ts';

export async function qualityAssuranceRoutes(app: FastifyInstance) {
  await caseFileAuditRoutes(app);
  await improvementRoutes(app);
  await inspectionRoutes(app);
}
