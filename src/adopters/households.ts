// Prospective adopters: the adoptive household (Annex A's "family"), the individual adopters in it and the
// household's journey through the adoption process, and the link from a child's adoption journey to the
// household it was matched with. Each write is one use case, called by the GOV.UK form and the JSON API
// alike (routes.ts), inside the caller's transaction; a change names the version it was read at and is
// refused if someone else changed the record since.
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { daysBetween } from '../platform/calendar/calendar.ts';
import { ETHNICITY } from '../platform/codes.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

export const AGENCIES = { in_house: 'Our adoption agency', other_agency: 'Another adoption agency' } as const;
export const LEAVING_REASONS = { withdrew: 'The adopters withdrew', on_hold: 'On hold', refused: 'The application was refused' } as const;
export const ADOPTER_SEX = { F: 'Female', M: 'Male', N: 'Neither', U: 'Not stated or not recorded' } as const;

/** The journey's dates in the order they happen, with the words the pages and messages use. */
export const JOURNEY_DATES = {
  enquiryDate: 'Enquiry received',
  stage1StartDate: 'Stage 1 started',
  stage1EndDate: 'Stage 1 ended',
  stage2StartDate: 'Stage 2 started',
  stage2EndDate: 'Stage 2 ended',
  applicationDate: 'Application submitted',
  approvalDate: 'Application approved',
  matchedDate: 'Matched with a child or children',
  placedDate: 'Child or children placed',
  adoptionOrderDate: 'Adoption order',
  leftDate: 'Left the adoption process',
} as const;
export type JourneyKey = keyof typeof JOURNEY_DATES;
type Journey = Partial<Record<JourneyKey, string | null>>;

const COLUMN: Record<JourneyKey, keyof HouseholdRow> = {
  enquiryDate: 'enquiry_date',
  stage1StartDate: 'stage1_start_date',
  stage1EndDate: 'stage1_end_date',
  stage2StartDate: 'stage2_start_date',
  stage2EndDate: 'stage2_end_date',
  applicationDate: 'application_date',
  approvalDate: 'approval_date',
  matchedDate: 'matched_date',
  placedDate: 'placed_date',
  adoptionOrderDate: 'adoption_order_date',
  leftDate: 'left_date',
};

export interface HouseholdRow {
  id: string;
  family_identifier: string;
  name: string;
  agency: string;
  other_agency_name: string | null;
  fostering_for_adoption: boolean;
  enquiry_date: string | null;
  stage1_start_date: string | null;
  stage1_end_date: string | null;
  stage2_start_date: string | null;
  stage2_end_date: string | null;
  application_date: string | null;
  approval_date: string | null;
  matched_date: string | null;
  placed_date: string | null;
  children_placed: number | null;
  adoption_order_date: string | null;
  left_date: string | null;
  left_reason: string | null;
  version: number;
}

// ------------------------------------------------------------------------------ input

