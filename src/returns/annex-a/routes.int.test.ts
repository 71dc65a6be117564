// The Annex A and DfE API pages through the real HTTP app: who may use them, what they show, that the
// workbook download is audited as an export, and that neither page names a child.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/support/db.ts';
import { signIn, type TestSession } from '../../../test/support/auth.ts';
import type { Database } from '../../platform/db/connect.ts';
import { loadConfig } from '../../platform/config.ts';
import { buildApp } from '../../platform/http/app.ts';

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
      { id: 'K1', forename: 'Quintessa', surname: 'Marblethorpe', dob: '2014-05-05', sex: 'F', ethnicity: 'WBRI' },
      { id: 'K2', forename: 'Evander', surname: 'Silverbirch', dob: '2016-06-06', sex: 'M', ethnicity: 'WBRI' },
    ])
    .execute();
  await db
    .insertInto('contact')
    .values([
      { id: 'CT1', person_id: 'K1', contact_date: '2026-02-02', source_code: '2A' },
      { id: 'CT2', person_id: 'K2', contact_date: '2026-03-01', source_code: '6' },
      { id: 'CT3', person_id: 'K2', contact_date: '2025-06-01', source_code: '6' },
    ])
    .execute();
  await db.insertInto('cin_episode').values({ id: 'R1', person_id: 'K1', referral_date: '2026-02-03', source_code: '2A', primary_need_code: 'N1' }).execute();
  await db
    .insertInto('dfe_api_submission')
    .values([
      { id: 'S1', run_id: 'run-aaaaaaaa-1', batch: 1, attempt: 1, child_ids: ['K1'], children: 1, status_code: 429, outcome: 'retrying', response_summary: '429: rate limited; trying again in 2.0 s', sent_at: new Date('2026-03-31T02:00:00Z') },
      { id: 'S2', run_id: 'run-aaaaaaaa-1', batch: 1, attempt: 2, child_ids: ['K1'], children: 1, status_code: 200, outcome: 'accepted', response_summary: '200: 1 record accepted', sent_at: new Date('2026-03-31T02:00:03Z') },
    ])
    .execute();
  await db.insertInto('dfe_api_child_state').values({ id: 'K1', sent_hash: 'a'.repeat(64), last_status: 'accepted' }).execute();
  app = await buildApp({ database, config: loadConfig({}) });
  analyst = await signIn(app, db, { roles: ['performance_analyst'], username: 'pat.analyst' });
  worker = await signIn(app, db, { roles: ['social_worker'], username: 'sam.worker' });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, session: TestSession) => app.inject({ url, headers: { cookie: session.cookie, accept: 'text/html' } });
const NAMES = ['Quintessa', 'Marblethorpe', 'Evander', 'Silverbirch'];

describe('the Annex A page', () => {
  it('shows each list’s period and row count as at the date, naming no child', async () => {
    const res = await get('/returns/annex-a?asOf=2026-03-31', analyst);
    expect(res.statusCode).toBe(200);
    const table = res.body.slice(res.body.indexOf('data-test="annex-a-lists"'));
    expect(table).toMatch(/List 1<\/td>\s*<td[^>]*>Contacts<\/td>\s*<td[^>]*>1 Oct 2025 to 31 Mar 2026<\/td>[\s\S]*?numeric">2<\/td>/);
    expect(table).toMatch(/List 3<\/td>\s*<td[^>]*>Referrals<\/td>[\s\S]*?numeric">1<\/td>/);
    expect(table).toMatch(/List 10<\/td>\s*<td[^>]*>Adoption<\/td>\s*<td[^>]*>1 Apr 2025 to 31 Mar 2026<\/td>/);
    for (const name of NAMES) expect(res.body).not.toContain(name);
    expect(res.body).toContain('href="/returns/annex-a/download?asOf=2026-03-31"');
  });

  it('downloads the workbook, audited as an export', async () => {
    const res = await get('/returns/annex-a/download?asOf=2026-03-31', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="annex-a-2026-03-31.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('List 1')!.rowCount).toBe(3);
    const exports = await database.db.selectFrom('audit_event').select(['what', 'detail', 'user_id']).where('action', '=', 'export').execute();
    expect(exports).toEqual([{ what: 'Ofsted Annex A', user_id: analyst.user.id, detail: expect.objectContaining({ asOf: '2026-03-31', rows: expect.objectContaining({ 'List 1': 2, 'List 3': 1, 'List 11': 0 }) }) }]);
  });

  it('is for performance officers and managers, not social workers; refuses a date that is not one', async () => {
    expect((await get('/returns/annex-a', worker)).statusCode).toBe(403);
    expect((await get('/returns/annex-a/download?asOf=2026-03-31', worker)).statusCode).toBe(403);
    expect((await get('/returns/annex-a?asOf=2026-02-30', analyst)).statusCode).toBe(400);
    expect((await get('/returns/annex-a/download?asOf=yesterday', analyst)).statusCode).toBe(400);
  });
});

describe('the DfE API page', () => {
  it('lists every request and response, by batch and try, with no names', async () => {
    const res = await get('/returns/dfe-api', analyst);
    expect(res.statusCode).toBe(200);
    const table = res.body.slice(res.body.indexOf('data-test="submissions"'));
    expect(table).toContain('200: 1 record accepted');
    expect(table).toContain('429: rate limited; trying again in 2.0 s');
    expect(table.indexOf('200 accepted')).toBeLessThan(table.indexOf('429 retrying'));
    expect(res.body).toMatch(/Children the DfE holds[\s\S]*?>\s*1\s*</);
    for (const name of NAMES) expect(res.body).not.toContain(name);
    expect((await get('/returns/dfe-api', worker)).statusCode).toBe(403);
    expect((await get('/returns/dfe-api?page=x', analyst)).statusCode).toBe(400);
  });
});
