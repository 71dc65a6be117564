// THE access rules for children's records, in one place. Everything else asks these functions:
// - visibleChildIds(user): an SQL subquery of the person ids the user may see, for use inside queries
//   (`.where('visit.person_id', 'in', visibleChildIds(user))`), so lists, searches and counts never
//   include a record the user may not see;
// - childAccess(db, user, id): the same rule for one record, saying how access comes (for the audit)
//   or why it is refused.
// The rule: a restricted record is visible only to its named users (restricted_record_access), and never
// through relationships or break-glass. Any other record is visible through a relationship the user's
// roles grant (roles.ts CHILD_GRANTS) or an unexpired break-glass grant. Deleted persons are never visible.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { grantsOf, type Role } from './roles.ts';

/** Who is asking: enough to apply the rules. */
export interface AccessUser {
  id: string;
  professionalId: string | null;
  roles: readonly Role[];
}

/** An involvement (allocation) open today. */
const OPEN = sql`i.deleted_at is null and i.start_date <= current_date and (i.end_date is null or i.end_date >= current_date)`;

/** The teams a professional manages today, and every team below them. A standalone `(with … select id)` subquery. */
function managedTeams(professionalId: string): RawBuilder<unknown> {
  return sql`(with recursive managed(id) as (
      select tm.team_id from team_manager tm
       where tm.professional_id = ${professionalId} and tm.deleted_at is null
         and tm.start_date <= current_date and (tm.end_date is null or tm.end_date >= current_date)
      union
      select t.id from team t join managed m on t.parent_id = m.id where t.deleted_at is null
    ) select id from managed)`;
}

/**
 * Children the user has a relationship with (before restriction and break-glass), as `(select …) union (…)`,
 * or null. Each part is a plain indexed lookup (by professional or by team) so the union stays cheap.
 */
function relatedChildIds(user: AccessUser, onlyPersonId?: string): RawBuilder<unknown> | null {
  const grants = grantsOf(user.roles);
  const pid = user.professionalId;
  const parts: RawBuilder<unknown>[] = [];
  // For one child (childAccess), narrow every part to that child so each is an index lookup.
  const only = (column: RawBuilder<unknown>) => (onlyPersonId === undefined ? sql`` : sql`and ${column} = ${onlyPersonId}`);
  const OPEN_INVOLVEMENT = sql`${OPEN} ${only(sql`i.person_id`)}`;
  /**
   * Children of open involvements held by these workers, or recorded against these teams; and children with
   * an open referral waiting unallocated in these teams (its team's and its managers' to see and allocate).
   */
  const byWorkersOrTeams = (teams: RawBuilder<unknown>) => [
    sql`(select i.person_id from involvement i where ${OPEN_INVOLVEMENT} and i.team_id in ${teams})`,
    sql`(select i.person_id from involvement i where ${OPEN_INVOLVEMENT}
        and i.professional_id in (select w.id from professional w where w.deleted_at is null and w.team_id in ${teams}))`,
    sql`(select e.person_id from cin_episode e where e.deleted_at is null and e.close_date is null and e.team_id in ${teams} ${only(sql`e.person_id`)}
        and not exists (select 1 from involvement a where a.person_id = e.person_id and a.role in ('CW', '16PLUS') and a.deleted_at is null
          and a.start_date <= current_date and (a.end_date is null or a.end_date >= current_date)))`,
    // A contact still being screened or waiting for a manager's review, recorded or proposed in these teams.
    sql`(select c.person_id from contact c where c.deleted_at is null and c.outcome is null ${only(sql`c.person_id`)}
        and (c.recorded_by in (select w.id from professional w where w.deleted_at is null and w.team_id in ${teams})
          or c.proposed_by in (select w.id from professional w where w.deleted_at is null and w.team_id in ${teams})))`,
  ];
  if (pid && grants.has('own')) {
    parts.push(sql`(select i.person_id from involvement i where i.professional_id = ${pid} and ${OPEN_INVOLVEMENT})`);
  }
  if (pid && grants.has('team')) parts.push(...byWorkersOrTeams(sql`(select me.team_id from professional me where me.id = ${pid})`));
  if (pid && grants.has('managedTeams')) parts.push(...byWorkersOrTeams(managedTeams(pid)));
  if (grants.has('audits')) {
    // Children in open case file audits whose case is assigned to this user, to audit or to moderate.
    parts.push(sql`(select ac.person_id from case_file_audit_case ac join case_file_audit fa on fa.id = ac.audit_id
        where fa.status = 'open' and fa.deleted_at is null and ac.deleted_at is null and ac.auditor_user_id = ${user.id} ${only(sql`ac.person_id`)})`);
    parts.push(sql`(select ac.person_id from case_file_audit_case ac join case_file_audit fa on fa.id = ac.audit_id
        where fa.status = 'open' and fa.deleted_at is null and ac.deleted_at is null and ac.moderator_user_id = ${user.id} ${only(sql`ac.person_id`)})`);
  }
  if (grants.has('screening')) {
    parts.push(sql`(select c.person_id from contact c where c.deleted_at is null and c.decision_date is null ${only(sql`c.person_id`)})`);
  }
  return parts.length ? sql.join(parts, sql` union `) : null;
}

