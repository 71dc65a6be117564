// Signing in with a username and password, throttled per account and per address.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { dummyPasswordHash, verifyPassword, MAX_PASSWORD_LENGTH } from './password.ts';
import { createSession, type NewSession } from './sessions.ts';
import { normaliseUsername, rolesOf } from './users.ts';

/** Failed attempts that lock an account for the window (from any address). */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed attempts from one address, across accounts, that block it for the window. */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const THROTTLE_WINDOW_MINUTES = 15;
/** A temporary password (set by an administrator's reset) stops working this long after it was set. */
export const TEMPORARY_PASSWORD_DAYS = 3;

const WRONG = 'Enter a correct username and password';

export interface SignInRequest {
  username: string;
  password: string;
  ipAddress: string;
  userAgent: string | null;
  route?: string;
  requestId?: string;
}

export interface SignedIn extends NewSession {
  userId: string;
  /** Signed in with a temporary password: the user must choose their own before anything else. */
  mustChangePassword: boolean;
}

/**
 * Checks the throttles, then the password; records the attempt and an audit event either way.
 * Throws UNAUTHENTICATED (wrong username or password, said the same way for both) or TOO_MANY_REQUESTS.
 */
export async function signInWithPassword(db: Db, req: SignInRequest): Promise<SignedIn> {
  const username = normaliseUsername(req.username).slice(0, 200);
  const actor = { userId: null, username, roles: [], ipAddress: req.ipAddress, requestId: req.requestId ?? null, route: req.route ?? null };
  const throttled = await throttleReason(db, username, req.ipAddress);
  if (throttled) {
    await recordAudit(db, actor, { action: 'sign_in_failed', outcome: 'denied', detail: { why: throttled } });
    throw new AppError('TOO_MANY_REQUESTS', `There have been too many failed attempts to sign in. Wait ${THROTTLE_WINDOW_MINUTES} minutes and try again, or ask your administrator.`, { internal: `sign-in throttled: ${throttled}` });
  }
  const user = await db
    .selectFrom('user_account')
    .select(['id', 'username', 'password_hash', 'must_change_password', sql<boolean>`must_change_password and coalesce(password_changed_at, '-infinity') < now() - make_interval(days => ${TEMPORARY_PASSWORD_DAYS})`.as('temporary_expired')])
    .where('username', '=', username)
    .where('deleted_at', 'is', null)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const tooLong = req.password.length > MAX_PASSWORD_LENGTH * 4;
  // Verify even for an unknown user, so the time taken does not reveal whether the account exists.
  const ok = !tooLong && (await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), req.password)) && !!user?.password_hash;
  await db.insertInto('sign_in_attempt').values({ id: randomUUID(), username, ip_address: req.ipAddress, succeeded: ok }).execute();
  if (!ok || !user) {
    await recordAudit(db, { ...actor, userId: user?.id ?? null }, { action: 'sign_in_failed', outcome: 'failure', detail: { method: 'password' } });
    throw new AppError('UNAUTHENTICATED', WRONG, { internal: 'sign-in failed: wrong username or password', fieldErrors: [{ field: 'username', message: WRONG }] });
  }
  if (user.temporary_expired) {
    await recordAudit(db, { ...actor, userId: user.id }, { action: 'sign_in_failed', outcome: 'denied', detail: { method: 'password', why: 'temporary password expired' } });
    throw new AppError('UNAUTHENTICATED', `Your temporary password has expired (it lasts ${TEMPORARY_PASSWORD_DAYS} days). Ask your administrator to reset your password again.`, { internal: 'sign-in refused: temporary password expired' });
  }
  const session = await createSession(db, { userId: user.id, method: 'password', ipAddress: req.ipAddress, userAgent: req.userAgent });
  await recordAudit(db, { ...actor, userId: user.id, roles: await rolesOf(db, user.id) }, { action: 'sign_in', detail: { method: 'password', sessionId: session.sessionId, ...(user.must_change_password ? { temporaryPassword: true } : {}) } });
  return { ...session, userId: user.id, mustChangePassword: user.must_change_password };
}

/**
 * Why sign-in (or a password check when changing it) is refused before checking the password, or null.
 * Failures count since the account's last success or password change (so a reset unlocks a locked-out account).
 */
export async function throttleReason(db: Db, username: string, ipAddress: string): Promise<'account' | 'address' | null> {
  const r = await sql<{ account: number; address: number }>`
    select
      (select count(*) from sign_in_attempt a
        where a.username = ${username} and not a.succeeded
          and a.created_at > now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})
          and a.created_at > coalesce(greatest(
            (select max(s.created_at) from sign_in_attempt s where s.username = ${username} and s.succeeded),
            (select u.password_changed_at from user_account u where u.username = ${username})), '-infinity'))::int as account,
      (select count(*) from sign_in_attempt a
        where a.ip_address = ${ipAddress} and not a.succeeded
          and a.created_at > now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES}))::int as address`.execute(db);
  const row = r.rows[0]!;
  if (row.account >= MAX_FAILURES_PER_ACCOUNT) return 'account';
  if (row.address >= MAX_FAILURES_PER_ADDRESS) return 'address';
  return null;
}
