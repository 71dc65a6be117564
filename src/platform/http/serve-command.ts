import type { Command } from '../../cli/command.ts';
import { intOption } from '../../cli/args.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'migrate, then serve the web app and the JSON API',
  usage: 'serve [--port 3000] [--demo-if-empty]',
  options: { port: { type: 'string' }, 'demo-if-empty': { type: 'boolean' } },
  async run({ config, values, out }) {
    const port = intOption(values.port, 'port', config.port, { min: 1, max: 65535 });
    const [{ openDatabase }, { buildApp }, { loadDemoIfEmpty }] = await Promise.all([
      import('../db/open.ts'),
      import('./app.ts'),
      import('../../demo/load-demo.ts'),
    ]);
    const database = await openDatabase(config);
    if (values['demo-if-empty']) {
      const loaded = await loadDemoIfEmpty(database.db, (m) => out(m));
      if (loaded) out(`Loaded the demo council (seed ${loaded.seed}, scale ${loaded.scale}, as of ${loaded.asOf}).`);
    }
    const app = await buildApp({ database, config });
    const shutdown = async () => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    await app.listen({ port, host: config.host });
    out(`Tiller is serving on http://localhost:${port} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})`);
  },
};
