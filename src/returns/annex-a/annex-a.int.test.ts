// Annex A from a small hand-made council, as at 31 March 2026 (six months: 1 October 2025 to 31 March
// 2026; twelve months: 1 April 2025 to 31 March 2026). The workbook is read back with exceljs and every
// list checked: sheet names, headers, who is in and who is not at the period edges, and the values.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/connect.ts';
import { makeAnnexAWorkbook } from './annex-a-return.ts';
import { LISTS } from './lists.ts';

const AS_OF = '2026-03-31';
const deleted = new Date('2026-01-02T00:00:00Z');
let database: Database;
let book: ExcelJS.Workbook;

type Value = string | number | null;

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('council_setting').values({ id: 'council_name', value: JSON.stringify('Tillbrook') }).execute();
  await db.insertInto('team').values([{ id: 'T1', name: 'Assessment Team' }, { id: 'T2', name: 'Children in Care Team' }]).execute();
  await db.insertInto('professional').values([{ id: 'W1', name: 'Ada Worker' }, { id: 'W2', name: 'Ben Worker' }, { id: 'W3', name: 'Cy Adviser' }]).execute();
  await db
    .insertInto('person')
    .values([
      { id: 'C1', sex: 'F', ethnicity: 'WBRI', dob: '2015-04-01' }, // 10 on 31 March 2026 (11 the next day)
      { id: 'C2', sex: 'M', ethnicity: 'BAFR', dob: '2010-03-31' }, // 16 that day
      { id: 'C3', dob: '2012-06-15' }, // no sex or ethnicity recorded
      { id: 'C4', sex: 'M', ethnicity: 'WBRI', dob: '2007-01-10' }, // a care leaver, 19
      { id: 'C5', sex: 'F', ethnicity: 'WBRI', dob: '2016-01-01', deleted_at: deleted },
      { id: 'C6', sex: 'F', ethnicity: 'CHNE', dob: '2022-05-05' },
      { id: 'C7', sex: 'M', ethnicity: 'WBRI', dob: '2000-01-01' }, // 26: no longer a care leaver
      { id: 'C8', sex: 'M', ethnicity: 'WBRI', dob: '2014-01-01' }, // short breaks only
    ])
    .execute();
  await db.insertInto('disability').values([{ id: 'D1', person_id: 'C1', code: 'AUT' }, { id: 'D2', person_id: 'C2', code: 'NONE' }]).execute();
  await db
    .insertInto('involvement')
    .values([
      { id: 'I1', person_id: 'C1', professional_id: 'W2', team_id: 'T2', role: 'CW', start_date: '2025-10-05' },
      { id: 'I2', person_id: 'C2', professional_id: 'W3', team_id: 'T2', role: 'CW', start_date: '2026-03-31' },
      { id: 'I3', person_id: 'C3', professional_id: 'W2', team_id: 'T2', role: 'IRO', start_date: '2025-01-01' }, // not an allocation
    ])
    .execute();
  await db
    .insertInto('contact')
    .values([
      { id: 'K1', person_id: 'C1', contact_date: '2025-10-01', source_code: '6' },
      { id: 'K2', person_id: 'C1', contact_date: '2025-09-30', source_code: '6' },
      { id: 'K3', person_id: 'C2', contact_date: '2026-03-31' },
      { id: 'K4', person_id: 'C2', contact_date: '2026-04-01', source_code: '6' },
      { id: 'K5', person_id: 'C5', contact_date: '2026-01-01', source_code: '6' },
      { id: 'K6', person_id: 'C3', contact_date: '2026-02-01', source_code: '3A', deleted_at: deleted },
    ])
    .execute();
  await db
    .insertInto('early_help_episode')
    .values([
      { id: 'EH1', person_id: 'C3', start_date: '2025-03-01', end_date: '2025-09-30', organisation: 'Family Hub South' },
      { id: 'EH2', person_id: 'C3', start_date: '2025-03-01', end_date: '2025-10-01', organisation: 'Family Hub North' },
      { id: 'EH3', person_id: 'C1', start_date: '2026-02-01', organisation: 'Top Town School' },
      { id: 'EH4', person_id: 'C1', start_date: '2026-04-01', organisation: 'Too late' },
    ])
    .execute();
  await db
    .insertInto('cin_episode')
    .values([
      { id: 'R0', person_id: 'C1', referral_date: '2024-10-01', source_code: '2A', primary_need_code: 'N1', close_date: '2024-12-01', close_reason: 'RC8' },
      { id: 'R1', person_id: 'C1', referral_date: '2025-10-01', source_code: '2A', primary_need_code: 'N1', team_id: 'T1', worker_id: 'W1' },
      { id: 'R2', person_id: 'C1', referral_date: '2025-12-01', source_code: '1A', referral_nfa: true, close_date: '2025-12-01', close_reason: 'RC7' },
      { id: 'R3', person_id: 'C2', referral_date: '2025-09-30', source_code: '6', primary_need_code: 'N4', team_id: 'T1', worker_id: 'W1' },
      { id: 'R4', person_id: 'C3', referral_date: '2026-03-31', team_id: 'T1', worker_id: 'W1' },
      { id: 'R5', person_id: 'C4', referral_date: '2025-05-01', source_code: '8', primary_need_code: 'N1' },
    ])
    .execute();
  await db
    .insertInto('assessment')
    .values([
      { id: 'A1', cin_episode_id: 'R1', person_id: 'C1', start_date: '2025-10-02', authorised_date: '2025-11-10', child_seen: true, outcome_nfa: false, team_id: 'T1', worker_id: 'W1' },
      { id: 'A2', cin_episode_id: 'R3', person_id: 'C2', start_date: '2025-09-01', authorised_date: '2025-09-30', child_seen: true, outcome_nfa: false },
      { id: 'A3', cin_episode_id: 'R3', person_id: 'C2', start_date: '2025-09-15', team_id: 'T1', worker_id: 'W1' },
      { id: 'A4', cin_episode_id: 'R4', person_id: 'C3', start_date: '2026-04-01' },
      { id: 'A5', cin_episode_id: 'R4', person_id: 'C3', start_date: '2026-03-31', authorised_date: '2026-04-02', child_seen: false, outcome_nfa: true },
    ])
    .execute();
  await db
    .insertInto('s47_enquiry')
    .values([
      { id: 'S0', cin_episode_id: 'R0', person_id: 'C1', start_date: '2024-10-03', end_date: '2024-10-20', icpc_required: false },
      { id: 'S1', cin_episode_id: 'R1', person_id: 'C1', start_date: '2025-10-03', end_date: '2025-10-10', icpc_required: true },
      { id: 'S2', cin_episode_id: 'R3', person_id: 'C2', start_date: '2025-09-20', team_id: 'T1', worker_id: 'W1' },
      { id: 'S3', cin_episode_id: 'R4', person_id: 'C3', start_date: '2025-08-01', end_date: '2025-09-30', icpc_required: false },
    ])
    .execute();
  await db
    .insertInto('icpc')
    .values([
      { id: 'IC0', cin_episode_id: 'R0', person_id: 'C1', transfer_in: true, conference_date: '2024-11-01' },
      { id: 'IC1', cin_episode_id: 'R1', person_id: 'C1', s47_enquiry_id: 'S1', conference_date: '2025-10-24', outcome_cp_plan: true },
    ])
    .execute();
  await db
    .insertInto('cp_plan')
    .values([
      { id: 'CP0', cin_episode_id: 'R0', icpc_id: 'IC0', person_id: 'C1', start_date: '2024-11-01', end_date: '2025-03-01', initial_category: 'NEG', latest_category: 'NEG' },
      { id: 'CP1', cin_episode_id: 'R1', icpc_id: 'IC1', person_id: 'C1', start_date: '2025-10-24', initial_category: 'PHY', latest_category: 'EMO' },
      { id: 'CP2', cin_episode_id: 'R3', person_id: 'C2', start_date: '2025-10-01', other_la: true, initial_category: 'NEG' },
      { id: 'CP3', cin_episode_id: 'R4', person_id: 'C3', start_date: '2025-01-01', end_date: '2025-09-30', initial_category: 'NEG' },
      { id: 'CP4', cin_episode_id: 'R5', person_id: 'C6', start_date: '2025-06-01', end_date: '2025-10-01', initial_category: 'NEG' },
    ])
    .execute();
  await db
    .insertInto('cp_review')
    .values([
      { id: 'RV1', cp_plan_id: 'CP1', person_id: 'C1', review_date: '2026-01-20' },
      { id: 'RV2', cp_plan_id: 'CP1', person_id: 'C1', review_date: '2026-04-10' },
    ])
    .execute();
  await db
    .insertInto('period_of_care')
    .values([
      { id: 'PC1', person_id: 'C2', start_date: '2025-01-01', end_date: '2025-05-01', end_reason: 'E4A', primary_need_code: 'N4' },
      { id: 'PC2', person_id: 'C2', start_date: '2025-11-01', primary_need_code: 'N4' },
      { id: 'PC3', person_id: 'C3', start_date: '2025-06-01', end_date: '2025-09-30', end_reason: 'E4A', primary_need_code: 'N5' },
      { id: 'PC6', person_id: 'C6', start_date: '2024-06-01', end_date: '2025-03-15', end_reason: 'E8', primary_need_code: 'N1' },
      { id: 'PC8', person_id: 'C8', start_date: '2025-12-01', primary_need_code: 'N2' },
    ])
    .execute();
  await db
    .insertInto('legal_status')
    .values([
      { id: 'LS1', person_id: 'C1', code: 'L2', start_date: '2025-10-20', end_date: '2025-10-23' },
      { id: 'LS2', person_id: 'C2', period_of_care_id: 'PC1', code: 'V2', start_date: '2025-01-01', end_date: '2025-05-01' },
      { id: 'LS3', person_id: 'C2', period_of_care_id: 'PC2', code: 'C2', start_date: '2025-11-01' },
      { id: 'LS8', person_id: 'C8', period_of_care_id: 'PC8', code: 'V3', start_date: '2025-12-01' },
    ])
    .execute();
  await db
    .insertInto('placement')
    .values([
      { id: 'PL1', period_of_care_id: 'PC1', person_id: 'C2', start_date: '2025-01-01', end_date: '2025-05-01', placement_type: 'U6', provider: 'PR1' },
      { id: 'PL2', period_of_care_id: 'PC2', person_id: 'C2', start_date: '2025-11-01', end_date: '2026-01-31', placement_type: 'U6', provider: 'PR1' },
      { id: 'PL3', period_of_care_id: 'PC2', person_id: 'C2', start_date: '2026-02-01', placement_type: 'K2', provider: 'PR4', postcode: 'AB1 2CD', urn: 'SC123456', in_area: false },
      { id: 'PL8', period_of_care_id: 'PC8', person_id: 'C8', start_date: '2025-12-01', placement_type: 'U6', provider: 'PR1' },
    ])
    .execute();
  await db
    .insertInto('cla_review')
    .values([
      { id: 'CR1', period_of_care_id: 'PC2', person_id: 'C2', review_date: '2025-11-20' },
      { id: 'CR2', period_of_care_id: 'PC2', person_id: 'C2', review_date: '2026-02-15', cancelled: true },
    ])
    .execute();
  await db
    .insertInto('visit')
    .values([
      { id: 'V1', visit_type: 'cp', person_id: 'C1', cp_plan_id: 'CP1', visit_date: '2026-03-20', seen: true, seen_alone: true },
      { id: 'V2', visit_type: 'cp', person_id: 'C1', cp_plan_id: 'CP1', visit_date: '2026-04-02', seen: true, seen_alone: false },
      { id: 'V3', visit_type: 'cla', person_id: 'C2', period_of_care_id: 'PC2', visit_date: '2026-03-01' },
      { id: 'V4', visit_type: 'cla', person_id: 'C2', period_of_care_id: 'PC2', visit_date: '2026-03-10', seen: false },
    ])
    .execute();
  await db.insertInto('iro_contact').values({ id: 'IR1', person_id: 'C2', period_of_care_id: 'PC2', contact_date: '2026-01-05' }).execute();
  await db
    .insertInto('health_check')
    .values([
      { id: 'H1', person_id: 'C2', check_type: 'review_health_assessment', check_date: '2025-12-10' },
      { id: 'H2', person_id: 'C2', check_type: 'dental', check_date: '2026-01-15' },
      { id: 'H3', person_id: 'C2', check_type: 'dental', check_date: '2026-04-05' },
    ])
    .execute();
  await db.insertInto('permanence_plan').values({ id: 'PP1', person_id: 'C2', period_of_care_id: 'PC2', start_date: '2025-12-01', plan: 'LTFOST18' }).execute();
  await db.insertInto('immigration_status').values({ id: 'U1', person_id: 'C2', status: 'UASC', end_date: '2028-03-31' }).execute();
  await db
    .insertInto('missing_episode')
    .values([
      { id: 'M1', person_id: 'C2', episode_type: 'MISSING', start_date: '2025-06-01' },
      { id: 'M2', person_id: 'C2', episode_type: 'AWAY', start_date: '2026-01-01' },
      { id: 'M3', person_id: 'C2', episode_type: 'MISSING', start_date: '2026-02-10', rhi_offered: true, rhi_accepted: false },
      { id: 'M4', person_id: 'C2', episode_type: 'MISSING', start_date: '2025-03-01' },
    ])
    .execute();
  await db
    .insertInto('care_leaver')
    .values([
      { id: 'CL1', person_id: 'C4', record_date: '2025-06-01', eligibility: 'relevant', accommodation: 'D2', activity: 'G5' },
      { id: 'CL2', person_id: 'C4', record_date: '2026-01-01', eligibility: 'Former relevant', in_touch: 'YES', accommodation: 'U1', activity: 'F2', team_id: 'T2', worker_id: 'W3' },
      { id: 'CL3', person_id: 'C4', record_date: '2026-05-01', eligibility: 'qualifying' },
      { id: 'CL7', person_id: 'C7', record_date: '2026-01-01', eligibility: 'eligible' },
    ])
    .execute();
  await db
    .insertInto('adoption')
    .values([
      { id: 'AD1', person_id: 'C6', adm_decision_date: '2025-01-10', placement_order_date: '2025-03-01', matched_date: '2025-06-01', placed_date: '2025-07-01', order_date: '2026-02-01', order_type: 'Adoption order', placed_ffa_date: '2025-02-01' },
      { id: 'AD2', person_id: 'C1', adm_decision_date: '2024-01-01', decision_reversed_date: '2025-03-31', decision_reversed_reason: 'RD1' },
      { id: 'AD3', person_id: 'C3', adm_decision_date: '2024-12-01', decision_reversed_date: '2025-04-01', decision_reversed_reason: 'RD3' },
      { id: 'AD4', person_id: 'C8', adm_decision_date: '2026-04-01' },
    ])
    .execute();

  const { workbook } = await makeAnnexAWorkbook(db, AS_OF, new Date('2026-04-01T09:00:00Z'));
  book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as unknown as ExcelJS.Buffer);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

