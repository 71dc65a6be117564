// What an indicator counts, and how a count becomes the published value. Kept apart from the
// definitions so every indicator rounds, divides and breaks down the same way.

export type IndicatorUnit = 'percent' | 'count' | 'ratio' | 'rate';

/**
 * One thing an indicator counts: a referral, an assessment, a child, a worker, a worker's case.
 * `id` is what makes it distinct (a child allocated to two workers is one child in a council-wide
 * count); `childId` names the child for exception lists; `teamId` and `workerId` place it for
 * breakdowns; `weight` is a full-time equivalent where the indicator counts FTE (1 when absent).
 */
export interface Member {
  id: string;
  childId: string | null;
  teamId: string | null;
  workerId: string | null;
  weight?: number;
}

/**
 * What one side of an indicator counts:
 * - `members`: the members, de-duplicated by id (and summed by weight) when counted;
 *   `distinct: true` says the ids are known to differ, which spares the de-duplication;
 * - `lazy`: `size` distinct unweighted members, built only when someone asks for them (a monthly series
 *   never does, so it counts without making thousands of objects a month);
 * - `total`: a figure with no members behind it (a configured population), null when not known.
 */
export type Tally = { members: Member[]; distinct?: boolean } | { lazy: () => Member[]; size: number } | { total: number | null };

/** Distinct records, one member each, built on demand. */
export function lazyTally<T>(items: readonly T[], toMember: (item: T) => Member): Tally {
  return { lazy: () => items.map(toMember), size: items.length };
}

export interface Measure {
  numerator: Tally;
  /** null for a count indicator. */
  denominator: Tally | null;
}

export interface Figures {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** Sums are kept in hundredths so FTE (numeric(4,2)) adds up exactly, as counts do. */
function hundredths(tally: Tally): number | null {
  if ('total' in tally) return tally.total === null ? null : Math.round(tally.total * 100);
  if ('lazy' in tally) return tally.size * 100;
  if (tally.distinct) {
    let sum = 0;
    for (const m of tally.members) sum += m.weight === undefined ? 100 : Math.round(m.weight * 100);
    return sum;
  }
  const seen = new Map<string, number>();
  for (const m of tally.members) if (!seen.has(m.id)) seen.set(m.id, Math.round((m.weight ?? 1) * 100));
  let sum = 0;
  for (const w of seen.values()) sum += w;
  return sum;
}

/** Tenths of the value per unit of numerator ÷ denominator. */
const TENTHS_PER_RATIO: Record<Exclude<IndicatorUnit, 'count'>, number> = {
  percent: 1000, // 100 × ratio, to one decimal place
  ratio: 10,
  rate: 100_000, // per 10,000
};

/**
 * `round(n × scale ÷ d)` with halves rounded up, in whole-number arithmetic: no floating-point
 * surprise can turn 22.65 into 22.6. n and d are non-negative whole numbers.
 */
export function roundHalfUpDivide(n: number, d: number, scale: number): number {
  const x = n * scale;
  return Math.floor((2 * x + d) / (2 * d));
}

/** Rounds a number half-up to one decimal place, reading it as the decimal it was meant to be. */
export function roundHalfUp1(x: number): number {
  const tenths = Number((x * 10).toPrecision(12));
  return Math.floor(tenths + 0.5) / 10;
}

export function figuresOf(unit: IndicatorUnit, measure: Measure): Figures {
  const n = hundredths(measure.numerator);
  if (unit === 'count' || measure.denominator === null) {
    return { value: n === null ? null : n / 100, numerator: n === null ? null : n / 100, denominator: null };
  }
  const d = hundredths(measure.denominator);
  if (n === null || d === null) return { value: null, numerator: n === null ? null : n / 100, denominator: d === null ? null : d / 100 };
  const value = d === 0 ? null : roundHalfUpDivide(n, d, TENTHS_PER_RATIO[unit]) / 10;
  return { value, numerator: n / 100, denominator: d / 100 };
}

export function membersOf(tally: Tally | null): Member[] | null {
  if (tally === null || 'total' in tally) return null;
  return 'lazy' in tally ? tally.lazy() : tally.members;
}
