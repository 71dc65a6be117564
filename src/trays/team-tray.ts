import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { computeClocks } from '../clocks/compute-clocks.ts';
import { CASE_HOLDING_ROLES } from '../allocation/allocate.ts';

const DEFAULT_CASELOAD_TARGET = 18;

/**
 * A team manager's tray: children with an open referral and no allocated worker, the approvals waiting for
 * a manager (assessments to authorise, closures proposed on repeat contacts), each worker's caseload against
 * the team's target, and overdue statutory work by worker.
 */
export async function teamTray(db: Db, teamId: string, asOf: string) {
  const team = await db.selectFrom('team').select(['id', 'name', 'caseload_target']).where('id', '=', teamId).executeTakeFirst();
  const target = team?.caseload_target ?? DEFAULT_CASELOAD_TARGET;
  const workers = await db
    .selectFrom('professional')
    .select(['id', 'name', 'fte', 'agency'])
    .where('team_id', '=', teamId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', asOf)]))
    .orderBy('name')
    .execute();
  const workerIds = workers.map((w) => w.id);

  const openAllocation = (personRef: string) => sql<boolean>`exists (
    select 1 from involvement i where i.person_id = ${sql.ref(personRef)} and i.role in (${sql.join([...CASE_HOLDING_ROLES])})
      and i.start_date <= ${asOf} and (i.end_date is null or i.end_date >= ${asOf}) and i.deleted_at is null)`;

  const [unallocated, assessmentsToAuthorise, contactReviews, allocations] = await Promise.all([
    db
      .selectFrom('cin_episode')
      .innerJoin('person', 'person.id', 'cin_episode.person_id')
      .select(['person.id', 'person.forename', 'person.surname', 'person.dob', 'cin_episode.id as cinEpisodeId', 'cin_episode.referral_date'])
      .where('cin_episode.referral_date', '<=', asOf)
      .where((eb) => eb.or([eb('cin_episode.close_date', 'is', null), eb('cin_episode.close_date', '>=', asOf)]))
      .where('cin_episode.deleted_at', 'is', null)
      .where('person.restricted', '=', false)
      .where((eb) => eb.or([eb('cin_episode.team_id', '=', teamId), eb('cin_episode.team_id', 'is', null)]))
      .where((eb) => eb.not(openAllocation('cin_episode.person_id')))
      .orderBy('cin_episode.referral_date')
      .execute(),
    workerIds.length
      ? db
          .selectFrom('assessment')
          .innerJoin('person', 'person.id', 'assessment.person_id')
          .leftJoin('professional', 'professional.id', 'assessment.worker_id')
          .select(['assessment.id', 'assessment.version', 'person.id as childId', 'person.forename', 'person.surname', 'assessment.start_date', 'assessment.completed_date', 'professional.name as worker'])
          .where('assessment.worker_id', 'in', workerIds)
          .where('assessment.completed_date', 'is not', null)
          .where('assessment.authorised_date', 'is', null)
          .where('assessment.deleted_at', 'is', null)
          .orderBy('assessment.completed_date')
          .execute()
      : [],
    workerIds.length
      ? db
          .selectFrom('contact')
          .innerJoin('person', 'person.id', 'contact.person_id')
          .leftJoin('professional', 'professional.id', 'contact.proposed_by')
          .select(['contact.id', 'contact.version', 'person.id as childId', 'person.forename', 'person.surname', 'contact.contact_date', 'contact.proposed_outcome', 'contact.proposed_date', 'professional.name as worker'])
          .where('contact.proposed_by', 'in', workerIds)
          .where('contact.proposed_outcome', 'is not', null)
          .where('contact.outcome', 'is', null)
          .where('contact.deleted_at', 'is', null)
          .orderBy('contact.proposed_date')
          .execute()
      : [],
    workerIds.length
      ? db
          .selectFrom('involvement')
          .select(['professional_id', 'person_id'])
          .where('professional_id', 'in', workerIds)
          .where('role', 'in', [...CASE_HOLDING_ROLES])
          .where('start_date', '<=', asOf)
          .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', asOf)]))
          .where('deleted_at', 'is', null)
          .execute()
      : [],
  ]);

  const childrenOf = new Map<string, Set<string>>();
  for (const a of allocations) {
    const set = childrenOf.get(a.professional_id) ?? new Set<string>();
    set.add(a.person_id);
    childrenOf.set(a.professional_id, set);
  }
  const allChildren = [...new Set(allocations.map((a) => a.person_id))];
  const overdue = (await computeClocks(db, asOf, { childIds: allChildren })).filter((c) => c.status === 'overdue');
  const caseloads = workers.map((w) => {
    const kids = childrenOf.get(w.id) ?? new Set<string>();
    return {
      ...w,
      caseload: kids.size,
      target,
      overTarget: kids.size > target,
      overdue: overdue.filter((c) => c.childId !== null && kids.has(c.childId)).length,
    };
  });
  return { team, asOf, target, unallocated, approvals: { assessments: assessmentsToAuthorise, contactReviews }, caseloads };
}
