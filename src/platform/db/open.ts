import type { Config } from '../config.ts';
import { connect, type Database } from './connect.ts';
import { migrate } from './migrate.ts';

/** Connects as the configuration says and applies pending migrations: what every command does first. */
export async function openDatabase(config: Config): Promise<Database> {
  const database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
