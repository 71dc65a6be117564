#!/usr/bin/env node
// `npm test`: the whole suite on the database the environment names (PGlite unless DATABASE_URL is set),
// with the browser tests when Debian's Chromium is installed. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const env = { ...process.env };
if (fs.existsSync(CHROMIUM)) {
  env.TILLER_BROWSER_TESTS = '1';
  env.CHROMIUM_PATH = CHROMIUM;
  console.log(`Browser tests: on, using ${CHROMIUM}.`);
} else {
  console.log(`Browser tests: NOT RUN — Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
}
console.log(`Database: ${env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'embedded PGlite'}.`);

const report = `.vitest-report-${process.pid}.json`;
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env });

let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numFailedTestSuites ?? 0);
  fs.rmSync(report);
} catch {
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
