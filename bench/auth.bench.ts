// The cost of security on every request: signing in (argon2id verify) and an audited read of a child's
// record (access rule + audit row + the read), on the demo council with its demo sign-ins.
// Usage: npm run bench:auth            (embedded PGlite; and PostgreSQL too when DATABASE_URL is set)
// REUSE=1 reuses the databases loaded by an earlier run. Writes its section of docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { connect, type Database } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { DEMO_PASSWORD } from '../src/auth/demo-users.ts';
import { hashPassword, verifyPassword } from '../src/auth/password.ts';
import { findUser } from '../src/auth/users.ts';
import { RequestContext } from '../src/access/context.ts';
import { withDatabaseName } from '../test/support/db-config.ts';
import { cookiesFrom, csrfFrom } from '../test/support/auth.ts';

const AS_OF = new Date().toISOString().slice(0, 10);
const DEMO = { seed: 1, scale: 1, years: 3, asOf: AS_OF };
const reuse = process.env.REUSE === '1';
const loadAtStart = os.loadavg()[0]!;

interface Row {
  engine: string;
  what: string;
  n: number;
  median: number;
  p95: number;
}
const rows: Row[] = [];

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(engine: string, what: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  await fn(0); // warm-up, not counted
  const samples: number[] = [];
  for (let i = 1; i <= n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  const { median, p95 } = stats(samples);
  rows.push({ engine, what, n, median, p95 });
  console.log(`${engine}: ${what}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${n} runs)`);
}

async function prepare(database: Database, fresh: boolean, label: string): Promise<void> {
  await migrate(database.db);
  if (!fresh) return;
  const t = performance.now();
  await loadDemo(database.db, DEMO); // with the demo sign-ins (createDemoUsers)
  await sql`analyze`.execute(database.db);
  console.log(`${label}: demo council and sign-ins loaded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

async function signInOverHttp(app: FastifyInstance, username: string): Promise<string> {
  const page = await app.inject({ url: '/sign-in' });
  const cookie = cookiesFrom(page);
  const res = await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username, password: DEMO_PASSWORD }).toString() });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  return cookiesFrom(res, cookie);
}

async function measure(engine: string, database: Database): Promise<void> {
  const db = database.db;
  const app = await buildApp({ database, config: loadConfig({}) }, { logger: false, rateLimits: false });
  // A bare child-record route, so that the figure is the security cost, not a page's own queries.
  app.get('/bench/children/:childId', { config: { access: 'childRecord', auditWhat: 'bench' } }, async (request) =>
    db.selectFrom('person').select(['id', 'dob']).where('id', '=', (request.params as { childId: string }).childId).executeTakeFirstOrThrow(),
  );
  await app.ready();
  try {
    const sw = await db.selectFrom('user_account').select(['id', 'password_hash']).where('username', '=', 'sw.demo').executeTakeFirstOrThrow();
    const user = { ...(await findUser(db, sw.id))!, sessionId: 'bench' };
    const ctx = () => new RequestContext(db, user, { ipAddress: '127.0.0.1', requestId: 'bench', route: 'bench' });
    const caseload = await db.selectFrom('person').select('id').where('id', 'in', ctx().children.visibleIds()).orderBy('id').execute();
    const ids = caseload.map((c) => c.id);
    const people = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`${engine}: sw.demo sees ${ids.length} of ${people.n} people`);

    await time(engine, 'argon2id verify (in process)', 30, () => verifyPassword(sw.password_hash!, DEMO_PASSWORD));
    await time(engine, 'sign-in over HTTP (page, throttle check, verify, session, audit)', 20, () => signInOverHttp(app, 'sw.demo'));
    await time(engine, 'access check for one child (childAccess)', 100, (i) => ctx().children.decide(ids[i % ids.length]!));
    await time(engine, 'audited record read in process (check + audit row + read)', 100, (i) => ctx().children.get(ids[i % ids.length]!, 'bench'));
    const cookie = await signInOverHttp(app, 'sw.demo');
    await time(engine, 'audited record read over HTTP (session + check + audit + read)', 100, async (i) => {
      const res = await app.inject({ url: `/bench/children/${ids[i % ids.length]}`, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`read failed: ${res.statusCode}`);
    });
    await time(engine, `caseload list scoped by visibleIds (${ids.length} children)`, 20, () => db.selectFrom('person').select(['id', 'surname']).where('id', 'in', ctx().children.visibleIds()).execute());
  } finally {
    await app.close();
  }
}

// ---- embedded PGlite
{
  const dir = path.join(os.tmpdir(), 'tiller-bench-auth');
  const fresh = !(reuse && fs.existsSync(path.join(dir, 'pg')));
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  const database = await connect({ dataDir: dir });
  try {
    await prepare(database, fresh, 'PGlite');
    await measure('PGlite', database);
  } finally {
    await database.close();
  }
}

// ---- PostgreSQL, when DATABASE_URL names a server
if (process.env.DATABASE_URL) {
  const url = process.env.DATABASE_URL;
  const name = 'tiller_bench_auth';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
  const fresh = !(reuse && exists);
  if (fresh) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const database = await connect({ databaseUrl: withDatabaseName(url, name) });
  try {
    await prepare(database, fresh, 'PostgreSQL');
    await measure('PostgreSQL', database);
  } finally {
    await database.close();
  }
}

// ---- docs/benchmarks.md: replace this benchmark's section, leave the others alone
const hash = await hashPassword('bench');
const cores = os.cpus().length;
const section = [
  '<!-- auth:start -->',
  '## Sign-in and audited reads (issue 3)',
  '',
  `Measured ${AS_OF} by \`npm run bench:auth\` (\`bench/auth.bench.ts\`) on ${cores} cores, Node ${process.version}; demo council seed ${DEMO.seed}, scale ${DEMO.scale}, ${DEMO.years} years, with the demo sign-ins (reading as \`sw.demo\`).`,
  `Passwords are argon2id with @node-rs/argon2 defaults (\`${hash.split('$').slice(1, 4).join('$')}\`). Each figure follows one warm-up run. The machine is shared: its load average was ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end, so compare figures within one run.`,
  '',
  '| database | what | runs | median (ms) | p95 (ms) |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.engine} | ${r.what} | ${r.n} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`),
  '',
  'What it means: signing in costs one argon2id verify (deliberately slow, ~20–40 ms) plus a few writes; an audited read adds the access check (one indexed query) and one audit insert to whatever the page itself reads.',
  '<!-- auth:end -->',
].join('\n');
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');
let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nEach benchmark in `bench/` writes its own section here.\n';
const re = /<!-- auth:start -->[\s\S]*?<!-- auth:end -->/;
doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`;
fs.writeFileSync(file, doc);
console.log(`Wrote the "Sign-in and audited reads" section of ${path.relative(process.cwd(), file)}`);
