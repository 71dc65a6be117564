// How long the quarterly Performance and QA report takes, end to end, on PostgreSQL with the demo council.
// Usage: DATABASE_URL=postgresql://… npx tsx bench/report.bench.ts [scale=1] [quarter=2026-Q1]
// A throwaway database, the demo council (seed 1, three years to the quarter's end), then three timed runs
// each of the report as a web page (GET /reports/quarterly/QUARTER) and as a PDF (…/report.pdf), through
// the app's HTTP layer as the demo performance analyst: reading the records, computing every indicator for
// 13 month ends and with its members at the quarter end, rendering. Target (issue 6): under 30 s.
// Writes its section of docs/benchmarks.md. KEEP=1 keeps the database; REUSE=1 reuses a kept one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { connect } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { withDatabaseName } from '../test/support/db-config.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { parseQuarter } from '../src/dashboards/quarter.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench/report.bench.ts: set DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}
const scale = Number(process.argv[2] ?? '1');
const quarter = parseQuarter(process.argv[3] ?? '2026-Q1');
const RUNS = 3;
const TARGET_MS = 30_000;
const loadNow = () => os.loadavg()[0]!.toFixed(1);

async function admin(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

interface Timing {
  what: string;
  runs: number[];
  load: string;
  bytes: number;
}
const timings: Timing[] = [];
let volume = '';

const name = `tiller_bench_report_s${String(scale).replace('.', '_')}`;
const reuse = process.env.REUSE === '1' && (await admin('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
if (!reuse) {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
}
const database = await connect({ databaseUrl: withDatabaseName(url, name) });
try {
  await migrate(database.db);
  if (!reuse) {
    const t = performance.now();
    await loadDemo(database.db, { seed: 1, scale, years: 3, asOf: quarter.end });
    await sql`analyze`.execute(database.db);
    console.log(`scale ${scale}: demo council loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const counts = await sql<{ t: string; n: number }>`
    select 'referrals' as t, count(*)::int as n from cin_episode union all select 'assessments', count(*)::int from assessment
    union all select 'involvements', count(*)::int from involvement union all select 'people', count(*)::int from person`.execute(database.db);
  volume = counts.rows.map((r) => `${r.n} ${r.t}`).join(', ');
  console.log(`scale ${scale}: ${volume}`);

  const analyst = await database.db.selectFrom('user_account').select('id').where('username', '=', 'analyst.demo').executeTakeFirstOrThrow();
  const session = await createSession(database.db, { userId: analyst.id, method: 'password', ipAddress: '127.0.0.1', userAgent: 'bench' });
  const app = await buildApp({ database, config: loadConfig({}) }, { logger: false, rateLimits: false });
  await app.ready();
  try {
    for (const [what, path_, type] of [
      [`quarterly report ${quarter.id}, HTML page`, `/reports/quarterly/${quarter.id}`, 'text/html'],
      [`quarterly report ${quarter.id}, PDF`, `/reports/quarterly/${quarter.id}/report.pdf`, 'application/pdf'],
    ] as const) {
      const runs: number[] = [];
      const before = loadNow();
      let bytes = 0;
      for (let run = 1; run <= RUNS; run++) {
        const t = performance.now();
        const res = await app.inject({ url: path_, headers: { cookie: `${SESSION_COOKIE}=${session.token}`, accept: 'text/html' } });
        runs.push(performance.now() - t);
        if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith(type)) throw new Error(`${path_}: ${res.statusCode} ${res.headers['content-type']}`);
        bytes = res.rawPayload.length;
      }
      timings.push({ what, runs, load: `${before} → ${loadNow()}`, bytes });
      console.log(`scale ${scale}: ${what}: ${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms (${bytes} bytes)`);
    }
  } finally {
    await app.close();
  }
} finally {
  await database.close();
  if (!process.env.KEEP) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

writeSection();

/** Replaces this benchmark's section of docs/benchmarks.md, leaving the others' sections alone. */
function writeSection(): void {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nEach benchmark in `bench/` writes its own section here.\n';
  const re = /<!-- report:start -->[\s\S]*?<!-- report:end -->/;
  const when = new Date().toISOString().slice(0, 10);
  const rows = timings.map((t) => {
    const median = [...t.runs].sort((a, b) => a - b)[Math.floor(t.runs.length / 2)]!;
    return `| ${scale} | ${t.what} | ${t.runs.map((ms) => ms.toFixed(0)).join(' / ')} | ${median.toFixed(0)} | < ${TARGET_MS / 1000} s | ${median < TARGET_MS ? 'met' : '**missed**'} | ${(t.bytes / 1024).toFixed(0)} KB | ${when}, ${os.cpus().length} cores, load average ${t.load} |`;
  });
  const lines = [
    '<!-- report:start -->',
    '## Quarterly report (`bench/report.bench.ts`, `npm run bench:report`)',
    '',
    `PostgreSQL (\`DATABASE_URL\`), Node ${process.version}; the demo council (seed 1, three years to ${quarter.end}; in the database: ${volume}).`,
    `Each row is ${RUNS} requests through the app's HTTP layer as the demo performance analyst, the first including warm-up; the`,
    'verdict uses the median. Each request does the whole job: reads the records, computes every indicator at 13 month ends and',
    'with its members at the quarter end (for the exception counts), loads targets, comparators and narrative, and renders the',
    'page (SVG charts) or the PDF (pdfkit). The machine is shared (see the 1-minute load average before → after), so these are upper bounds.',
    '',
    '| scale | what | runs (ms) | median (ms) | target | verdict | size | measured |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '<!-- report:end -->',
  ].join('\n');
  text = re.test(text) ? text.replace(re, lines) : `${text.trimEnd()}\n\n${lines}\n`;
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
