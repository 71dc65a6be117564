// Dashboards, exception lists, targets, comparators, narrative and the quarterly report, over HTTP on a
// small hand-built council. As at 2026-03-31 (quarter 2026-Q1, period 2025-04-01 to 2026-03-31):
//   assessments authorised in the period: A1 (C1, 15 Jan → 20 Jan 2026, in time), A2 (C2, 2 Jun → 30 Sep
//   2025: 85 working days, late), A3 (C4, 1 Oct → 15 Oct 2025, in time): 2 of 3 = 66.7%; the one
//   exception is A2, Cara Two's.
//   referrals in the period: E1 (C1), E2 (C2), E3 (C4), E4 (C3, re-referral of E0 on 10 Jan 2025): 1 of 4 = 25.0%.
// Team T1 (worker W1: C1, C2, C3) is managed by SM; team T2 (worker W2: C4).
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { testRecords } from '../indicators/test-records.ts';
import { computeIndicators } from '../indicators/index.ts';
import { membersForSide } from './exceptions.ts';

let database: Database;
let app: FastifyInstance;
let manager: TestSession;
let worker2: TestSession;
let analyst: TestSession;
let admin: TestSession;
const AS_OF = '2026-03-31';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const t = testRecords(db);
  await t.teams('T1', 'T2');
  await t.professionals({ id: 'W1', team_id: 'T1' }, { id: 'W2', team_id: 'T2' }, { id: 'SM', team_id: 'T1' });
  await db.insertInto('team_manager').values({ id: 'TM1', team_id: 'T1', professional_id: 'SM', start_date: '2020-01-01' }).execute();
  await db
    .insertInto('person')
    .values([
      { id: 'C1', forename: 'Ada', surname: 'One', dob: '2015-01-01', person_type: 'child' },
      { id: 'C2', forename: 'Cara', surname: 'Two', dob: '2016-01-01', person_type: 'child' },
      { id: 'C3', forename: 'Dev', surname: 'Three', dob: '2017-01-01', person_type: 'child' },
      { id: 'C4', forename: 'Fola', surname: 'Four', dob: '2018-01-01', person_type: 'child' },
    ])
    .execute();
  await t.referrals(['E0', 'C3', '2025-01-10', { close: '2025-02-01' }], ['E1', 'C1', '2025-12-20'], ['E2', 'C2', '2025-05-20'], ['E3', 'C4', '2025-09-25'], ['E4', 'C3', '2025-07-01']);
  await t.assessments(['A1', 'E1', 'C1', '2026-01-15', '2026-01-20', { team: 'T1', worker: 'W1' }], ['A2', 'E2', 'C2', '2025-06-02', '2025-09-30', { team: 'T1', worker: 'W1' }], ['A3', 'E3', 'C4', '2025-10-01', '2025-10-15', { team: 'T2', worker: 'W2' }]);
  await t.involvements(['I1', 'W1', 'C1', 'CW', '2025-01-01', null], ['I2', 'W1', 'C2', 'CW', '2025-01-01', null], ['I3', 'W1', 'C3', 'CW', '2025-01-01', null], ['I4', 'W2', 'C4', 'CW', '2025-01-01', null]);
  await db.insertInto('indicator_target').values({ id: 'TG1', indicator_id: 'assessments_within_45wd_pct', target: 85, amber_from: 75 }).execute();
  await db.insertInto('comparator_group').values({ id: 'sn', name: 'Statistical neighbours', position: 1 }).execute();
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  manager = await signIn(app, db, { roles: ['service_manager'], professionalId: 'SM' });
  worker2 = await signIn(app, db, { roles: ['social_worker'], professionalId: 'W2' });
  analyst = await signIn(app, db, { roles: ['performance_analyst'] });
  admin = await signIn(app, db, { roles: ['administrator'] });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (s: TestSession, url: string) => app.inject({ url, headers: { cookie: s.cookie, accept: 'text/html' } });
const post = (s: TestSession, url: string, form: Record<string, string>) =>
  app.inject({ method: 'POST', url, headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...form, _csrf: s.csrfToken }).toString() });
