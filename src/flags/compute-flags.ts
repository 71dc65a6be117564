import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Db } from '../platform/db/connect.ts';
import { flagsFromRecords } from './flags-from-records.ts';
import { loadFlagRecords, type FlagScope } from './load-flag-records.ts';
import type { PracticeFlag } from './practice-flag.ts';

/** Every practice flag as at `asOf` (INTERFACES.md `tiller flags`), optionally for some children only. */
export async function computeFlags(db: Db, asOf: IsoDate, scope: FlagScope = {}): Promise<PracticeFlag[]> {
  return flagsFromRecords(await loadFlagRecords(db, asOf, scope), asOf);
}
