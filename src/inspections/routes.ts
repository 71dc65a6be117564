// Inspection history pages and API: every inspection and visit, newest first, and the council's latest
// judgements beside England's distribution.
import type { FastifyInstance } from 'fastify';
import type { FormField } from '../platform/http/case-form.ts';
import { apiRoute } from '../platform/http/api.ts';
import { GRADE_LABELS, GRADE_OPTIONS } from '../quality-assurance/grades.ts';
import { mustFind, registerQaForm } from '../quality-assurance/qa-form.ts';
import { compareWithEngland, createInspection, englandDistribution, INSPECTION_KINDS, INSPECTION_KIND_LABELS, inspectionInput, inspectionUpdateInput, JUDGEMENT_LABELS, listInspections, updateInspection, VISIT_THEMES } from './inspections.ts';

export const INSPECTIONS_VIEW = { can: 'viewAggregates' } as const;
export const INSPECTIONS_EDIT = { roles: ['service_manager', 'quality_auditor', 'performance_analyst'] } as const;

const FIELDS: FormField[] = [
  { name: 'version', label: '', type: 'hidden' },
  { name: 'kind', label: 'Kind', type: 'radios', options: INSPECTION_KINDS.map((k) => ({ value: k, text: INSPECTION_KIND_LABELS[k] })) },
  { name: 'startDate', label: 'First day on site', type: 'date' },
  { name: 'endDate', label: 'Last day on site (optional)', type: 'date' },
  { name: 'publishedOn', label: 'Report or letter published (optional)', type: 'date' },
  { name: 'leadInspector', label: 'Lead inspector (optional)', type: 'text' },
  { name: 'reportUrl', label: 'Web address of the report or letter (optional)', type: 'text' },
  { name: 'themes', label: 'Themes (for a focused or monitoring visit), one a line', type: 'textarea', hint: `Ofsted’s themes include: ${VISIT_THEMES.join('; ')}` },
  { name: 'overallGrade', label: `${JUDGEMENT_LABELS.overall} (graded inspections)`, type: 'select', options: GRADE_OPTIONS },
  { name: 'leadersGrade', label: JUDGEMENT_LABELS.leaders, type: 'select', options: GRADE_OPTIONS },
  { name: 'helpProtectionGrade', label: JUDGEMENT_LABELS.help_protection, type: 'select', options: GRADE_OPTIONS },
  { name: 'childrenInCareGrade', label: JUDGEMENT_LABELS.children_in_care, type: 'select', options: GRADE_OPTIONS },
  { name: 'careLeaversGrade', label: `${JUDGEMENT_LABELS.care_leavers} (judged from 1 January 2023)`, type: 'select', options: GRADE_OPTIONS },
  { name: 'summary', label: 'Summary of findings (optional)', type: 'textarea' },
];

export async function inspectionRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;
  const history = async () => {
    const inspections = await listInspections(db());
    const england = await englandDistribution(db());
    return { inspections, england, comparison: compareWithEngland(inspections, england) };
  };

  app.get('/inspections', { config: { access: INSPECTIONS_VIEW } }, async (request, reply) =>
    reply.view('inspections/views/history.njk', { title: 'Inspection history', ...(await history()), gradeLabels: GRADE_LABELS, judgementLabels: JUDGEMENT_LABELS, canEdit: request.ctx.hasRole(...INSPECTIONS_EDIT.roles) }),
  );
  apiRoute(app, { method: 'GET', path: '/inspections', summary: 'Inspection history (judgements by area, visits with themes) and the council beside England’s distribution of ILACS grades', tag: 'Inspections', access: INSPECTIONS_VIEW }, async () => history());

  registerQaForm(app, {
    path: '/inspections/new',
    title: 'Add an inspection or visit',
    access: INSPECTIONS_EDIT,
    fields: FIELDS.filter((f) => f.name !== 'version'),
    back: () => '/inspections',
    submit: (trx, ctx, input) => createInspection(trx, ctx, input),
    next: () => '/inspections',
    api: { method: 'POST', path: '/inspections', summary: 'Add an inspection (with its judgements) or a visit (with its themes)', tag: 'Inspections', body: inspectionInput },
  });
  registerQaForm(app, {
    path: '/inspections/:inspectionId/edit',
    title: 'Change the inspection or visit',
    access: INSPECTIONS_EDIT,
    initial: async (d, p) => {
      const i = await mustFind(d.selectFrom('inspection').selectAll().where('id', '=', p.inspectionId!).where('deleted_at', 'is', null).executeTakeFirst(), 'inspection');
      return {
        version: i.version, kind: i.kind, startDate: i.start_date, endDate: i.end_date, publishedOn: i.published_on, leadInspector: i.lead_inspector, reportUrl: i.report_url, themes: i.themes.join('\n'), summary: i.summary,
        overallGrade: i.overall_grade, leadersGrade: i.leaders_grade, helpProtectionGrade: i.help_protection_grade, childrenInCareGrade: i.children_in_care_grade, careLeaversGrade: i.care_leavers_grade,
      };
    },
    fields: FIELDS,
    back: () => '/inspections',
    submit: (trx, ctx, input) => updateInspection(trx, ctx, input),
    next: () => '/inspections',
    api: { method: 'PUT', path: '/inspections/:inspectionId', summary: 'Change an inspection or visit (send the version you read)', tag: 'Inspections', body: inspectionUpdateInput, status: 200 },
  });
}
