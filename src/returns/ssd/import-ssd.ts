// `tiller import ssd DIR`: a Standard Safeguarding Dataset extract, one CSV per SSD table, into Tiller.
// All or nothing: every file is read and every row checked first (values, codes, dates, ids, duplicates,
// records named but in neither the extract nor the database), and only an extract with no problem at all
// is written, in one transaction. Rows are keyed by their SSD ids, so importing again updates in place.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit, type AuditActor } from '../../audit/audit.ts';
import { readCsvFile } from './csv-files.ts';
import { RECORD_NAMES, SSD_TABLES, SSD_TABLES_NOT_HELD, type Row, type SsdColumn, type SsdTable, type TillerTable } from './mapping.ts';
import { addProblem, columnReaders, readRow, valueOf, type ColumnReader, type ReadRow } from './read-row.ts';
import { columnTypes, upsertRows, type UpsertCount } from './upsert.ts';
import { byCodePoint, quoted } from './values.ts';

export interface SsdProblem {
  /** The file, e.g. `ssd_person.csv`. */
  file: string;
  /** The line the row starts on (1 is the header). */
  line: number;
  /** The SSD column at fault, when it is one column. */
  column: string | null;
  message: string;
}

/** The extract was not imported: nothing was written. */
export class SsdImportRejected extends AppError {
  readonly problems: readonly SsdProblem[];
  constructor(problems: readonly SsdProblem[]) {
    const rows = new Set(problems.map((p) => `${p.file}:${p.line}`)).size;
    const files = new Set(problems.map((p) => p.file)).size;
    super('BAD_INPUT', `the extract was not imported: ${plural(problems.length, 'problem')} in ${plural(rows, 'row')} of ${plural(files, 'file')}; nothing was changed`);
    this.name = 'SsdImportRejected';
    this.problems = problems;
  }
}

export interface SsdFileSummary {
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** ssd_assessment_factors: rows written with their assessments (the counts are for assessments only in Tiller). */
  joinedToAssessments?: number;
}

export interface SsdImportResult {
  files: SsdFileSummary[];
  /** Periods of care made or changed from the episodes in ssd_cla_episodes. */
  periodsOfCare: UpsertCount;
  /** Files and columns left aside, and the like: worth a look, but no reason to refuse the extract. */
  notes: string[];
}

export interface ImportOptions {
  progress?: (message: string) => void;
  /** Who imported, for the audit log (the command line's actor by default). */
  actor?: AuditActor;
}

const CLI_ACTOR: AuditActor = { userId: null, username: 'tiller-cli', roles: [], ipAddress: null, requestId: null, route: 'cli import ssd' };

interface ReadFile {
  table: SsdTable;
  file: string;
  rows: ReadRow[];
}

