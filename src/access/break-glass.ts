// Break-glass: a user with no relationship to a child may open the record for a limited time by giving a
// reason. The grant and every read under it are audited with the reason, and the DPO's report lists them.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import type { RequestContext } from './context.ts';
import { rolesMayBreakGlass } from './roles.ts';

export const BREAK_GLASS_HOURS = 2;
export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 1000;

export interface BreakGlassGrant {
  id: string;
  expiresAt: Date;
}

/** Whether the user could break the glass for this child: it exists, is not restricted, and they have no access yet. */
export async function breakGlassAvailable(ctx: RequestContext, childId: string): Promise<'available' | 'alreadyVisible'> {
  if (!rolesMayBreakGlass(ctx.user.roles)) throw new AppError('FORBIDDEN', 'Your role cannot ask for emergency access to records', { internal: 'role may not break glass' });
  const decision = await ctx.children.decide(childId);
  if (decision.allowed) return 'alreadyVisible';
  if (decision.why === 'notFound') throw new AppError('NOT_FOUND', 'There is no record with that reference', { internal: 'break-glass: not found or restricted' });
  return 'available';
}

/** Grants time-limited access with a reason, and audits it. */
export async function breakGlass(ctx: RequestContext, childId: string, reason: string): Promise<BreakGlassGrant> {
  if (!rolesMayBreakGlass(ctx.user.roles)) throw new AppError('FORBIDDEN', 'Your role cannot ask for emergency access to records', { internal: 'role may not break glass' });
  const trimmed = reason.trim();
  if (trimmed.length < MIN_REASON_LENGTH || trimmed.length > MAX_REASON_LENGTH) {
    const message = trimmed.length === 0 ? 'Enter why you need to see this record' : `Reason must be between ${MIN_REASON_LENGTH} and ${MAX_REASON_LENGTH} characters`;
    throw new AppError('BAD_INPUT', message, { fieldErrors: [{ field: 'reason', message }] });
  }
  if ((await breakGlassAvailable(ctx, childId)) === 'alreadyVisible') {
    throw new AppError('CONFLICT', 'You already have access to this record', { internal: 'break-glass not needed' });
  }
  const id = randomUUID();
  const row = await ctx.db
    .insertInto('break_glass_grant')
    .values({ id, user_id: ctx.user.id, person_id: childId, reason: trimmed, expires_at: sql<Date>`now() + make_interval(hours => ${BREAK_GLASS_HOURS})` })
    .returning(['expires_at'])
    .executeTakeFirstOrThrow();
  await ctx.audit.event({ action: 'break_glass', personId: childId, entityType: 'break_glass_grant', entityId: id, reason: trimmed, detail: { hours: BREAK_GLASS_HOURS } });
  return { id, expiresAt: row.expires_at };
}

export interface BreakGlassReportRow {
  id: string;
  username: string;
  displayName: string;
  personId: string;
  reason: string;
  createdAt: Date;
  expiresAt: Date;
  reads: number;
}

/** Every break-glass grant since `since`, newest first, with how many reads were made under it. */
export async function breakGlassReport(ctx: RequestContext, since: Date): Promise<BreakGlassReportRow[]> {
  const rows = await ctx.db
    .selectFrom('break_glass_grant as g')
    .innerJoin('user_account as u', 'u.id', 'g.user_id')
    .select([
      'g.id', 'u.username', 'u.display_name', 'g.person_id', 'g.reason', 'g.created_at', 'g.expires_at',
      sql<number>`(select count(*) from audit_event a where a.user_id = g.user_id and a.person_id = g.person_id and a.action = 'read' and a.occurred_at between g.created_at and g.expires_at)::int`.as('reads'),
    ])
    .where('g.created_at', '>=', since)
    .orderBy('g.created_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, personId: r.person_id, reason: r.reason, createdAt: r.created_at, expiresAt: r.expires_at, reads: r.reads }));
}
