import type { Command } from '../cli/command.ts';
import { dateOption, intOption, today } from '../cli/args.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'load a synthetic council (deterministic for a seed) into an empty database',
  usage: 'demo [--seed 1] [--scale 1] [--years 3] [--as-of YYYY-MM-DD]',
  options: { seed: { type: 'string' }, scale: { type: 'string' }, years: { type: 'string' }, 'as-of': { type: 'string' } },
  async run({ config, values, progress, out }) {
    const options = {
      seed: intOption(values.seed, 'seed', 1, { min: 0, max: 2 ** 31 - 1 }),
      scale: intOption(values.scale, 'scale', 1, { min: 1, max: 50 }),
      years: intOption(values.years, 'years', 3, { min: 1, max: 10 }),
      asOf: dateOption(values['as-of'], 'as-of', today()),
    };
    const [{ openDatabase }, { loadDemo }] = await Promise.all([import('../platform/db/open.ts'), import('./load-demo.ts')]);
    const database = await openDatabase(config);
    try {
      const started = Date.now();
      const summary = await loadDemo(database.db, options, progress);
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      out(`Loaded the demo council: seed ${options.seed}, scale ${options.scale}, ${options.years} years to ${options.asOf}; ${total} records in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    } finally {
      await database.close();
    }
  },
};
