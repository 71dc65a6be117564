import path from 'node:path';

export interface Config {
  /** A PostgreSQL server URL; when absent Tiller runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives (`./data` by default). */
  dataDir: string;
  port: number;
  host: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = Number(env.PORT ?? 3000);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    host: env.HOST ?? '0.0.0.0',
    ...overrides,
  };
}
