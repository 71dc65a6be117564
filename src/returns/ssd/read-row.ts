// Reads one CSV record of an SSD table into the Tiller row it becomes, with every problem it has.
import type { ColumnType, Row, SsdColumn, SsdTable, Values } from './mapping.ts';
import { inRange, Invalid, isBlank, quoted, readDate, readFlag, readId, readInt, readJson, readNumber, type Read } from './values.ts';

export interface RowProblem {
  column: string | null;
  message: string;
}

export interface ReadRow {
  line: number;
  /** The Tiller row, by Tiller column. */
  row: Row;
  /** Values of the SSD columns that fill no Tiller column of their own (clae_entered_care_date, …). */
  extra: Values | null;
  problems: RowProblem[] | null;
}

/** A table's columns matched to a file's header, each with the index of its value (-1: not in the file). */
export interface ColumnReader {
  column: SsdColumn;
  index: number;
  read: (cell: string) => Read<unknown>;
}

export function columnReaders(table: SsdTable, indexes: readonly number[]): ColumnReader[] {
  return table.columns.map((column, i) => ({ column, index: indexes[i]!, read: cellReader(column) }));
}

export function addProblem(r: ReadRow, problem: RowProblem): void {
  (r.problems ??= []).push(problem);
}

/** A column's value in a read row: in the Tiller row, or among the extra values. */
export function valueOf(r: ReadRow, column: SsdColumn): unknown {
  return column.to === null ? r.extra?.[column.name] : r.row[column.to];
}

export function readRow(table: SsdTable, readers: readonly ColumnReader[], cells: readonly string[], line: number): ReadRow {
  const r: ReadRow = { line, row: table.fixed ? { ...table.fixed } : {}, extra: null, problems: null };
  for (const { column, index, read } of readers) {
    if (index < 0) continue;
    const value = read(cells[index]!);
    if (value instanceof Invalid) addProblem(r, { column: column.name, message: value.reason });
    else if (column.to !== null) r.row[column.to] = value;
    else (r.extra ??= {})[column.name] = value;
  }
  for (const rule of table.rules ?? []) {
    const broken = rule(r.row);
    if (!broken) continue;
    const column = table.columns.find((c) => c.name === broken.column);
    const value = column ? valueOf(r, column) : undefined;
    addProblem(r, { column: broken.column, message: `${broken.column} ${quoted(String(value ?? ''))} ${broken.reason}` });
  }
  table.derive?.(r.row, r.extra ?? {}, (column, reason) => addProblem(r, { column, message: `${column} ${reason}` }));
  return r;
}

/** Reads a cell to its value (null when blank), or why not; the reason names the column and the value. */
function cellReader(column: SsdColumn): (raw: string) => Read<unknown> {
  const readValue = valueReader(column.type);
  const blank: Read<unknown> = column.blankIsNo ? false : column.required ? new Invalid(`${column.name} is blank, but Tiller needs a value here`) : null;
  const alsoBlank = column.alsoBlank;
  return (raw) => {
    const cell = raw.trim();
    if (isBlank(cell) || (alsoBlank !== undefined && alsoBlank.includes(cell.toUpperCase()))) return blank;
    const read = readValue(cell);
    return read instanceof Invalid ? new Invalid(`${column.name} ${quoted(cell)} ${read.reason}`) : read;
  };
}

function valueReader(type: ColumnType): (cell: string) => Read<unknown> {
  switch (type.kind) {
    case 'id':
    case 'ref':
      return readId;
    case 'text':
      return (cell) => {
        if (type.max !== undefined && cell.length > type.max) return new Invalid(`is ${cell.length} characters long; Tiller keeps at most ${type.max} here`);
        if (cell.includes('\u0000')) return new Invalid('holds a NUL character, which Tiller cannot keep');
        if (type.pattern && !type.pattern.re.test(cell)) return new Invalid(`is not ${type.pattern.says}`);
        return cell;
      };
    case 'code':
      return codeReader(type.list, type.synonyms);
    case 'date':
      return readDate;
    case 'flag':
      return readFlag;
    case 'int':
      return (cell) => readInt(cell, type);
    case 'number': {
      // Rounded as the database column keeps it, so a second import finds nothing changed.
      const factor = 10 ** (type.decimals ?? 6);
      return (cell) => {
        const read = readNumber(cell);
        return read instanceof Invalid ? read : inRange(Math.round(read * factor) / factor, type);
      };
    }
    case 'json':
      return (cell) => readJson(cell, type.shape);
  }
}

/** A code in any letter case, or one of the list's other spellings; the list's own spelling is kept. */
function codeReader(list: Readonly<Record<string, string>>, synonyms: Readonly<Record<string, string>> | undefined): (cell: string) => Read<string> {
  const index = new Map(Object.keys(list).map((c) => [c.toUpperCase(), c]));
  const other = new Map(Object.entries(synonyms ?? {}));
  const all = Object.keys(list);
  const unknown = new Invalid(`is not one of the codes Tiller reads here (${all.length <= 14 ? all.join(', ') : `${all.slice(0, 12).join(', ')}, …`})`);
  return (cell) => index.get(cell.toUpperCase()) ?? other.get(cell.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()) ?? unknown;
}
