// The ILACS four-point scale, used for inspection judgements and case file audit grades alike
// (reference/inspection-and-timescales.md §1.2: Outstanding · Good · Requires improvement to be good · Inadequate).
import { z } from 'zod';

export const GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement to be good',
  inadequate: 'Inadequate',
};

export function isGrade(v: unknown): v is Grade {
  return typeof v === 'string' && (GRADES as readonly string[]).includes(v);
}

export const gradeSchema = (label: string) => z.enum(GRADES, { error: `Choose ${label}` });

export const GRADE_OPTIONS = GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g] }));

/** A count per grade, with each grade's share of the total (0–100, one decimal place, halves up). */
export interface GradeDistribution {
  total: number;
  counts: Record<Grade, number>;
  percent: Record<Grade, number | null>;
}

/** `round(100 n / d)` to one decimal place, halves up, in whole numbers (as the indicators round). */
export function percentOf(n: number, d: number): number | null {
  if (d === 0) return null;
  return Math.floor((2 * n * 1000 + d) / (2 * d)) / 10;
}

export function gradeDistribution(grades: Iterable<Grade>): GradeDistribution {
  const counts: Record<Grade, number> = { outstanding: 0, good: 0, requires_improvement: 0, inadequate: 0 };
  let total = 0;
  for (const g of grades) {
    counts[g]++;
    total++;
  }
  const percent = Object.fromEntries(GRADES.map((g) => [g, percentOf(counts[g], total)])) as Record<Grade, number | null>;
  return { total, counts, percent };
}