export async function importSsd(db: Db, dir: string, options: ImportOptions = {}): Promise<SsdImportResult> {
  const progress = options.progress ?? (() => {});
  const notes: string[] = [];
  const problems: SsdProblem[] = [];
  const found = findFiles(dir, notes, problems);
  if (found.size === 0 && problems.length === 0) {
    throw new AppError('BAD_INPUT', `${dir} holds no SSD table files (ssd_person.csv, ssd_cin_episodes.csv, …)`);
  }

  // 1. Every row of every file, read on its own.
  const files: ReadFile[] = [];
  for (const table of SSD_TABLES) {
    const filePath = found.get(table.name);
    if (!filePath) continue;
    progress(`Reading ${path.basename(filePath)}…`);
    files.push(readTableFile(table, filePath, problems, notes));
  }
  const byTable = new Map(files.map((f) => [f.table.name, f]));
  const rowsOf = (name: string) => byTable.get(name)?.rows ?? [];

  // 2. Across rows and files, and against the database.
  progress('Checking the extract…');
  for (const f of files) checkDuplicateKeys(f, problems);
  checkVisitIdsAcrossFiles(files, problems);
  await checkVisitKinds(db, files);
  await checkReferences(db, files, producedIds(files));
  await checkImmunisationIds(db, rowsOf('ssd_cla_immunisations'));
  const periods = await periodsOfCare(db, rowsOf('ssd_cla_episodes'));
  await fillReviewPeople(db, rowsOf('ssd_cla_reviews'), periods);
  await linkTeams(db, rowsOf('ssd_professionals'), rowsOf('ssd_department'));
  const storedAssessmentFactors = joinFactors(rowsOf('ssd_cin_assessments'), rowsOf('ssd_assessment_factors'));
  const planLinks = linkPlansToConferences(rowsOf('ssd_initial_cp_conference'), rowsOf('ssd_cp_plans'));

  for (const f of files) for (const r of f.rows) for (const p of r.problems ?? []) problems.push({ file: f.file, line: r.line, column: p.column, message: p.message });
  if (problems.length > 0) throw new SsdImportRejected(sortProblems(problems));

  // 3. One transaction: all of it, or (on any failure) none of it.
  const types = await columnTypes(db);
  const summaries: SsdFileSummary[] = [];
  let periodsCount: UpsertCount = { inserted: 0, updated: 0 };
  await db.transaction().execute(async (trx) => {
    // Every reference was checked above, against the extract and the database, and rows are written
    // parents first. Where the session may (a superuser; always so on PGlite), the foreign-key triggers
    // are switched off for this transaction only, as pg_restore does, rather than look every row's
    // references up a second time. Keys, CHECKs and NOT NULL are enforced as usual.
    if (await isSuperuser(trx)) await sql`set local session_replication_role = replica`.execute(trx);
    const write = async (f: ReadFile) => {
      progress(`Writing ${f.file} (${f.rows.length.toLocaleString('en-GB')} rows)…`);
      const rows = f.table.name === 'ssd_department' ? parentsFirst(f.rows.map((r) => r.row)) : f.rows.map((r) => r.row);
      const keepWhenNull = f.table.name === 'ssd_professionals' ? ['team_id'] : [];
      const count = await upsertRows(trx, f.table.target, rows, types, { keepWhenNull });
      summaries.push({ file: f.file, rows: rows.length, ...count, unchanged: rows.length - count.inserted - count.updated });
    };
    for (const f of files) {
      if (f.table.name === 'ssd_assessment_factors') {
        // Joined to the assessments; those only in Tiller get theirs here.
        const count = await upsertRows(trx, 'assessment', storedAssessmentFactors, types);
        const joined = f.rows.length - storedAssessmentFactors.length;
        summaries.push({ file: f.file, rows: f.rows.length, ...count, unchanged: storedAssessmentFactors.length - count.updated, joinedToAssessments: joined });
      } else if (f.table.name === 'ssd_cla_episodes') {
        // Periods of care first; the episodes name placements, so they follow ssd_cla_placement.
        periodsCount = await upsertRows(trx, 'period_of_care', periods, types);
        if (!byTable.has('ssd_cla_placement')) await write(f);
      } else {
        await write(f);
        if (f.table.name === 'ssd_cla_placement' && byTable.has('ssd_cla_episodes')) await write(byTable.get('ssd_cla_episodes')!);
      }
    }
    for (const link of planLinks) {
      await trx.updateTable('cp_plan').set({ icpc_id: link.icpcId, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', link.planId).where('icpc_id', 'is', null).execute();
    }
    await recordAudit(trx, options.actor ?? CLI_ACTOR, {
      action: 'update',
      entityType: 'ssd_extract',
      what: 'ssd import',
      detail: { files: Object.fromEntries(summaries.map((s) => [s.file, { rows: s.rows, inserted: s.inserted, updated: s.updated }])) },
    });
  });
  const order = new Map(files.map((f, i) => [f.file, i]));
  summaries.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  return { files: summaries, periodsOfCare: periodsCount, notes };
}

async function isSuperuser(db: Db): Promise<boolean> {
  const r = await sql<{ superuser: boolean }>`select rolsuper as superuser from pg_roles where rolname = current_user`.execute(db);
  return r.rows[0]?.superuser === true;
}

// ---------------------------------------------------------------------------------------- files

/** The files of the extract in `dir`; bad input when it is not a directory that can be read. */
export function extractFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort(byCodePoint);
  } catch {
    throw new AppError('BAD_INPUT', `${dir} is not a directory that can be read`);
  }
}

/** The SSD files in `dir` by table; other files are noted and left aside. */
function findFiles(dir: string, notes: string[], problems: SsdProblem[]): Map<string, string> {
  const entries = extractFiles(dir);
  const held = new Set(SSD_TABLES.map((t) => t.name));
  const found = new Map<string, string>();
  for (const entry of entries) {
    const match = /^(.*)\.csv$/i.exec(entry);
    if (!match) continue;
    const name = match[1]!.toLowerCase();
    if (held.has(name)) {
      const other = found.get(name);
      if (other) problems.push({ file: entry, line: 1, column: null, message: `is a second file for ${name} (with ${path.basename(other)}): keep one` });
      else found.set(name, path.join(dir, entry));
    } else if (SSD_TABLES_NOT_HELD.has(name)) {
      notes.push(`${entry} left aside: Tiller does not hold ${name} (${SSD_TABLES_NOT_HELD.get(name)}).`);
    } else {
      notes.push(`${entry} left aside: not the name of an SSD table Tiller holds.`);
    }
  }
  return found;
}

