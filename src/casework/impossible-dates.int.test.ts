// Impossible dates through the pages and the API (issue 4, bad input): an assessment authorised before it
// started, an initial conference before the section 47 enquiry, a visit in the future. Each is refused with
// the GOV.UK error summary (a message that says what is wrong, linked to the field, the answers kept) or a
// 400 naming the field on the API; and nothing is saved: no row, no new version, no audit entry.
// (src/cin/journey.int.test.ts checks the same rules on the use cases themselves.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { addDays, todayInEngland } from '../platform/calendar/calendar.ts';
import { createReferral } from '../cin/referral.ts';
import { startAssessment, completeAssessment } from '../cin/assessment.ts';
import { recordStrategyDiscussion } from '../cp/strategy-discussion.ts';
import { allocateWorker } from '../allocation/allocate.ts';

let database: Database;
let app: FastifyInstance;
let worker: TestSession;
let manager: TestSession;
let chair: TestSession;
const today = todayInEngland();
const started = addDays(today, -20);
const s47Start = addDays(today, -10);
let assessmentId = '';
let s47Id = '';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values({ id: 'T1', name: 'Assessment' }).execute();
  await db.insertInto('professional').values(['SW1', 'TM1', 'IRO1'].map((id) => ({ id, name: `Worker ${id}`, team_id: 'T1' }))).execute();
  await db.insertInto('team_manager').values({ id: 'TMA', team_id: 'T1', professional_id: 'TM1', start_date: '2020-01-01' }).execute();
  await db.insertInto('person').values({ id: 'C1', forename: 'Amy', surname: 'Example', dob: '2018-04-10' }).execute();
  const episodeId = await createReferral(db, { professionalId: 'SW1' }, { childId: 'C1', referralDate: addDays(today, -25), sourceCode: '3B' }, today);
  await allocateWorker(db, { professionalId: 'TM1' }, { childId: 'C1', professionalId: 'SW1', role: 'CW', startDate: addDays(today, -25), changeReason: 'MANAGE' }, today);
  await allocateWorker(db, { professionalId: 'TM1' }, { childId: 'C1', professionalId: 'IRO1', role: 'IRO', startDate: addDays(today, -25), changeReason: 'MANAGE' }, today);
  assessmentId = await startAssessment(db, { professionalId: 'SW1' }, { cinEpisodeId: episodeId, startDate: started }, today);
  await completeAssessment(db, { professionalId: 'SW1' }, { assessmentId, version: 1, childSeen: 'yes', childSeenDate: addDays(today, -18), factors: ['16A'], analysis: 'Neglect', outcome: 'strategy_discussion', completedDate: addDays(today, -12) }, today);
  s47Id = (await recordStrategyDiscussion(db, { professionalId: 'SW1' }, { cinEpisodeId: episodeId, discussionDate: s47Start, s47Required: 'yes', rationale: 'Risk of significant harm' }, today)).s47EnquiryId!;
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false, rateLimits: false });
  await app.ready();
  worker = await signIn(app, db, { roles: ['social_worker'], professionalId: 'SW1' });
  manager = await signIn(app, db, { roles: ['team_manager'], professionalId: 'TM1' });
  chair = await signIn(app, db, { roles: ['iro'], professionalId: 'IRO1' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function dateParts(name: string, iso: string): Record<string, string> {
  return { [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) };
}
function postForm(session: TestSession, url: string, form: Record<string, string>) {
  return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: session.csrfToken, ...form }).toString() });
}
function postJson(session: TestSession, url: string, body: unknown) {
  return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, payload: JSON.stringify(body) });
}
/** The error summary's entries: the text and where each link goes. */
function errorSummary(html: string): Array<{ text: string; href: string }> {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]!.trim() }));
}
const writes = async () =>
  (await database.db.selectFrom('audit_event').select(['action', 'entity_type']).where('action', 'in', ['create', 'update', 'delete']).execute()).length;
