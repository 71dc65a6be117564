// `tiller clocks` and `tiller flags` as a council's script runs them: a child process on an embedded
// database in a temporary directory, seeded first with the sample council.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTiller } from '../../test/support/cli.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/open.ts';
import { SAMPLE_AS_OF, SAMPLE_CLOCKS, SAMPLE_FLAGS, seedSampleCouncil } from './sample-council.fixture.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-clocks-'));
const embedded = { DATA_DIR: dataDir, DATABASE_URL: undefined };

beforeAll(async () => {
  const database = await openDatabase(loadConfig({ DATA_DIR: dataDir }));
  try {
    await seedSampleCouncil(database.db);
  } finally {
    await database.close();
  }
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('tiller clocks and tiller flags', () => {
  it('prints the clocks as the JSON array INTERFACES.md defines', async () => {
    const r = await runTiller(['clocks', '--as-of', SAMPLE_AS_OF, '--format', 'json'], embedded);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const clocks: unknown = JSON.parse(r.stdout);
    expect(clocks).toEqual(SAMPLE_CLOCKS);
    for (const c of clocks as Record<string, unknown>[]) {
      expect(Object.keys(c).filter((k) => k !== 'workerId')).toEqual(['childId', 'rule', 'subjectId', 'startDate', 'dueDate', 'completedDate', 'status']);
    }
  });

  it('prints a readable table by default', async () => {
    const r = await runTiller(['clocks', '--as-of', SAMPLE_AS_OF], embedded);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^child\s+worker\s+rule\s+subject\s+start\s+due\s+completed\s+status$/);
    expect(lines).toContainEqual(expect.stringMatching(/^C3\s+pa-contact\s+C3\s+2026-01-15\s+2026-03-15\s+overdue$/));
    expect(lines.at(-1)).toBe(`${SAMPLE_CLOCKS.length} clocks as at 2026-03-31: 2 overdue, 7 due, 0 missed, 11 met, 0 stopped.`);
  });

  it('prints the practice flags as JSON', async () => {
    const r = await runTiller(['flags', '--as-of', SAMPLE_AS_OF, '--format', 'json'], embedded);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(SAMPLE_FLAGS);
  });

  it('refuses a date that does not exist, or an unknown format, with exit 2 and one line', async () => {
    const badDate = await runTiller(['clocks', '--as-of', '2026-02-30', '--format', 'json'], embedded);
    expect(badDate.code).toBe(2);
    expect(badDate.stdout).toBe('');
    expect(badDate.stderr).toBe('tiller clocks: --as-of must be a date as YYYY-MM-DD, not "2026-02-30"\n');
    const badFormat = await runTiller(['flags', '--as-of', SAMPLE_AS_OF, '--format', 'xml'], embedded);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr.trim().split('\n')).toHaveLength(1);
    expect(badFormat.stderr).toMatch(/^tiller flags: --format must be one of table, json/);
  });
});
