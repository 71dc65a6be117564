// The improvement plan: areas for improvement (from an inspection, a visit, self-evaluation or audits),
// actions with an owner, a due date and a status, evidence for each action, and red/amber/green.
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId, requiredText } from '../platform/validation.ts';
import { indicatorDefinition } from '../indicators/index.ts';
import { auditTheme } from '../case-file-audits/themes.ts';
import type { UseCaseContext } from '../quality-assurance/qa-form.ts';
import { ACTION_STATUSES, AMBER_DAYS_SETTING, DEFAULT_AMBER_DAYS, RAGS, ragOf, statusOn, worstRag, type ActionStatus, type Rag } from './rag.ts';

export const AREA_SOURCES = ['inspection', 'monitoring_visit', 'focused_visit', 'self_evaluation', 'case_file_audit', 'other'] as const;
export const AREA_SOURCE_LABELS: Record<(typeof AREA_SOURCES)[number], string> = {
  inspection: 'Inspection',
  monitoring_visit: 'Monitoring visit',
  focused_visit: 'Focused visit',
  self_evaluation: 'Self-evaluation',
  case_file_audit: 'Case file audits',
  other: 'Other',
};

const version = z.coerce.number({ error: 'Reload the page and try again' }).int('Reload the page and try again').positive('Reload the page and try again').max(2_000_000_000);
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const areaInput = z.object({
  title: requiredText('the area for improvement', 300),
  description: optionalText(5000),
  source: z.enum(AREA_SOURCES, { error: 'Choose where the area for improvement comes from' }),
  inspectionId: z.preprocess(blankToUndefined, recordId.optional()),
});
export const areaUpdateInput = areaInput.extend({ version });

export const actionInput = z.object({
  description: requiredText('the action', 5000),
  owner: requiredText('who owns the action', 200),
  ownerProfessionalId: z.preprocess(blankToUndefined, recordId.optional()),
  dueDate: isoDate('the due date'),
  status: z.enum(ACTION_STATUSES, { error: 'Choose the status' }),
  completedOn: z.preprocess(blankToUndefined, isoDate('the date it was completed').optional()),
  ragOverride: z.preprocess(blankToUndefined, z.enum(RAGS, { error: 'Choose red, amber or green, or leave it derived' }).optional()),
  ragOverrideReason: optionalText(2000),
});
export const actionUpdateInput = actionInput.extend({ version });

export const evidenceInput = z.object({
  kind: z.enum(['indicator', 'audit_theme', 'document'], { error: 'Choose what kind of evidence this is' }),
  indicatorId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  auditTheme: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  documentRef: optionalText(2000),
  note: optionalText(2000),
});

async function checkInspection(db: Db, id: string | undefined) {
  if (!id) return;
  const row = await db.selectFrom('inspection').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) fieldError('inspectionId', 'Choose an inspection or visit from the list');
}

export async function createArea(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(areaInput, raw);
  await checkInspection(db, input.inspectionId);
  const position = await db.selectFrom('improvement_area').select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('p')).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  const id = newId();
  const row = await db
    .insertInto('improvement_area')
    .values({ id, title: input.title, description: input.description ?? null, source: input.source, inspection_id: input.inspectionId ?? null, position: Number(position.p) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'improvement_area', entityId: id, personId: null, before: null, after: row });
  return { id };
}

export async function updateArea(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string }> {
  const id = parseInput(z.object({ areaId: recordId }), raw).areaId;
  const input = parseInput(areaUpdateInput, raw);
  await checkInspection(db, input.inspectionId);
  const { before, after } = await updateWithVersion(db, 'improvement_area', id, input.version, { title: input.title, description: input.description ?? null, source: input.source, inspection_id: input.inspectionId ?? null });
  await ctx.audit.write(db, { action: 'update', entityType: 'improvement_area', entityId: id, personId: null, before, after });
  return { id };
}

type ActionFields = z.infer<typeof actionInput>;

