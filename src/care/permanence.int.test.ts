// Permanence, placements and care leavers on a real database: the adoption tracker's steps in order,
// placements with the council's foster households and the regulation 28 variants (read back by the clock
// engine), placement sufficiency worked by hand, the care-leaver records, and the pages' access and audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { computeClocks } from '../clocks/compute-clocks.ts';
import { ceaseCare, endVisitRegime, movePlacement, startPeriodOfCare } from './period-of-care.ts';
import { adoptionJourneys, recordAdoptionStep } from './adoption.ts';
import { saveFosterHousehold, sufficiencySummary } from './sufficiency.ts';
import { recordCareLeaverCircumstances, recordNeedsAssessment, recordSupportRequest } from './care-leavers.ts';
import { recordClaReview } from './care-records.ts';

let database: Database;
const sw = { professionalId: 'SW1' };
const TODAY = '2026-06-30';
const place = (extra: Record<string, string> = {}) => ({ placementType: 'U6', provider: 'PR1', urn: 'SC123456', postcode: 'TB1 2AB', distanceMiles: '3', inArea: 'yes', ...extra });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (x) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
const fieldsOf = (e: AppError) => (e.fieldErrors ?? []).map((f) => `${f.field}: ${f.message}`);

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values({ id: 'T1', name: 'Children in care' }).execute();
  await db.insertInto('professional').values([{ id: 'SW1', name: 'Worker', team_id: 'T1' }, { id: 'M1', name: 'Manager' }, { id: 'M2', name: 'Other manager' }]).execute();
  await db
    .insertInto('person')
    .values([
      { id: 'A1', forename: 'Ada', surname: 'Adopt', dob: '2023-02-01' },
      { id: 'K1', forename: 'Kim', surname: 'One', dob: '2012-01-01' },
      { id: 'K2', forename: 'Kit', surname: 'Two', dob: '2011-01-01' },
      { id: 'K3', forename: 'Kay', surname: 'Three', dob: '2013-01-01' },
      { id: 'K4', forename: 'Kai', surname: 'Four', dob: '2014-01-01' },
      { id: 'K5', forename: 'Kev', surname: 'Five', dob: '2010-01-01' },
      { id: 'Y1', forename: 'Yas', surname: 'Leaver', dob: '2008-05-10' },
      { id: 'Y2', forename: 'Yan', surname: 'Older', dob: '2004-03-01' },
    ])
    .execute();
});
afterAll(async () => database?.close());

describe('the adoption tracker', () => {
  it('records the steps in order, refusing a step out of order, a duplicate and a date before an earlier step', async () => {
    const db = database.db;
    await startPeriodOfCare(db, sw, { childId: 'A1', startDate: '2024-03-01', legalStatus: 'C2', ...place() }, TODAY);
    // No journey yet: only a decision may start one.
    expect((await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'matched', date: '2024-10-01' }, TODAY))).code).toBe('CONFLICT');
    const id = await recordAdoptionStep(db, sw, { childId: 'A1', step: 'adm_decision', date: '2024-09-01' }, TODAY);
    expect(fieldsOf(await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'placed', date: '2025-06-16' }, TODAY)))).toEqual(['step: Record “Matched with prospective adopters” first']);
    expect(await recordAdoptionStep(db, sw, { childId: 'A1', step: 'placement_order', date: '2025-02-03' }, TODAY)).toBe(id);
    expect(fieldsOf(await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'matched', date: '2025-01-31' }, TODAY)))).toEqual(['date: This cannot be before “Placement order made” (2025-02-03)']);
    await recordAdoptionStep(db, sw, { childId: 'A1', step: 'matched', date: '2025-06-02' }, TODAY);
    const dup = await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'matched', date: '2025-06-03' }, TODAY));
    expect([dup.code, dup.message]).toEqual(['CONFLICT', 'Matched with prospective adopters: already recorded on 2025-06-02']);
    await recordAdoptionStep(db, sw, { childId: 'A1', step: 'placed', date: '2025-06-16' }, TODAY);
    expect(fieldsOf(await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'reversed', date: '2025-07-01' }, TODAY)))).toEqual([
      'reversalReason: Choose why the child should no longer be placed for adoption',
    ]);
    expect(fieldsOf(await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'adoption_order', date: '2026-07-01' }, TODAY)))).toEqual(['date: The date must be today or in the past']);
    const [j] = await adoptionJourneys(db, 'A1');
    expect(j).toMatchObject({ entered_care_date: '2024-03-01', adm_decision_date: '2024-09-01', placement_order_date: '2025-02-03', matched_date: '2025-06-02', placed_date: '2025-06-16', order_date: null });
  });

  it('closes a journey when the decision is reversed, and a new decision starts another', async () => {
    const db = database.db;
    await recordAdoptionStep(db, sw, { childId: 'A1', step: 'reversed', date: '2025-09-01', reversalReason: 'RD1' }, TODAY);
    expect((await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'adoption_order', date: '2025-10-01' }, TODAY))).code).toBe('CONFLICT');
    await recordAdoptionStep(db, sw, { childId: 'A1', step: 'adm_decision', date: '2026-01-10' }, TODAY);
    const journeys = await adoptionJourneys(db, 'A1');
    expect(journeys.map((j) => [j.adm_decision_date, j.decision_reversed_date, j.decision_reversed_reason])).toEqual([
      ['2024-09-01', '2025-09-01', 'RD1'],
      ['2026-01-10', null, null],
    ]);
    // Early permanence needs its decision first.
    expect(fieldsOf(await refusal(recordAdoptionStep(db, sw, { childId: 'A1', step: 'placed_ffa', date: '2026-02-01' }, TODAY)))).toEqual([
      'step: Record “Decision to place in early permanence (fostering for adoption or concurrent planning)” first',
    ]);
  });

  it('refuses a step when the child was not looked after that day', async () => {
    expect(fieldsOf(await refusal(recordAdoptionStep(database.db, sw, { childId: 'A1', step: 'ffa_decision', date: '2024-02-01' }, TODAY)))).toEqual(['date: The child was not looked after on 2024-02-01']);
  });
});

