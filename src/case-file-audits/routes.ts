// Case file audit pages and API: audits and their samples, question sets, grading, findings, actions,
// moderation, closing, and the themes report. A child is named only to a reader who may see the child
// (rules.ts; an assigned auditor may while the audit is open), and every such read is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { isIsoDate, todayInEngland } from '../platform/calendar/calendar.ts';
import { apiRoute } from '../platform/http/api.ts';
import type { FormField } from '../platform/http/case-form.ts';
import { indicatorDefinition } from '../indicators/index.ts';
import { GRADE_LABELS, GRADE_OPTIONS } from '../quality-assurance/grades.ts';
import { checkedParams, mustFind, registerQaForm } from '../quality-assurance/qa-form.ts';
import { addAuditAction, addFinding, assignCase, assignInput, auditActionInput, closeAudit, closeInput, createAudit, createAuditInput, findingInput, gradeCase, gradeInput, moderateCase, moderateInput, questionsOf } from './audits.ts';
import { createQuestionSet, listQuestionSets, questionSetInput, questionSetUpdateInput, updateQuestionSet, currentRevision } from './question-sets.ts';
import { auditDetail, auditorOptions, caseDetail, listAudits, myCases } from './read.ts';
import { themesReport } from './report.ts';
import { SAMPLE_KINDS, SAMPLE_KIND_LABELS, THEME_INDICATORS } from './sampling.ts';
import { AUDIT_THEMES, THEME_OPTIONS } from './themes.ts';

/** Who may read audits and the themes report. */
export const QA_VIEW = { roles: ['quality_auditor', 'team_manager', 'service_manager', 'performance_analyst'] } as const;
/** Who runs audits: question sets, samples, assignments, closing. */
export const QA_LEADS = { roles: ['quality_auditor', 'service_manager'] } as const;
/** Who may be assigned to audit or moderate (checked again against the assignment). */
export const AUDITORS = { roles: ['quality_auditor', 'team_manager'] } as const;

const themeLabel = Object.fromEntries(AUDIT_THEMES.map((t) => [t.code, t.label]));

async function visibleAmong(request: FastifyRequest, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await request.server.services.database.db.selectFrom('person').select('id').where('id', 'in', ids).where('id', 'in', request.ctx.children.visibleIds()).execute();
  return new Set(rows.map((r) => r.id));
}

/** The audit with its sample; children named only where the reader may see them (audited as a list). */
async function auditForReader(request: FastifyRequest, auditId: string) {
  const db = request.server.services.database.db;
  const detail = await auditDetail(db, auditId);
  const visible = await visibleAmong(request, detail.cases.map((c) => c.childId));
  const names = visible.size ? await db.selectFrom('person').select(['id', 'forename', 'surname']).where('id', 'in', [...visible]).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, `${n.forename ?? ''} ${n.surname ?? ''}`.trim()]));
  await request.ctx.audit.list('case file audit sample', [...visible]);
  return { ...detail, cases: detail.cases.map((c) => ({ ...c, childName: nameOf.get(c.childId) ?? null })) };
}

/** One case: only for a reader who may see the child (findings may identify them); the read is audited. */
async function caseForReader(request: FastifyRequest, caseId: string) {
  const db = request.server.services.database.db;
  const detail = await caseDetail(db, caseId);
  const { breakGlassReason } = await request.ctx.children.assertCanSee(detail.case.person_id);
  await request.ctx.audit.read(detail.case.person_id, 'case file audit', { reason: breakGlassReason });
  const child = await db.selectFrom('person').select(['id', 'forename', 'surname', 'dob']).where('id', '=', detail.case.person_id).executeTakeFirstOrThrow();
  return { ...detail, child };
}

async function myCasesForReader(request: FastifyRequest) {
  const db = request.server.services.database.db;
  const rows = await myCases(db, request.ctx.user.id);
  const visible = await visibleAmong(request, rows.map((r) => r.childId));
  await request.ctx.audit.list('my case file audits', [...visible]);
  return rows.map((r) => ({ id: r.id, auditId: r.auditId, auditTitle: r.auditTitle, dueDate: r.due_date, childId: r.childId, childName: visible.has(r.childId) ? `${r.forename ?? ''} ${r.surname ?? ''}`.trim() : null, role: r.auditor_user_id === request.ctx.user.id ? 'auditor' : 'moderator', graded: r.overall_grade !== null, moderated: r.moderation_outcome !== null }));
}

