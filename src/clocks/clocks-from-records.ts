import type { IsoDate } from '../platform/calendar/calendar.ts';
import { compareClockInstances, type ClockInstance } from './clock-instance.ts';
import type { ClockRecords } from './clock-records.ts';
import { runClock, type ClockSettings } from './engine.ts';
import { reportingPeriod } from './period.ts';
import { CLOCK_RULES } from './rules.ts';
import { buildSubjects } from './subjects.ts';

/**
 * Every clock instance INTERFACES.md lists as at `asOf` (open then, or due or completed in the 12 months
 * ending then), in a deterministic order. Pure: the records may come from the database or a test.
 */
export function clocksFromRecords(records: ClockRecords, asOf: IsoDate, settings: ClockSettings = {}): ClockInstance[] {
  const period = reportingPeriod(asOf);
  const subjectsOf = buildSubjects(records);
  const instances: ClockInstance[] = [];
  for (const rule of CLOCK_RULES) {
    for (const subject of subjectsOf(rule.id)) {
      for (const instance of runClock(rule, subject, asOf, settings, period)) instances.push(instance);
    }
  }
  return instances.sort(compareClockInstances);
}
