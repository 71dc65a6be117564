// `tiller export ssd DIR`: every SSD table Tiller holds, as the import reads it (one CSV per table,
// SSD v1.4.5 column names and order, rows in id order), so an export imported elsewhere and exported
// again gives the same files byte for byte. Deleted records are left out, and so is anything naming a
// record that is not exported (an adult's address: the SSD is about children).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit, type AuditActor } from '../../audit/audit.ts';
import { writeCsvFile } from './csv-files.ts';
import { SSD_TABLES, type SsdColumn, type SsdTable, type TillerTable } from './mapping.ts';
import { byCodePoint, canonicalJson, writeFlag } from './values.ts';

export interface SsdExportResult {
  files: Array<{ file: string; rows: number }>;
}

export interface ExportOptions {
  progress?: (message: string) => void;
  actor?: AuditActor;
}

const CLI_ACTOR: AuditActor = { userId: null, username: 'tiller-cli', roles: [], ipAddress: null, requestId: null, route: 'cli export ssd' };

type SsdRow = Record<string, unknown>;

export async function exportSsd(db: Db, dir: string, options: ExportOptions = {}): Promise<SsdExportResult> {
  const progress = options.progress ?? (() => {});
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new AppError('BAD_INPUT', `${dir} is not a directory Tiller can write to`);
  }

  // Each table comes after those its rows must name, so a row whose record is not exported can be left out.
  const exported = new Map<TillerTable, Set<string>>();
  const tables: Array<{ table: SsdTable; rows: SsdRow[] }> = [];
  for (const table of SSD_TABLES) {
    progress(`Reading ${table.name}…`);
    const rows = (await readTable(db, table)).filter((row) => requiredRecordsExported(table, row, exported));
    for (const p of produces(table)) {
      const ids = exported.get(p.target) ?? new Set<string>();
      for (const row of rows) if (typeof row[p.column] === 'string') ids.add(row[p.column] as string);
      exported.set(p.target, ids);
    }
    tables.push({ table, rows });
  }

  const files: SsdExportResult['files'] = [];
  for (const { table, rows } of tables) {
    progress(`Writing ${table.name}.csv…`);
    const lines = rows.map((row) => table.columns.map((c) => cell(c, row[c.name], exported)));
    const key = table.columns.findIndex((c) => c.name === table.key);
    lines.sort((a, b) => byCodePoint(a[key]!, b[key]!));
    writeCsvFile(path.join(dir, `${table.name}.csv`), table.columns.map((c) => c.name), lines);
    files.push({ file: `${table.name}.csv`, rows: lines.length });
  }
  await recordAudit(db, options.actor ?? CLI_ACTOR, {
    action: 'export',
    entityType: 'ssd_extract',
    what: 'ssd export',
    detail: { files: Object.fromEntries(files.map((f) => [f.file, f.rows])) },
  });
  return { files };
}

/** The table's rows, one value per SSD column (by SSD name), as the database gives them. */
async function readTable(db: Db, table: SsdTable): Promise<SsdRow[]> {
  const select = table.columns.map((c) => `${expression(c)} as "${c.name}"`).join(', ');
  const where = ['t.deleted_at is null', ...(table.exportWhere ? [table.exportWhere] : [])].join(' and ');
  const from = `"${table.target}" t ${table.exportJoin ?? ''}`;
  const query = table.exportDistinctOn
    ? `select distinct on (${table.exportDistinctOn.on}) ${select} from ${from} where ${where} order by ${table.exportDistinctOn.on}, ${table.exportDistinctOn.order}`
    : `select ${select} from ${from} where ${where}`;
  const result = await sql<SsdRow>`${sql.raw(query)}`.execute(db);
  return result.rows;
}

function expression(c: SsdColumn): string {
  if (c.exportSql) return c.exportSql;
  if (c.to === null) throw new Error(`SSD column ${c.name} has no Tiller column and no export expression`);
  return `t."${c.to}"`;
}

/** The Tiller records a table's rows bring: their own, and for episodes the periods of care. */
function produces(table: SsdTable): Array<{ target: TillerTable; column: string }> {
  const own = table.columns.find((c) => c.to === 'id' && c.type.kind === 'id');
  return [...(own ? [{ target: table.target, column: own.name }] : []), ...(table.alsoProduces ? [table.alsoProduces] : [])];
}

/** A row is exported only when the records it must name are (its child, its referral, …). */
function requiredRecordsExported(table: SsdTable, row: SsdRow, exported: Map<TillerTable, Set<string>>): boolean {
  for (const c of table.columns) {
    if (c.type.kind !== 'ref' || !c.required) continue;
    const id = row[c.name];
    if (typeof id !== 'string' || !exported.get(c.type.target)?.has(id)) return false;
  }
  return true;
}

/** How a value is written; a reference to a record that is not exported is left blank. */
function cell(c: SsdColumn, value: unknown, exported: Map<TillerTable, Set<string>>): string {
  if (value === null || value === undefined) return '';
  switch (c.type.kind) {
    case 'ref':
      return exported.get(c.type.target)?.has(value as string) ? String(value) : '';
    case 'flag':
      return writeFlag(value as boolean);
    case 'json':
      return canonicalJson(value);
    default:
      return String(value);
  }
}