function readTableFile(table: SsdTable, filePath: string, problems: SsdProblem[], notes: string[]): ReadFile {
  const file = path.basename(filePath);
  const rows: ReadRow[] = [];
  let readers: ColumnReader[] | null = null;
  const fileProblems = readCsvFile(filePath, {
    onHeader: (header) => (readers = matchHeader(table, file, header, problems, notes)),
    onRecord: (cells, line) => {
      if (readers) rows.push(readRow(table, readers, cells, line));
    },
  });
  for (const p of fileProblems) problems.push({ file, line: p.line, column: null, message: p.reason });
  return { table, file, rows };
}

/** Each column's place in the header; a column the SSD has that the file lacks is a problem. */
function matchHeader(table: SsdTable, file: string, header: readonly string[], problems: SsdProblem[], notes: string[]): ColumnReader[] | null {
  const seen = new Map<string, number>();
  let ok = true;
  header.forEach((name, i) => {
    if (seen.has(name)) {
      problems.push({ file, line: 1, column: name, message: `names the column ${name} twice` });
      ok = false;
    }
    seen.set(name, i);
  });
  const known = new Set<string>();
  const indexes = table.columns.map((column) => {
    const names = [column.name, ...(column.aliases ?? [])];
    names.forEach((n) => known.add(n));
    const at = names.map((n) => seen.get(n)).find((i) => i !== undefined) ?? -1;
    if (at < 0 && !column.mayBeAbsent) {
      problems.push({ file, line: 1, column: column.name, message: `lacks the column ${column.name} (SSD v1.4.5 ${table.name})` });
      ok = false;
    }
    return at;
  });
  const extra = header.filter((n) => !known.has(n));
  if (extra.length > 0) notes.push(`${file}: ${extra.join(', ')} ${extra.length === 1 ? 'is not a column' : 'are not columns'} of SSD v1.4.5 ${table.name}; left aside.`);
  return ok ? columnReaders(table, indexes) : null;
}

// ---------------------------------------------------------------------------------------- checks

function checkDuplicateKeys(f: ReadFile, problems: SsdProblem[]): void {
  const keyColumn = f.table.columns.find((c) => c.name === f.table.key)!;
  const first = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  for (const r of f.rows) {
    const key = valueOf(r, keyColumn);
    if (typeof key !== 'string') continue;
    const line = first.get(key);
    if (line === undefined) first.set(key, r.line);
    else repeated.set(key, [...(repeated.get(key) ?? [line]), r.line]);
  }
  for (const [key, list] of repeated) {
    for (const line of list) {
      const others = list.filter((l) => l !== line);
      problems.push({ file: f.file, line, column: f.table.key, message: `${f.table.key} ${quoted(key)} is also on line ${others.join(', ')}: each row needs its own id` });
    }
  }
}

/** The ids of the records each Tiller table gets from the extract. */
function producedIds(files: readonly ReadFile[]): Map<TillerTable, Set<string>> {
  const produced = new Map<TillerTable, Set<string>>();
  const add = (table: TillerTable, value: unknown) => {
    if (typeof value !== 'string') return;
    const set = produced.get(table) ?? new Set<string>();
    set.add(value);
    produced.set(table, set);
  };
  for (const f of files) {
    const own = f.table.columns.some((c) => c.to === 'id' && c.type.kind === 'id');
    const also = f.table.alsoProduces;
    const alsoColumn = also ? f.table.columns.find((c) => c.name === also.column)! : null;
    for (const r of f.rows) {
      if (own) add(f.table.target, r.row.id);
      if (also && alsoColumn) add(also.target, valueOf(r, alsoColumn));
    }
  }
  return produced;
}

