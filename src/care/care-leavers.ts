// Care leavers: the needs assessment at 16 (due within three months of becoming an eligible child), the
// dated care-leaver record (in touch, accommodation and its suitability, activity, staying put) that the
// SSDA903 OC3 table, Annex A List 9 and the indicators read, and requests for personal adviser support to
// 25 after the 21st birthday (Children and Social Work Act 2017, s.3).
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { addDays, addMonths, addYears, ageOn } from '../platform/calendar/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { careLeaverEligibility, type CareLeaverCategory, type CareSpell } from './eligibility.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../platform/codes.ts';

const blank = <T extends z.ZodType>(t: T) => t.optional().or(z.literal('').transform(() => undefined));
const code = (list: Record<string, string>, message: string) => z.enum(Object.keys(list) as [string, ...string[]], { error: message });

/** The category as the SSD and the indicators spell it ('former relevant', with a space). */
export const storedCategory = (c: CareLeaverCategory) => c.replace('_', ' ');

/** Periods of care as eligibility spells: a period looked after only under short breaks (V3/V4 throughout) is marked. */
export async function careSpellsOf(db: Db, childId: string): Promise<CareSpell[]> {
  const [periods, statuses] = await Promise.all([
    db.selectFrom('period_of_care').select(['id', 'start_date', 'end_date']).where('person_id', '=', childId).where('deleted_at', 'is', null).execute(),
    db.selectFrom('legal_status').select(['period_of_care_id', 'code']).where('person_id', '=', childId).where('deleted_at', 'is', null).execute(),
  ]);
  return periods.map((p) => {
    const codes = statuses.filter((s) => s.period_of_care_id === p.id).map((s) => s.code);
    return { startDate: p.start_date, endDate: p.end_date, shortBreaksOnly: codes.length > 0 && codes.every((c) => c === 'V3' || c === 'V4') };
  });
}

