// Council settings an administrator may change (council_setting: id = key, value = jsonb; no row, or a
// soft-deleted one, means "not set": the code that reads the key uses its default or goes without).
// Each key is declared once here: its label, its form, the JSON the API takes, and a check with the same
// parser its reader uses, so that nothing this page saves can break a clock, an indicator or a return.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { isIsoDate } from '../platform/calendar/calendar.ts';
import type { FormField } from '../platform/http/case-form.ts';
import type { Audit } from '../audit/audit.ts';
import { CLOCK_SETTING_DEFAULTS, parseClockSetting } from '../clocks/clock-settings.ts';
import type { CouncilSettingKey, Interval, IntervalUnit } from '../clocks/rules.ts';
import { INDICATOR_SETTING_KEYS, parseDatedFigures } from '../indicators/settings.ts';

export type SettingGroup = 'Statutory clocks' | 'Indicators' | 'Statutory returns';

export interface SettingDefinition {
  key: string;
  label: string;
  group: SettingGroup;
  /** What it changes, for the page. */
  hint: string;
  fields: FormField[];
  /** What "not set" means, e.g. "the default, 10 working days". */
  whenNotSet: string;
  /** The JSON the API takes (null: not set). */
  apiValue: z.ZodType;
  /** The stored value (undefined: not set) as form values. */
  toForm(value: unknown): Record<string, string>;
  /** The form's answers as the value to store (null: not set); throws BAD_INPUT with a message per field. */
  fromForm(body: Record<string, unknown>): unknown;
  /** The value in words. */
  show(value: unknown): string;
  /** Checks a value with its reader's own parser and returns its normal form. */
  normalise(value: unknown): unknown;
}

const UNIT_WORDS: Record<IntervalUnit, [string, string]> = {
  working_days: ['working day', 'working days'],
  days: ['day', 'days'],
  weeks: ['week', 'weeks'],
  calendar_months: ['calendar month', 'calendar months'],
};
const UNITS = Object.keys(UNIT_WORDS) as IntervalUnit[];

export function showInterval(i: Interval): string {
  return `${i.n} ${UNIT_WORDS[i.unit][i.n === 1 ? 0 : 1]}`;
}

function bad(fieldErrors: FieldError[]): never {
  throw new AppError('BAD_INPUT', 'Check the setting you entered', { fieldErrors });
}

function text(body: Record<string, unknown>, name: string, max = 2000): string {
  const v = body[name];
  if (v !== undefined && typeof v !== 'string') bad([{ field: name, message: 'Enter one value' }]);
  const s = (v ?? '').trim();
  if (s.length > max) bad([{ field: name, message: `Must be ${max} characters or fewer` }]);
  return s;
}

function intervalSetting(key: CouncilSettingKey, label: string, hint: string): SettingDefinition {
  const dflt = CLOCK_SETTING_DEFAULTS[key];
  return {
    key,
    label,
    group: 'Statutory clocks',
    hint,
    whenNotSet: `the default, ${showInterval(dflt)}`,
    fields: [
      { name: 'n', label: 'How many', type: 'text', classes: 'govuk-input--width-4', hint: `A whole number from 1 to 366. Leave blank to use the default, ${showInterval(dflt)}.` },
      { name: 'unit', label: 'Of what', type: 'radios', options: UNITS.map((u) => ({ value: u, text: UNIT_WORDS[u][1].replace(/^./, (c) => c.toUpperCase()) })) },
    ],
    apiValue: z.union([z.object({ unit: z.enum(UNITS), n: z.number().int().min(1).max(366) }).strict(), z.null()]),
    toForm: (value) => {
      if (value === undefined) return { n: '', unit: dflt.unit };
      const i = parseClockSetting(key, value);
      return { n: String(i.n), unit: i.unit };
    },
    fromForm: (body) => {
      const n = text(body, 'n', 100);
      const unit = text(body, 'unit', 40);
      if (n === '') return null;
      const errors: FieldError[] = [];
      if (!/^\d{1,3}$/.test(n) || Number(n) < 1 || Number(n) > 366) errors.push({ field: 'n', message: 'Enter a whole number from 1 to 366' });
      if (!(UNITS as string[]).includes(unit)) errors.push({ field: 'unit', message: 'Choose working days, days, weeks or calendar months' });
      if (errors.length) bad(errors);
      return { unit, n: Number(n) };
    },
    show: (value) => (value === undefined || value === null ? `Not set (${showInterval(dflt)}, the default)` : showInterval(parseClockSetting(key, value))),
    normalise: (value) => parseClockSetting(key, value),
  };
}

