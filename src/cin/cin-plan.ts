import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { findOrThrow, openEpisode } from './load.ts';

export const startCinPlanInput = z.object({ cinEpisodeId: recordId, startDate: isoDate('the date the plan started') });

export async function startCinPlan(db: Executor, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(startCinPlanInput, raw);
  const ep = await openEpisode(db, input.cinEpisodeId, input.startDate);
  if (input.startDate < ep.referral_date) fieldError('startDate', `A plan cannot start before the referral (${ep.referral_date})`);
  if (input.startDate > today) fieldError('startDate', 'The date the plan started must be today or in the past');
  const open = await db.selectFrom('cin_plan').select('id').where('cin_episode_id', '=', ep.id).where('end_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (open) throw new AppError('CONFLICT', 'This referral already has an open child in need plan');
  const id = newId();
  await db.insertInto('cin_plan').values({ id, cin_episode_id: ep.id, person_id: ep.person_id, start_date: input.startDate, worker_id: actor.professionalId, team_id: ep.team_id }).execute();
  return id;
}

export const endCinPlanInput = z.object({ cinPlanId: recordId, version: z.coerce.number().int().positive(), endDate: isoDate('the date the plan ended') });

export async function endCinPlan(db: Executor, _actor: Actor, raw: unknown, today: string): Promise<void> {
  const input = parseInput(endCinPlanInput, raw);
  const plan = await findOrThrow(db.selectFrom('cin_plan').selectAll().where('id', '=', input.cinPlanId).where('deleted_at', 'is', null).executeTakeFirst(), 'child in need plan');
  if (plan.end_date) throw new AppError('CONFLICT', `This plan ended on ${plan.end_date}`);
  if (input.endDate < plan.start_date) fieldError('endDate', `A plan cannot end before it started (${plan.start_date})`);
  if (input.endDate > today) fieldError('endDate', 'The date the plan ended must be today or in the past');
  await updateWithVersion(db, 'cin_plan', plan.id, input.version, { end_date: input.endDate });
}

export const reviewCinPlanInput = z.object({ cinPlanId: recordId, reviewDate: isoDate('the date of the review'), outcome: optionalText(4000) });

export async function reviewCinPlan(db: Executor, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(reviewCinPlanInput, raw);
  const plan = await findOrThrow(db.selectFrom('cin_plan').selectAll().where('id', '=', input.cinPlanId).where('deleted_at', 'is', null).executeTakeFirst(), 'child in need plan');
  if (input.reviewDate < plan.start_date) fieldError('reviewDate', `A review cannot be before the plan started (${plan.start_date})`);
  if (plan.end_date && input.reviewDate > plan.end_date) fieldError('reviewDate', `The plan ended on ${plan.end_date}`);
  if (input.reviewDate > today) fieldError('reviewDate', 'The date of the review must be today or in the past');
  const id = newId();
  await db.insertInto('cin_plan_review').values({ id, cin_plan_id: plan.id, person_id: plan.person_id, review_date: input.reviewDate, outcome: input.outcome ?? null }).execute();
  return id;
}
