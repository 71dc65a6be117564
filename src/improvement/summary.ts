// The improvement plan in one object, for the board summary page, the API and the quarterly report
// (src/dashboards reads it through improvementPlanSummary). Statuses and red/amber/green are as they
// stood on `asOf` (an action completed after it counts as in progress; see rag.ts).
import type { Db } from '../platform/db/connect.ts';
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { daysBetween } from '../platform/calendar/calendar.ts';
import { loadPlan, type PlanAction } from './plan.ts';
import type { ActionStatus, Rag } from './rag.ts';

export interface ActionCounts {
  total: number;
  byStatus: Record<ActionStatus, number>;
  byRag: Record<Rag, number>;
}

export interface ImprovementAreaSummary {
  id: string;
  title: string;
  source: string;
  /** The reddest of its actions; null when it has none. */
  rag: Rag | null;
  actions: ActionCounts;
}

export interface OverdueAction {
  id: string;
  areaId: string;
  areaTitle: string;
  description: string;
  owner: string;
  dueDate: IsoDate;
  status: ActionStatus;
  /** Calendar days from the due date to `asOf`. */
  daysOverdue: number;
  rag: Rag;
}

export interface ImprovementPlanSummary {
  asOf: IsoDate;
  /** Days before the due date an open action turns amber (council setting `improvement_amber_days`). */
  amberDays: number;
  areas: ImprovementAreaSummary[];
  actions: ActionCounts;
  /** Not completed on `asOf` and due before it, most overdue first. */
  overdue: OverdueAction[];
}

function countActions(actions: readonly PlanAction[]): ActionCounts {
  const byStatus: Record<ActionStatus, number> = { not_started: 0, in_progress: 0, completed: 0 };
  const byRag: Record<Rag, number> = { red: 0, amber: 0, green: 0 };
  for (const a of actions) {
    byStatus[a.statusOnAsOf]++;
    byRag[a.rag]++;
  }
  return { total: actions.length, byStatus, byRag };
}

export async function improvementPlanSummary(db: Db, asOf: IsoDate): Promise<ImprovementPlanSummary> {
  const plan = await loadPlan(db, asOf);
  const all = plan.areas.flatMap((a) => a.actions);
  const titleOf = new Map(plan.areas.map((a) => [a.id, a.title]));
  const overdue = all
    .filter((a) => a.overdue)
    .map((a) => ({ id: a.id, areaId: a.areaId, areaTitle: titleOf.get(a.areaId) ?? '', description: a.description, owner: a.owner, dueDate: a.dueDate, status: a.statusOnAsOf, daysOverdue: daysBetween(a.dueDate, asOf), rag: a.rag }))
    .sort((x, y) => y.daysOverdue - x.daysOverdue || x.areaTitle.localeCompare(y.areaTitle) || x.id.localeCompare(y.id));
  return {
    asOf,
    amberDays: plan.amberDays,
    areas: plan.areas.map((a) => ({ id: a.id, title: a.title, source: a.source, rag: a.rag, actions: countActions(a.actions) })),
    actions: countActions(all),
    overdue,
  };
}
