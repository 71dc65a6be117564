// ===================================================================================================
// HOOK: the improvement plan's progress, for the quarterly report (issue 6, item 6).
// The improvement plan lives in its own feature folder (src/improvement); this is the one place the
// report reads it, through that feature's board summary as it stood at the quarter end. The report
// (HTML and PDF) shows whatever this returns, and says plainly when there is no plan.
// ===================================================================================================
import type { Db } from '../platform/db/connect.ts';
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { improvementPlanSummary } from '../improvement/summary.ts';
import { RAG_LABELS } from '../improvement/rag.ts';

export interface ImprovementPlanArea {
  /** An area for improvement, e.g. one from the inspection report. */
  title: string;
  actions: number;
  completed: number;
  overdue: number;
  /** The plan's own status for the area, in words (never colour alone). */
  status: string | null;
}

export interface ImprovementPlanProgress {
  asOf: IsoDate;
  areas: ImprovementPlanArea[];
}

/** null: no improvement plan is recorded. */
export async function improvementPlanProgress(db: Db, asOf: IsoDate): Promise<ImprovementPlanProgress | null> {
  const summary = await improvementPlanSummary(db, asOf);
  if (summary.areas.length === 0) return null;
  return {
    asOf,
    areas: summary.areas.map((a) => ({
      title: a.title,
      actions: a.actions.total,
      completed: a.actions.byStatus.completed,
      overdue: summary.overdue.filter((o) => o.areaId === a.id).length,
      status: a.rag === null ? 'No actions yet' : RAG_LABELS[a.rag],
    })),
  };
}