describe('placements with our foster households and the regulation 28 variants', () => {
  it('refuses a household for a placement that is not fostering, and a variant for the wrong kind of placement, saving nothing', async () => {
    const db = database.db;
    const h = await saveFosterHousehold(db, sw, { name: 'The Hills', approvalType: 'mainstream', approvedPlaces: '2', approvedDate: '2020-01-01' }, TODAY);
    const e1 = await refusal(startPeriodOfCare(db, sw, { childId: 'K3', startDate: '2026-03-01', legalStatus: 'C1', ...place({ placementType: 'K2', fosterHouseholdId: h }) }, TODAY));
    expect(fieldsOf(e1)).toEqual(['fosterHouseholdId: Only a foster placement (U1 to U6) can be with one of our foster households']);
    const e2 = await refusal(startPeriodOfCare(db, sw, { childId: 'K3', startDate: '2026-03-01', legalStatus: 'C1', ...place({ visitRegime: 'parent_before_assessment' }) }, TODAY));
    expect(fieldsOf(e2)).toEqual(['visitRegime: This visiting rule is only for a child placed with a parent (P1)']);
    const e3 = await refusal(startPeriodOfCare(db, sw, { childId: 'K3', startDate: '2026-03-01', legalStatus: 'C1', ...place({ placementType: 'U4', visitRegime: 'connected_person_temporary' }) }, TODAY));
    expect(fieldsOf(e3)).toEqual(['visitRegime: This visiting rule is only for a foster placement with a relative or friend (U1 to U3)']);
    expect(await db.selectFrom('period_of_care').select('id').where('person_id', '=', 'K3').execute()).toEqual([]);
  });

  it('a connected-person placement is visited weekly until the first review, then every 4 weeks until approval (read from the database)', async () => {
    const db = database.db;
    // K4 placed with an aunt on temporary approval from Monday 2 March 2026; reviewed 27 March.
    const p = await startPeriodOfCare(db, sw, { childId: 'K4', startDate: '2026-03-02', legalStatus: 'C1', ...place({ placementType: 'U3', visitRegime: 'connected_person_temporary' }) }, TODAY);
    await db.insertInto('visit').values(['2026-03-06', '2026-03-13', '2026-03-20', '2026-03-27'].map((d, i) => ({ id: `K4V${i}`, visit_type: 'cla', person_id: 'K4', period_of_care_id: p, visit_date: d }))).execute();
    await recordClaReview(db, { professionalId: 'SW1' }, { childId: 'K4', reviewDate: '2026-03-27', participation: 'PN1', permanencePlanReviewed: 'yes' }, TODAY);
    const visits = async (asOf: string) => (await computeClocks(db, asOf, { childIds: ['K4'] })).filter((c) => c.rule === 'cla-visit').map((c) => [c.startDate, c.dueDate, c.status]);
    // Visit on the review day: no longer before the first review, so 4 weeks → 24 April.
    expect((await visits('2026-04-01')).at(-1)).toEqual(['2026-03-27', '2026-04-24', 'due']);
    // Approved as a foster carer on 1 April: from the visit on 10 April, the standard 6 weeks → 22 May.
    await endVisitRegime(db, sw, { periodOfCareId: p, endDate: '2026-04-01' }, TODAY);
    await db.insertInto('visit').values({ id: 'K4V9', visit_type: 'cla', person_id: 'K4', period_of_care_id: p, visit_date: '2026-04-10' }).execute();
    expect((await visits('2026-04-30')).slice(-2)).toEqual([
      ['2026-03-27', '2026-04-24', 'met'],
      ['2026-04-10', '2026-05-22', 'due'],
    ]);
    expect((await refusal(endVisitRegime(db, sw, { periodOfCareId: p, endDate: '2026-04-02' }, TODAY))).code).toBe('CONFLICT');
  });
});

