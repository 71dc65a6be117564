import type { Command } from '../../cli/command.ts';
import { connect } from './connect.ts';
import { migrate } from './migrate.ts';

export const migrateCommand: Command = {
  name: 'db migrate',
  summary: 'apply pending database migrations',
  usage: 'db migrate',
  options: {},
  async run({ config, out }) {
    const database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { applied } = await migrate(database.db);
      out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await database.close();
    }
  },
};
