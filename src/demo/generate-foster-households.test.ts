// The demo's in-house foster households: a hand-made handful of placements first, where every household
// can be worked out by hand, then the invariants on a generated council.
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../platform/calendar/calendar.ts';
import { createGen } from './context.ts';
import { generateCouncil } from './generate.ts';
import { generateFosterHouseholds } from './generate-foster-households.ts';
import { emptyTables, type Row, type Tables } from './model.ts';

const AS_OF = '2026-03-31';

function placement(id: string, person: string, period: string, type: string, provider: string, start: string, end: string | null, carer: string, postcode: string): Row<'placement'> {
  return { id, person_id: person, period_of_care_id: period, placement_type: type, provider, start_date: start, end_date: end, carer_name: carer, postcode, in_area: postcode.startsWith('TB') };
}

describe('a handful of placements, worked by hand', () => {
  let t: Tables;
  const household = (placementId: string) => t.placement.find((p) => p.id === placementId)!.foster_household_id ?? null;
  const row = (id: string | null) => t.foster_household.find((h) => h.id === id)!;

  beforeAll(() => {
    const g = createGen({ seed: 1, scale: 1, years: 1, asOf: AS_OF });
    t = emptyTables();
    t.placement.push(
      // One stay with in-house carers: matched with them as long-term foster carers, same carers.
      placement('PA1', 'C1', 'POC1', 'U6', 'PR1', '2025-01-06', '2025-06-30', 'Ann and Bob Lee', 'TB1 1AA'),
      placement('PA2', 'C1', 'POC1', 'U4', 'PR1', '2025-06-30', null, 'Ann and Bob Lee', 'TB1 1AA'),
      // With an aunt (connected person) for six months.
      placement('PB', 'C2', 'POC2', 'U3', 'PR1', '2025-03-01', '2025-09-01', 'Cath Roe', 'TB2 2BB'),
      // An agency foster placement and a council children's home: not the council's foster carers.
      placement('PC', 'C3', 'POC3', 'U6', 'PR4', '2025-02-01', null, 'Dee Fox', 'CV1 1CC'),
      placement('PD', 'C4', 'POC4', 'K2', 'PR1', '2025-02-01', null, 'Oak Lodge', 'TB3 3DD'),
      // Fostering for adoption.
      placement('PE', 'C5', 'POC5', 'U5', 'PR1', '2025-10-01', null, 'Eve Moss', 'TB4 4EE'),
    );
    t.cla_episode.push({ id: 'E1', person_id: 'C1', period_of_care_id: 'POC1', placement_id: 'PA2', start_date: '2025-06-30', placement_postcode: 'TB1 1AA' });
    generateFosterHouseholds(g, t);
  });

  it('makes three households: one mainstream, one connected person, one fostering for adoption', () => {
    expect(t.foster_household.map((h) => h.approval_type).sort()).toEqual(['connected_person', 'fostering_for_adoption', 'mainstream']);
  });

  it('keeps a stay with the same carers in one household, approved before it began and still fostering', () => {
    expect(household('PA1')).not.toBeNull();
    expect(household('PA2')).toBe(household('PA1'));
    const h = row(household('PA1'));
    expect(h.approval_type).toBe('mainstream');
    expect(h.approved_date <= '2025-01-06').toBe(true);
    expect(h.deregistered_date).toBeNull();
    expect(h.approved_places).toBeGreaterThanOrEqual(1);
    // The placements and the 903 episode carry the household's postcode.
    expect(t.placement.find((p) => p.id === 'PA2')!.postcode).toBe(h.postcode);
    expect(t.cla_episode[0]!.placement_postcode).toBe(h.postcode);
  });

  it('approves the aunt on the day the child arrives and deregisters her within two months of the child leaving', () => {
    const h = row(household('PB'));
    expect(h.approval_type).toBe('connected_person');
    expect(h.approved_date).toBe('2025-03-01');
    expect([1, 2]).toContain(h.approved_places);
    expect(h.postcode).toBe('TB2 2BB');
    expect(h.deregistered_date! >= '2025-09-02' && h.deregistered_date! <= addDays('2025-09-01', 61)).toBe(true);
  });

  it('approves the fostering-for-adoption carers one to seven months before the baby comes, for one child', () => {
    const h = row(household('PE'));
    expect(h.approval_type).toBe('fostering_for_adoption');
    expect(h.approved_places).toBe(1);
    expect(h.approved_date >= addDays('2025-10-01', -200) && h.approved_date <= addDays('2025-10-01', -30)).toBe(true);
  });

  it('leaves agency foster care and the council’s children’s home alone', () => {
    expect(household('PC')).toBeNull();
    expect(household('PD')).toBeNull();
  });

  it('never puts more children in a household than it is approved for', () => {
    const g = createGen({ seed: 2, scale: 1, years: 1, asOf: AS_OF });
    const many = emptyTables();
    for (let i = 1; i <= 10; i++) many.placement.push(placement(`P${i}`, `C${i}`, `POC${i}`, 'U6', 'PR1', '2025-01-01', null, `Carer ${i}`, 'TB5 5AA'));
    generateFosterHouseholds(g, many);
    const placed = new Map<string, number>();
    for (const p of many.placement) placed.set(p.foster_household_id!, (placed.get(p.foster_household_id!) ?? 0) + 1);
    expect([...placed.values()].reduce((a, b) => a + b, 0)).toBe(10);
    for (const [id, n] of placed) expect(n).toBeLessThanOrEqual(many.foster_household.find((h) => h.id === id)!.approved_places);
    // At most four places each: ten children need at least three households.
    expect(placed.size).toBeGreaterThanOrEqual(3);
  });
});