const FIGURE_LINE = /^(?:(\d{4}-\d{2}-\d{2})\s+)?(\d[\d,]*(?:\.\d+)?)$/;

function figuresSetting(key: string, label: string, hint: string, options: { whole: boolean; max: number }): SettingDefinition {
  const ok = (n: number) => Number.isFinite(n) && n >= 0 && n <= options.max && (!options.whole || Number.isInteger(n));
  const what = options.whole ? `a whole number up to ${options.max.toLocaleString('en-GB')}` : `a number up to ${options.max.toLocaleString('en-GB')}`;
  const figure = z.number().refine(ok, `Must be ${what}`);
  return {
    key,
    label,
    group: 'Indicators',
    hint,
    whenNotSet: 'not set: the indicators that need it show no value',
    fields: [
      {
        name: 'figures',
        label: 'Figures',
        type: 'textarea',
        hint: `One figure per line, each with the date it took effect written YYYY-MM-DD, for example "2025-04-01 41250". A single figure may have no date (it applies always). Leave blank if not known.`,
      },
    ],
    apiValue: z.union([figure, z.array(z.object({ from: z.string().refine(isIsoDate, 'Must be a real date written YYYY-MM-DD'), value: figure }).strict()).min(1).max(200), z.null()]),
    toForm: (value) => {
      if (value === undefined) return { figures: '' };
      const list = parseDatedFigures(key, value);
      return { figures: list.map((f) => (f.from ? `${f.from} ${f.value}` : String(f.value))).join('\n') };
    },
    fromForm: (body) => {
      const lines = text(body, 'figures', 10_000).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      if (lines.length === 0) return null;
      if (lines.length > 200) bad([{ field: 'figures', message: 'Enter 200 figures or fewer' }]);
      const out: Array<{ from: string | null; value: number }> = [];
      for (const [i, line] of lines.entries()) {
        const m = FIGURE_LINE.exec(line);
        const value = m ? Number(m[2]!.replace(/,/g, '')) : NaN;
        if (!m || (m[1] !== undefined && !isIsoDate(m[1])) || !ok(value)) {
          bad([{ field: 'figures', message: `Line ${i + 1}: write the date as YYYY-MM-DD, then ${what}, for example "2025-04-01 41250"` }]);
        }
        out.push({ from: m[1] ?? null, value });
      }
      if (out.length === 1 && out[0]!.from === null) return out[0]!.value;
      if (out.some((f) => f.from === null)) bad([{ field: 'figures', message: 'When there is more than one figure, give each the date it took effect' }]);
      const dates = out.map((f) => f.from!);
      if (new Set(dates).size !== dates.length) bad([{ field: 'figures', message: 'Give each date only one figure' }]);
      return out.sort((a, b) => (a.from! < b.from! ? -1 : 1));
    },
    show: (value) => {
      if (value === undefined || value === null) return 'Not set';
      return parseDatedFigures(key, value).map((f) => (f.from ? `${f.value.toLocaleString('en-GB')} from ${f.from}` : f.value.toLocaleString('en-GB'))).join('; ');
    },
    normalise: (value) => {
      const list = parseDatedFigures(key, value);
      if (!list.every((f) => ok(f.value))) throw new AppError('BAD_INPUT', `Each figure must be ${what}`, { fieldErrors: [{ field: 'value', message: `Each figure must be ${what}` }] });
      if (typeof value === 'number') return value;
      if (new Set(list.map((f) => f.from)).size !== list.length) throw new AppError('BAD_INPUT', 'Give each date only one figure', { fieldErrors: [{ field: 'value', message: 'Give each date only one figure' }] });
      return list;
    },
  };
}

