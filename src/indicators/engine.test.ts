// The engine's shared rules, without a database: rounding, working days, periods, the definitions list,
// the JSON shape, settings, and the readings of recorded values.
import { describe, expect, it } from 'vitest';
import { addDays, workingDaysBetween } from '../platform/calendar/calendar.ts';
import { allocationKind, contactEndsInNfaOrAdvice, isRereferral } from './data.ts';
import { INDICATORS, INTERFACE_INDICATOR_IDS, eligibilityOf } from './definitions.ts';
import { toInterfaceJson, type IndicatorsReport } from './engine.ts';
import { figuresOf, roundHalfUp1, roundHalfUpDivide, type Member } from './measure.ts';
import { indicatorPeriod, monthEnds } from './period.ts';
import { figureOn, parseDatedFigures } from './settings.ts';
import { workingDaysFrom } from './working-days.ts';
import { ENGLAND } from './england.ts';

const members = (n: number, prefix = 'm'): Member[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, childId: null, teamId: null, workerId: null }));

describe('rounding', () => {
  it('rounds half up to one decimal place without floating-point slips', () => {
    // 453 ÷ 2,000 = 22.65% exactly → 22.7 (22.65 as a double is 22.6499…).
    expect(roundHalfUpDivide(453, 2000, 1000) / 10).toBe(22.7);
    expect(roundHalfUp1(22.65)).toBe(22.7);
    expect(roundHalfUp1(1.005 * 10)).toBe(10.1);
    expect(roundHalfUp1(0.05)).toBe(0.1);
    expect(roundHalfUp1(22.64)).toBe(22.6);
    // 226 of 1,000 → 22.6, INTERFACES.md's example.
    expect(figuresOf('percent', { numerator: { members: members(226) }, denominator: { members: members(1000) } })).toEqual({ value: 22.6, numerator: 226, denominator: 1000 });
    expect(figuresOf('percent', { numerator: { members: members(453) }, denominator: { members: members(2000) } }).value).toBe(22.7);
  });

  it('gives null for a zero denominator and numerator = value for a count', () => {
    expect(figuresOf('percent', { numerator: { members: [] }, denominator: { members: [] } })).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(figuresOf('count', { numerator: { members: members(3) }, denominator: null })).toEqual({ value: 3, numerator: 3, denominator: null });
  });

  it('counts distinct members once, and sums FTE exactly', () => {
    const twice = [...members(2), ...members(2)];
    expect(figuresOf('count', { numerator: { members: twice }, denominator: null }).value).toBe(2);
    const fte = [0.1, 0.2, 0.7].map((w, i): Member => ({ id: `w${i}`, childId: null, teamId: null, workerId: null, weight: w }));
    expect(figuresOf('ratio', { numerator: { members: members(3) }, denominator: { members: fte } })).toEqual({ value: 3, numerator: 3, denominator: 1 });
  });

  it('scales rates per 10,000', () => {
    expect(figuresOf('rate', { numerator: { members: members(8) }, denominator: { total: 3000 } }).value).toBe(26.7);
    expect(figuresOf('rate', { numerator: { members: members(8) }, denominator: { total: null } })).toEqual({ value: null, numerator: 8, denominator: null });
  });
});

describe('working days', () => {
  it('agrees with the platform calendar, bank holidays and all', () => {
    // Every pair of dates 0–70 days apart starting each week of 2019–2027, both directions.
    for (let start = '2019-01-01'; start < '2027-12-31'; start = addDays(start, 5)) {
      for (const span of [0, 1, 3, 14, 45, 70]) {
        const end = addDays(start, span);
        expect(workingDaysFrom(start, end)).toBe(workingDaysBetween(start, end));
        expect(workingDaysFrom(end, start)).toBe(workingDaysBetween(end, start) + 0); // the calendar gives −0 for a same-day pair
      }
    }
    // Christmas 2026: Boxing Day is a Saturday, so Monday 28 December is the substitute holiday.
    expect(workingDaysFrom('2026-12-24', '2026-12-29')).toBe(1);
  });
});

describe('periods', () => {
  it('is the 12 months ending asOf, both ends inclusive', () => {
    expect(indicatorPeriod('2026-03-31')).toEqual({ asOf: '2026-03-31', periodStart: '2025-04-01' });
    expect(indicatorPeriod('2024-02-29')).toEqual({ asOf: '2024-02-29', periodStart: '2023-03-01' });
  });

  it('lists month ends', () => {
    expect(monthEnds('2023-04-01', '2026-03-31')).toHaveLength(36);
    expect(monthEnds('2024-01-15', '2024-03-30')).toEqual(['2024-01-31', '2024-02-29']);
  });
});

