import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { addYears, addDays } from '../platform/calendar/calendar.ts';

export interface JourneyCounts {
  asOf: string;
  periodStart: string;
  contacts: number;
  referrals: number;
  openAssessments: number;
  childrenInNeed: number;
  childProtectionPlans: number;
  childrenLookedAfter: number;
  careLeavers: number;
  children: number;
  workers: number;
}

/**
 * The front page's numbers: flows over the 12 months ending `asOf` and stocks open at `asOf`
 * ("open" = started on or before and not ended before, as INTERFACES.md defines it).
 * Aggregates only: no child is named.
 */
export async function journeyCounts(db: Db, asOf: string): Promise<JourneyCounts> {
  const periodStart = addDays(addYears(asOf, -1), 1);
  // Restricted records never appear in counts shown to others (the access rules), so the front page leaves them out.
  const notRestricted = sql`person_id in (select id from person where not restricted and deleted_at is null)`;
  const r = await sql<Omit<JourneyCounts, 'asOf' | 'periodStart'>>`
    select
      (select count(*) from contact where deleted_at is null and ${notRestricted} and contact_date between ${periodStart} and ${asOf})::int as contacts,
      (select count(*) from cin_episode where deleted_at is null and ${notRestricted} and referral_date between ${periodStart} and ${asOf})::int as referrals,
      (select count(*) from assessment where deleted_at is null and ${notRestricted} and start_date <= ${asOf} and (authorised_date is null or authorised_date > ${asOf}))::int as "openAssessments",
      (select count(*) from cin_episode where deleted_at is null and ${notRestricted} and referral_date <= ${asOf} and (close_date is null or close_date >= ${asOf}))::int as "childrenInNeed",
      (select count(*) from cp_plan where deleted_at is null and ${notRestricted} and start_date <= ${asOf} and (end_date is null or end_date >= ${asOf}))::int as "childProtectionPlans",
      (select count(distinct person_id) from period_of_care where deleted_at is null and ${notRestricted} and start_date <= ${asOf} and (end_date is null or end_date >= ${asOf}))::int as "childrenLookedAfter",
      (select count(distinct person_id) from care_leaver where deleted_at is null and ${notRestricted})::int as "careLeavers",
      (select count(*) from person where deleted_at is null and person_type = 'child' and not restricted)::int as children,
      (select count(*) from professional where deleted_at is null and (end_date is null or end_date >= ${asOf}))::int as workers
  `.execute(db);
  return { asOf, periodStart, ...r.rows[0]! };
}
