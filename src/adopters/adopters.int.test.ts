// Prospective adopters on a real database: Annex A List 11 for a hand-made set of households as at
// 31 March 2026 (twelve months: 1 April 2025 to 31 March 2026) and List 10's family identifier; the journey
// dates refused out of order; a stale write refused; the pages' and the API's access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { makeAnnexA } from '../returns/annex-a/annex-a-return.ts';
import { adopterHouseholds, linkChildToHousehold, recordJourney, saveAdopter, saveHousehold } from './households.ts';

const AS_OF = '2026-03-31';
const TODAY = '2026-06-30';
const actor = { professionalId: 'M1' };
let database: Database;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (x) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
const fieldsOf = (e: AppError) => (e.fieldErrors ?? []).map((f) => `${f.field}: ${f.message}`);

const household = (id: string, family: string, extra: Record<string, unknown>) => ({ id, family_identifier: family, name: `Household ${family}`, agency: 'in_house', ...extra });

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('professional').values([{ id: 'M1', name: 'Manager' }]).execute();
  await db
    .insertInto('person')
    .values([
      { id: 'K1', sex: 'F', ethnicity: 'WBRI', dob: '2022-01-01' },
      { id: 'K2', sex: 'M', ethnicity: 'WBRI', dob: '2023-06-01' },
      { id: 'K3', sex: 'M', ethnicity: 'BAFR', dob: '2021-03-01' },
      { id: 'K4', sex: 'F', ethnicity: 'WBRI', dob: '2024-02-01' },
    ])
    .execute();
  await db
    .insertInto('adopter_household')
    .values([
      // In stage dates through the year, approved in it, fostering for adoption.
      household('H1', 'AF0001', {
        fostering_for_adoption: true, enquiry_date: '2025-05-10', stage1_start_date: '2025-06-01', stage1_end_date: '2025-07-31', stage2_start_date: '2025-08-15',
        stage2_end_date: '2025-12-15', application_date: '2025-08-10', approval_date: '2026-02-20',
      }),
      // Adoption order on 31 March 2025, the day before the twelve months: not in contact in them.
      household('H2', 'AF0002', {
        enquiry_date: '2023-01-10', stage1_start_date: '2023-02-01', stage1_end_date: '2023-04-01', stage2_start_date: '2023-04-02', stage2_end_date: '2023-08-01',
        application_date: '2023-04-02', approval_date: '2023-09-01', matched_date: '2024-01-01', placed_date: '2024-02-01', adoption_order_date: '2025-03-31',
      }),
      // Approved long ago and nothing of its own dated in the year: still in the process, so listed; match and
      // placement from the two children linked to it, the adoption order (after the as-of date) left out.
      household('H3', 'AF0003', {
        enquiry_date: '2023-05-01', stage1_start_date: '2023-06-01', stage1_end_date: '2023-07-31', stage2_start_date: '2023-08-01', stage2_end_date: '2023-11-01',
        application_date: '2023-07-20', approval_date: '2023-12-01',
      }),
      // Withdrew on 31 March 2025: not listed.
      household('H4', 'AF0004', { enquiry_date: '2024-11-01', stage1_start_date: '2024-12-01', left_date: '2025-03-31', left_reason: 'withdrew' }),
      // Put on hold on 1 April 2025, the first day of the twelve months: listed.
      household('H5', 'AF0005', { enquiry_date: '2025-01-05', left_date: '2025-04-01', left_reason: 'on_hold' }),
      // Another agency's adopters: in List 10's family identifier, not in List 11.
      { id: 'H6', family_identifier: 'AF0006', name: 'Household AF0006', agency: 'other_agency', other_agency_name: 'Regional Adoption Agency', approval_date: '2024-05-01' },
      // Enquiry after the as-of date: not yet.
      household('H7', 'AF0007', { enquiry_date: '2026-04-02' }),
      // Deleted: never listed.
      { ...household('H8', 'AF0008', { enquiry_date: '2025-06-01' }), deleted_at: new Date('2026-01-01T00:00:00Z') },
    ])
    .execute();
  await db
    .insertInto('adopter')
    .values([
      { id: 'A1', household_id: 'H1', sex: 'F', ethnicity: 'WBRI', disabled: false },
      { id: 'A2', household_id: 'H1', sex: 'M', ethnicity: 'BCRB', disabled: true },
      { id: 'A3', household_id: 'H2', sex: 'F', ethnicity: 'WBRI', disabled: false },
      { id: 'A4', household_id: 'H3', sex: 'N' }, // ethnicity defaults to NOBT
      { id: 'A5', household_id: 'H4', sex: 'M', ethnicity: 'WBRI', disabled: false },
      { id: 'A6', household_id: 'H5', sex: 'U', ethnicity: 'AIND', disabled: false },
      { id: 'A7', household_id: 'H6', sex: 'F', ethnicity: 'WBRI', disabled: false },
      { id: 'A8', household_id: 'H7', sex: 'F', ethnicity: 'WBRI', disabled: false },
      { id: 'A9', household_id: 'H8', sex: 'F', ethnicity: 'WBRI', disabled: false },
      { id: 'A10', household_id: 'H1', sex: 'F', ethnicity: 'WBRI', disabled: false, deleted_at: new Date('2026-01-01T00:00:00Z') },
    ])
    .execute();
  await db
    .insertInto('adoption')
    .values([
      { id: 'AD1', person_id: 'K1', adm_decision_date: '2024-10-01', matched_date: '2025-06-10', placed_date: '2025-07-01', order_date: '2026-04-15', order_type: 'Adoption order', adopter_household_id: 'H3' },
      { id: 'AD2', person_id: 'K2', adm_decision_date: '2024-10-01', matched_date: '2025-06-12', placed_date: '2025-07-01', adopter_household_id: 'H3' },
      { id: 'AD3', person_id: 'K3', adm_decision_date: '2024-06-01', matched_date: '2025-01-15', placed_date: '2025-02-01', order_date: '2025-11-20', order_type: 'Adoption order', adopter_household_id: 'H6' },
      { id: 'AD4', person_id: 'K4', adm_decision_date: '2025-09-01' },
    ])
    .execute();
});
afterAll(async () => database?.close());

