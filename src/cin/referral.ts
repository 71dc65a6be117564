import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { PRIMARY_NEED, REFERRAL_SOURCES } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

export const createReferralInput = z.object({
  childId: recordId,
  referralDate: isoDate('the date of the referral'),
  sourceCode: z.enum(Object.keys(REFERRAL_SOURCES) as [string, ...string[]], { error: 'Choose the source of the referral' }),
  primaryNeedCode: z.enum(Object.keys(PRIMARY_NEED) as [string, ...string[]]).optional().or(z.literal('').transform(() => undefined)),
  earlyHelpEpisodeId: recordId.optional().or(z.literal('').transform(() => undefined)),
});

/**
 * A referral made directly (not through a front-door contact): a step-up from early help, or a re-referral
 * of a child whose earlier episode closed. A child has at most one open referral at a time.
 */
export async function createReferral(db: Executor, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(createReferralInput, raw);
  if (input.referralDate > today) fieldError('referralDate', 'The date of the referral must be today or in the past');
  const child = await db.selectFrom('person').select(['id', 'dob']).where('id', '=', input.childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  const open = await db.selectFrom('cin_episode').select(['id', 'referral_date']).where('person_id', '=', input.childId).where('close_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (open) throw new AppError('CONFLICT', `The child already has an open referral (from ${open.referral_date})`);
  const id = newId();
  await db
    .insertInto('cin_episode')
    .values({
      id,
      person_id: input.childId,
      referral_date: input.referralDate,
      source_code: input.sourceCode,
      source_desc: REFERRAL_SOURCES[input.sourceCode as keyof typeof REFERRAL_SOURCES],
      primary_need_code: input.primaryNeedCode ?? null,
      worker_id: actor.professionalId,
    })
    .execute();
  if (input.earlyHelpEpisodeId) {
    // Stepping up ends the early help episode on the day of the referral.
    await db
      .updateTable('early_help_episode')
      .set({ end_date: input.referralDate, end_reason: 'Stepped up to children’s social care' })
      .where('id', '=', input.earlyHelpEpisodeId)
      .where('person_id', '=', input.childId)
      .where('end_date', 'is', null)
      .execute();
  }
  return id;
}
