// Every SSD table Tiller holds, column by column: where each SSD v1.4.5 column goes in Tiller's data
// model and how it is read on import and written on export. Import and export both work from this one
// list, so they cannot drift apart. The columns are in the SSD's own order (the deployed SystemC script,
// 1.4.5), which is the order an export writes. docs/ssd.md explains the choices.
import type { DB } from '../../platform/db/schema.ts';
import * as codes from '../../platform/codes.ts';
import { jsonFlagSet } from './values.ts';

export type TillerTable = keyof DB;
export type CodeList = Readonly<Record<string, string>>;

export type ColumnType =
  /** A Tiller id (at most 36 of A–Z, a–z, 0–9, _ and -): the row's own, or another id it keeps. */
  | { kind: 'id' }
  /** The id of a record in another table, which must be in the extract or already in the database. */
  | { kind: 'ref'; target: TillerTable }
  | { kind: 'text'; max?: number; pattern?: { re: RegExp; says: string } }
  /** A DfE code (any letter case is read); `synonyms` are other spellings read as a code. */
  | { kind: 'code'; list: CodeList; synonyms?: Readonly<Record<string, string>> }
  | { kind: 'date' }
  | { kind: 'flag' }
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number; decimals?: number }
  | { kind: 'json'; shape: 'object' | 'array' };

export interface SsdColumn {
  /** The SSD column name (v1.4.5). */
  name: string;
  /** The Tiller column it fills and is exported from, or null where the table's own code handles it. */
  to: string | null;
  type: ColumnType;
  /** Tiller needs a value. */
  required?: boolean;
  /** A flag Tiller keeps as yes or no (never unknown): a blank reads as N. */
  blankIsNo?: boolean;
  /** Other values read as blank (the SSD writes `NA` for return interviews that do not apply). */
  alsoBlank?: readonly string[];
  /** In the deployed 1.4.5 script but not every 1.4.x specification: an extract may lack it; Tiller's value is then left as it is. */
  mayBeAbsent?: boolean;
  /** Other names the column has had. */
  aliases?: readonly string[];
  /** How the export reads the value (SQL over `t`, the table's row), when it is not `t.<to>`. */
  exportSql?: string;
}

export type Row = Record<string, unknown>;
export type Values = Record<string, unknown>;
export type Report = (column: string, reason: string) => void;

export interface SsdTable {
  /** The SSD table, and so the file name without `.csv`. */
  name: string;
  /** The Tiller table its rows become. */
  target: TillerTable;
  /** The column that keys a row (its SSD id). */
  key: string;
  columns: SsdColumn[];
  /** Values every imported row gets (e.g. the visit type). */
  fixed?: Row;
  /** Other records an extract row brings with it: ssd_cla_episodes names periods of care. */
  alsoProduces?: { target: TillerTable; column: string };
  /** Checks across a row's values, on the Tiller row: the SSD column at fault and why, or null. */
  rules?: ReadonlyArray<(row: Row) => { column: string; reason: string } | null>;
  /** Fills Tiller columns read from others (JSON blobs and the like); `extra` holds the SSD columns with no Tiller column. */
  derive?: (row: Row, extra: Values, report: Report) => void;
  /** The export's FROM additions (joins on `t`) and WHERE conditions. */
  exportJoin?: string;
  exportWhere?: string;
  /** When the SSD keeps one row where Tiller may have several (immunisations): SQL `distinct on` and order. */
  exportDistinctOn?: { on: string; order: string };
}

// ------------------------------------------------------------------------------------------- helpers

const id = (name: string, to: string, extra: Partial<SsdColumn> = {}): SsdColumn => ({ name, to, type: { kind: 'id' }, required: true, ...extra });
const ref = (name: string, to: string | null, target: TillerTable, extra: Partial<SsdColumn> = {}): SsdColumn => ({ name, to, type: { kind: 'ref', target }, ...extra });
const person = (name: string, to = 'person_id'): SsdColumn => ref(name, to, 'person', { required: true });
const worker = (name: string): SsdColumn => ref(name, 'worker_id', 'professional');
const team = (name: string): SsdColumn => ref(name, 'team_id', 'team');
const referral = (name: string, required = true): SsdColumn => ref(name, 'cin_episode_id', 'cin_episode', { required });
const text = (name: string, to: string | null, extra: Partial<SsdColumn> & { max?: number } = {}): SsdColumn => {
  const { max, ...rest } = extra;
  return { name, to, type: max === undefined ? { kind: 'text' } : { kind: 'text', max }, ...rest };
};
const date = (name: string, to: string | null, extra: Partial<SsdColumn> = {}): SsdColumn => ({ name, to, type: { kind: 'date' }, ...extra });
const flag = (name: string, to: string | null, extra: Partial<SsdColumn> = {}): SsdColumn => ({ name, to, type: { kind: 'flag' }, ...extra });
const code = (name: string, to: string, list: CodeList, extra: Partial<SsdColumn> = {}): SsdColumn => ({ name, to, type: { kind: 'code', list }, ...extra });
const int = (name: string, to: string, min = 0, max = 2_147_483_647): SsdColumn => ({ name, to, type: { kind: 'int', min, max } });
const json = (name: string, to: string | null, shape: 'object' | 'array', exportSql?: string): SsdColumn =>
  exportSql === undefined ? { name, to, type: { kind: 'json', shape } } : { name, to, type: { kind: 'json', shape }, exportSql };