/** `column = any(values)`: one array parameter however many values are asked about. */
function anyOf(column: string, values: readonly string[]) {
  return sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`;
}

/** A row naming a record that is neither in the extract nor in the database is an orphan. */
async function checkReferences(db: Db, files: readonly ReadFile[], produced: Map<TillerTable, Set<string>>): Promise<void> {
  const refsOf = (f: ReadFile) => f.table.columns.filter((c) => c.type.kind === 'ref');
  const targetOf = (c: SsdColumn) => (c.type as { target: TillerTable }).target;
  // What the extract does not bring is looked up in the database, one query per table.
  const wanted = new Map<TillerTable, Set<string>>();
  for (const f of files) {
    for (const c of refsOf(f)) {
      const own = produced.get(targetOf(c));
      for (const r of f.rows) {
        const id = valueOf(r, c);
        if (typeof id !== 'string' || own?.has(id)) continue;
        const set = wanted.get(targetOf(c)) ?? new Set<string>();
        set.add(id);
        wanted.set(targetOf(c), set);
      }
    }
  }
  const stored = new Map<TillerTable, Set<string>>();
  for (const [table, ids] of wanted) {
    const r = await sql<{ id: string }>`select id from ${sql.table(table)} where ${anyOf('id', [...ids])}`.execute(db);
    stored.set(table, new Set(r.rows.map((row) => row.id)));
  }
  for (const f of files) {
    for (const c of refsOf(f)) {
      const missing = wanted.get(targetOf(c));
      if (!missing) continue;
      const names = RECORD_NAMES[targetOf(c)];
      const what = names ? `${names.noun}: it is not in ${names.file}.csv nor in the database` : `${targetOf(c)}: it is not in the extract nor in the database`;
      for (const r of f.rows) {
        const id = valueOf(r, c);
        if (typeof id === 'string' && missing.has(id) && !stored.get(targetOf(c))?.has(id)) addProblem(r, { column: c.name, message: `${c.name} ${quoted(id)} names no ${what}` });
      }
    }
  }
}

const VISIT_FILES = ['ssd_cin_visits', 'ssd_cp_visits', 'ssd_cla_visits'];
const visitMessage = (other: string, line: number) => `is also a visit in ${other} line ${line}: Tiller keeps CIN, CP and CLA visits in one table, so their ids must differ`;

/** CIN, CP and CLA visits share Tiller's visit table, so an id may name only one of them. */
function checkVisitIdsAcrossFiles(files: readonly ReadFile[], problems: SsdProblem[]): void {
  const first = new Map<string, { file: ReadFile; line: number }>();
  for (const f of files.filter((x) => VISIT_FILES.includes(x.table.name))) {
    for (const r of f.rows) {
      const id = r.row.id;
      if (typeof id !== 'string') continue;
      const earlier = first.get(id);
      if (!earlier) first.set(id, { file: f, line: r.line });
      else if (earlier.file !== f) {
        problems.push({ file: f.file, line: r.line, column: f.table.key, message: `${f.table.key} ${quoted(id)} ${visitMessage(earlier.file.file, earlier.line)}` });
        problems.push({ file: earlier.file.file, line: earlier.line, column: earlier.file.table.key, message: `${earlier.file.table.key} ${quoted(id)} ${visitMessage(f.file, r.line)}` });
      }
    }
  }
}

/** A visit already in Tiller keeps its kind. */
async function checkVisitKinds(db: Db, files: readonly ReadFile[]): Promise<void> {
  for (const f of files.filter((x) => VISIT_FILES.includes(x.table.name))) {
    const kind = f.table.fixed!.visit_type as string;
    const ids = f.rows.map((r) => r.row.id).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) continue;
    const found = await db.selectFrom('visit').select(['id', 'visit_type']).where(anyOf('id', ids)).where('visit_type', '<>', kind).execute();
    const other = new Map(found.map((v) => [v.id, v.visit_type]));
    for (const r of f.rows) {
      const was = other.get(r.row.id as string);
      if (was) addProblem(r, { column: f.table.key, message: `${f.table.key} ${quoted(r.row.id as string)} is already a ${was.toUpperCase()} visit in Tiller: a visit cannot change its kind` });
    }
  }
}

/** Immunisation status is keyed by the child, as in the SSD: the id must not be another child's record. */
async function checkImmunisationIds(db: Db, rows: readonly ReadRow[]): Promise<void> {
  const ids = rows.map((r) => r.row.id).filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) return;
  const found = await db.selectFrom('immunisation').select(['id', 'person_id']).where(anyOf('id', ids)).execute();
  const clash = new Map(found.filter((f) => f.person_id !== f.id).map((f) => [f.id, f.person_id]));
  for (const r of rows) {
    const other = clash.get(r.row.id as string);
    if (other) addProblem(r, { column: 'clai_person_id', message: `clai_person_id ${quoted(r.row.id as string)} is already the id of another child's immunisation record in Tiller` });
  }
}

