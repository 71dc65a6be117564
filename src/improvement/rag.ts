// Red, amber, green for an improvement action, derived from its due date and status on a date, unless a
// person has overridden it with a reason:
//   green  completed on or before the date (however late), or due more than `amberDays` after the date;
//   amber  not completed and due from the date itself up to `amberDays` calendar days after it;
//   red    not completed and due before the date (overdue).
// Completion is judged on the date: an action completed after the date was not yet completed then.
import { addDays } from '../platform/calendar/calendar.ts';

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const ACTION_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { not_started: 'Not started', in_progress: 'In progress', completed: 'Completed' };

/** The council setting for the amber window, and its default. */
export const AMBER_DAYS_SETTING = 'improvement_amber_days';
export const DEFAULT_AMBER_DAYS = 28;

export interface RagInput {
  dueDate: string;
  status: ActionStatus;
  completedOn: string | null;
  ragOverride: Rag | null;
}

/** The status as it stood on `asOf`: completed only if completed by then. */
export function statusOn(a: Pick<RagInput, 'status' | 'completedOn'>, asOf: string): ActionStatus {
  if (a.status === 'completed') return a.completedOn !== null && a.completedOn <= asOf ? 'completed' : 'in_progress';
  return a.status;
}

export function derivedRag(a: RagInput, asOf: string, amberDays = DEFAULT_AMBER_DAYS): Rag {
  if (statusOn(a, asOf) === 'completed') return 'green';
  if (a.dueDate < asOf) return 'red';
  if (a.dueDate <= addDays(asOf, amberDays)) return 'amber';
  return 'green';
}

/** The RAG shown: the override when there is one, else the derived one. */
export function ragOf(a: RagInput, asOf: string, amberDays = DEFAULT_AMBER_DAYS): { rag: Rag; derived: Rag; overridden: boolean } {
  const derived = derivedRag(a, asOf, amberDays);
  return { rag: a.ragOverride ?? derived, derived, overridden: a.ragOverride !== null };
}

/** An area is as red as its reddest action; null when it has none. */
export function worstRag(rags: Iterable<Rag>): Rag | null {
  let worst: Rag | null = null;
  for (const r of rags) {
    if (r === 'red') return 'red';
    if (r === 'amber' || worst === null) worst = r;
  }
  return worst;
}
