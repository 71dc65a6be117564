// Runs once before the suite: prepares a migrated database that each test file copies cheaply.
// DB=pglite (default): a migrated PGlite data dir dumped to a file, loaded per test file (~0.7 s).
// DB=postgres (DATABASE_URL set): a migrated template database; each test file clones it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { connect } from '../../src/platform/db/connect.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { TEMPLATE_DB, testDatabaseKind, withDatabaseName } from './db-config.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDatabaseKind() === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const database = await connect({ databaseUrl: withDatabaseName(url, TEMPLATE_DB) });
    await migrate(database.db);
    await database.close();
    project.provide('pgliteDump', '');
    return async () => {};
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create('memory://');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { Kysely, PostgresDialect } = await import('kysely');
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(lite) as pg.PoolConfig) }) });
  await migrate(db);
  await db.destroy();
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-test-')), 'migrated.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDump', file);
  return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}
