// Every piece of casework as a form and an API operation (src/platform/http/case-form.ts).
import type { FastifyInstance } from 'fastify';
import { registerCaseForm, YES_NO, type FormField } from '../platform/http/case-form.ts';
import { ASSESSMENT_FACTORS, CLOSURE_REASONS, CP_CATEGORIES, PRIMARY_NEED, REFERRAL_SOURCES, WORKER_CHANGE_REASONS, codeOptions } from '../platform/codes.ts';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { CONTACT_OUTCOMES } from '../frontdoor/contact-outcomes.ts';
import { recordContact, recordContactInput } from '../frontdoor/record-contact.ts';
import { newChildContactInput, recordNewChildContact } from '../frontdoor/new-child-contact.ts';
import { ETHNICITY, SEX } from '../platform/codes.ts';
import { decideContact, decideContactInput } from '../frontdoor/decide-contact.ts';
import { reviewContactDecision, reviewContactInput } from '../frontdoor/review-contact-decision.ts';
import { createReferral, createReferralInput } from '../cin/referral.ts';
import { authoriseAssessment, authoriseAssessmentInput, completeAssessment, completeAssessmentInput, startAssessment, startAssessmentInput } from '../cin/assessment.ts';
import { endCinPlan, endCinPlanInput, reviewCinPlan, reviewCinPlanInput, startCinPlan, startCinPlanInput } from '../cin/cin-plan.ts';
import { recordVisit, recordVisitInput } from '../cin/visit.ts';
import { closeEpisode, closeEpisodeInput } from '../cin/close-episode.ts';
import { recordStrategyDiscussion, strategyDiscussionInput } from '../cp/strategy-discussion.ts';
import { completeS47, completeS47Input } from '../cp/s47-enquiry.ts';
import { recordIcpc, recordIcpcInput } from '../cp/icpc.ts';
import { coreGroupInput, recordCoreGroup, recordReviewConference, reviewConferenceInput } from '../cp/review-conference.ts';
import { allocateInput, allocateWorker } from '../allocation/allocate.ts';
import { addCaseNote, addCaseNoteInput, amendCaseNote, amendCaseNoteInput } from '../record/case-notes.ts';
import { oversightInput, recordOversight } from '../record/oversight.ts';

const child = (p: Record<string, string>) => `/children/${p.childId}`;
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, text]) => ({ value, text }));
const MANAGERS = ['team_manager', 'service_manager'] as const;
const CASEWORKERS = ['social_worker', 'team_manager', 'service_manager', 'personal_adviser'] as const;
const FRONT_DOOR = ['front_door', 'social_worker', 'team_manager', 'service_manager'] as const;

async function versionOf(db: Db, table: 'contact' | 'assessment' | 'cin_plan' | 'cin_episode' | 's47_enquiry' | 'cp_plan', id: string | undefined) {
  if (!id) throw new AppError('NOT_FOUND', 'No such record');
  const row = await db.selectFrom(table).select('version').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such record');
  return row.version;
}

