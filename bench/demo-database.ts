// A PostgreSQL database holding the demo council at a scale, loaded once and reused by later benchmark runs
// (bench/trays.bench.ts and bench/clocks.bench.ts --demo share it): tiller_bench_trays_s<scale>.
import pg from 'pg';
import { sql } from 'kysely';
import { connect, type Database } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadDemo, isDatabaseEmpty } from '../src/demo/load-demo.ts';
import { todayInEngland } from '../src/platform/calendar/calendar.ts';
import { withDatabaseName } from '../test/support/db-config.ts';

export interface DemoDatabase {
  database: Database;
  url: string;
  name: string;
  /** PostgreSQL's version. */
  server: string;
  /** Seconds the load took, or null when an earlier run's load was reused. */
  loadedIn: number | null;
  /** The last day of the demo's history (the day it was loaded). */
  asOf: string;
  counts: { children: number; contacts: number; referrals: number; involvements: number; visits: number; audit: number };
}

/** Opens (creating and loading if need be) the demo council at `scale`. DROP=1 in the environment starts again. */
export async function demoDatabase(baseUrl: string, scale: number): Promise<DemoDatabase> {
  const name = `tiller_bench_trays_s${String(scale).replace('.', '_')}`;
  const url = withDatabaseName(baseUrl, name);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  if (process.env.DROP === '1') await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  const server = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  await admin.end();

  const database = await connect({ databaseUrl: url });
  const db = database.db;
  await migrate(db);
  let loadedIn: number | null = null;
  if (await isDatabaseEmpty(db)) {
    const t = performance.now();
    console.log(`loading the demo council at scale ${scale} into ${name}…`);
    await loadDemo(db, { seed: 1, scale, years: 3, asOf: todayInEngland() }, (m) => console.log(`  ${m}`));
    loadedIn = (performance.now() - t) / 1000;
    console.log(`loaded in ${loadedIn.toFixed(0)} s`);
  } else {
    console.log(`reusing the demo council already in ${name}`);
  }
  const counts = (
    await sql<DemoDatabase['counts']>`select
      (select count(*)::int from person where person_type = 'child') as children, (select count(*)::int from contact) as contacts,
      (select count(*)::int from cin_episode) as referrals, (select count(*)::int from involvement) as involvements,
      (select count(*)::int from visit) as visits, (select count(*)::int from audit_event) as audit`.execute(db)
  ).rows[0]!;
  const asOf = (await sql<{ d: string | null }>`select max(contact_date)::text as d from contact`.execute(db)).rows[0]!.d ?? todayInEngland();
  return { database, url, name, server, loadedIn, asOf, counts };
}
