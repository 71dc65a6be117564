import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { AppError } from '../platform/errors.ts';
import { isoDate, parseInput, recordId, requiredText, fieldError } from '../platform/validation.ts';
import type { Actor } from './contact-outcomes.ts';
import { startWhatTheDecisionStarts, type DecisionResult } from './decide-contact.ts';

export const reviewContactInput = z.object({
  contactId: recordId,
  version: z.coerce.number().int().positive(),
  agreed: z.enum(['yes', 'no'], { error: 'Say whether you agree with the proposed decision' }).transform((v) => v === 'yes'),
  note: requiredText('your review of the contact history', 4000),
  reviewDate: isoDate('the date of the review'),
});

/**
 * A manager's review of a proposed closure on a repeat contact. Agreeing completes the decision; not
 * agreeing sends it back to the worker (the proposal is cleared and the manager's note kept on the contact).
 */
export async function reviewContactDecision(trx: Executor, manager: Actor, raw: unknown, today: string): Promise<DecisionResult | { status: 'returned_to_worker' }> {
  const input = parseInput(reviewContactInput, raw);
  const contact = await trx.selectFrom('contact').selectAll().where('id', '=', input.contactId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!contact) throw new AppError('NOT_FOUND', 'No such contact');
  if (!contact.proposed_outcome || contact.outcome) throw new AppError('CONFLICT', 'There is no proposed decision waiting for review on this contact');
  if (contact.proposed_by === manager.professionalId) throw new AppError('FORBIDDEN', 'A proposed decision must be reviewed by a manager other than the person who proposed it');
  if (input.reviewDate < (contact.proposed_date ?? contact.contact_date)) fieldError('reviewDate', 'The date of the review must be on or after the proposed decision');
  if (input.reviewDate > today) fieldError('reviewDate', 'The date of the review must be today or in the past');

  const review = { manager_review_by: manager.professionalId, manager_review_date: input.reviewDate, manager_review_note: input.note, manager_review_agreed: input.agreed };
  if (!input.agreed) {
    await updateWithVersion(trx, 'contact', contact.id, input.version, { ...review, proposed_outcome: null, proposed_rationale: null, proposed_by: null, proposed_date: null });
    return { status: 'returned_to_worker' };
  }
  const outcome = contact.proposed_outcome as 'nfa' | 'advice';
  await updateWithVersion(trx, 'contact', contact.id, input.version, {
    ...review,
    outcome,
    rationale: contact.proposed_rationale,
    decided_by: contact.proposed_by,
    decision_date: input.reviewDate,
  });
  return { status: 'decided', outcome, ...(await startWhatTheDecisionStarts(trx, contact, outcome, input.reviewDate, contact.proposed_by)) };
}
