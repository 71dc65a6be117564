import { randomUUID } from 'node:crypto';
import type { Command } from '../cli/command.ts';
import { choiceOption, intOption } from '../cli/args.ts';
import { AppError } from '../platform/errors.ts';
import { isRole, ROLES, type Role } from '../access/roles.ts';

const RESTRICTION_REASONS = ['staff_relative', 'high_profile', 'adoption_sealed', 'other'] as const;
const CLI_ACTOR = (route: string) => ({ userId: null, username: 'tiller-cli', roles: [], ipAddress: null, requestId: null, route });

/** What these commands need beyond parsing, loaded when one runs: `tiller` loads only the command it runs. */
async function load() {
  const [{ openDatabase }, users, sessions, { recordAudit }, { updateWithVersion }] = await Promise.all([
    import('../platform/db/open.ts'),
    import('./users.ts'),
    import('./sessions.ts'),
    import('../audit/audit.ts'),
    import('../platform/db/update-with-version.ts'),
  ]);
  return { openDatabase, ...users, ...sessions, recordAudit, updateWithVersion };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export const userAddCommand: Command = {
  name: 'user add',
  summary: 'create a user account with one or more roles (password read from standard input)',
  usage: 'user add --username NAME --name "Display Name" --roles ROLE[,ROLE] [--professional ID] [--email ADDRESS] [--sso-only]',
  options: { username: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, professional: { type: 'string' }, email: { type: 'string' }, 'sso-only': { type: 'boolean' } },
  async run({ config, values, out }) {
    const { openDatabase, createUser, recordAudit } = await load();
    const username = typeof values.username === 'string' ? values.username : '';
    const displayName = typeof values.name === 'string' ? values.name : '';
    if (!username || !displayName) throw new AppError('BAD_INPUT', '--username and --name are required');
    const roles = String(values.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const unknown = roles.filter((r) => !isRole(r));
    if (roles.length === 0 || unknown.length) throw new AppError('BAD_INPUT', `--roles must name one or more of ${ROLES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
    const password = values['sso-only'] ? undefined : await readStdin();
    if (password === '') throw new AppError('BAD_INPUT', 'give the password on standard input (or --sso-only for a single-sign-on account)');
    const database = await openDatabase(config);
    try {
      const user = await createUser(database.db, {
        username,
        displayName,
        roles: roles as Role[],
        professionalId: typeof values.professional === 'string' ? values.professional : null,
        email: typeof values.email === 'string' ? values.email : null,
        ...(password !== undefined ? { password } : {}),
      });
      await recordAudit(database.db, CLI_ACTOR('cli user add'), { action: 'user_admin', entityType: 'user_account', entityId: user.id, detail: { created: user.username, roles: user.roles } });
      out(`Created user ${user.username} (${user.roles.join(', ')}).`);
    } finally {
      await database.close();
    }
  },
};

export const userTokenCommand: Command = {
  name: 'user token',
  summary: 'issue an API token for a user (Authorization: Bearer …); printed once',
  usage: 'user token --username NAME [--days 30]',
  options: { username: { type: 'string' }, days: { type: 'string' } },
  async run({ config, values, out }) {
    const { openDatabase, normaliseUsername, API_TOKEN_MAX_DAYS, createApiToken, recordAudit } = await load();
    const username = typeof values.username === 'string' ? normaliseUsername(values.username) : '';
    if (!username) throw new AppError('BAD_INPUT', '--username is required');
    const days = intOption(values.days, 'days', 30, { min: 1, max: API_TOKEN_MAX_DAYS });
    const database = await openDatabase(config);
    try {
      const user = await database.db.selectFrom('user_account').select('id').where('username', '=', username).where('deleted_at', 'is', null).where('disabled_at', 'is', null).executeTakeFirst();
      if (!user) throw new AppError('NOT_FOUND', `there is no enabled user ${username}`);
      const { token, sessionId } = await createApiToken(database.db, { userId: user.id, days });
      await recordAudit(database.db, CLI_ACTOR('cli user token'), { action: 'user_admin', entityType: 'user_session', entityId: sessionId, detail: { apiTokenFor: username, days } });
      out(token);
    } finally {
      await database.close();
    }
  },
};

export const restrictCommand: Command = {
  name: 'record restrict',
  summary: 'restrict a person’s record to named users (staff relative, high profile, adoption sealed)',
  usage: 'record restrict --person ID --reason staff_relative|high_profile|adoption_sealed|other --users NAME[,NAME]',
  options: { person: { type: 'string' }, reason: { type: 'string' }, users: { type: 'string' } },
  async run({ config, values, out }) {
    const { openDatabase, normaliseUsername, recordAudit, updateWithVersion } = await load();
    const personId = typeof values.person === 'string' ? values.person : '';
    const reason = choiceOption(values.reason, 'reason', RESTRICTION_REASONS, 'other');
    const usernames = String(values.users ?? '').split(',').map((u) => normaliseUsername(u)).filter(Boolean);
    if (!personId || usernames.length === 0) throw new AppError('BAD_INPUT', '--person and --users are required: a restricted record must have at least one named user');
    const database = await openDatabase(config);
    try {
      await database.db.transaction().execute(async (trx) => {
        const person = await trx.selectFrom('person').select(['id', 'version']).where('id', '=', personId).executeTakeFirst();
        if (!person) throw new AppError('NOT_FOUND', `there is no person ${personId}`);
        const users = await trx.selectFrom('user_account').select(['id', 'username']).where('username', 'in', usernames).execute();
        const unknown = usernames.filter((u) => !users.some((x) => x.username === u));
        if (unknown.length) throw new AppError('BAD_INPUT', `unknown users: ${unknown.join(', ')}`);
        const { before, after } = await updateWithVersion(trx, 'person', personId, person.version, { restricted: true, restriction_reason: reason });
        const named = await trx.selectFrom('restricted_record_access').select('user_id').where('person_id', '=', personId).where('deleted_at', 'is', null).execute();
        const fresh = users.filter((u) => !named.some((n) => n.user_id === u.id));
        if (fresh.length) await trx.insertInto('restricted_record_access').values(fresh.map((u) => ({ id: randomUUID(), person_id: personId, user_id: u.id }))).execute();
        await recordAudit(trx, CLI_ACTOR('cli record restrict'), {
          action: 'update', personId, entityType: 'person', entityId: personId, entityVersion: after.version, what: 'restriction',
          diff: { restricted: { before: before.restricted, after: true }, restriction_reason: { before: before.restriction_reason, after: reason } }, detail: { namedUsers: users.map((u) => u.username) },
        });
      });
      out(`Restricted ${personId} (${reason}); visible only to ${usernames.join(', ')}.`);
    } finally {
      await database.close();
    }
  },
};
