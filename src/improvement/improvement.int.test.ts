// The improvement plan and inspection history through the HTTP server, and the summary the quarterly
// report reads (improvementPlanSummary) on a plan built by hand with dates worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { addDays, todayInEngland } from '../platform/calendar/calendar.ts';
import { improvementPlanSummary } from './summary.ts';

let database: Database;
let app: FastifyInstance;
let lead: TestSession;
let worker: TestSession;
let dpo: TestSession;
const TODAY = todayInEngland();

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ database, config: loadConfig({}) });
  lead = await signIn(app, database.db, { roles: ['service_manager'], username: 'head.of.service' });
  worker = await signIn(app, database.db, { roles: ['social_worker'], username: 'worker' });
  dpo = await signIn(app, database.db, { roles: ['data_protection_officer'], username: 'dpo' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function api(s: TestSession, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return app.inject({ method, url: `/api/v1${url}`, headers: { cookie: s.cookie, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken } : {}) }, payload: body === undefined ? undefined : JSON.stringify(body) });
}
function form(s: TestSession, url: string, fields: Record<string, string>) {
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: s.csrfToken }).toString() });
}
const page = (s: TestSession, url: string) => app.inject({ url, headers: { cookie: s.cookie, accept: 'text/html' } });

describe('improvementPlanSummary, worked by hand as at 31 March 2026', () => {
  it('counts actions by status and RAG as they stood on the date, and lists overdue ones most overdue first', async () => {
    const db = database.db;
    await db.insertInto('improvement_area').values([
      { id: 'A1', title: 'Front door thresholds', source: 'inspection', position: 1 },
      { id: 'A2', title: 'Supervision', source: 'inspection', position: 2 },
      { id: 'A3', title: 'Care leavers', source: 'self_evaluation', position: 3 },
    ]).execute();
    await db.insertInto('improvement_action').values([
      { id: 'X1', area_id: 'A1', description: 'Threshold guidance', owner: 'HoS Front Door', due_date: '2026-03-01', status: 'in_progress' }, // red, 30 days overdue
      { id: 'X2', area_id: 'A1', description: 'MASH audit', owner: 'QA lead', due_date: '2026-04-28', status: 'not_started' }, // amber (31 Mar + 28 = 28 Apr)
      { id: 'X3', area_id: 'A2', description: 'Supervision policy', owner: 'PSW', due_date: '2026-02-01', status: 'completed', completed_on: '2026-03-10' }, // green
      { id: 'X4', area_id: 'A2', description: 'Supervision audit', owner: 'PSW', due_date: '2026-03-30', status: 'completed', completed_on: '2026-04-05' }, // completed after the date: in progress then, red, 1 day overdue
      { id: 'X5', area_id: 'A2', description: 'Training', owner: 'L&D', due_date: '2026-09-30', status: 'not_started', rag_override: 'red', rag_override_reason: 'No trainer funded' }, // overridden red, not overdue
      { id: 'X6', area_id: 'A2', description: 'Removed', owner: 'x', due_date: '2026-01-01', status: 'not_started', deleted_at: new Date() },
    ]).execute();
    const s = await improvementPlanSummary(db, '2026-03-31');
    expect(s.amberDays).toBe(28);
    expect(s.actions).toEqual({ total: 5, byStatus: { not_started: 2, in_progress: 2, completed: 1 }, byRag: { red: 3, amber: 1, green: 1 } });
    expect(s.areas).toEqual([
      { id: 'A1', title: 'Front door thresholds', source: 'inspection', rag: 'red', actions: { total: 2, byStatus: { not_started: 1, in_progress: 1, completed: 0 }, byRag: { red: 1, amber: 1, green: 0 } } },
      { id: 'A2', title: 'Supervision', source: 'inspection', rag: 'red', actions: { total: 3, byStatus: { not_started: 1, in_progress: 1, completed: 1 }, byRag: { red: 2, amber: 0, green: 1 } } },
      { id: 'A3', title: 'Care leavers', source: 'self_evaluation', rag: null, actions: { total: 0, byStatus: { not_started: 0, in_progress: 0, completed: 0 }, byRag: { red: 0, amber: 0, green: 0 } } },
    ]);
    expect(s.overdue.map((o) => [o.id, o.daysOverdue, o.status])).toEqual([['X1', 30, 'in_progress'], ['X4', 1, 'in_progress']]);
    // A week later X4 is completed and X2 still amber.
    const later = await improvementPlanSummary(db, '2026-04-07');
    expect(later.overdue.map((o) => o.id)).toEqual(['X1']);
    expect(later.actions.byStatus.completed).toBe(2);
    // The council's amber window.
    await db.insertInto('council_setting').values({ id: 'improvement_amber_days', value: JSON.stringify(7) }).execute();
    expect((await improvementPlanSummary(db, '2026-03-31')).actions.byRag).toEqual({ red: 3, amber: 0, green: 2 });
    await db.deleteFrom('council_setting').where('id', '=', 'improvement_amber_days').execute();
    await db.updateTable('improvement_action').set({ deleted_at: new Date() }).execute();
    await db.updateTable('improvement_area').set({ deleted_at: new Date() }).execute();
  });
});

