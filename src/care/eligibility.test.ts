import { describe, expect, it } from 'vitest';
import { careLeaverEligibility } from './eligibility.ts';

// Born 10 May 2008: 14th birthday 10 May 2022, 16th 10 May 2024, 18th 10 May 2026.
const DOB = '2008-05-10';

describe('care-leaver eligibility', () => {
  it('is eligible: looked after now at 16 with 13 weeks since 14', () => {
    // Looked after from 1 March 2024: to 31 May 2024 is 92 days (>= 91), and after the 16th birthday.
    const r = careLeaverEligibility(DOB, [{ startDate: '2024-03-01', endDate: null, shortBreaksOnly: false }], '2024-05-31');
    expect(r.category).toBe('eligible');
    expect(r.daysSince14).toBe(92);
  });

  it('is not yet eligible one day short of 13 weeks', () => {
    const r = careLeaverEligibility(DOB, [{ startDate: '2024-03-01', endDate: null, shortBreaksOnly: false }], '2024-05-30');
    expect(r.daysSince14).toBe(91);
    expect(careLeaverEligibility(DOB, [{ startDate: '2024-03-02', endDate: null, shortBreaksOnly: false }], '2024-05-30').category).toBeNull();
  });

  it('counts 13 weeks in total since 14, across spells (one of them at 16)', () => {
    const spells = [
      { startDate: '2022-06-01', endDate: '2022-07-31', shortBreaksOnly: false }, // 61 days at 14
      { startDate: '2024-05-01', endDate: null, shortBreaksOnly: false }, // from 1 May 2024
    ];
    // To 30 May 2024: 61 + 30 = 91 days, and looked after at 16 (from 10 May).
    expect(careLeaverEligibility(DOB, spells, '2024-05-30').category).toBe('eligible');
  });

  it('is relevant: left care at 17 after 13 weeks; and former relevant from the 18th birthday', () => {
    const spells = [{ startDate: '2023-01-01', endDate: '2025-09-01', shortBreaksOnly: false }];
    expect(careLeaverEligibility(DOB, spells, '2025-12-01').category).toBe('relevant');
    expect(careLeaverEligibility(DOB, spells, '2026-05-09').category).toBe('relevant');
    expect(careLeaverEligibility(DOB, spells, '2026-05-10').category).toBe('former_relevant');
  });

  it('is qualifying: looked after at 16 for less than 13 weeks since 14', () => {
    const spells = [{ startDate: '2024-06-01', endDate: '2024-07-15', shortBreaksOnly: false }];
    expect(careLeaverEligibility(DOB, spells, '2024-09-01').category).toBe('qualifying');
  });

  it('is nothing for a child who left care before 16, however long they were looked after', () => {
    const spells = [{ startDate: '2020-01-01', endDate: '2024-05-09', shortBreaksOnly: false }];
    expect(careLeaverEligibility(DOB, spells, '2024-09-01').category).toBeNull();
  });

  it('does not count short breaks', () => {
    const spells = [{ startDate: '2023-01-01', endDate: null, shortBreaksOnly: true }];
    expect(careLeaverEligibility(DOB, spells, '2024-09-01').category).toBeNull();
  });

  it('ends on the 25th birthday', () => {
    const spells = [{ startDate: '2023-01-01', endDate: '2026-05-10', shortBreaksOnly: false }];
    expect(careLeaverEligibility(DOB, spells, '2033-05-09').category).toBe('former_relevant');
    expect(careLeaverEligibility(DOB, spells, '2033-05-10').category).toBeNull();
  });

  it('changes on a 29 February birthday on 28 February', () => {
    const leap = '2008-02-29';
    const spells = [{ startDate: '2023-06-01', endDate: '2025-06-01', shortBreaksOnly: false }];
    expect(careLeaverEligibility(leap, spells, '2026-02-27').category).toBe('relevant');
    expect(careLeaverEligibility(leap, spells, '2026-02-28').category).toBe('former_relevant');
  });

  describe('each legal route, changing on the right birthday', () => {
    // Born 10 May 2008: 14th birthday 10 May 2022, 16th 10 May 2024, 18th 10 May 2026, 25th 10 May 2033.
    it('looked after since 14: nothing the day before the 16th birthday, eligible on it', () => {
      const spells = [{ startDate: '2022-09-01', endDate: null, shortBreaksOnly: false }];
      expect(careLeaverEligibility(DOB, spells, '2024-05-09').category).toBeNull();
      expect(careLeaverEligibility(DOB, spells, '2024-05-10').category).toBe('eligible');
    });

    it('eligible while looked after; looked after to the 18th birthday, former relevant from it', () => {
      const spells = [{ startDate: '2022-09-01', endDate: '2026-05-10', shortBreaksOnly: false }];
      expect(careLeaverEligibility(DOB, spells, '2026-05-09').category).toBe('eligible');
      expect(careLeaverEligibility(DOB, spells, '2026-05-10').category).toBe('former_relevant');
      expect(careLeaverEligibility(DOB, spells, '2033-05-09').category).toBe('former_relevant');
    });

    it('eligible at 17, relevant the day after leaving care, former relevant at 18', () => {
      // Looked after 1 January 2024 to 1 December 2025: 700 days since 14, part of it at 16 and 17.
      const spells = [{ startDate: '2024-01-01', endDate: '2025-12-01', shortBreaksOnly: false }];
      expect(careLeaverEligibility(DOB, spells, '2025-12-01').category).toBe('eligible');
      expect(careLeaverEligibility(DOB, spells, '2025-12-02').category).toBe('relevant');
      expect(careLeaverEligibility(DOB, spells, '2026-05-09').category).toBe('relevant');
      expect(careLeaverEligibility(DOB, spells, '2026-05-10').category).toBe('former_relevant');
    });

    it('becomes eligible on the day the 13 weeks are reached after 16, not on the birthday', () => {
      // Came into care 1 June 2024 (aged 16): 91 days from 1 June to 30 August inclusive.
      const spells = [{ startDate: '2024-06-01', endDate: null, shortBreaksOnly: false }];
      expect(careLeaverEligibility(DOB, spells, '2024-08-29').category).toBeNull();
      expect(careLeaverEligibility(DOB, spells, '2024-08-30').category).toBe('eligible');
    });

    it('qualifying: looked after at 16 under 13 weeks; still qualifying at 21; nothing from the 25th birthday', () => {
      // 1 April to 20 May 2024: 50 days, 11 of them after the 16th birthday.
      const spells = [{ startDate: '2024-04-01', endDate: '2024-05-20', shortBreaksOnly: false }];
      expect(careLeaverEligibility(DOB, spells, '2024-05-09').category).toBeNull();
      expect(careLeaverEligibility(DOB, spells, '2024-05-21').category).toBe('qualifying');
      expect(careLeaverEligibility(DOB, spells, '2029-05-10').category).toBe('qualifying');
      expect(careLeaverEligibility(DOB, spells, '2033-05-09').category).toBe('qualifying');
      expect(careLeaverEligibility(DOB, spells, '2033-05-10').category).toBeNull();
    });

    it('13 weeks since 14 made up of an earlier spell, then a return to care at 17: eligible at once, former relevant at 18', () => {
      // 1 June to 30 September 2023 (aged 15): 122 days. Back in care 1 April 2026 (aged 17).
      const spells = [
        { startDate: '2023-06-01', endDate: '2023-09-30', shortBreaksOnly: false },
        { startDate: '2026-04-01', endDate: '2026-05-10', shortBreaksOnly: false },
      ];
      expect(careLeaverEligibility(DOB, spells, '2026-03-31').category).toBeNull();
      expect(careLeaverEligibility(DOB, spells, '2026-04-01').category).toBe('eligible');
      expect(careLeaverEligibility(DOB, spells, '2026-05-10').category).toBe('former_relevant');
    });
  });
});