const laCode: SettingDefinition = {
  key: 'la_code',
  label: 'DfE local authority code',
  group: 'Statutory returns',
  hint: 'The three-digit code the Department for Education gives the council (for example 201), written into the CIN census and other returns.',
  whenNotSet: 'not set: returns cannot be made (the demo council uses its own code)',
  fields: [{ name: 'laCode', label: 'LA code', type: 'text', classes: 'govuk-input--width-4', hint: 'Three digits, for example 201. Leave blank if not known.' }],
  apiValue: z.union([z.string().regex(/^\d{3}$/, 'Must be three digits'), z.null()]),
  toForm: (value) => ({ laCode: value === undefined || value === null ? '' : String(typeof value === 'object' ? ((value as { code?: unknown }).code ?? (value as { laCode?: unknown }).laCode ?? '') : value) }),
  fromForm: (body) => {
    const v = text(body, 'laCode', 100);
    if (v === '') return null;
    if (!/^\d{3}$/.test(v)) bad([{ field: 'laCode', message: 'Enter the LA code as three digits, for example 201' }]);
    return v;
  },
  show: (value) => (value === undefined || value === null ? 'Not set' : String(typeof value === 'object' ? JSON.stringify(value) : value)),
  normalise: (value) => {
    if (typeof value !== 'string' || !/^\d{3}$/.test(value)) throw new AppError('BAD_INPUT', 'The LA code must be three digits', { fieldErrors: [{ field: 'value', message: 'Must be three digits' }] });
    return value;
  },
};

/** Every council setting the code reads, in the order the page lists them. */
export const COUNCIL_SETTINGS: readonly SettingDefinition[] = [
  intervalSetting('cp_visit_interval', 'Visits to children on a child protection plan', 'How often a child on a child protection plan must be visited: the cp-visit clock (from the plan start, then from each visit).'),
  intervalSetting('cin_visit_interval', 'Visits to children on a child in need plan', 'How often a child on a child in need plan must be visited: the cin-visit clock (from the plan start, then from each visit).'),
  intervalSetting('supervision_interval', 'Supervision of workers', 'How often each worker must have supervision: the supervision clock (from each supervision).'),
  figuresSetting(INDICATOR_SETTING_KEYS.childPopulation, 'Child population aged 0 to 17', 'The ONS mid-year estimate of the council’s population aged 0 to 17: the denominator of rates per 10,000 children.', { whole: true, max: 10_000_000 }),
  figuresSetting(INDICATOR_SETTING_KEYS.establishmentFte, 'Social worker establishment (FTE)', 'Funded children’s social worker posts, full-time equivalent, filled or not: the denominator of the vacancy rate.', { whole: false, max: 100_000 }),
  laCode,
];

export function settingDefinition(key: string): SettingDefinition {
  const def = COUNCIL_SETTINGS.find((d) => d.key === key);
  if (!def) throw new AppError('NOT_FOUND', 'There is no such setting');
  return def;
}

export interface CouncilSettingState {
  key: string;
  /** The stored value; undefined when not set. */
  value: unknown;
  /** The version the next change must name: 0 when the key has never been stored. */
  version: number;
}

export async function readCouncilSetting(db: Db, key: string): Promise<CouncilSettingState> {
  settingDefinition(key);
  const row = await db.selectFrom('council_setting').select(['value', 'version', 'deleted_at']).where('id', '=', key).executeTakeFirst();
  return { key, value: row && row.deleted_at === null ? row.value : undefined, version: row?.version ?? 0 };
}

export async function readCouncilSettings(db: Db): Promise<CouncilSettingState[]> {
  const rows = await db.selectFrom('council_setting').select(['id', 'value', 'version', 'deleted_at']).where('id', 'in', COUNCIL_SETTINGS.map((d) => d.key)).execute();
  return COUNCIL_SETTINGS.map((d) => {
    const row = rows.find((r) => r.id === d.key);
    return { key: d.key, value: row && row.deleted_at === null ? row.value : undefined, version: row?.version ?? 0 };
  });
}

