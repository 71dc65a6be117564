import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { REFERRAL_SOURCES } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { isoDate, optionalText, parseInput, recordId, requiredText, fieldError } from '../platform/validation.ts';
import type { Actor } from './contact-outcomes.ts';

export const recordContactInput = z.object({
  childIds: z.array(recordId).min(1, 'Choose at least one child').max(20, 'A contact can be about at most 20 children'),
  contactDate: isoDate('the date of the contact'),
  contactTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as hh:mm, for example 14:30')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  sourceCode: z.enum(Object.keys(REFERRAL_SOURCES) as [string, ...string[]], { error: 'Choose who made the contact' }),
  reason: requiredText('what the contact is about', 4000),
  referrerName: optionalText(200),
  referrerOrganisation: optionalText(200),
});
export type RecordContactInput = z.input<typeof recordContactInput>;

/**
 * Records a contact at the front door: one contact row per child, sharing a group id, so each child's
 * history shows it and the decision can differ per child.
 */
export async function recordContact(db: Executor, actor: Actor, raw: unknown, today: string): Promise<{ groupId: string; contactIds: string[] }> {
  const input = parseInput(recordContactInput, raw);
  if (input.contactDate > today) fieldError('contactDate', 'The date of the contact must be today or in the past');
  const children = await db.selectFrom('person').select(['id', 'dob', 'death_date']).where('id', 'in', input.childIds).where('deleted_at', 'is', null).execute();
  const missing = input.childIds.filter((id) => !children.some((c) => c.id === id));
  if (missing.length) throw new AppError('NOT_FOUND', `No child with id ${missing.join(', ')}`);
  const groupId = newId();
  const rows = [...new Set(input.childIds)].map((personId) => ({
    id: newId(),
    contact_group_id: groupId,
    person_id: personId,
    contact_date: input.contactDate,
    contact_time: input.contactTime ?? null,
    source_code: input.sourceCode,
    source_desc: REFERRAL_SOURCES[input.sourceCode as keyof typeof REFERRAL_SOURCES],
    reason: input.reason,
    referrer_name: input.referrerName ?? null,
    referrer_organisation: input.referrerOrganisation ?? null,
    recorded_by: actor.professionalId,
  }));
  await db.insertInto('contact').values(rows).execute();
  return { groupId, contactIds: rows.map((r) => r.id) };
}
