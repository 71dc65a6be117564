// Administrators add accounts and change their roles on the web (the command line's `tiller user add` does
// the same). A new account with a Tiller password gets a temporary one, shown once, to change at first sign-in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, isAppError } from '../platform/errors.ts';
import type { FormField } from '../platform/http/case-form.ts';
import { formErrors } from '../platform/http/forms.ts';
import { parseInput } from '../platform/validation.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { ROLES, ROLE_LABELS, type Role } from '../access/roles.ts';
import { createUser, rolesOf } from '../auth/users.ts';
import { hashPassword } from '../auth/password.ts';
import { temporaryPassword } from '../auth/password-change.ts';
import { TEMPORARY_PASSWORD_DAYS } from '../auth/sign-in.ts';

const ACCESS = { can: 'manageUsers' } as const;
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] }));
const rolesField = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES, { error: 'Choose roles from the list' })).min(1, 'Choose at least one role').max(ROLES.length));

const NEW_USER_FIELDS: FormField[] = [
  { name: 'username', label: 'Username', type: 'text', hint: 'Letters, digits, dots, hyphens, underscores or @; for single sign-on, the name the council account signs in with (for example sam.jones@council.gov.uk)' },
  { name: 'displayName', label: 'Full name', type: 'text' },
  { name: 'email', label: 'Email address (optional)', type: 'text', hint: 'Used to link a council account at its first single sign-on' },
  { name: 'professionalId', label: 'Worker reference (optional)', type: 'text', classes: 'govuk-input--width-20', hint: 'The worker this account is: their allocations and team decide which children they see' },
  { name: 'roles', label: 'Roles', type: 'checkboxes', options: ROLE_OPTIONS },
  {
    name: 'signIn',
    label: 'How they sign in',
    type: 'radios',
    options: [
      { value: 'password', text: 'With a Tiller password (a temporary one is shown next, to change at first sign-in)' },
      { value: 'sso', text: 'With their council account only (single sign-on)' },
    ],
  },
];

const newUserForm = z.object({
  username: z.string({ error: 'Enter a username' }).trim().min(1, 'Enter a username').max(100, 'Username must be 100 characters or fewer'),
  displayName: z.string({ error: 'Enter their full name' }).trim().min(1, 'Enter their full name').max(200, 'Full name must be 200 characters or fewer'),
  email: z.string().trim().max(320, 'Email address must be 320 characters or fewer').optional().transform((v) => v || null).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Enter an email address like name@council.gov.uk'),
  professionalId: z.string().trim().max(36).optional().transform((v) => v || null).refine((v) => v === null || /^[A-Za-z0-9_-]{1,36}$/.test(v), 'Enter a worker reference of letters, digits, hyphens or underscores'),
  roles: rolesField,
  signIn: z.enum(['password', 'sso'], { error: 'Choose how they sign in' }),
});

const rolesForm = z.object({ roles: rolesField, version: z.coerce.number({ error: 'Reload the page and try again' }).int().positive().max(2_000_000_000) });

function userIdOf(request: FastifyRequest): string {
  const { userId } = request.params as { userId: string };
  if (!/^[A-Za-z0-9_-]{1,36}$/.test(userId)) throw new AppError('NOT_FOUND', 'There is no such user');
  return userId;
}

