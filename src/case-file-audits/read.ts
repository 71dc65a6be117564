// Reading audits for pages and the API. Children are named only where the reader may see them (the
// routes check access and audit the reads); elsewhere a case shows its child's id.
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { finalGrade, questionsOf, type Answer } from './audits.ts';

export async function listAudits(db: Db) {
  const rows = await db
    .selectFrom('case_file_audit as a')
    .innerJoin('qa_question_set_revision as r', 'r.id', 'a.question_set_revision_id')
    .innerJoin('qa_question_set as s', 's.id', 'r.question_set_id')
    .select([
      'a.id', 'a.title', 'a.status', 'a.sample_kind', 'a.sample_indicator_id', 'a.sample_size', 'a.sample_seed', 'a.sample_as_of', 'a.population_size', 'a.due_date', 'a.closed_on', 'a.version',
      's.name as questionSet', 'r.revision',
      sql<number>`(select count(*) from case_file_audit_case c where c.audit_id = a.id and c.deleted_at is null)::int`.as('cases'),
      sql<number>`(select count(*) from case_file_audit_case c where c.audit_id = a.id and c.deleted_at is null and c.overall_grade is not null)::int`.as('graded'),
      sql<number>`(select count(*) from case_file_audit_case c where c.audit_id = a.id and c.deleted_at is null and c.moderation_outcome is not null)::int`.as('moderated'),
    ])
    .where('a.deleted_at', 'is', null)
    .orderBy('a.created_at', 'desc')
    .execute();
  return rows;
}

export async function auditDetail(db: Db, auditId: string) {
  const audit = (await listAudits(db)).find((a) => a.id === auditId);
  if (!audit) throw new AppError('NOT_FOUND', 'There is no such audit');
  const cases = await db
    .selectFrom('case_file_audit_case as c')
    .leftJoin('team as t', 't.id', 'c.team_id')
    .leftJoin('user_account as au', 'au.id', 'c.auditor_user_id')
    .leftJoin('user_account as mu', 'mu.id', 'c.moderator_user_id')
    .select(['c.id', 'c.person_id as childId', 'c.team_id as teamId', 't.name as team', 'au.display_name as auditor', 'mu.display_name as moderator', 'c.auditor_user_id', 'c.moderator_user_id', 'c.overall_grade', 'c.moderation_outcome', 'c.moderated_grade', 'c.graded_on', 'c.moderated_on', 'c.version'])
    .where('c.audit_id', '=', auditId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.person_id')
    .execute();
  return { audit, cases: cases.map((c) => ({ ...c, finalGrade: finalGrade(c) })) };
}

export async function caseDetail(db: Db, caseId: string) {
  const c = await db
    .selectFrom('case_file_audit_case as c')
    .innerJoin('case_file_audit as a', 'a.id', 'c.audit_id')
    .leftJoin('user_account as au', 'au.id', 'c.auditor_user_id')
    .leftJoin('user_account as mu', 'mu.id', 'c.moderator_user_id')
    .leftJoin('team as t', 't.id', 'c.team_id')
    .selectAll('c')
    .select(['a.title as auditTitle', 'a.status as auditStatus', 'a.question_set_revision_id as revisionId', 'au.display_name as auditor', 'mu.display_name as moderator', 't.name as team'])
    .where('c.id', '=', caseId)
    .where('c.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND', 'There is no such audited case');
  const questions = await questionsOf(db, c.revisionId);
  const answers = (c.answers as unknown as Answer[] | null) ?? [];
  const findings = await db.selectFrom('case_file_audit_finding').select(['id', 'finding', 'themes', 'strength', 'created_at']).where('audit_case_id', '=', caseId).where('deleted_at', 'is', null).orderBy('created_at').execute();
  const actions = await db
    .selectFrom('case_file_audit_action as x')
    .innerJoin('professional as p', 'p.id', 'x.owner_professional_id')
    .select(['x.id', 'x.description', 'x.due_date', 'x.status', 'x.completed_on', 'p.name as owner'])
    .where('x.audit_case_id', '=', caseId)
    .where('x.deleted_at', 'is', null)
    .orderBy('x.due_date')
    .execute();
  return {
    case: { ...c, answers: undefined, finalGrade: finalGrade(c) },
    questions: questions.map((q) => ({ ...q, answer: answers.find((a) => a.questionId === q.id) ?? null })),
    findings,
    actions,
  };
}

/** Cases assigned to the user (to audit or moderate) in open audits. */
export async function myCases(db: Db, userId: string) {
  return db
    .selectFrom('case_file_audit_case as c')
    .innerJoin('case_file_audit as a', 'a.id', 'c.audit_id')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.audit_id as auditId', 'a.title as auditTitle', 'a.due_date', 'c.person_id as childId', 'p.forename', 'p.surname', 'c.overall_grade', 'c.moderation_outcome', 'c.auditor_user_id', 'c.moderator_user_id'])
    .where('a.status', '=', 'open')
    .where('a.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('c.auditor_user_id', '=', userId), eb('c.moderator_user_id', '=', userId)]))
    .orderBy('a.due_date')
    .orderBy('c.person_id')
    .execute();
}

/** Users who may audit (quality auditors and team managers), for assignment lists. */
export async function auditorOptions(db: Db) {
  const rows = await db
    .selectFrom('user_account as u')
    .select(['u.id', 'u.display_name', 'u.username'])
    .where('u.deleted_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('user_role as r').select('r.id').whereRef('r.user_id', '=', 'u.id').where('r.deleted_at', 'is', null).where('r.role', 'in', ['quality_auditor', 'team_manager'])))
    .orderBy('u.display_name')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ value: r.id, text: `${r.display_name} (${r.username})` }));
}
