// docs/development.md rule 10: a command file imports at the top only what checking its arguments needs,
// and its `run` imports the rest, so `tiller` loads only the command it runs. This reads the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What a command file may load before it runs: Node's own modules and these light ones. */
const LIGHT = ['cli/args.ts', 'cli/command.ts', 'platform/errors.ts', 'access/roles.ts', 'clocks/text-table.ts', 'platform/calendar/calendar.ts'];

function commandFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return commandFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && /: Command = \{/.test(fs.readFileSync(full, 'utf8')) ? [full] : [];
  });
}

/** The modules a file loads when it is imported: its top-level imports that are not `import type`. */
function eagerImports(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/^import (?!type\b)[^;]*?from '([^']+)';/gms)].map((m) => {
    const spec = m[1]!;
    return spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : spec;
  });
}

describe('command files', () => {
  const files = commandFiles(SRC);

  it('are found (every command of `tiller --help` lives in one)', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files.map((f) => [path.relative(SRC, f)]))('%s loads only light modules before it runs', (rel) => {
    const heavy = eagerImports(path.join(SRC, rel)).filter((spec) => !spec.startsWith('node:') && !LIGHT.includes(spec));
    expect(heavy).toEqual([]);
  });

  it('reads a file’s imports as paths from src (so the check above can fail)', () => {
    expect(eagerImports(path.join(SRC, 'platform', 'db', 'open.ts'))).toEqual(['platform/db/connect.ts', 'platform/db/migrate.ts']);
  });
});
