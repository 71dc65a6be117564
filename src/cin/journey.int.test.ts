// The child's journey through the use cases, as the front door, social worker, manager and chair do it,
// including the impossible dates each step must refuse without saving anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { recordContact } from '../frontdoor/record-contact.ts';
import { decideContact } from '../frontdoor/decide-contact.ts';
import { startAssessment, completeAssessment, authoriseAssessment } from './assessment.ts';
import { startCinPlan, endCinPlan } from './cin-plan.ts';
import { recordVisit } from './visit.ts';
import { closeEpisode } from './close-episode.ts';
import { createReferral } from './referral.ts';
import { recordStrategyDiscussion } from '../cp/strategy-discussion.ts';
import { recordIcpc } from '../cp/icpc.ts';
import { recordReviewConference, recordCoreGroup } from '../cp/review-conference.ts';
import { allocateWorker, workersInLastYear } from '../allocation/allocate.ts';
import { addCaseNote, amendCaseNote, caseNotes } from '../record/case-notes.ts';
import { chronology } from '../record/chronology.ts';
import { childSummary } from '../record/child-summary.ts';

let database: Database;
const fd = { professionalId: 'FD1' };
const sw = { professionalId: 'SW1' };
const tm = { professionalId: 'TM1' };
const chair = { professionalId: 'IRO1' };
const TODAY = '2026-06-30';

beforeAll(async () => {
  database = await freshDatabase();
  await database.db.insertInto('team').values({ id: 'T1', name: 'Assessment' }).execute();
  await database.db
    .insertInto('professional')
    .values(['FD1', 'SW1', 'SW2', 'SW3', 'TM1', 'IRO1'].map((id) => ({ id, name: `Worker ${id}`, team_id: 'T1' })))
    .execute();
  await database.db.insertInto('person').values({ id: 'C1', forename: 'Amy', surname: 'Example', dob: '2018-04-10' }).execute();
});
afterAll(async () => database?.close());