const count = async (table: 'icpc' | 'cp_plan' | 'visit' | 'management_oversight') => (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('impossible dates are refused with a clear error, and nothing is half-saved', () => {
  it('an assessment authorised before it started', async () => {
    const before = await database.db.selectFrom('assessment').selectAll().where('id', '=', assessmentId).executeTakeFirstOrThrow();
    const auditBefore = await writes();
    const url = `/children/C1/assessments/${assessmentId}/authorise`;
    const res = await postForm(manager, url, { version: String(before.version), ...dateParts('authorisedDate', addDays(started, -1)), note: 'Agreed: strategy discussion' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: ');
    expect(errorSummary(res.body)).toEqual([{ text: `An assessment cannot be authorised before it started (${started})`, href: '#authorisedDate-day' }]);
    // The message is also beside the field, and the answers stay in the form.
    expect(res.body).toMatch(/id="authorisedDate-error"[\s\S]*?An assessment cannot be authorised before it started/);
    expect(res.body).toContain(`value="${Number(addDays(started, -1).slice(8, 10))}"`);
    expect(res.body).toContain('Agreed: strategy discussion');
    const api = await postJson(manager, `/api/v1${url}`, { version: before.version, authorisedDate: addDays(started, -1), note: 'Agreed' });
    expect(api.statusCode).toBe(400);
    expect(api.json().error).toMatchObject({ code: 'BAD_INPUT', fields: [{ field: 'authorisedDate', message: `An assessment cannot be authorised before it started (${started})` }] });
    // Nothing saved: the assessment as it was (not authorised, same version), no oversight note, no audit entry.
    expect(await database.db.selectFrom('assessment').selectAll().where('id', '=', assessmentId).executeTakeFirstOrThrow()).toEqual(before);
    expect(await count('management_oversight')).toBe(0);
    expect(await writes()).toBe(auditBefore);
  });

  it('an initial child protection conference before the section 47 enquiry started', async () => {
    const auditBefore = await writes();
    const url = `/children/C1/s47-enquiries/${s47Id}/icpc`;
    const res = await postForm(chair, url, { ...dateParts('conferenceDate', addDays(s47Start, -2)), cpPlan: 'yes', category: 'NEG' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([{ text: `The conference cannot be before the section 47 enquiry started (${s47Start})`, href: '#conferenceDate-day' }]);
    expect(res.body).toMatch(/<option value="NEG" selected>/);
    const api = await postJson(chair, `/api/v1${url}`, { conferenceDate: addDays(s47Start, -2), cpPlan: 'yes', category: 'NEG' });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields).toEqual([{ field: 'conferenceDate', message: `The conference cannot be before the section 47 enquiry started (${s47Start})` }]);
    // Neither the conference nor the plan it would have started.
    expect(await count('icpc')).toBe(0);
    expect(await count('cp_plan')).toBe(0);
    expect(await writes()).toBe(auditBefore);
  });

  it('a visit in the future', async () => {
    const auditBefore = await writes();
    const tomorrow = addDays(today, 1);
    const res = await postForm(worker, '/children/C1/visits/new', { visitType: 'cin', ...dateParts('visitDate', tomorrow), seen: 'yes', seenAlone: 'yes', notes: 'Planned visit' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([{ text: 'The date of the visit must be today or in the past', href: '#visitDate-day' }]);
    expect(res.body).toContain('Planned visit');
    const api = await postJson(worker, '/api/v1/children/C1/visits', { childId: 'C1', visitType: 'cin', visitDate: tomorrow, seen: 'yes', seenAlone: 'yes' });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields).toEqual([{ field: 'visitDate', message: 'The date of the visit must be today or in the past' }]);
    expect(await count('visit')).toBe(0);
    expect(await writes()).toBe(auditBefore);
  });

  it('accepts the same steps with possible dates (so the refusals above are about the dates)', async () => {
    const a = await database.db.selectFrom('assessment').select('version').where('id', '=', assessmentId).executeTakeFirstOrThrow();
    expect((await postForm(manager, `/children/C1/assessments/${assessmentId}/authorise`, { version: String(a.version), ...dateParts('authorisedDate', addDays(today, -11)) })).statusCode).toBe(303);
    expect((await postForm(chair, `/children/C1/s47-enquiries/${s47Id}/icpc`, { ...dateParts('conferenceDate', s47Start), cpPlan: 'yes', category: 'NEG' })).statusCode).toBe(303);
    expect((await postForm(worker, '/children/C1/visits/new', { visitType: 'cp', ...dateParts('visitDate', today), seen: 'yes', seenAlone: 'yes' })).statusCode).toBe(303);
    expect(await count('icpc')).toBe(1);
    expect(await count('cp_plan')).toBe(1);
    expect(await count('visit')).toBe(1);
  });
});

describe('a contact with no child', () => {
  it('is refused with a GOV.UK error that says to find the child first, and saves nothing', async () => {
    const frontDoor = await signIn(app, database.db, { roles: ['front_door'], professionalId: 'SW1' });
    const before = await database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await postForm(frontDoor, '/contacts/new', { ...dateParts('contactDate', today), sourceCode: '3B', reason: 'Concern from school' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('govuk-error-summary');
    expect(r.body).toContain('Find the child first');
    const after = await database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
