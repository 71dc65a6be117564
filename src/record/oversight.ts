import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId, requiredText } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

export const oversightInput = z.object({
  childId: recordId,
  oversightDate: isoDate('the date of the oversight'),
  decision: requiredText('the management decision and direction', 20_000),
});

/** A manager's recorded oversight of a child's case: the decision and the direction given. */
export async function recordOversight(db: Executor, manager: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(oversightInput, raw);
  if (input.oversightDate > today) fieldError('oversightDate', 'The date of the oversight must be today or in the past');
  const child = await db.selectFrom('person').select('id').where('id', '=', input.childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  const episode = await db.selectFrom('cin_episode').select('id').where('person_id', '=', input.childId).where('close_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  const id = newId();
  await db.insertInto('management_oversight').values({ id, person_id: input.childId, cin_episode_id: episode?.id ?? null, manager_id: manager.professionalId, oversight_date: input.oversightDate, decision: input.decision }).execute();
  return id;
}
