// Case file audits: a sample of children, each assigned to an auditor (a quality auditor or a team
// manager) and, for moderation, to a second auditor who is not the first; the auditor grades the case
// overall and per question, records findings (tagged with themes) and actions (owned by a worker, with a
// due date); the moderator agrees or changes the grade with a reason. While the audit is open, its
// auditors and moderators may open the sampled children's records (src/access/rules.ts, grant 'audits').
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import type { Json } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { addDays } from '../platform/calendar/calendar.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId, requiredText } from '../platform/validation.ts';
import { computeIndicators, indicatorDefinition } from '../indicators/index.ts';
import { GRADES, type Grade } from '../quality-assurance/grades.ts';
import type { QaActor, UseCaseContext } from '../quality-assurance/qa-form.ts';
import { currentRevision, type Question } from './question-sets.ts';
import { candidatesFrom, drawSample, exceptionMembers, newSeed, RANDOM_POPULATION_INDICATOR, SAMPLE_KINDS, THEME_INDICATORS, type Candidate, type SampleKind } from './sampling.ts';
import { THEME_CODES } from './themes.ts';

/** Roles that may be assigned to audit or moderate a case. */
export const AUDITOR_ROLES = ['quality_auditor', 'team_manager'] as const;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const version = z.coerce.number({ error: 'Reload the page and try again' }).int('Reload the page and try again').positive('Reload the page and try again').max(2_000_000_000);

export const createAuditInput = z.object({
  title: requiredText('a title for the audit', 200),
  questionSetId: z.string({ error: 'Choose a question set' }).trim().min(1, 'Choose a question set').regex(/^[A-Za-z0-9_-]{1,36}$/, 'Choose a question set from the list'),
  sampleKind: z.enum(SAMPLE_KINDS, { error: 'Choose how to choose the sample' }),
  indicatorId: z.preprocess(blank, z.string().max(64).optional()),
  teamId: z.preprocess(blank, recordId.optional()),
  sampleSize: z.coerce.number({ error: 'Enter how many children to sample, as a number' }).int('Enter a whole number').min(1, 'Sample at least 1 child').max(200, 'Sample at most 200 children'),
  seed: z.preprocess(blank, z.coerce.number({ error: 'The seed must be a whole number' }).int('The seed must be a whole number').min(0, 'The seed must be 0 or more').max(4294967295, 'The seed must be at most 4294967295').optional()),
  asOf: z.preprocess(blank, isoDate('the date to sample as at').optional()),
  dueDate: z.preprocess(blank, isoDate('the date the audit is due').optional()),
});

export interface SampleRequest {
  kind: SampleKind;
  indicatorId?: string | undefined;
  teamId?: string | undefined;
  size: number;
  seed: number;
  asOf: string;
}

/** The population for a sample, from the indicator engine; restricted and deleted records left out. */
export async function samplePopulation(db: Db, req: Omit<SampleRequest, 'size' | 'seed'>): Promise<{ indicatorId: string; candidates: Candidate[] }> {
  const indicatorId = req.kind === 'theme' ? req.indicatorId : RANDOM_POPULATION_INDICATOR;
  if (req.kind === 'theme' && (!indicatorId || !(THEME_INDICATORS as readonly string[]).includes(indicatorId))) fieldError('indicatorId', 'Choose the indicator whose children to sample');
  if (req.kind === 'team' && !req.teamId) fieldError('teamId', 'Choose the team');
  if (req.teamId) {
    const team = await db.selectFrom('team').select('id').where('id', '=', req.teamId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!team) fieldError('teamId', 'Choose a team from the list');
  }
  const definition = indicatorDefinition(indicatorId!)!;
  const report = await computeIndicators(db, req.asOf, { ids: [definition.id], withMembers: true });
  const result = report.indicators[0]!;
  const members = exceptionMembers(definition.goodDirection, result.members?.numerator ?? [], result.members?.denominator ?? null);
  let candidates = candidatesFrom(members);
  if (req.teamId) candidates = candidates.filter((c) => c.teamId === req.teamId);
  if (candidates.length > 0) {
    const ids = candidates.map((c) => c.childId);
    const open = new Set<string>();
    for (let i = 0; i < ids.length; i += 5000) {
      const rows = await db.selectFrom('person').select('id').where('id', 'in', ids.slice(i, i + 5000)).where('deleted_at', 'is', null).where('restricted', '=', false).execute();
      for (const r of rows) open.add(r.id);
    }
    candidates = candidates.filter((c) => open.has(c.childId));
  }
  return { indicatorId: definition.id, candidates };
}

