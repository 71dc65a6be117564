import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { CP_CATEGORIES } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { findOrThrow } from '../cin/load.ts';

export const reviewConferenceInput = z.object({
  cpPlanId: recordId,
  version: z.coerce.number().int().positive(),
  reviewDate: isoDate('the date of the review conference'),
  continuePlan: z.enum(['yes', 'no'], { error: 'Say whether the plan continues' }).transform((v) => v === 'yes'),
  latestCategory: z.enum(Object.keys(CP_CATEGORIES) as [string, ...string[]]).optional().or(z.literal('').transform(() => undefined)),
  quorate: z.enum(['yes', 'no']).optional().transform((v) => (v === undefined ? undefined : v === 'yes')),
  participation: optionalText(200),
});

/**
 * A child protection review conference. It is the only way a plan ends: when the conference decides the
 * plan is no longer needed, the plan ends on the conference date.
 */
export async function recordReviewConference(db: Executor, chair: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(reviewConferenceInput, raw);
  const plan = await findOrThrow(db.selectFrom('cp_plan').selectAll().where('id', '=', input.cpPlanId).where('deleted_at', 'is', null).executeTakeFirst(), 'child protection plan');
  if (plan.end_date) throw new AppError('CONFLICT', `This plan ended on ${plan.end_date}`);
  if (input.reviewDate < plan.start_date) fieldError('reviewDate', `A review conference cannot be before the plan started (${plan.start_date})`);
  if (input.reviewDate > today) fieldError('reviewDate', 'The date of the review conference must be today or in the past');
  const id = newId();
  await db
    .insertInto('cp_review')
    .values({ id, cp_plan_id: plan.id, person_id: plan.person_id, review_date: input.reviewDate, continue_plan: input.continuePlan, quorate: input.quorate ?? null, participation: input.participation ?? null, chair_id: chair.professionalId })
    .execute();
  await updateWithVersion(db, 'cp_plan', plan.id, input.version, {
    latest_category: input.latestCategory ?? plan.latest_category,
    end_date: input.continuePlan ? null : input.reviewDate,
  });
  return id;
}

export const coreGroupInput = z.object({ cpPlanId: recordId, meetingDate: isoDate('the date of the core group'), notes: optionalText(20_000) });

export async function recordCoreGroup(db: Executor, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(coreGroupInput, raw);
  const plan = await findOrThrow(db.selectFrom('cp_plan').selectAll().where('id', '=', input.cpPlanId).where('deleted_at', 'is', null).executeTakeFirst(), 'child protection plan');
  if (input.meetingDate < plan.start_date) fieldError('meetingDate', `A core group cannot meet before the plan started (${plan.start_date})`);
  if (plan.end_date && input.meetingDate > plan.end_date) fieldError('meetingDate', `The plan ended on ${plan.end_date}`);
  if (input.meetingDate > today) fieldError('meetingDate', 'The date of the core group must be today or in the past');
  const id = newId();
  await db.insertInto('core_group_meeting').values({ id, cp_plan_id: plan.id, person_id: plan.person_id, meeting_date: input.meetingDate, notes: input.notes ?? null }).execute();
  return id;
}
