// Annex A as at a date: loaded, built, and (for the command and the page) written as a workbook.
import type { Db } from '../../platform/db/connect.ts';
import { isIsoDate, type IsoDate } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import { buildAnnexA } from './build-annex-a.ts';
import type { AnnexA } from './lists.ts';
import { loadAnnexARecords } from './load-annex-a-records.ts';
import { annexAWorkbook } from './workbook.ts';

export async function makeAnnexA(db: Db, asOf: IsoDate): Promise<{ annexA: AnnexA; councilName: string | null }> {
  if (!isIsoDate(asOf)) throw new AppError('BAD_INPUT', `the as-of date must be a date as YYYY-MM-DD, not "${asOf}"`);
  const records = await loadAnnexARecords(db, asOf);
  return { annexA: buildAnnexA(records, asOf), councilName: records.councilName };
}

export async function makeAnnexAWorkbook(db: Db, asOf: IsoDate, created: Date = new Date()): Promise<{ annexA: AnnexA; workbook: Buffer }> {
  const { annexA, councilName } = await makeAnnexA(db, asOf);
  return { annexA, workbook: await annexAWorkbook(annexA, { created, council: councilName }) };
}

/** "List 1 Contacts: 1,204 rows, …" for the command's report. */
export function listCounts(annexA: AnnexA): string {
  return annexA.lists.map((l) => `${l.sheet} (${l.title}): ${l.rows.length}`).join('; ');
}
