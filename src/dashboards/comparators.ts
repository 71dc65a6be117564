// Keeping the comparator groups' figures: an administrator or performance analyst enters a group's
// published values for a year (from LAIT or the DfE's statistical releases), one per indicator. Counts
// are not comparable between councils, so only rates, shares and ratios take a comparator value.
import type { Db } from '../platform/db/connect.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Audit } from '../audit/audit.ts';
import { INDICATORS, type IndicatorDefinition } from '../indicators/index.ts';

/** The indicators a comparator group can have a figure for. */
export function comparableIndicators(): IndicatorDefinition[] {
  return INDICATORS.filter((d) => d.unit !== 'count');
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Field name on the form for an indicator (ids may be long; the form keeps them as they are). */
export const valueField = (indicatorId: string) => `v_${indicatorId}`;

/**
 * Reads the form: blank leaves the indicator without a value for that year (a value there before is
 * removed), otherwise a number with at most one decimal place.
 */
export function parseComparatorForm(body: Record<string, unknown>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const errors: FieldError[] = [];
  for (const d of comparableIndicators()) {
    const raw = String(body[valueField(d.id)] ?? '').trim();
    if (raw === '') {
      out.set(d.id, null);
      continue;
    }
    const n = Number(raw);
    if (!/^\d+(\.\d)?$/.test(raw) || !Number.isFinite(n)) errors.push({ field: valueField(d.id), message: `${d.title}: enter a number such as 22.6 (one decimal place at most)` });
    else if (d.unit === 'percent' && n > 100) errors.push({ field: valueField(d.id), message: `${d.title}: a percentage must be 100 or less` });
    else out.set(d.id, n);
  }
  if (errors.length) throw new AppError('BAD_INPUT', 'Check the figures', { fieldErrors: errors });
  return out;
}

export function checkYear(year: string): number {
  if (!/^\d{4}$/.test(year) || Number(year) < MIN_YEAR || Number(year) > MAX_YEAR) throw new AppError('NOT_FOUND', 'There is no such year');
  return Number(year);
}

/** Saves a group's figures for one year, all or nothing, one audit row per figure changed. */
export async function saveComparatorYear(db: Db, audit: Audit, groupId: string, year: number, values: Map<string, number | null>, source: string | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const group = await trx.selectFrom('comparator_group').select('id').where('id', '=', groupId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!group) throw new AppError('NOT_FOUND', 'There is no such comparator group');
    const current = await trx.selectFrom('comparator_value').selectAll().where('group_id', '=', groupId).where('year', '=', year).where('deleted_at', 'is', null).forUpdate().execute();
    const byIndicator = new Map(current.map((r) => [r.indicator_id, r]));
    let changed = 0;
    for (const [indicatorId, value] of values) {
      const before = byIndicator.get(indicatorId);
      if (value === null) {
        if (!before) continue;
        const after = await trx.updateTable('comparator_value').set({ deleted_at: new Date(), version: before.version + 1 }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
        await audit.write(trx, { action: 'delete', entityType: 'comparator_value', entityId: before.id, personId: null, before, after });
      } else if (!before) {
        const after = await trx.insertInto('comparator_value').values({ id: newId(), group_id: groupId, indicator_id: indicatorId, year, value, source }).returningAll().executeTakeFirstOrThrow();
        await audit.write(trx, { action: 'create', entityType: 'comparator_value', entityId: after.id, personId: null, before: null, after });
      } else if (before.value !== value || (source !== null && before.source !== source)) {
        const after = await trx
          .updateTable('comparator_value')
          .set({ value, source: source ?? before.source, version: before.version + 1 })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.write(trx, { action: 'update', entityType: 'comparator_value', entityId: before.id, personId: null, before, after });
      } else continue;
      changed++;
    }
    return changed;
  });
}