export async function createAudit(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; sampled: number; seed: number }> {
  const input = parseInput(createAuditInput, raw);
  const set = await currentRevision(db, input.questionSetId).catch(() => fieldError('questionSetId', 'Choose a question set from the list'));
  const asOf = input.asOf ?? ctx.today;
  if (asOf > ctx.today) fieldError('asOf', 'The date to sample as at must be today or in the past');
  if (input.dueDate && input.dueDate < ctx.today) fieldError('dueDate', 'The due date must be today or later');
  const seed = input.seed ?? newSeed();
  const { indicatorId, candidates } = await samplePopulation(db, { kind: input.sampleKind, indicatorId: input.indicatorId, teamId: input.teamId, asOf });
  const sample = drawSample(candidates, input.sampleSize, seed);
  if (sample.length === 0) fieldError('sampleKind', 'There are no children to sample with these choices: choose another sample');
  const id = newId();
  const audit = await db
    .insertInto('case_file_audit')
    .values({
      id,
      title: input.title,
      question_set_revision_id: set.revisionId,
      sample_kind: input.sampleKind,
      sample_indicator_id: indicatorId,
      sample_team_id: input.teamId ?? null,
      sample_size: input.sampleSize,
      sample_seed: seed,
      sample_as_of: asOf,
      population_size: candidates.length,
      status: 'open',
      due_date: input.dueDate ?? addDays(ctx.today, 28),
      created_by: ctx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'case_file_audit', entityId: id, personId: null, before: null, after: audit });
  const cases = await db
    .insertInto('case_file_audit_case')
    .values(sample.map((c) => ({ id: newId(), audit_id: id, person_id: c.childId, team_id: c.teamId })))
    .returningAll()
    .execute();
  for (const c of cases) await ctx.audit.write(db, { action: 'create', entityType: 'case_file_audit_case', entityId: c.id, personId: c.person_id, before: null, after: c, what: 'case file audit sample' });
  return { id, sampled: sample.length, seed };
}

// ------------------------------------------------------------------ one case

