// The SSDA903 return as typed data: one list of rows per DfE table, each row keyed by the DfE's column
// names, so a finding's field is the column a council would look for in the CSV.
//
// Values are kept as text, as a CSV holds them: dates as ISO `YYYY-MM-DD` when they are dates (the CSVs
// write dd/mm/yyyy), anything else exactly as read, so a rule can report a date that is not one; codes
// upper-cased as the DfE's tool reads them. `null` is a blank cell.

export const TABLES = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  uasc: ['CHILD', 'SEX', 'DOB', 'DUC'],
  oc2: ['CHILD', 'DOB', 'SDQ_SCORE', 'SDQ_REASON', 'CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'],
  oc3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  ad1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  placed_for_adoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  previous_permanence: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
  missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  sw_episodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
} as const;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
export type Column<T extends TableName> = (typeof TABLES)[T][number];
export type Row<T extends TableName> = { [C in Column<T>]: string | null };

/** The DfE's name for each table (as its validator and rule list spell them). */
export const DFE_TABLE_NAME: Record<TableName, string> = {
  header: 'Header', episodes: 'Episodes', reviews: 'Reviews', uasc: 'UASC', oc2: 'OC2', oc3: 'OC3', ad1: 'AD1',
  placed_for_adoption: 'PlacedAdoption', previous_permanence: 'PrevPerm', missing: 'Missing', sw_episodes: 'SWEpisodes',
};

export type Tables = { [T in TableName]: Array<Row<T>> };

export interface Ssda903 {
  /** The collection year, named by the year it ends: 2026 = 2025/26 (1 April 2025 to 31 March 2026). */
  year: number;
  tables: Tables;
}

export function emptyTables(): Tables {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as Tables;
}

/** A row of `table` with every column blank, then `values`. */
export function row<T extends TableName>(table: T, values: Partial<Row<T>>): Row<T> {
  const r = Object.fromEntries(TABLES[table].map((c) => [c, null])) as Row<T>;
  return Object.assign(r, values);
}

/** One problem found by one rule, in one row of one table (or the return as a whole when `childId` is null). */
export interface Finding {
  rule: string;
  /** The table the finding is in. */
  table: TableName;
  childId: string | null;
  field: string;
  message: string;
  /** The row within its table's CSV, counting from 1 after the header line. */
  row?: number;
  value?: string;
}

export interface NotRun {
  code: string;
  message: string;
  reason: string;
}
