// A fresh, migrated, empty database for one test file, on whichever engine the suite runs on.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/platform/db/connect.ts';
import { TEMPLATE_DB, testDatabaseKind, withDatabaseName } from './db-config.ts';

export async function freshDatabase(): Promise<Database> {
  if (testDatabaseKind() === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `tiller_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Cloning a template needs no other session on it; retry briefly if another worker is cloning.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        break;
      } catch (e) {
        if (attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.end();
    const database = await connect({ databaseUrl: withDatabaseName(url, name) });
    return {
      ...database,
      async close() {
        await database.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dump = fs.readFileSync(inject('pgliteDump'));
  return connect({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
}
