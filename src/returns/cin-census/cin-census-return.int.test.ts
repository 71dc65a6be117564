// The return from the database: what is loaded (deleted records never), the LA code, and the whole
// build-and-validate on a few hand-made records. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/connect.ts';
import { isAppError } from '../../platform/errors.ts';
import { makeCinCensusReturn } from './cin-census-return.ts';
import { councilLaCode, loadCensusRecords } from './load-census-records.ts';

let database: Database;

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db
    .insertInto('person')
    .values([
      { id: 'K1', dob: '2014-05-05', sex: 'F', ethnicity: 'WBRI', upn_unknown: 'UN4' },
      { id: 'K2', dob: '2019-07-07', sex: 'M', ethnicity: 'BAFR', upn_unknown: 'UN3' },
      { id: 'K3', dob: '2016-01-01', sex: 'M', ethnicity: 'WBRI', upn_unknown: 'UN4', deleted_at: new Date('2026-01-01T00:00:00Z') },
      { id: 'K4', dob: '2011-03-03', sex: 'F', ethnicity: 'CHNE', upn_unknown: 'UN4' },
    ])
    .execute();
  await db.insertInto('disability').values([{ id: 'DI1', person_id: 'K2', code: 'AUT' }, { id: 'DI2', person_id: 'K2', code: 'COMM' }]).execute();
  await db
    .insertInto('cin_episode')
    .values([
      // K1: a referral six years ago with a CP plan, and this year's, with an S47, a conference and a plan.
      { id: 'R0', person_id: 'K1', referral_date: '2019-09-02', source_code: '2A', primary_need_code: 'N1', close_date: '2020-10-01', close_reason: 'RC7' },
      { id: 'R1', person_id: 'K1', referral_date: '2025-06-02', source_code: '6', primary_need_code: 'N1' },
      // K2: closed before the year was out.
      { id: 'R2', person_id: 'K2', referral_date: '2025-05-12', source_code: '3A', primary_need_code: 'N2', close_date: '2025-09-30', close_reason: 'RC7' },
      // K3: a deleted person; K4: only a deleted referral.
      { id: 'R3', person_id: 'K3', referral_date: '2025-05-12', source_code: '3A', primary_need_code: 'N2' },
      { id: 'R4', person_id: 'K4', referral_date: '2025-05-12', source_code: '3A', primary_need_code: 'N2', deleted_at: new Date('2025-06-01T00:00:00Z') },
    ])
    .execute();
  await db
    .insertInto('assessment')
    .values([
      { id: 'AS1', cin_episode_id: 'R1', person_id: 'K1', start_date: '2025-06-03', authorised_date: '2025-07-10', factors: ['3B', '4B'] },
      { id: 'AS2', cin_episode_id: 'R2', person_id: 'K2', start_date: '2025-05-13', authorised_date: '2025-06-20', factors: ['6A'] },
      { id: 'AS3', cin_episode_id: 'R2', person_id: 'K2', start_date: '2025-05-14', deleted_at: new Date('2025-05-15T00:00:00Z') },
    ])
    .execute();
  await db.insertInto('cin_plan').values({ id: 'CP2', cin_episode_id: 'R2', person_id: 'K2', start_date: '2025-06-21', end_date: '2025-09-30' }).execute();
  await db.insertInto('s47_enquiry').values({ id: 'S1', cin_episode_id: 'R1', person_id: 'K1', start_date: '2025-06-03', end_date: '2025-06-12', icpc_required: true }).execute();
  await db
    .insertInto('icpc')
    .values([
      { id: 'I0', cin_episode_id: 'R0', person_id: 'K1', conference_date: '2019-10-01' },
      { id: 'I1', cin_episode_id: 'R1', person_id: 'K1', s47_enquiry_id: 'S1', target_date: '2025-06-24', conference_date: '2025-06-24' },
    ])
    .execute();
  await db
    .insertInto('cp_plan')
    .values([
      { id: 'PP0', cin_episode_id: 'R0', icpc_id: 'I0', person_id: 'K1', start_date: '2019-10-01', end_date: '2020-10-01', initial_category: 'NEG', latest_category: 'NEG' },
      { id: 'PP1', cin_episode_id: 'R1', icpc_id: 'I1', person_id: 'K1', start_date: '2025-06-24', initial_category: 'EMO', latest_category: 'EMO' },
    ])
    .execute();
  await db
    .insertInto('cp_review')
    .values([
      { id: 'RV1', cp_plan_id: 'PP1', person_id: 'K1', review_date: '2025-09-16' },
      { id: 'RV2', cp_plan_id: 'PP1', person_id: 'K1', review_date: '2025-09-17', deleted_at: new Date('2025-09-18T00:00:00Z') },
    ])
    .execute();
});

