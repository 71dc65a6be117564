// Placement sufficiency for leaders and commissioners: where the council's looked-after children live as at
// a date (placement type and provider), the council's own foster carers' capacity against the children
// placed with them, distance from home and placements out of area, placement moves in the 12 months to the
// date, and children in unregistered provision. Aggregates are council-wide; the lists of children are for
// the caller to scope (visibleIds) and audit.
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { addDays, addYears } from '../platform/calendar/calendar.ts';
import { ALL_PLACEMENT_TYPES, PLACEMENT_PROVIDERS } from '../platform/codes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, parseInput, recordId } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';
import { FOSTER_APPROVAL_TYPES } from '../platform/codes.ts';

export interface CurrentPlacement {
  id: string;
  personId: string;
  startDate: string;
  placementType: string;
  provider: string | null;
  providerName: string | null;
  distanceMiles: number | null;
  inArea: boolean | null;
  unregistered: boolean;
  fosterHouseholdId: string | null;
}

const DISTANCE_BANDS = [
  { label: 'Under 5 miles', min: 0, max: 5 },
  { label: '5 to under 10 miles', min: 5, max: 10 },
  { label: '10 to under 20 miles', min: 10, max: 20 },
  { label: '20 miles or more', min: 20, max: Infinity },
] as const;

/**
 * Each looked-after child's placement on `asOf`: the latest started on or before it and not ended before it
 * (a move on `asOf` counts the new placement). Children looked after only under short breaks (legal status
 * V3 or V4 in force) are left out, as the DfE leaves them out of the children looked after.
 */
export async function currentPlacements(db: Db, asOf: string): Promise<CurrentPlacement[]> {
  const rows = await db
    .selectFrom('placement')
    .innerJoin('period_of_care', 'period_of_care.id', 'placement.period_of_care_id')
    .select([
      'placement.id',
      'placement.person_id as personId',
      'placement.start_date as startDate',
      'placement.placement_type as placementType',
      'placement.provider',
      'placement.provider_name as providerName',
      'placement.distance_miles as distanceMiles',
      'placement.in_area as inArea',
      'placement.unregistered',
      'placement.foster_household_id as fosterHouseholdId',
    ])
    .where('placement.deleted_at', 'is', null)
    .where('period_of_care.deleted_at', 'is', null)
    .where('placement.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('placement.end_date', 'is', null), eb('placement.end_date', '>=', asOf)]))
    .where((eb) => eb.or([eb('period_of_care.end_date', 'is', null), eb('period_of_care.end_date', '>=', asOf)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('legal_status')
            .select('legal_status.id')
            .whereRef('legal_status.period_of_care_id', '=', 'period_of_care.id')
            .where('legal_status.code', 'in', ['V3', 'V4'])
            .where('legal_status.deleted_at', 'is', null)
            .where('legal_status.start_date', '<=', asOf)
            .where((e2) => e2.or([e2('legal_status.end_date', 'is', null), e2('legal_status.end_date', '>', asOf)])),
        ),
      ),
    )
    .orderBy('placement.person_id')
    .orderBy('placement.start_date', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.personId) && seen.add(r.personId)).map((r) => ({ ...r, distanceMiles: r.distanceMiles === null ? null : Number(r.distanceMiles) }));
}

function countBy<T>(items: T[], key: (t: T) => string, labels: Record<string, string>) {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, label: labels[code] ?? (code === '' ? 'Not recorded' : code), count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/** The council-wide picture as at `asOf`. No child is named. */
export async function sufficiencySummary(db: Db, asOf: string) {
  const placements = await currentPlacements(db, asOf);
  const periodStart = addDays(addYears(asOf, -1), 1);

  const households = await db
    .selectFrom('foster_household')
    .select(['id', 'approval_type', 'approved_places', 'on_hold'])
    .where('deleted_at', 'is', null)
    .where('approved_date', '<=', asOf)
    .where((eb) => eb.or([eb('deregistered_date', 'is', null), eb('deregistered_date', '>', asOf)]))
    .execute();
  const approvedPlaces = households.filter((h) => !h.on_hold).reduce((n, h) => n + h.approved_places, 0);
  const placedWithHouseholds = placements.filter((p) => p.fosterHouseholdId !== null && households.some((h) => h.id === p.fosterHouseholdId)).length;

  // Placement moves: placements that started in the 12 months and were not the first of their period of care.
  const started = await db
    .selectFrom('placement')
    .select(['placement.person_id', 'placement.period_of_care_id', 'placement.start_date'])
    .where('placement.deleted_at', 'is', null)
    .where('placement.start_date', '>=', periodStart)
    .where('placement.start_date', '<=', asOf)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('placement as earlier')
          .select('earlier.id')
          .whereRef('earlier.period_of_care_id', '=', 'placement.period_of_care_id')
          .whereRef('earlier.start_date', '<', 'placement.start_date')
          .where('earlier.deleted_at', 'is', null),
      ),
    )
    .execute();
  const overlapping = await db
    .selectFrom('placement')
    .select(['person_id'])
    .where('deleted_at', 'is', null)
    .where('start_date', '<=', asOf)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', periodStart)]))
    .execute();
  const perChild = new Map<string, number>();
  for (const o of overlapping) perChild.set(o.person_id, (perChild.get(o.person_id) ?? 0) + 1);
  const current = new Set(placements.map((p) => p.personId));
  const threePlus = [...perChild].filter(([id, n]) => current.has(id) && n >= 3).length;

  const known = placements.filter((p) => p.distanceMiles !== null);
  const inAreaKnown = placements.filter((p) => p.inArea !== null);
  const outOfArea = placements.filter((p) => p.inArea === false).length;
  return {
    asOf,
    periodStart,
    childrenPlaced: placements.length,
    byType: countBy(placements, (p) => p.placementType, ALL_PLACEMENT_TYPES),
    byProvider: countBy(placements, (p) => p.provider ?? '', PLACEMENT_PROVIDERS),
    fostering: {
      households: households.length,
      householdsOnHold: households.filter((h) => h.on_hold).length,
      approvedPlaces,
      childrenPlaced: placedWithHouseholds,
      vacancies: Math.max(0, approvedPlaces - placedWithHouseholds),
      usedPct: pct(placedWithHouseholds, approvedPlaces),
      byApprovalType: countBy(households, (h) => h.approval_type, FOSTER_APPROVAL_TYPES),
      childrenInFosterCare: placements.filter((p) => /^U[1-6]$/.test(p.placementType)).length,
      childrenInCouncilFosterCare: placements.filter((p) => /^U[1-6]$/.test(p.placementType) && p.provider === 'PR1').length,
    },
    distance: {
      bands: DISTANCE_BANDS.map((b) => ({ label: b.label, count: known.filter((p) => p.distanceMiles! >= b.min && p.distanceMiles! < b.max).length })),
      notRecorded: placements.length - known.length,
      outOfArea,
      outOfAreaPct: pct(outOfArea, inAreaKnown.length),
      inAreaNotRecorded: placements.length - inAreaKnown.length,
    },
    moves: {
      moves: started.length,
      childrenWhoMoved: new Set(started.map((s) => s.person_id)).size,
      childrenWith3PlusPlacements: threePlus,
      childrenWith3PlusPlacementsPct: pct(threePlus, placements.length),
    },
    unregistered: placements.filter((p) => p.unregistered).length,
  };
}

