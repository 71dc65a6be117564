// The indicator engine: the one entry point for the dashboard, the report, the API and the CLI.
// Records are read once for the as-of dates asked about (loadIndicatorData), then every definition
// is computed in TypeScript for each date.
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { loadIndicatorData, type IndicatorData } from './data.ts';
import {
  INDICATORS,
  asOfContext,
  indicatorDefinition,
  type BreakdownBy,
  type GoodDirection,
  type IndicatorArea,
  type IndicatorDefinition,
} from './definitions.ts';
import { figuresOf, membersOf, type IndicatorUnit, type Member } from './measure.ts';
import { indicatorPeriod, monthEnds } from './period.ts';

export interface IndicatorResult {
  id: string;
  title: string;
  unit: IndicatorUnit;
  goodDirection: GoodDirection;
  area: IndicatorArea;
  value: number | null;
  /** Exact counts (FTE to two decimal places for the workforce rates); null when there is nothing to count. */
  numerator: number | null;
  denominator: number | null;
  /**
   * What was counted, for exception lists and breakdowns: the denominator's members (null for a count
   * indicator or a denominator with no members, such as a population) and the numerator's, a subset of
   * them for a percentage. Absent in a series unless asked for.
   */
  members?: { numerator: Member[] | null; denominator: Member[] | null };
}

export interface IndicatorsReport {
  asOf: IsoDate;
  periodStart: IsoDate;
  indicators: IndicatorResult[];
}

export interface ComputeOptions {
  /** Only these indicators, in this order (default: all, INTERFACES.md's first). */
  ids?: readonly string[];
  /** Keep the members behind each figure (default true for one date, false for a series). */
  withMembers?: boolean;
}

function definitionsFor(ids: readonly string[] | undefined): IndicatorDefinition[] {
  if (!ids) return [...INDICATORS];
  return ids.map((id) => {
    const d = indicatorDefinition(id);
    if (!d) throw new AppError('BAD_INPUT', `there is no indicator "${id}"`);
    return d;
  });
}

function resultOf(definition: IndicatorDefinition, ctx: ReturnType<typeof asOfContext>, withMembers: boolean): IndicatorResult {
  const measure = definition.compute(ctx);
  const figures = figuresOf(definition.unit, measure);
  const result: IndicatorResult = {
    id: definition.id,
    title: definition.title,
    unit: definition.unit,
    goodDirection: definition.goodDirection,
    area: definition.area,
    ...figures,
  };
  if (withMembers) result.members = { numerator: membersOf(measure.numerator), denominator: membersOf(measure.denominator) };
  return result;
}

/** Every indicator (or those asked for) as at `asOf`, from data already loaded for a window containing it. */
export function computeIndicatorsFromData(data: IndicatorData, asOf: IsoDate, options: ComputeOptions = {}): IndicatorsReport {
  if (asOf < data.firstAsOf || asOf > data.lastAsOf) {
    throw new AppError('INTERNAL', `indicator data loaded for ${data.firstAsOf} to ${data.lastAsOf} cannot answer for ${asOf}`);
  }
  const period = indicatorPeriod(asOf);
  const ctx = asOfContext(data, period);
  const withMembers = options.withMembers ?? true;
  return { ...period, indicators: definitionsFor(options.ids).map((d) => resultOf(d, ctx, withMembers)) };
}

/** Every indicator as at `asOf` (the 12 months ending on it for flows; open on it for stocks). */
export async function computeIndicators(db: Db, asOf: IsoDate, options: ComputeOptions = {}): Promise<IndicatorsReport> {
  definitionsFor(options.ids); // refuse an unknown id before reading anything
  const data = await loadIndicatorData(db, { firstAsOf: asOf, lastAsOf: asOf });
  return computeIndicatorsFromData(data, asOf, options);
}

/** Each indicator as at each month end from `from` to `to` (both inclusive), reading the records once. */
export async function indicatorSeries(db: Db, range: { from: IsoDate; to: IsoDate }, options: ComputeOptions = {}): Promise<IndicatorsReport[]> {
  if (range.to < range.from) throw new AppError('BAD_INPUT', `the series must end on or after it starts (${range.from} to ${range.to})`);
  const asOfs = monthEnds(range.from, range.to);
  if (asOfs.length === 0) return [];
  definitionsFor(options.ids);
  const data = await loadIndicatorData(db, { firstAsOf: asOfs[0]!, lastAsOf: asOfs.at(-1)! });
  return asOfs.map((asOf) => computeIndicatorsFromData(data, asOf, { withMembers: false, ...options }));
}

