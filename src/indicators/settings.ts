// Council settings the indicators read (council_setting: id = key, value = jsonb). Both are figures
// the records cannot give: the child population for rates per 10,000 and the funded social-worker
// establishment for the vacancy rate. Each may be one number, or a list of numbers with the date each
// took effect, so a monthly series uses the figure in force at each month end.
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { isIsoDate, type IsoDate } from '../platform/calendar/calendar.ts';

export const INDICATOR_SETTING_KEYS = {
  /** ONS mid-year estimate of the council's population aged 0 to 17. */
  childPopulation: 'child_population_0_17',
  /** Funded children's social worker posts, FTE (permanent posts, filled or not). */
  establishmentFte: 'social_worker_establishment_fte',
} as const;

export interface DatedFigure {
  /** In force from this date; null when the figure has no date (in force always). */
  from: IsoDate | null;
  value: number;
}

export interface IndicatorSettings {
  childPopulation: DatedFigure[];
  establishmentFte: DatedFigure[];
}

export const NO_SETTINGS: IndicatorSettings = { childPopulation: [], establishmentFte: [] };

/** `12345` or `[{"from": "2025-04-01", "value": 12345}, …]`; anything else is refused, not guessed. */
export function parseDatedFigures(key: string, value: unknown): DatedFigure[] {
  const bad = () => new AppError('BAD_INPUT', `Council setting ${key} must be a number or a list of {"from": "YYYY-MM-DD", "value": number}, not ${JSON.stringify(value)}`);
  const isFigure = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (isFigure(value)) return [{ from: null, value }];
  if (!Array.isArray(value)) throw bad();
  const out = value.map((item: unknown) => {
    const { from, value: v } = (item ?? {}) as { from?: unknown; value?: unknown };
    if (typeof from !== 'string' || !isIsoDate(from) || !isFigure(v)) throw bad();
    return { from, value: v };
  });
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The figure in force on `on`: the latest one dated on or before it (an undated figure always applies). */
export function figureOn(figures: readonly DatedFigure[], on: IsoDate): number | null {
  let found: number | null = null;
  for (const f of figures) if (f.from === null || f.from <= on) found = f.value;
  return found;
}

export async function loadIndicatorSettings(db: Db): Promise<IndicatorSettings> {
  const rows = await db
    .selectFrom('council_setting')
    .select(['id', 'value'])
    .where('id', 'in', Object.values(INDICATOR_SETTING_KEYS))
    .where('deleted_at', 'is', null)
    .execute();
  const settings: IndicatorSettings = { childPopulation: [], establishmentFte: [] };
  for (const row of rows) {
    if (row.id === INDICATOR_SETTING_KEYS.childPopulation) settings.childPopulation = parseDatedFigures(row.id, row.value);
    if (row.id === INDICATOR_SETTING_KEYS.establishmentFte) settings.establishmentFte = parseDatedFigures(row.id, row.value);
  }
  return settings;
}