describe('the generated council’s in-house foster households', () => {
  let t: Tables;
  const inHouse = (p: Row<'placement'>) => p.provider === 'PR1' && /^U[1-6]$/.test(p.placement_type ?? '');

  beforeAll(() => {
    t = generateCouncil({ seed: 3, scale: 0.5, years: 3, asOf: AS_OF }).tables;
  });

  it('links every in-house foster placement to a household, and no other placement', () => {
    expect(t.placement.filter((p) => inHouse(p) !== (p.foster_household_id != null)).map((p) => p.id)).toEqual([]);
    expect(t.placement.filter(inHouse).length).toBeGreaterThan(100);
  });

  it('never has more children in a household than its approved places, on any day a child arrives or on asOf', () => {
    const byHousehold = new Map<string, Row<'placement'>[]>();
    for (const p of t.placement) if (p.foster_household_id) byHousehold.set(p.foster_household_id, [...(byHousehold.get(p.foster_household_id) ?? []), p]);
    const over: string[] = [];
    for (const h of t.foster_household) {
      const ps = byHousehold.get(h.id) ?? [];
      for (const day of [AS_OF, ...ps.map((p) => p.start_date)]) {
        // Children there that day, a child leaving and another arriving on the same day counting both.
        const children = new Set(ps.filter((p) => p.start_date <= day && (p.end_date == null || p.end_date >= day)).map((p) => p.person_id));
        if (children.size > h.approved_places) over.push(`${h.id} ${day}: ${children.size} > ${h.approved_places}`);
      }
    }
    expect(over.slice(0, 5)).toEqual([]);
  });

  it('places children only while the household is approved, and none is left with a household that stopped', () => {
    const households = new Map(t.foster_household.map((h) => [h.id, h]));
    const outside = t.placement.filter((p) => {
      if (!p.foster_household_id) return false;
      const h = households.get(p.foster_household_id)!;
      return p.start_date < h.approved_date || (h.deregistered_date != null && (p.end_date == null || p.end_date >= h.deregistered_date));
    });
    expect(outside.map((p) => p.id).slice(0, 5)).toEqual([]);
  });

  it('matches the approval to the placement type, and the placement’s postcode to the household’s', () => {
    const households = new Map(t.foster_household.map((h) => [h.id, h]));
    const allowed: Record<string, RegExp> = { connected_person: /^U[1-3]$/, mainstream: /^U[46]$/, fostering_for_adoption: /^U[45]$/ };
    const wrong = t.placement.filter((p) => p.foster_household_id && !allowed[households.get(p.foster_household_id)!.approval_type]!.test(p.placement_type!));
    expect(wrong.map((p) => `${p.id} ${p.placement_type}`).slice(0, 5)).toEqual([]);
    expect(t.placement.filter((p) => p.foster_household_id && p.postcode !== households.get(p.foster_household_id)!.postcode).length).toBe(0);
    const postcode = new Map(t.placement.map((p) => [p.id, p.postcode]));
    expect(t.cla_episode.filter((e) => e.placement_id && e.placement_postcode !== postcode.get(e.placement_id)).length).toBe(0);
  });

  it('does not move a child to a household it was with just before (no move at all)', () => {
    const byPeriod = new Map<string, Row<'placement'>[]>();
    for (const p of t.placement) byPeriod.set(p.period_of_care_id!, [...(byPeriod.get(p.period_of_care_id!) ?? []), p]);
    const same: string[] = [];
    for (const ps of byPeriod.values()) {
      ps.sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
      ps.forEach((p, i) => {
        const q = ps[i - 1];
        if (q && p.foster_household_id && q.foster_household_id === p.foster_household_id && q.carer_name !== p.carer_name) same.push(p.id);
      });
    }
    expect(same).toEqual([]);
  });

  it('on asOf has spare places, a few households on hold (with no child) and some that have stopped fostering', () => {
    const active = t.foster_household.filter((h) => h.approved_date <= AS_OF && (h.deregistered_date == null || h.deregistered_date > AS_OF));
    const open = t.placement.filter((p) => p.foster_household_id && p.start_date <= AS_OF && (p.end_date == null || p.end_date >= AS_OF));
    const places = active.filter((h) => !h.on_hold).reduce((n, h) => n + h.approved_places, 0);
    // Sized to the children placed: most places filled, some spare (the sufficiency page's vacancies).
    expect(places).toBeGreaterThan(open.length * 1.05);
    expect(places).toBeLessThan(open.length * 1.8);
    const onHold = active.filter((h) => h.on_hold);
    expect(onHold.length).toBeGreaterThanOrEqual(1);
    expect(onHold.filter((h) => open.some((p) => p.foster_household_id === h.id)).map((h) => h.id)).toEqual([]);
    expect(t.foster_household.filter((h) => h.deregistered_date != null && h.deregistered_date <= AS_OF).length).toBeGreaterThan(0);
    expect(new Set(t.foster_household.map((h) => h.name)).size).toBe(t.foster_household.length);
  });
});
