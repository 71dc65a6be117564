// Forms for quality assurance work (audits, the improvement plan, inspections). Like casework's
// registerCaseForm, one declaration gives a GOV.UK form (error summary, answers kept) and a JSON API
// operation running the same use case in one transaction with its audit rows; unlike casework, the actor
// is the signed-in user (a quality auditor may have no worker record), and a use case may write several
// records, each audited through `ctx.audit`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AccessRule } from '../access/route-rules.ts';
import type { Role } from '../access/roles.ts';
import type { Audit } from '../audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { todayInEngland } from '../platform/calendar/calendar.ts';
import { apiRoute } from '../platform/http/api.ts';
import { collectForm, type FormField } from '../platform/http/case-form.ts';
import { formErrors } from '../platform/http/forms.ts';

export type Params = Record<string, string>;

/** Who is acting: the signed-in user. */
export interface QaActor {
  userId: string;
  professionalId: string | null;
  roles: readonly Role[];
}

/** What a use case is given besides its input: who acts, the audit to write to (with the transaction), today. */
export interface UseCaseContext {
  actor: QaActor;
  audit: Pick<Audit, 'write'>;
  today: string;
}

export interface QaForm<R> {
  path: string;
  title: string;
  access: AccessRule;
  fields: FormField[] | ((db: Db, params: Params, actor: QaActor) => Promise<FormField[]>);
  /** The values the form starts with (the record's version, for an edit). Throw NOT_FOUND for a missing record. */
  initial?: (db: Db, params: Params, actor: QaActor) => Promise<Record<string, unknown>>;
  intro?: string;
  submitText?: string;
  back: (params: Params) => string;
  submit: (trx: Db, ctx: UseCaseContext, input: Record<string, unknown>) => Promise<R>;
  next: (result: R, params: Params) => string;
  api?: { method: 'POST' | 'PUT'; path: string; summary: string; tag: string; body: z.ZodType; status?: number };
}

const ID = /^[A-Za-z0-9_-]{1,36}$/;

/** Path parameters are record ids: anything else names nothing. */
export function checkedParams(request: FastifyRequest): Params {
  const params = (request.params ?? {}) as Params;
  for (const v of Object.values(params)) if (typeof v !== 'string' || !ID.test(v)) throw new AppError('NOT_FOUND', 'There is no such record');
  return params;
}

export function actorOf(request: FastifyRequest): QaActor {
  const u = request.ctx.user;
  return { userId: u.id, professionalId: u.professionalId, roles: u.roles };
}

/** Runs a use case in a transaction, its audit rows in the same transaction. */
export async function runUseCase<R>(request: FastifyRequest, fn: (trx: Db, ctx: UseCaseContext) => Promise<R>): Promise<R> {
  const db = request.server.services.database.db;
  const actor = actorOf(request);
  return db.transaction().execute(async (trx) => fn(trx as unknown as Db, { actor, audit: request.ctx.audit, today: todayInEngland() }));
}

function dateParts(iso: unknown) {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  return { year: iso.slice(0, 4), month: String(Number(iso.slice(5, 7))), day: String(Number(iso.slice(8, 10))) };
}

export function registerQaForm<R>(app: FastifyInstance, form: QaForm<R>): void {
  const db = () => app.services.database.db;
  const fieldsFor = (params: Params, actor: QaActor) => (typeof form.fields === 'function' ? form.fields(db(), params, actor) : Promise.resolve(form.fields));

  app.get(form.path, { config: { access: form.access } }, async (request, reply) => {
    const params = checkedParams(request);
    const actor = actorOf(request);
    const initial = form.initial ? await form.initial(db(), params, actor) : {};
    const fields = await fieldsFor(params, actor);
    const values: Record<string, unknown> = { ...initial };
    for (const f of fields) if (f.type === 'date') values[`${f.name}Parts`] = dateParts(initial[f.name]);
    return reply.view('platform/http/views/form.njk', { title: form.title, intro: form.intro, submitText: form.submitText, fields, values, action: request.url.split('?')[0], backHref: form.back(params) });
  });

  app.post(form.path, { config: { access: form.access } }, async (request, reply) => {
    const params = checkedParams(request);
    const actor = actorOf(request);
    const fields = await fieldsFor(params, actor);
    const { input, values } = collectForm(fields, (request.body ?? {}) as Record<string, unknown>);
    try {
      const result = await runUseCase(request, (trx, ctx) => form.submit(trx, ctx, { ...input, ...params }));
      return reply.redirect(form.next(result, params), 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'BAD_INPUT' || e.code === 'CONFLICT')) {
        reply.status(e.code === 'CONFLICT' ? 409 : 400);
        return reply.view('platform/http/views/form.njk', { title: form.title, intro: form.intro, submitText: form.submitText, fields, values, action: request.url.split('?')[0], backHref: form.back(params), ...errorsFor(e) });
      }
      throw e;
    }
  });

  if (form.api) {
    const api = form.api;
    apiRoute(app, { method: api.method, path: api.path, summary: api.summary, tag: api.tag, access: form.access, body: api.body, status: api.status ?? 201 }, async (request) => {
      const params = checkedParams(request);
      const body = request.body;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw new AppError('BAD_INPUT', 'The request body must be a JSON object');
      const result = await runUseCase(request, (trx, ctx) => form.submit(trx, ctx, { ...((body ?? {}) as Record<string, unknown>), ...params }));
      return { result };
    });
  }
}

/** The error summary; a stale write says so first, then what changed since. */
function errorsFor(e: AppError) {
  const out = formErrors(e);
  if (e.code === 'CONFLICT' && e.fieldErrors.length) out.errorList.unshift({ text: e.userMessage, href: '#version' });
  return out;
}

/** Reads one live row or throws NOT_FOUND. */
export async function mustFind<T>(row: Promise<T | undefined>, what: string): Promise<T> {
  const r = await row;
  if (!r) throw new AppError('NOT_FOUND', `There is no such ${what}`);
  return r;
}

/** A version posted back by a form or the API. */
export function versionField(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new AppError('BAD_INPUT', 'The form is missing its version; reload the page and try again', { fieldErrors: [{ field: 'version', message: 'Reload the page and try again' }] });
  return n;
}
