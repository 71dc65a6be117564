import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { CLOSURE_REASONS } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId, requiredText } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

export const closeEpisodeInput = z.object({
  cinEpisodeId: recordId,
  version: z.coerce.number().int().positive(),
  closeDate: isoDate('the date of closure'),
  closeReason: z.enum(Object.keys(CLOSURE_REASONS) as [string, ...string[]], { error: 'Choose the reason for closure' }),
  stepDownToEarlyHelp: z.enum(['yes', 'no']).optional().transform((v) => v === 'yes'),
  rationale: requiredText('the reason for closing', 4000),
});

/**
 * A manager authorises the closure of a referral (the CIN episode) with a DfE reason code. Open CIN
 * plans end on the closure date; an open child protection plan or period of care must be ended first,
 * by a review conference or by ceasing care. Stepping down opens an early help episode.
 */
export async function closeEpisode(db: Executor, manager: Actor, raw: unknown, today: string): Promise<void> {
  const input = parseInput(closeEpisodeInput, raw);
  const ep = await db.selectFrom('cin_episode').selectAll().where('id', '=', input.cinEpisodeId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!ep) throw new AppError('NOT_FOUND', 'No such referral');
  if (ep.close_date) throw new AppError('CONFLICT', `This referral was closed on ${ep.close_date}`);
  if (input.closeDate < ep.referral_date) fieldError('closeDate', `A referral cannot close before it was made (${ep.referral_date})`);
  if (input.closeDate > today) fieldError('closeDate', 'The date of closure must be today or in the past');
  const openCp = await db.selectFrom('cp_plan').select('id').where('cin_episode_id', '=', ep.id).where('end_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (openCp) fieldError('closeReason', 'The child protection plan is still open: only a review conference can end it');
  const openCare = await db.selectFrom('period_of_care').select('id').where('person_id', '=', ep.person_id).where('end_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (openCare) fieldError('closeReason', 'The child is still looked after: end the period of care first');
  const late = await db.selectFrom('assessment').select('id').where('cin_episode_id', '=', ep.id).where('start_date', '>', input.closeDate).where('deleted_at', 'is', null).executeTakeFirst();
  if (late) fieldError('closeDate', 'An assessment on this referral started after that date');

  await db
    .updateTable('cin_plan')
    .set({ end_date: input.closeDate })
    .where('cin_episode_id', '=', ep.id)
    .where('end_date', 'is', null)
    .where('deleted_at', 'is', null)
    .execute();
  await updateWithVersion(db, 'cin_episode', ep.id, input.version, {
    close_date: input.closeDate,
    close_reason: input.closeReason,
    closure_authorised_by: manager.professionalId,
    closure_authorised_date: input.closeDate,
    step_down_to_early_help: input.stepDownToEarlyHelp,
  });
  await db.insertInto('management_oversight').values({ id: newId(), person_id: ep.person_id, cin_episode_id: ep.id, manager_id: manager.professionalId, oversight_date: input.closeDate, decision: `Closure authorised (${input.closeReason}): ${input.rationale}` }).execute();
  if (input.stepDownToEarlyHelp) {
    await db.insertInto('early_help_episode').values({ id: newId(), person_id: ep.person_id, start_date: input.closeDate, reason: 'Stepped down from children’s social care' }).execute();
  }
}
