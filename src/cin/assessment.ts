import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { ASSESSMENT_FACTORS } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { findOrThrow, openEpisode } from './load.ts';

const factorCode = z.enum(Object.keys(ASSESSMENT_FACTORS) as [string, ...string[]], { error: 'Choose factors from the list' });
const yesNo = z.enum(['yes', 'no']).transform((v) => v === 'yes');

export const startAssessmentInput = z.object({
  cinEpisodeId: recordId,
  startDate: isoDate('the date the assessment started'),
});

/** Starts a child and family assessment on a referral. */
export async function startAssessment(db: Executor, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(startAssessmentInput, raw);
  const ep = await openEpisode(db, input.cinEpisodeId, input.startDate);
  if (input.startDate < ep.referral_date) fieldError('startDate', `The assessment cannot start before the referral (${ep.referral_date})`);
  if (input.startDate > today) fieldError('startDate', 'The date the assessment started must be today or in the past');
  const id = newId();
  await db
    .insertInto('assessment')
    .values({ id, cin_episode_id: ep.id, person_id: ep.person_id, start_date: input.startDate, worker_id: actor.professionalId, team_id: ep.team_id })
    .execute();
  return id;
}

export const completeAssessmentInput = z
  .object({
    assessmentId: recordId,
    version: z.coerce.number().int().positive(),
    childSeen: yesNo,
    childSeenDate: isoDate('the date the child was seen').optional().or(z.literal('').transform(() => undefined)),
    factors: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(factorCode)),
    analysis: z.string().trim().min(1, 'Enter the analysis').max(50_000),
    outcome: z.enum(['nfa', 'cin_plan', 'strategy_discussion', 'early_help'], { error: 'Choose the outcome of the assessment' }),
    completedDate: isoDate('the date the assessment was completed'),
  })
  .refine((v) => !v.childSeen || v.childSeenDate, { path: ['childSeenDate'], message: 'Enter the date the child was seen' })
  .refine((v) => !v.factors.includes('21') || v.factors.length === 1, { path: ['factors'], message: '“No factors identified” cannot be chosen with other factors' })
  .refine((v) => new Set(v.factors).size === v.factors.length, { path: ['factors'], message: 'Choose each factor once' });

/** The social worker completes the assessment and sends it for a manager's authorisation. */
export async function completeAssessment(db: Executor, actor: Actor, raw: unknown, today: string): Promise<void> {
  const input = parseInput(completeAssessmentInput, raw);
  const a = await findOrThrow(db.selectFrom('assessment').selectAll().where('id', '=', input.assessmentId).where('deleted_at', 'is', null).executeTakeFirst(), 'assessment');
  if (a.authorised_date) throw new AppError('CONFLICT', 'This assessment has already been authorised');
  if (a.start_date && input.completedDate < a.start_date) fieldError('completedDate', `The assessment cannot be completed before it started (${a.start_date})`);
  if (input.completedDate > today) fieldError('completedDate', 'The date the assessment was completed must be today or in the past');
  if (input.childSeenDate && a.start_date && input.childSeenDate < a.start_date) fieldError('childSeenDate', 'The child must be seen during the assessment, on or after its start');
  if (input.childSeenDate && input.childSeenDate > input.completedDate) fieldError('childSeenDate', 'The child must be seen on or before the assessment is completed');
  await updateWithVersion(db, 'assessment', a.id, input.version, {
    child_seen: input.childSeen,
    child_seen_date: input.childSeenDate ?? null,
    factors: input.factors,
    analysis: input.analysis,
    completed_date: input.completedDate,
    outcome_nfa: input.outcome === 'nfa',
    outcome_json: JSON.stringify({ proposed: input.outcome }),
    worker_id: a.worker_id ?? actor.professionalId,
  });
}

export const authoriseAssessmentInput = z.object({
  assessmentId: recordId,
  version: z.coerce.number().int().positive(),
  authorisedDate: isoDate('the date of authorisation'),
  note: optionalText(4000),
});

/** A manager authorises a completed assessment: this is the date the CIN census and the 45-day clock use. */
export async function authoriseAssessment(db: Executor, manager: Actor, raw: unknown, today: string): Promise<void> {
  const input = parseInput(authoriseAssessmentInput, raw);
  const a = await findOrThrow(db.selectFrom('assessment').selectAll().where('id', '=', input.assessmentId).where('deleted_at', 'is', null).executeTakeFirst(), 'assessment');
  if (!a.completed_date) throw new AppError('CONFLICT', 'The assessment has not been completed yet');
  if (a.authorised_date) throw new AppError('CONFLICT', 'This assessment has already been authorised');
  if (a.worker_id === manager.professionalId) throw new AppError('FORBIDDEN', 'An assessment must be authorised by a manager other than its author');
  if (a.start_date && input.authorisedDate < a.start_date) fieldError('authorisedDate', `An assessment cannot be authorised before it started (${a.start_date})`);
  if (input.authorisedDate < a.completed_date) fieldError('authorisedDate', `An assessment cannot be authorised before it was completed (${a.completed_date})`);
  if (input.authorisedDate > today) fieldError('authorisedDate', 'The date of authorisation must be today or in the past');
  await updateWithVersion(db, 'assessment', a.id, input.version, { authorised_date: input.authorisedDate, authorised_by: manager.professionalId });
  if (input.note) {
    await db
      .insertInto('management_oversight')
      .values({ id: newId(), person_id: a.person_id, cin_episode_id: a.cin_episode_id, manager_id: manager.professionalId, oversight_date: input.authorisedDate, decision: input.note })
      .execute();
  }
}
