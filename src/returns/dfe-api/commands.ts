// `tiller return dfe-api --as-of DATE [--out FILE.json] [--changes]` (INTERFACES.md) writes the payload;
// `tiller send dfe-api [--as-of DATE]` sends what changed since the last run to the DfE (docs/dfe-api.md).
// Output is counts only: no child's data is printed except the payload itself, to the file asked for.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../../cli/command.ts';
import { dateOption } from '../../cli/args.ts';
import { todayInEngland } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/errors.ts';

function outOption(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new AppError('BAD_INPUT', '--out must name a file');
  const dir = path.dirname(path.resolve(value));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('BAD_INPUT', `--out: the folder ${dir} does not exist`);
  if (fs.existsSync(value) && fs.statSync(value).isDirectory()) throw new AppError('BAD_INPUT', `--out must name a file, and ${value} is a folder`);
  return value;
}

export const returnDfeApiCommand: Command = {
  name: 'return dfe-api',
  summary: 'the DfE CSC API payload as at --as-of (an array of child objects); --changes: only what the next send would send',
  usage: 'return dfe-api --as-of YYYY-MM-DD [--out FILE.json] [--changes]   (without --out: printed)',
  options: { 'as-of': { type: 'string' }, out: { type: 'string' }, changes: { type: 'boolean' } },
  async run({ config, values, progress, out }) {
    const asOf = dateOption(values['as-of'], 'as-of');
    const file = outOption(values.out);
    // Heavy modules load here, not at the top: `tiller` loads only the command it runs.
    const [{ openDatabase }, { makePayload, planRun }] = await Promise.all([import('../../platform/db/open.ts'), import('./dfe-api-return.ts')]);
    const database = await openDatabase(config);
    try {
      progress(`Building the DfE API payload as at ${asOf}…`);
      const records = values.changes === true ? (await planRun(database.db, asOf)).records.map((r) => r.record) : await makePayload(database.db, asOf);
      const json = JSON.stringify(records, null, 2);
      if (file) {
        fs.writeFileSync(file, `${json}\n`);
        out(`Wrote ${file}: ${records.length} ${records.length === 1 ? 'child' : 'children'}${values.changes === true ? ' to send' : ''} as at ${asOf}.`);
      } else {
        out(json);
      }
    } finally {
      await database.close();
    }
  },
};

export const sendDfeApiCommand: Command = {
  name: 'send dfe-api',
  summary: 'send the children whose record changed (and purges) to the DfE CSC API; configured by DFE_API_* variables',
  usage: 'send dfe-api [--as-of YYYY-MM-DD]   (default: today)',
  options: { 'as-of': { type: 'string' } },
  async run({ config, values, progress, out }) {
    const asOf = dateOption(values['as-of'], 'as-of', todayInEngland());
    const [{ openDatabase }, { runDfeApiSubmission }] = await Promise.all([import('../../platform/db/open.ts'), import('./dfe-api-return.ts')]);
    const database = await openDatabase(config);
    try {
      progress(`Sending to the DfE CSC API as at ${asOf}…`);
      const r = await runDfeApiSubmission(database.db, asOf, { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
      out(
        `DfE CSC API run ${r.runId}: ${r.plan.added} new, ${r.plan.changed} changed, ${r.plan.purges} to purge, ${r.plan.unchanged} unchanged; ` +
          `${r.requests} ${r.requests === 1 ? 'request' : 'requests'}; ${r.accepted} accepted, ${r.rejected} rejected, ${r.failed} not sent.`,
      );
      if (r.stopped) throw new AppError('CONFLICT', `the run stopped: ${r.stopped}`);
      if (r.rejected + r.failed > 0) throw new AppError('CONFLICT', `${r.rejected + r.failed} children were not accepted; see /returns/dfe-api for each response`);
    } finally {
      await database.close();
    }
  },
};