describe('placement sufficiency', () => {
  it('counts by type and provider, foster capacity, distance, moves and unregistered provision, worked by hand', async () => {
    const db = database.db;
    const [h1] = await db.selectFrom('foster_household').select('id').where('name', '=', 'The Hills').execute();
    await saveFosterHousehold(db, sw, { name: 'The Greens', approvalType: 'connected_person', approvedPlaces: '1', approvedDate: '2021-01-01', onHold: 'yes' }, TODAY);
    await saveFosterHousehold(db, sw, { name: 'The Browns', approvalType: 'mainstream', approvedPlaces: '3', approvedDate: '2019-01-01', deregisteredDate: '2025-12-31' }, TODAY);
    // K1: with The Hills since January 2025, 3 miles, in area.
    await startPeriodOfCare(db, sw, { childId: 'K1', startDate: '2025-01-10', legalStatus: 'C2', ...place({ fosterHouseholdId: h1!.id }) }, TODAY);
    // K2: a children's home 42 miles away; to The Hills' second place; then an unregistered home 25 miles away.
    const k2 = await startPeriodOfCare(db, sw, { childId: 'K2', startDate: '2025-05-01', legalStatus: 'C2', ...place({ placementType: 'K2', provider: 'PR4', urn: 'SC654321', distanceMiles: '42', inArea: 'no' }) }, TODAY);
    await movePlacement(db, sw, { periodOfCareId: k2, moveDate: '2025-09-01', changeReason: 'CARPL', ...place({ distanceMiles: '4', fosterHouseholdId: h1!.id }) }, TODAY);
    await movePlacement(db, sw, { periodOfCareId: k2, moveDate: '2026-02-01', changeReason: 'CREQB', ...place({ placementType: 'K2', provider: 'PR4', urn: 'XXXXXXX', distanceMiles: '25', inArea: 'no' }) }, TODAY);
    // K3: long-term fostering with an agency, distance and area not recorded.
    await startPeriodOfCare(db, sw, { childId: 'K3', startDate: '2026-03-01', legalStatus: 'C2', placementType: 'U4', provider: 'PR4' }, TODAY);
    // K5: moved once, left care before the date.
    const k5 = await startPeriodOfCare(db, sw, { childId: 'K5', startDate: '2025-08-01', legalStatus: 'V2', ...place() }, TODAY);
    await movePlacement(db, sw, { periodOfCareId: k5, moveDate: '2025-10-01', changeReason: 'STAND', ...place() }, TODAY);
    const { version } = await db.selectFrom('period_of_care').select('version').where('id', '=', k5).executeTakeFirstOrThrow();
    await ceaseCare(db, sw, { periodOfCareId: k5, version, endDate: '2026-05-01', endReason: 'E4A' }, TODAY);
    // K4 (above) is placed with a connected person, not one of our households. A child on short breaks only:
    await db.insertInto('person').values({ id: 'SB1', dob: '2015-01-01' }).execute();
    await startPeriodOfCare(db, sw, { childId: 'SB1', startDate: '2026-01-01', legalStatus: 'V3', ...place({ fosterHouseholdId: h1!.id }) }, TODAY);

    const s = await sufficiencySummary(db, TODAY);
    // Looked after on 30 June 2026: A1 (U6, PR1, 3 miles, in area, from the adoption tests), K1, K2, K3, K4
    // (SB1 is on short breaks, K5 left): 5.
    expect(s.childrenPlaced).toBe(5);
    expect(s.byType.map((t) => [t.code, t.count])).toEqual([['U6', 2], ['K2', 1], ['U3', 1], ['U4', 1]]);
    expect(s.byProvider.map((t) => [t.code, t.count])).toEqual([['PR1', 3], ['PR4', 2]]);
    // Households approved on the date: The Hills (2 places) and The Greens (on hold); The Browns deregistered.
    // Children with them: K1 (SB1's short breaks are not counted). Places 2, used 1: 50%.
    // In foster care: A1, K1, K3, K4; with the council's own carers (PR1): A1, K1, K4.
    expect(s.fostering).toMatchObject({ households: 2, householdsOnHold: 1, approvedPlaces: 2, childrenPlaced: 1, vacancies: 1, usedPct: 50, childrenInFosterCare: 4, childrenInCouncilFosterCare: 3 });
    // Distances: A1, K1 and K4 3 miles (<5), K2 25 (20+), K3 not recorded. Out of area: K2, of 4 recorded (25%).
    expect(s.distance).toEqual({
      bands: [
        { label: 'Under 5 miles', count: 3 },
        { label: '5 to under 10 miles', count: 0 },
        { label: '10 to under 20 miles', count: 0 },
        { label: '20 miles or more', count: 1 },
      ],
      notRecorded: 1,
      outOfArea: 1,
      outOfAreaPct: 25,
      inAreaNotRecorded: 1,
    });
    // Moves from 1 July 2025: K2 on 1 September and 1 February, K5 on 1 October (K5 has left, but moved in the
    // year). K2 had 3 placements in the year: 1 of the 5 looked after now (20%).
    expect(s.moves).toEqual({ moves: 3, childrenWhoMoved: 2, childrenWith3PlusPlacements: 1, childrenWith3PlusPlacementsPct: 20 });
    expect(s.unregistered).toBe(1);
  });

  it('refuses to change a household with a stale version, or to deregister it before a child placed there', async () => {
    const db = database.db;
    const h = await db.selectFrom('foster_household').selectAll().where('name', '=', 'The Hills').executeTakeFirstOrThrow();
    const base = { householdId: h.id, name: h.name, approvalType: h.approval_type, approvedPlaces: '3', approvedDate: h.approved_date };
    expect((await refusal(saveFosterHousehold(db, sw, { ...base, version: String(h.version + 1) }, TODAY))).code).toBe('CONFLICT');
    expect(fieldsOf(await refusal(saveFosterHousehold(db, sw, { ...base, version: String(h.version), deregisteredDate: '2025-06-01' }, TODAY)))).toEqual([
      'deregisteredDate: A child was placed with this household on 2025-09-01, outside those dates',
    ]);
    await saveFosterHousehold(db, sw, { ...base, version: String(h.version) }, TODAY);
    expect((await db.selectFrom('foster_household').select(['approved_places', 'version']).where('id', '=', h.id).executeTakeFirstOrThrow())).toEqual({ approved_places: 3, version: h.version + 1 });
  });
});