function reportOptions(request: FastifyRequest) {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const date = (name: 'from' | 'to') => {
    const v = q[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || !isIsoDate(v)) throw new AppError('BAD_INPUT', `The “${name}” date must be a real date written YYYY-MM-DD`);
    return v;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && to < from) throw new AppError('BAD_INPUT', 'The “to” date must be on or after the “from” date');
  return { from, to, indicatorsAsOf: to ?? todayInEngland() };
}

const CREATE_FIELDS = async (db: Parameters<typeof listQuestionSets>[0]): Promise<FormField[]> => [
  { name: 'title', label: 'Title', type: 'text', hint: 'For example, Children on CP plans 2+ years, March 2026' },
  { name: 'questionSetId', label: 'Question set', type: 'select', options: (await listQuestionSets(db)).map((s) => ({ value: s.id, text: `${s.name} (revision ${s.revision}, ${s.questions.length} questions)` })) },
  { name: 'sampleKind', label: 'Sample', type: 'radios', options: SAMPLE_KINDS.map((k) => ({ value: k, text: SAMPLE_KIND_LABELS[k] })) },
  { name: 'indicatorId', label: 'Indicator (for a themed sample)', type: 'select', hint: 'The sample is drawn from the children on the wrong side of it', options: THEME_INDICATORS.map((id) => ({ value: id, text: indicatorDefinition(id)?.title ?? id })) },
  { name: 'teamId', label: 'Team (for a sample by team; optional for the others)', type: 'select', options: (await db.selectFrom('team').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('name').execute()).map((t) => ({ value: t.id, text: t.name })) },
  { name: 'sampleSize', label: 'How many children', type: 'text', classes: 'govuk-input--width-4' },
  { name: 'seed', label: 'Seed (optional)', type: 'text', classes: 'govuk-input--width-10', hint: 'Leave blank for a new random sample; the seed is recorded so the same sample can be drawn again' },
  { name: 'asOf', label: 'Sample as at (optional, default today)', type: 'date' },
  { name: 'dueDate', label: 'Audit due by (optional, default in 4 weeks)', type: 'date' },
];