/** end on or after start (a database CHECK), reported against the end's SSD column. */
const endNotBefore = (end: string, start: string, column: string) => (row: Row) =>
  row[end] != null && row[start] != null && (row[end] as string) < (row[start] as string) ? { column, reason: `is before ${start.replace(/_/g, ' ')} (${String(row[start])})` } : null;

// Code lists codes.ts does not hold (yet): 903 SDQ reasons, previous permanence options, missing episode
// types, and the health checks Tiller distinguishes.
const SDQ_REASONS = { SDQ1: 'No form returned: child aged under 4 or over 17', SDQ2: 'Carer refused', SDQ3: 'Not possible: severity of disability', SDQ4: 'Other', SDQ5: 'Child or young person refuses' } as const;
const PREVIOUS_PERMANENCE = { P1: 'Adoption', P2: 'Special guardianship order', P3: 'Residence order or child arrangements order', Z1: 'Unknown' } as const;
const MISSING_TYPES = { MISSING: 'Missing', AWAY: 'Away from placement without authorisation' } as const;
const HEALTH_CHECK_TYPES = { initial_health_assessment: 'Initial health assessment', review_health_assessment: 'Review health assessment', dental: 'Dental check', optician: 'Sight test' } as const;
// SystemC writes its own descriptions of health checks; these are the ones read as Tiller's four.
const HEALTH_CHECK_SYNONYMS: Readonly<Record<string, string>> = {
  'initial health assessment': 'initial_health_assessment', iha: 'initial_health_assessment', initial: 'initial_health_assessment',
  'review health assessment': 'review_health_assessment', rha: 'review_health_assessment', review: 'review_health_assessment', 'health assessment': 'review_health_assessment', 'annual health assessment': 'review_health_assessment',
  'dental check': 'dental', dentist: 'dental', 'dental check up': 'dental',
  'sight test': 'optician', 'eye test': 'optician', optical: 'optician', 'optician check': 'optician',
};

/** The permanence plan options of lacp_cla_care_plan_json, in the SSD's order. */
const CARE_PLAN_OPTIONS = ['REMAINSUP', 'RETURN1M', 'RETURN6M', 'RETURNEV', 'LTRELFR', 'LTFOST18', 'RESPLMT', 'SUPPLIV', 'ADOPTION', 'OTHERPLN'] as const;

/** The keys of a JSON blob marked yes, in capitals. */
function yesKeys(json: unknown): string[] {
  return Object.entries(json as Record<string, unknown>)
    .filter(([, v]) => jsonFlagSet(v))
    .map(([k]) => k.toUpperCase());
}

/** A JSON flag as Tiller keeps it: yes, no, or not said. */
function jsonFlag(json: unknown, key: string): boolean | null {
  const entry = Object.entries(json as Record<string, unknown>).find(([k]) => k.toUpperCase() === key);
  if (!entry || entry[1] === null || entry[1] === '') return null;
  return jsonFlagSet(entry[1]);
}

const ADDRESS_PARTS = ['ROOM', 'FLOOR', 'FLAT', 'BUILDING'] as const;

function addressField(json: Record<string, unknown>, key: string): string | null {
  const entry = Object.entries(json).find(([k]) => k.toUpperCase() === key);
  const v = entry?.[1];
  return v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim();
}

// ------------------------------------------------------------------------------------------- tables

