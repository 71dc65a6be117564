// How long the CIN census takes for about 10,000 children: building it from the database and running all
// 109 validation rules (the target, issue 7: under 5 s), plus writing the XML and, as `tiller validate
// cin-census` does for any council's file, reading it back and validating it.
// Usage: npm run bench:cin-census                     (embedded PGlite, and PostgreSQL when DATABASE_URL is set)
//        npx tsx bench/cin-census.bench.ts --quick    (PGlite only, one measured run)
//
// The data: the demo council (seed 1, three years to 2026-03-31) at scale 1.65, whose census for 2025/26
// has about 10,000 children. Each engine runs in a fresh child process: load the demo, one warm-up, then
// the measured runs. On PostgreSQL the demo goes into a throwaway database on the DATABASE_URL server.
// Writes the "CIN census (issue 7)" section of docs/benchmarks.md, leaving other sections alone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = { seed: 1, scale: 1.65, years: 3, asOf: '2026-03-31' };
const YEAR = 2026;
const TARGET_MS = 5000;

interface Run {
  loadMs: number;
  buildMs: number;
  validateMs: number;
  xmlMs: number;
  parseValidateMs: number;
}

interface EngineResult {
  engine: string;
  demoSeconds: number;
  children: number;
  episodes: number;
  findings: number;
  errors: number;
  /** Error findings by rule code. */
  errorRules: Record<string, number>;
  xmlBytes: number;
  runs: Run[];
}

// ---------------------------------------------------------------- one engine, in a child process

