// How long Ofsted Annex A takes for the demo council at scale 1 on PostgreSQL (target, issue 7: under
// 10 s): reading the records (one SQL statement), building lists 1–11 and writing the XLSX workbook —
// everything `tiller return annex-a` does. Also shown, for information: the DfE CSC API payload as at the
// same date (what a daily `tiller send dfe-api` builds before it compares hashes).
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npm run bench:annex-a
//
// The demo goes into a throwaway database on the DATABASE_URL server, in a child process; one warm-up,
// then three measured runs. Writes the "Annex A (issue 7)" section of docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = { seed: 1, scale: 1, years: 3, asOf: '2026-03-31' };
const AS_OF = '2026-03-31';
const TARGET_MS = 10_000;
const RUNS = 3;

interface Run {
  loadMs: number;
  buildMs: number;
  workbookMs: number;
  payloadMs: number;
}

interface Result {
  demoSeconds: number;
  rows: Record<string, number>;
  workbookBytes: number;
  payloadChildren: number;
  runs: Run[];
  server: string;
}

async function worker(): Promise<void> {
  const { connect } = await import('../src/platform/db/connect.ts');
  const { migrate } = await import('../src/platform/db/migrate.ts');
  const { loadDemo } = await import('../src/demo/load-demo.ts');
  const { loadAnnexARecords } = await import('../src/returns/annex-a/load-annex-a-records.ts');
  const { buildAnnexA } = await import('../src/returns/annex-a/build-annex-a.ts');
  const { annexAWorkbook } = await import('../src/returns/annex-a/workbook.ts');
  const { makePayload } = await import('../src/returns/dfe-api/dfe-api-return.ts');
  const { sql } = await import('kysely');
  const pg = (await import('pg')).default;

  const url = new URL(process.env.DATABASE_URL!);
  const name = `tiller_bench_annex_a_${process.pid}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const database = await connect({ databaseUrl: url.toString() });
  try {
    await migrate(database.db);
    const t = performance.now();
    await loadDemo(database.db, DEMO);
    const demoSeconds = (performance.now() - t) / 1000;
    const server = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(database.db)).rows[0]!.v;

    const once = async () => {
      let t0 = performance.now();
      const records = await loadAnnexARecords(database.db, AS_OF);
      const loadMs = performance.now() - t0;
      t0 = performance.now();
      const annexA = buildAnnexA(records, AS_OF);
      const buildMs = performance.now() - t0;
      t0 = performance.now();
      const workbook = await annexAWorkbook(annexA, { created: new Date('2026-04-01T09:00:00Z') });
      const workbookMs = performance.now() - t0;
      t0 = performance.now();
      const payload = await makePayload(database.db, AS_OF);
      const payloadMs = performance.now() - t0;
      return { run: { loadMs, buildMs, workbookMs, payloadMs }, annexA, workbook, payload };
    };
    await once();
    const runs: Run[] = [];
    let last: Awaited<ReturnType<typeof once>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      last = await once();
      runs.push(last.run);
    }
    const result: Result = {
      demoSeconds,
      rows: Object.fromEntries(last!.annexA.lists.map((l) => [l.sheet, l.rows.length])),
      workbookBytes: last!.workbook.length,
      payloadChildren: last!.payload.length,
      runs,
      server,
    };
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  } finally {
    await database.close();
    const a = new pg.Client({ connectionString: process.env.DATABASE_URL! });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
}

const ms = (n: number) => Math.round(n).toLocaleString('en-GB');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

function section(r: Result, loadBefore: number, loadAfter: number): string {
  const totals = r.runs.map((x) => x.loadMs + x.buildMs + x.workbookMs);
  const med = median(totals);
  return [
    '<!-- annex-a:start -->',
    '## Annex A (issue 7)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:annex-a\` (\`bench/annex-a.bench.ts\`) on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}; ${r.server}.`,
    `Load average (1 min) ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after: the machine is shared, so these are upper bounds.`,
    `Data: the demo council (seed ${DEMO.seed}, scale ${DEMO.scale}, ${DEMO.years} years to ${DEMO.asOf}) in a throwaway database; Annex A as at ${AS_OF}. One warm-up, then ${RUNS} runs.`,
    '“Annex A” is everything `tiller return annex-a` does: read the records (one SQL statement), build lists 1–11, write the XLSX workbook.',
    '',
    '| what | runs (ms) | median (ms) | target | verdict | of which: read / build / workbook (median ms) |',
    '|---|---|---|---|---|---|',
    `| Annex A, lists 1–11 as XLSX | ${totals.map(ms).join(' / ')} | ${ms(med)} | < 10 s | ${med < TARGET_MS ? 'met' : '**missed**'} | ${ms(median(r.runs.map((x) => x.loadMs)))} / ${ms(median(r.runs.map((x) => x.buildMs)))} / ${ms(median(r.runs.map((x) => x.workbookMs)))} |`,
    `| DfE CSC API payload, every child in scope (${r.payloadChildren.toLocaleString('en-GB')}) | ${r.runs.map((x) => ms(x.payloadMs)).join(' / ')} | ${ms(median(r.runs.map((x) => x.payloadMs)))} | – | – | – |`,
    '',
    `Rows: ${Object.entries(r.rows).map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`).join(', ')}; the workbook is ${(r.workbookBytes / 1e6).toFixed(1)} MB. Loading the demo took ${r.demoSeconds.toFixed(0)} s (not in the figures).`,
    '<!-- annex-a:end -->',
  ].join('\n');
}

function writeSection(text: string): void {
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nEach benchmark in `bench/` writes its own section here.\n';
  const pattern = /<!-- annex-a:start -->[\s\S]*?<!-- annex-a:end -->/;
  fs.writeFileSync(file, pattern.test(current) ? current.replace(pattern, text) : `${current.trimEnd()}\n\n${text}\n`);
}

if (process.argv[2] === '--worker') {
  await worker();
} else {
  if (!process.env.DATABASE_URL) {
    process.stderr.write('Set DATABASE_URL to a PostgreSQL server (the benchmark makes and drops its own database there).\n');
    process.exit(2);
  }
  const before = os.loadavg()[0]!;
  process.stderr.write(`PostgreSQL: loading the demo at scale ${DEMO.scale}, then ${RUNS} runs…\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) {
    process.stderr.write(`Annex A bench failed:\n${child.stderr.slice(-3000)}\n`);
    process.exit(1);
  }
  const text = section(JSON.parse(line.slice('RESULT '.length)) as Result, before, os.loadavg()[0]!);
  writeSection(text);
  process.stdout.write(`${text}\n`);
}
