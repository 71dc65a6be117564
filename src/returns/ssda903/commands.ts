// `tiller return ssda903 --year 2026 --out DIR` and `tiller validate ssda903 DIR` (INTERFACES.md). As with
// the CIN census, the return is validated before it is written: errors stop it (exit 1) unless --force.
import fs from 'node:fs';
import type { Command } from '../../cli/command.ts';
import { choiceOption } from '../../cli/args.ts';
import { renderTable } from '../../clocks/text-table.ts';
import { AppError } from '../../platform/errors.ts';
import type { Finding, Ssda903 } from './model.ts';

function yearOption(value: unknown, required: boolean, checkYear: (year: number) => void): number | null {
  if (value === undefined || value === '') {
    if (required) throw new AppError('BAD_INPUT', '--year is required: the year the collection ends, e.g. --year 2026 for 2025/26');
    return null;
  }
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) throw new AppError('BAD_INPUT', `--year must be a year such as 2026, not "${String(value)}"`);
  const year = Number(value);
  checkYear(year);
  return year;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function ruleCounts(findings: readonly Finding[], limit = 8): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, limit).map(([rule, n]) => `${rule} ×${n}`);
  return sorted.length > limit ? `${shown.join(', ')}, …` : shown.join(', ');
}

export const returnSsda903Command: Command = {
  name: 'return ssda903',
  summary: 'the SSDA903 CSVs (one per table, DfE header sets) for the year ending 31 March of --year, validated before they are written',
  usage: 'return ssda903 --year 2026 --out DIR [--force]',
  options: { year: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run({ config, values, progress, out }) {
    // The return's modules load here, not at the top: `tiller` loads only the command it runs.
    const [{ openDatabase }, { checkYear, makeSsda903Return }, { write903 }] = await Promise.all([
      import('../../platform/db/open.ts'),
      import('./ssda903-return.ts'),
      import('./csv.ts'),
    ]);
    const year = yearOption(values.year, true, checkYear)!;
    const dir = values.out;
    if (typeof dir !== 'string' || dir === '') throw new AppError('BAD_INPUT', '--out DIR is required');
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new AppError('BAD_INPUT', `--out must name a folder, and ${dir} is a file`);
    const database = await openDatabase(config);
    try {
      progress(`Building the SSDA903 return for ${year - 1}/${String(year).slice(2)}…`);
      const { ret, findings } = await makeSsda903Return(database.db, year);
      if (findings.length > 0 && values.force !== true) {
        throw new AppError('CONFLICT', `not written: the return has ${plural(findings.length, 'error')} (${ruleCounts(findings)}); put the records right, or use --force to write it anyway and check it with tiller validate ssda903`);
      }
      write903(ret, dir);
      out(`Wrote ${dir}: the SSDA903 return ${year - 1}/${String(year).slice(2)}, ${plural(ret.tables.header.length, 'child', 'children')}, ${plural(ret.tables.episodes.length, 'episode')}; ${plural(findings.length, 'error')}.`);
      if (findings.length > 0) out(`Written with --force despite errors: ${ruleCounts(findings, 40)}.`);
    } finally {
      await database.close();
    }
  },
};

/** The collection year a return read from files belongs to: the year whose 31 March follows its latest episode date. */
export function inferYear(ret: Omit<Ssda903, 'year'>): number {
  let latest = '';
  for (const e of ret.tables.episodes) for (const d of [e.DECOM, e.DEC]) if (d && /^\d{4}-\d{2}-\d{2}$/.test(d) && d > latest) latest = d;
  if (latest === '') throw new AppError('BAD_INPUT', 'the return has no episode dates to tell its year from: give --year');
  const y = Number(latest.slice(0, 4));
  return latest.slice(5) > '03-31' ? y + 1 : y;
}

export const validateSsda903Command: Command = {
  name: 'validate ssda903',
  summary: 'check a folder of SSDA903 CSVs against the DfE validation rules for 2025/26; findings by rule code',
  usage: 'validate ssda903 DIR [--year 2026] [--format table|json]',
  options: { format: { type: 'string' }, year: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals, out }) {
    const format = choiceOption(values.format, 'format', ['table', 'json'] as const, 'table');
    const [{ checkYear }, { read903Dir }, { NOT_RUN, SSDA903_RULES }, { validate903 }] = await Promise.all([
      import('./ssda903-return.ts'),
      import('./csv.ts'),
      import('./rules/index.ts'),
      import('./validate-903.ts'),
    ]);
    const given = yearOption(values.year, false, checkYear);
    const dir = positionals[0]!;
    const tables = read903Dir(dir);
    const year = given ?? inferYear({ tables });
    checkYear(year);
    const findings = validate903({ year, tables });
    if (format === 'json') {
      out(JSON.stringify({ dir, year, children: tables.header.length, errors: findings.length, rulesRun: SSDA903_RULES.length, notRun: NOT_RUN.map((n) => ({ code: n.code, reason: n.reason })), findings }, null, 2));
    } else if (findings.length === 0) {
      out(`${dir}: ${plural(tables.header.length, 'child', 'children')}, no errors (${SSDA903_RULES.length} rules run, ${NOT_RUN.length} not run; collection year ${year - 1}/${String(year).slice(2)}).`);
    } else {
      out(renderTable(['rule', 'table', 'row', 'child', 'field', 'value', 'message'], findings.map((f) => [f.rule, f.table, f.row ? String(f.row) : '', f.childId ?? '', f.field, f.value ?? '', f.message])));
      out(`\n${dir}: ${plural(tables.header.length, 'child', 'children')}; ${plural(findings.length, 'error')} (${SSDA903_RULES.length} rules run, ${NOT_RUN.length} not run).`);
    }
    if (findings.length > 0) throw new AppError('CONFLICT', `${plural(findings.length, 'error')} found (${ruleCounts(findings)})`);
  },
};
