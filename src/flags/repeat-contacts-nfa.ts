import type { IsoDate } from '../platform/calendar/calendar.ts';
import { inPeriod, reportingPeriod } from '../clocks/period.ts';
import { contactOutcomeKind } from './contact-outcome.ts';
import { byDateThen, type FlagContactRecord, type PracticeFlag } from './practice-flag.ts';

/**
 * Cumulative harm missed one contact at a time: three or more contacts dated in the 12 months ending
 * `asOf`, every one ending in no further action or advice only. A contact still being screened at `asOf`
 * has not ended, so it neither counts nor clears the flag: the flag stays up while the screener decides
 * the next contact, which is when it matters most. `since` is the date of the third decided contact.
 */
export function repeatContactsNfaFlag(childId: string, contacts: readonly FlagContactRecord[], asOf: IsoDate): PracticeFlag | null {
  const period = reportingPeriod(asOf);
  const decided = contacts
    .filter((c) => c.personId === childId && inPeriod(c.contactDate, period))
    .map((c) => ({ c, kind: contactOutcomeKind(c, asOf) }))
    .filter((x) => x.kind !== 'undecided')
    .sort(byDateThen((x) => x.c.contactDate, (x) => x.c.id));
  if (decided.length < 3) return null;
  if (!decided.every((x) => x.kind === 'nfa' || x.kind === 'advice')) return null;
  const outcome = decided.every((x) => x.kind === 'nfa') ? 'NFA' : 'NFA or advice only';
  return {
    childId,
    flag: 'repeat-contacts-nfa',
    since: decided[2]!.c.contactDate,
    reason: `${decided.length} contacts in 12 months, all ${outcome} (first ${decided[0]!.c.contactDate}, latest ${decided.at(-1)!.c.contactDate})`,
  };
}
