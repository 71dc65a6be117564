import { describe, expect, it } from 'vitest';
import { gradeDistribution, percentOf } from './grades.ts';

describe('grade distribution', () => {
  it('counts each grade with its share to one decimal place, halves up', () => {
    // 7 cases: 1 outstanding, 3 good, 2 RI, 1 inadequate → 14.3, 42.9, 28.6, 14.3 (by hand: 100/7 = 14.2857…)
    const d = gradeDistribution(['good', 'outstanding', 'good', 'requires_improvement', 'inadequate', 'good', 'requires_improvement']);
    expect(d).toEqual({ total: 7, counts: { outstanding: 1, good: 3, requires_improvement: 2, inadequate: 1 }, percent: { outstanding: 14.3, good: 42.9, requires_improvement: 28.6, inadequate: 14.3 } });
  });
  it('rounds exact halves up and gives null shares for no cases', () => {
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(gradeDistribution([]).percent.good).toBeNull();
  });
});
