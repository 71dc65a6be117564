// The council's audit questions. A question set has revisions; editing the questions adds a revision
// (the old one is kept, unchangeable: a database trigger refuses edits), and an audit is answered against
// the revision current when it was created. A question keeps its id across revisions while its wording is
// unchanged, so the themes report can follow one question over audits.
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Json } from '../platform/db/schema.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { optionalText, parseInput, recordId, requiredText } from '../platform/validation.ts';
import type { UseCaseContext } from '../quality-assurance/qa-form.ts';

export interface Question {
  id: string;
  text: string;
}

const questionsField = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/\r?\n/) : v),
  z
    .array(z.string({ error: 'Each question must be text' }).trim().max(500, 'Each question must be 500 characters or fewer'), { error: 'Enter the questions, one a line' })
    .transform((qs) => qs.filter(Boolean))
    .pipe(z.array(z.string()).min(1, 'Enter at least one question').max(40, 'Enter at most 40 questions')),
);

export const questionSetInput = z.object({
  name: requiredText('a name for the question set', 200),
  description: optionalText(2000),
  questions: questionsField,
});
export const questionSetUpdateInput = questionSetInput.extend({ version: z.coerce.number({ error: 'Reload the page and try again' }).int().positive().max(2_000_000_000) });

/** New questions get the next free id; a question worded as before keeps its id. Duplicates are refused. */
export function assignQuestionIds(texts: readonly string[], previous: readonly Question[] = []): Question[] {
  const seen = new Set<string>();
  for (const t of texts) {
    const key = t.toLowerCase();
    if (seen.has(key)) throw new AppError('BAD_INPUT', 'A question appears twice', { fieldErrors: [{ field: 'questions', message: `“${t.slice(0, 80)}” appears twice: each question once` }] });
    seen.add(key);
  }
  const byText = new Map(previous.map((q) => [q.text, q.id]));
  let next = previous.reduce((n, q) => Math.max(n, Number(q.id.replace(/^q/, '')) || 0), 0);
  return texts.map((text) => ({ id: byText.get(text) ?? `q${++next}`, text }));
}

export async function createQuestionSet(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(questionSetInput, raw);
  const id = newId();
  const set = await db.insertInto('qa_question_set').values({ id, name: input.name, description: input.description ?? null, current_revision: 1 }).returningAll().executeTakeFirstOrThrow();
  const revision = await db
    .insertInto('qa_question_set_revision')
    .values({ id: newId(), question_set_id: id, revision: 1, questions: JSON.stringify(assignQuestionIds(input.questions)) as unknown as Json, created_by: ctx.actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'qa_question_set', entityId: id, personId: null, before: null, after: set });
  await ctx.audit.write(db, { action: 'create', entityType: 'qa_question_set_revision', entityId: revision.id, personId: null, before: null, after: revision });
  return { id };
}

export async function currentRevision(db: Db, questionSetId: string) {
  const row = await db
    .selectFrom('qa_question_set as s')
    .innerJoin('qa_question_set_revision as r', (j) => j.onRef('r.question_set_id', '=', 's.id').onRef('r.revision', '=', 's.current_revision'))
    .select(['s.id', 's.name', 's.description', 's.version', 's.current_revision', 'r.id as revisionId', 'r.questions'])
    .where('s.id', '=', questionSetId)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'There is no such question set');
  return { ...row, questions: row.questions as unknown as Question[] };
}

/** Renames the set and, when the questions changed, adds a revision. Audits already created keep theirs. */
export async function updateQuestionSet(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; revision: number }> {
  const id = parseInput(z.object({ questionSetId: recordId }), raw).questionSetId;
  const input = parseInput(questionSetUpdateInput, raw);
  const current = await currentRevision(db, id);
  const questions = assignQuestionIds(input.questions, current.questions);
  const changed = JSON.stringify(questions) !== JSON.stringify(current.questions);
  const revision = changed ? current.current_revision + 1 : current.current_revision;
  const { before, after } = await updateWithVersion(db, 'qa_question_set', id, input.version, { name: input.name, description: input.description ?? null, current_revision: revision });
  await ctx.audit.write(db, { action: 'update', entityType: 'qa_question_set', entityId: id, personId: null, before, after });
  if (changed) {
    const row = await db
      .insertInto('qa_question_set_revision')
      .values({ id: newId(), question_set_id: id, revision, questions: JSON.stringify(questions) as unknown as Json, created_by: ctx.actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.audit.write(db, { action: 'create', entityType: 'qa_question_set_revision', entityId: row.id, personId: null, before: null, after: row });
  }
  return { id, revision };
}

export async function listQuestionSets(db: Db) {
  const rows = await db
    .selectFrom('qa_question_set as s')
    .innerJoin('qa_question_set_revision as r', (j) => j.onRef('r.question_set_id', '=', 's.id').onRef('r.revision', '=', 's.current_revision'))
    .select(['s.id', 's.name', 's.description', 's.version', 's.current_revision as revision', 'r.questions'])
    .where('s.deleted_at', 'is', null)
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({ ...r, questions: r.questions as unknown as Question[] }));
}
