import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWorkingDays, isWorkingDay, workingDaysBetween } from '../platform/calendar/calendar.ts';
import { DemoCalendar } from './dates.ts';
import { Rng } from './random.ts';

// The generator's lookup-table calendar must agree with the platform calendar it is built from.
describe('DemoCalendar', () => {
  const cal = new DemoCalendar('2014-01-01', '2030-12-31');
  const rng = new Rng(42);
  const dates = Array.from({ length: 400 }, () => addDays('2016-01-01', rng.int(0, 4000)));

  it('agrees with the platform calendar on working days, including bank holidays', () => {
    for (const d of dates) {
      expect(cal.isWorkingDay(d), d).toBe(isWorkingDay(d));
      const n = rng.int(0, 60);
      expect(cal.addWorkingDays(d, n), `${d} + ${n}`).toBe(addWorkingDays(d, n));
      const other = addDays(d, rng.int(-90, 90));
      // (+ 0 turns the platform's -0 for an empty backwards span into 0)
      expect(cal.workingDaysBetween(d, other), `${d}..${other}`).toBe(workingDaysBetween(d, other) + 0);
    }
    expect(cal.addWorkingDays('2025-12-24', 1)).toBe('2025-12-29');
  });

  it('agrees on calendar days and months, clamping to the month end', () => {
    for (const d of dates) {
      const n = rng.int(-400, 400);
      expect(cal.addDays(d, n)).toBe(addDays(d, n));
      const m = rng.int(-30, 30);
      expect(cal.addMonths(d, m), `${d} + ${m} months`).toBe(addMonths(d, m));
    }
    expect(cal.addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(cal.addMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(cal.addMonths('2024-08-31', 6)).toBe('2025-02-28');
  });

  it('refuses a date outside its range rather than guessing', () => {
    expect(() => cal.addDays('2030-12-31', 1)).toThrow(/range/);
    expect(() => cal.date('2013-12-31')).toThrow(/range/);
  });
});
