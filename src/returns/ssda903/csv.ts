// The SSDA903 tables as CSV files, one per table, named as the DfE's tool expects (header.csv,
// episodes.csv, …) with the DfE's header row; dates dd/mm/yyyy. Reading goes the other way, and, as the
// DfE's tool does, recognises a table by its set of column names (in any order), not by its file name.
import fs from 'node:fs';
import path from 'node:path';
import { isIsoDate } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyTables, TABLE_NAMES, TABLES, type Row, type Ssda903, type TableName, type Tables } from './model.ts';

export const DATE_COLUMNS: ReadonlySet<string> = new Set([
  'DOB', 'MC_DOB', 'DECOM', 'DEC', 'REVIEW', 'DUC', 'DATE_INT', 'DATE_MATCH', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'DATE_PERM', 'MIS_START', 'MIS_END', 'SW_DECOM', 'SW_DEC',
]);

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** ISO dates as dd/mm/yyyy; anything else as it is. */
function cell(column: string, value: string | null): string {
  if (value === null) return '';
  if (DATE_COLUMNS.has(column) && isIsoDate(value)) return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  return quote(value);
}

export function tableToCsv<T extends TableName>(table: T, rows: ReadonlyArray<Row<T>>): string {
  const columns = TABLES[table] as readonly string[];
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(c, (r as Record<string, string | null>)[c]!)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function returnToCsvFiles(ret: Ssda903): Array<{ name: string; content: string }> {
  return TABLE_NAMES.map((t) => ({ name: `${t}.csv`, content: tableToCsv(t, ret.tables[t] as never) }));
}

export function write903(ret: Ssda903, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return returnToCsvFiles(ret).map((f) => {
    const file = path.join(dir, f.name);
    fs.writeFileSync(file, f.content);
    return file;
  });
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let rowCells: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      rowCells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      rowCells.push(field);
      rows.push(rowCells);
      rowCells = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || rowCells.length > 0) {
    rowCells.push(field);
    rows.push(rowCells);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** dd/mm/yyyy (or an ISO date) as ISO; anything else kept as written, for the date rules to report. */
function readDate(value: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (m) {
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : value;
  }
  return value;
}

function tableOf(headerRow: readonly string[]): TableName | null {
  const got = new Set(headerRow.map((h) => h.trim().toUpperCase()));
  return TABLE_NAMES.find((t) => TABLES[t].length === got.size && TABLES[t].every((c) => got.has(c))) ?? null;
}

/** Reads the return from CSV texts (by file name, for messages). A file whose columns match no table is refused. */
export function tablesFromCsv(files: ReadonlyArray<{ name: string; content: string }>): Tables {
  const tables = emptyTables();
  const seen = new Map<TableName, string>();
  for (const f of files) {
    const rows = parseCsv(f.content);
    if (rows.length === 0) continue;
    const header = rows[0]!.map((h) => h.trim().toUpperCase());
    const table = tableOf(header);
    if (!table) throw new AppError('BAD_INPUT', `${f.name}: its columns (${header.join(', ')}) are not those of any SSDA903 table`);
    if (seen.has(table)) throw new AppError('BAD_INPUT', `${f.name} and ${seen.get(table)} are both the ${table} table`);
    seen.set(table, f.name);
    for (const [n, cells] of rows.slice(1).entries()) {
      if (cells.length !== header.length) throw new AppError('BAD_INPUT', `${f.name} line ${n + 2}: ${cells.length} values for ${header.length} columns`);
      const r: Record<string, string | null> = {};
      header.forEach((c, k) => {
        const v = cells[k]!.trim().toUpperCase();
        r[c] = v === '' ? null : DATE_COLUMNS.has(c) ? readDate(v) : v;
      });
      (tables[table] as Array<Record<string, string | null>>).push(r);
    }
  }
  return tables;
}

export function read903Dir(dir: string): Tables {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
  } catch (e) {
    throw new AppError('BAD_INPUT', `cannot read the folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (names.length === 0) throw new AppError('BAD_INPUT', `${dir} holds no CSV files`);
  return tablesFromCsv(names.map((name) => ({ name, content: fs.readFileSync(path.join(dir, name), 'utf8') })));
}
