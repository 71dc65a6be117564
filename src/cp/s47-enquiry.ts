import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { AppError } from '../platform/errors.ts';
import { fieldError, isoDate, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { findOrThrow } from '../cin/load.ts';

export const completeS47Input = z.object({
  s47EnquiryId: recordId,
  version: z.coerce.number().int().positive(),
  endDate: isoDate('the date the enquiry ended'),
  outcome: z.enum(['icpc', 'cin', 'nfa'], { error: 'Choose the outcome of the enquiry' }),
});

/** Ends a section 47 enquiry; an outcome of "initial child protection conference" keeps the ICPC clock running. */
export async function completeS47(db: Executor, _actor: Actor, raw: unknown, today: string): Promise<void> {
  const input = parseInput(completeS47Input, raw);
  const s47 = await findOrThrow(db.selectFrom('s47_enquiry').selectAll().where('id', '=', input.s47EnquiryId).where('deleted_at', 'is', null).executeTakeFirst(), 'section 47 enquiry');
  if (s47.end_date) throw new AppError('CONFLICT', `This enquiry ended on ${s47.end_date}`);
  if (s47.start_date && input.endDate < s47.start_date) fieldError('endDate', `The enquiry cannot end before it started (${s47.start_date})`);
  if (input.endDate > today) fieldError('endDate', 'The date the enquiry ended must be today or in the past');
  await updateWithVersion(db, 's47_enquiry', s47.id, input.version, {
    end_date: input.endDate,
    icpc_required: input.outcome === 'icpc',
    outcome_nfa: input.outcome === 'nfa',
    outcome_json: JSON.stringify(input.outcome === 'icpc' ? { CP_CONFERENCE_FLAG: 'Y' } : input.outcome === 'nfa' ? { NFA_FLAG: 'Y' } : { PROV_OF_SERVICES_FLAG: 'Y' }),
  });
}
