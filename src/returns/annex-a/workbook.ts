// The Annex A lists as an XLSX workbook: one sheet per list in the template's names and column order,
// the header row frozen, dates as real Excel dates (shown dd/mm/yyyy), whole numbers as numbers.
// Written with exceljs's streaming writer: each row is committed as it is added, which is several times
// quicker than building the whole workbook in memory (see docs/benchmarks.md).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { IsoDate } from '../../platform/calendar/calendar.ts';
import type { AnnexA } from './lists.ts';

const toDate = (d: IsoDate) => new Date(`${d}T00:00:00Z`);

export async function annexAWorkbook(annexA: AnnexA, options: { created?: Date; council?: string | null } = {}): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Tiller';
  wb.created = options.created ?? new Date();
  wb.title = `Ofsted Annex A as at ${annexA.asOf}`;
  if (options.council) wb.company = options.council;
  for (const list of annexA.lists) {
    const ws = wb.addWorksheet(list.sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.columns = list.columns.map((c) => ({
      header: c.header,
      width: Math.max(c.width, Math.min(40, Math.ceil(c.header.length / 2.5))),
      style: c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.type === 'integer' ? { numFmt: '0' } : {},
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    header.commit();
    if (list.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: list.columns.length } };
    const dates = list.columns.map((c) => c.type === 'date');
    for (const row of list.rows) ws.addRow(row.map((v, i) => (v !== null && dates[i] ? toDate(v as string) : v))).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
