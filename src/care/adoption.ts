// The adoption tracker: the steps of a child's adoption journey (Annex A List 10, SSDA903 AD1 and
// PlacedAdoption), each dated once and in order, and the time between them against England's figures.
// A journey is one `adoption` row (0001): it starts with the agency decision maker's decision that the
// child should be placed for adoption, or earlier with a decision to place in early permanence (fostering
// for adoption or concurrent planning), and ends with the adoption order or a decision reversed.
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { addMonths, daysBetween } from '../platform/calendar/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { ADOPTION_REVERSAL_REASONS } from '../platform/codes.ts';

export const ADOPTION_ORDER_TYPE = 'Adoption order';

export const ADOPTION_STEPS = {
  ffa_decision: 'Decision to place in early permanence (fostering for adoption or concurrent planning)',
  placed_ffa: 'Placed in the early permanence placement',
  adm_decision: 'Decision that the child should be placed for adoption (agency decision maker)',
  placement_order: 'Placement order made',
  matched: 'Matched with prospective adopters',
  placed: 'Placed for adoption',
  adoption_order: 'Adoption order made',
  reversed: 'Decision that the child should no longer be placed for adoption',
} as const;
export type AdoptionStep = keyof typeof ADOPTION_STEPS;

/** Each step's column, and the steps that must come first (all of `needs`, and none later than it). */
const STEP_RULES: Record<AdoptionStep, { column: AdoptionDateColumn; needs: AdoptionStep[]; notBefore: AdoptionStep[] }> = {
  ffa_decision: { column: 'ffa_decision_date', needs: [], notBefore: [] },
  placed_ffa: { column: 'placed_ffa_date', needs: ['ffa_decision'], notBefore: ['ffa_decision'] },
  adm_decision: { column: 'adm_decision_date', needs: [], notBefore: [] },
  placement_order: { column: 'placement_order_date', needs: ['adm_decision'], notBefore: ['adm_decision'] },
  matched: { column: 'matched_date', needs: ['adm_decision'], notBefore: ['adm_decision', 'placement_order'] },
  placed: { column: 'placed_date', needs: ['matched'], notBefore: ['adm_decision', 'placement_order', 'matched'] },
  adoption_order: { column: 'order_date', needs: ['placed'], notBefore: ['placed'] },
  reversed: { column: 'decision_reversed_date', needs: ['adm_decision'], notBefore: ['adm_decision', 'placement_order', 'matched', 'placed'] },
};

type AdoptionDateColumn = 'ffa_decision_date' | 'placed_ffa_date' | 'adm_decision_date' | 'placement_order_date' | 'matched_date' | 'placed_date' | 'order_date' | 'decision_reversed_date';

