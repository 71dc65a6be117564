import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { ETHNICITY, SEX } from '../platform/codes.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, requiredText } from '../platform/validation.ts';
import { likelyDuplicates } from '../people/search.ts';
import type { Actor } from './contact-outcomes.ts';
import { recordContact, recordContactInput } from './record-contact.ts';

export const newChildContactInput = recordContactInput.omit({ childIds: true }).extend({
  forename: requiredText('the child’s first name', 100),
  surname: requiredText('the child’s last name', 100),
  dob: isoDate('the child’s date of birth').optional().or(z.literal('').transform(() => undefined)),
  sex: z.enum(Object.keys(SEX) as [string, ...string[]], { error: 'Choose the child’s sex' }),
  ethnicity: z.enum(Object.keys(ETHNICITY) as [string, ...string[]]).optional().or(z.literal('').transform(() => undefined)),
  notADuplicate: z.enum(['yes']).optional().or(z.literal('').transform(() => undefined)),
});

/**
 * A contact about a child not known to the council: the person and the contact are created together.
 * Before creating anyone, likely duplicates (by a forgiving name and date-of-birth match) are shown and
 * must be ruled out, so one child does not end up with two records.
 */
export async function recordNewChildContact(trx: Executor, actor: Actor, raw: unknown, today: string) {
  const input = parseInput(newChildContactInput, raw);
  if (input.dob && input.dob > today) fieldError('dob', 'The date of birth must be today or in the past (record an unborn child with their expected date later)');
  if (!input.notADuplicate) {
    const dupes = await likelyDuplicates(trx, { forename: input.forename, surname: input.surname, dob: input.dob });
    if (dupes.length) {
      const list = dupes.slice(0, 5).map((d) => `${d.forename ?? ''} ${d.surname ?? ''}, born ${d.dob ?? 'unknown'} (${d.id})`).join('; ');
      fieldError('notADuplicate', `This child may already be known: ${list}. Search for them and record the contact on their record, or confirm none of these is the child.`);
    }
  }
  const childId = newId();
  await trx.insertInto('person').values({ id: childId, forename: input.forename, surname: input.surname, dob: input.dob ?? null, sex: input.sex, ethnicity: input.ethnicity ?? 'NOBT', person_type: 'child' }).execute();
  const contact = await recordContact(trx, actor, { ...input, childIds: [childId] }, today);
  return { childId, contactId: contact.contactIds[0]! };
}