describe('Annex A List 11 and the family identifier in List 10', () => {
  it('lists each adopter of our agency in contact in the twelve months, in the template’s coded forms', async () => {
    const { annexA } = await makeAnnexA(database.db, AS_OF);
    const list11 = annexA.lists[10]!;
    expect([list11.periodStart, list11.periodEnd]).toEqual(['2025-04-01', '2026-03-31']);
    expect(list11.rows).toEqual([
      ['A1', 'AF0001', 'b) Female', 'a) WBRI', 'b) No', 'a) Yes', '2025-05-10', '2025-06-01', '2025-07-31', '2025-08-15', '2025-12-15', '2025-08-10', '2026-02-20', null, null, null, null, null, null],
      ['A2', 'AF0001', 'a) Male', 'n) BCRB', 'a) Yes', 'a) Yes', '2025-05-10', '2025-06-01', '2025-07-31', '2025-08-15', '2025-12-15', '2025-08-10', '2026-02-20', null, null, null, null, null, null],
      ['A4', 'AF0003', 'd) Neither', 't) NOBT', 'b) No', 'b) No', '2023-05-01', '2023-06-01', '2023-07-31', '2023-08-01', '2023-11-01', '2023-07-20', '2023-12-01', '2025-06-10', '2025-07-01', 2, null, null, null],
      ['A6', 'AF0005', 'c) Not stated/recorded', 'j) AIND', 'b) No', 'b) No', '2025-01-05', null, null, null, null, null, null, null, null, null, null, '2025-04-01', '2) On hold'],
    ]);
  });

  it('fills List 10’s family identifier from the household the child was matched with', async () => {
    const { annexA } = await makeAnnexA(database.db, AS_OF);
    const list10 = annexA.lists[9]!;
    expect(list10.rows.map((r) => [r[0], r[1]])).toEqual([
      ['K1', 'AF0003'],
      ['K2', 'AF0003'],
      ['K3', 'AF0006'],
      ['K4', null],
    ]);
  });

  it('shows each household’s stage and the days since enquiry and since approval', async () => {
    const rows = await adopterHouseholds(database.db, AS_OF);
    const byFamily = new Map(rows.map((r) => [r.familyIdentifier, r]));
    // 10 May 2025 to 31 March 2026 is 325 days; approved 20 February 2026, 39 days before.
    expect(byFamily.get('AF0001')).toMatchObject({ stage: 'Approved, waiting for a match', inProcess: true, daysSinceEnquiry: 325, daysSinceApproval: 39, adopters: 2, children: 0 });
    expect(byFamily.get('AF0003')).toMatchObject({ stage: 'Child placed', inProcess: true, daysSinceApproval: null, children: 2 });
    expect(byFamily.get('AF0002')).toMatchObject({ stage: 'Adoption order made', inProcess: false, daysSinceEnquiry: null });
    expect(byFamily.get('AF0005')).toMatchObject({ stage: 'Left the process: On hold', inProcess: false });
    expect(byFamily.get('AF0007')).toMatchObject({ stage: 'Not started', inProcess: false });
    expect(byFamily.has('AF0008')).toBe(false);
  });
});

