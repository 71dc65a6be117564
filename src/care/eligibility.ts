// Care-leaver status under the Children Act 1989 and the Children (Leaving Care) Act 2000, computed from
// the care history, with the reasoning shown to the worker:
//   eligible          16 or 17, looked after now, and looked after for at least 13 weeks in total since the
//                     14th birthday, some of it after the 16th birthday;
//   relevant          16 or 17, no longer looked after, and met that 13-week test when they left care at 16+;
//   former relevant   18 to 25, and was eligible or relevant (had met the 13-week test at 16+);
//   qualifying        16 to 25, looked after at some time on or after the 16th birthday without meeting the
//                     13-week test (or looked after then and left care under a special guardianship order).
// Periods looked after only under a series of short breaks (V3/V4) do not count.
import { addDays, addYears, ageOn, daysBetween } from '../platform/calendar/calendar.ts';

export type CareLeaverCategory = 'eligible' | 'relevant' | 'former_relevant' | 'qualifying';

export interface CareSpell {
  startDate: string;
  endDate: string | null;
  /** Looked after only under a series of short breaks (legal status V3 or V4). */
  shortBreaksOnly: boolean;
}

export interface EligibilityResult {
  category: CareLeaverCategory | null;
  reasoning: string[];
  /** Days looked after since the 14th birthday, up to the later of `asOf` and leaving care (short breaks excluded). */
  daysSince14: number;
}

const THIRTEEN_WEEKS = 13 * 7;

/** Days of [start, end] that fall within [from, to], both ends inclusive. */
function overlapDays(start: string, end: string, from: string, to: string): number {
  const s = start > from ? start : from;
  const e = end < to ? end : to;
  return e < s ? 0 : daysBetween(s, e) + 1;
}

export function careLeaverEligibility(dob: string, spells: CareSpell[], asOf: string): EligibilityResult {
  const age = ageOn(dob, asOf);
  const counted = spells.filter((s) => !s.shortBreaksOnly && s.startDate <= asOf);
  const fourteenth = addYears(dob, 14);
  const sixteenth = addYears(dob, 16);
  const end = (s: CareSpell) => (s.endDate && s.endDate < asOf ? s.endDate : asOf);
  const daysSince14 = counted.reduce((n, s) => n + overlapDays(s.startDate, end(s), fourteenth, asOf), 0);
  const lookedAfterNow = counted.some((s) => s.startDate <= asOf && (s.endDate === null || s.endDate >= asOf));
  const after16 = counted.filter((s) => end(s) >= sixteenth);
  // The 13-week test, judged when the young person was last looked after at 16 or over.
  const lastAfter16End = after16.length ? after16.map(end).sort().at(-1)! : null;
  const daysTo = (date: string) => counted.reduce((n, s) => n + overlapDays(s.startDate, end(s), fourteenth, date), 0);
  const metThirteenWeeks = lastAfter16End !== null && daysTo(lastAfter16End) >= THIRTEEN_WEEKS;
  const reasoning = [`Age ${age} on ${asOf}.`, `Looked after for ${daysSince14} days since the 14th birthday (${fourteenth}); 13 weeks is ${THIRTEEN_WEEKS} days. Short breaks are not counted.`];

  if (age < 16) return { category: null, reasoning: [...reasoning, 'Under 16: not yet a care leaver.'], daysSince14 };
  if (age >= 25 && asOf >= addDays(addYears(dob, 25), 0)) return { category: null, reasoning: [...reasoning, '25 or over: leaving-care support has ended.'], daysSince14 };
  if (lastAfter16End === null) return { category: null, reasoning: [...reasoning, 'Not looked after on or after the 16th birthday.'], daysSince14 };

  if (age < 18 && lookedAfterNow) {
    if (daysSince14 >= THIRTEEN_WEEKS) return { category: 'eligible', reasoning: [...reasoning, 'Looked after now, aged 16 or 17, with 13 weeks since 14: eligible.'], daysSince14 };
    return { category: null, reasoning: [...reasoning, 'Looked after now but fewer than 13 weeks since 14: not yet eligible (becomes eligible on reaching 13 weeks).'], daysSince14 };
  }
  if (metThirteenWeeks) {
    if (age < 18) return { category: 'relevant', reasoning: [...reasoning, `Left care at 16 or over (last looked after ${lastAfter16End}) having been looked after 13 weeks since 14: relevant.`], daysSince14 };
    return { category: 'former_relevant', reasoning: [...reasoning, 'Aged 18 to 25 and was eligible or relevant: former relevant.'], daysSince14 };
  }
  return { category: 'qualifying', reasoning: [...reasoning, 'Looked after on or after the 16th birthday without 13 weeks since 14: qualifying.'], daysSince14 };
}
