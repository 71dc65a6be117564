// Date arithmetic for the generator. Every rule comes from the platform calendar (England and Wales
// bank holidays, month-end clamping); this wraps it in a lookup table over the demo's date range because
// the generator does hundreds of thousands of working-day sums, and it interns the date strings so that
// a million rows share a few thousand of them instead of each holding its own copy.
import { fromEpochDay, isWorkingDay, toEpochDay, type IsoDate } from '../platform/calendar/calendar.ts';

export class DemoCalendar {
  private readonly first: number;
  private readonly strings: IsoDate[] = [];
  private readonly firstYear: number;
  /** Offset of each date, indexed by (year, month, day) arithmetic: no parsing, no hashing. */
  private readonly index: Int32Array;
  /** rank[i] = working days in [first, first + i]. */
  private readonly rank: Int32Array;
  /** The working days of the range, as offsets from `first`. */
  private readonly workingDays: number[] = [];

  constructor(from: IsoDate, to: IsoDate) {
    this.first = toEpochDay(from);
    const last = toEpochDay(to);
    this.rank = new Int32Array(last - this.first + 1);
    this.firstYear = Number(from.slice(0, 4));
    this.index = new Int32Array((Number(to.slice(0, 4)) - this.firstYear + 1) * 372).fill(-1);
    let count = 0;
    for (let day = this.first; day <= last; day++) {
      const date = fromEpochDay(day);
      this.index[this.key(date)] = this.strings.length;
      this.strings.push(date);
      if (isWorkingDay(date)) {
        count += 1;
        this.workingDays.push(day - this.first);
      }
      this.rank[day - this.first] = count;
    }
  }

  private key(date: IsoDate): number {
    const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + date.charCodeAt(3) - 48;
    const month = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
    const day = (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
    return ((year - this.firstYear) * 12 + month - 1) * 31 + day - 1;
  }

  private offset(date: IsoDate): number {
    const k = this.key(date);
    const i = date.length === 10 && k >= 0 && k < this.index.length ? this.index[k]! : -1;
    if (i < 0) throw new Error(`demo calendar: ${date} is not a date in the generated range`);
    return i;
  }

  private at(i: number): IsoDate {
    const s = this.strings[i];
    if (s === undefined) throw new Error('demo calendar: date outside the generated range');
    return s;
  }

  /** The interned copy of `date`. */
  date(date: IsoDate): IsoDate {
    return this.at(this.offset(date));
  }

  addDays(date: IsoDate, n: number): IsoDate {
    return this.at(this.offset(date) + Math.round(n));
  }

  daysBetween(from: IsoDate, to: IsoDate): number {
    return this.offset(to) - this.offset(from);
  }

  /** Calendar months, clamped to the month's end, as calendar.addMonths. */
  addMonths(date: IsoDate, n: number): IsoDate {
    const k = this.key(date);
    const day = (k % 31) + 1;
    const months = Math.floor(k / 31) + n;
    const year = this.firstYear + Math.floor(months / 12);
    const month = (months % 12) + 1;
    const i = this.index[months * 31 + Math.min(day, daysInMonth(year, month)) - 1];
    if (i === undefined || i < 0 || months < 0) throw new Error(`demo calendar: ${date} + ${n} months is outside the generated range`);
    return this.at(i);
  }

  addYears(date: IsoDate, n: number): IsoDate {
    return this.addMonths(date, 12 * n);
  }

  isWorkingDay(date: IsoDate): boolean {
    const i = this.offset(date);
    return this.rank[i] !== (i === 0 ? 0 : this.rank[i - 1]);
  }

  /** The date `n` working days after `date` (n >= 0), as calendar.addWorkingDays. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    const i = this.offset(date);
    if (n <= 0) return this.at(i);
    const w = this.workingDays[this.rank[i]! + n - 1];
    if (w === undefined) throw new Error('demo calendar: working day outside the generated range');
    return this.at(w);
  }

  /** Working days after `from` up to and including `to`, as calendar.workingDaysBetween. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    return this.rank[this.offset(to)]! - this.rank[this.offset(from)]!;
  }

  /** `date` if it is a working day, else the next one. */
  onOrAfterWorkingDay(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? this.date(date) : this.addWorkingDays(date, 1);
  }

  /** A day chosen uniformly in [from, to]. */
  between(from: IsoDate, to: IsoDate, u: number): IsoDate {
    const a = this.offset(from);
    const b = this.offset(to);
    return this.at(a + Math.floor(u * (b - a + 1)));
  }
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
