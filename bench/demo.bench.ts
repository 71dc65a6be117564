// How long the synthetic demo council takes to load, and how long `npm start` takes to its first page.
// Usage: npm run bench:demo            (PostgreSQL: DATABASE_URL if set, else a throwaway server)
//        npx tsx bench/demo.bench.ts --quick   (one run of each, scale 1 only)
//
// Measures, each load in a fresh child process so one run's memory does not slow the next:
// - the demo load (generate + insert, seed 1, three years to 2026-03-31) at scales 1 and 5, on embedded
//   PGlite (in memory at scale 1, a temporary data directory at scale 5) and on PostgreSQL;
// - the cold start to the first page: `node bin/tiller.js serve --demo-if-empty` with a fresh DATA_DIR,
//   from spawn until GET / is answered 200 (after following the redirect to sign-in), on an empty data
//   directory (includes loading the demo) and again on the loaded one.
// Targets (issue 2): scale 1 under 60 s on PGlite and under 20 s on PostgreSQL.
// Writes the "Demo council load (issue 2)" section of docs/benchmarks.md, leaving other sections alone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OPTIONS = { seed: 1, years: 3, asOf: '2026-03-31' };

interface LoadResult {
  seconds: number;
  generateSeconds: number;
  /** CPU time of the loading process (with embedded PGlite, all of the work) and of the PostgreSQL server. */
  cpuSeconds: number;
  rows: number;
}

// ---------------------------------------------------------------- one load, in a child process