// ------------------------------------------------------------------ breakdowns

export interface BreakdownRow {
  /** The team or worker id; null for "none recorded". */
  key: string | null;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface IndicatorBreakdown {
  id: string;
  by: BreakdownBy;
  asOf: IsoDate;
  periodStart: IsoDate;
  rows: BreakdownRow[];
}

/**
 * One indicator split by team or by worker, from a result computed with its members. Each row counts
 * as the whole does (distinct members, the same rounding); rows need not add up to the whole where one
 * child or worker belongs to two groups (a child allocated to two workers is in both workers' rows).
 */
export function breakdownFromResult(result: IndicatorResult, by: BreakdownBy, names: { teams: Map<string, string>; workers: Map<string, string> }): BreakdownRow[] {
  const definition = indicatorDefinition(result.id);
  if (!definition || !definition.breakdowns.includes(by)) throw new AppError('BAD_INPUT', `${result.id} has no breakdown by ${by}`);
  if (!result.members) throw new AppError('INTERNAL', `${result.id} was computed without its members`);
  const { numerator, denominator } = result.members;
  if (numerator === null) throw new AppError('BAD_INPUT', `${result.id} has no breakdown by ${by}`);
  const keyOf = (m: Member) => (by === 'team' ? m.teamId : m.workerId);
  const keys = new Set<string | null>([...numerator, ...(denominator ?? [])].map(keyOf));
  const rows: BreakdownRow[] = [...keys].map((key) => {
    const figures = figuresOf(definition.unit, {
      numerator: { members: numerator.filter((m) => keyOf(m) === key) },
      denominator: denominator === null ? null : { members: denominator.filter((m) => keyOf(m) === key) },
    });
    const name =
      key === null ? (by === 'team' ? 'No team recorded' : 'No worker recorded') : ((by === 'team' ? names.teams.get(key) : names.workers.get(key)) ?? key);
    return { key, name, ...figures };
  });
  return rows.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.name.localeCompare(b.name) || a.key.localeCompare(b.key)));
}

/** `indicatorBreakdown(db, '2026-03-31', 'assessments_within_45wd_pct', 'team')`. */
export async function indicatorBreakdown(db: Db, asOf: IsoDate, id: string, by: BreakdownBy): Promise<IndicatorBreakdown> {
  const definition = indicatorDefinition(id);
  if (!definition) throw new AppError('BAD_INPUT', `there is no indicator "${id}"`);
  if (!definition.breakdowns.includes(by)) throw new AppError('BAD_INPUT', `${id} has no breakdown by ${by}`);
  const data = await loadIndicatorData(db, { firstAsOf: asOf, lastAsOf: asOf });
  const report = computeIndicatorsFromData(data, asOf, { ids: [id] });
  const result = report.indicators[0]!;
  const workerIds = [...new Set([...(result.members?.numerator ?? []), ...(result.members?.denominator ?? [])].map((m) => m.workerId).filter((w) => w !== null))];
  const workers = new Map<string, string>();
  if (by === 'worker' && workerIds.length > 0) {
    for (const w of await db.selectFrom('professional').select(['id', 'name']).where('id', 'in', workerIds).execute()) workers.set(w.id, w.name);
  }
  return { id, by, asOf: report.asOf, periodStart: report.periodStart, rows: breakdownFromResult(result, by, { teams: data.teams, workers }) };
}

// ------------------------------------------------------------------ INTERFACES.md's JSON

export interface InterfaceIndicator {
  id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: IndicatorUnit;
}

export interface InterfaceIndicatorsJson {
  asOf: IsoDate;
  periodStart: IsoDate;
  indicators: InterfaceIndicator[];
}

/** Exactly the shape INTERFACES.md gives for `tiller indicators --format json`: five keys an item, no more. */
export function toInterfaceJson(report: IndicatorsReport): InterfaceIndicatorsJson {
  return {
    asOf: report.asOf,
    periodStart: report.periodStart,
    indicators: report.indicators.map((r) => ({ id: r.id, value: r.value, numerator: r.numerator, denominator: r.denominator, unit: r.unit })),
  };
}
