import type { IsoDate } from '../platform/calendar/calendar.ts';
import { inPeriod, reportingPeriod } from '../clocks/period.ts';
import { contactOutcomeKind } from './contact-outcome.ts';
import { byDateThen, type FlagContactRecord, type PracticeFlag } from './practice-flag.ts';

/**
 * Cumulative harm missed one contact at a time: three or more contacts dated in the 12 months ending
 * `asOf`, every one ending in no further action or advice only. `since` is the date of the third.
 */
export function repeatContactsNfaFlag(childId: string, contacts: readonly FlagContactRecord[], asOf: IsoDate): PracticeFlag | null {
  const period = reportingPeriod(asOf);
  const inTheYear = contacts
    .filter((c) => c.personId === childId && inPeriod(c.contactDate, period))
    .sort(byDateThen((c) => c.contactDate, (c) => c.id));
  if (inTheYear.length < 3) return null;
  const kinds = inTheYear.map((c) => contactOutcomeKind(c, asOf));
  if (!kinds.every((k) => k === 'nfa' || k === 'advice')) return null;
  const outcome = kinds.every((k) => k === 'nfa') ? 'NFA' : 'NFA or advice only';
  return {
    childId,
    flag: 'repeat-contacts-nfa',
    since: inTheYear[2]!.contactDate,
    reason: `${inTheYear.length} contacts in 12 months, all ${outcome} (first ${inTheYear[0]!.contactDate}, latest ${inTheYear.at(-1)!.contactDate})`,
  };
}
