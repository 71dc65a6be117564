// Break-glass pages: ask for emergency access to a child's record with a reason.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../platform/errors.ts';
import { AppError } from '../platform/errors.ts';
import { breakGlass, breakGlassAvailable, BREAK_GLASS_HOURS, MAX_REASON_LENGTH } from './break-glass.ts';

const form = z.object({ reason: z.string().max(MAX_REASON_LENGTH * 4).default('') });
const apiBody = z.object({ reason: z.string().max(MAX_REASON_LENGTH * 4) }).strict();

export async function accessRoutes(app: FastifyInstance) {
  app.get('/children/:childId/break-glass', { config: { access: 'signedIn' } }, async (request, reply) => {
    const { childId } = request.params as { childId: string };
    if ((await breakGlassAvailable(request.ctx, childId)) === 'alreadyVisible') return reply.redirect(`/children/${encodeURIComponent(childId)}`, 303);
    return reply.view('access/views/break-glass.njk', { title: 'Emergency access', childId, hours: BREAK_GLASS_HOURS });
  });

  app.post('/children/:childId/break-glass', { config: { access: 'signedIn' } }, async (request, reply) => {
    const { childId } = request.params as { childId: string };
    const parsed = form.safeParse(request.body ?? {});
    const reason = parsed.success ? parsed.data.reason : '';
    try {
      if (!parsed.success) await breakGlass(request.ctx, childId, ''); // reports the problem as a field error
      await breakGlass(request.ctx, childId, reason);
    } catch (e) {
      if (isAppError(e) && e.code === 'BAD_INPUT') {
        reply.status(400);
        return reply.view('access/views/break-glass.njk', {
          title: 'Error: Emergency access',
          childId,
          hours: BREAK_GLASS_HOURS,
          reason: reason.slice(0, MAX_REASON_LENGTH),
          errorList: e.fieldErrors.map((f) => ({ text: f.message, href: `#${f.field}` })),
          fieldErrors: Object.fromEntries(e.fieldErrors.map((f) => [f.field, f.message])),
        });
      }
      throw e;
    }
    return reply.redirect(`/children/${encodeURIComponent(childId)}`, 303);
  });

  app.post('/api/v1/children/:childId/break-glass', { config: { access: 'signedIn' } }, async (request, reply) => {
    const { childId } = request.params as { childId: string };
    const parsed = apiBody.safeParse(request.body);
    if (!parsed.success) throw new AppError('BAD_INPUT', 'Give the reason as {"reason": "…"}', { fieldErrors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'reason', message: i.message })) });
    const grant = await breakGlass(request.ctx, childId, parsed.data.reason);
    reply.status(201);
    return { childId, expiresAt: grant.expiresAt.toISOString() };
  });
}
