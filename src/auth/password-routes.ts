// The user's own password: the page (/account/password) and the API operation. A user who signed in with a
// temporary password is sent here first (request-hooks.ts) and may do nothing else until they have chosen one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, type FieldError } from '../platform/errors.ts';
import { apiRoute } from '../platform/http/api.ts';
import { parseInput } from '../platform/validation.ts';
import { changeOwnPassword } from './password-change.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';
import { safeNext } from './routes.ts';

const passwords = {
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1024, 'Password must be 1024 characters or fewer'),
  newPassword: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password').max(1024, 'Password must be 1024 characters or fewer'),
};
const pageForm = z
  .object({ ...passwords, confirmPassword: z.string({ error: 'Confirm your new password' }).max(1024, 'Password must be 1024 characters or fewer') })
  .refine((f) => f.confirmPassword === f.newPassword, { path: ['confirmPassword'], message: 'The new passwords do not match' });
const apiBody = z.object(passwords).strict();

export async function passwordRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  const render = (request: FastifyRequest, reply: FastifyReply, next: string, errors: FieldError[] = []) =>
    reply.view('auth/views/change-password.njk', {
      title: errors.length ? 'Error: Change your password' : 'Change your password',
      temporary: request.ctx.user.mustChangePassword === true,
      minLength: MIN_PASSWORD_LENGTH,
      next,
      errorList: errors.length ? errors.map((e) => ({ text: e.message, href: `#${e.field}` })) : undefined,
      fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
    });

  app.get('/account/password', { config: { access: 'signedIn' } }, async (request, reply) => render(request, reply, safeNext((request.query as Record<string, unknown>).next)));

  app.post('/account/password', { config: { access: 'signedIn', rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    try {
      const form = parseInput(pageForm, body);
      await change(request, form.currentPassword, form.newPassword);
      return reply.redirect(next, 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'BAD_INPUT' || e.code === 'TOO_MANY_REQUESTS')) {
        reply.status(e.httpStatus);
        return render(request, reply, next, e.fieldErrors.length ? e.fieldErrors : [{ field: 'currentPassword', message: e.userMessage }]);
      }
      throw e;
    }
  });

  apiRoute(app, { method: 'POST', path: '/account/password', summary: 'Change your own password (your other sessions end)', tag: 'Account', access: 'signedIn', body: apiBody }, async (request) => {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) throw new AppError('BAD_INPUT', 'The request body must be a JSON object');
    const input = parseInput(apiBody, request.body);
    return change(request, input.currentPassword, input.newPassword);
  });

  function change(request: FastifyRequest, currentPassword: string, newPassword: string) {
    const { user } = request.ctx;
    return changeOwnPassword(db(), request.ctx.audit, { userId: user.id, username: user.username, sessionId: user.sessionId, currentPassword, newPassword, ipAddress: request.ip });
  }
}
