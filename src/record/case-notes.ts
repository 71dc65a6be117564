import { z } from 'zod';
import type { Db as Executor } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId, requiredText } from '../platform/validation.ts';
import type { Actor } from '../frontdoor/contact-outcomes.ts';

export const addCaseNoteInput = z.object({
  childId: recordId,
  noteDate: isoDate('the date of the note'),
  title: optionalText(200),
  body: requiredText('the note', 50_000),
});

/** Case notes are append-only (a database trigger refuses changes); an amendment is a new note that names the one it amends. */
export async function addCaseNote(db: Executor, author: Actor, raw: unknown, today: string): Promise<string> {
  const input = parseInput(addCaseNoteInput, raw);
  if (input.noteDate > today) fieldError('noteDate', 'The date of the note must be today or in the past');
  const child = await db.selectFrom('person').select('id').where('id', '=', input.childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  const id = newId();
  await db.insertInto('case_note').values({ id, person_id: input.childId, note_date: input.noteDate, title: input.title ?? null, body: input.body, author_id: author.professionalId }).execute();
  return id;
}

export const amendCaseNoteInput = z.object({
  noteId: recordId,
  body: requiredText('the amended note', 50_000),
  reason: requiredText('why the note is being amended', 1000),
});

export async function amendCaseNote(db: Executor, author: Actor, raw: unknown): Promise<string> {
  const input = parseInput(amendCaseNoteInput, raw);
  const original = await db.selectFrom('case_note').selectAll().where('id', '=', input.noteId).executeTakeFirst();
  if (!original) throw new AppError('NOT_FOUND', 'No such note');
  const newer = await db.selectFrom('case_note').select('id').where('amends_note_id', '=', original.id).executeTakeFirst();
  if (newer) throw new AppError('CONFLICT', 'This note has already been amended: amend the latest version');
  const id = newId();
  await db
    .insertInto('case_note')
    .values({ id, person_id: original.person_id, cin_episode_id: original.cin_episode_id, note_date: original.note_date, note_type: original.note_type, title: original.title, body: input.body, author_id: author.professionalId, amends_note_id: original.id, amendment_reason: input.reason })
    .execute();
  return id;
}

/** The notes as they now read (latest amendment of each), each with its history of earlier versions. */
export async function caseNotes(db: Executor, childId: string) {
  const rows = await db
    .selectFrom('case_note')
    .leftJoin('professional', 'professional.id', 'case_note.author_id')
    .select(['case_note.id', 'case_note.note_date', 'case_note.title', 'case_note.body', 'case_note.amends_note_id', 'case_note.amendment_reason', 'case_note.created_at', 'professional.name as author'])
    .where('case_note.person_id', '=', childId)
    .orderBy('case_note.note_date', 'desc')
    .orderBy('case_note.created_at', 'desc')
    .execute();
  const amended = new Set(rows.map((r) => r.amends_note_id).filter(Boolean));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows
    .filter((r) => !amended.has(r.id))
    .map((r) => {
      const history = [];
      for (let prev = r.amends_note_id ? byId.get(r.amends_note_id) : undefined; prev; prev = prev.amends_note_id ? byId.get(prev.amends_note_id) : undefined) history.push(prev);
      return { ...r, history };
    });
}