function activeBreakGlass(userId: string): RawBuilder<unknown> {
  return sql`select g.reason from break_glass_grant g
    where g.person_id = p.id and g.user_id = ${userId} and g.revoked_at is null and g.deleted_at is null and g.expires_at > now()`;
}

function namedForRestricted(userId: string): RawBuilder<unknown> {
  return sql`select 1 from restricted_record_access r where r.person_id = p.id and r.user_id = ${userId} and r.deleted_at is null`;
}

/**
 * The ids of every person the user may see, as a parenthesised subquery for `in`:
 * `db.selectFrom('visit').where('visit.person_id', 'in', visibleChildIds(user))`.
 * It starts from the user's few candidates (relationships, grants, namings), never from every person.
 */
export function visibleChildIds(user: AccessUser): RawBuilder<string> {
  const related = relatedChildIds(user);
  const grants = sql`(select g.person_id from break_glass_grant g
      where g.user_id = ${user.id} and g.revoked_at is null and g.deleted_at is null and g.expires_at > now())`;
  const unrestricted = related ? sql`${related} union ${grants}` : grants;
  return sql<string>`(
    select p.id from person p where p.deleted_at is null and not p.restricted and p.id in (${unrestricted})
    union
    select p.id from restricted_record_access r join person p on p.id = r.person_id
      where r.user_id = ${user.id} and r.deleted_at is null and p.restricted and p.deleted_at is null
  )`;
}

export type ChildAccessDecision =
  | { allowed: true; via: 'relationship' | 'named' | 'breakGlass'; breakGlassReason: string | null }
  /** `notFound`: no such person, or restricted and not named (indistinguishable on purpose). `noRelationship`: may break the glass. */
  | { allowed: false; why: 'notFound' | 'noRelationship' };

/** The rule for one person, with how access comes. Agrees with visibleChildIds (the matrix test checks both). */
export async function childAccess(db: Db, user: AccessUser, personId: string): Promise<ChildAccessDecision> {
  const related = relatedChildIds(user, personId);
  const r = await sql<{ restricted: boolean; named: boolean; related: boolean; break_glass_reason: string | null }>`
    select p.restricted,
      exists (${namedForRestricted(user.id)}) as named,
      ${related ? sql`p.id in (${related})` : sql`false`} as related,
      (${activeBreakGlass(user.id)} order by g.expires_at desc limit 1) as break_glass_reason
    from person p where p.id = ${personId} and p.deleted_at is null`.execute(db);
  const row = r.rows[0];
  if (!row) return { allowed: false, why: 'notFound' };
  if (row.restricted) return row.named ? { allowed: true, via: 'named', breakGlassReason: null } : { allowed: false, why: 'notFound' };
  if (row.related) return { allowed: true, via: 'relationship', breakGlassReason: null };
  if (row.break_glass_reason !== null) return { allowed: true, via: 'breakGlass', breakGlassReason: row.break_glass_reason };
  return { allowed: false, why: 'noRelationship' };
}