async function checkAction(db: Db, input: ActionFields, today: string) {
  if (input.status === 'completed' && !input.completedOn) fieldError('completedOn', 'Enter the date the action was completed');
  if (input.status !== 'completed' && input.completedOn) fieldError('completedOn', 'Leave the completion date blank unless the action is completed');
  if (input.completedOn && input.completedOn > today) fieldError('completedOn', 'The date it was completed must be today or in the past');
  if (input.ragOverride && !input.ragOverrideReason) fieldError('ragOverrideReason', 'Say why the red, amber or green is overridden');
  if (!input.ragOverride && input.ragOverrideReason) fieldError('ragOverride', 'Choose the red, amber or green the reason is for, or remove the reason');
  if (input.ownerProfessionalId) {
    const p = await db.selectFrom('professional').select('id').where('id', '=', input.ownerProfessionalId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!p) fieldError('ownerProfessionalId', 'Choose a worker from the list');
  }
}

function actionColumns(input: ActionFields) {
  return {
    description: input.description,
    owner: input.owner,
    owner_professional_id: input.ownerProfessionalId ?? null,
    due_date: input.dueDate,
    status: input.status,
    completed_on: input.status === 'completed' ? (input.completedOn ?? null) : null,
    rag_override: input.ragOverride ?? null,
    rag_override_reason: input.ragOverride ? (input.ragOverrideReason ?? null) : null,
  };
}

export async function createAction(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; areaId: string }> {
  const areaId = parseInput(z.object({ areaId: recordId }), raw).areaId;
  const area = await db.selectFrom('improvement_area').select('id').where('id', '=', areaId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!area) throw new AppError('NOT_FOUND', 'There is no such area for improvement');
  const input = parseInput(actionInput, raw);
  await checkAction(db, input, ctx.today);
  const id = newId();
  const row = await db.insertInto('improvement_action').values({ id, area_id: areaId, ...actionColumns(input) }).returningAll().executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'improvement_action', entityId: id, personId: null, before: null, after: row });
  return { id, areaId };
}

export async function updateAction(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; areaId: string }> {
  const id = parseInput(z.object({ actionId: recordId }), raw).actionId;
  const input = parseInput(actionUpdateInput, raw);
  await checkAction(db, input, ctx.today);
  const { before, after } = await updateWithVersion(db, 'improvement_action', id, input.version, actionColumns(input));
  await ctx.audit.write(db, { action: 'update', entityType: 'improvement_action', entityId: id, personId: null, before, after });
  return { id, areaId: after.area_id };
}

/** A document reference is free text, or a web address; a web address must be http or https. */
export function checkDocumentRef(ref: string): void {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^https?:\/\/[^\s]+$/i.test(ref)) fieldError('documentRef', 'A web address must start with http:// or https://');
}

export async function addEvidence(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string; areaId: string }> {
  const actionId = parseInput(z.object({ actionId: recordId }), raw).actionId;
  const action = await db.selectFrom('improvement_action').select(['id', 'area_id']).where('id', '=', actionId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!action) throw new AppError('NOT_FOUND', 'There is no such action');
  const input = parseInput(evidenceInput, raw);
  const values = { id: newId(), action_id: actionId, kind: input.kind, indicator_id: null as string | null, audit_theme: null as string | null, document_ref: null as string | null, note: input.note ?? null };
  if (input.kind === 'indicator') {
    if (!input.indicatorId || !indicatorDefinition(input.indicatorId)) fieldError('indicatorId', 'Choose an indicator from the list');
    values.indicator_id = input.indicatorId;
  } else if (input.kind === 'audit_theme') {
    if (!input.auditTheme || !auditTheme(input.auditTheme)) fieldError('auditTheme', 'Choose an audit theme from the list');
    values.audit_theme = input.auditTheme;
  } else {
    if (!input.documentRef) fieldError('documentRef', 'Enter the document’s reference or web address');
    checkDocumentRef(input.documentRef);
    values.document_ref = input.documentRef;
  }
  const row = await db.insertInto('improvement_evidence').values(values).returningAll().executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'improvement_evidence', entityId: values.id, personId: null, before: null, after: row });
  return { id: values.id, areaId: action.area_id };
}

