// Regenerates src/platform/db/schema.ts from the migrations: an in-memory PGlite is migrated, served on
// the Postgres wire protocol on loopback, and introspected by kysely-codegen. `--verify` checks only.
import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { migrate } from '../src/platform/db/migrate.ts';

const port = 54300 + Math.floor(Math.random() * 90);
const lite = await PGlite.create('memory://');
{
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { Kysely, PostgresDialect } = await import('kysely');
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(lite) as pg.PoolConfig) }) });
  await migrate(db);
  await db.destroy();
}
const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port, maxConnections: 10 });
await server.start();
try {
  const args = [
    'kysely-codegen', '--dialect', 'postgres', '--url', `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    '--date-parser', 'string', '--numeric-parser', 'number', '--exclude-pattern', 'kysely_*',
    '--out-file', 'src/platform/db/schema.ts',
  ];
  if (process.argv.includes('--verify')) args.push('--verify');
  // Asynchronous: the socket server lives in this process and must keep answering.
  const code = await new Promise<number | null>((resolve) => spawn('npx', args, { stdio: 'inherit' }).on('exit', resolve));
  process.exitCode = code ?? 1;
} finally {
  await server.stop();
  await lite.close();
}
