// User accounts and their roles.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { isRole, type Role } from '../access/roles.ts';
import { hashPassword, passwordProblem } from './password.ts';

/** The signed-in user as every request sees it (`request.ctx.user`). */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  /** The worker this account is; relationships (allocations, teams) come from it. */
  professionalId: string | null;
  roles: Role[];
  /** The browser session this request came with. */
  sessionId: string;
  /** Signed in with a temporary password: may do nothing but choose their own (request-hooks.ts). */
  mustChangePassword?: boolean;
}

export type UserSummary = Omit<SignedInUser, 'sessionId'>;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** An enabled account with its roles, or undefined. */
export async function findUser(db: Db, userId: string): Promise<UserSummary | undefined> {
  const u = await db
    .selectFrom('user_account')
    .select(['id', 'username', 'display_name', 'professional_id', 'must_change_password'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!u) return undefined;
  return { id: u.id, username: u.username, displayName: u.display_name, professionalId: u.professional_id, roles: await rolesOf(db, u.id), ...(u.must_change_password ? { mustChangePassword: true } : {}) };
}

export async function rolesOf(db: Db, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_role').select('role').where('user_id', '=', userId).where('deleted_at', 'is', null).orderBy('role').execute();
  return rows.map((r) => r.role).filter(isRole);
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  professionalId?: string | null;
  email?: string | null;
  /** Omit (with passwordHash) for a single-sign-on-only account. */
  password?: string;
  /** An argon2id hash already made (demo accounts share one); the rules were checked when it was made. */
  passwordHash?: string;
  oidc?: { issuer: string; subject: string };
  grantedBy?: string | null;
}

/** Creates an account and its roles. Refuses a password that breaks the rules, and a username in use. */
export async function createUser(db: Db, user: NewUser): Promise<UserSummary> {
  const username = normaliseUsername(user.username);
  if (!/^[a-z0-9][a-z0-9._@-]{1,99}$/.test(username)) {
    throw new AppError('BAD_INPUT', 'Username must be 2 to 100 letters, digits, dots, hyphens, underscores or @', { fieldErrors: [{ field: 'username', message: 'Enter a valid username' }] });
  }
  if (user.roles.length === 0) throw new AppError('BAD_INPUT', 'A user needs at least one role', { fieldErrors: [{ field: 'roles', message: 'Choose at least one role' }] });
  let passwordHash: string | null = user.passwordHash ?? null;
  if (user.password !== undefined) {
    const problem = passwordProblem(user.password, { username });
    if (problem) throw new AppError('BAD_INPUT', problem, { fieldErrors: [{ field: 'password', message: problem }] });
    passwordHash = await hashPassword(user.password);
  }
  const taken = await db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', `The username ${username} is already in use`, { fieldErrors: [{ field: 'username', message: 'Username is already in use' }] });
  const id = randomUUID();
  await db
    .insertInto('user_account')
    .values({
      id,
      username,
      display_name: user.displayName,
      email: user.email ?? null,
      professional_id: user.professionalId ?? null,
      password_hash: passwordHash,
      password_changed_at: passwordHash ? new Date() : null,
      oidc_issuer: user.oidc?.issuer ?? null,
      oidc_subject: user.oidc?.subject ?? null,
    })
    .execute();
  await db
    .insertInto('user_role')
    .values([...new Set(user.roles)].map((role) => ({ id: randomUUID(), user_id: id, role, granted_by: user.grantedBy ?? null })))
    .execute();
  return { id, username, displayName: user.displayName, professionalId: user.professionalId ?? null, roles: [...new Set(user.roles)].sort() };
}