export const adoptionStepFields = z.object({
    childId: recordId,
    step: z.enum(Object.keys(ADOPTION_STEPS) as [AdoptionStep, ...AdoptionStep[]], { error: 'Choose the step' }),
    date: isoDate('the date of the step'),
    reversalReason: z
      .enum(Object.keys(ADOPTION_REVERSAL_REASONS) as [string, ...string[]], { error: 'Choose why the child should no longer be placed for adoption' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
});
export const adoptionStepInput = adoptionStepFields.refine((v) => v.step !== 'reversed' || v.reversalReason, { path: ['reversalReason'], message: 'Choose why the child should no longer be placed for adoption' });

export type AdoptionRow = Awaited<ReturnType<typeof adoptionJourneys>>[number];

/** The child's adoption journeys (not SGO or CAO orders), oldest first. */
export async function adoptionJourneys(db: Db, childId: string) {
  return db
    .selectFrom('adoption')
    .leftJoin('period_of_care', 'period_of_care.id', 'adoption.period_of_care_id')
    .leftJoin('adopter_household', (j) => j.onRef('adopter_household.id', '=', 'adoption.adopter_household_id').on('adopter_household.deleted_at', 'is', null))
    .select([
      'adoption.id',
      'adoption.person_id',
      'adoption.period_of_care_id',
      'period_of_care.start_date as entered_care_date',
      'adoption.ffa_decision_date',
      'adoption.placed_ffa_date',
      'adoption.adm_decision_date',
      'adoption.placement_order_date',
      'adoption.matched_date',
      'adoption.placed_date',
      'adoption.order_date',
      'adoption.order_type',
      'adoption.decision_reversed_date',
      'adoption.decision_reversed_reason',
      'adoption.version',
      'adopter_household.family_identifier as adopter_family_identifier',
    ])
    .where('adoption.person_id', '=', childId)
    .where('adoption.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('adoption.adm_decision_date', 'is not', null), eb('adoption.ffa_decision_date', 'is not', null)]))
    .orderBy('adoption.created_at')
    .orderBy('adoption.id')
    .execute();
}

const isOpen = (j: { order_date: string | null; decision_reversed_date: string | null }) => !j.order_date && !j.decision_reversed_date;

/**
 * Records one step of the child's adoption journey. The first decision (ADM, or early permanence) starts a
 * journey; each later step needs the steps before it, dated on or before it; a step is recorded once; an
 * adoption order or a reversed decision closes the journey (a new ADM decision may start another).
 */
export async function recordAdoptionStep(db: Db, actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(adoptionStepInput, raw);
  if (input.date > today) fieldError('date', 'The date must be today or in the past');
  const period = await db
    .selectFrom('period_of_care')
    .select(['id', 'start_date', 'end_date'])
    .where('person_id', '=', input.childId)
    .where('start_date', '<=', input.date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', input.date)]))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!period) fieldError('date', `The child was not looked after on ${input.date}`);

  const journeys = await adoptionJourneys(db, input.childId);
  const open = journeys.filter(isOpen).at(-1);
  const rule = STEP_RULES[input.step];

  if (!open) {
    if (input.step !== 'adm_decision' && input.step !== 'ffa_decision') {
      throw new AppError('CONFLICT', 'There is no adoption plan in progress: record the decision that the child should be placed for adoption first');
    }
    const id = newId();
    await db
      .insertInto('adoption')
      .values({ id, person_id: input.childId, period_of_care_id: period.id, [rule.column]: input.date, worker_id: actor.professionalId })
      .execute();
    return id;
  }

  const current = open[rule.column];
  if (current) throw new AppError('CONFLICT', `${ADOPTION_STEPS[input.step]}: already recorded on ${current}`);
  for (const need of rule.needs) {
    if (!open[STEP_RULES[need].column]) fieldError('step', `Record “${ADOPTION_STEPS[need]}” first`);
  }
  for (const before of rule.notBefore) {
    const d = open[STEP_RULES[before].column];
    if (d && input.date < d) fieldError('date', `This cannot be before “${ADOPTION_STEPS[before]}” (${d})`);
  }
  if (open.period_of_care_id && open.period_of_care_id !== period.id) fieldError('date', 'That date is in a different period of care from the adoption plan');

  await db
    .updateTable('adoption')
    .set({
      [rule.column]: input.date,
      ...(input.step === 'adoption_order' ? { order_type: ADOPTION_ORDER_TYPE } : {}),
      ...(input.step === 'reversed' ? { decision_reversed_reason: input.reversalReason ?? null } : {}),
      version: open.version + 1,
    })
    .where('id', '=', open.id)
    .where('version', '=', open.version)
    .execute();
  return open.id;
}

// ------------------------------------------------------------------------------ timeliness

/**
 * England's average times (reference/inspection-and-timescales.md §4.3, the DfE's children looked after
 * release for the year to 31 March 2025): entering care to being placed for adoption 1 year 7 months,
 * to the adoption order 2 years 3 months; the decision that the child should be placed to the match 10
 * months. Compared in calendar months from the child's own start date.
 */
export const ENGLAND_ADOPTION_TIMES = [
  { id: 'care_to_placed', from: 'entered_care_date', to: 'placed_date', months: 19, label: 'Entered care to placed for adoption', england: '1 year 7 months' },
  { id: 'care_to_order', from: 'entered_care_date', to: 'order_date', months: 27, label: 'Entered care to adoption order', england: '2 years 3 months' },
  { id: 'adm_to_match', from: 'adm_decision_date', to: 'matched_date', months: 10, label: 'Decision to match', england: '10 months' },
] as const;

/** The intervals between consecutive steps, shown for every journey (no national figure for these). */
const STEP_INTERVALS = [
  { id: 'care_to_adm', from: 'entered_care_date', to: 'adm_decision_date', label: 'Entered care to decision' },
  { id: 'adm_to_order', from: 'adm_decision_date', to: 'placement_order_date', label: 'Decision to placement order' },
  { id: 'order_to_match', from: 'placement_order_date', to: 'matched_date', label: 'Placement order to match' },
  { id: 'match_to_placed', from: 'matched_date', to: 'placed_date', label: 'Match to placed for adoption' },
  { id: 'placed_to_order', from: 'placed_date', to: 'order_date', label: 'Placed to adoption order' },
  { id: 'ffa_decision_to_placed', from: 'ffa_decision_date', to: 'placed_ffa_date', label: 'Early permanence decision to placement' },
] as const;

type JourneyDates = Partial<Record<'entered_care_date' | AdoptionDateColumn, string | null>>;

export interface Interval {
  id: string;
  label: string;
  from: string | null;
  to: string | null;
  /** Days between the two steps; while waiting for the later one, days so far (to `asOf`). */
  days: number | null;
  waiting: boolean;
}

export interface AgainstEngland extends Interval {
  england: string;
  /** The date England's average would be reached, counted from the child's own start. */
  englandDate: string | null;
  /** `quicker`: the step came on or before that date; `slower`: after it, or still waiting past it; `on_track`: waiting, not yet past. */
  verdict: 'quicker' | 'slower' | 'on_track' | null;
}

/** The time between each step of one journey, and against England where there is a national figure. */
export function adoptionTimeliness(j: JourneyDates, asOf: string): { intervals: Interval[]; againstEngland: AgainstEngland[] } {
  const closed = !!(j.order_date || j.decision_reversed_date);
  const measure = (id: string, label: string, fromKey: keyof JourneyDates, toKey: keyof JourneyDates): Interval => {
    const from = j[fromKey] ?? null;
    const to = j[toKey] ?? null;
    if (!from) return { id, label, from, to, days: null, waiting: false };
    if (to) return { id, label, from, to, days: daysBetween(from, to), waiting: false };
    // Still waiting for the later step (unless the journey closed without it).
    return closed ? { id, label, from, to, days: null, waiting: false } : { id, label, from, to, days: daysBetween(from, asOf), waiting: true };
  };
  const intervals = STEP_INTERVALS.map((s) => measure(s.id, s.label, s.from, s.to)).filter((i) => i.from !== null && (i.to !== null || i.waiting));
  const againstEngland = ENGLAND_ADOPTION_TIMES.map((e) => {
    const base = measure(e.id, e.label, e.from, e.to);
    const englandDate = base.from ? addMonths(base.from, e.months) : null;
    let verdict: AgainstEngland['verdict'] = null;
    if (englandDate && base.to) verdict = base.to <= englandDate ? 'quicker' : 'slower';
    else if (englandDate && base.waiting) verdict = asOf > englandDate ? 'slower' : 'on_track';
    return { ...base, england: e.england, englandDate, verdict };
  });
  return { intervals, againstEngland };
}

/** Which step the journey has reached. */
export function adoptionStage(j: JourneyDates): string {
  if (j.decision_reversed_date) return 'Decision reversed';
  if (j.order_date) return 'Adopted';
  if (j.placed_date) return 'Placed for adoption';
  if (j.matched_date) return 'Matched';
  if (j.placement_order_date) return 'Placement order';
  if (j.adm_decision_date) return 'Should be placed for adoption';
  if (j.placed_ffa_date) return 'In early permanence placement';
  return 'Early permanence decided';
}