/** A stored value shown safely even when it is malformed (set by hand in the database): the page must still open. */
export function showSetting(def: SettingDefinition, value: unknown): string {
  try {
    return def.show(value);
  } catch {
    return `Not readable: ${JSON.stringify(value).slice(0, 100)} (change it here to fix it)`;
  }
}

/**
 * Saves one setting (null: not set) if, and only if, it is still at `expectedVersion`; writes the audit row
 * with the before/after difference in the same transaction. A stale write is refused with what changed since.
 * Call it with the transaction.
 */
export async function saveCouncilSetting(trx: Db, audit: Audit, key: string, expectedVersion: number, value: unknown): Promise<CouncilSettingState> {
  const def = settingDefinition(key);
  const stored = value === null ? null : def.normalise(value);
  const row = await trx.selectFrom('council_setting').selectAll().where('id', '=', key).forUpdate().executeTakeFirst();
  const current = row ?? null;
  if ((current?.version ?? 0) !== expectedVersion) throw await conflict(trx, def, expectedVersion, current);
  const beforeValue = current && current.deleted_at === null ? current.value : null;
  if (JSON.stringify(beforeValue) === JSON.stringify(stored)) return { key, value: stored ?? undefined, version: expectedVersion };
  let version: number;
  if (!current) {
    const inserted = await trx.insertInto('council_setting').values({ id: key, value: JSON.stringify(stored) }).onConflict((oc) => oc.column('id').doNothing()).returning('version').executeTakeFirst();
    if (!inserted) throw await conflict(trx, def, expectedVersion, null);
    version = inserted.version;
  } else {
    const updated = await trx
      .updateTable('council_setting')
      .set({ ...(stored === null ? { deleted_at: sql<Date>`now()` } : { value: JSON.stringify(stored), deleted_at: null }), version: expectedVersion + 1 })
      .where('id', '=', key)
      .where('version', '=', expectedVersion)
      .returning('version')
      .executeTakeFirstOrThrow();
    version = updated.version;
  }
  await audit.write(trx, {
    action: !current ? 'create' : stored === null ? 'delete' : 'update',
    entityType: 'council_setting',
    entityId: key,
    personId: null,
    before: current ? { value: beforeValue, version: current.version } : null,
    after: { value: stored, version },
    what: `council setting ${key}`,
  });
  return { key, value: stored ?? undefined, version };
}

/** CONFLICT saying what changed since `expectedVersion`: from the audit where it recorded the change, else the value now. */
async function conflict(trx: Db, def: SettingDefinition, expectedVersion: number, current: { value: unknown; version: number; deleted_at: Date | null } | null): Promise<AppError> {
  const field = def.fields[0]!.name;
  const events = await trx
    .selectFrom('audit_event')
    .select(['diff', 'username', 'occurred_at', 'entity_version'])
    .where('entity_type', '=', 'council_setting')
    .where('entity_id', '=', def.key)
    .where('entity_version', '>', expectedVersion)
    .where('action', 'in', ['create', 'update', 'delete'])
    .orderBy('id')
    .execute();
  const at = (d: Date) => new Date(d).toISOString().slice(0, 16).replace('T', ' ');
  const fieldErrors: FieldError[] = events.map((e) => {
    const after = ((e.diff ?? {}) as Record<string, { after: unknown }>).value?.after ?? null;
    return { field, message: `${def.label} was changed to ${showSetting(def, after)} by ${e.username ?? 'another user'} at ${at(e.occurred_at)} UTC (version ${e.entity_version})` };
  });
  if (fieldErrors.length === 0) {
    const now = current && current.deleted_at === null ? current.value : null;
    fieldErrors.push({ field, message: `${def.label} is now ${showSetting(def, now)} (version ${current?.version ?? 0})` });
  }
  return new AppError('CONFLICT', 'Someone else changed this setting after you opened it, so your change was not saved. Check what they changed, then make your change again.', {
    internal: `stale write to council_setting ${def.key}: based on version ${expectedVersion}, now ${current?.version ?? 0}`,
    fieldErrors,
  });
}
