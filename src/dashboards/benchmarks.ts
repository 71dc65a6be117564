// What a council's figure is compared with: England (src/indicators/england.ts, shipped with Tiller) and
// the council's comparator groups (statistical neighbours, region: table comparator_value, kept by an
// administrator or performance analyst). A year is the DfE's: the year ending 31 March for children's
// social care, the census at 30 September of that year for the workforce.
import type { Db } from '../platform/db/connect.ts';
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { ENGLAND } from '../indicators/index.ts';

export interface Benchmark {
  /** 'england' or the comparator group's id. */
  source: string;
  name: string;
  year: number;
  value: number;
}

export interface ComparatorGroup {
  id: string;
  name: string;
  description: string | null;
  /** indicator id → year → value */
  values: Map<string, Map<number, number>>;
}

/** The DfE year an as-of date falls in: the year ending 31 March (2025-12-31 → 2026; 2026-03-31 → 2026). */
export function dfeYearOf(asOf: IsoDate): number {
  const year = Number(asOf.slice(0, 4));
  return asOf.slice(5) >= '04-01' ? year + 1 : year;
}

/**
 * The value to compare with as at `asOf`: the latest year published for the DfE year of `asOf` or
 * before it. Published figures lag, so the year is always shown beside the value.
 */
export function pickYear(values: ReadonlyArray<{ year: number; value: number }>, asOf: IsoDate): { year: number; value: number } | undefined {
  const limit = dfeYearOf(asOf);
  let best: { year: number; value: number } | undefined;
  for (const v of values) if (v.year <= limit && (!best || v.year > best.year)) best = v;
  return best;
}

export async function loadComparatorGroups(db: Db): Promise<ComparatorGroup[]> {
  const groups = await db.selectFrom('comparator_group').select(['id', 'name', 'description']).where('deleted_at', 'is', null).orderBy('position').orderBy('name').execute();
  const values = await db.selectFrom('comparator_value').select(['group_id', 'indicator_id', 'year', 'value']).where('deleted_at', 'is', null).execute();
  const byGroup = new Map(groups.map((g) => [g.id, { ...g, values: new Map<string, Map<number, number>>() }]));
  for (const v of values) {
    const group = byGroup.get(v.group_id);
    if (!group) continue;
    const years = group.values.get(v.indicator_id) ?? new Map<number, number>();
    years.set(v.year, v.value);
    group.values.set(v.indicator_id, years);
  }
  return [...byGroup.values()];
}

/** England first, then each comparator group that has a value for the indicator. */
export function benchmarksFor(indicatorId: string, asOf: IsoDate, groups: readonly ComparatorGroup[]): Benchmark[] {
  const out: Benchmark[] = [];
  const england = pickYear(ENGLAND[indicatorId] ?? [], asOf);
  if (england) out.push({ source: 'england', name: 'England', ...england });
  for (const g of groups) {
    const years = g.values.get(indicatorId);
    const v = years ? pickYear([...years].map(([year, value]) => ({ year, value })), asOf) : undefined;
    if (v) out.push({ source: g.id, name: g.name, ...v });
  }
  return out;
}

/** How the council compares, in words that do not rely on colour: "better than England (22.6%)". */
export function comparison(value: number | null, benchmark: number, direction: 'up' | 'down' | null): 'better' | 'worse' | 'same' | null {
  if (value === null || direction === null) return null;
  if (value === benchmark) return 'same';
  return (value > benchmark) === (direction === 'up') ? 'better' : 'worse';
}