// ---------------------------------------------------------------------------------------- joining up

/**
 * The periods of care the episodes make: one per clae_cla_id, starting when the child entered care
 * (clae_entered_care_date, else the first episode) and ending when the last episode ceased. Episodes of
 * the same period already in the database count too.
 */
async function periodsOfCare(db: Db, episodes: readonly ReadRow[]): Promise<Row[]> {
  const groups = new Map<string, ReadRow[]>();
  for (const r of episodes) {
    const id = r.row.period_of_care_id;
    if (typeof id !== 'string') continue;
    const list = groups.get(id) ?? [];
    list.push(r);
    groups.set(id, list);
  }
  if (groups.size === 0) return [];
  const inExtract = new Set(episodes.map((r) => r.row.id));
  const stored = new Map<string, Array<{ id: string; start: string; end: string | null; read: null }>>();
  const found = await db
    .selectFrom('cla_episode')
    .select(['id', 'period_of_care_id', 'start_date', 'end_date'])
    .where(anyOf('period_of_care_id', [...groups.keys()]))
    .where('deleted_at', 'is', null)
    .execute();
  for (const e of found) {
    if (inExtract.has(e.id)) continue;
    const list = stored.get(e.period_of_care_id) ?? [];
    list.push({ id: e.id, start: e.start_date, end: e.end_date, read: null });
    stored.set(e.period_of_care_id, list);
  }
  const rows: Row[] = [];
  for (const [periodId, group] of groups) {
    const first = group[0]!;
    const entered = (r: ReadRow) => r.extra?.clae_entered_care_date as string | null | undefined;
    const firstEntered = group.find((r) => entered(r) != null);
    for (const r of group.slice(1)) {
      if (r.row.person_id !== first.row.person_id) {
        addProblem(r, { column: 'clae_person_id', message: `clae_person_id ${quoted(String(r.row.person_id))} differs from line ${first.line} for the same clae_cla_id ${quoted(periodId)}` });
      }
      if (firstEntered && r !== firstEntered && entered(r) != null && entered(r) !== entered(firstEntered)) {
        addProblem(r, {
          column: 'clae_entered_care_date',
          message: `clae_entered_care_date ${quoted(String(entered(r)))} differs from line ${firstEntered.line} (${String(entered(firstEntered))}) for the same clae_cla_id ${quoted(periodId)}`,
        });
      }
    }
    const all = [
      ...group.filter((r) => typeof r.row.start_date === 'string').map((r) => ({ id: r.row.id as string, start: r.row.start_date as string, end: (r.row.end_date as string | null) ?? null, read: r })),
      ...(stored.get(periodId) ?? []),
    ].sort((a, b) => byCodePoint(a.start, b.start) || byCodePoint(a.id, b.id));
    if (all.length === 0) continue;
    const start = (firstEntered ? entered(firstEntered) : null) ?? all[0]!.start;
    const last = all.at(-1)!;
    if (last.end !== null && last.end < start && last.read) {
      addProblem(last.read, { column: 'clae_cla_episode_ceased_date', message: `clae_cla_episode_ceased_date ${quoted(last.end)} is before the child entered care (${start})` });
    }
    const earliest = all.find((e) => e.read !== null)?.read ?? first;
    rows.push({
      id: periodId,
      person_id: first.row.person_id ?? null,
      start_date: start,
      end_date: last.end,
      cin_episode_id: earliest.row.cin_episode_id ?? null,
      primary_need_code: earliest.row.primary_need_code ?? null,
    });
  }
  return rows;
}

/** A CLA review that does not name its child is the child of its period of care. */
async function fillReviewPeople(db: Db, reviews: readonly ReadRow[], periods: readonly Row[]): Promise<void> {
  const missing = reviews.filter((r) => r.row.person_id == null && typeof r.row.period_of_care_id === 'string');
  if (missing.length === 0) return;
  const personOf = new Map(periods.map((p) => [p.id as string, p.person_id as string]));
  const ask = [...new Set(missing.map((r) => r.row.period_of_care_id as string).filter((id) => !personOf.has(id)))];
  if (ask.length > 0) {
    const found = await db.selectFrom('period_of_care').select(['id', 'person_id']).where(anyOf('id', ask)).execute();
    for (const p of found) personOf.set(p.id, p.person_id);
  }
  for (const r of missing) r.row.person_id = personOf.get(r.row.period_of_care_id as string) ?? null;
}

