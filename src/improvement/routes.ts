// The improvement plan's pages and API: the board summary (every area with its actions, red/amber/green
// and evidence, overdue actions first), and forms to add and edit areas, actions and evidence.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { isIsoDate, todayInEngland } from '../platform/calendar/calendar.ts';
import { apiRoute } from '../platform/http/api.ts';
import type { FormField } from '../platform/http/case-form.ts';
import { INDICATORS, indicatorDefinition, computeIndicators } from '../indicators/index.ts';
import { THEME_OPTIONS } from '../case-file-audits/themes.ts';
import { mustFind, registerQaForm } from '../quality-assurance/qa-form.ts';
import { INSPECTION_KIND_LABELS, type InspectionKind } from '../inspections/inspections.ts';
import { ACTION_STATUSES, ACTION_STATUS_LABELS, RAGS, RAG_LABELS } from './rag.ts';
import { actionInput, actionUpdateInput, addEvidence, areaInput, areaUpdateInput, AREA_SOURCES, AREA_SOURCE_LABELS, createAction, createArea, evidenceInput, loadPlan, updateAction, updateArea } from './plan.ts';
import { improvementPlanSummary } from './summary.ts';

export const IMPROVEMENT_VIEW = { can: 'viewAggregates' } as const;
export const IMPROVEMENT_EDIT = { roles: ['service_manager', 'quality_auditor', 'performance_analyst'] } as const;

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, text: labels[k] }));

export function asOfFrom(request: FastifyRequest): string {
  const asOf = (request.query as { asOf?: unknown } | undefined)?.asOf;
  if (asOf === undefined || asOf === '') return todayInEngland();
  if (typeof asOf !== 'string' || !isIsoDate(asOf)) throw new AppError('BAD_INPUT', 'The as-of date must be a real date written YYYY-MM-DD');
  return asOf;
}

async function inspectionOptions(db: Db) {
  const rows = await db.selectFrom('inspection').select(['id', 'kind', 'start_date']).where('deleted_at', 'is', null).orderBy('start_date', 'desc').execute();
  return rows.map((r) => ({ value: r.id, text: `${INSPECTION_KIND_LABELS[r.kind as InspectionKind] ?? r.kind}, ${r.start_date}` }));
}

async function workerOptions(db: Db) {
  const rows = await db.selectFrom('professional').select(['id', 'name']).where('deleted_at', 'is', null).where('end_date', 'is', null).orderBy('name').limit(2000).execute();
  return rows.map((r) => ({ value: r.id, text: r.name }));
}

async function areaFields(db: Db): Promise<FormField[]> {
  return [
    { name: 'version', label: '', type: 'hidden' },
    { name: 'title', label: 'Area for improvement', type: 'textarea', hint: 'As the inspection report or self-evaluation words it' },
    { name: 'description', label: 'More detail (optional)', type: 'textarea' },
    { name: 'source', label: 'Where it comes from', type: 'radios', options: opts(AREA_SOURCES, AREA_SOURCE_LABELS) },
    { name: 'inspectionId', label: 'The inspection or visit (optional)', type: 'select', options: await inspectionOptions(db) },
  ];
}

async function actionFields(db: Db): Promise<FormField[]> {
  return [
    { name: 'version', label: '', type: 'hidden' },
    { name: 'description', label: 'Action', type: 'textarea' },
    { name: 'owner', label: 'Owner', type: 'text', hint: 'A named post or person, for example Head of Service, Front Door' },
    { name: 'ownerProfessionalId', label: 'Owner’s worker record (optional)', type: 'select', options: await workerOptions(db) },
    { name: 'dueDate', label: 'Due date', type: 'date' },
    { name: 'status', label: 'Status', type: 'radios', options: opts(ACTION_STATUSES, ACTION_STATUS_LABELS) },
    { name: 'completedOn', label: 'Date completed (when completed)', type: 'date' },
    { name: 'ragOverride', label: 'Red, amber or green', type: 'radios', hint: 'Leave it derived unless there is a reason: red when overdue, amber when due within the amber window, else green', options: [{ value: '', text: 'Derived from the due date and status' }, ...opts(RAGS, RAG_LABELS)] },
    { name: 'ragOverrideReason', label: 'Why it is overridden (when it is)', type: 'textarea' },
  ];
}

const EVIDENCE_FIELDS: FormField[] = [
  { name: 'kind', label: 'Kind of evidence', type: 'radios', options: [{ value: 'indicator', text: 'An indicator' }, { value: 'audit_theme', text: 'A case file audit theme' }, { value: 'document', text: 'A document (reference or web address)' }] },
  { name: 'indicatorId', label: 'Indicator (for an indicator)', type: 'select', options: INDICATORS.map((d) => ({ value: d.id, text: d.title })) },
  { name: 'auditTheme', label: 'Audit theme (for a theme)', type: 'select', options: THEME_OPTIONS },
  { name: 'documentRef', label: 'Document reference or web address (for a document)', type: 'text' },
  { name: 'note', label: 'What it shows (optional)', type: 'textarea' },
];

