// Council settings for the clocks a council may change (council_setting: id = key, value = jsonb).
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import type { ClockSettings } from './engine.ts';
import { CLOCK_RULES, type CouncilSettingKey, type Interval, type IntervalUnit } from './rules.ts';

const UNITS: readonly IntervalUnit[] = ['working_days', 'days', 'weeks', 'calendar_months'];

/** The setting keys and their defaults: each configurable rule's interval in rules.ts. */
export const CLOCK_SETTING_DEFAULTS: Readonly<Record<CouncilSettingKey, Interval>> = Object.fromEntries(
  CLOCK_RULES.filter((r) => r.councilSetting).map((r) => [r.councilSetting, r.due.at(-1)!.interval]),
) as Record<CouncilSettingKey, Interval>;

/**
 * A setting's value is `{ "unit": "working_days", "n": 15 }`, or a bare number of the default's unit
 * (`15` for cp_visit_interval means 15 working days). Anything else is refused rather than guessed.
 */
export function parseClockSetting(key: CouncilSettingKey, value: unknown): Interval {
  const fallbackUnit = CLOCK_SETTING_DEFAULTS[key].unit;
  const candidate =
    typeof value === 'number' ? { unit: fallbackUnit, n: value } : typeof value === 'object' && value !== null ? (value as { unit?: unknown; n?: unknown }) : {};
  const { unit, n } = candidate;
  if (typeof unit === 'string' && (UNITS as readonly string[]).includes(unit) && typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 366) {
    return { unit: unit as IntervalUnit, n };
  }
  throw new AppError('BAD_INPUT', `Council setting ${key} must be {"unit": one of ${UNITS.join(', ')}, "n": a whole number from 1 to 366}, not ${JSON.stringify(value)}`);
}

export function clockSettingsFrom(rows: readonly { id: string; value: unknown }[]): ClockSettings {
  const settings: ClockSettings = {};
  for (const row of rows) {
    if (row.id in CLOCK_SETTING_DEFAULTS) settings[row.id as CouncilSettingKey] = parseClockSetting(row.id as CouncilSettingKey, row.value);
  }
  return settings;
}

export async function loadClockSettings(db: Db): Promise<ClockSettings> {
  const rows = await db
    .selectFrom('council_setting')
    .select(['id', 'value'])
    .where('id', 'in', Object.keys(CLOCK_SETTING_DEFAULTS))
    .where('deleted_at', 'is', null)
    .execute();
  return clockSettingsFrom(rows);
}
