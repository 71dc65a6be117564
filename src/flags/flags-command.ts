import type { Command } from '../cli/command.ts';
import { choiceOption, dateOption, today } from '../cli/args.ts';
import { jsonLines, renderTable } from '../clocks/text-table.ts';

export const flagsCommand: Command = {
  name: 'flags',
  summary: 'practice flags (repeat contacts, repeat referrals, no allocated worker, worker changes) as at a date',
  usage: 'flags [--as-of YYYY-MM-DD] [--format table|json]',
  options: { 'as-of': { type: 'string' }, format: { type: 'string' } },
  async run({ config, values, progress, out }) {
    const asOf = dateOption(values['as-of'], 'as-of', today());
    const format = choiceOption(values.format, 'format', ['table', 'json'] as const, 'table');
    const [{ openDatabase }, { computeFlags }] = await Promise.all([import('../platform/db/open.ts'), import('./compute-flags.ts')]);
    const database = await openDatabase(config);
    try {
      progress(`Computing practice flags as at ${asOf}…`);
      const flags = await computeFlags(database.db, asOf);
      if (format === 'json') out(jsonLines(flags));
      else if (flags.length === 0) out(`No practice flags as at ${asOf}.`);
      else out(`${renderTable(['child', 'flag', 'since', 'reason'], flags.map((f) => [f.childId, f.flag, f.since, f.reason]))}\n\n${flags.length} flags as at ${asOf}.`);
    } finally {
      await database.close();
    }
  },
};
