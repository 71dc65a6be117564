import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { CARE_CEASED_REASONS, isCode, LEGACY_PLACEMENT_MESSAGES, LEGACY_PLACEMENT_TYPES, LEGAL_STATUS, LONG_TERM_FOSTERING, PLACEMENT_CHANGE_REASONS, PLACEMENT_PROVIDERS, PLACEMENT_TYPES, PRIMARY_NEED, UNREGISTERED_IF_NO_URN } from '../platform/codes.ts';
import { ageOn } from '../platform/calendar/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { deriveEpisodes } from './episodes.ts';
import { CONNECTED_PERSON_TYPES, FOSTER_PLACEMENT_TYPES, VISIT_REGIMES } from '../platform/codes.ts';

const code = (list: Record<string, string>, message: string) => z.enum(Object.keys(list) as [string, ...string[]], { error: message });
const blankToUndefined = <T extends z.ZodType>(t: T) => t.optional().or(z.literal('').transform(() => undefined));

/**
 * A placement type for a new placement: a 2025/26 code. A code the DfE withdrew (H5, P2, Z1) is refused
 * with what to choose instead; older records keep theirs (codes.ts LEGACY_PLACEMENT_TYPES).
 */
const placementType = z.enum(Object.keys(PLACEMENT_TYPES) as [keyof typeof PLACEMENT_TYPES, ...(keyof typeof PLACEMENT_TYPES)[]], {
  error: (issue) => (isCode(LEGACY_PLACEMENT_TYPES, issue.input) ? LEGACY_PLACEMENT_MESSAGES[issue.input] : 'Choose the type of placement'),
});

