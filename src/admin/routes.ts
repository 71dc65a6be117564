// User administration for administrators: list accounts, disable or enable one, reset its password, end its
// sessions (adding accounts and changing roles: user-forms.ts).
// Administrators manage users and settings; they have no access to children's records (roles.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { revokeAllSessions } from '../auth/sessions.ts';
import { ROLE_LABELS, isRole } from '../access/roles.ts';
import { resetPasswordByAdministrator } from '../auth/password-change.ts';
import { TEMPORARY_PASSWORD_DAYS } from '../auth/sign-in.ts';
import { userFormRoutes } from './user-forms.ts';

const versionForm = z.object({ version: z.coerce.number().int().positive().max(2_000_000_000) });

function userIdOf(request: FastifyRequest): string {
  const { userId } = request.params as { userId: string };
  if (!/^[A-Za-z0-9_-]{1,36}$/.test(userId)) throw new AppError('NOT_FOUND', 'There is no such user');
  return userId;
}

function parseVersion(body: unknown): number {
  const parsed = versionForm.safeParse(body ?? {});
  if (!parsed.success) throw new AppError('BAD_INPUT', 'The form is missing its version; reload the page and try again', { fieldErrors: [{ field: 'version', message: 'Reload the page and try again' }] });
  return parsed.data.version;
}

export async function adminRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;
  await userFormRoutes(app);

  app.get('/admin/users', { config: { access: { can: 'manageUsers' } } }, async (request, reply) => {
    const users = await db()
      .selectFrom('user_account as u')
      .select([
        'u.id', 'u.username', 'u.display_name', 'u.disabled_at', 'u.last_sign_in_at', 'u.version', 'u.oidc_issuer', 'u.must_change_password',
        sql<boolean>`u.password_hash is not null`.as('has_password'),
        sql<string[]>`array(select r.role from user_role r where r.user_id = u.id and r.deleted_at is null order by r.role)`.as('roles'),
        sql<number>`(select count(*) from user_session s where s.user_id = u.id and s.revoked_at is null and s.expires_at > now())::int`.as('sessions'),
      ])
      .where('u.deleted_at', 'is', null)
      .orderBy('u.username')
      .execute();
    const rows = users.map((u) => ({ ...u, roleLabels: u.roles.filter(isRole).map((r) => ROLE_LABELS[r]) }));
    return reply.view('admin/views/users.njk', { title: 'Users', users: rows });
  });

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/users/:userId/${action}`, { config: { access: { can: 'manageUsers' } } }, async (request, reply) => {
      const userId = userIdOf(request);
      if (disabled && userId === request.ctx.user.id) throw new AppError('BAD_INPUT', 'You cannot disable your own account');
      const version = parseVersion(request.body);
      await db().transaction().execute(async (trx) => {
        const { before, after } = await updateWithVersion(trx, 'user_account', userId, version, { disabled_at: disabled ? new Date() : null });
        if (disabled) await revokeAllSessions(trx, userId, 'account_disabled');
        await request.ctx.audit.write(trx, { action: 'update', entityType: 'user_account', entityId: userId, personId: null, before: { disabled_at: before.disabled_at, version: before.version }, after: { disabled_at: after.disabled_at, version: after.version }, what: `user ${action}d` });
      });
      return reply.redirect('/admin/users', 303);
    });
  }

  app.post('/admin/users/:userId/reset-password', { config: { access: { can: 'manageUsers' } } }, async (request, reply) => {
    const userId = userIdOf(request);
    if (userId === request.ctx.user.id) throw new AppError('BAD_INPUT', 'Change your own password from Your sessions, not by a reset');
    const version = parseVersion(request.body);
    const reset = await db().transaction().execute((trx) => resetPasswordByAdministrator(trx, request.ctx.audit, userId, version));
    return reply.view('admin/views/password-reset.njk', { title: 'Password reset', username: reset.username, temporaryPassword: reset.temporaryPassword, sessionsEnded: reset.sessionsEnded, days: TEMPORARY_PASSWORD_DAYS });
  });

  app.post('/admin/users/:userId/sessions/revoke', { config: { access: { can: 'manageUsers' } } }, async (request, reply) => {
    const userId = userIdOf(request);
    const exists = await db().selectFrom('user_account').select('id').where('id', '=', userId).executeTakeFirst();
    if (!exists) throw new AppError('NOT_FOUND', 'There is no such user');
    const n = await revokeAllSessions(db(), userId, 'revoked_by_admin');
    await request.ctx.audit.event({ action: 'user_admin', entityType: 'user_account', entityId: userId, detail: { sessionsRevoked: n } });
    return reply.redirect('/admin/users', 303);
  });
}
