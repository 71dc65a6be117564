import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId, requiredText } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { openEpisode } from '../cin/load.ts';

export const strategyDiscussionInput = z.object({
  cinEpisodeId: recordId,
  discussionDate: isoDate('the date of the strategy discussion'),
  attendees: optionalText(2000),
  s47Required: z.enum(['yes', 'no'], { error: 'Say whether a section 47 enquiry is needed' }).transform((v) => v === 'yes'),
  rationale: requiredText('the reasons for the decision', 4000),
});

/** A strategy discussion; when it decides a section 47 enquiry is needed, the enquiry starts that day. */
export async function recordStrategyDiscussion(db: Executor, actor: Actor, raw: unknown, today: string): Promise<{ strategyDiscussionId: string; s47EnquiryId?: string }> {
  const input = parseInput(strategyDiscussionInput, raw);
  const ep = await openEpisode(db, input.cinEpisodeId, input.discussionDate);
  if (input.discussionDate < ep.referral_date) fieldError('discussionDate', `A strategy discussion cannot be before the referral (${ep.referral_date})`);
  if (input.discussionDate > today) fieldError('discussionDate', 'The date of the strategy discussion must be today or in the past');
  const strategyDiscussionId = newId();
  await db
    .insertInto('strategy_discussion')
    .values({ id: strategyDiscussionId, cin_episode_id: ep.id, person_id: ep.person_id, discussion_date: input.discussionDate, attendees: input.attendees ?? null, s47_required: input.s47Required, rationale: input.rationale, chaired_by: actor.professionalId })
    .execute();
  if (!input.s47Required) return { strategyDiscussionId };
  const s47EnquiryId = newId();
  await db
    .insertInto('s47_enquiry')
    .values({ id: s47EnquiryId, cin_episode_id: ep.id, person_id: ep.person_id, strategy_discussion_id: strategyDiscussionId, start_date: input.discussionDate, worker_id: actor.professionalId, team_id: ep.team_id })
    .execute();
  return { strategyDiscussionId, s47EnquiryId };
}
