// The DfE CSC API for a performance officer: every request sent to the DfE and its response (batch,
// children, status, summary, time), and where each child stands. Ids and counts only, never a name.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Role } from '../../access/roles.ts';
import { AppError } from '../../platform/errors.ts';

const ROLES = ['performance_analyst', 'service_manager', 'quality_auditor'] as const satisfies readonly Role[];
const PAGE = 50;

const query = z.object({ page: z.string().regex(/^\d{1,6}$/).optional() });

export async function dfeApiRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/returns/dfe-api', { config: { access: { roles: ROLES } } }, async (request, reply) => {
    const parsed = query.safeParse(request.query ?? {});
    if (!parsed.success) throw new AppError('BAD_INPUT', 'That is not a page number');
    const page = Math.max(1, Number(parsed.data.page ?? '1'));
    const [{ total }] = (await sql<{ total: number }>`select count(*)::int as total from dfe_api_submission where deleted_at is null`.execute(db())).rows as [{ total: number }];
    const rows = await db()
      .selectFrom('dfe_api_submission')
      .select(['run_id', 'batch', 'attempt', 'children', 'purges', 'status_code', 'outcome', 'failing_indexes', 'response_summary', 'sent_at', 'duration_ms'])
      .where('deleted_at', 'is', null)
      .orderBy('sent_at', 'desc')
      .orderBy('run_id')
      .orderBy('batch', 'desc')
      .orderBy('attempt', 'desc')
      .limit(PAGE)
      .offset((page - 1) * PAGE)
      .execute();
    const states = (
      await sql<{ status: string | null; purged: boolean; n: number }>`
        select last_status as status, purged, count(*)::int as n from dfe_api_child_state where deleted_at is null group by 1, 2`.execute(db())
    ).rows;
    const count = (f: (s: { status: string | null; purged: boolean }) => boolean) => states.filter(f).reduce((n, s) => n + s.n, 0);
    return reply.view('returns/dfe-api/views/dfe-api.njk', {
      title: 'DfE children’s social care API',
      submissions: rows.map((r) => ({ ...r, run: r.run_id.slice(0, 8), failing: r.failing_indexes.join(', ') })),
      total,
      page,
      pages: Math.max(1, Math.ceil(total / PAGE)),
      held: count((s) => s.status === 'accepted' && !s.purged),
      purged: count((s) => s.purged),
      notAccepted: count((s) => s.status === 'rejected' || s.status === 'failed'),
    });
  });
}
