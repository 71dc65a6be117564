import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Db } from '../platform/db/connect.ts';
import type { ClockInstance } from './clock-instance.ts';
import { loadClockSettings } from './clock-settings.ts';
import { clocksFromRecords } from './clocks-from-records.ts';
import { loadClockRecords, type ClockScope } from './load-clock-records.ts';

/** Every statutory clock instance as at `asOf` (INTERFACES.md `tiller clocks`), optionally for some children only. */
export async function computeClocks(db: Db, asOf: IsoDate, scope: ClockScope = {}): Promise<ClockInstance[]> {
  const [records, settings] = await Promise.all([loadClockRecords(db, asOf, scope), loadClockSettings(db)]);
  return clocksFromRecords(records, asOf, settings);
}
