import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { isAppError } from '../platform/errors.ts';
import { commands } from './commands.ts';
import type { Command } from './command.ts';

const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
} as const;

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'tiller — children\'s social care case management and practice assurance',
    '',
    'Usage: tiller <command> [options]   (tiller <command> --help for its options)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Uses DATABASE_URL when set, else the embedded database in ./data (--data-dir DIR or DATA_DIR).',
  ].join('\n');
}

function commandHelp(c: Command): string {
  const opts = Object.entries(c.options).map(([k, v]) => `  --${k}${v.type === 'string' ? ' VALUE' : ''}`);
  return [`Usage: tiller ${c.usage}`, '', c.summary, ...(opts.length ? ['', 'Options:', ...opts] : []), '  --data-dir DIR', '  --help'].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = commands.find((c) => c.name === `${argv[0]} ${argv[1]}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = commands.find((c) => c.name === argv[0]);
  if (one) return { command: one, rest: argv.slice(1) };
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(helpText() + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`tiller: unknown command "${argv.slice(0, 2).join(' ')}"; try tiller --help\n`);
    return 2;
  }
  const { command, rest } = found;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`tiller ${command.name}: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(commandHelp(command) + '\n');
    return 0;
  }
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    process.stderr.write(`tiller ${command.name}: usage: tiller ${command.usage}\n`);
    return 2;
  }
  const dataDir = parsed.values['data-dir'];
  let config;
  try {
    config = loadConfig(process.env, typeof dataDir === 'string' ? { dataDir } : {});
  } catch (e) {
    // A setting in the environment that cannot be used (OIDC_ROLE_MAP naming an unknown role, …): one line.
    process.stderr.write(`tiller ${command.name}: ${isAppError(e) ? e.userMessage : (e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  const tty = process.stderr.isTTY;
  try {
    await command.run({
      config,
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
      progress: (m) => {
        if (tty) process.stderr.write(`\r\x1b[K${m}`);
      },
      out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    });
    if (tty) process.stderr.write('\r\x1b[K');
    return 0;
  } catch (e) {
    if (tty) process.stderr.write('\r\x1b[K');
    if (isAppError(e)) {
      process.stderr.write(`tiller ${command.name}: ${e.userMessage}\n`);
      for (const f of e.fieldErrors.slice(0, 50)) process.stderr.write(`  ${f.field}: ${f.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`tiller ${command.name}: internal error: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// `serve` keeps running; everything else ends here.
if (!(process.argv[2] === 'serve' && code === 0)) process.exit(code);