export async function userFormRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  const render = (reply: FastifyReply, view: { title: string; action: string; fields: FormField[]; intro?: string; warning?: string }, values: Record<string, unknown>, error?: AppError) =>
    reply.view('platform/http/views/form.njk', { ...view, caption: 'Users', backHref: '/admin/users', values, ...(error ? formErrors(error) : {}) });

  const newView = { title: 'Add a user', action: '/admin/users/new', fields: NEW_USER_FIELDS, submitText: 'Add user' };

  app.get('/admin/users/new', { config: { access: ACCESS } }, async (_request, reply) => render(reply, newView, { signIn: 'password' }));

  app.post('/admin/users/new', { config: { access: ACCESS } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const input = parseInput(newUserForm, body);
      if (input.professionalId) {
        const worker = await db().selectFrom('professional').select('id').where('id', '=', input.professionalId).executeTakeFirst();
        if (!worker) throw new AppError('BAD_INPUT', 'There is no worker with that reference', { fieldErrors: [{ field: 'professionalId', message: 'There is no worker with that reference' }] });
      }
      const password = input.signIn === 'password' ? temporaryPassword() : null;
      const passwordHash = password ? await hashPassword(password) : undefined;
      const user = await db().transaction().execute(async (trx) => {
        const created = await createUser(trx, { username: input.username, displayName: input.displayName, email: input.email, professionalId: input.professionalId, roles: input.roles, grantedBy: request.ctx.user.id, ...(passwordHash ? { passwordHash } : {}) });
        const after = await trx.updateTable('user_account').set({ must_change_password: password !== null }).where('id', '=', created.id).returning(['username', 'display_name', 'email', 'professional_id', 'must_change_password', 'version']).executeTakeFirstOrThrow();
        await request.ctx.audit.write(trx, { action: 'create', entityType: 'user_account', entityId: created.id, personId: null, before: null, after: { ...after, roles: created.roles }, what: 'user added by an administrator' });
        return created;
      });
      if (!password) return reply.redirect('/admin/users', 303);
      return reply.view('admin/views/password-reset.njk', { title: 'User added', heading: 'User added', username: user.username, temporaryPassword: password, sessionsEnded: null, days: TEMPORARY_PASSWORD_DAYS });
    } catch (e) {
      if (isAppError(e) && (e.code === 'BAD_INPUT' || e.code === 'CONFLICT')) {
        reply.status(e.httpStatus);
        return render(reply, newView, body, e);
      }
      throw e;
    }
  });

  const rolesView = (username: string, userId: string) => ({
    title: `Roles of ${username}`,
    action: `/admin/users/${userId}/roles`,
    fields: [{ name: 'roles', label: 'Roles', type: 'checkboxes', options: ROLE_OPTIONS }, { name: 'version', label: 'Version', type: 'hidden' }] as FormField[],
    intro: 'What the account may do; which children it sees also depends on the worker it is linked to. ' + (app.services.config.oidc?.rolesClaim ? 'Single sign-on sets the roles of accounts that use it at every sign-on, so change those at the council’s identity provider.' : ''),
    submitText: 'Save roles',
  });

  async function account(userId: string) {
    const user = await db().selectFrom('user_account').select(['id', 'username', 'version']).where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', 'There is no such user');
    return user;
  }

  app.get('/admin/users/:userId/roles', { config: { access: ACCESS } }, async (request, reply) => {
    const user = await account(userIdOf(request));
    return render(reply, rolesView(user.username, user.id), { roles: await rolesOf(db(), user.id), version: String(user.version) });
  });

  app.post('/admin/users/:userId/roles', { config: { access: ACCESS } }, async (request, reply) => {
    const user = await account(userIdOf(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const input = parseInput(rolesForm, body);
      if (user.id === request.ctx.user.id && !input.roles.includes('administrator')) {
        throw new AppError('BAD_INPUT', 'You cannot remove your own administrator role', { fieldErrors: [{ field: 'roles', message: 'You cannot remove your own administrator role: ask another administrator' }] });
      }
      await db().transaction().execute(async (trx) => {
        // The account's version covers its roles: two administrators editing them from the same version cannot both win.
        const { before, after } = await updateWithVersion(trx, 'user_account', user.id, input.version, {});
        const current = await rolesOf(trx, user.id);
        const wanted = ROLES.filter((r) => input.roles.includes(r));
        const add = wanted.filter((r) => !current.includes(r));
        const remove = current.filter((r) => !wanted.includes(r));
        if (add.length) await trx.insertInto('user_role').values(add.map((role: Role) => ({ id: randomUUID(), user_id: user.id, role, granted_by: request.ctx.user.id }))).execute();
        if (remove.length) await trx.updateTable('user_role').set({ deleted_at: sql<Date>`now()` }).where('user_id', '=', user.id).where('role', 'in', remove).where('deleted_at', 'is', null).execute();
        await request.ctx.audit.write(trx, { action: 'update', entityType: 'user_account', entityId: user.id, personId: null, before: { roles: current, version: before.version }, after: { roles: wanted, version: after.version }, what: 'roles changed by an administrator' });
      });
      return reply.redirect('/admin/users', 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'BAD_INPUT' || e.code === 'CONFLICT')) {
        reply.status(e.httpStatus);
        const version = e.code === 'CONFLICT' ? (await account(user.id)).version : body.version;
        return render(reply, { ...rolesView(user.username, user.id), ...(e.code === 'CONFLICT' ? { warning: e.userMessage } : {}) }, { roles: body.roles, version: String(version ?? '') }, e);
      }
      throw e;
    }
  });
}