describe('care leavers', () => {
  it('records the needs assessment, circumstances with the computed eligibility, and a request for support to 25', async () => {
    const db = database.db;
    // Y1 (born 10 May 2008) looked after from 1 January 2024 to the 18th birthday, 10 May 2026.
    const p = await startPeriodOfCare(db, sw, { childId: 'Y1', startDate: '2024-01-01', legalStatus: 'C2', ...place() }, TODAY);
    expect(fieldsOf(await refusal(recordNeedsAssessment(db, sw, { childId: 'Y1', assessmentDate: '2024-02-09' }, TODAY)))).toEqual(['assessmentDate: A leaving-care needs assessment is made from three months before the 16th birthday']);
    await recordNeedsAssessment(db, sw, { childId: 'Y1', assessmentDate: '2024-06-20' }, TODAY);
    const { version } = await db.selectFrom('period_of_care').select('version').where('id', '=', p).executeTakeFirstOrThrow();
    await ceaseCare(db, sw, { periodOfCareId: p, version, endDate: '2026-05-10', endReason: 'E17' }, TODAY);
    expect(fieldsOf(await refusal(recordCareLeaverCircumstances(db, sw, { childId: 'Y1', recordDate: '2026-05-12', inTouch: 'YES', accommodation: 'Z' }, TODAY)))).toEqual(['accommodationSuitable: Say whether the accommodation is suitable']);
    await recordCareLeaverCircumstances(db, sw, { childId: 'Y1', recordDate: '2026-05-12', inTouch: 'YES', accommodation: 'Z', accommodationSuitable: '1', activity: 'F2', stayingPut: 'yes' }, TODAY);
    const row = await db.selectFrom('care_leaver').select(['eligibility', 'in_touch', 'accommodation', 'accommodation_suitable', 'activity', 'staying_put', 'support_requested_after_21']).where('person_id', '=', 'Y1').executeTakeFirstOrThrow();
    expect(row).toEqual({ eligibility: 'former relevant', in_touch: 'YES', accommodation: 'Z', accommodation_suitable: '1', activity: 'F2', staying_put: true, support_requested_after_21: false });
    // Support after 21 is for a former relevant young person aged 21 to 24.
    expect(fieldsOf(await refusal(recordSupportRequest(db, sw, { childId: 'Y1', requestDate: '2026-06-01' }, TODAY)))[0]).toMatch(/^requestDate: Support is requested from the 21st birthday/);
    // Y2 (born 1 March 2004) was looked after 2019–2022: former relevant; 22 in 2026.
    await startPeriodOfCare(db, sw, { childId: 'Y2', startDate: '2019-06-01', legalStatus: 'C2', ...place() }, TODAY);
    const y2 = await db.selectFrom('period_of_care').select(['id', 'version']).where('person_id', '=', 'Y2').executeTakeFirstOrThrow();
    await ceaseCare(db, sw, { periodOfCareId: y2.id, version: y2.version, endDate: '2022-03-01', endReason: 'E5' }, TODAY);
    await recordSupportRequest(db, sw, { childId: 'Y2', requestDate: '2026-04-01' }, TODAY);
    expect((await refusal(recordSupportRequest(db, sw, { childId: 'Y2', requestDate: '2026-05-01' }, TODAY))).code).toBe('CONFLICT');
    await recordCareLeaverCircumstances(db, sw, { childId: 'Y2', recordDate: '2026-06-01', inTouch: 'YES' }, TODAY);
    expect(await db.selectFrom('care_leaver').select(['eligibility', 'support_requested_after_21']).where('person_id', '=', 'Y2').executeTakeFirstOrThrow()).toEqual({ eligibility: 'former relevant', support_requested_after_21: true });
  });
});

