// Annex A for a performance officer: each list's period, scope and row count as at a date, and the
// workbook to download for inspectors (audited as an export). The page names no child.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../access/roles.ts';
import { isIsoDate, todayInEngland } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import { makeAnnexA, makeAnnexAWorkbook } from './annex-a-return.ts';

export const ANNEX_A_ROLES = ['performance_analyst', 'service_manager', 'team_manager', 'quality_auditor'] as const satisfies readonly Role[];

const query = z.object({ asOf: z.string().optional() });

function readAsOf(request: FastifyRequest): string {
  const parsed = query.safeParse(request.query ?? {});
  const asOf = parsed.success ? parsed.data.asOf : undefined;
  if (asOf === undefined || asOf === '') return todayInEngland();
  if (!isIsoDate(asOf)) throw new AppError('BAD_INPUT', 'Enter the as-of date as a real date, for example 2026-03-31');
  return asOf;
}

export async function annexARoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/returns/annex-a', { config: { access: { roles: ANNEX_A_ROLES } } }, async (request, reply) => {
    const asOf = readAsOf(request);
    const { annexA } = await makeAnnexA(db(), asOf);
    const children = new Set(annexA.lists.flatMap((l) => l.rows.map((r) => r[0])));
    return reply.view('returns/annex-a/views/annex-a.njk', {
      title: 'Ofsted Annex A',
      asOf,
      lists: annexA.lists.map((l) => ({ sheet: l.sheet, title: l.title, periodStart: l.periodStart, periodEnd: l.periodEnd, scope: l.scope, rows: l.rows.length })),
      children: children.size,
      downloadHref: `/returns/annex-a/download?asOf=${asOf}`,
    });
  });

  app.get('/returns/annex-a/download', { config: { access: { roles: ANNEX_A_ROLES } } }, async (request, reply) => {
    const asOf = readAsOf(request);
    const { annexA, workbook } = await makeAnnexAWorkbook(db(), asOf);
    await request.ctx.audit.export('Ofsted Annex A', {
      detail: { asOf, rows: Object.fromEntries(annexA.lists.map((l) => [l.sheet, l.rows.length])) },
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="annex-a-${asOf}.xlsx"`)
      .send(workbook);
  });
}
