// Exception lists: the children behind a figure. The indicator engine keeps the members of each
// numerator and denominator (src/indicators/measure.ts Member); this turns them into a list a person
// may read. Scoped to the reader: a child the reader may see (src/access/rules.ts) is named and linked;
// a child they may not see is shown under a pseudonym to roles with viewPseudonymisedLists (the same
// child always gets the same pseudonym, so an analyst can follow one across lists) and otherwise only
// counted. Routes audit every list shown and every export (routes.ts).
import { createHmac, randomBytes } from 'node:crypto';

import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { visibleChildIds, type AccessUser } from '../access/rules.ts';
import { computeIndicatorsFromData, indicatorDefinition, loadIndicatorData, type IndicatorDefinition, type IndicatorResult, type Member } from '../indicators/index.ts';

/** numerator: what the figure counts; denominator: everything it is a share of; exceptions: the cases that count against the council. */
export type Side = 'numerator' | 'denominator' | 'exceptions';
export const SIDES: readonly Side[] = ['exceptions', 'numerator', 'denominator'];

/**
 * Which figures of an indicator have children behind them (workforce rates count staff, rates per 10,000 a
 * population), the one the headline figure links to first.
 */
export function listableSides(id: string): Side[] {
  const d = indicatorDefinition(id);
  if (!d) return [];
  if (d.id === 'workforce_turnover_pct' || d.id === 'workforce_agency_pct' || d.id === 'workforce_vacancy_pct') return [];
  if (d.unit === 'count' || d.unit === 'rate' || d.unit === 'ratio') return ['numerator'];
  return d.goodDirection === null ? ['numerator', 'denominator'] : ['exceptions', 'numerator', 'denominator'];
}

export function sideLabel(d: IndicatorDefinition, side: Side): string {
  if (side === 'denominator') return 'Everything the figure is a share of (the denominator)';
  if (side === 'numerator') return d.unit === 'percent' ? 'Those counted in the figure (the numerator)' : 'Those the figure counts';
  return d.goodDirection === 'up' ? 'In the denominator but not the numerator: below the standard' : 'Those counted in the figure: each one counts against the council';
}

/**
 * The members behind one side of a result computed with its members. Exceptions: for a share where up
 * is better, the denominator's members that are not in the numerator; otherwise the numerator's.
 * Distinct by member id, in the engine's order.
 */
export function membersForSide(result: IndicatorResult, side: Side): Member[] {
  if (!result.members) throw new AppError('INTERNAL', `${result.id} was computed without its members`);
  const { numerator, denominator } = result.members;
  const d = indicatorDefinition(result.id)!;
  let members: Member[] | null;
  if (side === 'numerator') members = numerator;
  else if (side === 'denominator') members = denominator;
  else if (d.unit === 'percent' && d.goodDirection === 'up') {
    const counted = new Set((numerator ?? []).map((m) => m.id));
    members = denominator === null ? null : denominator.filter((m) => !counted.has(m.id));
  } else members = numerator;
  if (members === null) return [];
  const seen = new Set<string>();
  return members.filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true)));
}

export interface ExceptionRow {
  /** The record counted (a referral, an assessment, a plan) or the child. */
  memberId: string;
  /** Set only when the reader may see the child. */
  childId: string | null;
  /** The child's name, or a pseudonym. */
  child: string;
  named: boolean;
  team: string;
  worker: string;
}

export interface ExceptionList {
  indicatorId: string;
  title: string;
  definition: string;
  asOf: IsoDate;
  periodStart: IsoDate;
  side: Side;
  sideLabel: string;
  /** Everything behind the figure, whoever reads it. */
  total: number;
  rows: ExceptionRow[];
  /** Rows the reader may neither see nor see pseudonymised: counted only. */
  hidden: number;
  pseudonymised: number;
  /** Children named in `rows` (for the audit). */
  namedChildIds: string[];
}

const PSEUDONYM_KEY = 'pseudonym_key';