async function childWithDob(db: Db, childId: string) {
  const child = await db.selectFrom('person').select(['id', 'dob']).where('id', '=', childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  if (!child.dob) throw new AppError('CONFLICT', 'Record the young person’s date of birth first: care-leaver status depends on it');
  return { id: child.id, dob: child.dob };
}

// ------------------------------------------------------------------------------ needs assessment

/** The first day the young person was an eligible child (looked after at 16 or 17 with 13 weeks since 14), up to `asOf`. */
export function eligibleFrom(dob: string, spells: CareSpell[], asOf: string): string | null {
  const last = addDays(addYears(dob, 18), -1);
  for (let d = addYears(dob, 16); d <= last && d <= asOf; d = addDays(d, 1)) {
    if (careLeaverEligibility(dob, spells, d).category === 'eligible') return d;
  }
  return null;
}

export interface NeedsAssessmentDue {
  eligibleFrom: string;
  dueDate: string;
  completedDate: string | null;
  status: 'met' | 'late' | 'due' | 'overdue';
}

/**
 * Regulation 42 of the Care Planning, Placement and Case Review (England) Regulations 2010: the needs
 * assessment of an eligible child within three months of the 16th birthday or of becoming eligible, if
 * later. Null when the young person never became an eligible child. Any needs assessment on or after the
 * day three months before the 16th birthday completes it.
 */
export function needsAssessmentDue(dob: string, spells: CareSpell[], assessmentDates: string[], asOf: string): NeedsAssessmentDue | null {
  const from = eligibleFrom(dob, spells, asOf);
  if (!from) return null;
  const dueDate = addMonths(from, 3);
  const earliest = addMonths(addYears(dob, 16), -3);
  const completedDate = assessmentDates.filter((d) => d >= earliest && d <= asOf).sort()[0] ?? null;
  const status = completedDate ? (completedDate <= dueDate ? 'met' : 'late') : asOf > dueDate ? 'overdue' : 'due';
  return { eligibleFrom: from, dueDate, completedDate, status };
}

export const needsAssessmentInput = z.object({ childId: recordId, assessmentDate: isoDate('the date of the needs assessment'), summary: optionalText(20_000) });

export async function recordNeedsAssessment(db: Db, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(needsAssessmentInput, raw);
  if (input.assessmentDate > today) fieldError('assessmentDate', 'The date must be today or in the past');
  const child = await childWithDob(db, input.childId);
  if (input.assessmentDate < addMonths(addYears(child.dob, 16), -3)) fieldError('assessmentDate', 'A leaving-care needs assessment is made from three months before the 16th birthday');
  if (input.assessmentDate >= addYears(child.dob, 18)) fieldError('assessmentDate', 'The needs assessment is for an eligible child, before the 18th birthday');
  const id = newId();
  await db.insertInto('leaving_care_needs_assessment').values({ id, person_id: child.id, assessment_date: input.assessmentDate, worker_id: actor.professionalId, summary: input.summary ?? null }).execute();
  return id;
}

// ------------------------------------------------------------------------------ care-leaver record

export const circumstancesFields = z.object({
    childId: recordId,
    recordDate: isoDate('the date of this record'),
    inTouch: code(CARE_LEAVER_IN_TOUCH, 'Choose whether we are in touch'),
    accommodation: blank(code(CARE_LEAVER_ACCOMMODATION, 'Choose the kind of accommodation')),
    accommodationSuitable: blank(z.enum(['1', '2'], { error: 'Choose whether the accommodation is suitable' })),
    activity: blank(code(CARE_LEAVER_ACTIVITY, 'Choose the main activity')),
    stayingPut: blank(z.enum(['yes', 'no']).transform((v) => v === 'yes')),
});
export const circumstancesInput = circumstancesFields
  .refine((v) => !v.accommodation || v.accommodationSuitable, { path: ['accommodationSuitable'], message: 'Say whether the accommodation is suitable' })
  .refine((v) => v.accommodation || !v.accommodationSuitable, { path: ['accommodation'], message: 'Choose the kind of accommodation whose suitability you recorded' });

/**
 * A dated care-leaver record: the eligibility computed from the care history on that date is stored with
 * it (the SSD and the 903 keep it on the record), beside in touch, accommodation, activity and staying put.
 */
export async function recordCareLeaverCircumstances(db: Db, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(circumstancesInput, raw);
  if (input.recordDate > today) fieldError('recordDate', 'The date must be today or in the past');
  const child = await childWithDob(db, input.childId);
  const result = careLeaverEligibility(child.dob, await careSpellsOf(db, child.id), input.recordDate);
  if (!result.category) fieldError('recordDate', `The young person was not a care leaver on ${input.recordDate}: ${result.reasoning.at(-1)}`);
  if (input.stayingPut && ageOn(child.dob, input.recordDate) < 18) fieldError('stayingPut', 'Staying put is for a young person of 18 or over living with their former foster carers');
  if (input.stayingPut && result.category !== 'former_relevant') fieldError('stayingPut', 'Staying put is for a former relevant young person who was in foster care');
  const allocation = await db
    .selectFrom('involvement')
    .leftJoin('professional', 'professional.id', 'involvement.professional_id')
    .select(['involvement.professional_id', 'involvement.team_id', 'professional.name'])
    .where('involvement.person_id', '=', child.id)
    .where('involvement.role', '=', '16PLUS')
    .where('involvement.start_date', '<=', input.recordDate)
    .where((eb) => eb.or([eb('involvement.end_date', 'is', null), eb('involvement.end_date', '>=', input.recordDate)]))
    .where('involvement.deleted_at', 'is', null)
    .orderBy('involvement.start_date', 'desc')
    .executeTakeFirst();
  const id = newId();
  await db
    .insertInto('care_leaver')
    .values({
      id,
      person_id: child.id,
      record_date: input.recordDate,
      eligibility: storedCategory(result.category),
      in_touch: input.inTouch,
      accommodation: input.accommodation ?? null,
      accommodation_suitable: input.accommodationSuitable ?? null,
      activity: input.activity ?? null,
      staying_put: input.stayingPut ?? null,
      personal_adviser_name: allocation?.name ?? null,
      worker_id: allocation?.professional_id ?? actor.professionalId,
      team_id: allocation?.team_id ?? null,
      support_requested_after_21: (await supportRequestOn(db, child.id, input.recordDate)) !== null,
    })
    .execute();
  return id;
}

// ------------------------------------------------------------------------------ support to 25

async function supportRequestOn(db: Db, childId: string, date: string): Promise<string | null> {
  const r = await db.selectFrom('care_leaver_support_request').select('request_date').where('person_id', '=', childId).where('request_date', '<=', date).where('deleted_at', 'is', null).orderBy('request_date').executeTakeFirst();
  return r?.request_date ?? null;
}

export const supportRequestInput = z.object({ childId: recordId, requestDate: isoDate('the date the young person asked for support') });

/** A former relevant young person aged 21 to 24 asks for personal adviser support: it then runs to 25. */
export async function recordSupportRequest(db: Db, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(supportRequestInput, raw);
  if (input.requestDate > today) fieldError('requestDate', 'The date must be today or in the past');
  const child = await childWithDob(db, input.childId);
  const age = ageOn(child.dob, input.requestDate);
  if (age < 21) fieldError('requestDate', 'Support is requested from the 21st birthday; until then the young person is entitled to a personal adviser anyway');
  if (age >= 25) fieldError('requestDate', 'Personal adviser support ends at 25');
  const result = careLeaverEligibility(child.dob, await careSpellsOf(db, child.id), input.requestDate);
  if (result.category !== 'former_relevant') fieldError('requestDate', 'Only a former relevant care leaver may ask for personal adviser support after 21');
  const earlier = await supportRequestOn(db, child.id, '9999-12-31');
  if (earlier) throw new AppError('CONFLICT', `The young person asked for support on ${earlier}; it runs to their 25th birthday`);
  const id = newId();
  await db.insertInto('care_leaver_support_request').values({ id, person_id: child.id, request_date: input.requestDate, worker_id: actor.professionalId }).execute();
  return id;
}

export interface PaEntitlement {
  /** The last day of personal adviser support as things stand (the day before the birthday it ends on). */
  until: string | null;
  reason: string;
}

/**
 * Personal adviser support for an eligible, relevant or former relevant young person: to 21; after 21 to
 * 25 once the young person asks for it (a request record), and it stays to 25 once asked.
 */
export function paEntitlement(dob: string, category: CareLeaverCategory | null, supportRequestDate: string | null, asOf: string): PaEntitlement {
  if (!category || category === 'qualifying') return { until: null, reason: 'Not entitled to a personal adviser (qualifying care leavers get advice and assistance).' };
  const twentyFirst = addYears(dob, 21);
  const twentyFifth = addYears(dob, 25);
  if (supportRequestDate && supportRequestDate <= asOf) return { until: addDays(twentyFifth, -1), reason: `Asked for support on ${supportRequestDate}: a personal adviser to the 25th birthday (${twentyFifth}).` };
  if (asOf < twentyFirst) return { until: addDays(twentyFirst, -1), reason: `A personal adviser to the 21st birthday (${twentyFirst}); after that, to 25 on request.` };
  return { until: null, reason: `21 or over and has not asked for support: offer a personal adviser to the 25th birthday (${twentyFifth}) on request.` };
}
