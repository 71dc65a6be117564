// The data protection officer's pages: who has seen a child's record, break-glass report, subject access export.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { breakGlassReport } from '../access/break-glass.ts';
import { AppError } from '../platform/errors.ts';
import { buildSubjectAccessExport } from './subject-access.ts';
import { summariseByUser, whoHasSeen } from './who-has-seen.ts';

const ID = /^[A-Za-z0-9_-]{1,36}$/;
const lookup = z.object({ childId: z.string().trim().regex(ID, 'Enter a reference of up to 36 letters, digits, hyphens or underscores').optional() });

export async function auditRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/audit', { config: { access: { can: 'viewAudit' } } }, async (request, reply) => {
    const parsed = lookup.safeParse(request.query ?? {});
    if (parsed.success && parsed.data.childId) return reply.redirect(`/audit/children/${encodeURIComponent(parsed.data.childId)}`, 303);
    if (!parsed.success) reply.status(400);
    const error = parsed.success ? undefined : parsed.error.issues[0]?.message;
    return reply.view('audit/views/audit-home.njk', { title: error ? 'Error: Audit' : 'Audit', error });
  });

  app.get('/audit/children/:childId', { config: { access: { can: 'viewAudit' } } }, async (request, reply) => {
    const { childId } = request.params as { childId: string };
    if (!ID.test(childId)) throw new AppError('BAD_INPUT', 'That is not a valid reference');
    const person = await db().selectFrom('person').select(['id', 'forename', 'surname', 'restricted', 'restriction_reason']).where('id', '=', childId).executeTakeFirst();
    if (!person) throw new AppError('NOT_FOUND', 'There is no person with that reference');
    await request.ctx.audit.read(childId, 'who has seen');
    const events = await whoHasSeen(db(), childId);
    return reply.view('audit/views/who-has-seen.njk', { title: 'Who has seen this record', person, events, summary: summariseByUser(events) });
  });

  app.get('/audit/children/:childId/subject-access.zip', { config: { access: { can: 'subjectAccessExport' } } }, async (request, reply) => {
    const { childId } = request.params as { childId: string };
    if (!ID.test(childId)) throw new AppError('BAD_INPUT', 'That is not a valid reference');
    const sar = await buildSubjectAccessExport(db(), childId, request.ctx.user.username);
    await request.ctx.audit.export('subject access', { personId: childId, detail: { tables: sar.tables } });
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${sar.fileName}"`).send(Buffer.from(sar.zip));
  });

  app.get('/audit/break-glass', { config: { access: { can: 'viewAudit' } } }, async (request, reply) => {
    const since = new Date(Date.now() - 90 * 24 * 3600_000);
    const rows = await breakGlassReport(request.ctx, since);
    return reply.view('audit/views/break-glass-report.njk', { title: 'Emergency access report', rows, since });
  });
}
