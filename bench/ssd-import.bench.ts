// How long an SSD import of a million rows takes on PostgreSQL (issue 7: target under 60 s).
// Usage: DATABASE_URL=postgresql://… npx tsx bench/ssd-import.bench.ts [scale=3] [runs=3]
// The extract is the demo council (seed 7, three years to 2026-03-31) at `scale` (3 gives about 1.1
// million rows), exported once with `exportSsd` and kept in the system's temporary directory for later
// runs. Each run imports it into a new, empty, migrated database; one more run imports it again into
// the last of those (every row already there and unchanged). Writes its section of docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, type Database } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { withDatabaseName } from '../test/support/db-config.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { exportSsd } from '../src/returns/ssd/export-ssd.ts';
import { importSsd } from '../src/returns/ssd/import-ssd.ts';
import { parseCsv } from '../src/returns/ssd/csv-files.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench/ssd-import.bench.ts: set DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}
const scale = Number(process.argv[2] ?? 3);
const RUNS = Number(process.argv[3] ?? 3);
const AS_OF = '2026-03-31';
const SEED = 7;
const extract = path.join(os.tmpdir(), `tiller-ssd-bench-s${scale}`);
const admin = new pg.Client({ connectionString: url });
await admin.connect();

async function newDatabase(name: string): Promise<Database> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const database = await connect({ databaseUrl: withDatabaseName(url!, name) });
  await migrate(database.db);
  return database;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const TICKS_PER_SECOND = 100; // Linux's USER_HZ

/**
 * CPU time the database's server processes have used so far (milliseconds), read from /proc: the machine
 * is shared, so wall-clock time depends on the others, CPU time much less. Null where /proc is not ours.
 */
async function serverCpu(database: Database): Promise<number | null> {
  try {
    const r = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
    let ticks = 0;
    for (const { pid } of r.rows) {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
    return (ticks / TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

function nodeCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  if (!fs.existsSync(path.join(extract, 'ssd_person.csv'))) {
    const source = await newDatabase('tiller_bench_ssd_source');
    try {
      let t = performance.now();
      await loadDemo(source.db, { seed: SEED, scale, years: 3, asOf: AS_OF });
      console.log(`demo council (scale ${scale}) loaded in ${seconds(performance.now() - t)} s`);
      t = performance.now();
      await exportSsd(source.db, extract);
      console.log(`exported to ${extract} in ${seconds(performance.now() - t)} s`);
    } finally {
      await source.close();
      await admin.query('DROP DATABASE IF EXISTS tiller_bench_ssd_source WITH (FORCE)');
    }
  }
  const files = fs.readdirSync(extract).filter((f) => f.endsWith('.csv'));
  const rows = files.reduce((n, f) => {
    let records = -1; // the header
    parseCsv(fs.readFileSync(path.join(extract, f), 'utf8'), () => records++);
    return n + records;
  }, 0);
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(extract, f)).size, 0);
  console.log(`extract: ${rows.toLocaleString('en-GB')} rows in ${files.length} files, ${(bytes / 1e6).toFixed(0)} MB`);

  const fresh: number[] = [];
  const cpu: Array<{ node: number; server: number | null }> = [];
  let again = 0;
  const load = os.loadavg()[0]!;
  for (let run = 1; run <= RUNS; run++) {
    const database = await newDatabase('tiller_bench_ssd_import');
    try {
      const serverBefore = await serverCpu(database);
      const nodeBefore = nodeCpu();
      const t = performance.now();
      const result = await importSsd(database.db, extract);
      fresh.push(performance.now() - t);
      const nodeUsed = nodeCpu() - nodeBefore;
      const serverAfter = await serverCpu(database);
      cpu.push({ node: nodeUsed, server: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore });
      const written = result.files.reduce((n, f) => n + f.inserted + (f.joinedToAssessments ?? 0), 0);
      console.log(`run ${run}: ${seconds(fresh.at(-1)!)} s (${written.toLocaleString('en-GB')} rows written); CPU: Node ${seconds(nodeUsed)} s, PostgreSQL ${cpu.at(-1)!.server === null ? '?' : seconds(cpu.at(-1)!.server!)} s`);
      if (run === RUNS) {
        const t2 = performance.now();
        await importSsd(database.db, extract);
        again = performance.now() - t2;
        console.log(`again into the same database (nothing changed): ${seconds(again)} s`);
      }
    } finally {
      await database.close();
    }
  }
  await admin.query('DROP DATABASE IF EXISTS tiller_bench_ssd_import WITH (FORCE)');
  const server = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  writeSection({ rows, bytes, files: files.length, fresh, cpu, again, server, load });
} finally {
  await admin.end();
}

function writeSection(m: { rows: number; bytes: number; files: number; fresh: number[]; cpu: Array<{ node: number; server: number | null }>; again: number; server: string; load: number }): void {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nEach benchmark in `bench/` writes its own section here.\n';
  const best = Math.min(...m.fresh);
  const section = [
    '<!-- ssd-import:start -->',
    '## SSD import (issue 7)',
    '',
    `\`bench/ssd-import.bench.ts\`, measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (load average ${m.load.toFixed(1)} at the start: the machine is shared),`,
    `Node ${process.version}, PostgreSQL ${m.server}. The extract: the demo council (seed ${SEED}, scale ${scale}, three years to ${AS_OF}) exported by`,
    `\`tiller export ssd\`: ${m.rows.toLocaleString('en-GB')} rows in ${m.files} files, ${(m.bytes / 1e6).toFixed(0)} MB. Each run imports it into a new, empty database:`,
    'reading and checking every row, then writing it all in one transaction. The import checks everything before the database',
    'writes anything, and then mostly waits for it, so on a machine doing nothing else the wall-clock time is a little under the',
    'CPU time of the two added up; on a busy one it is longer by however long they waited for a core.',
    '',
    '| what | runs (s) | median (s) | target | verdict |',
    '|---|---|---|---|---|',
    `| import into an empty database | ${m.fresh.map(seconds).join(' / ')} | ${seconds(median(m.fresh))} | < 60 s | ${median(m.fresh) < 60_000 ? 'met' : best < 60_000 ? 'met on the best run only' : 'not met'} |`,
    `| the same extract again (every row already there, unchanged) | ${seconds(m.again)} | ${seconds(m.again)} | – | – |`,
    `| CPU time of an import into an empty database: Node + PostgreSQL | ${m.cpu.map((c) => `${seconds(c.node)} + ${c.server === null ? '?' : seconds(c.server)}`).join(' / ')} | ${seconds(median(m.cpu.map((c) => c.node + (c.server ?? 0))))} | – | – |`,
    '<!-- ssd-import:end -->',
  ].join('\n');
  const re = /<!-- ssd-import:start -->[\s\S]*?<!-- ssd-import:end -->/;
  fs.writeFileSync(file, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`);
  console.log(`wrote the SSD import section of ${path.relative(process.cwd(), file)}`);
}
