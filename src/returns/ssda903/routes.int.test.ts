// The SSDA903 page and download, through the real HTTP app: who may use them, what they show (ids only,
// restricted records unnamed), that the ids shown are audited as read and the download as an export.
import { strFromU8, unzipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../../../test/support/auth.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/connect.ts';
import { loadConfig } from '../../platform/config.ts';
import { buildApp } from '../../platform/http/app.ts';
import { defaultYear } from './routes.ts';

let database: Database;
let app: FastifyInstance;
let analyst: TestSession;
let worker: TestSession;

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db
    .insertInto('person')
    .values([
      { id: 'L1', forename: 'Quintessa', surname: 'Marblethorpe', dob: '2014-05-05', sex: 'F', ethnicity: 'WBRI', upn: 'A001200012345', is_mother: false },
      { id: 'L2', forename: 'Evander', surname: 'Silverbirch', dob: '2016-06-06', sex: 'M', ethnicity: 'WBRI', upn: 'A001200012346', restricted: true, restriction_reason: 'staff_relative' },
    ])
    .execute();
  await db
    .insertInto('period_of_care')
    .values([
      { id: 'P1', person_id: 'L1', start_date: '2025-06-02', primary_need_code: 'N1', home_postcode: 'TB1 1AA' },
      { id: 'P2', person_id: 'L2', start_date: '2025-07-01', primary_need_code: 'N1', home_postcode: 'TB1 1AB' },
    ])
    .execute();
  // Both episodes have an invalid category of need (rule 145).
  await db
    .insertInto('cla_episode')
    .values([
      { id: 'E1', period_of_care_id: 'P1', person_id: 'L1', start_date: '2025-06-02', start_reason: 'S', legal_status: 'C1', primary_need_code: 'N0', placement_type: 'U6', provider: 'PR1', placement_postcode: 'TB2 2BB', home_postcode: 'TB1 1AA', urn: 'SC899001' },
      { id: 'E2', period_of_care_id: 'P2', person_id: 'L2', start_date: '2025-07-01', start_reason: 'S', legal_status: 'C1', primary_need_code: 'N0', placement_type: 'U6', provider: 'PR1', placement_postcode: 'TB2 2BC', home_postcode: 'TB1 1AB', urn: 'SC899001' },
    ])
    .execute();
  app = await buildApp({ database, config: loadConfig({}) });
  analyst = await signIn(app, db, { roles: ['performance_analyst'], username: 'pat.analyst' });
  worker = await signIn(app, db, { roles: ['social_worker'], username: 'sam.worker' });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, session: TestSession) => app.inject({ url, headers: { cookie: session.cookie, accept: 'text/html' } });

describe('the SSDA903 page', () => {
  it('lists the findings by rule, with counts and the children behind them, by id only', async () => {
    const res = await get('/returns/ssda903?year=2026', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('SSDA903 2025/26');
    const table = res.body.slice(res.body.indexOf('data-test="findings-by-rule"'));
    expect(table).toMatch(/href="#rule-145">145<\/a>[\s\S]*?Category of need code is not a valid code\.[\s\S]*?>2<\/td>[\s\S]*?>2<\/td>/);
    const rows = res.body.slice(res.body.indexOf('data-test="rule-145"'));
    expect(rows).toContain('>L1<');
    expect(rows).toContain('A restricted record');
    expect(res.body).not.toContain('>L2<');
    for (const name of ['Quintessa', 'Marblethorpe', 'Evander', 'Silverbirch']) expect(res.body).not.toContain(name);
    expect(res.body).toContain('data-test="not-run"');
    const audited = await database.db.selectFrom('audit_event').select(['person_id']).where('action', '=', 'read').where('what', '=', 'SSDA903 findings').execute();
    expect(audited.map((a) => a.person_id).sort()).toEqual(['L1']);
  });

  it('is for performance officers and managers, not social workers', async () => {
    expect((await get('/returns/ssda903?year=2026', worker)).statusCode).toBe(403);
    expect((await get('/returns/ssda903/download?year=2026', worker)).statusCode).toBe(403);
  });

  it('refuses a year that is not a collection year', async () => {
    expect((await get('/returns/ssda903?year=abc', analyst)).statusCode).toBe(400);
    expect((await get('/returns/ssda903?year=2024', analyst)).statusCode).toBe(400);
  });

  it('defaults to the latest collection year that has ended', () => {
    expect(defaultYear('2026-03-30')).toBe(2026);
    expect(defaultYear('2027-03-31')).toBe(2027);
  });
});

describe('downloading the return', () => {
  it('refuses a return with errors unless asked to anyway, and audits the export', async () => {
    expect((await get('/returns/ssda903/download?year=2026', analyst)).statusCode).toBe(409);
    const res = await get('/returns/ssda903/download?year=2026&force=yes', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="ssda903-2026.zip"');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['ad1.csv', 'episodes.csv', 'header.csv', 'missing.csv', 'oc2.csv', 'oc3.csv', 'placed_for_adoption.csv', 'previous_permanence.csv', 'reviews.csv', 'sw_episodes.csv', 'uasc.csv']);
    expect(strFromU8(files['episodes.csv']!).split('\r\n')[1]).toBe('L1,02/06/2025,S,C1,N0,U6,PR1,,,,TB1 1AA,TB2 2BB,SC899001');
    const exports = await database.db.selectFrom('audit_event').select(['what', 'detail']).where('action', '=', 'export').execute();
    expect(exports).toHaveLength(1);
    const detail = exports[0]!.detail as { year: number; children: number; errors: number; forced: boolean };
    expect(exports[0]!.what).toBe('SSDA903 return');
    expect(detail).toMatchObject({ year: 2026, children: 2, forced: true });
    expect(detail.errors).toBeGreaterThanOrEqual(2);
  });
});
