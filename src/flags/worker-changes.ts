import type { IsoDate } from '../platform/calendar/calendar.ts';
import { reportingPeriod } from '../clocks/period.ts';
import { allocationsOf } from './allocation.ts';
import { byDateThen, type InvolvementRecord, type PracticeFlag } from './practice-flag.ts';

/**
 * Three or more distinct allocated workers with allocations overlapping the 12 months ending `asOf`
 * (starting on or before `asOf` and not ended before the period). `since` is the start of the allocation
 * that brought in the third worker.
 */
export function workerChangesFlag(childId: string, involvements: readonly InvolvementRecord[], asOf: IsoDate): PracticeFlag | null {
  const period = reportingPeriod(asOf);
  const overlapping = allocationsOf(involvements)
    .filter((a) => a.personId === childId && a.startDate <= asOf && (a.endDate === null || a.endDate >= period.start))
    .sort(byDateThen((a) => a.startDate, (a) => a.professionalId));
  const workers = new Set<string>();
  let since: IsoDate | null = null;
  for (const a of overlapping) {
    workers.add(a.professionalId);
    if (workers.size === 3 && since === null) since = a.startDate;
  }
  if (since === null) return null;
  return {
    childId,
    flag: 'worker-changes',
    since,
    reason: `${workers.size} different allocated workers in 12 months (the third allocated on ${since})`,
  };
}