export type SufficiencySummary = Awaited<ReturnType<typeof sufficiencySummary>>;

/** The children behind the flags (unregistered provision; 20 miles or more and out of area), among `childIds`. */
export function flaggedPlacements(placements: CurrentPlacement[]) {
  return {
    unregistered: placements.filter((p) => p.unregistered),
    distantOutOfArea: placements.filter((p) => p.inArea === false && (p.distanceMiles ?? 0) >= 20),
  };
}

// ------------------------------------------------------------------------------ foster households

const blank = <T extends z.ZodType>(t: T) => t.optional().or(z.literal('').transform(() => undefined));

export const fosterHouseholdFields = z.object({
    householdId: blank(recordId),
    version: blank(z.coerce.number().int().positive()),
    name: z.string().trim().min(1, 'Enter the household’s name').max(200, 'Enter at most 200 characters'),
    approvalType: z.enum(Object.keys(FOSTER_APPROVAL_TYPES) as [string, ...string[]], { error: 'Choose the kind of approval' }),
    approvedPlaces: z.coerce.number({ error: 'Enter the number of approved places' }).int('Enter a whole number of places').min(0, 'Places cannot be negative').max(20, 'Enter at most 20 places'),
    approvedDate: isoDate('the date the household was approved'),
    deregisteredDate: blank(isoDate('the date the household stopped fostering')),
    onHold: blank(z.enum(['yes', 'no']).transform((v) => v === 'yes')),
    postcode: blank(z.string().trim().toUpperCase().regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a real postcode')),
});
export const fosterHouseholdInput = fosterHouseholdFields.refine((v) => !v.deregisteredDate || v.deregisteredDate >= v.approvedDate, { path: ['deregisteredDate'], message: 'A household cannot stop fostering before it was approved' });

/** Adds an in-house foster household, or (with householdId and version) changes one. */
export async function saveFosterHousehold(db: Db, _actor: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(fosterHouseholdInput, raw);
  if (input.approvedDate > today) fieldError('approvedDate', 'The date must be today or in the past');
  const values = {
    name: input.name,
    approval_type: input.approvalType,
    approved_places: input.approvedPlaces,
    approved_date: input.approvedDate,
    deregistered_date: input.deregisteredDate ?? null,
    on_hold: input.onHold ?? false,
    postcode: input.postcode ?? null,
  };
  if (!input.householdId) {
    const id = newId();
    await db.insertInto('foster_household').values({ id, ...values }).execute();
    return id;
  }
  const existing = await db.selectFrom('foster_household').select(['id', 'version']).where('id', '=', input.householdId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!existing) throw new AppError('NOT_FOUND', 'No such foster household');
  if (input.version === undefined || input.version !== existing.version) throw new AppError('CONFLICT', 'Someone changed this household since you opened it: go back and try again');
  const placedAfter = await db
    .selectFrom('placement')
    .select('start_date')
    .where('foster_household_id', '=', existing.id)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('start_date', '<', input.approvedDate), ...(input.deregisteredDate ? [eb('start_date', '>=', input.deregisteredDate)] : [])]))
    .executeTakeFirst();
  if (placedAfter) fieldError(input.deregisteredDate ? 'deregisteredDate' : 'approvedDate', `A child was placed with this household on ${placedAfter.start_date}, outside those dates`);
  await db.updateTable('foster_household').set({ ...values, version: existing.version + 1 }).where('id', '=', existing.id).where('version', '=', existing.version).execute();
  return existing.id;
}

/** Every household with its children placed on `asOf` (a count, no names). */
export async function fosterHouseholds(db: Db, asOf: string) {
  const [households, placements] = await Promise.all([
    db.selectFrom('foster_household').selectAll().where('deleted_at', 'is', null).orderBy('name').execute(),
    currentPlacements(db, asOf),
  ]);
  return households.map((h) => {
    const placed = placements.filter((p) => p.fosterHouseholdId === h.id).length;
    const active = h.approved_date <= asOf && (!h.deregistered_date || h.deregistered_date > asOf);
    return { ...h, active, placed, vacancies: active && !h.on_hold ? Math.max(0, h.approved_places - placed) : 0 };
  });
}
