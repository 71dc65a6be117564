// The generated council in memory: one array of rows per table, in the shape the database takes them.
import type { Insertable } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Council } from './council.ts';

/** The tables the demo fills, in an order that satisfies every foreign key. */
export const DEMO_TABLES = [
  'team',
  'professional',
  'team_manager',
  'person',
  'relationship',
  'family',
  'address',
  'disability',
  'immigration_status',
  'contact',
  'early_help_episode',
  'cin_episode',
  'assessment',
  'cin_plan',
  'cin_plan_review',
  'strategy_discussion',
  's47_enquiry',
  'icpc',
  'cp_plan',
  'cp_review',
  'core_group_meeting',
  'period_of_care',
  'legal_status',
  'foster_household',
  'placement',
  'cla_episode',
  'cla_review',
  'visit',
  'iro_contact',
  'health_check',
  'immunisation',
  'sdq_score',
  'substance_misuse',
  'conviction',
  'missing_episode',
  'pep',
  'permanence_plan',
  'previous_permanence',
  'adoption',
  'care_leaver',
  'pathway_plan',
  'pa_contact',
  'involvement',
  'supervision',
  'case_note',
  'management_oversight',
  'council_setting',
] as const satisfies readonly (keyof DB)[];

export type DemoTable = (typeof DEMO_TABLES)[number];

/** A row as generated: the table's insertable columns without the common bookkeeping ones. */
export type Row<T extends DemoTable> = Omit<Insertable<DB[T]>, 'created_at' | 'updated_at' | 'version' | 'deleted_at'>;

export type Tables = { [T in DemoTable]: Row<T>[] };

export function emptyTables(): Tables {
  return Object.fromEntries(DEMO_TABLES.map((t) => [t, []])) as unknown as Tables;
}

export interface GeneratedCouncil {
  council: Council;
  seed: number;
  scale: number;
  years: number;
  asOf: IsoDate;
  /** First day of the `years` of history: the day after the same date `years` earlier. */
  windowStart: IsoDate;
  tables: Tables;
}