describe('the pages and API: who sees what, audited', () => {
  let app: FastifyInstance;
  let analyst: TestSession;
  let manager: TestSession;
  let otherManager: TestSession;
  let worker: TestSession;
  beforeAll(async () => {
    const db = database.db;
    await db.insertInto('involvement').values([
      { id: 'INV1', person_id: 'K2', professional_id: 'M1', role: 'CW', start_date: '2020-01-01' },
      { id: 'INV2', person_id: 'A1', professional_id: 'SW1', role: 'CW', start_date: '2020-01-01' },
      { id: 'INV3', person_id: 'A1', professional_id: 'M1', role: 'CW', start_date: '2020-01-01' },
    ]).execute();
    app = await buildApp({ database, config: loadConfig({}) });
    analyst = await signIn(app, db, { roles: ['performance_analyst'] });
    manager = await signIn(app, db, { roles: ['team_manager'], professionalId: 'M1' });
    otherManager = await signIn(app, db, { roles: ['service_manager'], professionalId: 'M2' });
    worker = await signIn(app, db, { roles: ['social_worker'], professionalId: 'SW1' });
  });
  afterAll(async () => app?.close());

  const get = (s: TestSession, url: string, html = false) => app.inject({ url, headers: { cookie: s.cookie, accept: html ? 'text/html' : 'application/json' } });
  const readsBy = (s: TestSession) => database.db.selectFrom('audit_event').select(['person_id', 'what']).where('user_id', '=', s.user.id).where('action', '=', 'read').orderBy('person_id').execute();

  it('gives the analyst aggregates only, and names no child', async () => {
    const res = await get(analyst, `/api/v1/sufficiency?asOf=${TODAY}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().childrenPlaced).toBe(5);
    expect(res.json().flagged).toBeUndefined();
    const page = await get(analyst, `/sufficiency?asOf=${TODAY}`, true);
    expect(page.statusCode).toBe(200);
    for (const name of ['Kit', 'Kim', 'Kay']) expect(page.body).not.toContain(name);
    const tracker = await get(analyst, `/api/v1/adoption?asOf=${TODAY}`);
    expect(tracker.json().children).toBeUndefined();
    expect(await readsBy(analyst)).toEqual([]);
  });

  it('lists for a manager only the children they may see, and audits each read', async () => {
    const mine = (await get(manager, `/api/v1/sufficiency?asOf=${TODAY}`)).json();
    expect(mine.flagged.unregistered.map((c: { name: string }) => c.name)).toEqual(['Kit Two']);
    expect(mine.flagged.distantOutOfArea.map((c: { name: string }) => c.name)).toEqual(['Kit Two']);
    expect(await readsBy(manager)).toEqual([{ person_id: 'K2', what: 'placement sufficiency' }]);
    const theirs = (await get(otherManager, `/api/v1/sufficiency?asOf=${TODAY}`)).json();
    expect(theirs.flagged).toEqual({ unregistered: [], distantOutOfArea: [] });
    expect(theirs.unregistered).toBe(1);
    const tracker = (await get(manager, `/api/v1/adoption?asOf=${TODAY}`)).json();
    expect(tracker.children.map((c: { name: string; stage: string }) => [c.name, c.stage])).toEqual([
      ['Ada Adopt', 'Decision reversed'],
      ['Ada Adopt', 'Should be placed for adoption'],
    ]);
  });

  it('refuses the sufficiency pages to a social worker, and a bad date with a reason', async () => {
    expect((await get(worker, '/api/v1/sufficiency')).statusCode).toBe(403);
    const bad = await get(analyst, '/api/v1/sufficiency?asOf=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'asOf', message: 'The as-of date (YYYY-MM-DD) must be a real date' }]);
  });

  it('records an adoption step through the API, and refuses bad input with a 4xx and nothing saved', async () => {
    const post = (body: unknown) => app.inject({ method: 'POST', url: '/api/v1/children/A1/adoption-steps', headers: { cookie: worker.cookie, 'x-csrf-token': worker.csrfToken, 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify(body) });
    const before = await database.db.selectFrom('adoption').selectAll().where('person_id', '=', 'A1').execute();
    const early = await post({ step: 'matched', date: '2026-01-09' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toEqual([{ field: 'date', message: 'This cannot be before “Decision that the child should be placed for adoption (agency decision maker)” (2026-01-10)' }]);
    expect(await database.db.selectFrom('adoption').selectAll().where('person_id', '=', 'A1').execute()).toEqual(before);
    const ok = await post({ step: 'placement_order', date: '2026-03-02' });
    expect(ok.statusCode).toBe(201);
    const view = (await get(worker, '/api/v1/children/A1/adoption')).json();
    expect(view.journeys.at(-1)).toMatchObject({ stage: 'Placement order', placement_order_date: '2026-03-02' });
    const audit = await database.db.selectFrom('audit_event').select(['action', 'entity_type']).where('user_id', '=', worker.user.id).where('action', '=', 'update').execute();
    expect(audit).toEqual([{ action: 'update', entity_type: 'adoption' }]);
  });

  it('describes the new operations in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/sufficiency', '/api/v1/adoption', '/api/v1/foster-households', '/api/v1/children/{childId}/adoption-steps', '/api/v1/children/{childId}/care-leaver-records', '/api/v1/children/{childId}/needs-assessments', '/api/v1/children/{childId}/support-requests']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/v1/children/{childId}/adoption-steps'].post.requestBody.content['application/json'].schema.properties).sort()).toEqual(['date', 'reversalReason', 'step']);
  });

  it('shows the care and leaving-care sections on the child’s record', async () => {
    const rec = (await get(worker, '/api/v1/children/A1')).json();
    expect(rec.care.care).toMatchObject({ startDate: '2024-03-01', open: true, placementsInPeriod: 1 });
    expect(rec.care.adoption).toEqual({ stage: 'Placement order', journeys: 2 });
    const page = await get(worker, '/children/A1/adoption', true);
    expect(page.statusCode).toBe(200);
    // Placed for adoption nor adopted yet, and past England's averages from entering care on 1 March 2024.
    expect(page.body).toContain('Slower than England');
  });
});
