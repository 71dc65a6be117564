import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Db } from '../platform/db/connect.ts';
import { reportingPeriod } from '../clocks/period.ts';
import type { FlagRecords } from './practice-flag.ts';

export interface FlagScope {
  /** Only these children; all, when absent. */
  childIds?: readonly string[];
}

/** What the flags need for a whole council, one query per table. */
export async function loadFlagRecords(db: Db, asOf: IsoDate, scope: FlagScope = {}): Promise<FlagRecords> {
  const { childIds } = scope;
  if (childIds !== undefined && childIds.length === 0) return { contacts: [], referrals: [], involvements: [] };
  const forChildren = childIds !== undefined;
  const ids = childIds ?? [];
  const period = reportingPeriod(asOf);

  const openEpisodes = db
    .selectFrom('cin_episode')
    .where('deleted_at', 'is', null)
    .where('referral_date', '<=', asOf)
    .where((eb) => eb.or([eb('close_date', 'is', null), eb('close_date', '>=', asOf)]))
    // For some children only, so that the subquery is an index lookup, not every open episode in the council.
    .$if(forChildren, (qb) => qb.where('person_id', 'in', ids));

  const [contacts, referrals, involvements] = await Promise.all([
    db
      .selectFrom('contact')
      .select(['id', 'person_id as personId', 'contact_date as contactDate', 'decision_date as decisionDate', 'outcome', 'outcome_json as outcomeJson'])
      .where('deleted_at', 'is', null)
      .where('contact_date', '>=', period.start)
      .where('contact_date', '<=', asOf)
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .execute(),
    db
      .selectFrom('cin_episode')
      .select(['id', 'person_id as personId', 'referral_date as referralDate', 'close_date as closeDate'])
      .where('deleted_at', 'is', null)
      .where('referral_date', '<=', asOf)
      // In the period (repeat referrals) or open at asOf (no allocated worker).
      .where((eb) => eb.or([eb('referral_date', '>=', period.start), eb('close_date', 'is', null), eb('close_date', '>=', asOf)]))
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .execute(),
    db
      .selectFrom('involvement')
      .select(['person_id as personId', 'professional_id as professionalId', 'role', 'start_date as startDate', 'end_date as endDate'])
      .where('deleted_at', 'is', null)
      .where('start_date', '<=', asOf)
      // Overlapping the period (worker changes), or any for a child with an open episode, whose last
      // allocation may have ended long ago (no allocated worker, since when).
      .where((eb) =>
        eb.or([eb('end_date', 'is', null), eb('end_date', '>=', period.start), eb('person_id', 'in', openEpisodes.select('cin_episode.person_id'))]),
      )
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .execute(),
  ]);
  return { contacts, referrals, involvements };
}
