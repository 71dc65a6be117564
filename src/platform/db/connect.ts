import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.ts';
import { AppError } from '../errors.ts';

// Parse in one place, identically for PGlite and a server (both go through pg):
// `date` stays a 'YYYY-MM-DD' string (no timezone shifts), int8 and numeric become numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; `memory://` for a throwaway one. */
  dataDir?: string;
  /** A dump from `PGlite.dumpDataDir()` to start the embedded database from (tests). */
  loadDataDir?: Blob | File;
}

export async function connect(options: ConnectOptions): Promise<Database> {
  if (options.databaseUrl) return connectServer(options.databaseUrl);
  return connectEmbedded(options);
}

async function connectServer(url: string): Promise<Database> {
  // JIT off for every connection: the returns and indicators read in one statement of many sub-queries,
  // whose cost passes jit_above_cost, and compiling took ten times longer than running (Annex A at demo
  // scale 1 on PostgreSQL 15: 32 s with JIT, 2.7 s without). PGlite has no JIT.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, options: '-c jit=off' });
  // An idle client that loses the server must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new AppError('DATABASE_UNAVAILABLE', `Cannot connect to the database at ${describeUrl(url)}: ${reason(e)}`, { cause: e });
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function connectEmbedded(options: ConnectOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  let dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) {
    dataDir = path.join(dataDir, 'pg');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  let lite: PGlite;
  try {
    lite = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (e) {
    throw new AppError('DATABASE_UNAVAILABLE', `Cannot open the embedded database in ${dataDir}: ${reason(e)}`, { cause: e });
  }
  const pool = new pg.Pool(createPgConfig(lite) as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    async close() {
      await db.destroy();
      await lite.close();
    },
  };
}

/** host:port/database without the user or password, for messages. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `${host}:${u.port || u.searchParams.get('port') || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function reason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: string }).code;
    const msg = e.message || (e as AggregateError).errors?.map((x: Error) => x.message).join('; ') || 'unknown error';
    return code && !msg.includes(code) ? `${msg} (${code})` : msg;
  }
  return String(e);
}
