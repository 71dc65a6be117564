import type { Db as Executor } from '../platform/db/connect.ts';
import { ageOn } from '../platform/calendar/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { CASE_HOLDING_ROLES, workersInLastYear } from '../allocation/allocate.ts';

/** The child's record at a glance: who they are, where they are in the journey, and who holds the case. */
export async function childSummary(db: Executor, childId: string, asOf: string) {
  const child = await db
    .selectFrom('person')
    .select(['id', 'forename', 'surname', 'preferred_name', 'dob', 'sex', 'ethnicity', 'upn', 'nhs_number', 'version'])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  const openOn = <T extends 'cin_plan' | 'cp_plan' | 'period_of_care'>(table: T) =>
    db
      .selectFrom(table as 'cp_plan')
      .selectAll()
      .where('person_id', '=', childId)
      .where('start_date', '<=', asOf)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', asOf)]))
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  const [episode, cinPlan, cpPlan, care, allocations, workerCount] = await Promise.all([
    db.selectFrom('cin_episode').selectAll().where('person_id', '=', childId).where('referral_date', '<=', asOf).where((eb) => eb.or([eb('close_date', 'is', null), eb('close_date', '>=', asOf)])).where('deleted_at', 'is', null).orderBy('referral_date', 'desc').executeTakeFirst(),
    openOn('cin_plan'),
    openOn('cp_plan'),
    openOn('period_of_care'),
    db
      .selectFrom('involvement')
      .innerJoin('professional', 'professional.id', 'involvement.professional_id')
      .leftJoin('team', 'team.id', 'involvement.team_id')
      .select(['involvement.id', 'involvement.role', 'involvement.start_date', 'professional.id as professionalId', 'professional.name', 'team.name as team'])
      .where('involvement.person_id', '=', childId)
      .where('involvement.start_date', '<=', asOf)
      .where((eb) => eb.or([eb('involvement.end_date', 'is', null), eb('involvement.end_date', '>=', asOf)]))
      .where('involvement.deleted_at', 'is', null)
      .execute(),
    workersInLastYear(db, childId, asOf),
  ]);
  const stage = care ? 'Looked after' : cpPlan ? 'Child protection plan' : cinPlan ? 'Child in need plan' : episode ? 'Open referral' : 'Not open';
  return {
    child,
    age: child.dob ? ageOn(child.dob, asOf) : null,
    stage,
    episode,
    cinPlan,
    cpPlan,
    periodOfCare: care,
    allocations,
    allocatedWorker: allocations.find((a) => (CASE_HOLDING_ROLES as readonly string[]).includes(a.role)) ?? null,
    workersInLastYear: workerCount,
  };
}
