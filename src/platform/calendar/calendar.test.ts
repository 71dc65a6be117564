import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWorkingDays, ageOn, bankHolidays, daysBetween, isWorkingDay, workingDaysBetween } from './calendar.ts';

describe('calendar months', () => {
  it('clamps to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', 3)).toBe('2026-06-15');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
  it('counts days across a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('ages', () => {
  it('counts whole years, a 29 February birthday falling on 28 February', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
  });
});

describe('England and Wales bank holidays', () => {
  it('covers this year and the next two', () => {
    const thisYear = new Date().getUTCFullYear();
    for (const year of [thisYear, thisYear + 1, thisYear + 2]) {
      const days = bankHolidays(year);
      // Eight a year at least (New Year, Good Friday, Easter Monday, two May, August, Christmas, Boxing Day).
      expect(days.size, String(year)).toBeGreaterThanOrEqual(8);
      expect(days.has(`${year}-12-25`)).toBe(true);
    }
  });
  it('knows Easter and the substitute days', () => {
    expect([...bankHolidays(2026)].sort()).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-26', '2026-12-28',
    ]);
    // Christmas 2027 is a Saturday, Boxing Day a Sunday: both substitutes fall on 27 and 28 December.
    expect(isWorkingDay('2027-12-27')).toBe(false);
    expect(isWorkingDay('2027-12-28')).toBe(false);
    expect(isWorkingDay('2027-12-29')).toBe(true);
    // One-off: the state funeral of 19 September 2022.
    expect(isWorkingDay('2022-09-19')).toBe(false);
  });
});

describe('working days', () => {
  it('adds working days over a weekend and the Easter bank holidays', () => {
    // Thu 2 April 2026; Good Friday 3rd, Easter Monday 6th.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 0)).toBe('2026-04-02');
    // Friday + 1 working day = Monday.
    expect(addWorkingDays('2026-01-09', 1)).toBe('2026-01-12');
    // 45 working days from Monday 5 January 2026: 9 weeks exactly, no holidays in between.
    expect(addWorkingDays('2026-01-05', 45)).toBe('2026-03-09');
    // 15 working days from Mon 23 March 2026 crosses Easter: 13 April.
    expect(addWorkingDays('2026-03-23', 15)).toBe('2026-04-15');
  });
  it('counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-01-05', '2026-01-05')).toBe(0);
    expect(workingDaysBetween('2026-01-09', '2026-01-12')).toBe(1);
    expect(workingDaysBetween('2026-01-05', '2026-03-09')).toBe(45);
    expect(workingDaysBetween('2026-01-05', '2026-03-10')).toBe(46);
    // Christmas 2026: Fri 25 Dec, Sat 26 (Boxing Day), Mon 28 (substitute).
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysBetween('2026-03-09', '2026-01-05')).toBe(-45);
  });
});
