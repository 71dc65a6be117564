import type { IsoDate } from '../platform/calendar/calendar.ts';
import { inPeriod, type ReportingPeriod } from './period.ts';
import type { ClockRuleId } from './rules.ts';

export type ClockStatus = 'due' | 'overdue' | 'met' | 'missed' | 'stopped';

/** One interval of one clock: the shape `tiller clocks --format json` prints (INTERFACES.md). */
export interface ClockInstance {
  /** The child (or young person); null for supervision, which is about a worker. */
  childId: string | null;
  /** Supervision only: the supervised professional. */
  workerId?: string;
  rule: ClockRuleId;
  subjectId: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  completedDate: IsoDate | null;
  status: ClockStatus;
}

/**
 * The status at `asOf`. `completedDate` and `subjectEnd` are only those known at `asOf` (on or before it),
 * and a completion counts only up to and including the day the subject ends.
 */
export function clockStatus(dueDate: IsoDate, completedDate: IsoDate | null, subjectEnd: IsoDate | null, asOf: IsoDate): ClockStatus {
  if (completedDate !== null) return completedDate <= dueDate ? 'met' : 'missed';
  if (subjectEnd !== null) return subjectEnd <= dueDate ? 'stopped' : 'missed';
  return dueDate >= asOf ? 'due' : 'overdue';
}

export function isOpen(instance: ClockInstance): boolean {
  return instance.status === 'due' || instance.status === 'overdue';
}

/** INTERFACES.md: an instance is listed when open at `asOf`, or due or completed within the period. */
export function isReportable(instance: ClockInstance, period: ReportingPeriod): boolean {
  return isOpen(instance) || inPeriod(instance.dueDate, period) || inPeriod(instance.completedDate, period);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Deterministic order: children's clocks by child, rule, subject and start date; then the workers'
 * supervision clocks (no child) by worker.
 */
export function compareClockInstances(a: ClockInstance, b: ClockInstance): number {
  if ((a.childId === null) !== (b.childId === null)) return a.childId === null ? 1 : -1;
  return (
    byCodePoint(a.childId ?? '', b.childId ?? '') ||
    byCodePoint(a.workerId ?? '', b.workerId ?? '') ||
    byCodePoint(a.rule, b.rule) ||
    byCodePoint(a.subjectId, b.subjectId) ||
    byCodePoint(a.startDate, b.startDate) ||
    byCodePoint(a.dueDate, b.dueDate)
  );
}
