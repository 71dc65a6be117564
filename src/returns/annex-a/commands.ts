// `tiller return annex-a --as-of DATE [--out FILE.xlsx]` (INTERFACES.md).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../../cli/command.ts';
import { dateOption } from '../../cli/args.ts';
import { AppError } from '../../platform/errors.ts';

function outOption(value: unknown, asOf: string): string {
  if (value === undefined || value === '') return `annex-a-${asOf}.xlsx`;
  if (typeof value !== 'string') throw new AppError('BAD_INPUT', '--out must name a file');
  const dir = path.dirname(path.resolve(value));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('BAD_INPUT', `--out: the folder ${dir} does not exist`);
  if (fs.existsSync(value) && fs.statSync(value).isDirectory()) throw new AppError('BAD_INPUT', `--out must name a file, and ${value} is a folder`);
  return value;
}

export const returnAnnexACommand: Command = {
  name: 'return annex-a',
  summary: 'Ofsted Annex A lists 1–11 as at --as-of, as an XLSX workbook in the template’s sheets and columns',
  usage: 'return annex-a --as-of YYYY-MM-DD [--out FILE.xlsx]   (default file: annex-a-DATE.xlsx)',
  options: { 'as-of': { type: 'string' }, out: { type: 'string' } },
  async run({ config, values, progress, out }) {
    const asOf = dateOption(values['as-of'], 'as-of');
    const file = outOption(values.out, asOf);
    // Heavy modules load here, not at the top: `tiller` loads only the command it runs.
    const [{ openDatabase }, { listCounts, makeAnnexAWorkbook }] = await Promise.all([import('../../platform/db/open.ts'), import('./annex-a-return.ts')]);
    const database = await openDatabase(config);
    try {
      progress(`Building Annex A as at ${asOf}…`);
      const { annexA, workbook } = await makeAnnexAWorkbook(database.db, asOf);
      fs.writeFileSync(file, workbook);
      out(`Wrote ${file}: Ofsted Annex A as at ${asOf}. ${listCounts(annexA)}.`);
    } finally {
      await database.close();
    }
  },
};
