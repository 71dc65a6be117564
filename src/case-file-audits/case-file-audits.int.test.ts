// Case file audits end to end through the HTTP server: question sets with revisions, samples (random by
// seed, themed on an indicator, by team), assignment, access to the sampled child while the audit is open,
// grading, moderation rules, findings and actions, closing, and the themes report, worked by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { addDays, todayInEngland } from '../platform/calendar/calendar.ts';

let database: Database;
let app: FastifyInstance;
let lead: TestSession;
let aud1: TestSession;
let aud2: TestSession;
let worker: TestSession;
const AS_OF = '2025-06-30';
const TODAY = todayInEngland();

const kids = Array.from({ length: 12 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values([{ id: 'T1', name: 'Team One' }, { id: 'T2', name: 'Team Two' }]).execute();
  await db.insertInto('professional').values([{ id: 'P1', name: 'Worker One', team_id: 'T1' }, { id: 'P2', name: 'Worker Two', team_id: 'T2' }]).execute();
  await db.insertInto('person').values(kids.map((id) => ({ id, forename: 'Child', surname: `Surname${id}`, dob: '2015-01-01' }))).execute();
  await db.updateTable('person').set({ restricted: true }).where('id', '=', 'K11').execute();
  await db.insertInto('cin_episode').values(kids.map((id) => ({ id: `E-${id}`, person_id: id, referral_date: '2022-01-01', ...(id === 'K12' ? { close_date: '2024-01-01', close_reason: 'RC1' } : {}) }))).execute();
  await db.insertInto('involvement').values(kids.map((id, i) => ({ id: `I-${id}`, person_id: id, professional_id: i < 6 ? 'P1' : 'P2', team_id: i < 6 ? 'T1' : 'T2', role: 'CW', start_date: '2022-01-01', cin_episode_id: `E-${id}` }))).execute();
  await db.insertInto('cp_plan').values([
    { id: 'CP1', person_id: 'K01', cin_episode_id: 'E-K01', start_date: '2023-01-01' }, // two years on 2025-01-01: in
    { id: 'CP2', person_id: 'K02', cin_episode_id: 'E-K02', start_date: '2024-07-01' }, // second anniversary 2026-07-01: out
    { id: 'CP7', person_id: 'K07', cin_episode_id: 'E-K07', start_date: '2023-06-30' }, // second anniversary 2025-06-30 exactly: in
  ]).execute();
  app = await buildApp({ database, config: loadConfig({}) });
  lead = await signIn(app, db, { roles: ['quality_auditor'], username: 'qa.lead' });
  aud1 = await signIn(app, db, { roles: ['quality_auditor'], username: 'auditor.one' });
  aud2 = await signIn(app, db, { roles: ['team_manager'], username: 'auditor.two' });
  worker = await signIn(app, db, { roles: ['social_worker'], professionalId: 'P1', username: 'worker.one' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function api(s: TestSession, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return app.inject({ method, url: `/api/v1${url}`, headers: { cookie: s.cookie, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken } : {}) }, payload: body === undefined ? undefined : JSON.stringify(body) });
}
function form(s: TestSession, url: string, fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  params.append('_csrf', s.csrfToken);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
}
const page = (s: TestSession, url: string) => app.inject({ url, headers: { cookie: s.cookie, accept: 'text/html' } });

let setId: string;
let themedId: string;
const caseOf = async (auditId: string, childId: string) => database.db.selectFrom('case_file_audit_case').selectAll().where('audit_id', '=', auditId).where('person_id', '=', childId).executeTakeFirstOrThrow();

describe('question sets', () => {
  it('are created from one question a line, and refuse an empty or duplicated list', async () => {
    expect((await form(lead, '/case-file-audits/question-sets/new', { name: 'Practice standards', questions: '' })).statusCode).toBe(400);
    const dup = await form(lead, '/case-file-audits/question-sets/new', { name: 'Practice standards', questions: 'Seen?\nseen?' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('govuk-error-summary');
    const ok = await form(lead, '/case-file-audits/question-sets/new', { name: 'Practice standards', questions: 'Is the child seen and heard?\nIs the plan specific and reviewed?\nIs there management oversight?' });
    expect(ok.statusCode).toBe(303);
    const sets = (await api(lead, 'GET', '/case-file-audits/question-sets')).json().questionSets;
    expect(sets).toHaveLength(1);
    setId = sets[0].id;
    expect(sets[0].questions.map((q: { id: string }) => q.id)).toEqual(['q1', 'q2', 'q3']);
  });
  it('may only be run by quality leads', async () => {
    expect((await form(worker, '/case-file-audits/question-sets/new', { name: 'X', questions: 'Y' })).statusCode).toBe(403);
    expect((await form(aud2, '/case-file-audits/question-sets/new', { name: 'X', questions: 'Y' })).statusCode).toBe(403);
  });
});

describe('samples', () => {
  it('random: from the children with an open episode (restricted and closed left out), the same for the same seed', async () => {
    const a = await api(lead, 'POST', '/case-file-audits', { title: 'Random A', questionSetId: setId, sampleKind: 'random', sampleSize: 4, seed: 7, asOf: AS_OF });
    expect(a.statusCode).toBe(201);
    const b = await api(lead, 'POST', '/case-file-audits', { title: 'Random B', questionSetId: setId, sampleKind: 'random', sampleSize: 4, seed: 7, asOf: AS_OF });
    const childrenOf = async (id: string) => (await database.db.selectFrom('case_file_audit_case').select('person_id').where('audit_id', '=', id).orderBy('person_id').execute()).map((r) => r.person_id);
    const [ca, cb] = [await childrenOf(a.json().result.id), await childrenOf(b.json().result.id)];
    expect(ca).toHaveLength(4);
    expect(ca).toEqual(cb);
    expect(ca).not.toContain('K11');
    expect(ca).not.toContain('K12');
    const audit = await database.db.selectFrom('case_file_audit').selectAll().where('id', '=', a.json().result.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ sample_seed: 7, population_size: 10, sample_indicator_id: 'cin_open_count', sample_as_of: AS_OF, status: 'open' });
  });
  it('themed: the children behind CP plans open two years or more (the anniversary on the as-of date counts)', async () => {
    const r = await api(lead, 'POST', '/case-file-audits', { title: 'CP plans 2+ years', questionSetId: setId, sampleKind: 'theme', indicatorId: 'cpp_2yrs_plus_pct', sampleSize: 5, seed: 1, asOf: AS_OF });
    expect(r.statusCode).toBe(201);
    themedId = r.json().result.id;
    const rows = await database.db.selectFrom('case_file_audit_case').select(['person_id', 'team_id']).where('audit_id', '=', themedId).orderBy('person_id').execute();
    expect(rows).toEqual([{ person_id: 'K01', team_id: 'T1' }, { person_id: 'K07', team_id: 'T2' }]);
  });
  it('by team: only that team’s children', async () => {
    const r = await api(lead, 'POST', '/case-file-audits', { title: 'Team Two', questionSetId: setId, sampleKind: 'team', teamId: 'T2', sampleSize: 10, seed: 3, asOf: AS_OF });
    const rows = await database.db.selectFrom('case_file_audit_case').select('person_id').where('audit_id', '=', r.json().result.id).orderBy('person_id').execute();
    expect(rows.map((x) => x.person_id)).toEqual(['K07', 'K08', 'K09', 'K10']);
  });
  it('refuses bad choices with reasons, writing nothing', async () => {
    const before = (await database.db.selectFrom('case_file_audit').select('id').execute()).length;
    const bad = [
      { title: 'x', questionSetId: setId, sampleKind: 'theme', sampleSize: 5 }, // no indicator
      { title: 'x', questionSetId: setId, sampleKind: 'theme', indicatorId: 'workforce_vacancy_pct', sampleSize: 5 },
      { title: 'x', questionSetId: setId, sampleKind: 'team', sampleSize: 5 }, // no team
      { title: 'x', questionSetId: setId, sampleKind: 'random', sampleSize: 0 },
      { title: 'x', questionSetId: setId, sampleKind: 'random', sampleSize: 5, seed: -1 },
      { title: 'x', questionSetId: 'NO-SUCH', sampleKind: 'random', sampleSize: 5 },
      { title: 'x', questionSetId: setId, sampleKind: 'random', sampleSize: 5, asOf: '2999-01-01' },
      { title: 'x', questionSetId: setId, sampleKind: 'random', sampleSize: 5, asOf: '2010-01-01' }, // nobody open then
    ];
    for (const body of bad) {
      const r = await api(lead, 'POST', '/case-file-audits', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.message.length).toBeGreaterThan(0);
    }
    const page400 = await form(lead, '/case-file-audits/new', { title: '', questionSetId: setId, sampleKind: 'random', sampleSize: 'ten' });
    expect(page400.statusCode).toBe(400);
    expect(page400.body).toContain('govuk-error-summary');
    expect((await database.db.selectFrom('case_file_audit').select('id').execute()).length).toBe(before);
  });
});

describe('a revision of the questions', () => {
  it('adds a revision; audits already started keep their questions', async () => {
    const set = (await api(lead, 'GET', '/case-file-audits/question-sets')).json().questionSets[0];
    const r = await api(lead, 'PUT', `/case-file-audits/question-sets/${setId}`, { version: set.version, name: set.name, questions: ['Is the child seen and heard?', 'Is the plan specific and reviewed?', 'Is there management oversight?', 'Is the chronology up to date?'] });
    expect(r.statusCode).toBe(200);
    expect(r.json().result.revision).toBe(2);
    const stale = await api(lead, 'PUT', `/case-file-audits/question-sets/${setId}`, { version: set.version, name: 'Other', questions: ['A?'] });
    expect(stale.statusCode).toBe(409);
    const audit = await page(lead, `/case-file-audits/${themedId}`);
    expect(audit.body).toContain('revision 1: 3 questions');
  });
});

describe('assignment, access and grading', () => {
  it('an auditor has no access to a sampled child until assigned', async () => {
    expect((await page(aud1, '/children/K01')).statusCode).toBe(403);
  });
  it('refuses a moderator who is the auditor, and an auditor who is not a quality auditor or team manager', async () => {
    const c = await caseOf(themedId, 'K01');
    const same = await form(lead, `/case-file-audits/cases/${c.id}/assign`, { version: String(c.version), auditorUserId: aud1.user.id, moderatorUserId: aud1.user.id });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('The moderator must be someone other than the auditor');
    const sw = await form(lead, `/case-file-audits/cases/${c.id}/assign`, { version: String(c.version), auditorUserId: worker.user.id });
    expect(sw.statusCode).toBe(400);
    for (const child of ['K01', 'K07']) {
      const k = await caseOf(themedId, child);
      expect((await form(lead, `/case-file-audits/cases/${k.id}/assign`, { version: String(k.version), auditorUserId: aud1.user.id, moderatorUserId: aud2.user.id })).statusCode).toBe(303);
    }
  });
  it('once assigned, the auditor and moderator may open the child’s record (audited), and no other child', async () => {
    const r = await page(aud1, '/children/K01');
    expect(r.statusCode).toBe(200);
    expect((await page(aud2, '/children/K07')).statusCode).toBe(200);
    expect((await page(aud1, '/children/K02')).statusCode).toBe(403);
    const reads = await database.db.selectFrom('audit_event').select('what').where('user_id', '=', aud1.user.id).where('person_id', '=', 'K01').where('action', '=', 'read').execute();
    expect(reads.length).toBeGreaterThan(0);
    const list = await page(aud1, '/case-file-audits');
    expect(list.body).toContain('SurnameK01');
    const listReads = await database.db.selectFrom('audit_event').select('what').where('user_id', '=', aud1.user.id).where('what', '=', 'my case file audits').execute();
    expect(listReads.length).toBeGreaterThanOrEqual(2);
    // The lead, not assigned, sees the sample by id only.
    const leadView = await page(lead, `/case-file-audits/${themedId}`);
    expect(leadView.body).toContain('K01');
    expect(leadView.body).not.toContain('SurnameK01');
    expect((await page(lead, `/case-file-audits/cases/${(await caseOf(themedId, 'K01')).id}`)).statusCode).toBe(403);
  });
  it('only the assigned auditor grades, every question must be answered, and a stale version is refused', async () => {
    const c = await caseOf(themedId, 'K01');
    expect((await form(aud2, `/case-file-audits/cases/${c.id}/grade`, { version: String(c.version), overallGrade: 'good', grade_q1: 'good', grade_q2: 'good', grade_q3: 'good' })).statusCode).toBe(403);
    const missing = await form(aud1, `/case-file-audits/cases/${c.id}/grade`, { version: String(c.version), overallGrade: 'good', grade_q1: 'good', grade_q3: 'good' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#grade_q2"');
    const ok = await form(aud1, `/case-file-audits/cases/${c.id}/grade`, { version: String(c.version), overallGrade: 'requires_improvement', grade_q1: 'good', grade_q2: 'requires_improvement', grade_q3: 'inadequate', comment_q3: 'No manager’s record for 5 months', summary: 'Drift' });
    expect(ok.statusCode).toBe(303);
    const stale = await form(aud1, `/case-file-audits/cases/${c.id}/grade`, { version: String(c.version), overallGrade: 'good', grade_q1: 'good', grade_q2: 'good', grade_q3: 'good' });
    expect(stale.statusCode).toBe(409);
    const k7 = await caseOf(themedId, 'K07');
    const viaApi = await api(aud1, 'PUT', `/case-file-audits/cases/${k7.id}/grade`, { version: k7.version, overallGrade: 'good', answers: { q1: { grade: 'good' }, q2: { grade: 'not_applicable' }, q3: { grade: 'good' } } });
    expect(viaApi.statusCode).toBe(200);
    const unknown = await api(aud1, 'PUT', `/case-file-audits/cases/${k7.id}/grade`, { version: k7.version + 1, overallGrade: 'good', answers: { q1: { grade: 'good' }, q2: { grade: 'good' }, q3: { grade: 'good' }, q4: { grade: 'good' } } });
    expect(unknown.statusCode).toBe(400); // q4 came with revision 2, not this audit's
  });
  it('moderation: never by the auditor; a change needs a different grade and a reason; once only', async () => {
    const c = await caseOf(themedId, 'K01');
    const v = String(c.version);
    expect((await form(aud1, `/case-file-audits/cases/${c.id}/moderate`, { version: v, outcome: 'agreed' })).statusCode).toBe(403);
    const noReason = await form(aud2, `/case-file-audits/cases/${c.id}/moderate`, { version: v, outcome: 'changed', grade: 'inadequate' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why the grade is changed');
    expect((await form(aud2, `/case-file-audits/cases/${c.id}/moderate`, { version: v, outcome: 'changed', grade: 'requires_improvement', reason: 'x' })).statusCode).toBe(400);
    expect((await form(aud2, `/case-file-audits/cases/${c.id}/moderate`, { version: v, outcome: 'changed', grade: 'inadequate', reason: 'No oversight of drift for 5 months: inadequate' })).statusCode).toBe(303);
    const again = await form(aud2, `/case-file-audits/cases/${c.id}/moderate`, { version: String(c.version + 1), outcome: 'agreed' });
    expect(again.statusCode).toBe(409);
    const regrade = await form(aud1, `/case-file-audits/cases/${c.id}/grade`, { version: String(c.version + 1), overallGrade: 'good', grade_q1: 'good', grade_q2: 'good', grade_q3: 'good' });
    expect(regrade.statusCode).toBe(409);
    const k7 = await caseOf(themedId, 'K07');
    expect((await api(aud2, 'PUT', `/case-file-audits/cases/${k7.id}/moderation`, { version: k7.version, outcome: 'agreed' })).statusCode).toBe(200);
    expect(await caseOf(themedId, 'K01')).toMatchObject({ overall_grade: 'requires_improvement', moderation_outcome: 'changed', moderated_grade: 'inadequate', moderated_on: TODAY });
  });
  it('findings with themes and actions owned by a worker, by the auditor or moderator only', async () => {
    const k1 = await caseOf(themedId, 'K01');
    const k7 = await caseOf(themedId, 'K07');
    expect((await form(aud1, `/case-file-audits/cases/${k1.id}/findings/new`, { finding: 'Plan not reviewed', themes: ['planning', 'management_oversight'], strength: 'no' })).statusCode).toBe(303);
    expect((await form(aud2, `/case-file-audits/cases/${k7.id}/findings/new`, { finding: 'Plan outcomes vague', themes: ['planning'] })).statusCode).toBe(303);
    expect((await form(aud1, `/case-file-audits/cases/${k7.id}/findings/new`, { finding: 'Child’s wishes recorded well', themes: ['voice_of_child'], strength: 'yes' })).statusCode).toBe(303);
    expect((await form(aud1, `/case-file-audits/cases/${k1.id}/findings/new`, { finding: 'x', themes: ['not_a_theme'] })).statusCode).toBe(400);
    expect((await form(aud1, `/case-file-audits/cases/${k1.id}/findings/new`, { finding: 'x' })).statusCode).toBe(400);
    expect((await form(lead, `/case-file-audits/cases/${k1.id}/findings/new`, { finding: 'x', themes: ['planning'] })).statusCode).toBe(403);
    expect((await form(aud1, `/case-file-audits/cases/${k1.id}/actions/new`, { description: 'Review the plan', ownerProfessionalId: 'P1', 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '2099' })).statusCode).toBe(303);
    expect((await form(aud1, `/case-file-audits/cases/${k1.id}/actions/new`, { description: 'Review the plan', 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '2099' })).statusCode).toBe(400);
    expect((await form(aud1, `/case-file-audits/cases/${k1.id}/actions/new`, { description: 'Review', ownerProfessionalId: 'P1', 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2099' })).statusCode).toBe(400);
    const casePage = await page(aud1, `/case-file-audits/cases/${k1.id}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('Plan not reviewed');
    expect(casePage.body).toContain('Worker One');
  });
});

describe('closing and the themes report', () => {
  it('closes only when every case is graded, and closing ends the auditors’ access', async () => {
    const randomA = (await database.db.selectFrom('case_file_audit').select(['id', 'version']).where('title', '=', 'Random A').executeTakeFirstOrThrow());
    expect((await form(lead, `/case-file-audits/${randomA.id}/close`, { version: String(randomA.version) })).statusCode).toBe(409);
    const themed = await database.db.selectFrom('case_file_audit').select('version').where('id', '=', themedId).executeTakeFirstOrThrow();
    expect((await form(lead, `/case-file-audits/${themedId}/close`, { version: String(themed.version) })).statusCode).toBe(303);
    expect((await page(aud1, '/children/K01')).statusCode).toBe(403);
    expect((await page(aud2, '/children/K07')).statusCode).toBe(403);
    const k1 = await caseOf(themedId, 'K01');
    expect((await form(aud1, `/case-file-audits/cases/${k1.id}/findings/new`, { finding: 'late', themes: ['planning'] })).statusCode).toBe(409); // the audit is closed: nothing more is recorded
  });
  it('gives the grade distribution, by question and team, moderation, and recurring themes with their indicators', async () => {
    const r = await api(lead, 'GET', '/case-file-audits/themes');
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.casesGraded).toBe(2);
    // After moderation: K01 inadequate (changed from RI), K07 good.
    expect(report.overall).toEqual({ total: 2, counts: { outstanding: 0, good: 1, requires_improvement: 0, inadequate: 1 }, percent: { outstanding: 0, good: 50, requires_improvement: 0, inadequate: 50 } });
    expect(report.auditorGrades.counts).toEqual({ outstanding: 0, good: 1, requires_improvement: 1, inadequate: 0 });
    expect(report.moderation).toEqual({ moderated: 2, agreed: 1, changed: 1, agreedPercent: 50 });
    expect(report.byQuestion.map((q: { questionId: string; distribution: { counts: unknown }; notApplicable: number }) => [q.questionId, q.distribution.counts, q.notApplicable])).toEqual([
      ['q1', { outstanding: 0, good: 2, requires_improvement: 0, inadequate: 0 }, 0],
      ['q2', { outstanding: 0, good: 0, requires_improvement: 1, inadequate: 0 }, 1],
      ['q3', { outstanding: 0, good: 1, requires_improvement: 0, inadequate: 1 }, 0],
    ]);
    expect(report.byTeam.map((t: { team: string; distribution: { counts: unknown } }) => [t.team, t.distribution.counts])).toEqual([
      ['Team One', { outstanding: 0, good: 0, requires_improvement: 0, inadequate: 1 }],
      ['Team Two', { outstanding: 0, good: 1, requires_improvement: 0, inadequate: 0 }],
    ]);
    const planning = report.themes.find((t: { code: string }) => t.code === 'planning');
    expect(planning).toMatchObject({ findings: 2, cases: 2, audits: 1, recurring: true, strengths: 0 });
    // As at today all three plans are two years old or more: 3 of 3.
    expect(planning.indicators.find((i: { id: string }) => i.id === 'cpp_2yrs_plus_pct')).toMatchObject({ value: 100 });
    expect(report.themes.find((t: { code: string }) => t.code === 'management_oversight')).toMatchObject({ cases: 1, recurring: false });
    expect(report.themes.find((t: { code: string }) => t.code === 'voice_of_child')).toMatchObject({ findings: 0, strengths: 1, cases: 0 });
    expect(report.themes[0].code).toBe('planning');
    expect(report.actions).toEqual({ total: 1, open: 1, overdue: 0 });
    const html = await page(aud2, '/case-file-audits/themes');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Recurring');
    expect(html.body).not.toContain('SurnameK');
    expect((await page(lead, '/case-file-audits/themes?from=2025-13-01')).statusCode).toBe(400);
    const none = (await api(lead, 'GET', `/case-file-audits/themes?to=${addDays(TODAY, -1)}`)).json();
    expect(none.casesGraded).toBe(0);
  });
  it('every write is audited', async () => {
    const writes = await database.db.selectFrom('audit_event').select(['entity_type', 'action']).where('entity_type', 'in', ['case_file_audit', 'case_file_audit_case', 'case_file_audit_finding', 'case_file_audit_action', 'qa_question_set', 'qa_question_set_revision']).execute();
    const count = (t: string, a: string) => writes.filter((w) => w.entity_type === t && w.action === a).length;
    expect(count('case_file_audit', 'create')).toBe(4);
    expect(count('case_file_audit_finding', 'create')).toBe(3);
    expect(count('case_file_audit_action', 'create')).toBe(1);
    expect(count('qa_question_set_revision', 'create')).toBe(2);
    expect(count('case_file_audit', 'update')).toBe(1);
  });
});