const auditRows = (userId: string) => database.db.selectFrom('audit_event').selectAll().where('user_id', '=', userId).orderBy('id').execute();
const LIST = '/dashboards/indicators/assessments_within_45wd_pct/children';

describe('the engine exposes the members behind each figure without changing it', () => {
  it('exceptions are the denominator less the numerator where up is better, and counts match the figures', async () => {
    const report = await computeIndicators(database.db, AS_OF, { ids: ['assessments_within_45wd_pct', 'rereferrals_12m_pct'] });
    const [assess, rerefs] = report.indicators;
    expect([assess!.numerator, assess!.denominator, assess!.value]).toEqual([2, 3, 66.7]);
    expect(membersForSide(assess!, 'numerator').map((m) => m.id).sort()).toEqual(['A1', 'A3']);
    expect(membersForSide(assess!, 'exceptions').map((m) => m.childId)).toEqual(['C2']);
    expect([rerefs!.numerator, rerefs!.denominator, rerefs!.value]).toEqual([1, 4, 25]);
    expect(membersForSide(rerefs!, 'exceptions').map((m) => m.id)).toEqual(['E4']);
    const figuresOnly = await computeIndicators(database.db, AS_OF, { ids: ['assessments_within_45wd_pct'], withMembers: false });
    expect(figuresOnly.indicators[0]!.value).toBe(66.7);
  });
});