async function expectRefused(p: Promise<unknown>, field: string, message: RegExp) {
  const e = await p.then(() => undefined, (x) => x);
  expect(e, 'expected the step to be refused').toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe('BAD_INPUT');
  expect((e as AppError).fieldErrors).toEqual([{ field, message: expect.stringMatching(message) }]);
}
const version = async (table: 'assessment' | 'cp_plan' | 'cin_episode' | 'cin_plan', id: string) =>
  (await database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const count = async (table: 'assessment' | 'icpc' | 'visit' | 'cp_plan') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('from contact to child protection and back', () => {
  let episodeId = '';
  let assessmentId = '';
  let s47Id = '';
  let cpPlanId = '';

  it('refers at the front door and allocates a social worker', async () => {
    const { contactIds } = await recordContact(database.db, fd, { childIds: ['C1'], contactDate: '2026-01-05', sourceCode: '3B', reason: 'Health visitor concerned about bruising' }, TODAY);
    const r = await decideContact(database.db, fd, { contactId: contactIds[0], version: 1, outcome: 'referral', rationale: 'Unexplained bruising on a pre-school child', decisionDate: '2026-01-05' }, TODAY);
    expect(r.status).toBe('decided');
    episodeId = (r as { cinEpisodeId: string }).cinEpisodeId;
    await allocateWorker(database.db, tm, { childId: 'C1', professionalId: 'SW1', role: 'CW', startDate: '2026-01-05', changeReason: 'MANAGE' }, TODAY);
  });

  it('assesses: no start before the referral, no authorisation before the start, and not by the author', async () => {
    await expectRefused(startAssessment(database.db, sw, { cinEpisodeId: episodeId, startDate: '2026-01-04' }, TODAY), 'startDate', /before the referral/);
    assessmentId = await startAssessment(database.db, sw, { cinEpisodeId: episodeId, startDate: '2026-01-06' }, TODAY);
    await expectRefused(
      completeAssessment(database.db, sw, { assessmentId, version: 1, childSeen: 'yes', childSeenDate: '2026-01-07', factors: ['21', '16A'], analysis: 'x', outcome: 'cin_plan', completedDate: '2026-02-10' }, TODAY),
      'factors',
      /cannot be chosen with other factors/,
    );
    await completeAssessment(database.db, sw, { assessmentId, version: 1, childSeen: 'yes', childSeenDate: '2026-01-07', factors: ['3A', '16A'], analysis: 'Bruising explained poorly; neglect of supervision', outcome: 'strategy_discussion', completedDate: '2026-02-10' }, TODAY);
    await expectRefused(authoriseAssessment(database.db, tm, { assessmentId, version: 2, authorisedDate: '2026-01-05' }, TODAY), 'authorisedDate', /before it started/);
    const own = await authoriseAssessment(database.db, sw, { assessmentId, version: 2, authorisedDate: '2026-02-11' }, TODAY).catch((e) => e);
    expect(own.code).toBe('FORBIDDEN');
    await authoriseAssessment(database.db, tm, { assessmentId, version: 2, authorisedDate: '2026-02-11', note: 'Agree: strategy discussion today' }, TODAY);
    const a = await database.db.selectFrom('assessment').selectAll().where('id', '=', assessmentId).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ authorised_date: '2026-02-11', authorised_by: 'TM1', factors: ['3A', '16A'], child_seen: true });
  });

  it('holds a strategy discussion that starts a section 47 enquiry', async () => {
    const r = await recordStrategyDiscussion(database.db, sw, { cinEpisodeId: episodeId, discussionDate: '2026-02-11', s47Required: 'yes', rationale: 'Risk of significant harm' }, TODAY);
    expect(r.s47EnquiryId).toBeDefined();
    s47Id = r.s47EnquiryId!;
  });

  it('refuses an ICPC before the S47, then holds it with its target date and starts a plan', async () => {
    const before = await count('icpc');
    await expectRefused(recordIcpc(database.db, chair, { s47EnquiryId: s47Id, conferenceDate: '2026-02-10', cpPlan: 'yes', category: 'NEG' }, TODAY), 'conferenceDate', /before the section 47/);
    expect(await count('icpc')).toBe(before);
    const r = await recordIcpc(database.db, chair, { s47EnquiryId: s47Id, conferenceDate: '2026-03-03', cpPlan: 'yes', category: 'NEG' }, TODAY);
    cpPlanId = r.cpPlanId!;
    const icpc = await database.db.selectFrom('icpc').selectAll().where('id', '=', r.icpcId).executeTakeFirstOrThrow();
    // 15 working days after Wed 11 Feb 2026 (no bank holidays): Wed 4 March.
    expect(icpc.target_date).toBe('2026-03-04');
    const plan = await database.db.selectFrom('cp_plan').selectAll().where('id', '=', cpPlanId).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ start_date: '2026-03-03', initial_category: 'NEG', latest_category: 'NEG', end_date: null });
  });

  it('records visits, refusing one in the future or before the plan', async () => {
    const before = await count('visit');
    await expectRefused(recordVisit(database.db, sw, { childId: 'C1', visitType: 'cp', visitDate: '2026-07-01', seen: 'yes', seenAlone: 'yes' }, TODAY), 'visitDate', /today or in the past/);
    await expectRefused(recordVisit(database.db, sw, { childId: 'C1', visitType: 'cp', visitDate: '2026-03-02', seen: 'yes', seenAlone: 'no' }, TODAY), 'visitType', /no child protection plan open/);
    await expectRefused(recordVisit(database.db, sw, { childId: 'C1', visitType: 'cp', visitDate: '2026-03-10', seen: 'no', seenAlone: 'yes' }, TODAY), 'seenAlone', /not seen cannot have been seen alone/);
    expect(await count('visit')).toBe(before);
    await recordVisit(database.db, sw, { childId: 'C1', visitType: 'cp', visitDate: '2026-03-10', seen: 'yes', seenAlone: 'yes', seenBedroom: 'yes' }, TODAY);
    await recordCoreGroup(database.db, sw, { cpPlanId, meetingDate: '2026-03-13' }, TODAY);
  });

  it('refuses to close the referral while the plan is open: only a review conference ends a plan', async () => {
    await expectRefused(
      closeEpisode(database.db, tm, { cinEpisodeId: episodeId, version: await version('cin_episode', episodeId), closeDate: '2026-06-01', closeReason: 'RC7', rationale: 'x' }, TODAY),
      'closeReason',
      /only a review conference can end it/,
    );
    await recordReviewConference(database.db, chair, { cpPlanId, version: await version('cp_plan', cpPlanId), reviewDate: '2026-05-28', continuePlan: 'yes', latestCategory: 'EMO' }, TODAY);
    await recordReviewConference(database.db, chair, { cpPlanId, version: await version('cp_plan', cpPlanId), reviewDate: '2026-06-15', continuePlan: 'no' }, TODAY);
    const plan = await database.db.selectFrom('cp_plan').selectAll().where('id', '=', cpPlanId).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ end_date: '2026-06-15', latest_category: 'EMO' });
  });

  it('steps down to a CIN plan, then closes with a reason, and a later step-up opens a new referral', async () => {
    const planId = await startCinPlan(database.db, sw, { cinEpisodeId: episodeId, startDate: '2026-06-15' }, TODAY);
    await endCinPlan(database.db, sw, { cinPlanId: planId, version: 1, endDate: '2026-06-20' }, TODAY);
    await closeEpisode(database.db, tm, { cinEpisodeId: episodeId, version: await version('cin_episode', episodeId), closeDate: '2026-06-25', closeReason: 'RC7', stepDownToEarlyHelp: 'yes', rationale: 'Needs met; family support via early help' }, TODAY);
    const ep = await database.db.selectFrom('cin_episode').selectAll().where('id', '=', episodeId).executeTakeFirstOrThrow();
    expect(ep).toMatchObject({ close_date: '2026-06-25', close_reason: 'RC7', closure_authorised_by: 'TM1', step_down_to_early_help: true });
    const eh = await database.db.selectFrom('early_help_episode').selectAll().where('person_id', '=', 'C1').executeTakeFirstOrThrow();
    const again = await createReferral(database.db, sw, { childId: 'C1', referralDate: '2026-06-29', sourceCode: '5D', earlyHelpEpisodeId: eh.id }, TODAY);
    expect(again).toBeTruthy();
    const ehAfter = await database.db.selectFrom('early_help_episode').selectAll().where('id', '=', eh.id).executeTakeFirstOrThrow();
    expect(ehAfter.end_date).toBe('2026-06-29');
    const dup = await createReferral(database.db, sw, { childId: 'C1', referralDate: '2026-06-30', sourceCode: '6' }, TODAY).catch((e) => e);
    expect(dup.code).toBe('CONFLICT');
  });

  it('keeps every change of worker, and counts the workers in the last 12 months', async () => {
    await allocateWorker(database.db, tm, { childId: 'C1', professionalId: 'SW2', role: 'CW', startDate: '2026-03-01', changeReason: 'LEFTRL' }, TODAY);
    await allocateWorker(database.db, tm, { childId: 'C1', professionalId: 'SW3', role: 'CW', startDate: '2026-05-01', changeReason: 'ORGRST' }, TODAY);
    const rows = await database.db.selectFrom('involvement').select(['professional_id', 'start_date', 'end_date', 'change_reason']).where('person_id', '=', 'C1').orderBy('start_date').execute();
    expect(rows).toEqual([
      { professional_id: 'SW1', start_date: '2026-01-05', end_date: '2026-02-28', change_reason: 'MANAGE' },
      { professional_id: 'SW2', start_date: '2026-03-01', end_date: '2026-04-30', change_reason: 'LEFTRL' },
      { professional_id: 'SW3', start_date: '2026-05-01', end_date: null, change_reason: 'ORGRST' },
    ]);
    expect(await workersInLastYear(database.db, 'C1', TODAY)).toBe(3);
    const s = await childSummary(database.db, 'C1', TODAY);
    expect(s.workersInLastYear).toBe(3);
    expect(s.allocatedWorker?.professionalId).toBe('SW3');
    expect(s.stage).toBe('Open referral');
  });

  it('keeps case notes append-only: an amendment keeps the original and who changed it', async () => {
    const id = await addCaseNote(database.db, sw, { childId: 'C1', noteDate: '2026-06-01', body: 'Home visit: Amy well.' }, TODAY);
    await amendCaseNote(database.db, sw, { noteId: id, body: 'Home visit: Amy well; mother present.', reason: 'Added who was present' });
    const again = await amendCaseNote(database.db, sw, { noteId: id, body: 'x', reason: 'y' }).catch((e) => e);
    expect(again.code).toBe('CONFLICT');
    const notes = await caseNotes(database.db, 'C1');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toBe('Home visit: Amy well; mother present.');
    expect(notes[0]!.history.map((h) => h.body)).toEqual(['Home visit: Amy well.']);
  });

  it('builds the chronology from every event', async () => {
    const c = await chronology(database.db, 'C1');
    const kinds = new Set(c.map((e) => e.kind));
    for (const k of ['Contact', 'Referral', 'Assessment started', 'Assessment authorised', 'Strategy discussion', 'Section 47', 'Initial conference', 'CP plan', 'Visit', 'Core group', 'Review conference', 'CP plan ended', 'CIN plan', 'Referral closed', 'Allocation', 'Case note', 'Management oversight']) {
      expect(kinds, k).toContain(k);
    }
    expect(c[0]!.date >= c[c.length - 1]!.date).toBe(true);
    expect(c.filter((e) => e.kind === 'Case note').map((e) => e.summary)).toEqual(['Home visit: Amy well; mother present.']);
  });
});
