// The demo's adopters: deterministic from the seed, every household's dates in the order the use case
// enforces, linked to the demo children matched for adoption, and a plausible number approved a year.
import { describe, expect, it } from 'vitest';
import { addDays, addYears } from '../platform/calendar/calendar.ts';
import { journeyOf, journeyProblems } from '../adopters/households.ts';
import { generateCouncil } from './generate.ts';
import { generateAdopters } from './generate-adopters.ts';

const council = generateCouncil({ seed: 3, scale: 1, years: 2, asOf: '2026-03-31' });

describe('the demo adopters', () => {
  const a = generateAdopters(council);

  it('is the same for the same seed', () => {
    expect(generateAdopters(council)).toEqual(a);
  });

  it('keeps every household’s dates in order, none after the as-of date', () => {
    for (const h of a.households) {
      expect([h.id, journeyProblems(journeyOf(h as never), council.asOf, h.agency, h.left_reason)]).toEqual([h.id, []]);
    }
    expect(new Set(a.households.map((h) => h.family_identifier)).size).toBe(a.households.length);
    for (const h of a.households) expect(a.adopters.filter((x) => x.household_id === h.id).length).toBeGreaterThanOrEqual(1);
  });

  it('links each child matched in the window to a household approved before the match', () => {
    const from = addYears(council.windowStart, -1);
    const matched = council.tables.adoption.filter((x) => x.adm_decision_date && x.matched_date && x.matched_date >= from && x.matched_date <= council.asOf);
    expect(matched.length).toBeGreaterThan(0);
    expect(a.links.map((l) => l.adoptionId).sort()).toEqual(matched.map((m) => m.id).sort());
    const households = new Map(a.households.map((h) => [h.id, h]));
    for (const l of a.links) {
      const m = matched.find((x) => x.id === l.adoptionId)!;
      expect(households.get(l.householdId)!.approval_date! <= m.matched_date!).toBe(true);
    }
  });

  it('approves some 20 to 30 in-house households a year, and some leave the process', () => {
    const yearStart = addDays(addYears(council.asOf, -1), 1);
    const inHouse = a.households.filter((h) => h.agency === 'in_house');
    const approved = inHouse.filter((h) => h.approval_date && h.approval_date >= yearStart && h.approval_date <= council.asOf).length;
    expect(approved).toBeGreaterThanOrEqual(15);
    expect(approved).toBeLessThanOrEqual(40);
    expect(inHouse.filter((h) => h.left_reason === 'withdrew').length).toBeGreaterThan(0);
  });
});
