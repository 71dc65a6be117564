// The CIN census return for a collection year: built from the records, then validated. Every caller
// (the command, the page) gets the findings with the census, so nothing is written unchecked.
import fs from 'node:fs';
import type { Db } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors.ts';
import { buildCensus } from './build-census.ts';
import { councilLaCode, loadCensusRecords } from './load-census-records.ts';
import type { CinCensus, Finding } from './model.ts';
import { validateCensus } from './validate-census.ts';

/** Tiller's version, for the header's Release. */
const RELEASE = (JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Collection years the 2025/26 rules and schema (Sex M/F/U) apply to. */
export const FIRST_YEAR = 2026;

export interface CinCensusReturn {
  census: CinCensus;
  findings: Finding[];
  errors: number;
  queries: number;
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > 2100) {
    throw new AppError('BAD_INPUT', `the CIN census is made for collection years from ${FIRST_YEAR} (2025/26), not ${year}`);
  }
}

/** `YYYY-MM-DDTHH:MM:SS` (the header's xs:dateTime), in UTC. */
export function headerDateTime(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export async function makeCinCensusReturn(db: Db, year: number, now: Date = new Date()): Promise<CinCensusReturn> {
  checkYear(year);
  const laCode = await councilLaCode(db);
  const records = await loadCensusRecords(db, year);
  const census = buildCensus(records, { year, laCode, generatedAt: headerDateTime(now), release: RELEASE });
  const findings = validateCensus(census);
  const errors = findings.filter((f) => f.type === 'Error').length;
  return { census, findings, errors, queries: findings.length - errors };
}