export async function improvementRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/improvement-plan', { config: { access: IMPROVEMENT_VIEW } }, async (request, reply) => {
    const asOf = asOfFrom(request);
    const [plan, summary] = [await loadPlan(db(), asOf), await improvementPlanSummary(db(), asOf)];
    const indicatorIds = [...new Set(plan.areas.flatMap((a) => a.actions.flatMap((x) => x.evidence.map((e) => e.indicatorId))).filter((id): id is string => !!id && !!indicatorDefinition(id)))];
    const values = indicatorIds.length ? (await computeIndicators(db(), asOf, { ids: indicatorIds, withMembers: false })).indicators : [];
    return reply.view('improvement/views/plan.njk', {
      title: 'Improvement plan',
      plan,
      summary,
      canEdit: request.ctx.hasRole(...IMPROVEMENT_EDIT.roles),
      indicatorOf: Object.fromEntries(values.map((v) => [v.id, v])),
      themeLabel: Object.fromEntries(THEME_OPTIONS.map((t) => [t.value, t.text])),
      sourceLabels: AREA_SOURCE_LABELS,
      statusLabels: ACTION_STATUS_LABELS,
    });
  });
  apiRoute(app, { method: 'GET', path: '/improvement-plan', summary: 'The improvement plan’s board summary as at a date: areas, action counts by status and RAG, overdue actions', tag: 'Improvement plan', access: IMPROVEMENT_VIEW, query: z.object({ asOf: z.string().optional() }) }, async (request) => improvementPlanSummary(db(), asOfFrom(request)));
  apiRoute(app, { method: 'GET', path: '/improvement-plan/areas', summary: 'Every area for improvement with its actions, evidence and RAG as at a date', tag: 'Improvement plan', access: IMPROVEMENT_VIEW, query: z.object({ asOf: z.string().optional() }) }, async (request) => loadPlan(db(), asOfFrom(request)));

  registerQaForm(app, {
    path: '/improvement-plan/areas/new',
    title: 'Add an area for improvement',
    access: IMPROVEMENT_EDIT,
    fields: async (d) => (await areaFields(d)).filter((f) => f.name !== 'version'),
    back: () => '/improvement-plan',
    submit: (trx, ctx, input) => createArea(trx, ctx, input),
    next: (r) => `/improvement-plan#area-${r.id}`,
    api: { method: 'POST', path: '/improvement-plan/areas', summary: 'Add an area for improvement', tag: 'Improvement plan', body: areaInput },
  });
  registerQaForm(app, {
    path: '/improvement-plan/areas/:areaId/edit',
    title: 'Change the area for improvement',
    access: IMPROVEMENT_EDIT,
    initial: async (d, p) => {
      const a = await mustFind(d.selectFrom('improvement_area').selectAll().where('id', '=', p.areaId!).where('deleted_at', 'is', null).executeTakeFirst(), 'area for improvement');
      return { version: a.version, title: a.title, description: a.description, source: a.source, inspectionId: a.inspection_id };
    },
    fields: (d) => areaFields(d),
    back: () => '/improvement-plan',
    submit: (trx, ctx, input) => updateArea(trx, ctx, input),
    next: (r) => `/improvement-plan#area-${r.id}`,
    api: { method: 'PUT', path: '/improvement-plan/areas/:areaId', summary: 'Change an area for improvement (send the version you read)', tag: 'Improvement plan', body: areaUpdateInput, status: 200 },
  });
  registerQaForm(app, {
    path: '/improvement-plan/areas/:areaId/actions/new',
    title: 'Add an action',
    access: IMPROVEMENT_EDIT,
    initial: async (d, p) => {
      await mustFind(d.selectFrom('improvement_area').select('id').where('id', '=', p.areaId!).where('deleted_at', 'is', null).executeTakeFirst(), 'area for improvement');
      return { status: 'not_started', ragOverride: '' };
    },
    fields: async (d) => (await actionFields(d)).filter((f) => f.name !== 'version'),
    back: (p) => `/improvement-plan#area-${p.areaId}`,
    submit: (trx, ctx, input) => createAction(trx, ctx, input),
    next: (r) => `/improvement-plan#area-${r.areaId}`,
    api: { method: 'POST', path: '/improvement-plan/areas/:areaId/actions', summary: 'Add an action to an area for improvement', tag: 'Improvement plan', body: actionInput },
  });
  registerQaForm(app, {
    path: '/improvement-plan/actions/:actionId/edit',
    title: 'Update the action',
    access: IMPROVEMENT_EDIT,
    initial: async (d, p) => {
      const a = await mustFind(d.selectFrom('improvement_action').selectAll().where('id', '=', p.actionId!).where('deleted_at', 'is', null).executeTakeFirst(), 'action');
      return { version: a.version, description: a.description, owner: a.owner, ownerProfessionalId: a.owner_professional_id, dueDate: a.due_date, status: a.status, completedOn: a.completed_on, ragOverride: a.rag_override ?? '', ragOverrideReason: a.rag_override_reason };
    },
    fields: (d) => actionFields(d),
    back: () => '/improvement-plan',
    submit: (trx, ctx, input) => updateAction(trx, ctx, input),
    next: (r) => `/improvement-plan#area-${r.areaId}`,
    api: { method: 'PUT', path: '/improvement-plan/actions/:actionId', summary: 'Update an action: status, due date, owner, RAG override with a reason (send the version you read)', tag: 'Improvement plan', body: actionUpdateInput, status: 200 },
  });
  registerQaForm(app, {
    path: '/improvement-plan/actions/:actionId/evidence/new',
    title: 'Add evidence',
    access: IMPROVEMENT_EDIT,
    initial: async (d, p) => {
      await mustFind(d.selectFrom('improvement_action').select('id').where('id', '=', p.actionId!).where('deleted_at', 'is', null).executeTakeFirst(), 'action');
      return {};
    },
    fields: EVIDENCE_FIELDS,
    back: () => '/improvement-plan',
    submit: (trx, ctx, input) => addEvidence(trx, ctx, input),
    next: (r) => `/improvement-plan#area-${r.areaId}`,
    api: { method: 'POST', path: '/improvement-plan/actions/:actionId/evidence', summary: 'Add evidence to an action: an indicator id, an audit theme, or a document reference or URL', tag: 'Improvement plan', body: evidenceInput },
  });
}