/** Blank (a form's empty box) or null (the API) means not given. */
const blank = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), t.optional());
const yesNo = (message: string) => z.union([z.boolean(), z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes')], { error: message });
const version = z.coerce.number({ error: 'The version of the record you changed is missing' }).int().positive();

export const householdFields = z.object({
  householdId: blank(recordId),
  version: blank(version),
  familyIdentifier: blank(z.string().trim().regex(/^[A-Za-z0-9_-]{1,36}$/, 'The family identifier must be up to 36 letters, digits, hyphens or underscores')),
  name: z.string({ error: 'Enter the household’s name' }).trim().min(1, 'Enter the household’s name').max(200, 'Enter at most 200 characters'),
  agency: z.enum(Object.keys(AGENCIES) as [string, ...string[]], { error: 'Choose which agency assesses the household' }),
  otherAgencyName: blank(z.string().trim().max(200, 'Enter at most 200 characters')),
  fosteringForAdoption: yesNo('Choose whether the household is approved for fostering for adoption'),
  enquiryDate: blank(isoDate('the date the enquiry was received')),
});

const optionalDate = (k: JourneyKey) => blank(isoDate(`the date: ${JOURNEY_DATES[k].toLowerCase()}`));
const journeyDateFields = {
  stage1StartDate: optionalDate('stage1StartDate'),
  stage1EndDate: optionalDate('stage1EndDate'),
  stage2StartDate: optionalDate('stage2StartDate'),
  stage2EndDate: optionalDate('stage2EndDate'),
  applicationDate: optionalDate('applicationDate'),
  approvalDate: optionalDate('approvalDate'),
  matchedDate: optionalDate('matchedDate'),
  placedDate: optionalDate('placedDate'),
  adoptionOrderDate: optionalDate('adoptionOrderDate'),
  leftDate: optionalDate('leftDate'),
};

export const journeyFields = z.object({
  householdId: recordId,
  version,
  ...journeyDateFields,
  childrenPlaced: blank(z.coerce.number({ error: 'Enter the number of children placed as a whole number' }).int('Enter a whole number').min(0, 'The number cannot be negative').max(12, 'Enter at most 12')),
  leftReason: blank(z.enum(Object.keys(LEAVING_REASONS) as [string, ...string[]], { error: 'Choose why the household left the adoption process' })),
});

export const adopterFields = z.object({
  householdId: recordId,
  adopterId: blank(recordId),
  version: blank(version),
  knownAs: blank(z.string().trim().max(100, 'Enter at most 100 characters')),
  sex: z.enum(Object.keys(ADOPTER_SEX) as [string, ...string[]], { error: 'Choose the adopter’s gender' }),
  ethnicity: z.enum(Object.keys(ETHNICITY) as [string, ...string[]], { error: 'Choose the adopter’s ethnicity' }),
  disabled: yesNo('Choose whether the adopter has a disability'),
});

export const linkFields = z.object({
  childId: recordId,
  householdId: blank(recordId),
});

// ------------------------------------------------------------------------------ the order of the dates

/**
 * Every date of the journey must come on or after the ones before it (GOV.UK: one message per field, on
 * the later date). The rules, each a reading of the adoption process (Adoption Agencies Regulations 2005,
 * Part 4 as amended in 2013; see docs/adopters.md):
 * - stage 1 starts on or after the enquiry and ends on or after it starts;
 * - stage 2 starts after stage 1 has ended, if there was a stage 1 (second-time adopters and approved foster
 *   carers may go straight to stage 2), and ends on or after it starts;
 * - the application is submitted on or after the enquiry and stage 1's start;
 * - approval needs the application and stage 2 ended, and is on or after both;
 * - a match needs approval (unless the household was approved by another agency, whose dates we may not
 *   hold), placement needs the match, the adoption order needs the placement, each on or after the last;
 * - leaving the process is on or after every other date, and needs a reason (and a reason needs the date);
 *   nothing may be dated after it;
 * - no date is in the future.
 */
export function journeyProblems(j: Journey, today: string, agency: string, leftReason: string | null | undefined): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const has = (k: JourneyKey) => !!j[k];
  const d = (k: JourneyKey) => j[k] ?? null;
  const said = new Set<string>();
  const problem = (field: JourneyKey | 'leftReason', message: string) => {
    if (said.has(field)) return;
    said.add(field);
    problems.push({ field, message });
  };
  const label = (k: JourneyKey) => JOURNEY_DATES[k].toLowerCase();
  const needs = (k: JourneyKey, first: JourneyKey) => {
    if (has(k) && !has(first)) problem(k, `Enter the date: ${label(first)}, before the date: ${label(k)}`);
  };
  const notBefore = (k: JourneyKey, earlier: JourneyKey) => {
    const a = d(k);
    const b = d(earlier);
    if (a && b && a < b) problem(k, `${JOURNEY_DATES[k]} cannot be before ${label(earlier)} (${b})`);
  };

  for (const k of Object.keys(JOURNEY_DATES) as JourneyKey[]) {
    const v = d(k);
    if (v && v > today) problem(k, `${JOURNEY_DATES[k]}: the date must be today or in the past`);
  }
  if (agency === 'in_house') {
    for (const k of Object.keys(JOURNEY_DATES) as JourneyKey[]) if (k !== 'enquiryDate') needs(k, 'enquiryDate');
  }
  notBefore('stage1StartDate', 'enquiryDate');
  needs('stage1EndDate', 'stage1StartDate');
  notBefore('stage1EndDate', 'stage1StartDate');
  if (has('stage1StartDate')) needs('stage2StartDate', 'stage1EndDate');
  notBefore('stage2StartDate', 'stage1EndDate');
  notBefore('stage2StartDate', 'stage1StartDate');
  notBefore('stage2StartDate', 'enquiryDate');
  needs('stage2EndDate', 'stage2StartDate');
  notBefore('stage2EndDate', 'stage2StartDate');
  notBefore('applicationDate', 'enquiryDate');
  notBefore('applicationDate', 'stage1StartDate');
  if (agency === 'in_house') {
    needs('approvalDate', 'applicationDate');
    needs('approvalDate', 'stage2EndDate');
    needs('matchedDate', 'approvalDate');
  }
  notBefore('approvalDate', 'applicationDate');
  notBefore('approvalDate', 'stage2EndDate');
  notBefore('matchedDate', 'approvalDate');
  needs('placedDate', 'matchedDate');
  notBefore('placedDate', 'matchedDate');
  needs('adoptionOrderDate', 'placedDate');
  notBefore('adoptionOrderDate', 'placedDate');
  if (has('leftDate')) {
    for (const k of Object.keys(JOURNEY_DATES) as JourneyKey[]) if (k !== 'leftDate') notBefore('leftDate', k);
    if (!leftReason) problem('leftReason', 'Choose why the household left the adoption process');
  } else if (leftReason) {
    problem('leftDate', 'Enter the date the household left the adoption process');
  }
  return problems;
}

function refuse(problems: Array<{ field: string; message: string }>): void {
  if (problems.length) throw new AppError('BAD_INPUT', problems[0]!.message, { fieldErrors: problems });
}

// ------------------------------------------------------------------------------ reads

export async function findHousehold(db: Db, householdId: string): Promise<HouseholdRow> {
  const h = await db.selectFrom('adopter_household').selectAll().where('id', '=', householdId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!h) throw new AppError('NOT_FOUND', 'There is no such adopter household');
  return h;
}

/** The children's adoption journeys linked to households (ids only), with the dates List 11 may take from them. */
export async function linkedJourneys(db: Db, householdIds?: string[]) {
  if (householdIds && householdIds.length === 0) return [];
  let q = db
    .selectFrom('adoption')
    .innerJoin('person', 'person.id', 'adoption.person_id')
    .select(['adoption.id', 'adoption.person_id', 'adoption.adopter_household_id', 'adoption.matched_date', 'adoption.placed_date', 'adoption.order_date', 'adoption.order_type'])
    .where('adoption.adopter_household_id', 'is not', null)
    .where('adoption.deleted_at', 'is', null)
    .where('person.deleted_at', 'is', null);
  if (householdIds) q = q.where('adoption.adopter_household_id', 'in', householdIds);
  return q.execute();
}

/** What the household's outcome needs from a linked child's journey. */
export type Linked = { matched_date: string | null; placed_date: string | null; order_date: string | null; order_type: string | null };

const earliest = (dates: Array<string | null>) => dates.filter((x): x is string => !!x).sort()[0] ?? null;

/**
 * The household's match, placement, number placed and order as at `asOf`: its own dates where recorded,
 * else the earliest of the children linked to it; the number placed is the one recorded, else the linked
 * children placed by `asOf`.
 */
export function householdOutcome(h: Pick<HouseholdRow, 'matched_date' | 'placed_date' | 'children_placed' | 'adoption_order_date'>, linked: Linked[], asOf: string) {
  const upTo = (x: string | null) => (x && x <= asOf ? x : null);
  const placedChildren = linked.filter((l) => upTo(l.placed_date)).length;
  return {
    matchedDate: upTo(h.matched_date) ?? earliest(linked.map((l) => upTo(l.matched_date))),
    placedDate: upTo(h.placed_date) ?? earliest(linked.map((l) => upTo(l.placed_date))),
    childrenPlaced: h.children_placed ?? (placedChildren > 0 ? placedChildren : null),
    adoptionOrderDate: upTo(h.adoption_order_date) ?? earliest(linked.filter((l) => !l.order_type || /adopt/i.test(l.order_type)).map((l) => upTo(l.order_date))),
  };
}

/** Where the household has got to on `asOf`. */
export function householdStage(h: Pick<HouseholdRow, 'left_date' | 'left_reason' | 'approval_date' | 'stage1_start_date' | 'stage1_end_date' | 'stage2_start_date' | 'stage2_end_date' | 'enquiry_date' | 'agency'>, outcome: ReturnType<typeof householdOutcome>, asOf: string): string {
  const on = (x: string | null) => !!x && x <= asOf;
  if (on(h.left_date)) return `Left the process: ${(LEAVING_REASONS as Record<string, string>)[h.left_reason ?? ''] ?? 'reason not recorded'}`;
  if (outcome.adoptionOrderDate) return 'Adoption order made';
  if (outcome.placedDate) return 'Child placed';
  if (outcome.matchedDate) return 'Matched';
  if (on(h.approval_date)) return 'Approved, waiting for a match';
  if (on(h.stage2_start_date)) return on(h.stage2_end_date) ? 'Stage 2 ended, awaiting approval' : 'Stage 2';
  if (on(h.stage1_start_date)) return on(h.stage1_end_date) ? 'Stage 1 ended' : 'Stage 1';
  if (on(h.enquiry_date)) return 'Enquiry';
  return h.agency === 'other_agency' ? 'Approved by another agency' : 'Not started';
}

/** In the process on `asOf`: enquired, not left, no adoption order yet. */
export function inProcess(h: Pick<HouseholdRow, 'enquiry_date' | 'approval_date' | 'left_date'>, outcome: ReturnType<typeof householdOutcome>, asOf: string): boolean {
  const start = h.enquiry_date ?? h.approval_date ?? outcome.matchedDate;
  return !!start && start <= asOf && !(h.left_date && h.left_date <= asOf) && !outcome.adoptionOrderDate;
}

/** Every household, with its stage and the days since enquiry and since approval (while still waiting) on `asOf`. */
export async function adopterHouseholds(db: Db, asOf: string) {
  const [households, linked, counts] = await Promise.all([
    db.selectFrom('adopter_household').selectAll().where('deleted_at', 'is', null).execute(),
    linkedJourneys(db),
    db.selectFrom('adopter').select(['household_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null).groupBy('household_id').execute(),
  ]);
  const adopters = new Map(counts.map((c) => [c.household_id, Number(c.n)]));
  const rows = households.map((h) => {
    const mine = linked.filter((l) => l.adopter_household_id === h.id);
    const outcome = householdOutcome(h, mine, asOf);
    const open = inProcess(h, outcome, asOf);
    const waitingSinceApproval = open && h.approval_date && h.approval_date <= asOf && !outcome.placedDate;
    return {
      id: h.id,
      familyIdentifier: h.family_identifier,
      name: h.name,
      agency: h.agency,
      fosteringForAdoption: h.fostering_for_adoption,
      adopters: adopters.get(h.id) ?? 0,
      children: mine.length,
      stage: householdStage(h, outcome, asOf),
      inProcess: open,
      enquiryDate: h.enquiry_date,
      approvalDate: h.approval_date,
      daysSinceEnquiry: open && h.enquiry_date && h.enquiry_date <= asOf ? daysBetween(h.enquiry_date, asOf) : null,
      daysSinceApproval: waitingSinceApproval ? daysBetween(h.approval_date!, asOf) : null,
      endDate: h.left_date ?? outcome.adoptionOrderDate,
    };
  });
  // In the process first (longest since enquiry first), then the rest, most recently ended first.
  return rows.sort((a, b) => Number(b.inProcess) - Number(a.inProcess) || (a.enquiryDate ?? '').localeCompare(b.enquiryDate ?? '') || (b.endDate ?? '').localeCompare(a.endDate ?? '') || a.familyIdentifier.localeCompare(b.familyIdentifier));
}

/** One household: its details, adopters, journey (with the dates taken from linked children) and the ids of its children. */
export async function adopterHousehold(db: Db, householdId: string, asOf: string) {
  const h = await findHousehold(db, householdId);
  const [adopters, linked] = await Promise.all([
    db.selectFrom('adopter').selectAll().where('household_id', '=', h.id).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute(),
    linkedJourneys(db, [h.id]),
  ]);
  const outcome = householdOutcome(h, linked, asOf);
  return {
    household: h,
    adopters: adopters.map((a) => ({ id: a.id, knownAs: a.known_as, sex: a.sex, ethnicity: a.ethnicity, disabled: a.disabled, version: a.version })),
    outcome,
    stage: householdStage(h, outcome, asOf),
    inProcess: inProcess(h, outcome, asOf),
    childIds: [...new Set(linked.map((l) => l.person_id))],
  };
}

// ------------------------------------------------------------------------------ writes

/** The journey as stored, under the form's names. */
export function journeyOf(h: Partial<HouseholdRow>): Journey {
  return Object.fromEntries((Object.keys(COLUMN) as JourneyKey[]).map((k) => [k, (h[COLUMN[k]] as string | null | undefined) ?? null])) as Journey;
}

async function checkVersion(db: Db, householdId: string, version: number | undefined): Promise<HouseholdRow> {
  const h = await findHousehold(db, householdId);
  if (version === undefined || version !== h.version) throw new AppError('CONFLICT', 'Someone changed this household since you opened it: go back, reload it and try again');
  return h;
}

/** Adds a household, or (with householdId and version) changes its details. Returns its id. */
export async function saveHousehold(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(householdFields, raw);
  if (input.agency === 'in_house' && !input.enquiryDate) fieldError('enquiryDate', 'Enter the date the enquiry was received');
  if (input.agency === 'other_agency' && !input.otherAgencyName) fieldError('otherAgencyName', 'Enter the name of the other adoption agency');
  const familyIdentifier = input.familyIdentifier;
  if (familyIdentifier) {
    const taken = await db.selectFrom('adopter_household').select('id').where('family_identifier', '=', familyIdentifier).where('deleted_at', 'is', null).executeTakeFirst();
    if (taken && taken.id !== input.householdId) fieldError('familyIdentifier', `The family identifier ${familyIdentifier} is already used by another household`);
  }
  const values = {
    name: input.name,
    agency: input.agency,
    other_agency_name: input.agency === 'other_agency' ? (input.otherAgencyName ?? null) : null,
    fostering_for_adoption: input.fosteringForAdoption,
    enquiry_date: input.enquiryDate ?? null,
  };
  if (!input.householdId) {
    refuse(journeyProblems({ enquiryDate: values.enquiry_date }, today, input.agency, null));
    const id = newId();
    await db.insertInto('adopter_household').values({ id, family_identifier: familyIdentifier ?? (await nextFamilyIdentifier(db)), ...values }).execute();
    return id;
  }
  const existing = await checkVersion(db, input.householdId, input.version);
  refuse(journeyProblems({ ...journeyOf(existing), enquiryDate: values.enquiry_date }, today, input.agency, existing.left_reason));
  await updateWithVersion(db, 'adopter_household', existing.id, existing.version, { ...values, ...(familyIdentifier ? { family_identifier: familyIdentifier } : {}) });
  return existing.id;
}

/** A short identifier the service can read out: AF0001, AF0002, … (the next unused). */
async function nextFamilyIdentifier(db: Db): Promise<string> {
  const rows = await db.selectFrom('adopter_household').select('family_identifier').where('family_identifier', 'like', 'AF%').execute();
  const max = rows.reduce((n, r) => Math.max(n, /^AF(\d+)$/.test(r.family_identifier) ? Number(r.family_identifier.slice(2)) : 0), 0);
  return `AF${String(max + 1).padStart(4, '0')}`;
}

/** Records the household's journey dates (all of them, as the form shows them), in order. Returns its id. */
export async function recordJourney(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(journeyFields, raw);
  const existing = await checkVersion(db, input.householdId, input.version);
  const journey: Journey = { enquiryDate: existing.enquiry_date };
  for (const k of Object.keys(JOURNEY_DATES) as JourneyKey[]) if (k !== 'enquiryDate') journey[k] = (input as unknown as Record<string, string | undefined>)[k] ?? null;
  refuse(journeyProblems(journey, today, existing.agency, input.leftReason));
  // A child linked to the household cannot have been matched before the household was approved.
  if (journey.approvalDate) {
    const early = (await linkedJourneys(db, [existing.id])).filter((l) => l.matched_date && l.matched_date < journey.approvalDate!).map((l) => l.matched_date!).sort()[0];
    if (early) fieldError('approvalDate', `A child linked to this household was matched with them on ${early}, before that approval date`);
  }
  const values: Record<string, unknown> = { children_placed: input.childrenPlaced ?? null, left_reason: input.leftReason ?? null };
  for (const k of Object.keys(JOURNEY_DATES) as JourneyKey[]) if (k !== 'enquiryDate') values[COLUMN[k]] = journey[k] ?? null;
  await updateWithVersion(db, 'adopter_household', existing.id, existing.version, values);
  return existing.id;
}

/** Adds an adopter to a household, or (with adopterId and version) changes one. Returns the adopter's id. */
export async function saveAdopter(db: Db, _actor: Actor, raw: unknown): Promise<string> {
  const input = parseInput(adopterFields, raw);
  const household = await findHousehold(db, input.householdId);
  const values = { known_as: input.knownAs ?? null, sex: input.sex, ethnicity: input.ethnicity, disabled: input.disabled };
  if (!input.adopterId) {
    const count = await db.selectFrom('adopter').select((eb) => eb.fn.countAll<number>().as('n')).where('household_id', '=', household.id).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(count.n) >= 4) throw new AppError('CONFLICT', 'A household can have at most four adopters recorded');
    const id = newId();
    await db.insertInto('adopter').values({ id, household_id: household.id, ...values }).execute();
    return id;
  }
  const existing = await db.selectFrom('adopter').select(['id', 'household_id', 'version']).where('id', '=', input.adopterId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!existing || existing.household_id !== household.id) throw new AppError('NOT_FOUND', 'There is no such adopter in this household');
  if (input.version === undefined || input.version !== existing.version) throw new AppError('CONFLICT', 'Someone changed this adopter since you opened it: go back, reload it and try again');
  await updateWithVersion(db, 'adopter', existing.id, existing.version, values);
  return existing.id;
}

/**
 * Links the child's adoption journey (the open one, else the latest) to the household it was matched
 * with, or with no household unlinks it. The household must not have left the process before the match,
 * nor been approved after it. Returns the journey's id.
 */
export async function linkChildToHousehold(db: Db, _actor: Actor, raw: unknown): Promise<string> {
  const input = parseInput(linkFields, raw);
  const journeys = await db
    .selectFrom('adoption')
    .select(['id', 'matched_date', 'order_date', 'decision_reversed_date', 'version', 'adopter_household_id'])
    .where('person_id', '=', input.childId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('adm_decision_date', 'is not', null), eb('ffa_decision_date', 'is not', null)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const journey = journeys.filter((j) => !j.order_date && !j.decision_reversed_date).at(-1) ?? journeys.at(-1);
  if (!journey) throw new AppError('CONFLICT', 'The child has no adoption plan: record the decision that the child should be placed for adoption first');
  if (input.householdId) {
    const h = await findHousehold(db, input.householdId).catch(() => fieldError('householdId', 'Choose one of the adopter households'));
    if (h.approval_date && journey.matched_date && journey.matched_date < h.approval_date) {
      fieldError('householdId', `The child was matched on ${journey.matched_date}, before this household was approved (${h.approval_date})`);
    }
    if (h.left_date && journey.matched_date && journey.matched_date > h.left_date) {
      fieldError('householdId', `The child was matched on ${journey.matched_date}, after this household left the adoption process (${h.left_date})`);
    }
  }
  await updateWithVersion(db, 'adoption', journey.id, journey.version, { adopter_household_id: input.householdId ?? null });
  return journey.id;
}
