import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { ceaseCare, changeLegalStatus, movePlacement, startPeriodOfCare } from './period-of-care.ts';

let database: Database;
const sw = { professionalId: 'SW1' };
const TODAY = '2026-06-30';

beforeAll(async () => {
  database = await freshDatabase();
  await database.db.insertInto('professional').values({ id: 'SW1', name: 'Worker' }).execute();
  await database.db.insertInto('person').values([{ id: 'C1', dob: '2012-02-02' }, { id: 'C2', dob: '2014-01-01' }, { id: 'C3', dob: '2015-03-03' }, { id: 'C4', dob: '2016-04-04' }, { id: 'CARER1', person_type: 'adult' }]).execute();
});
afterAll(async () => database?.close());

const foster = { placementType: 'U6', provider: 'PR1', urn: 'SC123456', postcode: 'TB1 2AB', distanceMiles: '3.5', inArea: 'yes' };

async function refused(p: Promise<unknown>, field: string, message: RegExp) {
  const e = await p.then(() => undefined, (x) => x);
  expect(e).toBeInstanceOf(AppError);
  expect(e.fieldErrors).toEqual([{ field, message: expect.stringMatching(message) }]);
}

describe('a period of care and its 903 episodes', () => {
  let periodId = '';
  it('derives the episodes from the events, matching a hand-written table', async () => {
    periodId = await startPeriodOfCare(database.db, sw, { childId: 'C1', startDate: '2026-01-05', legalStatus: 'V2', primaryNeedCode: 'N1', homePostcode: 'TB2 9ZZ', ...foster }, TODAY);
    await changeLegalStatus(database.db, sw, { periodOfCareId: periodId, startDate: '2026-02-10', legalStatus: 'C1' }, TODAY);
    await movePlacement(database.db, sw, { periodOfCareId: periodId, moveDate: '2026-03-16', changeReason: 'CREQB', placementType: 'K2', provider: 'PR4', urn: 'SC654321', postcode: 'XX9 1AA', distanceMiles: '42', inArea: 'no' }, TODAY);
    // Both change on the same day: a new legal status and a new placement → U.
    await changeLegalStatus(database.db, sw, { periodOfCareId: periodId, startDate: '2026-05-01', legalStatus: 'C2' }, TODAY);
    await movePlacement(database.db, sw, { periodOfCareId: periodId, moveDate: '2026-05-01', changeReason: 'CARPL', placementType: 'U4', provider: 'PR1', urn: 'SC777777', postcode: 'TB3 4CD', distanceMiles: '2', inArea: 'yes' }, TODAY);
    const { version } = await database.db.selectFrom('period_of_care').select('version').where('id', '=', periodId).executeTakeFirstOrThrow();
    await ceaseCare(database.db, sw, { periodOfCareId: periodId, version, endDate: '2026-06-20', endReason: 'E4A' }, TODAY);

    const rows = await database.db
      .selectFrom('cla_episode')
      .select(['start_date', 'start_reason', 'legal_status', 'primary_need_code', 'placement_type', 'provider', 'end_date', 'end_reason', 'reason_place_change', 'home_postcode', 'placement_postcode', 'urn'])
      .where('period_of_care_id', '=', periodId)
      .orderBy('start_date')
      .execute();
    expect(rows.map((r) => [r.start_date, r.start_reason, r.legal_status, r.placement_type, r.provider, r.end_date, r.end_reason, r.reason_place_change, r.placement_postcode, r.urn])).toEqual([
      // DECOM       RNE  LS    PLACE PROV   DEC           REC    REASON_PLACE_CHANGE PL_POST    URN
      ['2026-01-05', 'S', 'V2', 'U6', 'PR1', '2026-02-10', 'X1', null, 'TB1 2AB', 'SC123456'],
      ['2026-02-10', 'L', 'C1', 'U6', 'PR1', '2026-03-16', 'X1', 'CREQB', 'TB1 2AB', 'SC123456'],
      ['2026-03-16', 'P', 'C1', 'K2', 'PR4', '2026-05-01', 'X1', 'CARPL', 'XX9 1AA', 'SC654321'],
      ['2026-05-01', 'U', 'C2', 'U4', 'PR1', '2026-06-20', 'E4A', null, 'TB3 4CD', 'SC777777'],
    ]);
    expect(rows.every((r) => r.primary_need_code === 'N1' && r.home_postcode === 'TB2 9ZZ')).toBe(true);
    const placements = await database.db.selectFrom('placement').select(['placement_type', 'long_term_to_18', 'end_date']).where('period_of_care_id', '=', periodId).orderBy('start_date').execute();
    expect(placements).toEqual([
      { placement_type: 'U6', long_term_to_18: false, end_date: '2026-03-16' },
      { placement_type: 'K2', long_term_to_18: false, end_date: '2026-05-01' },
      { placement_type: 'U4', long_term_to_18: true, end_date: '2026-06-20' },
    ]);
  });

  it('refuses a placement before the period of care, an overlapping placement and a ceased date before the start, saving nothing', async () => {
    const p = await startPeriodOfCare(database.db, sw, { childId: 'C2', startDate: '2026-04-01', legalStatus: 'C1', ...foster }, TODAY);
    await movePlacement(database.db, sw, { periodOfCareId: p, moveDate: '2026-05-10', changeReason: 'STAND', ...foster }, TODAY);
    const before = await database.db.selectFrom('placement').select(['id', 'end_date']).where('period_of_care_id', '=', p).orderBy('start_date').execute();
    await refused(movePlacement(database.db, sw, { periodOfCareId: p, moveDate: '2026-03-31', changeReason: 'STAND', ...foster }, TODAY), 'moveDate', /before the period of care/);
    await refused(movePlacement(database.db, sw, { periodOfCareId: p, moveDate: '2026-05-01', changeReason: 'STAND', ...foster }, TODAY), 'moveDate', /cannot overlap/);
    const { version } = await database.db.selectFrom('period_of_care').select('version').where('id', '=', p).executeTakeFirstOrThrow();
    await refused(ceaseCare(database.db, sw, { periodOfCareId: p, version, endDate: '2026-03-01', endReason: 'E8' }, TODAY), 'endDate', /cannot end before it started/);
    await refused(startPeriodOfCare(database.db, sw, { childId: 'C2', startDate: '2026-06-01', legalStatus: 'C1', ...foster }, TODAY), 'startDate', /looked after since/);
    const after = await database.db.selectFrom('placement').select(['id', 'end_date']).where('period_of_care_id', '=', p).orderBy('start_date').execute();
    expect(after).toEqual(before);
  });

  it('derives T and B episodes when the carer stays the same, matching a hand-written table', async () => {
    const withCarer = { ...foster, carerId: 'CARER1' };
    const p = await startPeriodOfCare(database.db, sw, { childId: 'C3', startDate: '2026-01-05', legalStatus: 'V2', ...withCarer }, TODAY);
    // The same carers become long-term foster carers: a new placement, same carer → T.
    await movePlacement(database.db, sw, { periodOfCareId: p, moveDate: '2026-02-02', changeReason: 'PLACE', ...withCarer, placementType: 'U4' }, TODAY);
    // A care order and a new placement with the same carer on one day → B.
    await changeLegalStatus(database.db, sw, { periodOfCareId: p, startDate: '2026-03-02', legalStatus: 'C2' }, TODAY);
    await movePlacement(database.db, sw, { periodOfCareId: p, moveDate: '2026-03-02', changeReason: 'PLACE', ...withCarer, placementType: 'U1' }, TODAY);
    const { version } = await database.db.selectFrom('period_of_care').select('version').where('id', '=', p).executeTakeFirstOrThrow();
    await ceaseCare(database.db, sw, { periodOfCareId: p, version, endDate: '2026-04-30', endReason: 'E45' }, TODAY);
    const rows = await database.db.selectFrom('cla_episode').select(['start_date', 'start_reason', 'legal_status', 'placement_type', 'end_date', 'end_reason', 'reason_place_change']).where('period_of_care_id', '=', p).orderBy('start_date').execute();
    expect(rows.map((r) => [r.start_date, r.start_reason, r.legal_status, r.placement_type, r.end_date, r.end_reason, r.reason_place_change])).toEqual([
      // DECOM       RNE  LS    PLACE DEC           REC    REASON_PLACE_CHANGE
      ['2026-01-05', 'S', 'V2', 'U6', '2026-02-02', 'X1', 'PLACE'],
      ['2026-02-02', 'T', 'V2', 'U4', '2026-03-02', 'X1', 'PLACE'],
      ['2026-03-02', 'B', 'C2', 'U1', '2026-04-30', 'E45', null],
    ]);
  });

  it('refuses a carer who is not on record, saving nothing', async () => {
    const e = await startPeriodOfCare(database.db, sw, { childId: 'C4', startDate: '2026-06-01', legalStatus: 'C1', ...foster, carerId: 'NOBODY' }, TODAY).catch((x) => x);
    expect(e.fieldErrors).toEqual([{ field: 'carerId', message: 'There is no such carer' }]);
    expect(await database.db.selectFrom('period_of_care').select('id').where('person_id', '=', 'C4').execute()).toEqual([]);
  });

  it('refuses codes that are not DfE codes', async () => {
    const e = await startPeriodOfCare(database.db, sw, { childId: 'C2', startDate: '2026-06-01', legalStatus: 'ZZ', placementType: 'Q9', provider: 'PR9' }, TODAY).catch((x) => x);
    expect(e.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual(['legalStatus', 'placementType', 'provider']);
  });
});