afterAll(async () => {
  await database.close();
});

describe('the CIN census from the database', () => {
  it('loads the year’s referrals and what hangs off them, never a deleted record or person', async () => {
    const r = await loadCensusRecords(database.db, 2026);
    expect(r.episodes.map((e) => e.id).sort()).toEqual(['R1', 'R2']);
    expect(r.people.map((p) => p.id).sort()).toEqual(['K1', 'K2']);
    expect(r.assessments.map((a) => a.id).sort()).toEqual(['AS1', 'AS2']);
    expect(r.assessments.find((a) => a.id === 'AS1')!.factors).toEqual(['3B', '4B']);
    // Every CP plan the child has had, six years back included.
    expect(r.cpPlans.map((c) => c.id).sort()).toEqual(['PP0', 'PP1']);
    expect(r.cpReviews).toEqual([{ cp_plan_id: 'PP1', review_date: '2025-09-16' }]);
    expect(r.s47s).toEqual([{ id: 'S1', cin_episode_id: 'R1', start_date: '2025-06-03', end_date: '2025-06-12', icpc_required: true }]);
  });

  it('needs the council’s LA code: its setting, else the demo council’s, else says so', async () => {
    const db = database.db;
    await expect(councilLaCode(db)).rejects.toSatisfy((e: unknown) => isAppError(e) && /LA code is not set/.test(e.userMessage));
    await db.insertInto('council_setting').values({ id: 'demo_council', value: JSON.stringify({ name: 'Tillbrook', laCode: '899' }) }).execute();
    expect(await councilLaCode(db)).toBe('899');
    await db.insertInto('council_setting').values({ id: 'la_code', value: JSON.stringify('201') }).execute();
    expect(await councilLaCode(db)).toBe('201');
  });

  it('builds and validates the return: the plan six years back counts as a previous plan', async () => {
    const result = await makeCinCensusReturn(database.db, 2026, new Date('2026-04-14T08:00:00Z'));
    const { census } = result;
    expect(census.header).toMatchObject({ LEA: '201', Year: '2026', ReferenceDate: '2026-03-31', DateTime: '2026-04-14T08:00:00' });
    expect(census.children.map((c) => c.LAchildID)).toEqual(['K1', 'K2']);
    const [k1, k2] = census.children;
    expect(k1!.CINdetails).toHaveLength(1);
    expect(k1!.CINdetails[0]!.ChildProtectionPlans).toEqual([
      { CPPstartDate: '2025-06-24', CPPendDate: null, InitialCategoryOfAbuse: 'EMO', LatestCategoryOfAbuse: 'EMO', NumberOfPreviousCPP: '1', Reviews: ['2025-09-16'] },
    ]);
    expect(k1!.CINdetails[0]!.Section47).toEqual([{ S47ActualStartDate: '2025-06-03', InitialCPCtarget: '2025-06-24', DateOfInitialCPC: '2025-06-24', ICPCnotRequired: 'false' }]);
    expect(k2!.Disabilities).toEqual(['AUT', 'COMM']);
    expect(k2!.CINdetails[0]).toMatchObject({ CINclosureDate: '2025-09-30', ReasonForClosure: 'RC7', CINPlanDates: [{ CINPlanStartDate: '2025-06-21', CINPlanEndDate: '2025-09-30' }] });
    // Only the LA-level disability query: two children use two codes between them.
    expect(result.findings.map((f) => f.rule)).toEqual(['2887Q']);
    expect(result.errors).toBe(0);
  });

  it('refuses a collection year before 2025/26', async () => {
    await expect(makeCinCensusReturn(database.db, 2025)).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === 'BAD_INPUT');
  });
});