describe('inspection history', () => {
  let inspectionId: string;
  it('records an inspection with its judgements, refusing ones that do not fit', async () => {
    const bad = [
      { kind: 'ilacs_standard', startDate: '2023-03-13' }, // no overall grade
      { kind: 'focused_visit', startDate: '2024-02-20', overallGrade: 'good', themes: ['Front door'] }, // visits are not graded
      { kind: 'monitoring_visit', startDate: '2024-07-08' }, // no theme
      { kind: 'ilacs_standard', startDate: '2022-03-13', overallGrade: 'good', careLeaversGrade: 'good' }, // care leavers judged from 2023
      { kind: 'ilacs_standard', startDate: '2023-03-13', endDate: '2023-03-01', overallGrade: 'good' },
      { kind: 'ilacs_standard', startDate: '2023-03-13', overallGrade: 'great' },
      { kind: 'ilacs_standard', startDate: '2023-02-30', overallGrade: 'good' },
      { kind: 'ilacs_standard', startDate: '2023-03-13', overallGrade: 'good', reportUrl: 'javascript:alert(1)' },
    ];
    for (const body of bad) expect((await api(lead, 'POST', '/inspections', body)).statusCode, JSON.stringify(body)).toBe(400);
    const r = await api(lead, 'POST', '/inspections', { kind: 'ilacs_standard', startDate: '2023-03-13', endDate: '2023-03-24', publishedOn: '2023-05-25', overallGrade: 'inadequate', leadersGrade: 'inadequate', helpProtectionGrade: 'inadequate', childrenInCareGrade: 'requires_improvement', careLeaversGrade: 'inadequate', reportUrl: 'https://files.ofsted.gov.uk/v1/file/50218078' });
    expect(r.statusCode).toBe(201);
    inspectionId = r.json().result.id;
    expect((await api(lead, 'POST', '/inspections', { kind: 'ilacs_standard', startDate: '2018-05-14', overallGrade: 'requires_improvement', leadersGrade: 'requires_improvement', helpProtectionGrade: 'requires_improvement', childrenInCareGrade: 'requires_improvement' })).statusCode).toBe(201);
    const visit = await form(lead, '/inspections/new', { kind: 'monitoring_visit', 'startDate-day': '8', 'startDate-month': '7', 'startDate-year': '2024', themes: 'Achieving permanence' });
    expect(visit.statusCode).toBe(303);
    expect((await api(worker, 'POST', '/inspections', { kind: 'ilacs_short', startDate: '2023-03-13', overallGrade: 'good' })).statusCode).toBe(403);
  });
  it('shows the latest judgement per area beside England’s distribution at 31 March 2025', async () => {
    const h = (await api(worker, 'GET', '/inspections')).json();
    expect(h.inspections.map((i: { kind: string }) => i.kind)).toEqual(['monitoring_visit', 'ilacs_standard', 'ilacs_standard']);
    expect(h.inspections[0].themes).toEqual(['Achieving permanence']);
    expect(h.england).toMatchObject({ asAt: '2025-03-31', localAuthorities: 153, origin: 'shipped' });
    const overall = h.comparison.find((c: { area: string }) => c.area === 'overall');
    expect(overall.council).toMatchObject({ grade: 'inadequate', startDate: '2023-03-13' });
    // 36 + 67 + 31 + 19 = 153; better than inadequate: 36 + 67 + 31 = 134; 19 / 153 = 12.4%.
    expect(overall.englandJudged).toBe(153);
    expect(overall.englandBetter).toBe(134);
    expect(overall.englandSame).toBe(19);
    expect(overall.england.map((e: { percent: number }) => e.percent)).toEqual([23.5, 43.8, 20.3, 12.4]);
    const careLeavers = h.comparison.find((c: { area: string }) => c.area === 'care_leavers');
    expect(careLeavers.englandJudged).toBe(103); // 50 not judged separately (inspected before 2023)
    expect(careLeavers.england.map((e: { percent: number }) => e.percent)).toEqual([26.2, 41.7, 25.2, 6.8]);
    const html = await page(worker, '/inspections');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Achieving permanence');
    expect(html.body).toContain('Ofsted official statistics');
    expect((await page(dpo, '/inspections')).statusCode).toBe(403);
  });
  it('uses the council’s configured distribution when set, and refuses a stale edit', async () => {
    const figures = { outstanding: 40, good: 70, requires_improvement: 30, inadequate: 13, notJudged: 0 };
    await database.db.insertInto('council_setting').values({ id: 'ilacs_england_distribution', value: JSON.stringify({ source: 'Ofsted 2026', asAt: '2026-03-31', localAuthorities: 153, judgements: { overall: figures, leaders: figures, help_protection: figures, children_in_care: figures, care_leavers: figures } }) }).execute();
    const h = (await api(worker, 'GET', '/inspections')).json();
    expect(h.england).toMatchObject({ asAt: '2026-03-31', origin: 'council setting' });
    await database.db.deleteFrom('council_setting').where('id', '=', 'ilacs_england_distribution').execute();
    const ok = await api(lead, 'PUT', `/inspections/${inspectionId}`, { version: 1, kind: 'ilacs_standard', startDate: '2023-03-13', endDate: '2023-03-24', overallGrade: 'inadequate', leadInspector: 'Lisa Summers' });
    expect(ok.statusCode).toBe(200);
    const stale = await form(lead, `/inspections/${inspectionId}/edit`, { version: '1', kind: 'ilacs_standard', 'startDate-day': '13', 'startDate-month': '3', 'startDate-year': '2023', overallGrade: 'good' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this record');
  });
});

describe('the improvement plan through its pages and API', () => {
  let areaId: string;
  let actionId: string;
  it('adds an area from the inspection and actions, refusing bad input', async () => {
    const inspection = (await database.db.selectFrom('inspection').select('id').where('start_date', '=', '2023-03-13').executeTakeFirstOrThrow()).id;
    expect((await form(lead, '/improvement-plan/areas/new', { title: '', source: 'inspection' })).statusCode).toBe(400);
    expect((await form(lead, '/improvement-plan/areas/new', { title: 'X', source: 'inspection', inspectionId: 'NO-SUCH' })).statusCode).toBe(400);
    const r = await form(lead, '/improvement-plan/areas/new', { title: 'Management oversight and supervision', source: 'inspection', inspectionId: inspection });
    expect(r.statusCode).toBe(303);
    areaId = (await database.db.selectFrom('improvement_area').select('id').where('deleted_at', 'is', null).executeTakeFirstOrThrow()).id;
    const d = (date: string) => ({ 'dueDate-day': String(Number(date.slice(8))), 'dueDate-month': String(Number(date.slice(5, 7))), 'dueDate-year': date.slice(0, 4) });
    const action = (description: string, due: string, status = 'in_progress') => form(lead, `/improvement-plan/areas/${areaId}/actions/new`, { description, owner: 'Head of Service', status, ragOverride: '', ...d(due) });
    expect((await action('Overdue one', addDays(TODAY, -10))).statusCode).toBe(303);
    expect((await action('Amber one', addDays(TODAY, 5))).statusCode).toBe(303);
    expect((await action('Green one', addDays(TODAY, 60), 'not_started')).statusCode).toBe(303);
    const completedNoDate = await action('Done', addDays(TODAY, -3), 'completed');
    expect(completedNoDate.statusCode).toBe(400);
    expect(completedNoDate.body).toContain('Enter the date the action was completed');
    const overrideNoReason = await form(lead, `/improvement-plan/areas/${areaId}/actions/new`, { description: 'x', owner: 'y', status: 'not_started', ragOverride: 'green', ...d(addDays(TODAY, 1)) });
    expect(overrideNoReason.statusCode).toBe(400);
    expect(overrideNoReason.body).toContain('Say why the red, amber or green is overridden');
    expect((await form(worker, `/improvement-plan/areas/${areaId}/actions/new`, { description: 'x', owner: 'y', status: 'not_started', ...d(addDays(TODAY, 1)) })).statusCode).toBe(403);
    actionId = (await database.db.selectFrom('improvement_action').select('id').where('description', '=', 'Overdue one').executeTakeFirstOrThrow()).id;
  });
  it('adds evidence: an indicator, an audit theme, a document; refusing unknown ones and non-web links', async () => {
    expect((await api(lead, 'POST', `/improvement-plan/actions/${actionId}/evidence`, { kind: 'indicator', indicatorId: 'avg_caseload' })).statusCode).toBe(201);
    expect((await api(lead, 'POST', `/improvement-plan/actions/${actionId}/evidence`, { kind: 'audit_theme', auditTheme: 'supervision' })).statusCode).toBe(201);
    expect((await api(lead, 'POST', `/improvement-plan/actions/${actionId}/evidence`, { kind: 'document', documentRef: 'https://intranet.example.gov.uk/supervision-policy.pdf', note: 'Policy v2' })).statusCode).toBe(201);
    for (const body of [{ kind: 'indicator', indicatorId: 'nope' }, { kind: 'audit_theme', auditTheme: 'nope' }, { kind: 'document', documentRef: 'javascript:alert(1)' }, { kind: 'document' }, { kind: 'video' }]) {
      expect((await api(lead, 'POST', `/improvement-plan/actions/${actionId}/evidence`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await api(lead, 'POST', '/improvement-plan/actions/NO-SUCH/evidence', { kind: 'indicator', indicatorId: 'avg_caseload' })).statusCode).toBe(404);
  });
  it('shows the board summary with RAG, overdue actions and evidence', async () => {
    const s = (await api(worker, 'GET', '/improvement-plan')).json();
    expect(s.actions).toEqual({ total: 3, byStatus: { not_started: 1, in_progress: 2, completed: 0 }, byRag: { red: 1, amber: 1, green: 1 } });
    expect(s.overdue).toEqual([expect.objectContaining({ id: actionId, daysOverdue: 10, areaTitle: 'Management oversight and supervision' })]);
    const html = await page(worker, '/improvement-plan');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('data-rag="red"');
    expect(html.body).toContain('Average caseload');
    expect(html.body).toContain('href="https://intranet.example.gov.uk/supervision-policy.pdf"');
    expect(html.body).toContain('href="/case-file-audits/themes#theme-supervision"');
    expect(html.body).not.toContain('/improvement-plan/areas/new'); // a worker reads, does not edit
    expect((await page(worker, '/improvement-plan?asOf=2026-02-30')).statusCode).toBe(400);
    expect((await page(dpo, '/improvement-plan')).statusCode).toBe(403);
    const home = await page(worker, '/');
    expect(home.body).toContain('href="/improvement-plan"');
    expect(home.body).not.toContain('href="/case-file-audits"');
    expect((await page(lead, '/')).body).toContain('href="/case-file-audits"');
    expect((await page(dpo, '/')).body).not.toContain('href="/improvement-plan"');
  });
  it('updates an action with its version: override with a reason, and a stale write refused', async () => {
    const row = await database.db.selectFrom('improvement_action').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow();
    const body = { version: row.version, description: row.description, owner: row.owner, dueDate: row.due_date, status: 'in_progress', ragOverride: 'amber', ragOverrideReason: 'Agreed extension with the board' };
    expect((await api(lead, 'PUT', `/improvement-plan/actions/${actionId}`, body)).statusCode).toBe(200);
    expect((await api(lead, 'PUT', `/improvement-plan/actions/${actionId}`, body)).statusCode).toBe(409);
    const s = (await api(worker, 'GET', '/improvement-plan')).json();
    expect(s.actions.byRag).toEqual({ red: 0, amber: 2, green: 1 });
    expect(s.overdue[0]).toMatchObject({ id: actionId, rag: 'amber' }); // still overdue, shown amber by decision
    const writes = await database.db.selectFrom('audit_event').select(['entity_type', 'action']).where('entity_id', '=', actionId).execute();
    expect(writes).toEqual([{ entity_type: 'improvement_action', action: 'create' }, { entity_type: 'improvement_action', action: 'update' }]);
  });
});
