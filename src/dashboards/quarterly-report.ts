// The quarterly Performance and QA report: one model, built once from the live record, which both the
// print-ready HTML page and the PDF render. Figures are as at the quarter's last day (flows over the 12
// months ending then, as everywhere in Tiller), with 12 months of monthly trend.
import type { Db } from '../platform/db/connect.ts';
import { computeIndicatorsFromData, indicatorDefinition, loadIndicatorData } from '../indicators/index.ts';
import { DASHBOARD_AREAS, HEADLINE_IDS, areaIndicatorIds } from './areas.ts';
import { dashboardFromData, loadDashboardContext, seriesDates, type DashboardIndicator } from './dashboard.ts';
import { exceptionCount } from './exceptions.ts';
import { improvementPlanProgress, type ImprovementPlanProgress } from './improvement-plan-hook.ts';
import { loadNarratives, type Narrative } from './narrative.ts';
import type { Quarter } from './quarter.ts';

export interface ReportSection {
  slug: string;
  title: string;
  indicators: DashboardIndicator[];
  narrative: Narrative;
}

export interface ExceptionCount {
  id: string;
  title: string;
  count: number;
  area: string;
}

export interface QuarterlyReport {
  councilName: string;
  quarter: Quarter;
  asOf: string;
  periodStart: string;
  generatedAt: Date;
  headline: DashboardIndicator[];
  summary: Narrative;
  qualityAssurance: Narrative;
  sections: ReportSection[];
  exceptionCounts: ExceptionCount[];
  comparatorGroups: string[];
  improvementPlan: ImprovementPlanProgress | null;
}

/** The council's name for the title page: council_setting council_name, else the demo council's. */
export async function councilName(db: Db): Promise<string> {
  const rows = await db.selectFrom('council_setting').select(['id', 'value']).where('id', 'in', ['council_name', 'demo_council']).where('deleted_at', 'is', null).execute();
  const named = rows.find((r) => r.id === 'council_name')?.value;
  if (typeof named === 'string' && named.trim()) return named.trim();
  const demo = rows.find((r) => r.id === 'demo_council')?.value as { name?: unknown } | undefined;
  return typeof demo?.name === 'string' ? demo.name : 'The council';
}

export async function buildQuarterlyReport(db: Db, quarter: Quarter): Promise<QuarterlyReport> {
  const asOf = quarter.end;
  const dates = seriesDates(asOf, 12);
  const sectionIds = DASHBOARD_AREAS.map((a) => areaIndicatorIds(a));
  const allIds = [...new Set([...HEADLINE_IDS, ...sectionIds.flat()])];
  const [data, ctx, narratives, name, plan] = await Promise.all([
    loadIndicatorData(db, { firstAsOf: dates[0]!, lastAsOf: asOf }),
    loadDashboardContext(db),
    loadNarratives(db, quarter.id),
    councilName(db),
    improvementPlanProgress(db, asOf),
  ]);
  const model = dashboardFromData(data, allIds, dates, ctx, 'report');
  const byId = new Map(model.indicators.map((i) => [i.id, i]));
  // Exception counts need the members behind each figure at the quarter end.
  const withMembers = computeIndicatorsFromData(data, asOf, { ids: allIds, withMembers: true });
  const exceptionCounts: ExceptionCount[] = [];
  for (const r of withMembers.indicators) {
    const count = exceptionCount(r);
    if (count !== null) exceptionCounts.push({ id: r.id, title: r.title, count, area: indicatorDefinition(r.id)!.area });
  }
  const narrative = (key: string) => narratives.get(key)!;
  return {
    councilName: name,
    quarter,
    asOf,
    periodStart: model.periodStart,
    generatedAt: new Date(),
    headline: HEADLINE_IDS.map((id) => byId.get(id)!),
    summary: narrative('summary'),
    qualityAssurance: narrative('quality-assurance'),
    sections: DASHBOARD_AREAS.map((a, i) => ({ slug: a.slug, title: a.title, indicators: sectionIds[i]!.map((id) => byId.get(id)!), narrative: narrative(a.slug) })),
    exceptionCounts,
    comparatorGroups: ctx.groups.map((g) => g.name),
    improvementPlan: plan,
  };
}

/** The headings the report has, in order: the HTML and the PDF both use these (and the tests check them). */
export function reportHeadings(report: QuarterlyReport): string[] {
  return [
    'Summary',
    'Headline indicators',
    ...report.sections.map((s) => s.title),
    'Exceptions',
    'Quality assurance',
    'Improvement plan progress',
  ];
}
