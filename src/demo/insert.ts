// Loads a generated council inside the caller's transaction, table by table in foreign-key order.
//
// Half a million rows have to go in within a minute on embedded PGlite, so two things differ from an
// ordinary write:
// - Each batch of 5,000 rows is one `INSERT … SELECT FROM unnest($1, $2, …)` with one array parameter
//   per column: the database parses one small statement instead of tens of thousands of placeholders.
// - When the session may (a superuser: always so on PGlite), foreign-key triggers are switched off for
//   this transaction only (`session_replication_role = replica`, as pg_restore does) and every foreign
//   key is checked once at the end with one anti-join per key instead of one lookup per row. A missing
//   parent throws, and the caller's transaction rolls back. Other constraints (keys, CHECKs, NOT NULL)
//   are enforced as usual.
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { DEMO_TABLES, type GeneratedCouncil } from './model.ts';

const BATCH_ROWS = 5000;

export interface ColumnInfo {
  type: string;
  notNull: boolean;
  default: string | null;
}

type Executor = Transaction<DB> | Kysely<DB>;

export async function insertCouncil(trx: Executor, council: GeneratedCouncil, progress: (message: string) => void = () => {}): Promise<Record<string, number>> {
  const columns = await columnInfo(trx);
  const bulk = await mayDisableTriggers(trx);
  if (bulk) await sql`set local session_replication_role = replica`.execute(trx);

  const counts: Record<string, number> = {};
  const total = DEMO_TABLES.reduce((n, t) => n + council.tables[t].length, 0);
  let done = 0;
  let reported = 0;
  for (const table of DEMO_TABLES) {
    const rows = council.tables[table] as readonly Record<string, unknown>[];
    counts[table] = rows.length;
    await insertRows(trx, table, rows, columns, (n) => {
      done += n;
      if (done - reported >= 50_000 || done === total) {
        progress(`Loading the demo council: ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} records`);
        reported = done;
      }
    });
  }

  if (bulk) {
    await sql`set local session_replication_role = origin`.execute(trx);
    progress('Checking every foreign key…');
    await checkForeignKeys(trx);
  }
  return counts;
}

/** Inserts `rows` into `table` in batches of unnest()ed column arrays. */
export async function insertRows(
  trx: Executor,
  table: string,
  rows: readonly Record<string, unknown>[],
  columns: Map<string, Map<string, ColumnInfo>>,
  inserted: (n: number) => void = () => {},
): Promise<void> {
  if (rows.length === 0) return;
  const info = columns.get(table);
  if (!info) throw new Error(`the database has no table ${table}`);
  const names = columnsOf(rows);
  const select = names.map((name, i) => {
    const column = info.get(name);
    if (!column) throw new Error(`the database has no column ${table}.${name}`);
    const value = `u.c${i}::${column.type}`;
    // A value left out takes the column's default (the NOT NULL flags default to false).
    return column.notNull && column.default !== null ? `coalesce(${value}, ${column.default})` : value;
  });
  const statement = `insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')}) select ${select.join(', ')} from unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(', ')}) as u(${names.map((_, i) => `c${i}`).join(', ')})`;
  const parametersFor = (start: number) => {
    const batch = rows.slice(start, start + BATCH_ROWS);
    return names.map((name) => arrayLiteral(batch, name));
  };
  let parameters = parametersFor(0);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const query = trx.executeQuery(CompiledQuery.raw(statement, parameters));
    // Let the statement go out, then build the next batch while a database server works on this one.
    await new Promise((resolve) => setImmediate(resolve));
    if (start + BATCH_ROWS < rows.length) parameters = parametersFor(start + BATCH_ROWS);
    await query;
    inserted(Math.min(BATCH_ROWS, rows.length - start));
  }
}

/**
 * One column of a batch as a PostgreSQL text-array literal, `{"a","b",NULL}`: every value travels as
 * text and the database casts it to the column's type. Built here in one pass because the driver's
 * own array serialisation runs two regular expressions over every element.
 */
function arrayLiteral(batch: readonly Record<string, unknown>[], name: string): string {
  const parts: string[] = new Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const value = batch[i]![name];
    if (value === undefined || value === null) {
      parts[i] = 'NULL';
      continue;
    }
    const text = Array.isArray(value) ? arrayLiteralOf(value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
    parts[i] = `"${NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE, '\\$&') : text}"`;
  }
  return `{${parts.join(',')}}`;
}

/** A value that is itself an array (text[] columns), as its own literal. */
function arrayLiteralOf(values: readonly unknown[]): string {
  return `{${values.map((v) => `"${String(v).replace(ESCAPE, '\\$&')}"`).join(',')}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPE = /["\\]/g;

function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

export async function columnInfo(trx: Executor): Promise<Map<string, Map<string, ColumnInfo>>> {
  const result = await sql<{ table: string; column: string; type: string; not_null: boolean; default: string | null }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
           a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as default
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`.execute(trx);
  const tables = new Map<string, Map<string, ColumnInfo>>();
  for (const r of result.rows) {
    const table = tables.get(r.table) ?? new Map<string, ColumnInfo>();
    table.set(r.column, { type: r.type, notNull: r.not_null, default: r.default });
    tables.set(r.table, table);
  }
  return tables;
}

async function mayDisableTriggers(trx: Executor): Promise<boolean> {
  const r = await sql<{ superuser: boolean }>`select rolsuper as superuser from pg_roles where rolname = current_user`.execute(trx);
  return r.rows[0]?.superuser === true;
}

/** Throws if any row of a demo table names a parent that does not exist. */
export async function checkForeignKeys(trx: Executor): Promise<void> {
  const keys = await sql<{ child: string; column: string; parent: string; parent_column: string }>`
    select cc.relname as child, a.attname as column, pc.relname as parent, pa.attname as parent_column
    from pg_constraint k
    join pg_class cc on cc.oid = k.conrelid
    join pg_class pc on pc.oid = k.confrelid
    join pg_namespace n on n.oid = cc.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
    where k.contype = 'f' and n.nspname = current_schema() and array_length(k.conkey, 1) = 1`.execute(trx);
  const demo = new Set<string>(DEMO_TABLES);
  for (const key of keys.rows) {
    if (!demo.has(key.child)) continue;
    const orphans = await trx.executeQuery<{ n: number }>(
      CompiledQuery.raw(
        `select count(*)::int as n from "${key.child}" x where x."${key.column}" is not null and not exists (select 1 from "${key.parent}" p where p."${key.parent_column}" = x."${key.column}")`,
      ),
    );
    const n = orphans.rows[0]?.n ?? 0;
    if (n > 0) throw new Error(`demo council: ${n} ${key.child} rows name a ${key.parent} that does not exist (${key.child}.${key.column})`);
  }
}
