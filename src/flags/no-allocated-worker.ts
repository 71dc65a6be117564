import { addDays, type IsoDate } from '../platform/calendar/calendar.ts';
import type { ReferralRecord } from '../clocks/clock-records.ts';
import { openOn } from '../clocks/period.ts';
import { allocationsOf } from './allocation.ts';
import type { InvolvementRecord, PracticeFlag } from './practice-flag.ts';

/**
 * A child with a CIN episode open at `asOf` and no allocation open then. `since` is when the child was
 * last without a worker: the day after the last allocation ended, or the start of the open episode if
 * that is later (or there has been no allocation).
 */
export function noAllocatedWorkerFlag(
  childId: string,
  referrals: readonly ReferralRecord[],
  involvements: readonly InvolvementRecord[],
  asOf: IsoDate,
): PracticeFlag | null {
  const openEpisodes = referrals.filter((r) => r.personId === childId && openOn(r.referralDate, r.closeDate, asOf));
  if (openEpisodes.length === 0) return null;
  const allocations = allocationsOf(involvements.filter((i) => i.personId === childId && i.startDate <= asOf));
  if (allocations.some((a) => openOn(a.startDate, a.endDate, asOf))) return null;

  const episodeStart = openEpisodes.map((r) => r.referralDate).reduce((a, b) => (b < a ? b : a));
  const lastEnded = allocations.map((a) => a.endDate!).reduce<IsoDate | null>((a, b) => (a === null || b > a ? b : a), null);
  if (lastEnded !== null && lastEnded >= episodeStart) {
    return {
      childId,
      flag: 'no-allocated-worker',
      since: addDays(lastEnded, 1),
      reason: `CIN episode open since ${episodeStart}; no allocated worker since the last allocation ended on ${lastEnded}`,
    };
  }
  return { childId, flag: 'no-allocated-worker', since: episodeStart, reason: `CIN episode open since ${episodeStart} with no allocated worker` };
}
