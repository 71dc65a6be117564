import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { ReferralRecord } from '../clocks/clock-records.ts';
import { inPeriod, reportingPeriod } from '../clocks/period.ts';
import { byDateThen, type PracticeFlag } from './practice-flag.ts';

/** Three or more referrals dated in the 12 months ending `asOf`. `since` is the date of the third. */
export function repeatReferralsFlag(childId: string, referrals: readonly ReferralRecord[], asOf: IsoDate): PracticeFlag | null {
  const period = reportingPeriod(asOf);
  const inTheYear = referrals
    .filter((r) => r.personId === childId && inPeriod(r.referralDate, period))
    .sort(byDateThen((r) => r.referralDate, (r) => r.id));
  if (inTheYear.length < 3) return null;
  return {
    childId,
    flag: 'repeat-referrals',
    since: inTheYear[2]!.referralDate,
    reason: `${inTheYear.length} referrals in 12 months (first ${inTheYear[0]!.referralDate}, latest ${inTheYear.at(-1)!.referralDate})`,
  };
}
