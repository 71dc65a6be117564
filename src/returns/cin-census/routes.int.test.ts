// The CIN census page and download, through the real HTTP app: who may use them, what they show, and
// that the export is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/support/db.ts';
import { signIn, type TestSession } from '../../../test/support/auth.ts';
import { schemaErrors } from '../../../test/fixtures/cin/schema.ts';
import type { Database } from '../../platform/db/connect.ts';
import { loadConfig } from '../../platform/config.ts';
import { buildApp } from '../../platform/http/app.ts';
import { defaultCensusYear } from './routes.ts';

let database: Database;
let app: FastifyInstance;
let analyst: TestSession;
let worker: TestSession;

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('council_setting').values({ id: 'la_code', value: JSON.stringify('201') }).execute();
  await db
    .insertInto('person')
    .values([
      { id: 'K1', forename: 'Quintessa', surname: 'Marblethorpe', dob: '2014-05-05', sex: 'F', ethnicity: 'WBRI', upn_unknown: 'UN4' },
      { id: 'K2', forename: 'Evander', surname: 'Silverbirch', dob: '2016-06-06', sex: 'M', ethnicity: 'WBRI', upn_unknown: 'UN4', restricted: true, restriction_reason: 'staff_relative' },
    ])
    .execute();
  await db
    .insertInto('cin_episode')
    .values([
      // No primary need for a referral that went on to further action: rule 8610, for both children.
      { id: 'R1', person_id: 'K1', referral_date: '2025-06-02', source_code: '6' },
      { id: 'R2', person_id: 'K2', referral_date: '2025-07-01', source_code: '6' },
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

describe('the CIN census page', () => {
  it('lists the findings by rule, with counts and the children behind them, by id only', async () => {
    const res = await get('/returns/cin-census?year=2026', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('CIN census 2025/26');
    const table = res.body.slice(res.body.indexOf('data-test="findings-by-rule"'));
    expect(table).toMatch(/href="#rule-8610">8610<\/a>[\s\S]*?Primary Need code is missing for a referral which led to further action\.[\s\S]*?>2<\/td>[\s\S]*?>2<\/td>/);
    const rows = res.body.slice(res.body.indexOf('data-test="rule-8610"'));
    expect(rows).toContain('>K1<');
    // A restricted child's id is not shown to someone not named on the record; no names at all.
    expect(rows).toContain('A restricted record');
    expect(res.body).not.toContain('>K2<');
    for (const name of ['Quintessa', 'Marblethorpe', 'Evander', 'Silverbirch']) expect(res.body).not.toContain(name);
    // The ids shown are audited as read.
    const audited = await database.db.selectFrom('audit_event').select(['person_id', 'what']).where('action', '=', 'read').where('what', '=', 'CIN census findings').execute();
    expect(audited.map((a) => a.person_id)).toEqual(['K1']);
  });

  it('is for performance officers and managers, not social workers', async () => {
    expect((await get('/returns/cin-census?year=2026', worker)).statusCode).toBe(403);
    expect((await get('/returns/cin-census/download?year=2026', worker)).statusCode).toBe(403);
  });

  it('refuses a year that is not a census year', async () => {
    expect((await get('/returns/cin-census?year=abc', analyst)).statusCode).toBe(400);
    expect((await get('/returns/cin-census?year=2024', analyst)).statusCode).toBe(400);
  });

  it('defaults to the latest census year that has ended', () => {
    expect(defaultCensusYear('2026-03-30')).toBe(2026);
    expect(defaultCensusYear('2027-03-30')).toBe(2026);
    expect(defaultCensusYear('2027-03-31')).toBe(2027);
  });
});

describe('downloading the return', () => {
  it('refuses a return with errors unless asked to anyway, and audits the export', async () => {
    const refused = await get('/returns/cin-census/download?year=2026', analyst);
    expect(refused.statusCode).toBe(409);
    const res = await get('/returns/cin-census/download?year=2026&force=yes', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="cin-census-2026-201.xml"');
    expect(res.body).toContain('<LAchildID>K1</LAchildID>');
    expect(await schemaErrors(res.body)).toEqual([]);
    const exports = await database.db.selectFrom('audit_event').select(['what', 'detail']).where('action', '=', 'export').execute();
    expect(exports).toEqual([{ what: 'CIN census', detail: { year: 2026, children: 2, errors: 2, queries: 1, forced: true } }]);
  });
});
