// How long the SSDA903 return takes for 10,000 looked-after children: building it and running every rule
// Tiller implements (what `tiller return ssda903` does before it writes), then writing the CSVs and, as
// `tiller validate ssda903` does for any council's files, reading them back and validating them.
// Usage: npm run bench:ssda903        (embedded PGlite in memory)
//
// The data: the demo council (seed 1, scale 1, three years to 2026-03-31) has about 1,000 children in its
// 2025/26 return, too few to measure, and loading a demo ten times the size takes most of an hour on the
// embedded database. So the records are read from the demo once (that SQL statement is timed on its own),
// then copied ten times over with new child ids: 10,000 children with the demo's mix of histories.
// Writes the "SSDA903 (issue 7)" section of docs/benchmarks.md, leaving other sections alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { load903Records, type Ssda903Records } from '../src/returns/ssda903/load-903-records.ts';
import { build903 } from '../src/returns/ssda903/build-903.ts';
import { validate903 } from '../src/returns/ssda903/validate-903.ts';
import { returnToCsvFiles, tablesFromCsv } from '../src/returns/ssda903/csv.ts';
import { SSDA903_RULES } from '../src/returns/ssda903/rules/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = { seed: 1, scale: 1, years: 3, asOf: '2026-03-31' };
const YEAR = 2026;
const COPIES = 10;
const RUNS = 3;
const TARGET_MS = 5000;

/** The records `copies` times over, each copy's people renamed `<id>-<n>`. */
function multiply(r: Ssda903Records, copies: number): Ssda903Records {
  const out = {} as Record<string, unknown[]>;
  for (const [key, rows] of Object.entries(r) as Array<[string, Array<Record<string, unknown>>]>) {
    out[key] = [];
    for (let n = 0; n < copies; n++) {
      for (const row of rows) {
        const copy = { ...row };
        if (typeof copy.person_id === 'string') copy.person_id = `${copy.person_id}-${n}`;
        if (key === 'people') copy.id = `${String(copy.id)}-${n}`;
        out[key]!.push(copy);
      }
    }
  }
  return out as unknown as Ssda903Records;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => Math.round(n).toLocaleString('en-GB');

const loadBefore = os.loadavg()[0]!;
const database = await connect({ dataDir: 'memory://' });
await migrate(database.db);
let t = performance.now();
await loadDemo(database.db, DEMO);
const demoSeconds = (performance.now() - t) / 1000;
t = performance.now();
const demoRecords = await load903Records(database.db, YEAR);
const sqlMs = performance.now() - t;
await database.close();
const demoChildren = build903(demoRecords, YEAR).tables.header.length;

const records = multiply(demoRecords, COPIES);
build903(records, YEAR); // warm-up
const runs: Array<{ build: number; validate: number; findings: number; children: number; episodes: number; csvMs: number; csvBytes: number; readValidate: number }> = [];
for (let i = 0; i < RUNS; i++) {
  let s = performance.now();
  const ret = build903(records, YEAR);
  const build = performance.now() - s;
  s = performance.now();
  const findings = validate903(ret);
  const validate = performance.now() - s;
  s = performance.now();
  const files = returnToCsvFiles(ret);
  const csvMs = performance.now() - s;
  s = performance.now();
  validate903({ year: YEAR, tables: tablesFromCsv(files) });
  const readValidate = performance.now() - s;
  runs.push({ build, validate, findings: findings.length, children: ret.tables.header.length, episodes: ret.tables.episodes.length, csvMs, csvBytes: files.reduce((n, f) => n + f.content.length, 0), readValidate });
}
const loadAfter = os.loadavg()[0]!;
const totals = runs.map((r) => r.build + r.validate);
const med = median(totals);
const r0 = runs[totals.indexOf(med)]!;
const text = [
  '<!-- ssda903:start -->',
  '## SSDA903 (issue 7)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:ssda903\` (\`bench/ssda903.bench.ts\`) on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}. Load average (1 min) ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after: the machine is shared, so these are upper bounds.`,
  `Data: the demo council (seed 1, scale 1, 3 years to 2026-03-31), whose 2025/26 return has ${demoChildren.toLocaleString('en-GB')} children; its records copied ${COPIES} times over with new child ids (the demo ten times larger would take most of an hour to load). One warm-up, then ${RUNS} runs.`,
  '',
  `| children (episodes) | build and validate, runs (ms) | median (ms) | target | verdict | of which: build / ${SSDA903_RULES.length} rules (ms, median run) | write CSVs (ms) | read CSVs + rules (ms) |`,
  '|---|---|---|---|---|---|---|---|',
  `| ${r0.children.toLocaleString('en-GB')} (${r0.episodes.toLocaleString('en-GB')}) | ${totals.map(ms).join(' / ')} | ${ms(med)} | < 5 s | ${med < TARGET_MS ? 'met' : 'missed'} | ${ms(r0.build)} / ${ms(r0.validate)} | ${ms(r0.csvMs)} (${(r0.csvBytes / 1e6).toFixed(1)} MB) | ${ms(r0.readValidate)} |`,
  '',
  `Reading the records from the database (one SQL statement) took ${ms(sqlMs)} ms for the demo's ${demoChildren.toLocaleString('en-GB')} children on PGlite in memory (not in the figures above); loading the demo took ${demoSeconds.toFixed(0)} s. ${r0.findings.toLocaleString('en-GB')} findings in the copied return (the demo's own, ten times over; see src/returns/ssda903/demo-903.int.test.ts).`,
  '<!-- ssda903:end -->',
].join('\n');
const file = path.join(ROOT, 'docs/benchmarks.md');
const current = fs.readFileSync(file, 'utf8');
const pattern = /<!-- ssda903:start -->[\s\S]*?<!-- ssda903:end -->/;
fs.writeFileSync(file, pattern.test(current) ? current.replace(pattern, text) : `${current.trimEnd()}\n\n${text}\n`);
console.log(text);
