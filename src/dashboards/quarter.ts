// A report quarter: "2026-Q1" is January to March 2026, which councils call 2025/26 quarter 4.
import { AppError } from '../platform/errors.ts';
import { addDays, addMonths, type IsoDate } from '../platform/calendar/calendar.ts';

export interface Quarter {
  /** 2026-Q1 */
  id: string;
  start: IsoDate;
  end: IsoDate;
  /** January to March 2026 */
  label: string;
  /** 2025/26 quarter 4 */
  financialLabel: string;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function parseQuarter(id: string): Quarter {
  const m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2100) throw new AppError('NOT_FOUND', 'There is no such quarter: quarters are written like 2026-Q1 (January to March 2026)');
  const year = Number(m[1]);
  const q = Number(m[2]);
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const end = addDays(addMonths(start, 3), -1);
  const fyStart = q === 1 ? year - 1 : year;
  return {
    id,
    start,
    end,
    label: `${MONTH_NAMES[(q - 1) * 3]} to ${MONTH_NAMES[(q - 1) * 3 + 2]} ${year}`,
    financialLabel: `${fyStart}/${String(fyStart + 1).slice(2)} quarter ${q === 1 ? 4 : q - 1}`,
  };
}

/** The quarter a date falls in. */
export function quarterOf(date: IsoDate): Quarter {
  return parseQuarter(`${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`);
}

/** The latest quarter that has ended by `today` (the one a committee would be reading about). */
export function latestEndedQuarter(today: IsoDate): Quarter {
  const q = quarterOf(today);
  return q.end <= today ? q : quarterOf(addDays(q.start, -1));
}

/** The `n` quarters ending with `last`, newest first (for the choice of quarter). */
export function recentQuarters(last: Quarter, n: number): Quarter[] {
  const out = [last];
  while (out.length < n) out.push(quarterOf(addDays(out.at(-1)!.start, -1)));
  return out;
}
