// `tiller return cin-census --year 2026 --out FILE.xml` and `tiller validate cin-census FILE.xml`
// (INTERFACES.md). The return is validated before it is written: errors stop it (exit 1) unless --force;
// queries are reported and do not.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../../cli/command.ts';
import { choiceOption } from '../../cli/args.ts';
import { renderTable } from '../../clocks/text-table.ts';
import { AppError } from '../../platform/errors.ts';
import type { Finding } from './model.ts';

function yearOption(value: unknown, checkYear: (year: number) => void): number {
  if (typeof value !== 'string' || value === '') throw new AppError('BAD_INPUT', '--year is required: the year the collection ends, e.g. --year 2026 for 2025/26');
  if (!/^\d{4}$/.test(value)) throw new AppError('BAD_INPUT', `--year must be a year such as 2026, not "${value}"`);
  const year = Number(value);
  checkYear(year);
  return year;
}

function outOption(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new AppError('BAD_INPUT', '--out FILE.xml is required');
  const dir = path.dirname(path.resolve(value));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('BAD_INPUT', `--out: the folder ${dir} does not exist`);
  if (fs.existsSync(value) && fs.statSync(value).isDirectory()) throw new AppError('BAD_INPUT', `--out must name a file, and ${value} is a folder`);
  return value;
}

/** "8606 ×5, 8840 ×4, …": the rules with most findings first. */
function ruleCounts(findings: readonly Finding[], limit = 8): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, limit).map(([rule, n]) => `${rule} ×${n}`);
  return sorted.length > limit ? `${shown.join(', ')}, …` : shown.join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const returnCinCensusCommand: Command = {
  name: 'return cin-census',
  summary: 'the CIN census XML for the year ending 31 March of --year (validated before it is written)',
  usage: 'return cin-census --year 2026 --out FILE.xml [--force]',
  options: { year: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run({ config, values, progress, out }) {
    // Arguments first: bad input exits 2 without touching the database.
    // The return's modules load here, not at the top: `tiller` loads only the command it runs.
    const [{ openDatabase }, { checkYear, makeCinCensusReturn }, { censusToXml }] = await Promise.all([
      import('../../platform/db/open.ts'),
      import('./cin-census-return.ts'),
      import('./census-xml.ts'),
    ]);
    const year = yearOption(values.year, checkYear);
    const file = outOption(values.out);
    const database = await openDatabase(config);
    try {
      progress(`Building the CIN census for ${year - 1}/${String(year).slice(2)}…`);
      const result = await makeCinCensusReturn(database.db, year);
      const errors = result.findings.filter((f) => f.type === 'Error');
      const queries = result.findings.filter((f) => f.type === 'Query');
      if (errors.length > 0 && values.force !== true) {
        throw new AppError(
          'CONFLICT',
          `not written: the return has ${plural(errors.length, 'error')} (${ruleCounts(errors)}) and ${plural(queries.length, 'query', 'queries')}; put the records right, or use --force to write it anyway and check it with tiller validate cin-census`,
        );
      }
      fs.writeFileSync(file, censusToXml(result.census));
      const episodes = result.census.children.reduce((n, c) => n + c.CINdetails.length, 0);
      out(
        `Wrote ${file}: the CIN census ${year - 1}/${String(year).slice(2)} for LA ${result.census.header.LEA}, ` +
          `${plural(result.census.children.length, 'child', 'children')}, ${plural(episodes, 'episode')}; ${plural(errors.length, 'error')}, ${plural(queries.length, 'query', 'queries')}.`,
      );
      if (queries.length > 0) out(`Queries to explain to the DfE: ${ruleCounts(queries, 26)}.`);
      if (errors.length > 0) out(`Written with --force despite errors: ${ruleCounts(errors, 83)}.`);
    } finally {
      await database.close();
    }
  },
};

export function findingsTable(findings: readonly Finding[]): string {
  return renderTable(
    ['rule', 'type', 'child', 'cin', 'field', 'where', 'value', 'message'],
    findings.map((f) => [f.rule, f.type, f.childId ?? '(LA level)', f.cinDetailsIndex ? String(f.cinDetailsIndex) : '', f.field, f.location ?? '', f.value ?? '', f.message]),
  );
}

export const validateCinCensusCommand: Command = {
  name: 'validate cin-census',
  summary: 'check a CIN census XML file against the DfE validation rules for 2025/26; findings by rule code',
  usage: 'validate cin-census FILE.xml [--format table|json]',
  options: { format: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals, out }) {
    const format = choiceOption(values.format, 'format', ['table', 'json'] as const, 'table');
    const [{ censusFromXml }, { periodOf, summarise, validateCensus }] = await Promise.all([import('./census-xml.ts'), import('./validate-census.ts')]);
    const file = positionals[0]!;
    let xml: string;
    try {
      xml = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new AppError('BAD_INPUT', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const census = censusFromXml(xml);
    const period = periodOf(census);
    const findings = validateCensus(census);
    const { errors, queries } = summarise(findings);
    if (format === 'json') {
      out(JSON.stringify({ file, referenceDate: period.referenceDate, children: census.children.length, errors, queries, findings }, null, 2));
    } else if (findings.length === 0) {
      out(`${file}: ${plural(census.children.length, 'child', 'children')}, no errors and no queries (census year ${period.periodStart} to ${period.referenceDate}).`);
    } else {
      out(findingsTable(findings));
      out(`\n${file}: ${plural(census.children.length, 'child', 'children')}; ${plural(errors, 'error')}, ${plural(queries, 'query', 'queries')} (census year ${period.periodStart} to ${period.referenceDate}).`);
    }
    if (errors > 0) throw new AppError('CONFLICT', `${plural(errors, 'error')} found (${ruleCounts(findings.filter((f) => f.type === 'Error'))})`);
  },
};
