// The SSD import on a small hand-made extract (test/fixtures/ssd/extract): what lands where, importing
// again, and every kind of bad input refused whole with the database left as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import type { Database, Db } from '../../platform/db/connect.ts';
import { computeClocks } from '../../clocks/index.ts';
import { computeFlags } from '../../flags/index.ts';
import { exportSsd } from './export-ssd.ts';
import { describeProblem, importSsd, SsdImportRejected } from './import-ssd.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/ssd/extract');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-ssd-'));
let database: Database;
let db: Db;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A copy of the fixture to spoil. */
function copyOfFixture(name: string): string {
  const dir = path.join(work, name);
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const p = path.join(dir, file);
  fs.writeFileSync(p, change(fs.readFileSync(p, 'utf8')));
}

/** Every row of the tables an import writes, as text, to see that a refused import changed nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = ['person', 'team', 'professional', 'contact', 'cin_episode', 'assessment', 'cp_plan', 'period_of_care', 'cla_episode', 'placement', 'visit', 'care_leaver', 'involvement', 'relationship', 'audit_event'];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const r = await sql<{ rows: string | null }>`select string_agg(x::text, '|' order by x::text) as rows from ${sql.table(t)} x`.execute(db);
    out[t] = r.rows[0]?.rows ?? '';
  }
  return out;
}

describe('importing an SSD extract', () => {
  it('puts every value where it belongs', async () => {
    const result = await importSsd(db, FIXTURE);
    expect(result.files.find((f) => f.file === 'ssd_person.csv')).toEqual({ file: 'ssd_person.csv', rows: 4, inserted: 4, updated: 0, unchanged: 0 });
    expect(result.periodsOfCare).toEqual({ inserted: 1, updated: 0 });
    expect(result.notes).toEqual(['ssd_send.csv left aside: Tiller does not hold ssd_send (SEND and EHCP records are not part of Tiller).']);

    const person = await db.selectFrom('person').selectAll().orderBy('id').execute();
    expect(person.map((p) => p.id)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(person[0]).toMatchObject({
      legacy_id: 'L1001', upn: 'A123456789012', forename: 'Amy', surname: 'Testcase', sex: 'F', gender: '2', ethnicity: 'WBRI',
      dob: '2015-06-01', nhs_number: '9990000001', upn_unknown: null, send_flag: 'N', is_mother: false, nationality: 'British', person_type: 'child',
    });
    // A SQL Server datetime, a lower-case code, SQL Server's NULL and an ISO date with a time.
    expect(person[1]).toMatchObject({ dob: '2008-01-15', upn: null, upn_unknown: 'UN1', is_mother: null });
    expect(person[2]).toMatchObject({ ethnicity: 'WBRI', upn: null, is_mother: true });
    expect(person[3]).toMatchObject({ dob: '2025-01-10', forename: null, sex: 'U' });

    expect(await db.selectFrom('team').select(['id', 'name', 'parent_id']).orderBy('id').execute()).toEqual([
      { id: 'T1', name: "Children's Services", parent_id: null },
      { id: 'T2', name: 'Assessment Team North', parent_id: 'T1' },
      { id: 'T3', name: 'Leaving Care Team', parent_id: 'T1' },
    ]);
    expect(await db.selectFrom('professional').select(['id', 'staff_id', 'name', 'swe_registration_no', 'agency', 'job_title', 'caseload', 'department', 'team_id', 'fte']).orderBy('id').execute()).toEqual([
      { id: 'W1', staff_id: 'E101', name: 'Ada Example', swe_registration_no: 'SW100001', agency: false, job_title: 'Social Worker', caseload: 12, department: 'Assessment Team North', team_id: 'T2', fte: 1 },
      { id: 'W2', staff_id: 'E102', name: 'Ben Sample', swe_registration_no: null, agency: true, job_title: 'Personal Adviser', caseload: 18, department: 'Leaving Care Team', team_id: 'T3', fte: 0.8 },
      { id: 'W3', staff_id: 'E103', name: 'Cole, Dana', swe_registration_no: 'SW100003', agency: false, job_title: 'Senior Practitioner', caseload: null, department: null, team_id: null, fte: 0.5 },
    ]);
    expect(await db.selectFrom('address').select(['id', 'person_id', 'address_type', 'start_date', 'postcode', 'line1', 'town', 'uprn', 'address_json']).execute()).toEqual([
      { id: 'ADR1', person_id: 'P1', address_type: 'home', start_date: '2015-06-01', postcode: 'TB1 1AA', line1: '12 Sample Road', town: 'Tillbrook', uprn: '100000000001', address_json: { HOUSE: '12', STREET: 'Sample Road', TOWN: 'Tillbrook', UPRN: '100000000001' } },
    ]);
    expect(await db.selectFrom('relationship').select(['id', 'person_id', 'related_person_id', 'relationship']).execute()).toEqual([{ id: 'M1', person_id: 'P4', related_person_id: 'P3', relationship: 'mother' }]);

    const contacts = await db.selectFrom('contact').select(['id', 'person_id', 'contact_date', 'source_code', 'source_desc', 'outcome', 'decision_date', 'outcome_json']).orderBy('id').execute();
    expect(contacts).toEqual([
      { id: 'CON1', person_id: 'P1', contact_date: '2025-04-10', source_code: '3A', source_desc: 'Health – GP', outcome: null, decision_date: null, outcome_json: { NFA_FLAG: 'Y', ADVICE_FLAG: 'N', NUMBER_OF_OUTCOMES: 1, COMMENTS: 'No concerns, advice given to school' } },
      { id: 'CON2', person_id: 'P1', contact_date: '2025-06-01', source_code: '2A', source_desc: 'Schools', outcome: null, decision_date: null, outcome_json: { NEW_REFERRAL_FLAG: true, NFA_FLAG: false } },
      { id: 'CON3', person_id: 'P1', contact_date: '2025-09-01', source_code: '6', source_desc: 'Police', outcome: null, decision_date: null, outcome_json: { ADVICE_FLAG: 'Y' } },
    ]);
    expect(await db.selectFrom('cin_episode').select(['id', 'person_id', 'referral_date', 'primary_need_code', 'source_code', 'referral_nfa', 'close_reason', 'close_date', 'team_id', 'worker_id']).orderBy('id').execute()).toEqual([
      { id: 'R1', person_id: 'P1', referral_date: '2025-06-02', primary_need_code: 'N1', source_code: '2A', referral_nfa: false, close_reason: null, close_date: null, team_id: 'T2', worker_id: 'W1' },
      { id: 'R2', person_id: 'P2', referral_date: '2019-01-10', primary_need_code: 'N4', source_code: '5A', referral_nfa: false, close_reason: 'RC7', close_date: '2026-01-14', team_id: 'T2', worker_id: 'W1' },
    ]);
    expect(await db.selectFrom('assessment').select(['id', 'cin_episode_id', 'start_date', 'child_seen', 'authorised_date', 'outcome_nfa', 'factors', 'factors_table_id', 'worker_id']).orderBy('id').execute()).toEqual([
      { id: 'A1', cin_episode_id: 'R1', start_date: '2025-06-03', child_seen: true, authorised_date: '2025-07-25', outcome_nfa: false, factors: ['3A', '4B'], factors_table_id: 'AF1', worker_id: 'W1' },
      { id: 'A2', cin_episode_id: 'R2', start_date: '2019-01-11', child_seen: null, authorised_date: null, outcome_nfa: null, factors: [], factors_table_id: null, worker_id: null },
    ]);
    expect(await db.selectFrom('s47_enquiry').select(['id', 'start_date', 'end_date', 'outcome_nfa', 'icpc_required']).execute()).toEqual([{ id: 'S1', start_date: '2025-06-05', end_date: '2025-06-20', outcome_nfa: false, icpc_required: true }]);
    expect(await db.selectFrom('icpc').select(['id', 'meeting_id', 's47_enquiry_id', 'cin_episode_id', 'transfer_in', 'target_date', 'conference_date', 'outcome_cp_plan']).execute()).toEqual([
      { id: 'I1', meeting_id: 'MTG1', s47_enquiry_id: 'S1', cin_episode_id: 'R1', transfer_in: false, target_date: '2025-06-26', conference_date: '2025-06-24', outcome_cp_plan: true },
    ]);
    // The plan names no conference; the conference names the plan.
    expect(await db.selectFrom('cp_plan').select(['id', 'icpc_id', 'start_date', 'other_la', 'initial_category', 'latest_category']).execute()).toEqual([
      { id: 'CPP1', icpc_id: 'I1', start_date: '2025-06-24', other_la: false, initial_category: 'NEG', latest_category: 'EMO' },
    ]);
    expect(await db.selectFrom('cp_review').select(['id', 'due_date', 'review_date', 'continue_plan', 'quorate', 'participation']).execute()).toEqual([
      { id: 'CPR1', due_date: '2025-09-24', review_date: '2025-09-20', continue_plan: true, quorate: true, participation: 'Child attended' },
    ]);
    expect(await db.selectFrom('visit').select(['id', 'visit_type', 'person_id', 'cp_plan_id', 'period_of_care_id', 'visit_date', 'seen', 'seen_alone', 'seen_bedroom']).orderBy('id').execute()).toEqual([
      { id: 'V1', visit_type: 'cin', person_id: 'P1', cp_plan_id: null, period_of_care_id: null, visit_date: '2025-08-10', seen: true, seen_alone: false, seen_bedroom: true },
      { id: 'V2', visit_type: 'cp', person_id: 'P1', cp_plan_id: 'CPP1', period_of_care_id: null, visit_date: '2025-07-01', seen: true, seen_alone: true, seen_bedroom: false },
      { id: 'V3', visit_type: 'cla', person_id: 'P2', cp_plan_id: null, period_of_care_id: 'POC1', visit_date: '2025-11-01', seen: true, seen_alone: true, seen_bedroom: null },
    ]);

    // The two episodes make one period of care, from entering care to the last episode's end.
    expect(await db.selectFrom('period_of_care').select(['id', 'person_id', 'cin_episode_id', 'start_date', 'end_date', 'primary_need_code']).execute()).toEqual([
      { id: 'POC1', person_id: 'P2', cin_episode_id: 'R2', start_date: '2020-05-01', end_date: '2026-01-14', primary_need_code: 'N4' },
    ]);
    expect(await db.selectFrom('cla_episode').select(['id', 'period_of_care_id', 'placement_id', 'start_date', 'start_reason', 'end_date', 'end_reason', 'last_iro_contact_date']).orderBy('id').execute()).toEqual([
      { id: 'E1', period_of_care_id: 'POC1', placement_id: 'PL1', start_date: '2020-05-01', start_reason: 'S', end_date: '2023-02-01', end_reason: 'X1', last_iro_contact_date: '2025-12-01' },
      { id: 'E2', period_of_care_id: 'POC1', placement_id: 'PL2', start_date: '2023-02-01', start_reason: 'P', end_date: '2026-01-14', end_reason: 'E17', last_iro_contact_date: '2025-12-01' },
    ]);
    expect(await db.selectFrom('placement').select(['id', 'placement_type', 'urn', 'distance_miles', 'provider', 'postcode', 'change_reason']).orderBy('id').execute()).toEqual([
      { id: 'PL1', placement_type: 'U6', urn: 'SC123456', distance_miles: 4.5, provider: 'PR1', postcode: 'TB2 2BB', change_reason: 'CARPL' },
      { id: 'PL2', placement_type: 'U4', urn: 'SC654321', distance_miles: 12.3, provider: 'PR4', postcode: 'TB3 3CC', change_reason: null },
    ]);
    // No clar_cla_person_id: the child of the period of care.
    expect(await db.selectFrom('cla_review').select(['id', 'person_id', 'due_date', 'review_date', 'cancelled', 'participation']).execute()).toEqual([
      { id: 'CLAR1', person_id: 'P2', due_date: '2025-11-20', review_date: '2025-11-18', cancelled: false, participation: 'PN1' },
    ]);
    expect(await db.selectFrom('legal_status').select(['code', 'start_date', 'end_date']).execute()).toEqual([{ code: 'C2', start_date: '2020-05-01', end_date: '2026-01-14' }]);
    expect(await db.selectFrom('health_check').select(['id', 'check_type', 'check_date', 'status']).orderBy('id').execute()).toEqual([
      { id: 'HC1', check_type: 'dental', check_date: '2025-10-01', status: 'Completed' },
      { id: 'HC2', check_type: 'review_health_assessment', check_date: '2025-09-12', status: 'Completed' },
    ]);
    expect(await db.selectFrom('immunisation').select(['id', 'person_id', 'up_to_date', 'status_date']).execute()).toEqual([{ id: 'P2', person_id: 'P2', up_to_date: true, status_date: '2025-03-31' }]);
    expect(await db.selectFrom('permanence_plan').select(['id', 'person_id', 'start_date', 'plan']).execute()).toEqual([{ id: 'LACP1', person_id: 'P2', start_date: '2020-06-01', plan: 'LTFOST18' }]);
    expect(await db.selectFrom('previous_permanence').select(['option_code', 'la', 'order_date']).execute()).toEqual([{ option_code: 'P2', la: '899', order_date: 'zz/05/2019' }]);
    expect(await db.selectFrom('missing_episode').select(['episode_type', 'start_date', 'end_date', 'rhi_offered', 'rhi_accepted']).execute()).toEqual([
      { episode_type: 'MISSING', start_date: '2024-03-01', end_date: '2024-03-02', rhi_offered: true, rhi_accepted: null },
    ]);
    expect(await db.selectFrom('sdq_score').select(['score', 'reason', 'completed_date']).execute()).toEqual([{ score: 14, reason: null, completed_date: '2025-05-01' }]);
    expect(await db.selectFrom('care_leaver').selectAll().execute()).toMatchObject([
      {
        id: 'CL1', person_id: 'P2', record_date: null, eligibility: 'Relevant', in_touch: 'YES', latest_contact: '2026-02-20', accommodation: 'B', accommodation_suitable: '1',
        activity: 'F2', pathway_plan_review_date: '2026-01-10', personal_adviser_name: 'Ben Sample', team_id: 'T3', worker_id: 'W2',
      },
    ]);
    expect(await db.selectFrom('involvement').select(['id', 'professional_id', 'role', 'team_id', 'person_id', 'start_date', 'end_date', 'change_reason', 'cin_episode_id']).orderBy('id').execute()).toEqual([
      { id: 'INV1', professional_id: 'W1', role: 'CW', team_id: 'T2', person_id: 'P1', start_date: '2025-06-02', end_date: null, change_reason: null, cin_episode_id: 'R1' },
      { id: 'INV2', professional_id: 'W2', role: '16PLUS', team_id: 'T3', person_id: 'P2', start_date: '2026-01-01', end_date: null, change_reason: null, cin_episode_id: null },
      { id: 'INV3', professional_id: 'W3', role: 'CW', team_id: 'T2', person_id: 'P2', start_date: '2019-01-10', end_date: '2026-01-14', change_reason: 'LEFTRL', cin_episode_id: 'R2' },
    ]);
    expect(await db.selectFrom('conviction').select('id').execute()).toEqual([]); // a header-only file
    expect(await db.selectFrom('adoption').select('id').execute()).toEqual([]); // an absent file
    const audit = await db.selectFrom('audit_event').select(['action', 'entity_type', 'what']).where('entity_type', '=', 'ssd_extract').execute();
    expect(audit).toEqual([{ action: 'update', entity_type: 'ssd_extract', what: 'ssd import' }]);
  });

  it('gives imported records their clocks and flags: pathway plan and adviser contact from the care-leaver row', async () => {
    const clocks = await computeClocks(db, '2026-03-31');
    const ofRule = (rule: string) => clocks.filter((c) => c.rule === rule).map((c) => ({ childId: c.childId, startDate: c.startDate, status: c.status }));
    expect(ofRule('pathway-plan-review')).toEqual([{ childId: 'P2', startDate: '2026-01-10', status: 'due' }]);
    expect(ofRule('pa-contact')).toEqual([{ childId: 'P2', startDate: '2026-02-20', status: 'due' }]);
    expect(ofRule('contact-decision')).toEqual([]); // an SSD extract has no contact decision date
    expect(clocks.some((c) => c.rule === 'cp-review' && c.childId === 'P1')).toBe(true);
    const flags = await computeFlags(db, '2026-03-31');
    // Three contacts, ended NFA, other, and advice: not all NFA or advice.
    expect(flags.filter((f) => f.flag === 'repeat-contacts-nfa')).toEqual([]);
  });

  it('updates in place when imported again: no duplicates, nothing changed when nothing is different', async () => {
    const again = await importSsd(db, FIXTURE);
    for (const f of again.files) expect([f.file, f.inserted, f.updated]).toEqual([f.file, 0, 0]);
    expect(await db.selectFrom('person').select('id').execute()).toHaveLength(4);

    const dir = copyOfFixture('changed');
    edit(dir, 'ssd_contacts.csv', (t) => t.replace('CON3,P1,01/09/2025', 'CON3,P1,02/09/2025'));
    edit(dir, 'ssd_person.csv', (t) => `${t}L1005,P5,,Dan,Newcase,M,1,WBRI,2019-04-04,,UN3,,,,,\n`);
    const changed = await importSsd(db, dir);
    expect(changed.files.find((f) => f.file === 'ssd_contacts.csv')).toEqual({ file: 'ssd_contacts.csv', rows: 3, inserted: 0, updated: 1, unchanged: 2 });
    expect(changed.files.find((f) => f.file === 'ssd_person.csv')).toEqual({ file: 'ssd_person.csv', rows: 5, inserted: 1, updated: 0, unchanged: 4 });
    const con3 = await db.selectFrom('contact').select(['contact_date', 'version']).where('id', '=', 'CON3').executeTakeFirstOrThrow();
    expect(con3).toEqual({ contact_date: '2025-09-02', version: 2 });
    expect(await db.selectFrom('contact').select('id').execute()).toHaveLength(3);
  });

  it('leaves Tiller’s own columns alone when it updates a record', async () => {
    await db.updateTable('person').set({ restricted: true, preferred_name: 'Mimi' }).where('id', '=', 'P1').execute();
    await importSsd(db, FIXTURE);
    expect(await db.selectFrom('person').select(['restricted', 'preferred_name', 'forename']).where('id', '=', 'P1').executeTakeFirstOrThrow()).toEqual({ restricted: true, preferred_name: 'Mimi', forename: 'Amy' });
  });

  it('exports what it imported, in the SSD’s column order with dates as YYYY-MM-DD', async () => {
    const out = path.join(work, 'exported');
    await exportSsd(db, out);
    const person = fs.readFileSync(path.join(out, 'ssd_person.csv'), 'utf8').split('\n');
    expect(person[0]).toBe('pers_legacy_id,pers_person_id,pers_upn,pers_forename,pers_surname,pers_sex,pers_gender,pers_ethnicity,pers_dob,pers_single_unique_id,pers_upn_unknown,pers_send_flag,pers_expected_dob,pers_death_date,pers_is_mother,pers_nationality');
    expect(person[1]).toBe('L1001,P1,A123456789012,Amy,Testcase,F,2,WBRI,2015-06-01,9990000001,,N,,,N,British');
    expect(fs.readFileSync(path.join(out, 'ssd_cla_episodes.csv'), 'utf8').split('\n')[1]).toBe('E1,P2,PL1,2020-05-01,S,N4,2023-02-01,X1,POC1,R2,2025-12-01,2020-05-01');
    expect(fs.readFileSync(path.join(out, 'ssd_permanence.csv'), 'utf8')).toMatch(/^perm_table_id,perm_person_id,perm_cla_id,/);
  });
});

describe('refusing a bad extract', () => {
  type Spoil = (dir: string) => void;
  const cases: Array<[string, Spoil, string[]]> = [
    [
      'an impossible date, and one in no form it reads',
      (d) => edit(d, 'ssd_cin_episodes.csv', (t) => t.replace('R1,P1,2025-06-02', 'R1,P1,31/02/2025').replace('RC7,2026-01-14', 'RC7,14 Jan 2026')),
      [
        'ssd_cin_episodes.csv line 2: cine_referral_date "31/02/2025" is not a real date: February 2025 has no day 31',
        'ssd_cin_episodes.csv line 3: cine_close_date "14 Jan 2026" is not a date (accepted: YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DD HH:MM:SS)',
      ],
    ],
    [
      'codes the DfE does not have',
      (d) => {
        edit(d, 'ssd_person.csv', (t) => t.replace('F,2,WBRI', 'F,2,WBRX'));
        edit(d, 'ssd_cla_placement.csv', (t) => t.replace('U6', 'Q9'));
      },
      [
        'ssd_person.csv line 2: pers_ethnicity "WBRX" is not one of the codes Tiller reads here (WBRI, WIRI, WIRT, WOTH, WROM, MWBC, MWBA, MWAS, MOTH, AIND, APKN, ABAN, …)',
        'ssd_cla_placement.csv line 2: clap_cla_placement_type "Q9" is not one of the codes Tiller reads here (A3, A4, A5, A6, H5, K1, K2, K3, P1, P2, P3, R1, …)',
      ],
    ],
    [
      'orphans: records named that are in neither the extract nor the database',
      (d) => {
        edit(d, 'ssd_cin_plans.csv', (t) => t.replace('CINP1,R1', 'CINP1,R404'));
        edit(d, 'ssd_involvements.csv', (t) => t.replace('INV2,W2', 'INV2,W404'));
      },
      [
        'ssd_cin_plans.csv line 2: cinp_referral_id "R404" names no referral: it is not in ssd_cin_episodes.csv nor in the database',
        'ssd_involvements.csv line 3: invo_professional_id "W404" names no worker: it is not in ssd_professionals.csv nor in the database',
      ],
    ],
    [
      'a duplicate id in a file (both lines)',
      (d) => edit(d, 'ssd_contacts.csv', (t) => `${t}CON1,P1,2025-04-11,3A,Health – GP,\r\n`),
      [
        'ssd_contacts.csv line 2: cont_contact_id "CON1" is also on line 5: each row needs its own id',
        'ssd_contacts.csv line 5: cont_contact_id "CON1" is also on line 2: each row needs its own id',
      ],
    ],
    [
      'a file cut short inside a quoted value',
      (d) => edit(d, 'ssd_cin_assessments.csv', (t) => t.slice(0, t.indexOf('A2,P2')) + 'A2,P2,R2,2019-01-11,,,"{""NFA_FLAG'),
      ['ssd_cin_assessments.csv line 3: opens a quoted value that is never closed: the file looks cut short'],
    ],
    [
      'a file cut short in the middle of its last line',
      (d) => edit(d, 'ssd_legal_status.csv', (t) => t.slice(0, t.indexOf(',2026-01-14'))),
      ['ssd_legal_status.csv line 2: has 4 values where the header has 5 (a broken or cut-short line)'],
    ],
    [
      'an id longer than Tiller keeps',
      (d) => edit(d, 'ssd_disability.csv', (t) => t.replace('DIS1', 'D'.repeat(40))),
      [`ssd_disability.csv line 2: disa_table_id "${'D'.repeat(40)}" is 40 characters long; Tiller keeps ids of at most 36`],
    ],
    [
      'a blank where Tiller needs a value, and an end before its start',
      (d) => edit(d, 'ssd_early_help_episodes.csv', (t) => t.replace('EH1,P1,2025-04-15,2025-05-30', 'EH1,,2025-04-15,2025-03-30')),
      [
        'ssd_early_help_episodes.csv line 2: earl_person_id is blank, but Tiller needs a value here',
        'ssd_early_help_episodes.csv line 2: earl_episode_end_date "2025-03-30" is before start date (2025-04-15)',
      ],
    ],
    [
      'a header without one of the SSD columns',
      (d) => edit(d, 'ssd_sdq_scores.csv', (t) => t.replace(',csdq_sdq_reason', '').replace('14,\n', '14\n')),
      ['ssd_sdq_scores.csv line 1: lacks the column csdq_sdq_reason (SSD v1.4.5 ssd_sdq_scores)'],
    ],
    [
      'JSON that is not JSON, and a visit id used for two kinds of visit',
      (d) => {
        edit(d, 'ssd_s47_enquiry.csv', (t) => t.replace('"{""CP_CONFERENCE_FLAG"":""Y"",""NFA_FLAG"":""N""}"', 'CP_CONFERENCE_FLAG=Y'));
        edit(d, 'ssd_cp_visits.csv', (t) => t.replace('V2,P1', 'V1,P1'));
      },
      [
        'ssd_cin_visits.csv line 2: cinv_cin_visit_id "V1" is also a visit in ssd_cp_visits.csv line 2: Tiller keeps CIN, CP and CLA visits in one table, so their ids must differ',
        'ssd_s47_enquiry.csv line 2: s47e_s47_outcome_json "CP_CONFERENCE_FLAG=Y" is not valid JSON (cut short?)',
        'ssd_cp_visits.csv line 2: cppv_cp_visit_id "V1" is also a visit in ssd_cin_visits.csv line 2: Tiller keeps CIN, CP and CLA visits in one table, so their ids must differ',
        'ssd_cp_visits.csv line 2: cppv_cp_visit_id "V1" is already a CIN visit in Tiller: a visit cannot change its kind',
      ],
    ],
  ];

  it.each(cases)('refuses %s, says where and why, and changes nothing', async (name, spoil, expected) => {
    const before = await snapshot();
    const dir = copyOfFixture(name.replace(/\W+/g, '-'));
    // New rows as well as changed ones: none of them may land.
    edit(dir, 'ssd_person.csv', (t) => `${t}L1009,P9,,Eve,Extra,F,2,WBRI,2016-02-02,,UN3,,,,,\n`);
    spoil(dir);
    const error = await importSsd(db, dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SsdImportRejected);
    const rejected = error as SsdImportRejected;
    expect(rejected.code).toBe('BAD_INPUT');
    expect(rejected.problems.map(describeProblem)).toEqual(expected);
    expect(await snapshot()).toEqual(before);
    expect(await db.selectFrom('person').select('id').where('id', '=', 'P9').execute()).toEqual([]);
  });

  it('reports every problem of an extract with all of them at once', async () => {
    const before = await snapshot();
    const dir = copyOfFixture('everything');
    for (const [, spoil] of cases) spoil(dir);
    const error = (await importSsd(db, dir).catch((e: unknown) => e)) as SsdImportRejected;
    const lines = error.problems.map(describeProblem);
    expect(lines).toHaveLength(new Set(cases.flatMap(([, , expected]) => expected)).size);
    for (const [, , expected] of cases) for (const line of expected) expect(lines).toContain(line);
    expect(error.userMessage).toMatch(/^the extract was not imported: 18 problems in \d+ rows of \d+ files; nothing was changed$/);
    expect(await snapshot()).toEqual(before);
  });
});
