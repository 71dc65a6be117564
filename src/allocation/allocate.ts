import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { addDays, addYears } from '../platform/calendar/calendar.ts';
import { WORKER_CHANGE_REASONS } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

/** Case-holding roles: the allocated social worker and the leaving-care worker or personal adviser. */
export const CASE_HOLDING_ROLES = ['CW', '16PLUS'] as const;

export const allocateInput = z.object({
  childId: recordId,
  professionalId: recordId,
  role: z.enum(['CW', '16PLUS', 'IRO'], { error: 'Choose the role' }),
  startDate: isoDate('the date the allocation starts'),
  changeReason: z.enum(Object.keys(WORKER_CHANGE_REASONS) as [string, ...string[]], { error: 'Choose the reason for the allocation' }),
});

/**
 * Allocates a worker to a child in a role. The previous allocation in that role ends the day before,
 * and every change is kept with its reason (the 903 social worker episodes are built from these).
 */
export async function allocateWorker(db: Executor, _manager: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(allocateInput, raw);
  if (input.startDate > addDays(today, 31)) fieldError('startDate', 'An allocation can be planned at most a month ahead');
  const worker = await db.selectFrom('professional').select(['id', 'team_id', 'end_date']).where('id', '=', input.professionalId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!worker) throw new AppError('NOT_FOUND', 'No such worker');
  if (worker.end_date && worker.end_date < input.startDate) fieldError('professionalId', `That worker left on ${worker.end_date}`);
  const child = await db.selectFrom('person').select('id').where('id', '=', input.childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');

  const current = await db
    .selectFrom('involvement')
    .selectAll()
    .where('person_id', '=', input.childId)
    .where('role', '=', input.role)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', input.startDate)]))
    .where('deleted_at', 'is', null)
    .execute();
  for (const c of current) {
    if (c.professional_id === input.professionalId) throw new AppError('CONFLICT', 'That worker is already allocated in this role');
    if (c.start_date >= input.startDate) fieldError('startDate', `The current allocation started on ${c.start_date}; a new one must start after it`);
    await db.updateTable('involvement').set({ end_date: addDays(input.startDate, -1) }).where('id', '=', c.id).execute();
  }
  const openEpisode = await db.selectFrom('cin_episode').select('id').where('person_id', '=', input.childId).where('close_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  const id = newId();
  await db
    .insertInto('involvement')
    .values({ id, professional_id: input.professionalId, person_id: input.childId, cin_episode_id: openEpisode?.id ?? null, role: input.role, team_id: worker.team_id, start_date: input.startDate, change_reason: input.changeReason })
    .execute();
  return id;
}

/** Distinct case-holding workers whose allocations overlap the 12 months ending `asOf`. */
export async function workersInLastYear(db: Executor, childId: string, asOf: string): Promise<number> {
  const from = addDays(addYears(asOf, -1), 1);
  const rows = await db
    .selectFrom('involvement')
    .select('professional_id')
    .distinct()
    .where('person_id', '=', childId)
    .where('role', 'in', [...CASE_HOLDING_ROLES])
    .where('start_date', '<=', asOf)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
    .where('deleted_at', 'is', null)
    .execute();
  return rows.length;
}
