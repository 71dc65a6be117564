// `tiller import ssd DIR` and `tiller export ssd DIR` (INTERFACES.md).
import path from 'node:path';
import type { Command } from '../../cli/command.ts';
import type { SsdImportResult } from './import-ssd.ts';

export const importSsdCommand: Command = {
  name: 'import ssd',
  summary: 'import a Standard Safeguarding Dataset extract (one CSV per SSD table): all of it, or nothing',
  usage: 'import ssd DIR',
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ config, positionals, progress, out }) {
    // Heavy modules load here, not at the top: `tiller` loads only the command it runs.
    const [{ openDatabase }, { describeProblem, extractFiles, importSsd, SsdImportRejected }] = await Promise.all([import('../../platform/db/open.ts'), import('./import-ssd.ts')]);
    const dir = path.resolve(positionals[0]!);
    extractFiles(dir); // bad input exits 2 before the database is opened
    const database = await openDatabase(config);
    try {
      const result = await importSsd(database.db, dir, { progress });
      out(importSummary(dir, result));
    } catch (e) {
      if (e instanceof SsdImportRejected) out(['Rejected rows and why (nothing was imported):', ...e.problems.map(describeProblem)].join('\n'));
      throw e;
    } finally {
      await database.close();
    }
  },
};

export const exportSsdCommand: Command = {
  name: 'export ssd',
  summary: 'write every SSD table Tiller holds as CSV files, in the format `import ssd` reads',
  usage: 'export ssd DIR',
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ config, positionals, progress, out }) {
    const [{ openDatabase }, { exportSsd }] = await Promise.all([import('../../platform/db/open.ts'), import('./export-ssd.ts')]);
    const dir = path.resolve(positionals[0]!);
    const database = await openDatabase(config);
    try {
      const { files } = await exportSsd(database.db, dir, { progress });
      const width = Math.max(...files.map((f) => f.file.length));
      out([`Wrote ${files.length} SSD files to ${dir}:`, ...files.map((f) => `  ${f.file.padEnd(width)}  ${f.rows.toLocaleString('en-GB')} rows`)].join('\n'));
    } finally {
      await database.close();
    }
  },
};

function importSummary(dir: string, result: SsdImportResult): string {
  const width = Math.max(...result.files.map((f) => f.file.length), 0);
  const n = (x: number) => x.toLocaleString('en-GB');
  return [
    `Imported the SSD extract in ${dir}:`,
    ...result.files.map((f) =>
      f.joinedToAssessments === undefined
        ? `  ${f.file.padEnd(width)}  ${n(f.rows)} rows: ${n(f.inserted)} new, ${n(f.updated)} updated, ${n(f.unchanged)} unchanged`
        : `  ${f.file.padEnd(width)}  ${n(f.rows)} rows: ${n(f.joinedToAssessments)} with their assessments; for assessments already in Tiller ${n(f.updated)} updated, ${n(f.unchanged)} unchanged`,
    ),
    ...(result.periodsOfCare.inserted + result.periodsOfCare.updated > 0
      ? [`  periods of care (from ssd_cla_episodes.csv): ${n(result.periodsOfCare.inserted)} new, ${n(result.periodsOfCare.updated)} updated`]
      : []),
    ...(result.notes.length ? ['Notes:', ...result.notes.map((note) => `  ${note}`)] : []),
  ].join('\n');
}
