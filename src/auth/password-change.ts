// Changing a password: by the user (current password required; their other sessions end), and a reset by an
// administrator (a one-time temporary password, shown once; every session of the account ends; the user must
// choose their own at the next sign-in, within TEMPORARY_PASSWORD_DAYS). Both audited, never with the hash.
import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import type { Audit } from '../audit/audit.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { revokeAllSessions } from './sessions.ts';
import { throttleReason, THROTTLE_WINDOW_MINUTES } from './sign-in.ts';

/** The fields of user_account a password change may show in the audit (never the hash). */
const AUDITED = ['password_changed_at', 'must_change_password', 'version'] as const;
function audited(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(AUDITED.map((k) => [k, row[k]]));
}

export interface OwnPasswordChange {
  userId: string;
  username: string;
  /** The session the change is made from: it stays signed in; every other one ends. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ipAddress: string;
}

function fieldProblem(field: string, message: string): AppError {
  return new AppError('BAD_INPUT', message, { fieldErrors: [{ field, message }] });
}

/** Returns how many other sessions ended. Throws BAD_INPUT (wrong current password, a new one against the rules) or TOO_MANY_REQUESTS. */
export async function changeOwnPassword(db: Db, audit: Audit, change: OwnPasswordChange): Promise<{ otherSessionsEnded: number }> {
  // A wrong current password counts as a failed sign-in: a stolen session cannot be used to guess it.
  if (await throttleReason(db, change.username, change.ipAddress)) {
    throw new AppError('TOO_MANY_REQUESTS', `There have been too many wrong passwords. Wait ${THROTTLE_WINDOW_MINUTES} minutes and try again.`, { internal: 'password change throttled' });
  }
  const user = await db.selectFrom('user_account').select(['password_hash']).where('id', '=', change.userId).executeTakeFirstOrThrow();
  if (!user.password_hash) throw fieldProblem('currentPassword', 'Your account signs in with your council account, so it has no Tiller password to change');
  if (!(await verifyPassword(user.password_hash, change.currentPassword))) {
    await db.insertInto('sign_in_attempt').values({ id: randomUUID(), username: change.username, ip_address: change.ipAddress, succeeded: false }).execute();
    await audit.event({ action: 'user_admin', outcome: 'failure', entityType: 'user_account', entityId: change.userId, detail: { change: 'password', why: 'current password wrong' } });
    throw fieldProblem('currentPassword', 'Your current password is not right');
  }
  const problem = passwordProblem(change.newPassword, { username: change.username });
  if (problem) throw fieldProblem('newPassword', problem);
  if (change.newPassword === change.currentPassword) throw fieldProblem('newPassword', 'Choose a password different from your current one');
  const passwordHash = await hashPassword(change.newPassword);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('user_account').selectAll().where('id', '=', change.userId).forUpdate().executeTakeFirstOrThrow();
    const after = await trx
      .updateTable('user_account')
      .set({ password_hash: passwordHash, password_changed_at: sql<Date>`now()`, must_change_password: false, version: before.version + 1 })
      .where('id', '=', change.userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const ended = await trx
      .updateTable('user_session')
      .set({ revoked_at: sql`now()`, revoked_reason: 'password_changed' })
      .where('user_id', '=', change.userId)
      .where('id', '<>', change.sessionId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const otherSessionsEnded = Number(ended.numUpdatedRows);
    await audit.write(trx, { action: 'update', entityType: 'user_account', entityId: change.userId, personId: null, before: audited(before), after: audited(after), what: 'password changed by the user' });
    await audit.event({ action: 'user_admin', entityType: 'user_account', entityId: change.userId, detail: { change: 'password', by: 'self', otherSessionsEnded } }, { db: trx });
    return { otherSessionsEnded };
  });
}

// No 0/o, 1/l/i: read aloud or copied from a screen without mistakes. 20 characters of 31: ~99 bits.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function temporaryPassword(): string {
  const chars = Array.from({ length: 20 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * An administrator's reset: a temporary password replaces the account's password, every session of the
 * account ends, and the user must choose their own password at the next sign-in. Call inside a transaction.
 * The temporary password is returned once, to show the administrator; only its hash is stored.
 */
export async function resetPasswordByAdministrator(trx: Db, audit: Audit, userId: string, expectedVersion: number): Promise<{ temporaryPassword: string; username: string; sessionsEnded: number }> {
  const account = await trx.selectFrom('user_account').select(['password_hash', 'oidc_subject']).where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!account) throw new AppError('NOT_FOUND', 'There is no such user');
  if (!account.password_hash) throw new AppError('BAD_INPUT', 'This account signs in with the council account only, so it has no Tiller password to reset');
  const password = temporaryPassword();
  const { before, after } = await updateWithVersion(trx, 'user_account', userId, expectedVersion, { password_hash: await hashPassword(password), password_changed_at: new Date(), must_change_password: true });
  const sessionsEnded = await revokeAllSessions(trx, userId, 'revoked_by_admin');
  await audit.write(trx, { action: 'update', entityType: 'user_account', entityId: userId, personId: null, before: audited(before), after: audited(after), what: 'password reset by an administrator' });
  await audit.event({ action: 'user_admin', entityType: 'user_account', entityId: userId, detail: { change: 'password reset', sessionsEnded } }, { db: trx });
  return { temporaryPassword: password, username: after.username, sessionsEnded };
}