export const placementFields = {
  placementType,
  provider: code(PLACEMENT_PROVIDERS, 'Choose the placement provider'),
  urn: blankToUndefined(z.string().trim().regex(/^(SC\d{6}|\d{7}|XXXXXXX)$/, 'Enter the Ofsted URN (SC and 6 digits, or 7 digits), or XXXXXXX if there is none')),
  postcode: blankToUndefined(z.string().trim().toUpperCase().regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a real postcode')),
  distanceMiles: blankToUndefined(z.coerce.number().min(0, 'Distance cannot be negative').max(1000, 'Distance must be under 1,000 miles')),
  inArea: blankToUndefined(z.enum(['yes', 'no']).transform((v) => v === 'yes')),
  providerName: optionalText(200),
  carerId: blankToUndefined(recordId),
  fosterHouseholdId: blankToUndefined(recordId),
  visitRegime: blankToUndefined(z.enum(Object.keys(VISIT_REGIMES) as [string, ...string[]], { error: 'Choose which visiting rule applies' })),
};

type PlacementInput = z.infer<z.ZodObject<typeof placementFields>>;

/** Supported accommodation is for young people of 16 and 17 (Supported Accommodation (England) Regulations 2023; 903 rule 371). */
const SUPPORTED_ACCOMMODATION_MIN_AGE = 16;

/** Checks a placement's household, visit variant and the child's age against its type, before anything is written. */
async function checkPlacement(db: Db, p: PlacementInput, startDate: string, childId: string): Promise<void> {
  if (p.placementType === 'K3') {
    const child = await db.selectFrom('person').select('dob').where('id', '=', childId).executeTakeFirst();
    if (child?.dob && ageOn(child.dob, startDate) < SUPPORTED_ACCOMMODATION_MIN_AGE) {
      fieldError('placementType', `Supported accommodation (K3) is only for young people aged 16 or 17: the child is ${ageOn(child.dob, startDate)} on ${startDate}`);
    }
  }
  if (p.carerId && !(await db.selectFrom('person').select('id').where('id', '=', p.carerId).where('deleted_at', 'is', null).executeTakeFirst())) fieldError('carerId', 'There is no such carer');
  if (p.fosterHouseholdId) {
    if (!FOSTER_PLACEMENT_TYPES.has(p.placementType)) fieldError('fosterHouseholdId', 'Only a foster placement (U1 to U6) can be with one of our foster households');
    const household = await db.selectFrom('foster_household').select(['approved_date', 'deregistered_date']).where('id', '=', p.fosterHouseholdId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!household) fieldError('fosterHouseholdId', 'Choose one of the council’s foster households');
    if (household.approved_date > startDate || (household.deregistered_date && household.deregistered_date <= startDate)) fieldError('fosterHouseholdId', `That household was not approved on ${startDate}`);
  }
  if (p.visitRegime === 'parent_before_assessment' && p.placementType !== 'P1') fieldError('visitRegime', 'This visiting rule is only for a child placed with a parent (P1)');
  if (p.visitRegime === 'connected_person_temporary' && !CONNECTED_PERSON_TYPES.has(p.placementType)) fieldError('visitRegime', 'This visiting rule is only for a foster placement with a relative or friend (U1 to U3)');
}

export const startCareInput = z.object({
  childId: recordId,
  startDate: isoDate('the date the child became looked after'),
  legalStatus: code(LEGAL_STATUS, 'Choose the legal status'),
  primaryNeedCode: blankToUndefined(code(PRIMARY_NEED, 'Choose the category of need')),
  homePostcode: blankToUndefined(z.string().trim().toUpperCase().regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a real postcode')),
  carePlan: optionalText(20_000),
  ...placementFields,
});

/** A child becomes looked after: the period of care, its first legal status and first placement, and the derived 903 episodes. */
export async function startPeriodOfCare(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(startCareInput, raw);
  if (input.startDate > today) fieldError('startDate', 'The date the child became looked after must be today or in the past');
  const child = await db.selectFrom('person').select(['id', 'dob']).where('id', '=', input.childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  if (child.dob && input.startDate < child.dob) fieldError('startDate', 'A child cannot become looked after before they were born');
  const open = await db.selectFrom('period_of_care').select(['id', 'start_date', 'end_date']).where('person_id', '=', input.childId).where('deleted_at', 'is', null).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', input.startDate)])).executeTakeFirst();
  if (open) fieldError('startDate', open.end_date ? `The child was looked after until ${open.end_date}` : `The child has been looked after since ${open.start_date}`);
  await checkPlacement(db, input, input.startDate, input.childId);
  const episode = await db.selectFrom('cin_episode').select('id').where('person_id', '=', input.childId).where('close_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  const id = newId();
  await db
    .insertInto('period_of_care')
    .values({ id, person_id: input.childId, cin_episode_id: episode?.id ?? null, start_date: input.startDate, primary_need_code: input.primaryNeedCode ?? null, home_postcode: input.homePostcode ?? null, care_plan: input.carePlan ?? null })
    .execute();
  await db.insertInto('legal_status').values({ id: newId(), person_id: input.childId, period_of_care_id: id, code: input.legalStatus, start_date: input.startDate }).execute();
  await insertPlacement(db, id, input.childId, input.startDate, input);
  await rebuildEpisodes(db, id);
  return id;
}

async function insertPlacement(db: Db, periodId: string, childId: string, startDate: string, p: PlacementInput) {
  const id = newId();
  await db
    .insertInto('placement')
    .values({
      id,
      period_of_care_id: periodId,
      person_id: childId,
      start_date: startDate,
      placement_type: p.placementType,
      provider: p.provider,
      urn: p.urn ?? null,
      postcode: p.postcode ?? null,
      distance_miles: p.distanceMiles ?? null,
      in_area: p.inArea ?? null,
      provider_name: p.providerName ?? null,
      carer_id: p.carerId ?? null,
      foster_household_id: p.fosterHouseholdId ?? null,
      visit_regime: p.visitRegime ?? null,
      long_term_to_18: LONG_TERM_FOSTERING.has(p.placementType),
      // A placement with no registered provider where one is required (including K3, supported
      // accommodation) is flagged for sufficiency reports.
      unregistered: p.urn === 'XXXXXXX' && UNREGISTERED_IF_NO_URN.has(p.placementType),
    })
    .execute();
  return id;
}

async function periodOrThrow(db: Db, periodId: string) {
  const period = await db.selectFrom('period_of_care').selectAll().where('id', '=', periodId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!period) throw new AppError('NOT_FOUND', 'No such period of care');
  return period;
}

export const movePlacementInput = z.object({
  periodOfCareId: recordId,
  moveDate: isoDate('the date of the move'),
  changeReason: code(PLACEMENT_CHANGE_REASONS, 'Choose the reason the placement changed'),
  ...placementFields,
});

/**
 * A placement move: the current placement ends on the move date (the 903 convention: an episode ends the
 * day the next begins) with the reason, and the new one starts. A move before the current placement
 * started, outside the period of care, or in the future is refused.
 */
export async function movePlacement(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(movePlacementInput, raw);
  const period = await periodOrThrow(db, input.periodOfCareId);
  if (input.moveDate > today) fieldError('moveDate', 'The date of the move must be today or in the past');
  if (input.moveDate < period.start_date) fieldError('moveDate', `A placement cannot start before the period of care (${period.start_date})`);
  if (period.end_date && input.moveDate > period.end_date) fieldError('moveDate', `The child stopped being looked after on ${period.end_date}`);
  const current = await db.selectFrom('placement').selectAll().where('period_of_care_id', '=', period.id).where('deleted_at', 'is', null).orderBy('start_date', 'desc').executeTakeFirst();
  if (current && input.moveDate <= current.start_date) fieldError('moveDate', `The move must be after the current placement started (${current.start_date}); placements cannot overlap`);
  if (current && current.end_date && current.end_date > input.moveDate) fieldError('moveDate', `The current placement runs to ${current.end_date}; placements cannot overlap`);
  await checkPlacement(db, input, input.moveDate, period.person_id);
  if (current) await db.updateTable('placement').set({ end_date: input.moveDate, change_reason: input.changeReason }).where('id', '=', current.id).execute();
  const id = await insertPlacement(db, period.id, period.person_id, input.moveDate, input);
  await rebuildEpisodes(db, period.id);
  return id;
}

export const changeLegalStatusInput = z.object({
  periodOfCareId: recordId,
  startDate: isoDate('the date the legal status changed'),
  legalStatus: code(LEGAL_STATUS, 'Choose the legal status'),
});

export async function changeLegalStatus(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(changeLegalStatusInput, raw);
  const period = await periodOrThrow(db, input.periodOfCareId);
  if (input.startDate > today) fieldError('startDate', 'The date must be today or in the past');
  if (input.startDate < period.start_date) fieldError('startDate', `The legal status cannot change before the period of care (${period.start_date})`);
  if (period.end_date && input.startDate > period.end_date) fieldError('startDate', `The child stopped being looked after on ${period.end_date}`);
  const current = await db.selectFrom('legal_status').selectAll().where('period_of_care_id', '=', period.id).where('end_date', 'is', null).where('deleted_at', 'is', null).orderBy('start_date', 'desc').executeTakeFirst();
  if (current && input.startDate <= current.start_date) fieldError('startDate', `The current legal status started on ${current.start_date}`);
  if (current?.code === input.legalStatus) fieldError('legalStatus', `The legal status is already ${input.legalStatus}`);
  if (current) await db.updateTable('legal_status').set({ end_date: input.startDate }).where('id', '=', current.id).execute();
  const id = newId();
  await db.insertInto('legal_status').values({ id, person_id: period.person_id, period_of_care_id: period.id, code: input.legalStatus, start_date: input.startDate }).execute();
  await rebuildEpisodes(db, period.id);
  return id;
}

export const ceaseCareInput = z.object({
  periodOfCareId: recordId,
  version: z.coerce.number().int().positive(),
  endDate: isoDate('the date the child stopped being looked after'),
  endReason: code(CARE_CEASED_REASONS, 'Choose why the child stopped being looked after'),
});

/** Ceasing care: the period, its placement and its legal status end on the date, with the 903 reason. */
export async function ceaseCare(db: Db, _actor: Actor, raw: unknown, today: string): Promise<void> {
  const input = parseInput(ceaseCareInput, raw);
  const period = await periodOrThrow(db, input.periodOfCareId);
  if (period.end_date) throw new AppError('CONFLICT', `The child stopped being looked after on ${period.end_date}`);
  if (input.endDate < period.start_date) fieldError('endDate', `Care cannot end before it started (${period.start_date})`);
  if (input.endDate > today) fieldError('endDate', 'The date must be today or in the past');
  const late = await db.selectFrom('placement').select('start_date').where('period_of_care_id', '=', period.id).where('start_date', '>', input.endDate).where('deleted_at', 'is', null).executeTakeFirst();
  if (late) fieldError('endDate', `A placement started on ${late.start_date}, after that date`);
  await updateWithVersion(db, 'period_of_care', period.id, input.version, { end_date: input.endDate, end_reason: input.endReason });
  await db.updateTable('placement').set({ end_date: input.endDate }).where('period_of_care_id', '=', period.id).where('end_date', 'is', null).execute();
  await db.updateTable('legal_status').set({ end_date: input.endDate }).where('period_of_care_id', '=', period.id).where('end_date', 'is', null).execute();
  await rebuildEpisodes(db, period.id);
}

/** Replaces the period's 903 episode rows with those derived from its placements and legal statuses. */
export async function rebuildEpisodes(db: Db, periodId: string): Promise<void> {
  const period = await periodOrThrow(db, periodId);
  const [placements, statuses] = await Promise.all([
    db.selectFrom('placement').selectAll().where('period_of_care_id', '=', periodId).where('deleted_at', 'is', null).execute(),
    db.selectFrom('legal_status').selectAll().where('person_id', '=', period.person_id).where('deleted_at', 'is', null).execute(),
  ]);
  const episodes = deriveEpisodes(
    { id: period.id, personId: period.person_id, startDate: period.start_date, endDate: period.end_date, endReason: period.end_reason, primaryNeedCode: period.primary_need_code, homePostcode: period.home_postcode, cinEpisodeId: period.cin_episode_id },
    placements.map((p) => ({ id: p.id, startDate: p.start_date, endDate: p.end_date, placementType: p.placement_type, provider: p.provider, postcode: p.postcode, urn: p.urn, carerId: p.carer_id, changeReason: p.change_reason })),
    statuses.map((s) => ({ code: s.code, startDate: s.start_date, endDate: s.end_date })),
  );
  // Derived rows: replaced wholesale (soft-deleting would keep stale episodes in the 903).
  await db.deleteFrom('cla_episode').where('period_of_care_id', '=', periodId).execute();
  if (episodes.length) {
    await db
      .insertInto('cla_episode')
      .values(
        episodes.map((e, i) => ({
          id: `${periodId.slice(0, 32)}-E${i + 1}`,
          period_of_care_id: e.periodOfCareId,
          person_id: e.personId,
          placement_id: e.placementId,
          start_date: e.startDate,
          start_reason: e.startReason,
          legal_status: e.legalStatus,
          primary_need_code: e.primaryNeedCode,
          placement_type: e.placementType,
          provider: e.provider,
          end_date: e.endDate,
          end_reason: e.endReason,
          reason_place_change: e.reasonPlaceChange,
          home_postcode: e.homePostcode,
          placement_postcode: e.placementPostcode,
          urn: e.urn,
          cin_episode_id: e.cinEpisodeId,
        })),
      )
      .execute();
  }
}

export const endVisitRegimeInput = z.object({
  periodOfCareId: recordId,
  endDate: isoDate('the date the visiting rule stopped applying'),
});

/**
 * A regulation 28 variant stops applying to the current placement (the connected person approved as a
 * foster carer, the parent's assessment complete): from that date the standard visit intervals apply.
 */
export async function endVisitRegime(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(endVisitRegimeInput, raw);
  const period = await periodOrThrow(db, input.periodOfCareId);
  if (input.endDate > today) fieldError('endDate', 'The date must be today or in the past');
  const current = await db.selectFrom('placement').selectAll().where('period_of_care_id', '=', period.id).where('deleted_at', 'is', null).orderBy('start_date', 'desc').executeTakeFirst();
  if (!current || !current.visit_regime) throw new AppError('CONFLICT', 'The current placement has no special visiting rule');
  if (current.visit_regime_end_date) throw new AppError('CONFLICT', `The special visiting rule stopped applying on ${current.visit_regime_end_date}`);
  if (input.endDate < current.start_date) fieldError('endDate', `The placement started on ${current.start_date}`);
  if (current.end_date && input.endDate > current.end_date) fieldError('endDate', `The placement ended on ${current.end_date}`);
  await db.updateTable('placement').set({ visit_regime_end_date: input.endDate, version: current.version + 1 }).where('id', '=', current.id).execute();
  return current.id;
}
