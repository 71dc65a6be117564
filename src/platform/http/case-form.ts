// One declaration per piece of casework serves both the GOV.UK form (GET shows it, POST saves it, errors
// come back as an error summary with the user's answers kept) and the JSON API operation, through the
// same use-case function, in one transaction with its audit row.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AccessRule } from '../../access/route-rules.ts';
import type { Db } from '../db/connect.ts';
import type { DB } from '../db/schema.ts';
import { AppError, isAppError } from '../errors.ts';
import { todayInEngland } from '../calendar/calendar.ts';
import { apiRoute } from './api.ts';
import { formErrors } from './forms.ts';
import type { Actor } from '../../frontdoor/contact-outcomes.ts';

export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'date' | 'textarea' | 'radios' | 'select' | 'checkboxes' | 'hidden';
  options?: Array<{ value: string; text: string }>;
  hint?: string;
  inline?: boolean;
  classes?: string;
}

export const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

type Params = Record<string, string>;

export interface CaseForm<R> {
  /** The page: GET shows the form and POST saves it. Path parameters are passed to the use case. */
  path: string;
  title: string;
  access: AccessRule;
  fields: FormField[] | ((db: Db, params: Params) => Promise<FormField[]>);
  /** Values the form starts with (the record's version, for instance). */
  initial?: (db: Db, params: Params) => Promise<Record<string, unknown>>;
  intro?: string;
  submitText?: string;
  submit: (trx: Db, actor: Actor, input: Record<string, unknown>, today: string) => Promise<R>;
  /** Where the browser goes after saving. */
  next: (result: R, params: Params, input: Record<string, unknown>) => string;
  /** Checks beyond the route's access rule, before anything is written (e.g. a restricted child). */
  guard?: (request: FastifyRequest, input: Record<string, unknown>) => Promise<void>;
  /** The record written, for the audit's before/after difference. */
  audit: { table: keyof DB; id: (result: R, input: Record<string, unknown>) => string; action: 'create' | 'update' };
  api?: { method: 'POST' | 'PUT'; path: string; summary: string; tag: string; body: z.ZodType; status?: number };
}

function actorOf(request: FastifyRequest): Actor {
  const professionalId = request.ctx.user.professionalId;
  if (!professionalId) throw new AppError('FORBIDDEN', 'Your account is not linked to a worker, so it cannot record casework');
  return { professionalId };
}

/** GOV.UK date inputs post day, month and year separately: join them as YYYY-MM-DD (blank stays blank). */
export function collectForm(fields: FormField[], body: Record<string, unknown>): { input: Record<string, unknown>; values: Record<string, unknown> } {
  const input: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === 'date') {
      const day = String(body[`${f.name}-day`] ?? '').trim();
      const month = String(body[`${f.name}-month`] ?? '').trim();
      const year = String(body[`${f.name}-year`] ?? '').trim();
      values[`${f.name}Parts`] = { day, month, year };
      input[f.name] = day || month || year ? `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : '';
    } else if (f.type === 'checkboxes') {
      const v = body[f.name];
      input[f.name] = v === undefined ? [] : Array.isArray(v) ? v : [v];
      values[f.name] = input[f.name];
    } else {
      input[f.name] = body[f.name];
      values[f.name] = body[f.name];
    }
  }
  return { input, values };
}

function dateParts(iso: unknown) {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  return { year: iso.slice(0, 4), month: String(Number(iso.slice(5, 7))), day: String(Number(iso.slice(8, 10))) };
}

/** Ids a form or API call may name, and the table each belongs to. */
const CHILD_OWNED_IDS = {
  contactId: 'contact',
  assessmentId: 'assessment',
  cinEpisodeId: 'cin_episode',
  cinPlanId: 'cin_plan',
  s47EnquiryId: 's47_enquiry',
  cpPlanId: 'cp_plan',
  noteId: 'case_note',
  periodOfCareId: 'period_of_care',
} as const;

/**
 * Access is checked on the child in the path; every other record the request names (in the path or the
 * body) must belong to that child, or a user could act on another child's record through a child they may see.
 */
async function assertBelongsToChild(db: Db, childId: string | null, input: Record<string, unknown>): Promise<void> {
  for (const [key, table] of Object.entries(CHILD_OWNED_IDS)) {
    const id = input[key];
    if (id === undefined || id === null || id === '') continue;
    const row = typeof id === 'string' ? await db.selectFrom(table).select('person_id').where('id', '=', id).executeTakeFirst() : undefined;
    if (!row || row.person_id !== childId) throw new AppError('NOT_FOUND', 'There is no such record for this child');
  }
}

async function runInTransaction<R>(request: FastifyRequest, form: CaseForm<R>, input: Record<string, unknown>): Promise<R> {
  const actor = actorOf(request);
  const db = request.server.services.database.db;
  const childId = (request.params as Params).childId ?? (typeof input.childId === 'string' ? input.childId : null);
  if (form.guard) await form.guard(request, input);
  return db.transaction().execute(async (trx) => {
    const t = trx as unknown as Db;
    await assertBelongsToChild(t, childId, input);
    const read = (id: string) => (t as any).selectFrom(form.audit.table).selectAll().where('id', '=', id).executeTakeFirst() as Promise<Record<string, unknown> | undefined>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const beforeId = form.audit.action === 'update' ? form.audit.id(undefined as R, input) : undefined;
    const before = beforeId ? ((await read(beforeId)) ?? null) : null;
    const result = await form.submit(t, actor, input, todayInEngland());
    const id = form.audit.id(result, input);
    const after = (await read(id)) ?? {};
    await request.ctx.audit.write(t, { action: form.audit.action, entityType: String(form.audit.table), entityId: id, personId: childId, before, after });
    return result;
  });
}

/** GOV.UK: an error about a date links to its first box (the day), not to the group around the boxes. */
function linkDateErrorsToDay<T extends { errorList: Array<{ text: string; href: string }> }>(errors: T, fields: FormField[]): T {
  const dates = new Set(fields.filter((f) => f.type === 'date').map((f) => `#${f.name}`));
  return { ...errors, errorList: errors.errorList.map((e) => (dates.has(e.href) ? { ...e, href: `${e.href}-day` } : e)) };
}

