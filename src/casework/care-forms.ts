// Children in care and care leavers: the forms and API operations (src/platform/http/case-form.ts).
import type { FastifyInstance } from 'fastify';
import { registerCaseForm, YES_NO, type FormField } from '../platform/http/case-form.ts';
import { CARE_CEASED_REASONS, LEGAL_STATUS, PLACEMENT_CHANGE_REASONS, PLACEMENT_PROVIDERS, PLACEMENT_TYPES, PRIMARY_NEED, REVIEW_PARTICIPATION, codeOptions } from '../platform/codes.ts';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { ceaseCare, ceaseCareInput, changeLegalStatus, changeLegalStatusInput, movePlacement, movePlacementInput, startCareInput, startPeriodOfCare } from '../care/period-of-care.ts';
import { VISIT_REGIMES } from '../platform/codes.ts';
import {
  claReviewInput, healthCheckInput, missingInput, paContactInput, pathwayPlanInput, pepInput, permanencePlanInput,
  recordClaReview, recordHealthCheck, recordMissingEpisode, recordPaContact, recordPathwayPlan, recordPep, recordPermanencePlan,
} from '../care/care-records.ts';

const CASEWORKERS = ['social_worker', 'team_manager', 'service_manager', 'personal_adviser'] as const;
const child = (p: Record<string, string>) => `/children/${p.childId}`;
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, text]) => ({ value, text }));
const dateField = (name: string, label: string): FormField => ({ name, label, type: 'date' });

const placementFields: FormField[] = [
  // The 2025/26 codes only: H5, P2 and Z1 are refused for a new placement (src/care/period-of-care.ts).
  { name: 'placementType', label: 'Placement type', type: 'select', options: codeOptions(PLACEMENT_TYPES), hint: 'SSDA903 codes from 2025/26: K3 replaced H5 (semi-independent living), and Z11 to Z14 replaced Z1 (other placements)' },
  { name: 'provider', label: 'Placement provider', type: 'select', options: codeOptions(PLACEMENT_PROVIDERS) },
  { name: 'providerName', label: 'Provider or carer (optional)', type: 'text' },
  { name: 'urn', label: 'Ofsted URN', type: 'text', hint: 'SC and 6 digits, or XXXXXXX if the placement has none', classes: 'govuk-input--width-10' },
  { name: 'postcode', label: 'Placement postcode', type: 'text', classes: 'govuk-input--width-10' },
  { name: 'distanceMiles', label: 'Distance from home (miles)', type: 'text', classes: 'govuk-input--width-5' },
  { name: 'inArea', label: 'Inside the council’s area?', type: 'radios', options: YES_NO, inline: true },
];

/** The placement fields with the council's foster households (approved, not deregistered) to choose from, and the reg 28 variants. */
async function placementFormFields(db: Db): Promise<FormField[]> {
  const households = await db.selectFrom('foster_household').select(['id', 'name']).where('deleted_at', 'is', null).where('deregistered_date', 'is', null).orderBy('name').execute();
  return [
    ...placementFields,
    { name: 'fosterHouseholdId', label: 'One of our foster households (optional)', type: 'select', hint: 'For a foster placement with the council’s own carers', options: households.map((h) => ({ value: h.id, text: h.name })) },
    { name: 'visitRegime', label: 'Visiting rule (regulation 28)', type: 'radios', options: [{ value: '', text: 'Standard: within 7 days, then every 6 weeks (3 months after the first year of a long-term foster placement)' }, ...opts(VISIT_REGIMES)] },
  ];
}