describe('the journey dates, in order', () => {
  let id: string;
  const journey = (extra: Record<string, unknown>) => recordJourney(database.db, actor, { householdId: id, version: 1, ...extra }, TODAY);

  it('adds a household with the next family identifier and its adopters', async () => {
    id = await saveHousehold(database.db, actor, { name: 'The Test household', agency: 'in_house', fosteringForAdoption: 'no', enquiryDate: '2026-01-05' }, TODAY);
    const h = await database.db.selectFrom('adopter_household').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([h.family_identifier, h.version, h.enquiry_date]).toEqual(['AF0009', 1, '2026-01-05']);
    const missing = await refusal(saveHousehold(database.db, actor, { name: 'No enquiry', agency: 'in_house', fosteringForAdoption: 'no' }, TODAY));
    expect(fieldsOf(missing)).toEqual(['enquiryDate: Enter the date the enquiry was received']);
    const taken = await refusal(saveHousehold(database.db, actor, { name: 'Clash', agency: 'in_house', fosteringForAdoption: 'no', enquiryDate: '2026-01-05', familyIdentifier: 'AF0001' }, TODAY));
    expect(fieldsOf(taken)).toEqual(['familyIdentifier: The family identifier AF0001 is already used by another household']);
    await saveAdopter(database.db, actor, { householdId: id, sex: 'F', ethnicity: 'WIRI', disabled: 'no' });
    const bad = await refusal(saveAdopter(database.db, actor, { householdId: id, sex: 'X', ethnicity: 'WIRI', disabled: 'no' }));
    expect(fieldsOf(bad)).toEqual(['sex: Choose the adopter’s gender']);
  });

  it('refuses stage 2 before stage 1 ends, approval before the application, and the other dates out of order', async () => {
    const base = { stage1StartDate: '2026-01-20', stage1EndDate: '2026-03-20' };
    expect(fieldsOf(await refusal(journey({ ...base, stage2StartDate: '2026-03-01' })))).toEqual(['stage2StartDate: Stage 2 started cannot be before stage 1 ended (2026-03-20)']);
    expect(fieldsOf(await refusal(journey({ stage1StartDate: '2026-01-20', stage2StartDate: '2026-03-01' })))).toEqual(['stage2StartDate: Enter the date: stage 1 ended, before the date: stage 2 started']);
    expect(fieldsOf(await refusal(journey({ stage1StartDate: '2026-01-01' })))).toEqual(['stage1StartDate: Stage 1 started cannot be before enquiry received (2026-01-05)']);
    expect(fieldsOf(await refusal(journey({ stage1StartDate: '2026-07-01' })))).toEqual(['stage1StartDate: Stage 1 started: the date must be today or in the past']);
    const throughStage2 = { ...base, stage2StartDate: '2026-03-21', stage2EndDate: '2026-03-30' };
    expect(fieldsOf(await refusal(journey({ ...throughStage2, applicationDate: '2026-04-10', approvalDate: '2026-04-01' })))).toEqual([
      'approvalDate: Application approved cannot be before application submitted (2026-04-10)',
    ]);
    expect(fieldsOf(await refusal(journey({ ...throughStage2, approvalDate: '2026-04-12' })))).toEqual(['approvalDate: Enter the date: application submitted, before the date: application approved']);
    expect(fieldsOf(await refusal(journey({ ...base, matchedDate: '2026-04-01' })))).toEqual(['matchedDate: Enter the date: application approved, before the date: matched with a child or children']);
    expect(fieldsOf(await refusal(journey({ ...base, leftDate: '2026-03-10', leftReason: 'withdrew' })))).toEqual(['leftDate: Left the adoption process cannot be before stage 1 ended (2026-03-20)']);
    expect(fieldsOf(await refusal(journey({ ...base, leftDate: '2026-04-10' })))).toEqual(['leftReason: Choose why the household left the adoption process']);
    // Nothing was written by any of these.
    const h = await database.db.selectFrom('adopter_household').select(['version', 'stage1_start_date']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(h).toEqual({ version: 1, stage1_start_date: null });
  });

  it('records the journey in order, and refuses a write made from an older version', async () => {
    await journey({ stage1StartDate: '2026-01-20', stage1EndDate: '2026-03-20', stage2StartDate: '2026-03-21', stage2EndDate: '2026-04-30', applicationDate: '2026-03-21', approvalDate: '2026-05-01' });
    const h = await database.db.selectFrom('adopter_household').select(['version', 'approval_date']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(h).toEqual({ version: 2, approval_date: '2026-05-01' });
    const stale = await refusal(journey({ stage1StartDate: '2026-01-21' }));
    expect(stale.code).toBe('CONFLICT');
    const staleDetails = await refusal(saveHousehold(database.db, actor, { householdId: id, version: 1, name: 'Renamed', agency: 'in_house', fosteringForAdoption: 'no', enquiryDate: '2026-01-05' }, TODAY));
    expect(staleDetails.code).toBe('CONFLICT');
    expect((await database.db.selectFrom('adopter_household').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('The Test household');
  });

  it('links a child to the household only if the household was approved by the match', async () => {
    await database.db.updateTable('adoption').set({ matched_date: '2026-04-20' }).where('id', '=', 'AD4').execute();
    const early = await refusal(linkChildToHousehold(database.db, actor, { childId: 'K4', householdId: id }));
    expect(fieldsOf(early)).toEqual(['householdId: The child was matched on 2026-04-20, before this household was approved (2026-05-01)']);
    await database.db.updateTable('adoption').set({ matched_date: '2026-05-20' }).where('id', '=', 'AD4').execute();
    expect(await linkChildToHousehold(database.db, actor, { childId: 'K4', householdId: id })).toBe('AD4');
    const { annexA } = await makeAnnexA(database.db, TODAY);
    expect(annexA.lists[9]!.rows.find((r) => r[0] === 'K4')?.[1]).toBe('AF0009');
    // The household's match now comes from the child, in List 11.
    expect(annexA.lists[10]!.rows.filter((r) => r[1] === 'AF0009').map((r) => [r[2], r[3], r[13]])).toEqual([['b) Female', 'b) WIRI', '2026-05-20']]);
  });
});

describe('pages and API', () => {
  let app: FastifyInstance;
  let manager: TestSession;
  let worker: TestSession;
  let analyst: TestSession;
  beforeAll(async () => {
    app = await buildApp({ database, config: loadConfig({}) }, { logger: false, rateLimits: false });
    manager = await signIn(app, database.db, { roles: ['service_manager'], professionalId: 'M1' });
    worker = await signIn(app, database.db, { roles: ['social_worker'], professionalId: 'M1' });
    analyst = await signIn(app, database.db, { roles: ['performance_analyst'] });
  });
  afterAll(async () => app?.close());
  const get = (s: TestSession, url: string, html = true) => app.inject({ url, headers: { cookie: s.cookie, accept: html ? 'text/html' : 'application/json' } });
  const put = (s: TestSession, url: string, body: unknown) =>
    app.inject({ method: 'PUT', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify(body) });

  it('lets managers see the households, and refuses a social worker and an analyst', async () => {
    const page = await get(manager, '/adopters?all=yes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('AF0001');
    // Today, K1's adoption order (15 April 2026) has been made.
    expect((await get(manager, '/adopters/H3')).body).toContain('Adoption order made');
    for (const s of [worker, analyst]) {
      expect((await get(s, '/adopters')).statusCode).toBe(403);
      expect((await get(s, '/adopters/H1')).statusCode).toBe(403);
      expect((await get(s, '/api/v1/adopter-households', false)).statusCode).toBe(403);
      expect((await put(s, '/api/v1/adopter-households/H1/journey', { version: 1 })).statusCode).toBe(403);
    }
    expect((await get(manager, '/adopters/NOPE')).statusCode).toBe(404);
  });

  it('describes the operations in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/adopter-households', '/api/v1/adopter-households/{householdId}', '/api/v1/adopter-households/{householdId}/journey', '/api/v1/adopter-households/{householdId}/adopters', '/api/v1/adopter-households/{householdId}/adopters/{adopterId}', '/api/v1/children/{childId}/adoption/adopter-household']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.paths['/api/v1/adopter-households/{householdId}/journey'].put.requestBody.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['version', 'stage1StartDate', 'leftReason']));
  });

  it('refuses a stale write through the API and the form, and audits a change', async () => {
    const h = await database.db.selectFrom('adopter_household').select(['version']).where('id', '=', 'H5').executeTakeFirstOrThrow();
    const ok = await put(manager, '/api/v1/adopter-households/H5/journey', { version: h.version, leftDate: '2025-04-01', leftReason: 'withdrew' });
    expect(ok.statusCode).toBe(200);
    const stale = await put(manager, '/api/v1/adopter-households/H5/journey', { version: h.version, leftDate: '2025-04-01', leftReason: 'refused' });
    expect(stale.statusCode).toBe(409);
    const outOfOrder = await put(manager, '/api/v1/adopter-households/H5/journey', { version: h.version + 1, leftDate: '2024-12-01', leftReason: 'refused' });
    expect(outOfOrder.statusCode).toBe(400);
    expect(outOfOrder.json().error.fields).toEqual([{ field: 'leftDate', message: 'Left the adoption process cannot be before enquiry received (2025-01-05)' }]);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'entity_type', 'entity_id', 'diff']).where('entity_type', '=', 'adopter_household').where('entity_id', '=', 'H5').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.diff).toMatchObject({ left_reason: { before: 'on_hold', after: 'withdrew' }, version: { before: h.version, after: h.version + 1 } });

    const form = await get(manager, '/adopters/H5/journey');
    expect(form.statusCode).toBe(200);
    const post = await app.inject({
      method: 'POST',
      url: '/adopters/H5/journey',
      headers: { cookie: manager.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: manager.csrfToken, version: String(h.version), 'leftDate-day': '1', 'leftDate-month': '4', 'leftDate-year': '2025', leftReason: 'refused' }).toString(),
    });
    expect(post.statusCode).toBe(409);
    expect(post.body).toContain('govuk-error-summary');
    expect(post.body).toContain('Someone changed this household since you opened it');
  });
});