/** Every SSD table Tiller holds, in an order where each table comes after those its rows must name. */
export const SSD_TABLES: readonly SsdTable[] = [
  {
    name: 'ssd_department',
    target: 'team',
    key: 'dept_team_id',
    columns: [
      id('dept_team_id', 'id'),
      text('dept_team_name', 'name', { required: true }),
      ref('dept_team_parent_id', 'parent_id', 'team'),
      text('dept_team_parent_name', null, { exportSql: 'parent.name' }),
    ],
    exportJoin: 'left join team parent on parent.id = t.parent_id',
  },
  {
    name: 'ssd_professionals',
    target: 'professional',
    key: 'prof_professional_id',
    columns: [
      id('prof_professional_id', 'id'),
      text('prof_staff_id', 'staff_id'),
      text('prof_professional_name', 'name', { required: true }),
      text('prof_social_worker_registration_no', 'swe_registration_no'),
      flag('prof_agency_worker_flag', 'agency', { blankIsNo: true }),
      text('prof_professional_job_title', 'job_title'),
      int('prof_professional_caseload', 'caseload'),
      text('prof_professional_department', 'department', { exportSql: 'coalesce(t.department, dept.name)' }),
      { name: 'prof_full_time_equivalency', to: 'fte', type: { kind: 'number', min: 0.01, max: 1.5, decimals: 2 } },
    ],
    exportJoin: 'left join team dept on dept.id = t.team_id',
  },
  {
    name: 'ssd_person',
    target: 'person',
    key: 'pers_person_id',
    columns: [
      text('pers_legacy_id', 'legacy_id'),
      id('pers_person_id', 'id'),
      { name: 'pers_upn', to: 'upn', type: { kind: 'text', max: 13, pattern: { re: /^[A-Z][0-9]{12}$/, says: 'a UPN (a capital letter and 12 digits)' } }, mayBeAbsent: true },
      text('pers_forename', 'forename', { mayBeAbsent: true }),
      text('pers_surname', 'surname', { mayBeAbsent: true }),
      code('pers_sex', 'sex', codes.SEX),
      text('pers_gender', 'gender'),
      code('pers_ethnicity', 'ethnicity', codes.ETHNICITY),
      date('pers_dob', 'dob'),
      text('pers_single_unique_id', 'nhs_number', { max: 10, mayBeAbsent: true, aliases: ['pers_common_child_id'] }),
      code('pers_upn_unknown', 'upn_unknown', codes.UPN_UNKNOWN),
      text('pers_send_flag', 'send_flag', { max: 5 }),
      date('pers_expected_dob', 'expected_dob'),
      date('pers_death_date', 'death_date'),
      flag('pers_is_mother', 'is_mother', {
        exportSql: `coalesce(t.is_mother, case when exists (select 1 from relationship r where r.related_person_id = t.id and r.relationship = 'mother' and r.deleted_at is null) then true end)`,
      }),
      text('pers_nationality', 'nationality'),
    ],
    rules: [endNotBefore('death_date', 'dob', 'pers_death_date')],
    // The SSD is about children: the adults Tiller records (parents, carers) are not in it.
    exportWhere: `t.person_type = 'child'`,
  },
  {
    name: 'ssd_family',
    target: 'family',
    key: 'fami_table_id',
    columns: [id('fami_table_id', 'id'), id('fami_family_id', 'family_id'), person('fami_person_id')],
  },
  {
    name: 'ssd_address',
    target: 'address',
    key: 'addr_table_id',
    columns: [
      id('addr_table_id', 'id'),
      person('addr_person_id'),
      text('addr_address_type', 'address_type'),
      date('addr_address_start_date', 'start_date'),
      date('addr_address_end_date', 'end_date'),
      text('addr_address_postcode', 'postcode', { max: 8 }),
      json(
        'addr_address_json',
        'address_json',
        'object',
        `coalesce(t.address_json, case when coalesce(t.line1, t.town, t.uprn) is not null then jsonb_strip_nulls(jsonb_build_object('STREET', t.line1, 'TOWN', t.town, 'UPRN', t.uprn)) end)`,
      ),
    ],
    derive(row) {
      const blob = row.address_json as Record<string, unknown> | null | undefined;
      if (!blob) return;
      const street = [addressField(blob, 'HOUSE'), addressField(blob, 'STREET')].filter(Boolean).join(' ');
      const line1 = [...ADDRESS_PARTS.map((k) => addressField(blob, k)), street || null].filter(Boolean).join(', ');
      row.line1 = line1 || null;
      row.town = addressField(blob, 'TOWN');
      row.uprn = addressField(blob, 'UPRN');
    },
  },
  {
    name: 'ssd_disability',
    target: 'disability',
    key: 'disa_table_id',
    columns: [id('disa_table_id', 'id'), person('disa_person_id'), code('disa_disability_code', 'code', codes.DISABILITY, { required: true })],
  },
  {
    name: 'ssd_immigration_status',
    target: 'immigration_status',
    key: 'immi_immigration_status_id',
    columns: [
      id('immi_immigration_status_id', 'id'),
      person('immi_person_id'),
      date('immi_immigration_status_start_date', 'start_date'),
      date('immi_immigration_status_end_date', 'end_date'),
      text('immi_immigration_status', 'status', { required: true }),
    ],
  },
  {
    // A young person who is a mother (903 MOTHER, MC_DOB): Tiller keeps it as the child's relationship.
    name: 'ssd_mother',
    target: 'relationship',
    key: 'moth_table_id',
    columns: [
      id('moth_table_id', 'id'),
      person('moth_person_id', 'related_person_id'),
      person('moth_childs_person_id', 'person_id'),
      date('moth_childs_dob', null, { exportSql: 'c.dob' }),
    ],
    fixed: { relationship: 'mother' },
    rules: [(row) => (row.person_id === row.related_person_id ? { column: 'moth_childs_person_id', reason: 'is the mother herself' } : null)],
    exportJoin: 'join person c on c.id = t.person_id',
    exportWhere: `t.relationship = 'mother'`,
  },
  {
    name: 'ssd_legal_status',
    target: 'legal_status',
    key: 'lega_legal_status_id',
    columns: [
      id('lega_legal_status_id', 'id'),
      person('lega_person_id'),
      code('lega_legal_status', 'code', codes.LEGAL_STATUS, { required: true }),
      date('lega_legal_status_start_date', 'start_date', { required: true }),
      date('lega_legal_status_end_date', 'end_date'),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'lega_legal_status_end_date')],
  },
  {
    name: 'ssd_contacts',
    target: 'contact',
    key: 'cont_contact_id',
    columns: [
      id('cont_contact_id', 'id'),
      person('cont_person_id'),
      date('cont_contact_date', 'contact_date', { required: true }),
      code('cont_contact_source_code', 'source_code', codes.REFERRAL_SOURCES),
      text('cont_contact_source_desc', 'source_desc'),
      // A contact decided in Tiller has a typed outcome and no blob: the export writes the SSD's flags for it.
      json(
        'cont_contact_outcome_json',
        'outcome_json',
        'object',
        `coalesce(t.outcome_json, case when t.outcome is not null then jsonb_build_object(
          'NEW_REFERRAL_FLAG', case when t.outcome in ('referral', 'strategy_discussion') then 'Y' else 'N' end,
          'CP_ENQUIRY_FLAG', case when t.outcome = 'strategy_discussion' then 'Y' else 'N' end,
          'NFA_FLAG', case when t.outcome = 'nfa' then 'Y' else 'N' end,
          'ADVICE_FLAG', case when t.outcome = 'advice' then 'Y' else 'N' end,
          'OTHER_OUTCOMES_EXIST_FLAG', case when t.outcome = 'early_help' then 'Y' else 'N' end,
          'NUMBER_OF_OUTCOMES', 1) end)`,
      ),
    ],
  },
  {
    name: 'ssd_early_help_episodes',
    target: 'early_help_episode',
    key: 'earl_episode_id',
    columns: [
      id('earl_episode_id', 'id'),
      person('earl_person_id'),
      date('earl_episode_start_date', 'start_date', { required: true }),
      date('earl_episode_end_date', 'end_date'),
      text('earl_episode_reason', 'reason'),
      text('earl_episode_end_reason', 'end_reason'),
      text('earl_episode_organisation', 'organisation'),
      worker('earl_episode_worker_id'),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'earl_episode_end_date')],
  },
  {
    name: 'ssd_cin_episodes',
    target: 'cin_episode',
    key: 'cine_referral_id',
    columns: [
      id('cine_referral_id', 'id'),
      person('cine_person_id'),
      date('cine_referral_date', 'referral_date', { required: true }),
      code('cine_cin_primary_need_code', 'primary_need_code', codes.PRIMARY_NEED),
      code('cine_referral_source_code', 'source_code', codes.REFERRAL_SOURCES),
      text('cine_referral_source_desc', 'source_desc'),
      json('cine_referral_outcome_json', 'outcome_json', 'object'),
      flag('cine_referral_nfa', 'referral_nfa', { blankIsNo: true }),
      code('cine_close_reason', 'close_reason', codes.CLOSURE_REASONS),
      date('cine_close_date', 'close_date'),
      team('cine_referral_team'),
      worker('cine_referral_worker_id'),
    ],
    rules: [
      endNotBefore('close_date', 'referral_date', 'cine_close_date'),
      // (undefined: not read, and said so already)
      ({ close_date: closed, close_reason: reason }) =>
        closed === undefined || reason === undefined
          ? null
          : closed !== null && reason === null
            ? { column: 'cine_close_reason', reason: 'is blank for a closed referral: Tiller needs the reason for closure with the closure date' }
            : closed === null && reason !== null
              ? { column: 'cine_close_date', reason: 'is blank but a reason for closure is given: Tiller needs both or neither' }
              : null,
    ],
  },
  {
    name: 'ssd_cin_assessments',
    target: 'assessment',
    key: 'cina_assessment_id',
    columns: [
      id('cina_assessment_id', 'id'),
      person('cina_person_id'),
      referral('cina_referral_id'),
      date('cina_assessment_start_date', 'start_date'),
      flag('cina_assessment_child_seen', 'child_seen'),
      date('cina_assessment_auth_date', 'authorised_date'),
      json(
        'cina_assessment_outcome_json',
        'outcome_json',
        'object',
        `coalesce(t.outcome_json, case when t.outcome_nfa is not null then jsonb_build_object('NFA_FLAG', case when t.outcome_nfa then 'Y' else 'N' end) end)`,
      ),
      flag('cina_assessment_outcome_nfa', 'outcome_nfa'),
      team('cina_assessment_team'),
      worker('cina_assessment_worker_id'),
    ],
    rules: [endNotBefore('authorised_date', 'start_date', 'cina_assessment_auth_date')],
  },
  {
    // Tiller keeps an assessment's factors on the assessment (import-ssd.ts joins them up).
    name: 'ssd_assessment_factors',
    target: 'assessment',
    key: 'cinf_table_id',
    columns: [
      text('cinf_table_id', 'factors_table_id', { required: true, max: 48, exportSql: 'coalesce(t.factors_table_id, t.id)' }),
      ref('cinf_assessment_id', 'id', 'assessment', { required: true, exportSql: 't.id' }),
      json('cinf_assessment_factors_json', 'factors', 'array'),
    ],
    derive(row, _extra, report) {
      const factors = row.factors as unknown[] | null | undefined;
      if (!factors) return;
      const read: string[] = [];
      for (const f of factors) {
        const c = typeof f === 'string' ? f.trim().toUpperCase() : null;
        if (c === null || !Object.prototype.hasOwnProperty.call(codes.ASSESSMENT_FACTORS, c)) report('cinf_assessment_factors_json', `holds ${JSON.stringify(f)}, which is not a CIN assessment factor code`);
        else if (!read.includes(c)) read.push(c);
      }
      row.factors = read;
    },
    exportWhere: `(cardinality(t.factors) > 0 or t.factors_table_id is not null)`,
  },
  {
    name: 'ssd_cin_plans',
    target: 'cin_plan',
    key: 'cinp_cin_plan_id',
    columns: [
      id('cinp_cin_plan_id', 'id'),
      referral('cinp_referral_id'),
      person('cinp_person_id'),
      date('cinp_cin_plan_start_date', 'start_date', { required: true }),
      date('cinp_cin_plan_end_date', 'end_date'),
      team('cinp_cin_plan_team'),
      worker('cinp_cin_plan_worker_id'),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'cinp_cin_plan_end_date')],
  },
  {
    name: 'ssd_cin_visits',
    target: 'visit',
    key: 'cinv_cin_visit_id',
    columns: [
      id('cinv_cin_visit_id', 'id'),
      person('cinv_person_id'),
      date('cinv_cin_visit_date', 'visit_date', { required: true }),
      flag('cinv_cin_visit_seen', 'seen'),
      flag('cinv_cin_visit_seen_alone', 'seen_alone'),
      flag('cinv_cin_visit_bedroom', 'seen_bedroom'),
    ],
    fixed: { visit_type: 'cin' },
    exportWhere: `t.visit_type = 'cin'`,
  },
  {
    name: 'ssd_s47_enquiry',
    target: 's47_enquiry',
    key: 's47e_s47_enquiry_id',
    columns: [
      id('s47e_s47_enquiry_id', 'id'),
      referral('s47e_referral_id'),
      person('s47e_person_id'),
      date('s47e_s47_start_date', 'start_date'),
      date('s47e_s47_end_date', 'end_date'),
      flag('s47e_s47_nfa', 'outcome_nfa'),
      json(
        's47e_s47_outcome_json',
        'outcome_json',
        'object',
        `coalesce(t.outcome_json, case when t.icpc_required is not null or t.outcome_nfa is not null then jsonb_strip_nulls(jsonb_build_object(
          'CP_CONFERENCE_FLAG', case t.icpc_required when true then 'Y' when false then 'N' end,
          'NFA_FLAG', case t.outcome_nfa when true then 'Y' when false then 'N' end)) end)`,
      ),
      team('s47e_s47_completed_by_team'),
      worker('s47e_s47_completed_by_worker_id'),
    ],
    rules: [endNotBefore('end_date', 'start_date', 's47e_s47_end_date')],
    // Whether a conference is needed is the outcome's CP_CONFERENCE_FLAG (CIN ICPCnotRequired is its opposite).
    derive(row) {
      if (row.outcome_json !== undefined) row.icpc_required = row.outcome_json ? jsonFlag(row.outcome_json, 'CP_CONFERENCE_FLAG') : null;
    },
  },
  {
    name: 'ssd_initial_cp_conference',
    target: 'icpc',
    key: 'icpc_icpc_id',
    columns: [
      id('icpc_icpc_id', 'id'),
      text('icpc_icpc_meeting_id', 'meeting_id'),
      ref('icpc_s47_enquiry_id', 's47_enquiry_id', 's47_enquiry'),
      person('icpc_person_id'),
      // Tiller links a plan to its conference from the plan's side (cppl_icpc_id); import-ssd.ts fills a missing one.
      ref('icpc_cp_plan_id', null, 'cp_plan', { exportSql: `(select min(p.id collate "C") from cp_plan p where p.icpc_id = t.id and p.deleted_at is null)` }),
      referral('icpc_referral_id'),
      flag('icpc_icpc_transfer_in', 'transfer_in', { blankIsNo: true }),
      date('icpc_icpc_target_date', 'target_date'),
      date('icpc_icpc_date', 'conference_date'),
      flag('icpc_icpc_outcome_cp_flag', 'outcome_cp_plan'),
      json(
        'icpc_icpc_outcome_json',
        'outcome_json',
        'object',
        `coalesce(t.outcome_json, case when t.outcome_cp_plan is not null then jsonb_build_object('CP_FLAG', case when t.outcome_cp_plan then 'Y' else 'N' end) end)`,
      ),
      team('icpc_icpc_team'),
      worker('icpc_icpc_worker_id'),
    ],
  },
  {
    name: 'ssd_cp_plans',
    target: 'cp_plan',
    key: 'cppl_cp_plan_id',
    columns: [
      id('cppl_cp_plan_id', 'id'),
      referral('cppl_referral_id'),
      ref('cppl_icpc_id', 'icpc_id', 'icpc'),
      person('cppl_person_id'),
      date('cppl_cp_plan_start_date', 'start_date', { required: true }),
      date('cppl_cp_plan_end_date', 'end_date'),
      flag('cppl_cp_plan_ola', 'other_la', { blankIsNo: true }),
      code('cppl_cp_plan_initial_category', 'initial_category', codes.CP_CATEGORIES),
      code('cppl_cp_plan_latest_category', 'latest_category', codes.CP_CATEGORIES),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'cppl_cp_plan_end_date')],
  },
  {
    name: 'ssd_cp_visits',
    target: 'visit',
    key: 'cppv_cp_visit_id',
    columns: [
      id('cppv_cp_visit_id', 'id'),
      person('cppv_person_id'),
      ref('cppv_cp_plan_id', 'cp_plan_id', 'cp_plan', { required: true }),
      date('cppv_cp_visit_date', 'visit_date', { required: true }),
      flag('cppv_cp_visit_seen', 'seen'),
      flag('cppv_cp_visit_seen_alone', 'seen_alone'),
      flag('cppv_cp_visit_bedroom', 'seen_bedroom'),
    ],
    fixed: { visit_type: 'cp' },
    exportWhere: `t.visit_type = 'cp'`,
  },
  {
    name: 'ssd_cp_reviews',
    target: 'cp_review',
    key: 'cppr_cp_review_id',
    columns: [
      id('cppr_cp_review_id', 'id'),
      person('cppr_person_id'),
      ref('cppr_cp_plan_id', 'cp_plan_id', 'cp_plan', { required: true }),
      date('cppr_cp_review_due', 'due_date'),
      date('cppr_cp_review_date', 'review_date'),
      text('cppr_cp_review_meeting_id', 'meeting_id'),
      flag('cppr_cp_review_outcome_continue_cp', 'continue_plan'),
      flag('cppr_cp_review_quorate', 'quorate'),
      text('cppr_cp_review_participation', 'participation'),
    ],
  },
  {
    // One row per 903 episode; the episodes sharing a clae_cla_id make a period of care (import-ssd.ts).
    name: 'ssd_cla_episodes',
    target: 'cla_episode',
    key: 'clae_cla_episode_id',
    columns: [
      id('clae_cla_episode_id', 'id'),
      person('clae_person_id'),
      ref('clae_cla_placement_id', 'placement_id', 'placement'),
      date('clae_cla_episode_start_date', 'start_date', { required: true }),
      code('clae_cla_episode_start_reason', 'start_reason', codes.REASON_NEW_EPISODE),
      code('clae_cla_primary_need_code', 'primary_need_code', codes.PRIMARY_NEED),
      date('clae_cla_episode_ceased_date', 'end_date'),
      code('clae_cla_episode_ceased_reason', 'end_reason', codes.CARE_CEASED_REASONS),
      id('clae_cla_id', 'period_of_care_id'),
      referral('clae_referral_id', false),
      date('clae_cla_last_iro_contact_date', 'last_iro_contact_date', {
        exportSql: 'coalesce(t.last_iro_contact_date, (select max(i.contact_date) from iro_contact i where i.period_of_care_id = t.period_of_care_id and i.deleted_at is null))',
      }),
      date('clae_entered_care_date', null, { exportSql: 'poc.start_date' }),
    ],
    alsoProduces: { target: 'period_of_care', column: 'clae_cla_id' },
    rules: [endNotBefore('end_date', 'start_date', 'clae_cla_episode_ceased_date')],
    exportJoin: 'join period_of_care poc on poc.id = t.period_of_care_id and poc.deleted_at is null',
  },
  {
    name: 'ssd_cla_placement',
    target: 'placement',
    key: 'clap_cla_placement_id',
    columns: [
      id('clap_cla_placement_id', 'id'),
      ref('clap_cla_id', 'period_of_care_id', 'period_of_care', { required: true }),
      person('clap_person_id'),
      date('clap_cla_placement_start_date', 'start_date', { required: true }),
      // Current and withdrawn (H5, P2, Z1) codes: an extract holds history from before 2025/26.
      code('clap_cla_placement_type', 'placement_type', codes.ALL_PLACEMENT_TYPES, { required: true }),
      text('clap_cla_placement_urn', 'urn', { max: 8 }),
      { name: 'clap_cla_placement_distance', to: 'distance_miles', type: { kind: 'number', min: 0, max: 99999.9, decimals: 1 } },
      code('clap_cla_placement_provider', 'provider', codes.PLACEMENT_PROVIDERS),
      text('clap_cla_placement_postcode', 'postcode', { max: 8 }),
      date('clap_cla_placement_end_date', 'end_date'),
      code('clap_cla_placement_change_reason', 'change_reason', codes.PLACEMENT_CHANGE_REASONS),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'clap_cla_placement_end_date')],
  },
  {
    name: 'ssd_cla_reviews',
    target: 'cla_review',
    key: 'clar_cla_review_id',
    columns: [
      id('clar_cla_review_id', 'id'),
      ref('clar_cla_id', 'period_of_care_id', 'period_of_care', { required: true }),
      // Later in 1.4.x; when blank, the period of care's child (import-ssd.ts).
      ref('clar_cla_person_id', 'person_id', 'person', { mayBeAbsent: true }),
      date('clar_cla_review_due_date', 'due_date'),
      date('clar_cla_review_date', 'review_date'),
      flag('clar_cla_review_cancelled', 'cancelled', { blankIsNo: true }),
      code('clar_cla_review_participation', 'participation', codes.REVIEW_PARTICIPATION),
    ],
  },
  {
    name: 'ssd_cla_visits',
    target: 'visit',
    key: 'clav_cla_visit_id',
    columns: [
      id('clav_cla_visit_id', 'id'),
      ref('clav_cla_id', 'period_of_care_id', 'period_of_care', { required: true }),
      person('clav_person_id'),
      date('clav_cla_visit_date', 'visit_date', { required: true }),
      flag('clav_cla_visit_seen', 'seen'),
      flag('clav_cla_visit_seen_alone', 'seen_alone'),
    ],
    fixed: { visit_type: 'cla' },
    exportWhere: `t.visit_type = 'cla'`,
  },
  {
    name: 'ssd_cla_convictions',
    target: 'conviction',
    key: 'clac_cla_conviction_id',
    columns: [
      id('clac_cla_conviction_id', 'id'),
      person('clac_person_id'),
      date('clac_cla_conviction_date', 'conviction_date', { required: true }),
      text('clac_cla_conviction_offence', 'offence'),
    ],
  },
  {
    name: 'ssd_cla_health',
    target: 'health_check',
    key: 'clah_health_check_id',
    columns: [
      id('clah_health_check_id', 'id'),
      person('clah_person_id'),
      { name: 'clah_health_check_type', to: 'check_type', type: { kind: 'code', list: HEALTH_CHECK_TYPES, synonyms: HEALTH_CHECK_SYNONYMS }, required: true },
      date('clah_health_check_date', 'check_date', { required: true }),
      text('clah_health_check_status', 'status'),
    ],
  },
  {
    // The SSD keeps each child's latest immunisation status, keyed by the child: so does the import.
    name: 'ssd_cla_immunisations',
    target: 'immunisation',
    key: 'clai_person_id',
    columns: [person('clai_person_id'), flag('clai_immunisations_status', 'up_to_date', { required: true }), date('clai_immunisations_status_date', 'status_date')],
    derive(row) {
      row.id = row.person_id;
    },
    exportDistinctOn: { on: 't.person_id', order: 't.status_date desc nulls last, t.id collate "C" desc' },
  },
  {
    name: 'ssd_cla_substance_misuse',
    target: 'substance_misuse',
    key: 'clas_substance_misuse_id',
    columns: [
      id('clas_substance_misuse_id', 'id'),
      person('clas_person_id'),
      date('clas_substance_misuse_date', 'identified_date'),
      text('clas_substance_misused', 'substance'),
      flag('clas_intervention_received', 'intervention_received'),
    ],
  },
  {
    name: 'ssd_cla_previous_permanence',
    target: 'previous_permanence',
    key: 'lapp_table_id',
    columns: [
      id('lapp_table_id', 'id'),
      person('lapp_person_id'),
      code('lapp_previous_permanence_option', 'option_code', PREVIOUS_PERMANENCE),
      text('lapp_previous_permanence_la', 'la'),
      // Free text of up to 10 characters in the SSD: the 903 allows a partly known date (zz/mm/yyyy).
      text('lapp_previous_permanence_order_date', 'order_date', { max: 10 }),
    ],
  },
  {
    name: 'ssd_cla_care_plan',
    target: 'permanence_plan',
    key: 'lacp_table_id',
    columns: [
      id('lacp_table_id', 'id'),
      person('lacp_person_id'),
      date('lacp_cla_care_plan_start_date', 'start_date', { required: true }),
      date('lacp_cla_care_plan_end_date', 'end_date'),
      json(
        'lacp_cla_care_plan_json',
        'plan_json',
        'object',
        `coalesce(t.plan_json, (select jsonb_object_agg(o, case when o = t.plan then 'Y' else 'N' end) from unnest(array[${CARE_PLAN_OPTIONS.map((o) => `'${o}'`).join(', ')}]) o))`,
      ),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'lacp_cla_care_plan_end_date')],
    // Tiller's plan is the one option answered yes.
    derive(row, _extra, report) {
      const blob = row.plan_json;
      if (blob === undefined) return; // unreadable: said already
      if (blob === null) return report('lacp_cla_care_plan_json', 'is blank: Tiller needs the permanence plan (one of ' + CARE_PLAN_OPTIONS.join(', ') + ' answered Y)');
      const chosen = yesKeys(blob).filter((k) => (CARE_PLAN_OPTIONS as readonly string[]).includes(k));
      if (chosen.length === 1) row.plan = chosen[0];
      else report('lacp_cla_care_plan_json', chosen.length === 0 ? `answers none of ${CARE_PLAN_OPTIONS.join(', ')} with Y` : `answers Y to ${chosen.join(' and ')}: Tiller keeps one plan`);
    },
  },
  {
    name: 'ssd_sdq_scores',
    target: 'sdq_score',
    key: 'csdq_table_id',
    columns: [
      id('csdq_table_id', 'id'),
      person('csdq_person_id'),
      date('csdq_sdq_completed_date', 'completed_date'),
      int('csdq_sdq_score', 'score', 0, 40),
      code('csdq_sdq_reason', 'reason', SDQ_REASONS),
    ],
  },
  {
    name: 'ssd_missing',
    target: 'missing_episode',
    key: 'miss_table_id',
    columns: [
      id('miss_table_id', 'id'),
      person('miss_person_id'),
      date('miss_missing_episode_start_date', 'start_date', { required: true }),
      code('miss_missing_episode_type', 'episode_type', MISSING_TYPES, { required: true }),
      date('miss_missing_episode_end_date', 'end_date'),
      flag('miss_missing_rhi_offered', 'rhi_offered', { alsoBlank: ['NA'] }),
      flag('miss_missing_rhi_accepted', 'rhi_accepted', { alsoBlank: ['NA'] }),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'miss_missing_episode_end_date')],
  },
  {
    name: 'ssd_permanence',
    target: 'adoption',
    key: 'perm_table_id',
    columns: [
      id('perm_table_id', 'id'),
      person('perm_person_id'),
      ref('perm_cla_id', 'period_of_care_id', 'period_of_care'),
      date('perm_adm_decision_date', 'adm_decision_date'),
      flag('perm_part_of_sibling_group', 'part_of_sibling_group'),
      int('perm_siblings_placed_together', 'siblings_placed_together'),
      int('perm_siblings_placed_apart', 'siblings_placed_apart'),
      date('perm_ffa_cp_decision_date', 'ffa_decision_date'),
      date('perm_placement_order_date', 'placement_order_date'),
      date('perm_matched_date', 'matched_date'),
      text('perm_adopter_sex', 'adopter_sex'),
      text('perm_adopter_legal_status', 'adopter_legal_status'),
      int('perm_number_of_adopters', 'number_of_adopters'),
      date('perm_placed_for_adoption_date', 'placed_date'),
      flag('perm_adopted_by_carer_flag', 'adopted_by_carer'),
      date('perm_placed_foster_carer_date', 'placed_foster_carer_date'),
      date('perm_placed_ffa_cp_date', 'placed_ffa_date'),
      text('perm_placement_provider_urn', 'provider_urn'),
      date('perm_decision_reversed_date', 'decision_reversed_date'),
      text('perm_decision_reversed_reason', 'decision_reversed_reason'),
      date('perm_permanence_order_date', 'order_date'),
      text('perm_permanence_order_type', 'order_type'),
      worker('perm_adoption_worker_id'),
    ],
  },
  {
    name: 'ssd_care_leavers',
    target: 'care_leaver',
    key: 'clea_table_id',
    columns: [
      id('clea_table_id', 'id'),
      person('clea_person_id'),
      text('clea_care_leaver_eligibility', 'eligibility'),
      text('clea_care_leaver_in_touch', 'in_touch'),
      date('clea_care_leaver_latest_contact', 'latest_contact'),
      text('clea_care_leaver_accommodation', 'accommodation'),
      text('clea_care_leaver_accom_suitable', 'accommodation_suitable'),
      text('clea_care_leaver_activity', 'activity'),
      date('clea_pathway_plan_review_date', 'pathway_plan_review_date'),
      text('clea_care_leaver_personal_advisor', 'personal_adviser_name'),
      team('clea_care_leaver_allocated_team'),
      worker('clea_care_leaver_worker_id'),
    ],
  },
  {
    name: 'ssd_involvements',
    target: 'involvement',
    key: 'invo_involvements_id',
    columns: [
      id('invo_involvements_id', 'id'),
      ref('invo_professional_id', 'professional_id', 'professional', { required: true }),
      text('invo_professional_role_id', 'role', { required: true }),
      team('invo_professional_team'),
      person('invo_person_id'),
      date('invo_involvement_start_date', 'start_date', { required: true }),
      date('invo_involvement_end_date', 'end_date'),
      code('invo_worker_change_reason', 'change_reason', codes.WORKER_CHANGE_REASONS),
      referral('invo_referral_id', false),
    ],
    rules: [endNotBefore('end_date', 'start_date', 'invo_involvement_end_date')],
  },
  {
    name: 'ssd_linked_identifiers',
    target: 'linked_identifier',
    key: 'link_table_id',
    columns: [
      id('link_table_id', 'id'),
      person('link_person_id'),
      text('link_identifier_type', 'identifier_type', { required: true }),
      text('link_identifier_value', 'identifier_value', { required: true }),
      date('link_valid_from_date', 'valid_from'),
      date('link_valid_to_date', 'valid_to'),
    ],
  },
];