async function openPeriod(db: Db, childId: string | undefined) {
  const p = childId && (await db.selectFrom('period_of_care').select(['id', 'version']).where('person_id', '=', childId).where('end_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst());
  if (!p) throw new AppError('CONFLICT', 'The child is not looked after');
  return p;
}

export async function careForms(app: FastifyInstance) {
  registerCaseForm(app, {
    path: '/children/:childId/care/new',
    title: 'The child becomes looked after',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: async (db) => [
      dateField('startDate', 'Date the child became looked after'),
      { name: 'legalStatus', label: 'Legal status', type: 'select', options: codeOptions(LEGAL_STATUS) },
      { name: 'primaryNeedCode', label: 'Category of need', type: 'select', options: codeOptions(PRIMARY_NEED) },
      { name: 'homePostcode', label: 'Home postcode', type: 'text', classes: 'govuk-input--width-10' },
      ...(await placementFormFields(db)),
      { name: 'carePlan', label: 'Care plan (optional)', type: 'textarea' },
    ],
    submit: (trx, actor, input, today) => startPeriodOfCare(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'period_of_care', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/periods-of-care', summary: 'The child becomes looked after (period of care, legal status, first placement)', tag: 'Children in care', body: startCareInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/care/move',
    title: 'Record a placement move',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ periodOfCareId: (await openPeriod(db, p.childId)).id }),
    fields: async (db) => [{ name: 'periodOfCareId', label: '', type: 'hidden' }, dateField('moveDate', 'Date of the move'), { name: 'changeReason', label: 'Why the placement changed', type: 'select', options: codeOptions(PLACEMENT_CHANGE_REASONS) }, ...(await placementFormFields(db))],
    submit: (trx, actor, input, today) => movePlacement(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'placement', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/placements', summary: 'A placement move (the current placement ends with its reason)', tag: 'Children in care', body: movePlacementInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/care/legal-status',
    title: 'Record a change of legal status',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (db, p) => ({ periodOfCareId: (await openPeriod(db, p.childId)).id }),
    fields: [{ name: 'periodOfCareId', label: '', type: 'hidden' }, dateField('startDate', 'Date of the change'), { name: 'legalStatus', label: 'New legal status', type: 'select', options: codeOptions(LEGAL_STATUS) }],
    submit: (trx, actor, input, today) => changeLegalStatus(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'legal_status', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/legal-statuses', summary: 'A change of legal status', tag: 'Children in care', body: changeLegalStatusInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/care/cease',
    title: 'The child stops being looked after',
    access: { roles: ['team_manager', 'service_manager'], childRecord: true },
    initial: async (db, p) => {
      const period = await openPeriod(db, p.childId);
      return { periodOfCareId: period.id, version: period.version };
    },
    fields: [{ name: 'periodOfCareId', label: '', type: 'hidden' }, { name: 'version', label: '', type: 'hidden' }, dateField('endDate', 'Date care ended'), { name: 'endReason', label: 'Why care ended', type: 'select', options: codeOptions(CARE_CEASED_REASONS) }],
    submit: (trx, actor, input, today) => ceaseCare(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'period_of_care', id: (_r, i) => String(i.periodOfCareId), action: 'update' },
    api: { method: 'POST', path: '/children/:childId/periods-of-care/:periodOfCareId/cease', summary: 'Care ends, with the 903 reason', tag: 'Children in care', body: ceaseCareInput.omit({ periodOfCareId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/care/reviews/new',
    title: 'Record a looked-after review',
    access: { roles: ['iro', 'team_manager', 'service_manager'], childRecord: true },
    fields: [dateField('reviewDate', 'Date of the review'), { name: 'participation', label: 'How the child took part', type: 'select', options: codeOptions(REVIEW_PARTICIPATION) }, { name: 'permanencePlanReviewed', label: 'Was the permanence plan reviewed?', type: 'radios', options: YES_NO, inline: true }],
    submit: (trx, actor, input, today) => recordClaReview(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'cla_review', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/cla-reviews', summary: 'Record a looked-after review', tag: 'Children in care', body: claReviewInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/health/new',
    title: 'Record a health or dental check',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [
      { name: 'checkType', label: 'Kind of check', type: 'radios', options: opts({ initial_health_assessment: 'Initial health assessment', review_health_assessment: 'Review health assessment', dental: 'Dental check', optician: 'Optician' }) },
      dateField('checkDate', 'Date of the check'),
      { name: 'status', label: 'Outcome (optional)', type: 'text' },
    ],
    submit: (trx, actor, input, today) => recordHealthCheck(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'health_check', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/health-checks', summary: 'Record a health assessment or dental check', tag: 'Children in care', body: healthCheckInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/pep/new',
    title: 'Record a personal education plan',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('pepDate', 'Date of the PEP'), { name: 'school', label: 'School (optional)', type: 'text' }, { name: 'quality', label: 'Quality (optional)', type: 'radios', options: opts({ good: 'Good', requires_improvement: 'Requires improvement', inadequate: 'Inadequate' }) }],
    submit: (trx, actor, input, today) => recordPep(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'pep', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/peps', summary: 'Record a personal education plan', tag: 'Children in care', body: pepInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/missing/new',
    title: 'Record a missing or away episode',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [
      { name: 'episodeType', label: 'Kind of episode', type: 'radios', options: opts({ MISSING: 'Missing', AWAY: 'Away from placement without authorisation' }) },
      dateField('startDate', 'Date the episode started'),
      dateField('endDate', 'Date the child returned (if they have)'),
      { name: 'rhiOffered', label: 'Was a return-home interview offered?', type: 'radios', options: YES_NO, inline: true },
      { name: 'rhiAccepted', label: 'Was it accepted?', type: 'radios', options: YES_NO, inline: true },
    ],
    submit: (trx, actor, input, today) => recordMissingEpisode(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'missing_episode', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/missing-episodes', summary: 'Record a missing or away episode and the return-home interview', tag: 'Children in care', body: missingInput },
  });

  registerCaseForm(app, {
    path: '/children/:childId/permanence/new',
    title: 'Record the permanence plan',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [
      dateField('startDate', 'Date of the plan'),
      { name: 'plan', label: 'Plan', type: 'radios', options: opts({ RETURN1M: 'Return home within a month', RETURN6M: 'Return home within six months', RETURNEV: 'Return home eventually', ADOPTION: 'Adoption', LTRELFR: 'Long-term care with relatives or friends (SGO/CAO)', LTFOST18: 'Long-term fostering to 18', RESPLMT: 'Residential placement', SUPPLIV: 'Supported living as an adult', REMAINSUP: 'Remain at home with support', OTHERPLN: 'Other' }) },
    ],
    submit: (trx, actor, input, today) => recordPermanencePlan(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'permanence_plan', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/permanence-plans', summary: 'Record the permanence plan (replaces the current one)', tag: 'Children in care', body: permanencePlanInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/pathway-plans/new',
    title: 'Record a pathway plan',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('planDate', 'Date of the plan or review'), { name: 'isReview', label: 'Is this a review of an existing plan?', type: 'radios', options: YES_NO, inline: true }],
    submit: (trx, actor, input, today) => recordPathwayPlan(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'pathway_plan', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/pathway-plans', summary: 'Record a pathway plan or its review', tag: 'Care leavers', body: pathwayPlanInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/pa-contacts/new',
    title: 'Record personal adviser contact',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('contactDate', 'Date of the contact'), { name: 'method', label: 'How', type: 'radios', options: opts({ in_person: 'In person', phone: 'Phone', video: 'Video call', message: 'Message' }) }],
    submit: (trx, actor, input, today) => recordPaContact(trx, actor, input, today),
    next: (_r, p) => child(p),
    audit: { table: 'pa_contact', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/pa-contacts', summary: 'Record contact by the personal adviser', tag: 'Care leavers', body: paContactInput.omit({ childId: true }) },
  });
}