async function worker(engine: 'pglite' | 'postgres', runs: number): Promise<void> {
  const { connect } = await import('../src/platform/db/connect.ts');
  const { migrate } = await import('../src/platform/db/migrate.ts');
  const { loadDemo } = await import('../src/demo/load-demo.ts');
  const { councilLaCode, loadCensusRecords } = await import('../src/returns/cin-census/load-census-records.ts');
  const { buildCensus } = await import('../src/returns/cin-census/build-census.ts');
  const { validateCensus } = await import('../src/returns/cin-census/validate-census.ts');
  const { censusFromXml, censusToXml } = await import('../src/returns/cin-census/census-xml.ts');
  const pg = (await import('pg')).default;

  let dropDatabase = async () => {};
  let database;
  if (engine === 'postgres') {
    const url = new URL(process.env.DATABASE_URL!);
    const name = `tiller_bench_cin_${process.pid}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url.pathname = `/${name}`;
    database = await connect({ databaseUrl: url.toString() });
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: process.env.DATABASE_URL! });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    database = await connect({ dataDir: 'memory://' });
  }
  try {
    await migrate(database.db);
    const t = performance.now();
    await loadDemo(database.db, DEMO);
    const demoSeconds = (performance.now() - t) / 1000;

    const once = async (): Promise<{ run: Run; census: ReturnType<typeof buildCensus>; findings: ReturnType<typeof validateCensus>; xml: string }> => {
      let t0 = performance.now();
      const laCode = await councilLaCode(database.db);
      const records = await loadCensusRecords(database.db, YEAR);
      const loadMs = performance.now() - t0;
      t0 = performance.now();
      const census = buildCensus(records, { year: YEAR, laCode, generatedAt: '2026-04-15T09:00:00' });
      const buildMs = performance.now() - t0;
      t0 = performance.now();
      const findings = validateCensus(census);
      const validateMs = performance.now() - t0;
      t0 = performance.now();
      const xml = censusToXml(census);
      const xmlMs = performance.now() - t0;
      t0 = performance.now();
      validateCensus(censusFromXml(xml));
      const parseValidateMs = performance.now() - t0;
      return { run: { loadMs, buildMs, validateMs, xmlMs, parseValidateMs }, census, findings, xml };
    };

    await once(); // warm-up: JIT, caches, the bank holiday calendar
    const measured: Run[] = [];
    let last: Awaited<ReturnType<typeof once>> | undefined;
    for (let i = 0; i < runs; i++) {
      last = await once();
      measured.push(last.run);
    }
    const result: EngineResult = {
      engine: engine === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL',
      demoSeconds,
      children: last!.census.children.length,
      episodes: last!.census.children.reduce((n, c) => n + c.CINdetails.length, 0),
      findings: last!.findings.length,
      errors: last!.findings.filter((f) => f.type === 'Error').length,
      errorRules: last!.findings.filter((f) => f.type === 'Error').reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.rule]: (acc[f.rule] ?? 0) + 1 }), {}),
      xmlBytes: Buffer.byteLength(last!.xml),
      runs: measured,
    };
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  } finally {
    await database.close();
    await dropDatabase();
  }
}

function runWorker(engine: 'pglite' | 'postgres', runs: number): EngineResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', engine, String(runs)], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`CIN census bench on ${engine} failed:\n${child.stderr.slice(-3000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as EngineResult;
}

// ---------------------------------------------------------------- report

const ms = (n: number) => Math.round(n).toLocaleString('en-GB');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

function section(results: EngineResult[], loadBefore: number, loadAfter: number): string {
  const lines = [
    '<!-- cin-census:start -->',
    '## CIN census (issue 7)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/cin-census.bench.ts\` (\`bench/cin-census.bench.ts\`) on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `${os.cpus().length} cores, Node ${process.version}. Load average (1 min) ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after: the machine is shared, so these are upper bounds.`,
    `Data: the demo council (seed ${DEMO.seed}, scale ${DEMO.scale}, ${DEMO.years} years to ${DEMO.asOf}); the 2025/26 census of it. One warm-up, then each run in full.`,
    '',
    '“Build and validate” is what `tiller return cin-census` does before it writes: read the records (one SQL statement), build the census, run all 109 rules. ' +
      'Writing the XML and reading a file back to validate it (what `tiller validate cin-census` does) are shown apart.',
    '',
    '| database | children (episodes) | build and validate, runs (ms) | median (ms) | target | verdict | of which: read records / build / 109 rules (median ms) | write XML (ms) | read XML + 109 rules (ms) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const totals = r.runs.map((x) => x.loadMs + x.buildMs + x.validateMs);
    const med = median(totals);
    lines.push(
      `| ${r.engine} | ${r.children.toLocaleString('en-GB')} (${r.episodes.toLocaleString('en-GB')}) | ${totals.map(ms).join(' / ')} | ${ms(med)} | < 5 s | ${med < TARGET_MS ? 'met' : '**missed**'} | ` +
        `${ms(median(r.runs.map((x) => x.loadMs)))} / ${ms(median(r.runs.map((x) => x.buildMs)))} / ${ms(median(r.runs.map((x) => x.validateMs)))} | ` +
        `${ms(median(r.runs.map((x) => x.xmlMs)))} (${(r.xmlBytes / 1e6).toFixed(1)} MB) | ${ms(median(r.runs.map((x) => x.parseValidateMs)))} |`,
    );
  }
  lines.push('');
  for (const r of results) {
    const byRule = Object.entries(r.errorRules).map(([rule, n]) => `${rule} ×${n.toLocaleString('en-GB')}`).join(', ');
    lines.push(`${r.engine}: ${r.findings.toLocaleString('en-GB')} findings, ${r.errors.toLocaleString('en-GB')} of them errors (${byRule || 'none'}); loading the demo took ${r.demoSeconds.toFixed(0)} s (not in the figures).`);
  }
  lines.push(
    '',
    results.some((r) => r.errors > 0)
      ? "Errors in the demo council's census are the generator's, not the census's: src/returns/cin-census/demo-census.int.test.ts names the ones it allows, and why."
      : 'The findings are queries only (the DfE rules marked Q), none of them errors.',
    'For comparison, the issue reports the public Python validator (data-to-insight/csc-validator-be-cin) taking minutes for the same size on this machine; it was not re-run here.',
    '<!-- cin-census:end -->',
  );
  return lines.join('\n');
}

function writeSection(text: string): void {
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nEach benchmark in `bench/` writes its own section here.\n';
  const pattern = /<!-- cin-census:start -->[\s\S]*?<!-- cin-census:end -->/;
  const next = pattern.test(current) ? current.replace(pattern, text) : `${current.trimEnd()}\n\n${text}\n`;
  fs.writeFileSync(file, next);
}

// ---------------------------------------------------------------- main

const args = process.argv.slice(2);
if (args[0] === '--worker') {
  await worker(args[1] as 'pglite' | 'postgres', Number(args[2]));
} else {
  const quick = args.includes('--quick');
  const runs = quick ? 1 : 3;
  const before = os.loadavg()[0]!;
  const results: EngineResult[] = [];
  process.stderr.write(`PGlite: loading the demo at scale ${DEMO.scale}, then ${runs} run(s)…\n`);
  results.push(runWorker('pglite', runs));
  if (!quick && process.env.DATABASE_URL) {
    process.stderr.write('PostgreSQL: the same…\n');
    results.push(runWorker('postgres', runs));
  }
  const text = section(results, before, os.loadavg()[0]!);
  writeSection(text);
  process.stdout.write(`${text}\n`);
}