function cellValue(v: ExcelJS.CellValue): Value {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number') return v;
  throw new Error(`unexpected cell ${JSON.stringify(v)}`);
}

function sheet(name: string): { headers: string[]; rows: Array<Record<string, Value>> } {
  const ws = book.getWorksheet(name)!;
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Array<Record<string, Value>> = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, cellValue(row.getCell(i + 1).value)])));
  }
  return { headers, rows };
}

const ids = (name: string) => sheet(name).rows.map((r) => r['Child Unique ID']);

describe('the Annex A workbook', () => {
  it('has the eleven sheets of the template, each with its headers, frozen, dates as real dates', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['List 1', 'List 2', 'List 3', 'List 4', 'List 5', 'List 6', 'List 7', 'List 8', 'List 9', 'List 10', 'List 11']);
    expect(sheet('List 1').headers).toEqual(['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Date of Contact', 'Contact Source']);
    expect(sheet('List 3').headers).toEqual([
      'Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Date of referral', 'Referral Source', 'Referral NFA?',
      'Number of Referrals in Last 12 Months', 'Allocated Team', 'Allocated Worker',
    ]);
    expect(sheet('List 8').headers).toHaveLength(34);
    expect(sheet('List 11').headers[0]).toBe('Individual adopter identifier');
    for (const def of LISTS) expect(sheet(def.sheet).headers).toEqual(def.columns.map((c) => c.header));
    for (const ws of book.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const dob = book.getWorksheet('List 1')!.getRow(2).getCell(4);
    expect(dob.value).toBeInstanceOf(Date);
    expect(dob.numFmt).toBe('dd/mm/yyyy');
  });

  it('List 1: contacts from 1 October 2025 to 31 March 2026, never a deleted person or contact', () => {
    expect(sheet('List 1').rows).toEqual([
      { 'Child Unique ID': 'C1', Gender: 'b) Female', Ethnicity: 'a) WBRI', 'Date of Birth': '2015-04-01', 'Age of Child (Years)': 10, 'Date of Contact': '2025-10-01', 'Contact Source': 'q) 6: Police' },
      { 'Child Unique ID': 'C2', Gender: 'a) Male', Ethnicity: 'o) BAFR', 'Date of Birth': '2010-03-31', 'Age of Child (Years)': 16, 'Date of Contact': '2026-03-31', 'Contact Source': 'u) 10: Unknown' },
    ]);
  });

  it('List 2: early help open at some point in the six months', () => {
    expect(sheet('List 2').rows.map((r) => [r['Child Unique ID'], r['Assessment start date'], r['Assessment completion date'], r['Organisation completing assessment']])).toEqual([
      ['C1', '2026-02-01', null, 'Top Town School'],
      ['C3', '2025-03-01', '2025-10-01', 'Family Hub North'],
    ]);
    // Nothing recorded: not stated, information not yet obtained.
    expect(sheet('List 2').rows[1]).toMatchObject({ Gender: 'c) Not stated/recorded', Ethnicity: 't) NOBT', 'Age of Child (Years)': 13 });
  });

  it('List 3: referrals in the six months, with the earlier ones in the twelve months before each', () => {
    const rows = sheet('List 3').rows.map((r) => [r['Child Unique ID'], r['Date of referral'], r['Referral Source'], r['Referral NFA?'], r['Number of Referrals in Last 12 Months'], r['Allocated Team'], r['Allocated Worker']]);
    expect(rows).toEqual([
      // R0 (1 Oct 2024) is exactly twelve months before R1, so it counts; for R2 it is too early, R1 counts.
      ['C1', '2025-10-01', 'e) 2A: Schools', 'b) No', 1, 'Children in Care Team', 'Ben Worker'],
      ['C1', '2025-12-01', 'a) 1A: Individual', 'a) Yes', 1, 'Children in Care Team', 'Ben Worker'],
      // No allocation: the referral's own team and worker.
      ['C3', '2026-03-31', 'u) 10: Unknown', 'b) No', 0, 'Assessment Team', 'Ada Worker'],
    ]);
  });

  it('List 4: assessments open at some point in the six months; a later authorisation had not happened', () => {
    const rows = sheet('List 4').rows.map((r) => [
      r['Child Unique ID'], r['Does the Child have a Disability'], r['Continuous Assessment Start Date'], r['Child Seen During Continuous Assessment'],
      r['Continuous Assessment Date of Authorisation'], r["Was the child assessed as requiring LA children's social care support?"], r['Allocated Team'], r['Allocated Worker'],
    ]);
    expect(rows).toEqual([
      ['C1', 'a) Yes', '2025-10-02', 'a) Yes', '2025-11-10', 'a) Yes', 'Children in Care Team', 'Ben Worker'],
      ['C2', 'b) No', '2025-09-15', 'c) Unknown', null, null, 'Children in Care Team', 'Cy Adviser'],
      ['C3', 'b) No', '2026-03-31', 'b) No', null, null, null, null],
    ]);
  });

  it('List 5: enquiries going on in the six months, counting earlier enquiries and conferences in the year before', () => {
    const rows = sheet('List 5').rows.map((r) => [
      r['Child Unique ID'], r['Strategy discussion initiating Section 47 Enquiry Start Date'], r['Was an Initial Child Protection Conference deemed unnecessary?'],
      r['Date of Initial Child Protection Conference'], r['Did the Initial Child Protection Conference Result in a Child Protection Plan'],
      r['Number of Section 47 Enquiries in the last 12 months'], r['Number of ICPCs in the last 12 months'], r['Allocated Team'], r['Allocated Worker'],
    ]);
    expect(rows).toEqual([
      ['C1', '2025-10-03', 'b) No', '2025-10-24', 'a) Yes', 1, 1, 'Children in Care Team', 'Ben Worker'],
      ['C2', '2025-09-20', null, null, null, 0, 0, 'Children in Care Team', 'Cy Adviser'],
    ]);
  });

  it('List 6: children in need, latest referral, case status at the as-of date; not NFA referrals nor care leavers', () => {
    const rows = sheet('List 6').rows.map((r) => [
      r['Child Unique ID'], r['CIN Start Date'], r['Primary Need Code'], r['Date Child Was Last Seen'], r['CIN Closure Date'], r['Reason for Closure'], r['Case Status'],
      r['Allocated Team'], r['Allocated Worker'],
    ]);
    expect(rows).toEqual([
      ['C1', '2025-10-01', 'N1 - Abuse or neglect', '2026-03-20', null, null, 'b) Child Protection plan', 'Children in Care Team', 'Ben Worker'],
      // Seen on 1 March (not recorded as unseen); the 10 March visit did not see the child.
      ['C2', '2025-09-30', 'N4 - Family in acute stress', '2026-03-01', null, null, 'a) Looked after child', 'Children in Care Team', 'Cy Adviser'],
      ['C3', '2026-03-31', null, null, null, null, 'd) Open assessment', 'Assessment Team', 'Ada Worker'],
    ]);
  });

  it('List 7: plans open at the as-of date or ended in the six months; another authority’s left out', () => {
    const rows = sheet('List 7').rows.map((r) => [
      r['Child Unique ID'], r['Child Protection Plan Start Date'], r['Initial Category of Abuse'], r['Latest Category of Abuse'], r['Date of the Last Statutory Visit'],
      r['Was the Child Seen Alone?'], r['Date of latest review conference'], r['Child Protection Plan End Date'],
      r['Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)'], r['Number of Previous Child Protection Plans'],
      r['Allocated Team'], r['Allocated Worker'],
    ]);
    expect(rows).toEqual([
      ['C1', '2025-10-24', 'b) Physical abuse', 'd) Emotional abuse', '2026-03-20', 'a) Yes', '2026-01-20', null, 'a) Yes', 1, 'Children in Care Team', 'Ben Worker'],
      ['C6', '2025-06-01', 'a) Neglect', 'a) Neglect', null, null, null, '2025-10-01', 'b) No', 0, null, null],
    ]);
  });

  it('List 8: looked after now or ceased in the six months; not a period that ended before, nor short breaks', () => {
    const { rows } = sheet('List 8');
    expect(rows.map((r) => r['Child Unique ID'])).toEqual(['C2']);
    expect(rows[0]).toEqual({
      'Child Unique ID': 'C2', Gender: 'a) Male', Ethnicity: 'o) BAFR', 'Date of Birth': '2010-03-31', 'Age of Child (Years)': 16,
      'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)': 'a) Yes',
      'Does the Child have a Disability': 'b) No',
      'Date Started to be Looked After': '2025-11-01',
      "Child's Category of Need": 'N4 - Family in acute stress',
      'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)': 'a) Yes',
      'Start date of current legal status': '2025-11-01',
      "Child's Legal Status": 'C2: FCO',
      'Date of Latest Statutory Review': '2025-11-20',
      'Date of Last Social Work Visit': '2026-03-10',
      'What is the permanence plan for this child?': 'f) Long-term fostering',
      'Date of Last IRO Visit / Contact to the Child': '2026-01-05',
      'Date of Last Health Assessment': '2025-12-10',
      'Date of Last Dental Check': '2026-01-15',
      'Number of Placements in the Last 12 months': 3,
      'Date Ceased to be Looked After': null,
      'Reason Ceased to be Looked After': null,
      'Start Date of Most Recent Placement': '2026-02-01',
      'Placement Type': "p) K2: Children's Homes",
      'Placement Provider': 'e) PR4: Private provision',
      'Placement postcode': 'AB1 2CD',
      'URN of Placement': 'SC123456',
      'Placement Location': 'b) Out',
      'LA of Placement': null,
      "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": 2,
      "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": 1,
      'Was the child offered a Return Interview after their last missing episode (Y/N)?': 'a) Yes',
      'Did the child accept a Return Interview after their last missing episode (Y/N)?': 'b) No',
      'Allocated Team': 'Children in Care Team',
      'Allocated Worker': 'Cy Adviser',
    });
  });

  it('List 9: care leavers by their latest record at the as-of date, aged 16 to 25', () => {
    expect(sheet('List 9').rows).toEqual([
      {
        'Child Unique ID': 'C4', Gender: 'a) Male', Ethnicity: 'a) WBRI', 'Date of Birth': '2007-01-10', 'Age of Child (Years)': 19, 'Does the Child have a Disability': 'b) No',
        'Allocated Team': 'Children in Care Team', 'Allocated Worker': 'Cy Adviser', 'Eligibility Category': 'b) Former relevant child', 'LA in Touch': 'a) Yes',
        'Type of Accommodation': 'U: Independent living', 'Suitability of Accommodation': 'a) Suitable', 'Activity Status': 'F2: Full time in education other than higher',
      },
    ]);
  });

  it('List 10: adoption decisions in force at some point in the twelve months', () => {
    const rows = sheet('List 10').rows.map((r) => [
      r['Child Unique ID'], r['Date the Child Entered Care'], r['Date of Decision that Child Should be Placed for Adoption'], r['Date of Placement Order'],
      r['Date of Matching Child and Prospective Adopters'], r['Date Placed for Adoption'], r['Date of Adoption Order'],
      r['Date of Decision that Child Should No Longer be Placed for Adoption'], r['Reason Why Child No Longer Placed for Adoption'],
      r['Date the child was placed for fostering in FFA or concurrent planning placement'],
    ]);
    expect(rows).toEqual([
      // Reversed on 1 April 2025, the first day of the twelve months (C1's, reversed the day before, is not listed).
      // C3's only period of care began after the decision, so no entry to care is shown.
      ['C3', null, '2024-12-01', null, null, null, null, '2025-04-01', 'RD3 - Prospective adopters could not be found', null],
      ['C6', '2024-06-01', '2025-01-10', '2025-03-01', '2025-06-01', '2025-07-01', '2026-02-01', null, null, '2025-02-01'],
    ]);
  });

  it('List 11: no adopter households recorded here, so headers only (see src/adopters)', () => {
    expect(sheet('List 11').rows).toEqual([]);
  });

  it('leaves out whoever falls outside every list', () => {
    for (const name of ['List 1', 'List 2', 'List 3', 'List 4', 'List 5', 'List 6', 'List 7', 'List 8', 'List 9', 'List 10']) {
      expect(ids(name)).not.toContain('C5');
      expect(ids(name)).not.toContain('C7');
    }
    expect(ids('List 8')).not.toContain('C8');
    expect(ids('List 10')).not.toContain('C8');
  });
});