async function worker(spec: { engine: 'pglite-memory' | 'pglite-dir' | 'postgres'; scale: number; url?: string }): Promise<void> {
  const { connect } = await import('../src/platform/db/connect.ts');
  const { migrate } = await import('../src/platform/db/migrate.ts');
  const { loadDemo } = await import('../src/demo/load-demo.ts');
  const dir = spec.engine === 'pglite-dir' ? fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-demo-bench-')) : undefined;
  const database = await connect(spec.url ? { databaseUrl: spec.url } : { dataDir: dir ?? 'memory://' });
  await migrate(database.db);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let generated = 0;
  const summary = await loadDemo(database.db, { ...OPTIONS, scale: spec.scale }, (message) => {
    if (!generated && message.startsWith('Generated')) generated = performance.now();
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await database.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const result: LoadResult = {
    seconds,
    generateSeconds: ((generated || performance.now()) - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    rows: Object.values(summary.rows).reduce((a, b) => a + b, 0),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

function runWorker(spec: Parameters<typeof worker>[0]): LoadResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', JSON.stringify(spec)], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`demo load (${JSON.stringify(spec)}) failed:\n${child.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as LoadResult;
}

// ---------------------------------------------------------------- PostgreSQL

interface Server {
  url: string;
  /** CPU seconds the server's processes have used so far (live ones and those that have exited). */
  cpuSeconds(): number;
  stop(): void;
}

function startPostgres(): Server {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-demo-pg-'));
  fs.chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  const port = 54_000 + Math.floor(Math.random() * 900);
  const run = (args: string[]) => {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr || r.stdout}`);
  };
  run(['initdb', '-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(['pg_ctl', '-D', `${dir}/data`, '-l', `${dir}/server.log`, '-o', `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  const postmaster = Number(fs.readFileSync(`${dir}/data/postmaster.pid`, 'utf8').split('\n')[0]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    cpuSeconds() {
      let total = 0;
      for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
          stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        } catch {
          continue;
        }
        // Fields after the command name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const pid = Number(entry);
        if (pid === postmaster) total += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        else if (Number(f[1]) === postmaster) total += Number(f[11]) + Number(f[12]);
      }
      return total / ticks;
    },
    stop() {
      spawnSync('runuser', ['-u', 'postgres', '--', 'pg_ctl', '-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function loadOnPostgres(url: string, scale: number, server: Server | undefined): Promise<LoadResult> {
  const name = `tiller_demo_bench_${process.pid}`;
  await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(url, `CREATE DATABASE ${name}`);
  try {
    const before = server?.cpuSeconds() ?? 0;
    const result = runWorker({ engine: 'postgres', scale, url: withDatabase(url, name) });
    return { ...result, cpuSeconds: result.cpuSeconds + (server ? server.cpuSeconds() - before : Number.NaN) };
  } finally {
    await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

// ---------------------------------------------------------------- cold start to the first page

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds a process has used (Linux /proc), or NaN where that cannot be read. */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return (Number(f[11]) + Number(f[12])) / ticks;
  } catch {
    return Number.NaN;
  }
}

/** Seconds (wall and CPU) from spawning `tiller serve --demo-if-empty` until GET / is answered 200. */
async function coldStart(dataDir: string): Promise<{ seconds: number; cpuSeconds: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/tiller.js'), 'serve', '--demo-if-empty'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`tiller serve exited early: ${stderr.slice(-1000)}`);
      if (performance.now() - started > 600_000) throw new Error('tiller serve did not answer within 10 minutes');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
        await res.arrayBuffer();
        if (res.status === 200) return { seconds: (performance.now() - started) / 1000, cpuSeconds: processCpuSeconds(child.pid) };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
  }
}

// ---------------------------------------------------------------- report

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (s: number) => s.toFixed(1);

interface Row {
  what: string;
  runs: number[];
  cpu?: number[];
  target?: number;
  note: string;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB memory`;
}

function writeSection(rows: Row[], context: { loadBefore: number[]; loadAfter: number[]; postgres: string }): string {
  const lines = [
    '<!-- demo:start -->',
    '## Demo council load (issue 2)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:demo\` on ${machine()}; Node ${process.version}; PostgreSQL ${context.postgres}.`,
    `Demo council seed ${OPTIONS.seed}, ${OPTIONS.years} years to ${OPTIONS.asOf}. Each load runs in a fresh process: generate in memory, then insert in one transaction.`,
    `Load average (1 min) ${context.loadBefore[0]!.toFixed(1)} before and ${context.loadAfter[0]!.toFixed(1)} after: when other work shares the ${os.cpus().length} cores the wall times include waiting for it.`,
    'The CPU column is the work itself: the loading process (with PGlite, which runs inside it, that is everything) plus, for the throwaway PostgreSQL server, the server processes. It can exceed the wall time where the client and the server (or Node’s helper threads) run at once on the two cores.',
    '',
    '| what | runs, wall (s) | median (s) | CPU, median (s) | target | verdict (wall / CPU) | data |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const m = median(r.runs);
      const c = r.cpu && r.cpu.every((x) => Number.isFinite(x)) ? median(r.cpu) : undefined;
      const verdict = r.target === undefined ? '–' : `${m < r.target ? 'met' : 'missed'} / ${c === undefined ? '–' : c < r.target ? 'met' : 'missed'}`;
      return `| ${r.what} | ${r.runs.map(fmt).join(' / ')} | ${fmt(m)} | ${c === undefined ? '–' : fmt(c)} | ${r.target === undefined ? '–' : `< ${r.target} s`} | ${verdict} | ${r.note} |`;
    }),
    '',
    'Cold start: from spawning `node bin/tiller.js serve --demo-if-empty` with a fresh `DATA_DIR` until `GET /` answers 200 (the sign-in page, after the redirect).',
    'The empty-directory figure includes creating the embedded database, migrating and loading the scale-1 demo (as of today).',
    '<!-- demo:end -->',
  ];
  return lines.join('\n');
}

function replaceSection(section: string): void {
  const file = path.join(ROOT, 'docs/benchmarks.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nEach benchmark in `bench/` writes its own section here.\n';
  const start = text.indexOf('<!-- demo:start -->');
  const end = text.indexOf('<!-- demo:end -->');
  if (start !== -1 && end > start) {
    text = text.slice(0, start) + section + text.slice(end + '<!-- demo:end -->'.length);
  } else {
    const heading = text.indexOf('## Demo council load (issue 2)');
    if (heading !== -1) {
      const next = text.slice(heading + 1).search(/\n(## |<!-- [a-z-]+:start -->)/);
      text = text.slice(0, heading) + section + (next === -1 ? '\n' : text.slice(heading + 1 + next));
    } else {
      text = `${text.trimEnd()}\n\n${section}\n`;
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const repeat = quick ? 1 : 3;
  const loadBefore = os.loadavg();
  const rows: Row[] = [];
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const series = async (what: string, n: number, target: number | undefined, run: () => Promise<LoadResult> | LoadResult) => {
    const results: LoadResult[] = [];
    for (let i = 0; i < n; i++) {
      const r = await run();
      log(`${what}: ${fmt(r.seconds)} s (generate ${fmt(r.generateSeconds)} s, CPU ${fmt(r.cpuSeconds)} s, ${r.rows.toLocaleString('en-GB')} rows)`);
      results.push(r);
    }
    rows.push({
      what,
      runs: results.map((r) => r.seconds),
      cpu: results.map((r) => r.cpuSeconds),
      ...(target !== undefined ? { target } : {}),
      note: `${results[0]!.rows.toLocaleString('en-GB')} rows; generating took ${fmt(median(results.map((r) => r.generateSeconds)))} s of it`,
    });
  };

  await series('PGlite (in memory), scale 1', repeat, 60, () => runWorker({ engine: 'pglite-memory', scale: 1 }));
  if (!quick) await series('PGlite (data directory), scale 1', 1, 60, () => runWorker({ engine: 'pglite-dir', scale: 1 }));
  if (!quick) await series('PGlite (data directory), scale 5', 1, undefined, () => runWorker({ engine: 'pglite-dir', scale: 5 }));

  const server = process.env.DATABASE_URL ? undefined : startPostgres();
  const url = process.env.DATABASE_URL ?? server!.url;
  let postgres = 'server';
  try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    postgres = ((await client.query('show server_version')).rows[0] as { server_version: string }).server_version.split(' ')[0]!;
    await client.end();
    postgres += process.env.DATABASE_URL ? ' (DATABASE_URL)' : ' (throwaway server, fsync off)';
    await series('PostgreSQL, scale 1', repeat, 20, () => loadOnPostgres(url, 1, server));
    if (!quick) await series('PostgreSQL, scale 5', 1, undefined, () => loadOnPostgres(url, 5, server));
  } finally {
    server?.stop();
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-demo-start-'));
  try {
    const empty: { seconds: number; cpuSeconds: number }[] = [];
    for (let i = 0; i < (quick ? 1 : 2); i++) {
      const dir = i === 0 ? dataDir : fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-demo-start-'));
      empty.push(await coldStart(dir));
      log(`cold start, empty data dir: ${fmt(empty[i]!.seconds)} s (CPU ${fmt(empty[i]!.cpuSeconds)} s)`);
      if (i > 0) fs.rmSync(dir, { recursive: true, force: true });
    }
    rows.push({ what: 'Cold start to first page, empty data directory (loads the demo)', runs: empty.map((r) => r.seconds), cpu: empty.map((r) => r.cpuSeconds), note: 'PGlite in DATA_DIR; scale-1 demo as of today' });
    const loaded: { seconds: number; cpuSeconds: number }[] = [];
    for (let i = 0; i < repeat; i++) {
      loaded.push(await coldStart(dataDir));
      log(`cold start, loaded data dir: ${fmt(loaded[i]!.seconds)} s (CPU ${fmt(loaded[i]!.cpuSeconds)} s)`);
    }
    rows.push({ what: 'Cold start to first page, data directory already loaded', runs: loaded.map((r) => r.seconds), cpu: loaded.map((r) => r.cpuSeconds), note: 'PGlite in DATA_DIR' });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const section = writeSection(rows, { loadBefore, loadAfter: os.loadavg(), postgres });
  replaceSection(section);
  process.stdout.write(`${section}\n`);
}

if (process.argv[2] === '--worker') {
  await worker(JSON.parse(process.argv[3]!));
} else {
  await main();
}
