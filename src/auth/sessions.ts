// Server-side sessions. The browser holds a random token; only its SHA-256 is stored, so a copy of the
// database cannot be used to sign in. Idle timeout 30 minutes, absolute 12 hours; revocable; listed per user.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';

export const SESSION_COOKIE = 'tiller_session';
export const IDLE_TIMEOUT_MINUTES = 30;
export const ABSOLUTE_TIMEOUT_HOURS = 12;
/** last_seen_at is written at most this often, so that reading pages does not write on every request. */
const TOUCH_EVERY_SECONDS = 60;

export type SignInMethod = 'password' | 'oidc';
/** API tokens (for scripts) last this long at most; they have no idle timeout. */
export const API_TOKEN_MAX_DAYS = 90;
export type RevokeReason = 'signed_out' | 'revoked_by_user' | 'revoked_by_admin' | 'account_disabled' | 'password_changed';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export interface NewSession {
  /** Goes in the cookie; never stored. */
  token: string;
  sessionId: string;
  csrfToken: string;
}

export async function createSession(db: Db, options: { userId: string; method: SignInMethod; ipAddress: string | null; userAgent: string | null }): Promise<NewSession> {
  const token = randomToken(32);
  const sessionId = randomToken(16);
  const csrfToken = randomToken(32);
  await db
    .insertInto('user_session')
    .values({
      id: sessionId,
      user_id: options.userId,
      token_hash: hashToken(token),
      csrf_token: csrfToken,
      method: options.method,
      ip_address: options.ipAddress,
      user_agent: options.userAgent?.slice(0, 300) ?? null,
      expires_at: sql<Date>`now() + make_interval(hours => ${ABSOLUTE_TIMEOUT_HOURS})`,
    })
    .execute();
  await db.updateTable('user_account').set({ last_sign_in_at: sql`now()` }).where('id', '=', options.userId).execute();
  return { token, sessionId, csrfToken };
}

export interface ActiveSession {
  sessionId: string;
  userId: string;
  csrfToken: string;
}

/**
 * The live session for a token. A browser session (cookie): not revoked, not idle for 30 minutes, not past
 * 12 hours. An API token (bearer): not revoked, not expired. Either way the account must be enabled.
 */
export async function findActiveSession(db: Db, token: string, kind: 'browser' | 'api' = 'browser'): Promise<ActiveSession | undefined> {
  if (!token || token.length > 100) return undefined;
  let q = db
    .selectFrom('user_session as s')
    .innerJoin('user_account as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', sql<boolean>`s.last_seen_at < now() - make_interval(secs => ${TOUCH_EVERY_SECONDS})`.as('stale')])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .where('u.deleted_at', 'is', null);
  q = kind === 'api'
    ? q.where('s.method', '=', 'api_token')
    : q.where('s.method', '<>', 'api_token').where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES})`);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  if (row.stale) await db.updateTable('user_session').set({ last_seen_at: sql`now()` }).where('id', '=', row.id).execute();
  return { sessionId: row.id, userId: row.user_id, csrfToken: row.csrf_token };
}

/** A bearer token for the JSON API (`Authorization: Bearer …`), shown once. Listed and revoked like sessions. */
export async function createApiToken(db: Db, options: { userId: string; days: number }): Promise<NewSession> {
  const days = Math.min(Math.max(1, Math.floor(options.days)), API_TOKEN_MAX_DAYS);
  const token = randomToken(32);
  const sessionId = randomToken(16);
  await db
    .insertInto('user_session')
    .values({
      id: sessionId,
      user_id: options.userId,
      token_hash: hashToken(token),
      csrf_token: randomToken(32),
      method: 'api_token',
      ip_address: null,
      user_agent: 'API token',
      expires_at: sql<Date>`now() + make_interval(days => ${days})`,
    })
    .execute();
  return { token, sessionId, csrfToken: '' };
}

/** Revokes one session; with `userId`, only if it is that user's (so a user can revoke only their own). Returns whether it did. */
export async function revokeSession(db: Db, sessionId: string, reason: RevokeReason, options: { userId?: string } = {}): Promise<boolean> {
  let q = db.updateTable('user_session').set({ revoked_at: sql`now()`, revoked_reason: reason }).where('id', '=', sessionId).where('revoked_at', 'is', null);
  if (options.userId) q = q.where('user_id', '=', options.userId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function revokeAllSessions(db: Db, userId: string, reason: RevokeReason): Promise<number> {
  const r = await db.updateTable('user_session').set({ revoked_at: sql`now()`, revoked_reason: reason }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface SessionListing {
  id: string;
  method: string;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  active: boolean;
}

/** A user's sessions from the last 30 days, newest first, live ones marked active. */
export async function listSessions(db: Db, userId: string): Promise<SessionListing[]> {
  const rows = await db
    .selectFrom('user_session')
    .select([
      'id', 'method', 'ip_address', 'user_agent', 'created_at', 'last_seen_at', 'expires_at',
      sql<boolean>`revoked_at is null and expires_at > now() and (method = 'api_token' or last_seen_at > now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES}))`.as('active'),
    ])
    .where('user_id', '=', userId)
    .where('created_at', '>', sql<Date>`now() - interval '30 days'`)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, method: r.method, ipAddress: r.ip_address, userAgent: r.user_agent, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, active: r.active }));
}
