// "Who has seen this record": every audited look at, change to, or refusal about one person, for the DPO.
import type { Db } from '../platform/db/connect.ts';

export interface AuditTrailRow {
  id: number;
  occurredAt: Date;
  username: string | null;
  displayName: string | null;
  roles: string[];
  action: string;
  outcome: string;
  what: string | null;
  reason: string | null;
  ipAddress: string | null;
  route: string | null;
}

export async function whoHasSeen(db: Db, personId: string, options: { limit?: number } = {}): Promise<AuditTrailRow[]> {
  const rows = await db
    .selectFrom('audit_event as a')
    .leftJoin('user_account as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.occurred_at', 'a.username', 'u.display_name', 'a.roles', 'a.action', 'a.outcome', 'a.what', 'a.reason', 'a.ip_address', 'a.route'])
    .where('a.person_id', '=', personId)
    .orderBy('a.id', 'desc')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: r.occurred_at,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    action: r.action,
    outcome: r.outcome,
    what: r.what,
    reason: r.reason,
    ipAddress: r.ip_address,
    route: r.route,
  }));
}

/** One line per user: how often and when they last looked, for the summary at the top of the page. */
export function summariseByUser(rows: AuditTrailRow[]): Array<{ username: string; displayName: string | null; reads: number; last: Date; breakGlass: boolean }> {
  const byUser = new Map<string, { username: string; displayName: string | null; reads: number; last: Date; breakGlass: boolean }>();
  for (const r of rows) {
    if (r.action !== 'read' || !r.username) continue;
    const s = byUser.get(r.username) ?? { username: r.username, displayName: r.displayName, reads: 0, last: r.occurredAt, breakGlass: false };
    s.reads += 1;
    if (r.occurredAt > s.last) s.last = r.occurredAt;
    if (r.reason) s.breakGlass = true;
    byUser.set(r.username, s);
  }
  return [...byUser.values()].sort((a, b) => b.last.getTime() - a.last.getTime());
}