/** The child's open referral, for forms that act on it. */
async function openEpisodeId(db: Db, childId: string | undefined): Promise<string> {
  const ep = childId && (await db.selectFrom('cin_episode').select('id').where('person_id', '=', childId).where('close_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst());
  if (!ep) throw new AppError('CONFLICT', 'The child has no open referral');
  return ep.id;
}

const dateField = (name: string, label: string): FormField => ({ name, label, type: 'date' });

export async function caseworkForms(app: FastifyInstance) {
  registerCaseForm(app, {
    // The front door records contacts about any child it can find (not a restricted record); recording
    // one lets it screen the child's whole history.
    path: '/contacts/new',
    title: 'Record a contact',
    access: { roles: FRONT_DOOR },
    initial: async (_db, p) => ({ childId: p.childId }),
    fields: [
      { name: 'childId', label: '', type: 'hidden' },
      dateField('contactDate', 'Date of the contact'),
      { name: 'contactTime', label: 'Time of the contact (optional)', type: 'text', hint: 'For example, 14:30', classes: 'govuk-input--width-5' },
      { name: 'sourceCode', label: 'Who made the contact', type: 'select', options: codeOptions(REFERRAL_SOURCES) },
      { name: 'referrerName', label: 'Referrer’s name (optional)', type: 'text' },
      { name: 'referrerOrganisation', label: 'Referrer’s organisation (optional)', type: 'text' },
      { name: 'reason', label: 'What the contact is about', type: 'textarea' },
    ],
    guard: async (request, input) => {
      const ids = (Array.isArray(input.childIds) ? input.childIds : [input.childId]).filter((id) => id !== undefined && id !== null && id !== '');
      if (ids.length === 0) throw new AppError('BAD_INPUT', 'Find the child first: search for them on the Children page, then choose “Record a contact” on their record');
      for (const id of ids) {
        const decision = await request.ctx.children.decide(String(id ?? ''));
        if (!decision.allowed && decision.why === 'notFound') throw new AppError('NOT_FOUND', 'There is no record with that reference');
      }
    },
    submit: (trx, actor, input, today) => recordContact(trx, actor, { ...input, childIds: input.childIds ?? [input.childId] }, today),
    next: (r, _p, input) => `/children/${String(input.childId)}/contacts/${r.contactIds[0]}`,
    audit: { table: 'contact', id: (r) => r.contactIds[0]!, action: 'create' },
    api: { method: 'POST', path: '/contacts', summary: 'Record a contact about a child (childIds: one or more)', tag: 'Front door', body: recordContactInput },
  });

  registerCaseForm(app, {
    path: '/children/new',
    title: 'Record a contact about a child not known to us',
    intro: 'Search first: if the child is known, record the contact on their record.',
    access: { roles: FRONT_DOOR },
    fields: [
      { name: 'forename', label: 'First name', type: 'text' },
      { name: 'surname', label: 'Last name', type: 'text' },
      dateField('dob', 'Date of birth (if known)'),
      { name: 'sex', label: 'Sex', type: 'radios', options: opts(SEX), inline: true },
      { name: 'ethnicity', label: 'Ethnicity (if known)', type: 'select', options: codeOptions(ETHNICITY) },
      dateField('contactDate', 'Date of the contact'),
      { name: 'contactTime', label: 'Time of the contact (optional)', type: 'text', hint: 'For example, 14:30', classes: 'govuk-input--width-5' },
      { name: 'sourceCode', label: 'Who made the contact', type: 'select', options: codeOptions(REFERRAL_SOURCES) },
      { name: 'referrerName', label: 'Referrer’s name (optional)', type: 'text' },
      { name: 'referrerOrganisation', label: 'Referrer’s organisation (optional)', type: 'text' },
      { name: 'reason', label: 'What the contact is about', type: 'textarea' },
      { name: 'notADuplicate', label: 'If we find possible matches: none of them is this child', type: 'checkboxes', options: [{ value: 'yes', text: 'I have checked: none of the possible matches is this child' }] },
    ],
    submit: (trx, actor, input, today) => recordNewChildContact(trx, actor, { ...input, notADuplicate: Array.isArray(input.notADuplicate) ? input.notADuplicate[0] : input.notADuplicate }, today),
    next: (r) => `/children/${r.childId}/contacts/${r.contactId}`,
    audit: { table: 'person', id: (r) => r.childId, action: 'create' },
    api: { method: 'POST', path: '/children', summary: 'Create a child with the contact about them (likely duplicates are refused unless ruled out)', tag: 'Front door', body: newChildContactInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/contacts/:contactId/decision',
    title: 'Decide what happens next',
    access: { roles: FRONT_DOOR, childRecord: true },
    initial: async (db, p) => ({ version: await versionOf(db, 'contact', p.contactId) }),
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      { name: 'outcome', label: 'Decision', type: 'radios', options: opts(CONTACT_OUTCOMES) },
      dateField('decisionDate', 'Date of the decision'),
      { name: 'rationale', label: 'Why', type: 'textarea', hint: 'Say what you considered, including earlier contacts about the child and their household' },
    ],
    submit: (trx, actor, input, today) => decideContact(trx, actor, input, today),
    // Once decided, screening is over (and with it the front door's access): back to the tray, confirmed.
    next: (r, p) => (r.status === 'decided' ? `/front-door?decided=${r.outcome}` : `/children/${p.childId}/contacts/${p.contactId}`),
    audit: { table: 'contact', id: (_r, i) => String(i.contactId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/contacts/:contactId/decision', summary: 'Decide a contact (a closure on a repeat contact waits for a manager)', tag: 'Front door', body: decideContactInput.omit({ contactId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/contacts/:contactId/review',
    title: 'Review the proposed closure',
    intro: 'The child has had two or more other contacts in the last 12 months. Read the whole history before agreeing to close this contact.',
    access: { roles: MANAGERS, childRecord: true },
    initial: async (db, p) => ({ version: await versionOf(db, 'contact', p.contactId) }),
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      { name: 'agreed', label: 'Do you agree the contact should close?', type: 'radios', options: YES_NO, inline: true },
      dateField('reviewDate', 'Date of your review'),
      { name: 'note', label: 'Your review of the history', type: 'textarea' },
    ],
    submit: (trx, actor, input, today) => reviewContactDecision(trx, actor, input, today),
    // Agreed, the contact closes, and with it the manager's reason to see it: back to the team tray.
    next: (_r, p, i) => (i.agreed === 'yes' || i.agreed === true ? '/team' : `/children/${p.childId}/contacts/${p.contactId}`),
    audit: { table: 'contact', id: (_r, i) => String(i.contactId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/contacts/:contactId/review', summary: 'A manager reviews a proposed closure on a repeat contact', tag: 'Front door', body: reviewContactInput.omit({ contactId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/referrals/new',
    title: 'Record a referral (step-up or re-referral)',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [
      dateField('referralDate', 'Date of the referral'),
      { name: 'sourceCode', label: 'Source of the referral', type: 'select', options: codeOptions(REFERRAL_SOURCES) },
      { name: 'primaryNeedCode', label: 'Primary need (if known)', type: 'select', options: codeOptions(PRIMARY_NEED) },
    ],
    submit: (trx, actor, input, today) => createReferral(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'cin_episode', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/referrals', summary: 'Record a referral directly (step-up from early help, re-referral)', tag: 'Children in need', body: createReferralInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/assessments/new',
    title: 'Start an assessment',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ cinEpisodeId: await openEpisodeId(db, p.childId) }),
    fields: [{ name: 'cinEpisodeId', label: '', type: 'hidden' }, dateField('startDate', 'Date the assessment started')],
    submit: (trx, actor, input, today) => startAssessment(trx, actor, input, today),
    next: (r, p) => `/children/${p.childId}/assessments/${r}/complete`,
    audit: { table: 'assessment', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/assessments', summary: 'Start a child and family assessment', tag: 'Children in need', body: startAssessmentInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/assessments/:assessmentId/complete',
    title: 'Complete the assessment',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ version: await versionOf(db, 'assessment', p.assessmentId) }),
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      { name: 'childSeen', label: 'Was the child seen?', type: 'radios', options: YES_NO, inline: true },
      dateField('childSeenDate', 'Date the child was seen'),
      { name: 'factors', label: 'Factors identified', type: 'checkboxes', options: codeOptions(ASSESSMENT_FACTORS) },
      { name: 'analysis', label: 'Analysis', type: 'textarea' },
      { name: 'outcome', label: 'Recommended outcome', type: 'radios', options: opts({ nfa: 'No further action', cin_plan: 'Child in need plan', strategy_discussion: 'Strategy discussion', early_help: 'Step down to early help' }) },
      dateField('completedDate', 'Date completed'),
    ],
    submitText: 'Send for authorisation',
    submit: (trx, actor, input, today) => completeAssessment(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'assessment', id: (_r, i) => String(i.assessmentId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/assessments/:assessmentId/complete', summary: 'Complete an assessment and send it for authorisation', tag: 'Children in need', body: completeAssessmentInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/assessments/:assessmentId/authorise',
    title: 'Authorise the assessment',
    access: { roles: MANAGERS, childRecord: true },
    initial: async (db, p) => ({ version: await versionOf(db, 'assessment', p.assessmentId) }),
    fields: [{ name: 'version', label: '', type: 'hidden' }, dateField('authorisedDate', 'Date of authorisation'), { name: 'note', label: 'Management oversight (optional)', type: 'textarea' }],
    submitText: 'Authorise',
    submit: (trx, actor, input, today) => authoriseAssessment(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'assessment', id: (_r, i) => String(i.assessmentId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/assessments/:assessmentId/authorise', summary: 'A manager authorises a completed assessment', tag: 'Children in need', body: authoriseAssessmentInput.omit({ assessmentId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/cin-plans/new',
    title: 'Start a child in need plan',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ cinEpisodeId: await openEpisodeId(db, p.childId) }),
    fields: [{ name: 'cinEpisodeId', label: '', type: 'hidden' }, dateField('startDate', 'Date the plan started')],
    submit: (trx, actor, input, today) => startCinPlan(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'cin_plan', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/cin-plans', summary: 'Start a child in need plan', tag: 'Children in need', body: startCinPlanInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/cin-plans/:cinPlanId/review',
    title: 'Record a child in need review',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('reviewDate', 'Date of the review'), { name: 'outcome', label: 'Outcome (optional)', type: 'textarea' }],
    submit: (trx, actor, input, today) => reviewCinPlan(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'cin_plan_review', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/cin-plans/:cinPlanId/reviews', summary: 'Record a child in need plan review', tag: 'Children in need', body: reviewCinPlanInput.omit({ cinPlanId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/cin-plans/:cinPlanId/end',
    title: 'End the child in need plan',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ version: await versionOf(db, 'cin_plan', p.cinPlanId) }),
    fields: [{ name: 'version', label: '', type: 'hidden' }, dateField('endDate', 'Date the plan ended')],
    submit: (trx, actor, input, today) => endCinPlan(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'cin_plan', id: (_r, i) => String(i.cinPlanId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/cin-plans/:cinPlanId/end', summary: 'End a child in need plan', tag: 'Children in need', body: endCinPlanInput.omit({ cinPlanId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/visits/new',
    title: 'Record a visit',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [
      { name: 'visitType', label: 'Kind of visit', type: 'radios', options: opts({ cin: 'Child in need', cp: 'Child protection', cla: 'Child looked after' }) },
      dateField('visitDate', 'Date of the visit'),
      { name: 'seen', label: 'Was the child seen?', type: 'radios', options: YES_NO, inline: true },
      { name: 'seenAlone', label: 'Was the child seen alone?', type: 'radios', options: YES_NO, inline: true },
      { name: 'seenBedroom', label: 'Was the child’s bedroom seen?', type: 'radios', options: YES_NO, inline: true },
      { name: 'notes', label: 'Notes (optional)', type: 'textarea' },
    ],
    submit: (trx, actor, input, today) => recordVisit(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'visit', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/visits', summary: 'Record a statutory visit', tag: 'Visits', body: recordVisitInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/strategy-discussions/new',
    title: 'Record a strategy discussion',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ cinEpisodeId: await openEpisodeId(db, p.childId) }),
    fields: [
      { name: 'cinEpisodeId', label: '', type: 'hidden' },
      dateField('discussionDate', 'Date of the strategy discussion'),
      { name: 'attendees', label: 'Who took part', type: 'textarea' },
      { name: 's47Required', label: 'Is a section 47 enquiry needed?', type: 'radios', options: YES_NO, inline: true },
      { name: 'rationale', label: 'Reasons', type: 'textarea' },
    ],
    submit: (trx, actor, input, today) => recordStrategyDiscussion(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'strategy_discussion', id: (r) => r.strategyDiscussionId, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/strategy-discussions', summary: 'Record a strategy discussion (and start a section 47 enquiry)', tag: 'Child protection', body: strategyDiscussionInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/s47-enquiries/:s47EnquiryId/complete',
    title: 'End the section 47 enquiry',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ version: await versionOf(db, 's47_enquiry', p.s47EnquiryId) }),
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      dateField('endDate', 'Date the enquiry ended'),
      { name: 'outcome', label: 'Outcome', type: 'radios', options: opts({ icpc: 'Initial child protection conference', cin: 'Continue as child in need', nfa: 'No further action' }) },
    ],
    submit: (trx, actor, input, today) => completeS47(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 's47_enquiry', id: (_r, i) => String(i.s47EnquiryId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/s47-enquiries/:s47EnquiryId/complete', summary: 'End a section 47 enquiry with its outcome', tag: 'Child protection', body: completeS47Input.omit({ s47EnquiryId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/s47-enquiries/:s47EnquiryId/icpc',
    title: 'Record the initial child protection conference',
    access: { roles: ['iro', 'team_manager', 'service_manager'], childRecord: true },
    fields: [
      dateField('conferenceDate', 'Date of the conference'),
      { name: 'cpPlan', label: 'Is the child to have a child protection plan?', type: 'radios', options: YES_NO, inline: true },
      { name: 'category', label: 'Category of abuse', type: 'select', options: codeOptions(CP_CATEGORIES) },
    ],
    submit: (trx, actor, input, today) => recordIcpc(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'icpc', id: (r) => r.icpcId, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/s47-enquiries/:s47EnquiryId/icpc', summary: 'Record the initial child protection conference (and start a plan)', tag: 'Child protection', body: recordIcpcInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/cp-plans/:cpPlanId/review',
    title: 'Record a child protection review conference',
    access: { roles: ['iro', 'team_manager', 'service_manager'], childRecord: true },
    initial: async (db, p) => ({ version: await versionOf(db, 'cp_plan', p.cpPlanId) }),
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      dateField('reviewDate', 'Date of the review conference'),
      { name: 'continuePlan', label: 'Does the plan continue?', type: 'radios', options: YES_NO, inline: true },
      { name: 'latestCategory', label: 'Latest category of abuse (if changed)', type: 'select', options: codeOptions(CP_CATEGORIES) },
      { name: 'quorate', label: 'Was the conference quorate?', type: 'radios', options: YES_NO, inline: true },
      { name: 'participation', label: 'How the child took part (optional)', type: 'text' },
    ],
    submit: (trx, actor, input, today) => recordReviewConference(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'cp_plan', id: (_r, i) => String(i.cpPlanId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/cp-plans/:cpPlanId/reviews', summary: 'Record a review conference (the only way a plan ends)', tag: 'Child protection', body: reviewConferenceInput.omit({ cpPlanId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/cp-plans/:cpPlanId/core-groups/new',
    title: 'Record a core group meeting',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('meetingDate', 'Date of the meeting'), { name: 'notes', label: 'Notes (optional)', type: 'textarea' }],
    submit: (trx, actor, input, today) => recordCoreGroup(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'core_group_meeting', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/cp-plans/:cpPlanId/core-groups', summary: 'Record a core group meeting', tag: 'Child protection', body: coreGroupInput.omit({ cpPlanId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/close',
    title: 'Authorise closure of the referral',
    access: { roles: MANAGERS, childRecord: true },
    initial: async (db, p) => {
      const cinEpisodeId = await openEpisodeId(db, p.childId);
      return { cinEpisodeId, version: await versionOf(db, 'cin_episode', cinEpisodeId) };
    },
    fields: [
      { name: 'cinEpisodeId', label: '', type: 'hidden' },
      { name: 'version', label: '', type: 'hidden' },
      dateField('closeDate', 'Date of closure'),
      { name: 'closeReason', label: 'Reason for closure', type: 'select', options: codeOptions(CLOSURE_REASONS) },
      { name: 'stepDownToEarlyHelp', label: 'Step down to early help?', type: 'radios', options: YES_NO, inline: true },
      { name: 'rationale', label: 'Why the case can close', type: 'textarea' },
    ],
    submitText: 'Authorise closure',
    submit: (trx, actor, input, today) => closeEpisode(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'cin_episode', id: (_r, i) => String(i.cinEpisodeId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/referrals/:cinEpisodeId/close', summary: 'A manager authorises closure of a referral', tag: 'Children in need', body: closeEpisodeInput.omit({ cinEpisodeId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/allocate',
    title: 'Allocate a worker',
    access: { roles: MANAGERS, childRecord: true },
    fields: async (db) => {
      const workers = await db.selectFrom('professional').leftJoin('team', 'team.id', 'professional.team_id').select(['professional.id', 'professional.name', 'team.name as team']).where('professional.deleted_at', 'is', null).where('professional.end_date', 'is', null).orderBy('professional.name').execute();
      return [
        { name: 'professionalId', label: 'Worker', type: 'select', options: workers.map((w) => ({ value: w.id, text: `${w.name}${w.team ? ` (${w.team})` : ''}` })) },
        { name: 'role', label: 'Role', type: 'radios', options: opts({ CW: 'Allocated social worker', '16PLUS': 'Personal adviser', IRO: 'Independent reviewing officer' }) },
        dateField('startDate', 'Allocated from'),
        { name: 'changeReason', label: 'Reason', type: 'select', options: codeOptions(WORKER_CHANGE_REASONS) },
      ];
    },
    submit: (trx, actor, input, today) => allocateWorker(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'involvement', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/allocations', summary: 'Allocate or reallocate a worker (the previous allocation in the role ends)', tag: 'Allocation', body: allocateInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/notes/new',
    title: 'Add a case note',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('noteDate', 'Date'), { name: 'title', label: 'Title (optional)', type: 'text' }, { name: 'body', label: 'Note', type: 'textarea' }],
    submit: (trx, actor, input, today) => addCaseNote(trx, actor, input, today),
    next: (_r, p) => `/children/${p.childId}#notes`,
    audit: { table: 'case_note', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/notes', summary: 'Add a case note (notes are append-only)', tag: 'Record', body: addCaseNoteInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/notes/:noteId/amend',
    title: 'Amend a case note',
    intro: 'The original stays on the record, with who amended it and why.',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ body: (await db.selectFrom('case_note').select('body').where('id', '=', p.noteId ?? '').executeTakeFirst())?.body }),
    fields: [{ name: 'body', label: 'Note', type: 'textarea' }, { name: 'reason', label: 'Why it is being amended', type: 'text' }],
    submit: (trx, actor, input) => amendCaseNote(trx, actor, input),
    next: (_r, p) => `/children/${p.childId}#notes`,
    audit: { table: 'case_note', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/notes/:noteId/amendments', summary: 'Amend a case note (a new version; the original is kept)', tag: 'Record', body: amendCaseNoteInput.omit({ noteId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/oversight/new',
    title: 'Record management oversight',
    access: { roles: MANAGERS, childRecord: true },
    fields: [dateField('oversightDate', 'Date'), { name: 'decision', label: 'Decision and direction', type: 'textarea' }],
    submit: (trx, actor, input, today) => recordOversight(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'management_oversight', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/oversight', summary: 'Record management oversight', tag: 'Record', body: oversightInput.omit({ childId: true }) },
  });
}