// ------------------------------------------------------------------ reading the plan

export async function amberDays(db: Db): Promise<number> {
  const row = await db.selectFrom('council_setting').select('value').where('id', '=', AMBER_DAYS_SETTING).where('deleted_at', 'is', null).executeTakeFirst();
  const v = row?.value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 365 ? v : DEFAULT_AMBER_DAYS;
}

export interface PlanEvidence {
  id: string;
  kind: 'indicator' | 'audit_theme' | 'document';
  indicatorId: string | null;
  auditTheme: string | null;
  documentRef: string | null;
  note: string | null;
}

export interface PlanAction {
  id: string;
  areaId: string;
  description: string;
  owner: string;
  ownerProfessionalId: string | null;
  dueDate: string;
  /** As recorded now. */
  status: ActionStatus;
  /** As it stood on the as-of date. */
  statusOnAsOf: ActionStatus;
  completedOn: string | null;
  rag: Rag;
  derivedRag: Rag;
  overridden: boolean;
  ragOverrideReason: string | null;
  overdue: boolean;
  version: number;
  evidence: PlanEvidence[];
}

export interface PlanArea {
  id: string;
  title: string;
  description: string | null;
  source: string;
  inspectionId: string | null;
  position: number;
  version: number;
  rag: Rag | null;
  actions: PlanAction[];
}

/** The whole plan as it stood on `asOf`, areas in their order, actions by due date. */
export async function loadPlan(db: Db, asOf: string): Promise<{ asOf: string; amberDays: number; areas: PlanArea[] }> {
  const days = await amberDays(db);
  const areas = await db.selectFrom('improvement_area').selectAll().where('deleted_at', 'is', null).orderBy('position').orderBy('created_at').execute();
  const actions = await db.selectFrom('improvement_action').selectAll().where('deleted_at', 'is', null).orderBy('due_date').orderBy('created_at').execute();
  const evidence = await db.selectFrom('improvement_evidence').selectAll().where('deleted_at', 'is', null).orderBy('created_at').execute();
  const evidenceOf = new Map<string, PlanEvidence[]>();
  for (const e of evidence) {
    const list = evidenceOf.get(e.action_id) ?? [];
    list.push({ id: e.id, kind: e.kind as PlanEvidence['kind'], indicatorId: e.indicator_id, auditTheme: e.audit_theme, documentRef: e.document_ref, note: e.note });
    evidenceOf.set(e.action_id, list);
  }
  const planActions: PlanAction[] = actions.map((a) => {
    const input = { dueDate: a.due_date, status: a.status as ActionStatus, completedOn: a.completed_on, ragOverride: (a.rag_override as Rag | null) ?? null };
    const r = ragOf(input, asOf, days);
    const statusOnAsOf = statusOn(input, asOf);
    return {
      id: a.id,
      areaId: a.area_id,
      description: a.description,
      owner: a.owner,
      ownerProfessionalId: a.owner_professional_id,
      dueDate: a.due_date,
      status: a.status as ActionStatus,
      statusOnAsOf,
      completedOn: a.completed_on,
      rag: r.rag,
      derivedRag: r.derived,
      overridden: r.overridden,
      ragOverrideReason: a.rag_override_reason,
      overdue: statusOnAsOf !== 'completed' && a.due_date < asOf,
      version: a.version,
      evidence: evidenceOf.get(a.id) ?? [],
    };
  });
  return {
    asOf,
    amberDays: days,
    areas: areas.map((area) => {
      const own = planActions.filter((a) => a.areaId === area.id);
      return { id: area.id, title: area.title, description: area.description, source: area.source, inspectionId: area.inspection_id, position: area.position, version: area.version, rag: worstRag(own.map((a) => a.rag)), actions: own };
    }),
  };
}