export async function caseFileAuditRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  // ---------------------------------------------------------------- reading
  app.get('/case-file-audits', { config: { access: QA_VIEW } }, async (request, reply) => {
    const audits = await listAudits(db());
    const mine = await myCasesForReader(request);
    return reply.view('case-file-audits/views/audits.njk', { title: 'Case file audits', audits, mine, isLead: request.ctx.hasRole(...QA_LEADS.roles), kindLabels: SAMPLE_KIND_LABELS });
  });
  apiRoute(app, { method: 'GET', path: '/case-file-audits', summary: 'Case file audits, with counts of cases graded and moderated; and the cases assigned to me', tag: 'Case file audits', access: QA_VIEW }, async (request) => ({ audits: await listAudits(db()), assignedToMe: await myCasesForReader(request) }));

  app.get('/case-file-audits/themes', { config: { access: QA_VIEW } }, async (request, reply) => {
    const options = reportOptions(request);
    const report = await themesReport(db(), options);
    return reply.view('case-file-audits/views/themes.njk', { title: 'Case file audit themes', report, gradeLabels: GRADE_LABELS });
  });
  apiRoute(app, { method: 'GET', path: '/case-file-audits/themes', summary: 'Themes across audits: grade distribution overall, by question and by team; moderation; recurring findings by theme with related indicators', tag: 'Case file audits', access: QA_VIEW, query: z.object({ from: z.string().optional(), to: z.string().optional() }) }, async (request) => themesReport(db(), reportOptions(request)));

  app.get('/case-file-audits/question-sets', { config: { access: QA_VIEW } }, async (request, reply) =>
    reply.view('case-file-audits/views/question-sets.njk', { title: 'Audit question sets', sets: await listQuestionSets(db()), isLead: request.ctx.hasRole(...QA_LEADS.roles) }),
  );
  apiRoute(app, { method: 'GET', path: '/case-file-audits/question-sets', summary: 'The council’s audit question sets, each at its current revision', tag: 'Case file audits', access: QA_VIEW }, async () => ({ questionSets: await listQuestionSets(db()) }));

  app.get('/case-file-audits/:auditId', { config: { access: QA_VIEW } }, async (request, reply) => {
    const auditId = checkedParams(request).auditId!;
    const detail = await auditForReader(request, auditId);
    const questions = (await db().selectFrom('case_file_audit').select('question_set_revision_id').where('id', '=', auditId).executeTakeFirstOrThrow()).question_set_revision_id;
    return reply.view('case-file-audits/views/audit.njk', { title: detail.audit.title, ...detail, questions: await questionsOf(db(), questions), isLead: request.ctx.hasRole(...QA_LEADS.roles), me: request.ctx.user.id, gradeLabels: GRADE_LABELS, kindLabels: SAMPLE_KIND_LABELS, indicatorTitle: indicatorDefinition(detail.audit.sample_indicator_id)?.title ?? detail.audit.sample_indicator_id });
  });
  apiRoute(app, { method: 'GET', path: '/case-file-audits/:auditId', summary: 'An audit and its sample (children named only where you may see them)', tag: 'Case file audits', access: QA_VIEW }, async (request) => auditForReader(request, checkedParams(request).auditId!));

  app.get('/case-file-audits/cases/:caseId', { config: { access: QA_VIEW } }, async (request, reply) => {
    const caseId = checkedParams(request).caseId!;
    const detail = await caseForReader(request, caseId);
    const me = request.ctx.user.id;
    return reply.view('case-file-audits/views/case.njk', {
      title: 'Audited case',
      ...detail,
      isAuditor: detail.case.auditor_user_id === me,
      isModerator: detail.case.moderator_user_id === me,
      gradeLabels: { ...GRADE_LABELS, not_applicable: 'Not applicable' },
      themeLabel,
    });
  });
  apiRoute(app, { method: 'GET', path: '/case-file-audits/cases/:caseId', summary: 'One audited case: grades per question, findings, actions, moderation (audited read of the child)', tag: 'Case file audits', access: QA_VIEW }, async (request) => caseForReader(request, checkedParams(request).caseId!));

  // ---------------------------------------------------------------- question sets
  registerQaForm(app, {
    path: '/case-file-audits/question-sets/new',
    title: 'Add an audit question set',
    access: QA_LEADS,
    fields: [
      { name: 'name', label: 'Name', type: 'text' },
      { name: 'description', label: 'Description (optional)', type: 'textarea' },
      { name: 'questions', label: 'Questions, one a line', type: 'textarea', hint: 'Each is graded outstanding, good, requires improvement, inadequate, or not applicable' },
    ],
    back: () => '/case-file-audits/question-sets',
    submit: (trx, ctx, input) => createQuestionSet(trx, ctx, input),
    next: () => '/case-file-audits/question-sets',
    api: { method: 'POST', path: '/case-file-audits/question-sets', summary: 'Add a question set (questions: an array of strings)', tag: 'Case file audits', body: questionSetInput },
  });
  registerQaForm(app, {
    path: '/case-file-audits/question-sets/:questionSetId/edit',
    title: 'Change the question set',
    intro: 'Changing the questions adds a revision: audits already started keep the questions they were answered against.',
    access: QA_LEADS,
    initial: async (d, p) => {
      const s = await currentRevision(d, p.questionSetId!);
      return { version: s.version, name: s.name, description: s.description, questions: s.questions.map((q) => q.text).join('\n') };
    },
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      { name: 'name', label: 'Name', type: 'text' },
      { name: 'description', label: 'Description (optional)', type: 'textarea' },
      { name: 'questions', label: 'Questions, one a line', type: 'textarea' },
    ],
    back: () => '/case-file-audits/question-sets',
    submit: (trx, ctx, input) => updateQuestionSet(trx, ctx, input),
    next: () => '/case-file-audits/question-sets',
    api: { method: 'PUT', path: '/case-file-audits/question-sets/:questionSetId', summary: 'Rename a question set or change its questions (a new revision; send the version you read)', tag: 'Case file audits', body: questionSetUpdateInput, status: 200 },
  });

  // ---------------------------------------------------------------- audits
  registerQaForm(app, {
    path: '/case-file-audits/new',
    title: 'Start a case file audit',
    access: QA_LEADS,
    fields: (d) => CREATE_FIELDS(d),
    initial: async () => ({ sampleKind: 'random', sampleSize: '10' }),
    back: () => '/case-file-audits',
    submit: (trx, ctx, input) => createAudit(trx, ctx, input),
    next: (r) => `/case-file-audits/${r.id}`,
    api: { method: 'POST', path: '/case-file-audits', summary: 'Start an audit: draw the sample (random with a recorded seed, themed on an indicator, or by team)', tag: 'Case file audits', body: createAuditInput },
  });
  registerQaForm(app, {
    path: '/case-file-audits/cases/:caseId/assign',
    title: 'Assign the auditor and moderator',
    intro: 'The auditor and the moderator may open the child’s record while the audit is open. The moderator must be someone other than the auditor.',
    access: QA_LEADS,
    initial: async (d, p) => {
      const c = await mustFind(d.selectFrom('case_file_audit_case').select(['version', 'auditor_user_id', 'moderator_user_id']).where('id', '=', p.caseId!).where('deleted_at', 'is', null).executeTakeFirst(), 'audited case');
      return { version: c.version, auditorUserId: c.auditor_user_id, moderatorUserId: c.moderator_user_id };
    },
    fields: async (d) => {
      const options = await auditorOptions(d);
      return [
        { name: 'version', label: '', type: 'hidden' },
        { name: 'auditorUserId', label: 'Auditor', type: 'select', options },
        { name: 'moderatorUserId', label: 'Moderator (optional)', type: 'select', options },
      ];
    },
    back: () => '/case-file-audits',
    submit: (trx, ctx, input) => assignCase(trx, ctx, input),
    next: (r) => `/case-file-audits/${r.auditId}`,
    api: { method: 'PUT', path: '/case-file-audits/cases/:caseId/assignment', summary: 'Assign a case’s auditor and moderator (quality auditors or team managers; not the same person)', tag: 'Case file audits', body: assignInput.omit({ caseId: true }), status: 200 },
  });
  registerQaForm(app, {
    path: '/case-file-audits/cases/:caseId/grade',
    title: 'Grade the case',
    access: AUDITORS,
    initial: async (d, p) => {
      const c = await mustFind(d.selectFrom('case_file_audit_case').select(['version', 'overall_grade', 'summary', 'answers']).where('id', '=', p.caseId!).where('deleted_at', 'is', null).executeTakeFirst(), 'audited case');
      const values: Record<string, unknown> = { version: c.version, overallGrade: c.overall_grade, summary: c.summary };
      for (const a of (c.answers as unknown as Array<{ questionId: string; grade: string; comment: string | null }> | null) ?? []) {
        values[`grade_${a.questionId}`] = a.grade;
        values[`comment_${a.questionId}`] = a.comment;
      }
      return values;
    },
    fields: async (d, p) => {
      const c = await mustFind(d.selectFrom('case_file_audit_case as c').innerJoin('case_file_audit as a', 'a.id', 'c.audit_id').select('a.question_set_revision_id').where('c.id', '=', p.caseId!).where('c.deleted_at', 'is', null).executeTakeFirst(), 'audited case');
      const questions = await questionsOf(d, c.question_set_revision_id);
      const options = [...GRADE_OPTIONS, { value: 'not_applicable', text: 'Not applicable' }];
      return [
        { name: 'version', label: '', type: 'hidden' },
        ...questions.flatMap((q, i): FormField[] => [
          { name: `grade_${q.id}`, label: `${i + 1}. ${q.text}`, type: 'radios', options },
          { name: `comment_${q.id}`, label: `Comment on question ${i + 1} (optional)`, type: 'textarea' },
        ]),
        { name: 'overallGrade', label: 'Overall grade', type: 'radios', options: GRADE_OPTIONS },
        { name: 'summary', label: 'Summary of the audit', type: 'textarea' },
      ];
    },
    back: (p) => `/case-file-audits/cases/${p.caseId}`,
    submit: (trx, ctx, input) => gradeCase(trx, ctx, input),
    next: (r) => `/case-file-audits/cases/${r.id}`,
    api: { method: 'PUT', path: '/case-file-audits/cases/:caseId/grade', summary: 'Grade a case overall and per question (answers: { questionId: { grade, comment } }); the assigned auditor only', tag: 'Case file audits', body: gradeInput.omit({ caseId: true }), status: 200 },
  });
  registerQaForm(app, {
    path: '/case-file-audits/cases/:caseId/moderate',
    title: 'Moderate the grade',
    access: AUDITORS,
    initial: async (d, p) => {
      const c = await mustFind(d.selectFrom('case_file_audit_case').select(['version']).where('id', '=', p.caseId!).where('deleted_at', 'is', null).executeTakeFirst(), 'audited case');
      return { version: c.version };
    },
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      { name: 'outcome', label: 'Do you agree with the auditor’s overall grade?', type: 'radios', options: [{ value: 'agreed', text: 'Yes, agree' }, { value: 'changed', text: 'No, change the grade' }] },
      { name: 'grade', label: 'Moderated grade (when changing it)', type: 'select', options: GRADE_OPTIONS },
      { name: 'reason', label: 'Reason (required when changing the grade)', type: 'textarea' },
    ],
    back: (p) => `/case-file-audits/cases/${p.caseId}`,
    submit: (trx, ctx, input) => moderateCase(trx, ctx, input),
    next: (r) => `/case-file-audits/cases/${r.id}`,
    api: { method: 'PUT', path: '/case-file-audits/cases/:caseId/moderation', summary: 'Moderate a graded case: agree, or change the grade with a reason (the assigned moderator, never the auditor)', tag: 'Case file audits', body: moderateInput.omit({ caseId: true }), status: 200 },
  });
  registerQaForm(app, {
    path: '/case-file-audits/cases/:caseId/findings/new',
    title: 'Record a finding',
    access: AUDITORS,
    fields: [
      { name: 'finding', label: 'Finding', type: 'textarea' },
      { name: 'themes', label: 'Themes', type: 'checkboxes', options: THEME_OPTIONS },
      { name: 'strength', label: 'Is this a strength?', type: 'radios', options: [{ value: 'no', text: 'No, a shortfall' }, { value: 'yes', text: 'Yes, a strength' }], inline: true },
    ],
    back: (p) => `/case-file-audits/cases/${p.caseId}`,
    submit: (trx, ctx, input) => addFinding(trx, ctx, input),
    next: (r) => `/case-file-audits/cases/${r.caseId}`,
    api: { method: 'POST', path: '/case-file-audits/cases/:caseId/findings', summary: 'Record a finding tagged with themes', tag: 'Case file audits', body: findingInput.omit({ caseId: true }) },
  });
  registerQaForm(app, {
    path: '/case-file-audits/cases/:caseId/actions/new',
    title: 'Record an action',
    access: AUDITORS,
    fields: async (d) => [
      { name: 'description', label: 'Action', type: 'textarea' },
      { name: 'ownerProfessionalId', label: 'Owner', type: 'select', options: (await d.selectFrom('professional').select(['id', 'name']).where('deleted_at', 'is', null).where('end_date', 'is', null).orderBy('name').limit(2000).execute()).map((p) => ({ value: p.id, text: p.name })) },
      { name: 'dueDate', label: 'Due date', type: 'date' },
    ],
    back: (p) => `/case-file-audits/cases/${p.caseId}`,
    submit: (trx, ctx, input) => addAuditAction(trx, ctx, input),
    next: (r) => `/case-file-audits/cases/${r.caseId}`,
    api: { method: 'POST', path: '/case-file-audits/cases/:caseId/actions', summary: 'Record an action owned by a worker, with a due date', tag: 'Case file audits', body: auditActionInput.omit({ caseId: true }) },
  });
  registerQaForm(app, {
    path: '/case-file-audits/:auditId/close',
    title: 'Close the audit',
    intro: 'Closing ends the auditors’ and moderators’ access to the sampled children’s records. Every case must be graded.',
    submitText: 'Close the audit',
    access: QA_LEADS,
    initial: async (d, p) => {
      const a = await mustFind(d.selectFrom('case_file_audit').select('version').where('id', '=', p.auditId!).where('deleted_at', 'is', null).executeTakeFirst(), 'audit');
      return { version: a.version };
    },
    fields: [{ name: 'version', label: '', type: 'hidden' }],
    back: (p) => `/case-file-audits/${p.auditId}`,
    submit: (trx, ctx, input) => closeAudit(trx, ctx, input),
    next: (r) => `/case-file-audits/${r.id}`,
    api: { method: 'POST', path: '/case-file-audits/:auditId/close', summary: 'Close an audit (every case graded); ends the auditors’ access to the sample', tag: 'Case file audits', body: closeInput.omit({ auditId: true }), status: 200 },
  });
}