async function caseWithAudit(db: Db, caseId: string) {
  const row = await db
    .selectFrom('case_file_audit_case as c')
    .innerJoin('case_file_audit as a', 'a.id', 'c.audit_id')
    .selectAll('c')
    .select(['a.status as auditStatus', 'a.question_set_revision_id as revisionId', 'a.title as auditTitle'])
    .where('c.id', '=', caseId)
    .where('c.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'There is no such audited case');
  return row;
}

function mustBeOpen(status: string) {
  if (status !== 'open') throw new AppError('CONFLICT', 'The audit is closed: its cases can no longer be changed');
}

async function hasAuditorRole(db: Db, userId: string): Promise<boolean> {
  const rows = await db
    .selectFrom('user_role as r')
    .innerJoin('user_account as u', 'u.id', 'r.user_id')
    .select('r.role')
    .where('r.user_id', '=', userId)
    .where('r.deleted_at', 'is', null)
    .where('u.deleted_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .where('r.role', 'in', [...AUDITOR_ROLES])
    .execute();
  return rows.length > 0;
}

export const assignInput = z.object({
  caseId: recordId,
  version,
  auditorUserId: z.preprocess(blank, recordId.optional()),
  moderatorUserId: z.preprocess(blank, recordId.optional()),
});

/** Assigns (or reassigns) the auditor and moderator. Neither may change once the case is graded or moderated respectively. */
export async function assignCase(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; auditId: string }> {
  const input = parseInput(assignInput, raw);
  const c = await caseWithAudit(db, input.caseId);
  mustBeOpen(c.auditStatus);
  const auditor = input.auditorUserId ?? null;
  const moderator = input.moderatorUserId ?? null;
  if (!auditor) fieldError('auditorUserId', 'Choose the auditor');
  if (!(await hasAuditorRole(db, auditor))) fieldError('auditorUserId', 'The auditor must be a quality auditor or a team manager');
  if (moderator) {
    if (moderator === auditor) fieldError('moderatorUserId', 'The moderator must be someone other than the auditor');
    if (!(await hasAuditorRole(db, moderator))) fieldError('moderatorUserId', 'The moderator must be a quality auditor or a team manager');
  }
  if (c.overall_grade !== null && c.auditor_user_id !== auditor) throw new AppError('CONFLICT', 'The case has been graded: its auditor cannot change');
  if (c.moderation_outcome !== null && c.moderator_user_id !== moderator) throw new AppError('CONFLICT', 'The case has been moderated: its moderator cannot change');
  const { before, after } = await updateWithVersion(db, 'case_file_audit_case', c.id, input.version, { auditor_user_id: auditor, moderator_user_id: moderator });
  await ctx.audit.write(db, { action: 'update', entityType: 'case_file_audit_case', entityId: c.id, personId: c.person_id, before, after, what: 'case file audit assignment' });
  return { id: c.id, auditId: c.audit_id };
}

export interface Answer {
  questionId: string;
  grade: Grade | 'not_applicable';
  comment: string | null;
}

export const gradeInput = z.object({
  caseId: recordId,
  version,
  overallGrade: z.enum(GRADES, { error: 'Choose the overall grade' }),
  summary: optionalText(20_000),
  /** Per question: `{ q1: 'good', … }` (the API), or the form's `grade_q1` fields. */
  answers: z.record(z.string().max(20), z.object({ grade: z.enum([...GRADES, 'not_applicable'], { error: 'Choose a grade or not applicable' }), comment: optionalText(5000) })).optional(),
});

export async function questionsOf(db: Db, revisionId: string): Promise<Question[]> {
  const r = await db.selectFrom('qa_question_set_revision').select('questions').where('id', '=', revisionId).executeTakeFirstOrThrow();
  return r.questions as unknown as Question[];
}

/** Form fields `grade_<qid>` and `comment_<qid>` become `answers`. */
export function answersFromForm(raw: Record<string, unknown>, questions: readonly Question[]): Record<string, { grade: unknown; comment: unknown }> {
  const out: Record<string, { grade: unknown; comment: unknown }> = {};
  for (const q of questions) out[q.id] = { grade: raw[`grade_${q.id}`] === '' ? undefined : raw[`grade_${q.id}`], comment: raw[`comment_${q.id}`] };
  return out;
}

/** The assigned auditor grades the case: overall, and every question (a grade or not applicable). */
export async function gradeCase(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; auditId: string }> {
  const caseId = parseInput(z.object({ caseId: recordId }), raw).caseId;
  const c = await caseWithAudit(db, caseId);
  mustBeOpen(c.auditStatus);
  if (c.auditor_user_id !== ctx.actor.userId) throw new AppError('FORBIDDEN', 'Only the case’s assigned auditor may grade it', { internal: 'not the assigned auditor' });
  if (c.moderation_outcome !== null) throw new AppError('CONFLICT', 'The case has been moderated: its grades can no longer change');
  const questions = await questionsOf(db, c.revisionId);
  const r = (raw ?? {}) as Record<string, unknown>;
  const given = r.answers === undefined ? answersFromForm(r, questions) : r.answers;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new AppError('BAD_INPUT', 'Give the answers as an object keyed by question id', { fieldErrors: [{ field: 'answers', message: 'Give the answers as an object keyed by question id' }] });
  const problems: Array<{ field: string; message: string }> = [];
  const answers: Answer[] = [];
  const answerSchema = z.object({ grade: z.enum([...GRADES, 'not_applicable']), comment: optionalText(5000) });
  for (const q of questions) {
    const parsed = answerSchema.safeParse((given as Record<string, unknown>)[q.id]);
    if (!parsed.success) problems.push({ field: `grade_${q.id}`, message: `Choose a grade for “${q.text.slice(0, 80)}”, or not applicable${parsed.error.issues.some((i) => i.path[0] === 'comment') ? ' (and keep the comment under 5,000 characters)' : ''}` });
    else answers.push({ questionId: q.id, grade: parsed.data.grade, comment: parsed.data.comment ?? null });
  }
  const unknown = Object.keys(given).filter((k) => !questions.some((q) => q.id === k));
  if (unknown.length) problems.push({ field: 'answers', message: `These are not questions of this audit: ${unknown.join(', ').slice(0, 200)}` });
  const rest = gradeInput.omit({ answers: true }).safeParse(r);
  if (!rest.success) for (const i of rest.error.issues) problems.push({ field: i.path.join('.') || 'form', message: i.message });
  if (problems.length || !rest.success) throw new AppError('BAD_INPUT', 'Check the grades', { fieldErrors: problems });
  const input = rest.data;
  const { before, after } = await updateWithVersion(db, 'case_file_audit_case', c.id, input.version, {
    overall_grade: input.overallGrade,
    answers: JSON.stringify(answers) as unknown as Json,
    summary: input.summary ?? null,
    graded_on: ctx.today,
  });
  await ctx.audit.write(db, { action: 'update', entityType: 'case_file_audit_case', entityId: c.id, personId: c.person_id, before, after, what: 'case file audit grading' });
  return { id: c.id, auditId: c.audit_id };
}

export const moderateInput = z.object({
  caseId: recordId,
  version,
  outcome: z.enum(['agreed', 'changed'], { error: 'Choose whether you agree with the grade or change it' }),
  grade: z.preprocess(blank, z.enum(GRADES, { error: 'Choose the moderated grade' }).optional()),
  reason: optionalText(5000),
});

/**
 * Moderation: the assigned moderator, who is never the case's auditor, agrees with the overall grade or
 * changes it, giving a reason for a change. The case must be graded first; moderation happens once.
 */
export async function moderateCase(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; auditId: string }> {
  const input = parseInput(moderateInput, raw);
  const c = await caseWithAudit(db, input.caseId);
  mustBeOpen(c.auditStatus);
  if (c.auditor_user_id === ctx.actor.userId) throw new AppError('FORBIDDEN', 'You audited this case, so you cannot moderate it', { internal: 'moderator is the auditor' });
  if (c.moderator_user_id !== ctx.actor.userId) throw new AppError('FORBIDDEN', 'Only the case’s assigned moderator may moderate it', { internal: 'not the assigned moderator' });
  if (c.overall_grade === null) throw new AppError('CONFLICT', 'The case has not been graded yet: moderate it after the auditor grades it');
  if (c.moderation_outcome !== null) throw new AppError('CONFLICT', 'The case has already been moderated');
  let grade: Grade | null = null;
  if (input.outcome === 'changed') {
    if (!input.grade) fieldError('grade', 'Choose the moderated grade');
    if (input.grade === c.overall_grade) fieldError('grade', 'The moderated grade is the auditor’s grade: choose “agree” instead, or a different grade');
    if (!input.reason) fieldError('reason', 'Say why the grade is changed');
    grade = input.grade;
  } else if (input.grade && input.grade !== c.overall_grade) {
    fieldError('grade', 'To give a different grade, choose “change the grade”');
  }
  const { before, after } = await updateWithVersion(db, 'case_file_audit_case', c.id, input.version, {
    moderation_outcome: input.outcome,
    moderated_grade: grade,
    moderation_reason: input.reason ?? null,
    moderated_on: ctx.today,
  });
  await ctx.audit.write(db, { action: 'update', entityType: 'case_file_audit_case', entityId: c.id, personId: c.person_id, before, after, what: 'case file audit moderation' });
  return { id: c.id, auditId: c.audit_id };
}

/** The grade that counts: the moderator's when they changed it, else the auditor's. */
export function finalGrade(c: { overall_grade: string | null; moderation_outcome: string | null; moderated_grade: string | null }): Grade | null {
  if (c.moderation_outcome === 'changed' && c.moderated_grade) return c.moderated_grade as Grade;
  return (c.overall_grade as Grade | null) ?? null;
}

function mayWorkOn(c: { auditor_user_id: string | null; moderator_user_id: string | null }, actor: QaActor) {
  if (c.auditor_user_id !== actor.userId && c.moderator_user_id !== actor.userId) throw new AppError('FORBIDDEN', 'Only the case’s auditor or moderator may record findings and actions', { internal: 'not assigned to the case' });
}

export const findingInput = z.object({
  caseId: recordId,
  finding: requiredText('the finding', 5000),
  themes: z.preprocess((v) => (v === undefined || v === '' ? [] : typeof v === 'string' ? [v] : v), z.array(z.enum(THEME_CODES as [string, ...string[]], { error: 'Choose themes from the list' })).min(1, 'Choose at least one theme').max(10)),
  strength: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.union([z.boolean(), z.enum(['yes', 'no', ''])]).optional()).transform((v) => v === true || v === 'yes'),
});

export async function addFinding(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; caseId: string; auditId: string }> {
  const input = parseInput(findingInput, raw);
  const c = await caseWithAudit(db, input.caseId);
  mustBeOpen(c.auditStatus);
  mayWorkOn(c, ctx.actor);
  const id = newId();
  const row = await db.insertInto('case_file_audit_finding').values({ id, audit_case_id: c.id, finding: input.finding, themes: [...new Set(input.themes)], strength: input.strength }).returningAll().executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'case_file_audit_finding', entityId: id, personId: c.person_id, before: null, after: row });
  return { id, caseId: c.id, auditId: c.audit_id };
}

