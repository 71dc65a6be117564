import type { Command } from '../cli/command.ts';
import { choiceOption, dateOption, today } from '../cli/args.ts';
import type { ClockInstance, ClockStatus } from './clock-instance.ts';
import { jsonLineChunks, renderTable } from './text-table.ts';

export const clocksCommand: Command = {
  name: 'clocks',
  summary: 'every statutory clock as at a date (due, overdue, met, missed, stopped)',
  usage: 'clocks [--as-of YYYY-MM-DD] [--format table|json]',
  options: { 'as-of': { type: 'string' }, format: { type: 'string' } },
  async run({ config, values, progress, out }) {
    // Arguments first: bad input exits 2 without touching the database.
    const asOf = dateOption(values['as-of'], 'as-of', today());
    const format = choiceOption(values.format, 'format', ['table', 'json'] as const, 'table');
    // Heavy modules load here, not at the top: `tiller` loads only the command it runs.
    const [{ openDatabase }, { computeClocks }] = await Promise.all([import('../platform/db/open.ts'), import('./compute-clocks.ts')]);
    const database = await openDatabase(config);
    try {
      progress(`Computing clocks as at ${asOf}…`);
      const clocks = await computeClocks(database.db, asOf);
      if (format === 'json') for (const chunk of jsonLineChunks(clocks)) out(chunk);
      else out(clocksTable(clocks, asOf));
    } finally {
      await database.close();
    }
  },
};

function clocksTable(clocks: readonly ClockInstance[], asOf: string): string {
  if (clocks.length === 0) return `No clocks as at ${asOf}.`;
  const counts = new Map<ClockStatus, number>();
  for (const c of clocks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const summary = (['overdue', 'due', 'missed', 'met', 'stopped'] as const).map((s) => `${counts.get(s) ?? 0} ${s}`).join(', ');
  const table = renderTable(
    ['child', 'worker', 'rule', 'subject', 'start', 'due', 'completed', 'status'],
    clocks.map((c) => [c.childId ?? '', c.workerId ?? '', c.rule, c.subjectId, c.startDate, c.dueDate, c.completedDate ?? '', c.status]),
  );
  return `${table}\n\n${clocks.length} clocks as at ${asOf}: ${summary}.`;
}
