// The recurring records of a child in care and a care leaver: looked-after reviews, health and dental
// checks, personal education plans, missing episodes, permanence plans, pathway plans and personal adviser
// contact. Each is dated, validated against the period of care, and feeds the statutory clocks.
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { REVIEW_PARTICIPATION } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

const blank = <T extends z.ZodType>(t: T) => t.optional().or(z.literal('').transform(() => undefined));
const yesNo = z.enum(['yes', 'no'], { error: 'Answer yes or no' }).transform((v) => v === 'yes');

async function careOn(db: Db, childId: string, date: string, field: string) {
  const period = await db
    .selectFrom('period_of_care')
    .selectAll()
    .where('person_id', '=', childId)
    .where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!period) fieldError(field, `The child was not looked after on ${date}`);
  return period;
}

function notFuture(date: string, today: string, field: string) {
  if (date > today) fieldError(field, 'The date must be today or in the past');
}

export const claReviewInput = z.object({
  childId: recordId,
  reviewDate: isoDate('the date of the review'),
  participation: z.enum(Object.keys(REVIEW_PARTICIPATION) as [string, ...string[]], { error: 'Choose how the child took part' }),
  permanencePlanReviewed: yesNo,
});

export async function recordClaReview(db: Db, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(claReviewInput, raw);
  notFuture(input.reviewDate, today, 'reviewDate');
  const period = await careOn(db, input.childId, input.reviewDate, 'reviewDate');
  const id = newId();
  await db.insertInto('cla_review').values({ id, period_of_care_id: period.id, person_id: input.childId, review_date: input.reviewDate, participation: input.participation, permanence_plan_reviewed: input.permanencePlanReviewed, iro_id: actor.professionalId }).execute();
  return id;
}

export const healthCheckInput = z.object({
  childId: recordId,
  checkType: z.enum(['initial_health_assessment', 'review_health_assessment', 'dental', 'optician'], { error: 'Choose the kind of check' }),
  checkDate: isoDate('the date of the check'),
  status: optionalText(100),
});

export async function recordHealthCheck(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(healthCheckInput, raw);
  notFuture(input.checkDate, today, 'checkDate');
  const child = await db.selectFrom('person').select(['id', 'dob']).where('id', '=', input.childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  if (child.dob && input.checkDate < child.dob) fieldError('checkDate', 'The check cannot be before the child was born');
  const id = newId();
  await db.insertInto('health_check').values({ id, person_id: input.childId, check_type: input.checkType, check_date: input.checkDate, status: input.status ?? null }).execute();
  return id;
}

export const pepInput = z.object({ childId: recordId, pepDate: isoDate('the date of the PEP'), school: optionalText(200), quality: blank(z.enum(['good', 'requires_improvement', 'inadequate'])) });

export async function recordPep(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(pepInput, raw);
  notFuture(input.pepDate, today, 'pepDate');
  const period = await careOn(db, input.childId, input.pepDate, 'pepDate');
  const id = newId();
  await db.insertInto('pep').values({ id, person_id: input.childId, period_of_care_id: period.id, pep_date: input.pepDate, school: input.school ?? null, quality: input.quality ?? null }).execute();
  return id;
}

export const missingInput = z
  .object({
    childId: recordId,
    episodeType: z.enum(['MISSING', 'AWAY'], { error: 'Choose missing or away from placement' }),
    startDate: isoDate('the date the child went missing'),
    endDate: blank(isoDate('the date the child returned')),
    rhiOffered: blank(yesNo),
    rhiAccepted: blank(yesNo),
  })
  .refine((v) => !v.rhiAccepted || v.rhiOffered, { path: ['rhiAccepted'], message: 'A return-home interview cannot be accepted unless it was offered' });

export async function recordMissingEpisode(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(missingInput, raw);
  notFuture(input.startDate, today, 'startDate');
  if (input.endDate && input.endDate < input.startDate) fieldError('endDate', 'The child cannot return before they went missing');
  if (input.endDate) notFuture(input.endDate, today, 'endDate');
  const id = newId();
  await db
    .insertInto('missing_episode')
    .values({ id, person_id: input.childId, episode_type: input.episodeType, start_date: input.startDate, end_date: input.endDate ?? null, rhi_offered: input.rhiOffered ?? null, rhi_accepted: input.rhiAccepted ?? null })
    .execute();
  return id;
}

export const permanencePlanInput = z.object({
  childId: recordId,
  startDate: isoDate('the date of the plan'),
  plan: z.enum(['REMAINSUP', 'RETURN1M', 'RETURN6M', 'RETURNEV', 'LTRELFR', 'LTFOST18', 'RESPLMT', 'SUPPLIV', 'ADOPTION', 'OTHERPLN'], { error: 'Choose the permanence plan' }),
});

/** A new permanence plan replaces the current one from its date. */
export async function recordPermanencePlan(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(permanencePlanInput, raw);
  notFuture(input.startDate, today, 'startDate');
  const period = await careOn(db, input.childId, input.startDate, 'startDate');
  await db.updateTable('permanence_plan').set({ end_date: input.startDate }).where('person_id', '=', input.childId).where('end_date', 'is', null).where('start_date', '<', input.startDate).execute();
  const id = newId();
  await db.insertInto('permanence_plan').values({ id, person_id: input.childId, period_of_care_id: period.id, start_date: input.startDate, plan: input.plan }).execute();
  return id;
}

export const pathwayPlanInput = z.object({ childId: recordId, planDate: isoDate('the date of the pathway plan'), isReview: yesNo });

export async function recordPathwayPlan(db: Db, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(pathwayPlanInput, raw);
  notFuture(input.planDate, today, 'planDate');
  const id = newId();
  await db.insertInto('pathway_plan').values({ id, person_id: input.childId, plan_date: input.planDate, is_review: input.isReview, worker_id: actor.professionalId }).execute();
  return id;
}

export const paContactInput = z.object({ childId: recordId, contactDate: isoDate('the date of the contact'), method: blank(z.enum(['in_person', 'phone', 'video', 'message'])) });

export async function recordPaContact(db: Db, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(paContactInput, raw);
  notFuture(input.contactDate, today, 'contactDate');
  const id = newId();
  await db.insertInto('pa_contact').values({ id, person_id: input.childId, contact_date: input.contactDate, worker_id: actor.professionalId, method: input.method ?? null }).execute();
  return id;
}
