import type { Command } from '../../cli/command.ts';

export const migrateCommand: Command = {
  name: 'db migrate',
  summary: 'apply pending database migrations',
  usage: 'db migrate',
  options: {},
  async run({ config, out }) {
    const [{ connect }, { migrate }] = await Promise.all([import('./connect.ts'), import('./migrate.ts')]);
    const database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { applied } = await migrate(database.db);
      out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await database.close();
    }
  },
};
