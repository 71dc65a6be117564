import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { ageOn } from '../platform/calendar/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

const yesNo = z.enum(['yes', 'no'], { error: 'Answer yes or no' }).transform((v) => v === 'yes');

export const recordVisitInput = z
  .object({
    childId: recordId,
    visitType: z.enum(['cin', 'cp', 'cla'], { error: 'Choose the kind of visit' }),
    visitDate: isoDate('the date of the visit'),
    seen: yesNo,
    seenAlone: yesNo,
    seenBedroom: yesNo.optional(),
    notes: optionalText(20_000),
  })
  .refine((v) => v.seen || !v.seenAlone, { path: ['seenAlone'], message: 'A child who was not seen cannot have been seen alone' });

/**
 * Records a statutory visit against the plan or period of care open on the visit date: a CIN visit
 * against the child in need plan, a CP visit against the child protection plan, a CLA visit against the
 * period of care. A visit in the future, or when no such plan was open, is refused.
 */
export async function recordVisit(db: Executor, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(recordVisitInput, raw);
  if (input.visitDate > today) fieldError('visitDate', 'The date of the visit must be today or in the past');
  const child = await db.selectFrom('person').select(['id', 'dob']).where('id', '=', input.childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  if (child.dob && input.visitDate < child.dob) fieldError('visitDate', 'The visit cannot be before the child was born');
  if (child.dob && ageOn(child.dob, input.visitDate) >= 18) fieldError('visitDate', 'Statutory visits are to children under 18; record contact with a care leaver instead');
  const openOn = <T extends 'cin_plan' | 'cp_plan' | 'period_of_care'>(table: T) =>
    db
      .selectFrom(table as 'cin_plan')
      .select('id')
      .where('person_id', '=', input.childId)
      .where('start_date', '<=', input.visitDate)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', input.visitDate)]))
      .where('deleted_at', 'is', null)
      .orderBy('start_date', 'desc')
      .executeTakeFirst();
  const table = ({ cin: 'cin_plan', cp: 'cp_plan', cla: 'period_of_care' } as const)[input.visitType];
  const subject = await openOn(table);
  const what = { cin: 'child in need plan', cp: 'child protection plan', cla: 'period of care' }[input.visitType];
  if (!subject) fieldError('visitType', `The child had no ${what} open on ${input.visitDate}`);
  const id = newId();
  await db
    .insertInto('visit')
    .values({
      id,
      visit_type: input.visitType,
      person_id: input.childId,
      cin_plan_id: input.visitType === 'cin' ? subject.id : null,
      cp_plan_id: input.visitType === 'cp' ? subject.id : null,
      period_of_care_id: input.visitType === 'cla' ? subject.id : null,
      visit_date: input.visitDate,
      seen: input.seen,
      seen_alone: input.seenAlone,
      seen_bedroom: input.seenBedroom ?? null,
      worker_id: actor.professionalId,
      notes: input.notes ?? null,
    })
    .execute();
  return id;
}