describe('the definitions', () => {
  it("lists INTERFACES.md's ids first, in its order, then the rest, each once", () => {
    const ids = INDICATORS.map((d) => d.id);
    expect(ids.slice(0, INTERFACE_INDICATOR_IDS.length)).toEqual([...INTERFACE_INDICATOR_IDS]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'cla_long_term_stability_pct',
      'cla_3plus_social_workers_pct',
      'care_leavers_17_18_suitable_accom_pct',
      'care_leavers_19_21_suitable_accom_pct',
      'care_leavers_17_18_eet_pct',
      'care_leavers_19_21_eet_pct',
      'referral_rate_per_10k',
      'workforce_turnover_pct',
      'workforce_agency_pct',
      'workforce_vacancy_pct',
      'avg_caseload_fte',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('has England values only for indicators that exist and are rates or shares', () => {
    for (const id of Object.keys(ENGLAND)) {
      const d = INDICATORS.find((x) => x.id === id);
      expect(d, id).toBeDefined();
      expect(d!.unit).not.toBe('count');
    }
  });

  it('gives count indicators unit count and avg_caseload unit ratio', () => {
    for (const d of INDICATORS) if (d.id.endsWith('_count')) expect(d.unit).toBe('count');
    for (const d of INDICATORS) if (d.id.endsWith('_pct')) expect(d.unit).toBe('percent');
    expect(INDICATORS.find((d) => d.id === 'avg_caseload')!.unit).toBe('ratio');
  });
});

describe('the JSON for tiller indicators', () => {
  it('has exactly five keys an item, in INTERFACES.md’s order', () => {
    const report: IndicatorsReport = {
      asOf: '2026-03-31',
      periodStart: '2025-04-01',
      indicators: [
        {
          id: 'rereferrals_12m_pct',
          title: 'Re-referrals within 12 months',
          unit: 'percent',
          goodDirection: 'down',
          area: 'front door',
          value: 22.6,
          numerator: 226,
          denominator: 1000,
          members: { numerator: [], denominator: [] },
        },
      ],
    };
    expect(JSON.stringify(toInterfaceJson(report))).toBe(
      '{"asOf":"2026-03-31","periodStart":"2025-04-01","indicators":[{"id":"rereferrals_12m_pct","value":22.6,"numerator":226,"denominator":1000,"unit":"percent"}]}',
    );
  });
});

describe('settings', () => {
  it('reads a number or a dated list, and refuses anything else', () => {
    expect(figureOn(parseDatedFigures('k', 1234), '2026-03-31')).toBe(1234);
    const dated = parseDatedFigures('k', [
      { from: '2026-04-01', value: 2 },
      { from: '2025-04-01', value: 1 },
    ]);
    expect(figureOn(dated, '2025-03-31')).toBeNull();
    expect(figureOn(dated, '2026-03-31')).toBe(1);
    expect(figureOn(dated, '2026-04-01')).toBe(2);
    expect(() => parseDatedFigures('k', 'lots')).toThrow(/council setting k/i);
    expect(() => parseDatedFigures('k', [{ from: '31/03/2026', value: 1 }])).toThrow();
  });
});

describe('readings of recorded values', () => {
  it('reads case-holding roles by SSD code or description', () => {
    expect(allocationKind('CW')).toBe('CW');
    expect(allocationKind(' Allocated Social Worker ')).toBe('CW');
    expect(allocationKind('16PLUS')).toBe('16PLUS');
    expect(allocationKind('Leaving-care worker')).toBe('16PLUS');
    expect(allocationKind('Personal Adviser')).toBe('16PLUS');
    expect(allocationKind('IRO')).toBeNull();
  });

  it('reads contact outcomes, typed or from the SSD JSON', () => {
    expect(contactEndsInNfaOrAdvice('nfa', null)).toBe(true);
    expect(contactEndsInNfaOrAdvice('advice', null)).toBe(true);
    expect(contactEndsInNfaOrAdvice('early_help', { NFA_FLAG: 'Y' })).toBe(false);
    expect(contactEndsInNfaOrAdvice(null, { NFA_FLAG: 'Y', ADVICE_FLAG: 'N' })).toBe(true);
    expect(contactEndsInNfaOrAdvice(null, { NFA_FLAG: true })).toBe(true);
    expect(contactEndsInNfaOrAdvice(null, '{"ADVICE_FLAG":"Y"}')).toBe(true);
    expect(contactEndsInNfaOrAdvice(null, { NFA_FLAG: 'Y', NEW_REFERRAL_FLAG: 'Y' })).toBe(false);
    expect(contactEndsInNfaOrAdvice(null, { NFA_FLAG: 'N' })).toBe(false);
    expect(contactEndsInNfaOrAdvice(null, null)).toBe(false);
  });

  it('reads eligibility categories as written in SSD extracts and Annex A', () => {
    expect(eligibilityOf('Former relevant')).toBe('former relevant');
    expect(eligibilityOf('former_relevant')).toBe('former relevant');
    expect(eligibilityOf('Qualifying care leaver')).toBe('qualifying');
    expect(eligibilityOf('Eligible child')).toBe('eligible');
    expect(eligibilityOf('not eligible')).toBeNull();
  });

  it('marks re-referrals: 12 months exactly, not the same day, 29 February', () => {
    expect(isRereferral('2026-01-10', '2025-01-10')).toBe(true); // exactly 12 months
    expect(isRereferral('2026-01-10', '2025-01-09')).toBe(false); // 12 months and a day
    expect(isRereferral('2025-05-01', '2025-05-01')).toBe(false); // the same day is not earlier
    expect(isRereferral('2025-05-01', null)).toBe(false);
    // 12 months before 29 February 2024 is 28 February 2023.
    expect(isRereferral('2024-02-29', '2023-02-28')).toBe(true);
    // 12 months before 28 February 2025 is 28 February 2024; 29 February 2024 is after it.
    expect(isRereferral('2025-02-28', '2024-02-29')).toBe(true);
    expect(isRereferral('2025-02-28', '2024-02-27')).toBe(false);
  });
});