describe('dashboards', () => {
  it('the leaders’ page shows the figure linked to its exceptions, its status in words, England and an accessible chart', async () => {
    const res = await get(manager, `/dashboards?asOf=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${LIST}?asOf=${AS_OF}&amp;side=exceptions"`);
    expect(res.body).toContain('66.7%');
    expect(res.body).toContain('Red: off target'); // 66.7 is below amber's 75
    expect(res.body).toContain('England (2025)');
    expect(res.body).toMatch(/the council is <strong>worse<\/strong> than England/);
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-assessments_within_45wd_pct-title chart-assessments_within_45wd_pct-desc"/);
    expect(res.body).toContain('The figures month by month');
  });

  it('an area page, and a 404 for an area that does not exist', async () => {
    const res = await get(manager, `/dashboards/assessment?asOf=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Assessments completed within 45 working days');
    expect((await get(manager, '/dashboards/no-such-area')).statusCode).toBe(404);
    expect((await get(manager, '/dashboards?asOf=2026-02-30')).statusCode).toBe(400);
  });

  it('is for roles with aggregates only', async () => {
    const res = await get(admin, '/dashboards');
    expect(res.statusCode).toBe(403);
  });
});

describe('exception lists', () => {
  it('names the children the reader may see, links them, and audits the list', async () => {
    const res = await get(manager, `${LIST}?asOf=${AS_OF}&side=exceptions`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<a class="govuk-link" href="/children/C2">Cara Two</a>');
    expect(res.body).toContain('A2');
    const rows = await auditRows(manager.user.id);
    expect(rows.some((r) => r.action === 'read' && r.person_id === 'C2' && r.what === 'exception list: assessments_within_45wd_pct')).toBe(true);
    const search = rows.filter((r) => r.action === 'search' && r.what === 'exception list').at(-1)!;
    expect(search.detail).toMatchObject({ terms: { indicatorId: 'assessments_within_45wd_pct', asOf: AS_OF, side: 'exceptions' }, resultCount: 1 });
  });

  it('a worker sees only their own children and the rest are counted, not named', async () => {
    const res = await get(worker2, `${LIST}?asOf=${AS_OF}&side=denominator`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Fola Four');
    expect(res.body).not.toContain('Ada One');
    expect(res.body).not.toContain('Cara Two');
    expect(res.body).toContain('2 are children you have no relationship with, so they are counted here but not listed');
  });

  it('a performance analyst gets the list pseudonymised: no names, no record ids, the same pseudonym in every list', async () => {
    const denominator = await get(analyst, `${LIST}?asOf=${AS_OF}&side=denominator`);
    expect(denominator.statusCode).toBe(200);
    for (const name of ['Ada One', 'Cara Two', 'Fola Four', '/children/C', '>A2<']) expect(denominator.body).not.toContain(name);
    const pseudonyms = [...denominator.body.matchAll(/P-[0-9A-F]{10}/g)].map((m) => m[0]);
    expect(new Set(pseudonyms).size).toBe(3);
    const exceptions = await get(analyst, `${LIST}?asOf=${AS_OF}&side=exceptions`);
    const one = [...exceptions.body.matchAll(/P-[0-9A-F]{10}/g)].map((m) => m[0]);
    expect(new Set(one).size).toBe(1);
    expect(pseudonyms).toContain(one[0]);
    const rows = await auditRows(analyst.user.id);
    expect(rows.filter((r) => r.action === 'read')).toEqual([]);
    expect(rows.filter((r) => r.action === 'search' && r.what === 'exception list')).toHaveLength(2);
  });

  it('exports the list as CSV, audited as an export per named child and for the file', async () => {
    const res = await get(manager, `${LIST}.csv?asOf=${AS_OF}&side=denominator`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('indicator,as_of,list,record_id,child_id,child,team,worker');
    expect(lines).toHaveLength(4); // C1 and C2 named; C4 pseudonymised (the manager's role allows it)
    expect(lines.some((l) => l.includes(',C2,Cara Two,Team T1,Worker W1'))).toBe(true);
    expect(lines.some((l) => /,,P-[0-9A-F]{10},Team T2,Worker W2$/.test(l))).toBe(true);
    const exports = (await auditRows(manager.user.id)).filter((r) => r.action === 'export');
    expect(exports.map((r) => r.person_id).sort()).toEqual(['C1', 'C2', null]);
  });

  it('refuses a list that does not exist with a reason, never a 500', async () => {
    expect((await get(manager, '/dashboards/indicators/no_such/children')).statusCode).toBe(404);
    expect((await get(manager, `${LIST}?side=sideways`)).statusCode).toBe(400);
    expect((await get(manager, '/dashboards/indicators/workforce_agency_pct/children')).statusCode).toBe(404);
    expect((await get(manager, '/dashboards/indicators/referrals_count/children?side=exceptions')).statusCode).toBe(400);
  });
});

describe('targets and comparators, set by the council and audited', () => {
  it('refuses an amber threshold on the wrong side, saves a good one, and refuses a stale version', async () => {
    const url = '/dashboards/targets/assessments_within_45wd_pct';
    const form = await get(analyst, url);
    expect(form.body).toContain('value="85"');
    const bad = await post(analyst, url, { target: '85', amberFrom: '90', version: '1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('amber must start at or below the target');
    const ok = await post(analyst, url, { target: '80', amberFrom: '60', version: '1' });
    expect(ok.statusCode).toBe(303);
    const stale = await post(analyst, url, { target: '70', amberFrom: '60', version: '1' });
    expect(stale.statusCode).toBe(409);
    const row = await database.db.selectFrom('indicator_target').selectAll().where('indicator_id', '=', 'assessments_within_45wd_pct').executeTakeFirstOrThrow();
    expect([row.target, row.amber_from, row.version]).toEqual([80, 60, 2]);
    const audit = (await auditRows(analyst.user.id)).filter((r) => r.entity_type === 'indicator_target');
    expect(audit.map((r) => r.action)).toEqual(['update']);
    expect(audit[0]!.diff).toMatchObject({ target: { before: 85, after: 80 } });
    // 66.7 is now amber (at or above 60, below 80).
    expect((await get(manager, `/dashboards?asOf=${AS_OF}`)).body).toContain('Amber: near target');
    expect((await get(worker2, url)).statusCode).toBe(403);
  });

  it('saves a comparator group’s figures for a year, and the dashboard shows them beside England', async () => {
    const bad = await post(analyst, '/dashboards/comparators/sn/2025', { v_assessments_within_45wd_pct: 'lots' });
    expect(bad.statusCode).toBe(400);
    const ok = await post(analyst, '/dashboards/comparators/sn/2025', { v_assessments_within_45wd_pct: '60.5', source: 'LAIT' });
    expect(ok.statusCode).toBe(303);
    const page = await get(manager, `/dashboards/assessment?asOf=${AS_OF}`);
    expect(page.body).toContain('Statistical neighbours (2025)');
    expect(page.body).toMatch(/60\.5% – the council is <strong>better<\/strong> than Statistical neighbours/);
    expect((await auditRows(analyst.user.id)).some((r) => r.entity_type === 'comparator_value' && r.action === 'create')).toBe(true);
    expect((await get(analyst, '/dashboards/comparators/no-such/2025')).statusCode).toBe(404);
  });
});

describe('the quarterly report', () => {
  const NARRATIVE = '/reports/quarterly/2026-Q1/narrative/assessment';

  it('keeps narrative drafts versioned: a save based on an old version is refused and the author keeps their text', async () => {
    expect((await post(analyst, NARRATIVE, { body: 'Timeliness fell in the autumn.', version: '0' })).statusCode).toBe(303);
    const stale = await post(manager, NARRATIVE, { body: 'My own words.', version: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('My own words.');
    expect(stale.body).toContain('Timeliness fell in the autumn.');
    expect((await post(manager, NARRATIVE, { body: 'Timeliness fell in the autumn, when two workers left.', version: '1' })).statusCode).toBe(303);
    const revisions = await database.db.selectFrom('report_narrative_revision').select(['narrative_version', 'body']).orderBy('narrative_version').execute();
    expect(revisions.map((r) => r.narrative_version)).toEqual([1, 2]);
    expect((await get(worker2, NARRATIVE)).statusCode).toBe(403);
  });

  it('the HTML report has every section, the figure, the narrative, the exception counts and the improvement plan', async () => {
    // The improvement plan (src/improvement) at the quarter end: one action done, one overdue.
    await database.db.insertInto('improvement_area').values({ id: 'IA1', title: 'Timeliness of assessments', source: 'inspection' }).execute();
    await database.db
      .insertInto('improvement_action')
      .values([
        { id: 'IX1', area_id: 'IA1', description: 'Weekly tracking meeting', owner: 'Head of Service', due_date: '2026-02-01', status: 'completed', completed_on: '2026-01-20' },
        { id: 'IX2', area_id: 'IA1', description: 'Recruit two assessment workers', owner: 'Head of Service', due_date: '2026-03-01', status: 'in_progress' },
      ])
      .execute();
    const res = await get(analyst, '/reports/quarterly/2026-Q1');
    expect(res.statusCode).toBe(200);
    for (const h of ['Summary', 'Headline indicators', 'Front door', 'Assessment', 'Child protection', 'Children in care', 'Care leavers', 'Workforce', 'Exceptions', 'Quality assurance', 'Improvement plan progress']) {
      expect(res.body).toContain(`>${h}</h2>`);
    }
    expect(res.body).toContain('January to March 2026 (2025/26 quarter 4)');
    expect(res.body).toContain('Timeliness fell in the autumn, when two workers left.');
    expect(res.body).toMatch(/side=exceptions">1<\/a>/); // one exception for assessments
    // Two actions, one completed, one overdue on 31 March.
    expect(res.body).toMatch(/Timeliness of assessments<\/th><td[^>]*>2<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td><td[^>]*>Red<\/td>/);
    expect((await get(analyst, '/reports/quarterly/2026-Q5')).statusCode).toBe(404);
  });

  it('the PDF has the sections and the hand-checked figure, and its download is audited', async () => {
    const res = await app.inject({ url: '/reports/quarterly/2026-Q1/report.pdf', headers: { cookie: analyst.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    for (const h of ['Performance and Quality Assurance Report', 'January to March 2026', 'Summary', 'Headline indicators', 'Assessment', 'Child protection', 'Children in care', 'Care leavers', 'Workforce', 'Exceptions', 'Quality assurance', 'Improvement plan progress']) {
      expect(text).toContain(h);
    }
    expect(text).toMatch(/Assessments completed within 45 working days[\s\S]{0,80}66\.7%/);
    expect(text).toContain('Timeliness fell in the autumn');
    expect(text).toContain('Timeliness of assessments');
    expect((await auditRows(analyst.user.id)).some((r) => r.action === 'export' && r.what === 'quarterly report PDF')).toBe(true);
  });
});

const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function pdfText(data: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return pages.join('\n');
}