/** SSD tables an extract may hold that Tiller has no place for: their files are left aside, and said so. */
export const SSD_TABLES_NOT_HELD: ReadonlyMap<string, string> = new Map([
  ['ssd_cohort', 'a helper table the SSD script builds for itself'],
  ['ssd_dim_date', 'a helper table the SSD script builds for itself'],
  ['ssd_pre_cla_care_plan', 'a helper table the SSD script builds for itself'],
  ['ssd_version_log', 'the SSD version history'],
  ['ssd_send', 'SEND and EHCP records are not part of Tiller'],
  ['ssd_sen_need', 'SEND and EHCP records are not part of Tiller'],
  ['ssd_ehcp_requests', 'SEND and EHCP records are not part of Tiller'],
  ['ssd_ehcp_assessment', 'SEND and EHCP records are not part of Tiller'],
  ['ssd_ehcp_named_plan', 'SEND and EHCP records are not part of Tiller'],
  ['ssd_ehcp_active_plans', 'SEND and EHCP records are not part of Tiller'],
  ['ssd_s251_finance', 'a placeholder table in the SSD (no data yet)'],
  ['ssd_voice_of_child', 'a draft table in the SSD'],
  ['ssd_pre_proceedings', 'a draft table in the SSD'],
]);

/** The words a report uses for a Tiller table's records, and the SSD file that brings them. */
export const RECORD_NAMES: Partial<Record<TillerTable, { noun: string; file: string }>> = {
  team: { noun: 'team', file: 'ssd_department' },
  professional: { noun: 'worker', file: 'ssd_professionals' },
  person: { noun: 'person', file: 'ssd_person' },
  cin_episode: { noun: 'referral', file: 'ssd_cin_episodes' },
  assessment: { noun: 'assessment', file: 'ssd_cin_assessments' },
  s47_enquiry: { noun: 'S47 enquiry', file: 'ssd_s47_enquiry' },
  icpc: { noun: 'initial CP conference', file: 'ssd_initial_cp_conference' },
  cp_plan: { noun: 'CP plan', file: 'ssd_cp_plans' },
  period_of_care: { noun: 'period of care (clae_cla_id)', file: 'ssd_cla_episodes' },
  placement: { noun: 'placement', file: 'ssd_cla_placement' },
};