export const auditActionInput = z.object({
  caseId: recordId,
  description: requiredText('the action', 5000),
  ownerProfessionalId: z.preprocess(blank, recordId.optional()),
  dueDate: isoDate('the due date'),
});

export async function addAuditAction(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; caseId: string; auditId: string }> {
  const input = parseInput(auditActionInput, raw);
  const c = await caseWithAudit(db, input.caseId);
  mustBeOpen(c.auditStatus);
  mayWorkOn(c, ctx.actor);
  if (!input.ownerProfessionalId) fieldError('ownerProfessionalId', 'Choose the worker who owns the action');
  const owner = await db.selectFrom('professional').select('id').where('id', '=', input.ownerProfessionalId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!owner) fieldError('ownerProfessionalId', 'Choose a worker from the list');
  if (input.dueDate < ctx.today) fieldError('dueDate', 'The due date must be today or later');
  const id = newId();
  const row = await db.insertInto('case_file_audit_action').values({ id, audit_case_id: c.id, description: input.description, owner_professional_id: input.ownerProfessionalId, due_date: input.dueDate }).returningAll().executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'case_file_audit_action', entityId: id, personId: c.person_id, before: null, after: row });
  return { id, caseId: c.id, auditId: c.audit_id };
}

export const closeInput = z.object({ auditId: recordId, version });

/** Closing ends the auditors' access to the sample; every case must be graded first. */
export async function closeAudit(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(closeInput, raw);
  const audit = await db.selectFrom('case_file_audit').select(['id', 'status']).where('id', '=', input.auditId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!audit) throw new AppError('NOT_FOUND', 'There is no such audit');
  if (audit.status !== 'open') throw new AppError('CONFLICT', 'The audit is already closed');
  const ungraded = await db.selectFrom('case_file_audit_case').select((eb) => eb.fn.countAll<number>().as('n')).where('audit_id', '=', audit.id).where('deleted_at', 'is', null).where('overall_grade', 'is', null).executeTakeFirstOrThrow();
  if (Number(ungraded.n) > 0) throw new AppError('CONFLICT', `${ungraded.n} case${Number(ungraded.n) === 1 ? ' is' : 's are'} not graded yet: grade every case before closing the audit`);
  const { before, after } = await updateWithVersion(db, 'case_file_audit', audit.id, input.version, { status: 'closed', closed_on: ctx.today });
  await ctx.audit.write(db, { action: 'update', entityType: 'case_file_audit', entityId: audit.id, personId: null, before, after, what: 'case file audit closed' });
  return { id: audit.id };
}
