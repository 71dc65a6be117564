// The SSDA903 return for a collection year: built from the records, then validated, so nothing is
// written unchecked (the command and the page both come here).
import type { Db } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors.ts';
import { build903 } from './build-903.ts';
import { load903Records } from './load-903-records.ts';
import type { Finding, Ssda903 } from './model.ts';
import { validate903 } from './validate-903.ts';

/** Collection years the 2025/26 rules and code lists apply to. */
export const FIRST_YEAR = 2026;

export interface Ssda903Return {
  ret: Ssda903;
  findings: Finding[];
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > 2100) {
    throw new AppError('BAD_INPUT', `the SSDA903 return is made for collection years from ${FIRST_YEAR} (2025/26), not ${year}`);
  }
}

export async function makeSsda903Return(db: Db, year: number): Promise<Ssda903Return> {
  checkYear(year);
  const ret = build903(await load903Records(db, year), year);
  return { ret, findings: validate903(ret) };
}
