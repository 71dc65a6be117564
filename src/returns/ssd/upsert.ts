// Writes rows keyed by id: new ids are inserted, known ones updated in place (only the columns given;
// Tiller's own columns are left alone), and rows that would not change are not touched at all, so a
// second import of the same extract changes nothing. Each batch is one
// `INSERT … SELECT FROM unnest(…) ON CONFLICT (id) DO UPDATE`, with one text array per column cast by
// the database to the column's type: one small statement to parse, not thousands of placeholders.
import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { Row } from './mapping.ts';

const BATCH_ROWS = 5000;

export interface UpsertCount {
  inserted: number;
  updated: number;
}

/** Column types by table, as the database declares them (`character varying(36)`, `date`, `text[]`, …). */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, string>>;

export async function columnTypes(db: Db): Promise<ColumnTypes> {
  const result = await sql<{ table: string; column: string; type: string }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`.execute(db);
  const tables = new Map<string, Map<string, string>>();
  for (const r of result.rows) {
    const table = tables.get(r.table) ?? new Map<string, string>();
    table.set(r.column, r.type);
    tables.set(r.table, table);
  }
  return tables;
}

export interface UpsertOptions {
  /** Columns an update sets only when the new value is not null (a value Tiller may know better). */
  keepWhenNull?: readonly string[];
}

export async function upsertRows(trx: Db, table: string, rows: readonly Row[], types: ColumnTypes, options: UpsertOptions = {}): Promise<UpsertCount> {
  const count: UpsertCount = { inserted: 0, updated: 0 };
  if (rows.length === 0) return count;
  const tableTypes = types.get(table);
  if (!tableTypes) throw new Error(`the database has no table ${table}`);
  const names = columnsOf(rows);
  const cast = names.map((name, i) => {
    const type = tableTypes.get(name);
    if (!type) throw new Error(`the database has no column ${table}.${name}`);
    return `u.c${i}::${type}`;
  });
  const keep = new Set(options.keepWhenNull ?? []);
  const updated = names.filter((n) => n !== 'id');
  const newValue = (n: string) => (keep.has(n) ? `coalesce(excluded."${n}", t."${n}")` : `excluded."${n}"`);
  const statement = `with up as (
      insert into "${table}" as t (${names.map((n) => `"${n}"`).join(', ')})
      select ${cast.join(', ')} from unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(', ')}) as u(${names.map((_, i) => `c${i}`).join(', ')})
      on conflict (id) do update set ${updated.map((n) => `"${n}" = ${newValue(n)}`).join(', ')}, "updated_at" = now(), "version" = t."version" + 1
      where (${updated.map((n) => `t."${n}"`).join(', ')}) is distinct from (${updated.map(newValue).join(', ')})
      returning (t.xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from up`;
  const parametersOf = (start: number) => {
    const batch = rows.slice(start, start + BATCH_ROWS);
    return names.map((name) => arrayLiteral(batch.map((row) => asText(row[name]))));
  };
  // Each batch's parameters are made while the database writes the one before.
  let parameters = parametersOf(0);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const writing = trx.executeQuery<UpsertCount>(CompiledQuery.raw(statement, parameters));
    writing.catch(() => {}); // awaited below; meanwhile a failure must not count as unhandled
    // Let the driver send it (Kysely gets there over a few promises) before working on the next.
    await new Promise((resolve) => setImmediate(resolve));
    if (start + BATCH_ROWS < rows.length) parameters = parametersOf(start + BATCH_ROWS);
    const result = await writing;
    count.inserted += result.rows[0]?.inserted ?? 0;
    count.updated += result.rows[0]?.updated ?? 0;
  }
  return count;
}

/** Every column any row has, `id` first. */
function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>(['id']);
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

const QUOTE_OR_BACKSLASH = /["\\]/;

/** A text[] literal, built here rather than by the driver: a million rows make this count. */
function arrayLiteral(values: readonly (string | null)[]): string {
  const elements = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    elements[i] = v === null || v === undefined ? 'NULL' : QUOTE_OR_BACKSLASH.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
  }
  return `{${elements.join(',')}}`;
}

/** Values travel as text; the database casts them to the column's type. */
function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
