import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { isoDate, parseInput, recordId, requiredText, fieldError } from '../platform/validation.ts';
import { CLOSING_OUTCOMES, CONTACT_OUTCOMES, type Actor, type ContactOutcome } from './contact-outcomes.ts';
import { earlierContactsInYear, REPEAT_CONTACT_THRESHOLD } from './repeat-contacts.ts';

export const decideContactInput = z.object({
  contactId: recordId,
  version: z.coerce.number().int().positive(),
  outcome: z.enum(Object.keys(CONTACT_OUTCOMES) as [ContactOutcome, ...ContactOutcome[]], { error: 'Choose a decision' }),
  rationale: requiredText('the reason for the decision', 4000),
  decisionDate: isoDate('the date of the decision'),
});

export type DecisionResult =
  | { status: 'decided'; outcome: ContactOutcome; cinEpisodeId?: string; earlyHelpEpisodeId?: string }
  | { status: 'awaiting_manager_review'; earlierContacts: number };

/**
 * Decides what happens after a contact. Closing it (no further action, or advice only) for a child who
 * has had two or more other contacts in the previous 12 months is only proposed: it completes when a
 * manager reviews it (reviewContactDecision), so cumulative harm is looked at by someone senior.
 */
export async function decideContact(trx: Executor, actor: Actor, raw: unknown, today: string): Promise<DecisionResult> {
  const input = parseInput(decideContactInput, raw);
  const contact = await trx.selectFrom('contact').selectAll().where('id', '=', input.contactId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!contact) throw new AppError('NOT_FOUND', 'No such contact');
  if (contact.outcome) throw new AppError('CONFLICT', 'A decision has already been recorded on this contact');
  if (input.decisionDate < contact.contact_date) fieldError('decisionDate', 'The date of the decision must be on or after the date of the contact');
  if (input.decisionDate > today) fieldError('decisionDate', 'The date of the decision must be today or in the past');

  if (CLOSING_OUTCOMES.has(input.outcome)) {
    const earlier = await earlierContactsInYear(trx, contact);
    if (earlier.length >= REPEAT_CONTACT_THRESHOLD) {
      await updateWithVersion(trx, 'contact', contact.id, input.version, {
        proposed_outcome: input.outcome,
        proposed_rationale: input.rationale,
        proposed_by: actor.professionalId,
        proposed_date: input.decisionDate,
        manager_review_by: null,
        manager_review_date: null,
        manager_review_note: null,
        manager_review_agreed: null,
      });
      return { status: 'awaiting_manager_review', earlierContacts: earlier.length };
    }
  }
  await updateWithVersion(trx, 'contact', contact.id, input.version, {
    outcome: input.outcome,
    rationale: input.rationale,
    decision_date: input.decisionDate,
    decided_by: actor.professionalId,
  });
  return { status: 'decided', outcome: input.outcome, ...(await startWhatTheDecisionStarts(trx, contact, input.outcome, input.decisionDate, actor.professionalId)) };
}

type ContactRow = { id: string; person_id: string; source_code: string | null; source_desc: string | null };

/** A referral decision opens the CIN episode (the referral is the episode); early help opens an early help episode. */
export async function startWhatTheDecisionStarts(trx: Executor, contact: ContactRow, outcome: ContactOutcome, date: string, decidedBy?: string | null) {
  if (outcome === 'referral' || outcome === 'strategy_discussion') {
    // A child already open to children's social care keeps one episode: the contact joins it.
    const open = await trx.selectFrom('cin_episode').select('id').where('person_id', '=', contact.person_id).where('close_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
    if (open) return { cinEpisodeId: open.id };
    const id = newId();
    // The referral waits in the deciding worker's team (the front door) until a manager allocates it.
    const team = decidedBy ? await trx.selectFrom('professional').select('team_id').where('id', '=', decidedBy).executeTakeFirst() : undefined;
    await trx
      .insertInto('cin_episode')
      .values({
        id,
        team_id: team?.team_id ?? null,
        person_id: contact.person_id,
        contact_id: contact.id,
        referral_date: date,
        source_code: contact.source_code,
        source_desc: contact.source_desc,
        outcome_json: JSON.stringify(outcome === 'strategy_discussion' ? { STRATEGY_DISCUSSION_FLAG: 'Y' } : { SINGLE_ASSESSMENT_FLAG: 'Y' }),
      })
      .execute();
    return { cinEpisodeId: id };
  }
  if (outcome === 'early_help') {
    const id = newId();
    await trx.insertInto('early_help_episode').values({ id, person_id: contact.person_id, contact_id: contact.id, start_date: date, reason: 'Stepped to early help from the front door' }).execute();
    return { earlyHelpEpisodeId: id };
  }
  return {};
}
