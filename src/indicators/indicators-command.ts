// `tiller indicators --as-of DATE [--format json|table]` (INTERFACES.md).
import type { Command } from '../cli/command.ts';
import { choiceOption, dateOption } from '../cli/args.ts';
import type { IndicatorsReport } from './engine.ts';

const FORMATS = ['table', 'json'] as const;

export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: 'every performance indicator as at a date (DfE definitions)',
  usage: 'indicators --as-of YYYY-MM-DD [--format table|json]',
  options: {
    'as-of': { type: 'string' },
    format: { type: 'string' },
  },
  async run({ config, values, out }) {
    // Arguments first, so bad input exits 2 without touching the database.
    const asOf = dateOption(values['as-of'], 'as-of');
    const format = choiceOption(values.format, 'format', FORMATS, 'table');
    const [{ openDatabase }, { computeIndicators, toInterfaceJson }] = await Promise.all([import('../platform/db/open.ts'), import('./engine.ts')]);
    const database = await openDatabase(config);
    try {
      const report = await computeIndicators(database.db, asOf, { withMembers: false });
      out(format === 'json' ? JSON.stringify(toInterfaceJson(report), null, 2) : indicatorsTable(report));
    } finally {
      await database.close();
    }
  },
};

function shown(n: number | null, unit: string): string {
  if (n === null) return '–';
  return unit === 'percent' ? `${n.toFixed(1)}%` : unit === 'count' ? String(n) : n.toFixed(1);
}

/** A plain-text table for people: the title beside each id, values with their unit. */
export function indicatorsTable(report: IndicatorsReport): string {
  const rows = report.indicators.map((r) => [r.id, shown(r.value, r.unit), r.numerator === null ? '–' : String(r.numerator), r.denominator === null ? '–' : String(r.denominator), r.title]);
  const header = ['indicator', 'value', 'numerator', 'denominator', 'title'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [`Indicators as at ${report.asOf} (period ${report.periodStart} to ${report.asOf})`, '', line(header), ...rows.map(line)].join('\n');
}