export function registerCaseForm<R>(app: FastifyInstance, form: CaseForm<R>): void {
  const fieldsFor = async (params: Params) => (typeof form.fields === 'function' ? form.fields(app.services.database.db, params) : form.fields);
  const render = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, error?: AppError) => {
    const params = request.params as Params;
    const fields = await fieldsFor(params);
    const action = request.url.split('?')[0];
    return reply.view('platform/http/views/form.njk', {
      title: form.title,
      intro: form.intro,
      submitText: form.submitText,
      fields,
      values,
      action,
      backHref: params.childId ? `/children/${params.childId}` : typeof values.childId === 'string' ? `/children/${values.childId}` : '/',
      ...(error ? linkDateErrorsToDay(formErrors(error), fields) : {}),
    });
  };

  app.get(form.path, { config: { access: form.access, auditWhat: `form: ${form.title}` } }, async (request, reply) => {
    // A query string may preset an id (e.g. /contacts/new?childId=…); path parameters win.
    const query = Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Params;
    const params = { ...query, ...(request.params as Params) };
    const initial = form.initial ? await form.initial(app.services.database.db, params) : {};
    const fields = await fieldsFor(params);
    const values: Record<string, unknown> = { ...initial };
    for (const f of fields) if (f.type === 'date') values[`${f.name}Parts`] = dateParts(initial[f.name]);
    return render(request, reply, values);
  });

  app.post(form.path, { config: { access: form.access } }, async (request, reply) => {
    const params = request.params as Params;
    const fields = await fieldsFor(params);
    const { input, values } = collectForm(fields, (request.body ?? {}) as Record<string, unknown>);
    try {
      const merged = { ...input, ...params };
      const result = await runInTransaction(request, form, merged);
      return reply.redirect(form.next(result, params, merged), 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'BAD_INPUT' || e.code === 'CONFLICT')) {
        reply.status(e.code === 'CONFLICT' ? 409 : 400);
        return render(request, reply, values, e);
      }
      throw e;
    }
  });

  if (form.api) {
    const api = form.api;
    apiRoute(app, { method: api.method, path: api.path, summary: api.summary, tag: api.tag, access: form.access, body: api.body, status: api.status ?? 201 }, async (request) => {
      const body = request.body;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw new AppError('BAD_INPUT', 'The request body must be a JSON object');
      const result = await runInTransaction(request, form, { ...((body ?? {}) as Record<string, unknown>), ...(request.params as Params) });
      return { result };
    });
  }
}