/** A worker's department is the team of that name (in the extract, else in Tiller), when there is exactly one. */
async function linkTeams(db: Db, professionals: readonly ReadRow[], departments: readonly ReadRow[]): Promise<void> {
  const names = [...new Set(professionals.map((r) => r.row.department).filter((d): d is string => typeof d === 'string'))];
  if (names.length === 0) return;
  const byName = new Map<string, Set<string>>();
  const add = (name: string, id: string) => byName.set(name, (byName.get(name) ?? new Set()).add(id));
  for (const d of departments) if (typeof d.row.name === 'string' && typeof d.row.id === 'string') add(d.row.name, d.row.id);
  const fromDb = names.filter((n) => !byName.has(n));
  if (fromDb.length > 0) {
    const found = await db.selectFrom('team').select(['id', 'name']).where(anyOf('name', fromDb)).where('deleted_at', 'is', null).execute();
    for (const t of found) add(t.name, t.id);
  }
  for (const r of professionals) {
    const teams = typeof r.row.department === 'string' ? byName.get(r.row.department) : undefined;
    r.row.team_id = teams?.size === 1 ? [...teams][0] : null;
  }
}

/**
 * An assessment's factors are those of its ssd_assessment_factors rows (several rows are merged; the
 * first row's id is kept), and an imported assessment with no factors row has none. Returns the factors
 * of assessments only in the database, to be written to them.
 */
function joinFactors(assessments: readonly ReadRow[], factorRows: readonly ReadRow[]): Row[] {
  const byAssessment = new Map<string, Row & { factors: string[] }>();
  for (const r of factorRows) {
    const id = r.row.id;
    if (typeof id !== 'string' || typeof r.row.factors_table_id !== 'string') continue;
    const factors = (r.row.factors as string[] | undefined) ?? [];
    const joined = byAssessment.get(id);
    if (joined) joined.factors.push(...factors.filter((f) => !joined.factors.includes(f)));
    else byAssessment.set(id, { id, factors: [...factors], factors_table_id: r.row.factors_table_id });
  }
  for (const a of assessments) {
    const joined = byAssessment.get(a.row.id as string);
    a.row.factors = joined?.factors ?? [];
    a.row.factors_table_id = joined?.factors_table_id ?? null;
    byAssessment.delete(a.row.id as string);
  }
  return [...byAssessment.values()];
}

/** A conference naming its CP plan links a plan that does not name its conference; the plan's own link wins. */
function linkPlansToConferences(conferences: readonly ReadRow[], plans: readonly ReadRow[]): Array<{ planId: string; icpcId: string }> {
  const planRows = new Map(plans.map((p) => [p.row.id as string, p.row]));
  const inDatabase: Array<{ planId: string; icpcId: string }> = [];
  for (const c of conferences) {
    const planId = c.extra?.icpc_cp_plan_id;
    if (typeof planId !== 'string' || typeof c.row.id !== 'string') continue;
    const plan = planRows.get(planId);
    if (!plan) inDatabase.push({ planId, icpcId: c.row.id });
    else if (plan.icpc_id == null) plan.icpc_id = c.row.id;
  }
  return inDatabase;
}

/** Teams in an order where each one's parent (when in the extract) comes first. */
function parentsFirst(rows: readonly Row[]): Row[] {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const out: Row[] = [];
  const placed = new Set<string>();
  const visit = (r: Row, path: Set<string>) => {
    const id = r.id as string;
    if (placed.has(id) || path.has(id)) return;
    path.add(id);
    const parent = typeof r.parent_id === 'string' ? byId.get(r.parent_id) : undefined;
    if (parent) visit(parent, path);
    placed.add(id);
    out.push(r);
  };
  for (const r of rows) visit(r, new Set());
  return out;
}

// ---------------------------------------------------------------------------------------- report

function sortProblems(problems: SsdProblem[]): SsdProblem[] {
  const order = new Map(SSD_TABLES.map((t, i) => [`${t.name}.csv`, i]));
  const rank = (file: string) => order.get(file.toLowerCase()) ?? -1;
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const k = `${p.file}|${p.line}|${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => rank(a.file) - rank(b.file) || byCodePoint(a.file, b.file) || a.line - b.line);
}

/** One line per problem: `ssd_cin_episodes.csv line 14: cine_referral_date "2024-02-30" is not a real date: …`. */
export function describeProblem(p: SsdProblem): string {
  return `${p.file} line ${p.line}: ${p.message}`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
}
