// How long the indicator engine takes on PostgreSQL with the synthetic demo council.
// Usage: DATABASE_URL=postgresql://… npx tsx bench/indicators.bench.ts [scales=1,20] [asOf=2026-03-31]
// For each scale: a throwaway database, the demo council (seed 1, three years to asOf), then three timed
// runs of the full indicator set for asOf (figures only, as `tiller indicators`; then with the members
// behind each figure, as a dashboard asks) and, at scale 1, of a 36-month monthly series. Targets (issue 6): full set under 1 s at scale 1 and
// under 10 s at scale 20; the series under 5 s at scale 1. Writes its section of docs/benchmarks.md.
// KEEP=1 keeps the databases (to profile); REUSE=1 reuses a kept database instead of loading it again.
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
import { addDays, addMonths } from '../src/platform/calendar/calendar.ts';
import { computeIndicators, indicatorSeries } from '../src/indicators/engine.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench/indicators.bench.ts: set DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}
const scales = (process.argv[2] ?? '1,20').split(',').map(Number);
const AS_OF = process.argv[3] ?? '2026-03-31';
const RUNS = 3;

interface Timing {
  scale: number;
  what: string;
  target: number;
  runs: number[];
  note: string;
  /** The 1-minute load average before and after: the machine may be shared. */
  load: string;
}
const loadNow = () => os.loadavg()[0]!.toFixed(1);
const timings: Timing[] = [];

/** One statement on the server's default database, on a connection of its own (a long demo load must not leave one idle). */
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

{
  for (const scale of scales) {
    const name = `tiller_bench_indicators_s${String(scale).replace('.', '_')}`;
    const exists = (await admin('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    const reuse = exists && process.env.REUSE === '1';
    if (!reuse) {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${name}`);
    }
    const database = await connect({ databaseUrl: withDatabaseName(url, name) });
    try {
      await migrate(database.db);
      if (!reuse) {
        const t = performance.now();
        await loadDemo(database.db, { seed: 1, scale, years: 3, asOf: AS_OF });
        await sql`analyze`.execute(database.db);
        console.log(`scale ${scale}: demo council loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      const counts = await sql<{ t: string; n: number }>`
        select 'referrals' as t, count(*)::int as n from cin_episode union all select 'contacts', count(*)::int from contact
        union all select 'assessments', count(*)::int from assessment union all select 'involvements', count(*)::int from involvement
        union all select 'placements', count(*)::int from placement union all select 'people', count(*)::int from person`.execute(database.db);
      const volume = counts.rows.map((r) => `${r.n} ${r.t}`).join(', ');
      console.log(`scale ${scale}: ${volume}`);

      // As `tiller indicators` computes them (figures only), then with the members behind each figure (as a
      // dashboard or an exception list asks).
      for (const withMembers of [false, true]) {
        const runs: number[] = [];
        const loadBefore = loadNow();
        for (let run = 1; run <= RUNS; run++) {
          const t = performance.now();
          const report = await computeIndicators(database.db, AS_OF, { withMembers });
          runs.push(performance.now() - t);
          if (run === 1 && !withMembers) {
            const show = (id: string) => report.indicators.find((i) => i.id === id)!;
            console.log(
              `scale ${scale}: ${report.indicators.length} indicators; e.g. referrals ${show('referrals_count').value}, re-referrals ${show('rereferrals_12m_pct').value}%, ` +
                `45 WD ${show('assessments_within_45wd_pct').value}%, CLA ${show('cla_count').value}, caseload ${show('avg_caseload').value}`,
            );
          }
        }
        const what = withMembers ? `full indicator set as at ${AS_OF}, with members` : `full indicator set as at ${AS_OF}`;
        timings.push({ scale, what, target: scale <= 1 ? 1000 : 10_000, runs, note: volume, load: `${loadBefore} → ${loadNow()}` });
        console.log(`scale ${scale}: ${what}: ${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
      }

      if (scale <= 1) {
        const from = addDays(addMonths(AS_OF, -36), 1);
        const series: number[] = [];
        const loadBefore = loadNow();
        for (let run = 1; run <= RUNS; run++) {
          const t = performance.now();
          const months = await indicatorSeries(database.db, { from, to: AS_OF });
          series.push(performance.now() - t);
          if (months.length !== 36) throw new Error(`expected 36 months, got ${months.length}`);
        }
        timings.push({ scale, what: `36-month monthly series (${from} to ${AS_OF})`, target: 5000, runs: series, note: volume, load: `${loadBefore} → ${loadNow()}` });
        // The series reads the records once for all months; check it agrees with one date at a time.
        const months = await indicatorSeries(database.db, { from, to: AS_OF });
        for (const month of [months[0]!, months[17]!, months[35]!]) {
          const single = await computeIndicators(database.db, month.asOf, { withMembers: false });
          if (JSON.stringify(single) !== JSON.stringify(month)) throw new Error(`the series disagrees with a single computation as of ${month.asOf}`);
        }
        console.log(`scale ${scale}: 36-month series ${series.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
      }
    } finally {
      await database.close();
      if (!process.env.KEEP) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
}

writeSection();

/**
 * Replaces this benchmark's section of docs/benchmarks.md, leaving the others' sections alone. Rows for a
 * scale not measured this time are kept, so `… 1` and `… 20` can be run separately.
 */
function writeSection(): void {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nEach benchmark in `bench/` writes its own section here.\n';
  const re = /<!-- indicators:start -->[\s\S]*?<!-- indicators:end -->/;
  const measured = new Set(timings.map((t) => `${t.scale}|${t.what}`));
  const kept = (text.match(re)?.[0] ?? '')
    .split('\n')
    .filter((line) => /^\| [\d.]+ \| /.test(line))
    .filter((line) => {
      const [, scale, what] = line.split('|').map((c) => c.trim());
      return !measured.has(`${scale}|${what}`);
    });
  const rows = [
    ...kept,
    ...timings.map((t) => {
      const median = [...t.runs].sort((a, b) => a - b)[Math.floor(t.runs.length / 2)]!;
      const when = new Date().toISOString().slice(0, 10);
      return `| ${t.scale} | ${t.what} | ${t.runs.map((ms) => ms.toFixed(0)).join(' / ')} | ${median.toFixed(0)} | < ${t.target / 1000} s | ${median < t.target ? 'met' : '**missed**'} | ${t.note} | ${when}, ${os.cpus().length} cores, load average ${t.load} |`;
    }),
  ].sort((a, b) => Number(a.split('|')[1]) - Number(b.split('|')[1]));
  const lines = [
    '<!-- indicators:start -->',
    '## Indicators (`bench/indicators.bench.ts`)',
    '',
    `PostgreSQL (\`DATABASE_URL\`), Node ${process.version}; the demo council (seed 1, three years to ${AS_OF}).`,
    `Each row is ${RUNS} runs, the first including connection warm-up; the verdict uses the median. "With members"`,
    'keeps the records behind each figure, as a dashboard or exception list asks; `tiller indicators` and the series',
    'do without them. The machine is shared (see the load average, on 2 cores), so the figures are upper bounds.',
    '',
    '| scale | what | runs (ms) | median (ms) | target | verdict | volume | measured |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '<!-- indicators:end -->',
  ].join('\n');
  text = re.test(text) ? text.replace(re, lines) : `${text.trimEnd()}\n\n${lines}\n`;
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