/** The council's key for pseudonyms: made once, kept in council_setting, never shown. */
export async function pseudonymKey(db: Db): Promise<string> {
  const row = await db.selectFrom('council_setting').select('value').where('id', '=', PSEUDONYM_KEY).where('deleted_at', 'is', null).executeTakeFirst();
  if (row && typeof row.value === 'string') return row.value;
  await db
    .insertInto('council_setting')
    .values({ id: PSEUDONYM_KEY, value: JSON.stringify(randomBytes(32).toString('hex')) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const again = await db.selectFrom('council_setting').select('value').where('id', '=', PSEUDONYM_KEY).executeTakeFirstOrThrow();
  return String(again.value);
}

/** A stable pseudonym for a child: "P-" and ten hexadecimal characters of an HMAC of the id. */
export function pseudonym(key: string, childId: string): string {
  return `P-${createHmac('sha256', key).update(childId).digest('hex').slice(0, 10).toUpperCase()}`;
}

async function inChunks<T>(ids: readonly string[], size: number, run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}

export interface ExceptionListOptions {
  indicatorId: string;
  asOf: IsoDate;
  side: Side;
  /** The reader may see children they have no relationship with under a pseudonym. */
  pseudonymise: boolean;
}

export function checkSide(indicatorId: string, side: string | undefined): Side {
  const d = indicatorDefinition(indicatorId);
  if (!d) throw new AppError('NOT_FOUND', 'There is no such indicator');
  const sides = listableSides(indicatorId);
  if (sides.length === 0) throw new AppError('NOT_FOUND', `${d.title} counts staff or a population, not children, so there is no list of children behind it`);
  const chosen = (side ?? sides[0]) as Side;
  if (!sides.includes(chosen)) throw new AppError('BAD_INPUT', `There is no "${side}" list for ${d.title}; choose ${sides.join(', ')}`);
  return chosen;
}

/** The list behind one figure, as the reader may see it. */
export async function buildExceptionList(db: Db, user: AccessUser, options: ExceptionListOptions): Promise<ExceptionList> {
  const side = checkSide(options.indicatorId, options.side);
  const d = indicatorDefinition(options.indicatorId)!;
  const data = await loadIndicatorData(db, { firstAsOf: options.asOf, lastAsOf: options.asOf });
  const report = computeIndicatorsFromData(data, options.asOf, { ids: [d.id], withMembers: true });
  const members = membersForSide(report.indicators[0]!, side).filter((m) => m.childId !== null);
  const childIds = [...new Set(members.map((m) => m.childId!))];

  const visible = new Map<string, string>();
  for (const p of await inChunks(childIds, 5000, (chunk) =>
    db
      .selectFrom('person')
      .select(['id', 'forename', 'surname'])
      .where('id', 'in', chunk)
      .where('id', 'in', visibleChildIds(user))
      .execute(),
  )) {
    visible.set(p.id, `${p.forename ?? ''} ${p.surname ?? ''}`.trim() || '(no name recorded)');
  }
  const workerIds = [...new Set(members.map((m) => m.workerId).filter((w): w is string => w !== null))];
  const workers = new Map<string, string>();
  for (const w of await inChunks(workerIds, 5000, (chunk) => db.selectFrom('professional').select(['id', 'name']).where('id', 'in', chunk).execute())) workers.set(w.id, w.name);
  const key = options.pseudonymise ? await pseudonymKey(db) : '';

  const rows: ExceptionRow[] = [];
  let hidden = 0;
  let pseudonymised = 0;
  for (const m of members) {
    const name = visible.get(m.childId!);
    const place = { team: m.teamId === null ? 'No team recorded' : (data.teams.get(m.teamId) ?? m.teamId), worker: m.workerId === null ? 'No worker recorded' : (workers.get(m.workerId) ?? m.workerId) };
    if (name !== undefined) rows.push({ memberId: m.id, childId: m.childId, child: name, named: true, ...place });
    else if (options.pseudonymise) {
      pseudonymised++;
      // The record id is the council's own and could be looked up: a pseudonymised row carries the pseudonym only.
      const p = pseudonym(key, m.childId!);
      rows.push({ memberId: m.id === m.childId ? p : '–', childId: null, child: p, named: false, ...place });
    } else hidden++;
  }
  // Named children first (the reader can act on them), then by team, worker and child.
  rows.sort((a, b) => Number(b.named) - Number(a.named) || a.team.localeCompare(b.team) || a.worker.localeCompare(b.worker) || a.child.localeCompare(b.child) || a.memberId.localeCompare(b.memberId));
  return {
    indicatorId: d.id,
    title: d.title,
    definition: d.definition,
    asOf: report.asOf,
    periodStart: report.periodStart,
    side,
    sideLabel: sideLabel(d, side),
    total: members.length,
    rows,
    hidden,
    pseudonymised,
    namedChildIds: [...new Set(rows.filter((r) => r.named).map((r) => r.childId!))],
  };
}

/** RFC 4180 CSV; a cell that a spreadsheet would read as a formula is prefixed with an apostrophe. */
export function exceptionListCsv(list: ExceptionList): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [['indicator', 'as_of', 'list', 'record_id', 'child_id', 'child', 'team', 'worker'].join(',')];
  for (const r of list.rows) lines.push([list.indicatorId, list.asOf, list.side, r.memberId, r.childId ?? '', r.child, r.team, r.worker].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** How many exceptions each indicator has (the report's exception counts), from results computed with members. */
export function exceptionCount(result: IndicatorResult): number | null {
  return listableSides(result.id).includes('exceptions') ? membersForSide(result, 'exceptions').length : null;
}

