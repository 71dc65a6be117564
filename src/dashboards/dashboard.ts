// The figures a dashboard page or the quarterly report shows for a set of indicators: the value as at a
// date, its monthly trend, the council's target and status, England and the comparator groups. Records
// are read once (loadIndicatorData) for the whole window and every month computed from them.
import type { Db } from '../platform/db/connect.ts';
import { addMonths, type IsoDate } from '../platform/calendar/calendar.ts';
import {
  computeIndicatorsFromData,
  indicatorDefinition,
  loadIndicatorData,
  monthEnds,
  type GoodDirection,
  type IndicatorData,
  type IndicatorResult,
  type IndicatorUnit,
} from '../indicators/index.ts';
import { benchmarksFor, comparison, loadComparatorGroups, type Benchmark, type ComparatorGroup } from './benchmarks.ts';
import { formatValue, lineChartSvg, type ChartPoint } from './chart.ts';
import { loadTargets, ragStatus, type Rag, type Target } from './targets.ts';
import { listableSides, type Side } from './exceptions.ts';

export interface SeriesPoint extends ChartPoint {
  numerator: number | null;
  denominator: number | null;
  valueText: string;
}

export interface DashboardIndicator {
  id: string;
  title: string;
  definition: string;
  unit: IndicatorUnit;
  goodDirection: GoodDirection;
  value: number | null;
  /** The value as pages show it (22.6%, 1,204, 15.2); "no value" when there is none. */
  valueText: string;
  numerator: number | null;
  denominator: number | null;
  target: (Pick<Target, 'target' | 'amberFrom' | 'note'> & { targetText: string; amberText: string }) | null;
  rag: Rag | null;
  benchmarks: Array<Benchmark & { comparison: 'better' | 'worse' | 'same' | null; valueText: string }>;
  /** Month ends up to the as-of date, oldest first (the as-of date itself last when it is not a month end). */
  series: SeriesPoint[];
  /** The value 12 and 3 points (months) before the last, when the series reaches back that far. */
  yearEarlier: number | null;
  quarterEarlier: number | null;
  yearEarlierText: string;
  quarterEarlierText: string;
  /** Which of the figures lead to a list of children. */
  lists: Side[];
  chartSvg: string;
}

export interface DashboardModel {
  asOf: IsoDate;
  periodStart: IsoDate;
  indicators: DashboardIndicator[];
}

export interface DashboardContext {
  targets: Map<string, Target>;
  groups: ComparatorGroup[];
}

export async function loadDashboardContext(db: Db): Promise<DashboardContext> {
  const [targets, groups] = await Promise.all([loadTargets(db), loadComparatorGroups(db)]);
  return { targets, groups };
}

/**
 * Month ends from the same day `months` months before `asOf` to `asOf`, then `asOf` itself when it is not
 * one: 13 points for 12 months to 2026-03-31 (March 2025 to March 2026), so a year's change can be read.
 */
export function seriesDates(asOf: IsoDate, months: number): IsoDate[] {
  const dates = monthEnds(addMonths(asOf, -months), asOf);
  if (dates.at(-1) !== asOf) dates.push(asOf);
  return dates;
}

export function dashboardIndicator(result: IndicatorResult, series: SeriesPoint[], asOf: IsoDate, ctx: DashboardContext, chartId: string): DashboardIndicator {
  const d = indicatorDefinition(result.id)!;
  const t = ctx.targets.get(result.id);
  const target = t && d.goodDirection !== null ? { target: t.target, amberFrom: t.amberFrom, note: t.note, targetText: formatValue(t.target, d.unit), amberText: formatValue(t.amberFrom, d.unit) } : null;
  const benchmarks = benchmarksFor(result.id, asOf, ctx.groups).map((b) => ({ ...b, comparison: comparison(result.value, b.value, d.goodDirection), valueText: formatValue(b.value, d.unit) }));
  const england = benchmarks.find((b) => b.source === 'england');
  const back = (months: number) => (series.length > months ? series[series.length - 1 - months]!.value : null);
  return {
    id: d.id,
    title: d.title,
    definition: d.definition,
    unit: d.unit,
    goodDirection: d.goodDirection,
    value: result.value,
    valueText: formatValue(result.value, d.unit),
    numerator: result.numerator,
    denominator: result.denominator,
    target,
    rag: ragStatus(result.value, target ?? undefined, d.goodDirection),
    benchmarks,
    series,
    yearEarlier: back(12),
    quarterEarlier: back(3),
    yearEarlierText: formatValue(back(12), d.unit),
    quarterEarlierText: formatValue(back(3), d.unit),
    lists: listableSides(d.id),
    chartSvg: lineChartSvg({ id: chartId, title: `${d.title}: monthly trend`, unit: d.unit, points: series, target: target?.target ?? null, england: england ? { value: england.value, year: england.year } : null }),
  };
}

/** Computes the figures for `ids` at each date from data already loaded (the report reuses it). */
export function dashboardFromData(data: IndicatorData, ids: readonly string[], dates: readonly IsoDate[], ctx: DashboardContext, chartPrefix = 'chart'): DashboardModel {
  const reports = dates.map((d) => computeIndicatorsFromData(data, d, { ids, withMembers: false }));
  const last = reports.at(-1)!;
  const indicators = ids.map((id, i) => {
    const series = reports.map((r) => {
      const x = r.indicators[i]!;
      return { asOf: r.asOf, value: x.value, numerator: x.numerator, denominator: x.denominator, valueText: formatValue(x.value, x.unit) };
    });
    return dashboardIndicator(last.indicators[i]!, series, last.asOf, ctx, `${chartPrefix}-${id}`);
  });
  return { asOf: last.asOf, periodStart: last.periodStart, indicators };
}

/** The dashboard for `ids` as at `asOf`, with `months` months of trend. */
export async function buildDashboard(db: Db, ids: readonly string[], asOf: IsoDate, months = 12): Promise<DashboardModel> {
  const dates = seriesDates(asOf, months);
  const [data, ctx] = await Promise.all([loadIndicatorData(db, { firstAsOf: dates[0]!, lastAsOf: asOf }), loadDashboardContext(db)]);
  return dashboardFromData(data, ids, dates, ctx);
}
