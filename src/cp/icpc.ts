import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { CP_CATEGORIES } from '../platform/codes.ts';
import { addWorkingDays } from '../platform/calendar/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { findOrThrow } from '../cin/load.ts';

const category = z.enum(Object.keys(CP_CATEGORIES) as [string, ...string[]], { error: 'Choose the category of abuse' });

export const recordIcpcInput = z
  .object({
    s47EnquiryId: recordId,
    conferenceDate: isoDate('the date of the conference'),
    cpPlan: z.enum(['yes', 'no'], { error: 'Say whether the child is to have a child protection plan' }).transform((v) => v === 'yes'),
    category: category.optional().or(z.literal('').transform(() => undefined)),
  })
  .refine((v) => !v.cpPlan || v.category, { path: ['category'], message: 'Choose the category of abuse for the plan' });

/** The initial child protection conference, chaired by an IRO/CP chair; a plan starts on the conference date. */
export async function recordIcpc(db: Executor, chair: Actor, raw: unknown, today: string): Promise<{ icpcId: string; cpPlanId?: string }> {
  const input = parseInput(recordIcpcInput, raw);
  const s47 = await findOrThrow(db.selectFrom('s47_enquiry').selectAll().where('id', '=', input.s47EnquiryId).where('deleted_at', 'is', null).executeTakeFirst(), 'section 47 enquiry');
  if (s47.start_date && input.conferenceDate < s47.start_date) fieldError('conferenceDate', `The conference cannot be before the section 47 enquiry started (${s47.start_date})`);
  if (input.conferenceDate > today) fieldError('conferenceDate', 'The date of the conference must be today or in the past');
  if (s47.end_date && s47.icpc_required === false) throw new AppError('CONFLICT', 'This enquiry ended without calling a conference');
  const existing = await db.selectFrom('icpc').select('id').where('s47_enquiry_id', '=', s47.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', 'A conference has already been recorded for this enquiry');
  const icpcId = newId();
  await db
    .insertInto('icpc')
    .values({
      id: icpcId,
      s47_enquiry_id: s47.id,
      cin_episode_id: s47.cin_episode_id,
      person_id: s47.person_id,
      target_date: s47.start_date ? addWorkingDays(s47.start_date, 15) : null,
      conference_date: input.conferenceDate,
      outcome_cp_plan: input.cpPlan,
      chair_id: chair.professionalId,
      worker_id: s47.worker_id,
      team_id: s47.team_id,
    })
    .execute();
  // The enquiry ends when the conference it called is held, if it has not been ended already.
  if (!s47.end_date) {
    await db.updateTable('s47_enquiry').set({ end_date: input.conferenceDate, icpc_required: true }).where('id', '=', s47.id).execute();
  }
  if (!input.cpPlan) return { icpcId };
  const open = await db.selectFrom('cp_plan').select('id').where('person_id', '=', s47.person_id).where('end_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (open) throw new AppError('CONFLICT', 'The child already has an open child protection plan');
  const cpPlanId = newId();
  await db
    .insertInto('cp_plan')
    .values({ id: cpPlanId, cin_episode_id: s47.cin_episode_id, icpc_id: icpcId, person_id: s47.person_id, start_date: input.conferenceDate, initial_category: input.category!, latest_category: input.category! })
    .execute();
  return { icpcId, cpPlanId };
}
