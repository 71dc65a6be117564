// Children in care: the adoption tracker, placement sufficiency with the council's foster households, and
// the care-leaver records (needs assessment, circumstances, support to 25), as pages and JSON API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiRoute } from '../platform/http/api.ts';
import { registerCaseForm, YES_NO, type FormField } from '../platform/http/case-form.ts';
import { addYears, todayInEngland } from '../platform/calendar/calendar.ts';
import { ALL_PLACEMENT_TYPES, codeOptions, PLACEMENT_PROVIDERS } from '../platform/codes.ts';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { isoDate, parseInput, recordId } from '../platform/validation.ts';
import { ADOPTION_STEPS, adoptionJourneys, adoptionStage, adoptionStepFields, adoptionTimeliness, ENGLAND_ADOPTION_TIMES, recordAdoptionStep } from './adoption.ts';
import { ADOPTION_REVERSAL_REASONS, CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH, FOSTER_APPROVAL_TYPES } from '../platform/codes.ts';
import { circumstancesFields, needsAssessmentInput, recordCareLeaverCircumstances, recordNeedsAssessment, recordSupportRequest, supportRequestInput } from './care-leavers.ts';
import { endVisitRegime, endVisitRegimeInput } from './period-of-care.ts';
import { currentPlacements, flaggedPlacements, fosterHouseholdFields, fosterHouseholds, saveFosterHousehold, sufficiencySummary } from './sufficiency.ts';

const CASEWORKERS = ['social_worker', 'team_manager', 'service_manager', 'personal_adviser'] as const;
const LEADERS = ['service_manager', 'team_manager', 'performance_analyst'] as const;
const MANAGERS = ['team_manager', 'service_manager'] as const;
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, text]) => ({ value, text }));
const dateField = (name: string, label: string, hint?: string): FormField => ({ name, label, type: 'date', ...(hint ? { hint } : {}) });
const toChild = (_r: unknown, p: Record<string, string>) => `/children/${p.childId}`;
const asOfQuery = z.object({ asOf: isoDate('the as-of date (YYYY-MM-DD)').optional().or(z.literal('').transform(() => undefined)) });

/** Children's names for the ids the user may see (the rest are left out), audited as a list. */
async function visibleNames(request: FastifyRequest, ids: string[], what: string): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const db = request.server.services.database.db;
  const rows = await db.selectFrom('person').select(['id', 'forename', 'surname']).where('id', 'in', ids).where('id', 'in', request.ctx.children.visibleIds()).execute();
  await request.ctx.audit.list(what, rows.map((r) => r.id));
  return new Map(rows.map((r) => [r.id, `${r.forename ?? ''} ${r.surname ?? ''}`.trim() || r.id]));
}

/** Analysts see aggregates only; managers also the children they may see. */
const mayListChildren = (request: FastifyRequest) => request.ctx.hasRole('team_manager', 'service_manager');

// ------------------------------------------------------------------------------ adoption

/** A journey as known on `asOf`: steps dated after it are not yet known. */
function asAt<J extends Record<string, unknown>>(j: J, asOf: string): J {
  return Object.fromEntries(Object.entries(j).map(([k, v]) => [k, k.endsWith('_date') && typeof v === 'string' && v > asOf ? null : v])) as J;
}

async function childAdoption(db: Db, childId: string, asOf: string) {
  const journeys = (await adoptionJourneys(db, childId)).map((j) => asAt(j, asOf));
  return { asOf, journeys: journeys.map((j) => ({ ...j, stage: adoptionStage(j), reversalReasonText: j.decision_reversed_reason ? (ADOPTION_REVERSAL_REASONS as Record<string, string>)[j.decision_reversed_reason] ?? j.decision_reversed_reason : null, ...adoptionTimeliness(j, asOf) })) };
}

/** Every adoption journey open at `asOf` or closed in the 12 months to it (Annex A List 10's cohort). */
async function adoptionTracker(request: FastifyRequest, asOf: string) {
  const db = request.server.services.database.db;
  const yearAgo = addYears(asOf, -1);
  const rows = await db
    .selectFrom('adoption')
    .select('person_id')
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('adm_decision_date', 'is not', null), eb('ffa_decision_date', 'is not', null)]))
    .where((eb) => eb.or([eb('adm_decision_date', '<=', asOf), eb('ffa_decision_date', '<=', asOf)]))
    .where((eb) => eb.and([eb.or([eb('order_date', 'is', null), eb('order_date', '>', yearAgo)]), eb.or([eb('decision_reversed_date', 'is', null), eb('decision_reversed_date', '>', yearAgo)])]))
    .execute();
  const childIds = [...new Set(rows.map((r) => r.person_id))];
  const all = (await Promise.all(childIds.map(async (id) => (await childAdoption(db, id, asOf)).journeys.filter((j) => j.adm_decision_date !== null || j.ffa_decision_date !== null).map((j) => ({ ...j, childId: id }))))).flat();
  const stages = new Map<string, number>();
  for (const j of all) stages.set(j.stage, (stages.get(j.stage) ?? 0) + 1);
  const againstEngland = ENGLAND_ADOPTION_TIMES.map((e) => {
    const done = all.map((j) => j.againstEngland.find((a) => a.id === e.id)!).filter((a) => a.to !== null && a.days !== null);
    return {
      id: e.id,
      label: e.label,
      england: e.england,
      children: done.length,
      averageDays: done.length ? Math.round(done.reduce((n, a) => n + a.days!, 0) / done.length) : null,
      quicker: done.filter((a) => a.verdict === 'quicker').length,
      waitingPastEngland: all.filter((j) => j.againstEngland.find((a) => a.id === e.id)!.waiting && j.againstEngland.find((a) => a.id === e.id)!.verdict === 'slower').length,
    };
  });
  const names = mayListChildren(request) ? await visibleNames(request, childIds, 'adoption tracker') : new Map<string, string>();
  const children = all.filter((j) => names.has(j.childId)).map((j) => ({ ...j, name: names.get(j.childId)! }));
  return { asOf, journeys: all.length, byStage: [...stages].map(([stage, count]) => ({ stage, count })), againstEngland, children: mayListChildren(request) ? children : undefined };
}

// ------------------------------------------------------------------------------ sufficiency

async function sufficiencyPage(request: FastifyRequest, asOf: string) {
  const db = request.server.services.database.db;
  const summary = await sufficiencySummary(db, asOf);
  if (!mayListChildren(request)) return { ...summary, flagged: undefined };
  const flagged = flaggedPlacements(await currentPlacements(db, asOf));
  const names = await visibleNames(request, [...flagged.unregistered, ...flagged.distantOutOfArea].map((p) => p.personId), 'placement sufficiency');
  const withNames = (list: typeof flagged.unregistered) =>
    list.filter((p) => names.has(p.personId)).map((p) => ({ childId: p.personId, name: names.get(p.personId)!, startDate: p.startDate, placementType: p.placementType, provider: p.provider, providerName: p.providerName, distanceMiles: p.distanceMiles }));
  return { ...summary, flagged: { unregistered: withNames(flagged.unregistered), distantOutOfArea: withNames(flagged.distantOutOfArea) } };
}

function asOfFrom(request: FastifyRequest): string {
  return parseInput(asOfQuery, request.query ?? {}).asOf ?? todayInEngland();
}

export async function careRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  // ---------------------------------------------------------------- adoption pages and API
  app.get('/children/:childId/adoption', { config: { access: 'childRecord', auditWhat: 'adoption' } }, async (request, reply) => {
    const { childId } = request.params as { childId: string };
    const person = await db().selectFrom('person').select(['forename', 'surname']).where('id', '=', childId).executeTakeFirstOrThrow();
    return reply.view('care/views/adoption.njk', { title: 'Adoption', childId, name: `${person.forename ?? ''} ${person.surname ?? ''}`.trim(), ...(await childAdoption(db(), childId, todayInEngland())), steps: ADOPTION_STEPS });
  });
  apiRoute(app, { method: 'GET', path: '/children/:childId/adoption', summary: 'The child’s adoption journeys: each step’s date, the time between steps and against England', tag: 'Permanence', access: 'childRecord', auditWhat: 'adoption' }, async (request) =>
    childAdoption(db(), (request.params as { childId: string }).childId, todayInEngland()),
  );

  registerCaseForm(app, {
    path: '/children/:childId/adoption/steps/new',
    title: 'Record a step in the adoption plan',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [
      { name: 'step', label: 'Step', type: 'radios', options: opts(ADOPTION_STEPS) },
      dateField('date', 'Date of the step'),
      { name: 'reversalReason', label: 'If the decision was reversed: why', type: 'radios', options: codeOptions(ADOPTION_REVERSAL_REASONS) },
    ],
    submit: (trx, actor, input, today) => recordAdoptionStep(trx, actor, input, today),
    next: (_r, p) => `/children/${p.childId}/adoption`,
    audit: { table: 'adoption', id: (r) => r, action: 'update' },
    api: { method: 'POST', path: '/children/:childId/adoption-steps', summary: 'Record a step of the adoption plan (in order, each once)', tag: 'Permanence', body: adoptionStepFields.omit({ childId: true }) },
  });

  app.get('/adoption', { config: { access: { roles: LEADERS } } }, async (request, reply) => {
    const tracker = await adoptionTracker(request, asOfFrom(request));
    return reply.view('care/views/adoption-tracker.njk', { title: 'Adoption tracker', t: tracker });
  });
  apiRoute(app, { method: 'GET', path: '/adoption', summary: 'The adoption tracker: journeys by stage, time against England; children listed for managers only', tag: 'Permanence', access: { roles: LEADERS }, query: asOfQuery }, async (request) =>
    adoptionTracker(request, asOfFrom(request)),
  );

  // ---------------------------------------------------------------- placement sufficiency
  app.get('/sufficiency', { config: { access: { roles: LEADERS } } }, async (request, reply) => {
    const s = await sufficiencyPage(request, asOfFrom(request));
    return reply.view('care/views/sufficiency.njk', { title: 'Placement sufficiency', s, types: ALL_PLACEMENT_TYPES, providers: PLACEMENT_PROVIDERS, mayEdit: request.ctx.hasRole(...MANAGERS) });
  });
  apiRoute(app, { method: 'GET', path: '/sufficiency', summary: 'Placement sufficiency as at a date: by type and provider, foster capacity, distance, moves, unregistered provision', tag: 'Children in care', access: { roles: LEADERS }, query: asOfQuery }, async (request) =>
    sufficiencyPage(request, asOfFrom(request)),
  );

  app.get('/sufficiency/foster-households', { config: { access: { roles: LEADERS } } }, async (request, reply) => {
    const households = await fosterHouseholds(db(), todayInEngland());
    return reply.view('care/views/foster-households.njk', { title: 'Our foster households', households, approvalTypes: FOSTER_APPROVAL_TYPES, mayEdit: request.ctx.hasRole(...MANAGERS) });
  });
  apiRoute(app, { method: 'GET', path: '/foster-households', summary: 'The council’s foster households: approved places, children placed now, vacancies', tag: 'Children in care', access: { roles: LEADERS } }, async () => ({
    households: await fosterHouseholds(db(), todayInEngland()),
  }));

  const householdFields: FormField[] = [
    { name: 'householdId', label: '', type: 'hidden' },
    { name: 'version', label: '', type: 'hidden' },
    { name: 'name', label: 'Household name', type: 'text', hint: 'How the fostering service knows the household, for example “The Ahmeds (Kirkby)”' },
    { name: 'approvalType', label: 'Kind of approval', type: 'radios', options: opts(FOSTER_APPROVAL_TYPES) },
    { name: 'approvedPlaces', label: 'Approved places', type: 'text', classes: 'govuk-input--width-3' },
    dateField('approvedDate', 'Date approved'),
    { name: 'onHold', label: 'On hold (approved, not taking placements)?', type: 'radios', options: YES_NO, inline: true },
    dateField('deregisteredDate', 'Date the household stopped fostering (if it has)'),
    { name: 'postcode', label: 'Postcode (optional)', type: 'text', classes: 'govuk-input--width-10' },
  ];
  registerCaseForm(app, {
    path: '/sufficiency/foster-households/new',
    title: 'Add a foster household',
    access: { roles: MANAGERS },
    fields: householdFields,
    submit: (trx, actor, input, today) => saveFosterHousehold(trx, actor, input, today),
    next: () => '/sufficiency/foster-households',
    audit: { table: 'foster_household', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/foster-households', summary: 'Add one of the council’s foster households', tag: 'Children in care', body: fosterHouseholdFields.omit({ householdId: true, version: true }) },
  });
  registerCaseForm(app, {
    path: '/sufficiency/foster-households/:householdId/edit',
    title: 'Change a foster household',
    access: { roles: MANAGERS },
    initial: async (d, p) => {
      const id = parseInput(z.object({ householdId: recordId }), p).householdId;
      const h = await d.selectFrom('foster_household').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      if (!h) throw new AppError('NOT_FOUND', 'No such foster household');
      return { householdId: h.id, version: h.version, name: h.name, approvalType: h.approval_type, approvedPlaces: h.approved_places, approvedDate: h.approved_date, onHold: h.on_hold ? 'yes' : 'no', deregisteredDate: h.deregistered_date, postcode: h.postcode };
    },
    fields: householdFields,
    submit: (trx, actor, input, today) => saveFosterHousehold(trx, actor, input, today),
    next: () => '/sufficiency/foster-households',
    audit: { table: 'foster_household', id: (r, i) => (typeof r === 'string' ? r : String(i.householdId)), action: 'update' },
    api: { method: 'PUT', path: '/foster-households/:householdId', summary: 'Change one of the council’s foster households (send its version)', tag: 'Children in care', body: fosterHouseholdFields.omit({ householdId: true }), status: 200 },
  });

  // ---------------------------------------------------------------- placements: the reg 28 variant ends
  registerCaseForm(app, {
    path: '/children/:childId/care/visit-rule/end',
    title: 'The special visiting rule stops applying',
    intro: 'For example, the connected person has been approved as a foster carer, or the assessment of the parent is complete. From this date the standard visit intervals apply.',
    access: { roles: CASEWORKERS, childRecord: true },
    initial: async (d, p) => {
      const period = await d.selectFrom('period_of_care').select('id').where('person_id', '=', p.childId ?? '').where('end_date', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
      if (!period) throw new AppError('CONFLICT', 'The child is not looked after');
      return { periodOfCareId: period.id };
    },
    fields: [{ name: 'periodOfCareId', label: '', type: 'hidden' }, dateField('endDate', 'Date the rule stopped applying')],
    submit: (trx, actor, input, today) => endVisitRegime(trx, actor, input, today),
    next: toChild,
    audit: { table: 'placement', id: (r) => r, action: 'update' },
    api: { method: 'POST', path: '/children/:childId/placements/visit-rule/end', summary: 'A regulation 28 visit variant stops applying to the current placement', tag: 'Children in care', body: endVisitRegimeInput },
  });

  // ---------------------------------------------------------------- care leavers
  registerCaseForm(app, {
    path: '/children/:childId/leaving-care/needs-assessment/new',
    title: 'Record the leaving-care needs assessment',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('assessmentDate', 'Date of the needs assessment'), { name: 'summary', label: 'Summary (optional)', type: 'textarea' }],
    submit: (trx, actor, input, today) => recordNeedsAssessment(trx, actor, input, today),
    next: toChild,
    audit: { table: 'leaving_care_needs_assessment', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/needs-assessments', summary: 'Record the needs assessment of an eligible child (due within 3 months of eligibility)', tag: 'Care leavers', body: needsAssessmentInput.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/leaving-care/circumstances/new',
    title: 'Record the care leaver’s circumstances',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [
      dateField('recordDate', 'Date of this record'),
      { name: 'inTouch', label: 'Are we in touch?', type: 'radios', options: opts(CARE_LEAVER_IN_TOUCH) },
      { name: 'accommodation', label: 'Accommodation', type: 'select', options: codeOptions(CARE_LEAVER_ACCOMMODATION) },
      { name: 'accommodationSuitable', label: 'Is the accommodation suitable?', type: 'radios', options: [{ value: '1', text: 'Suitable' }, { value: '2', text: 'Not suitable' }], inline: true },
      { name: 'activity', label: 'Main activity', type: 'select', options: codeOptions(CARE_LEAVER_ACTIVITY) },
      { name: 'stayingPut', label: 'Staying put with former foster carers?', type: 'radios', options: YES_NO, inline: true },
    ],
    submit: (trx, actor, input, today) => recordCareLeaverCircumstances(trx, actor, input, today),
    next: toChild,
    audit: { table: 'care_leaver', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/care-leaver-records', summary: 'Record a care leaver’s circumstances (in touch, accommodation, activity, staying put); eligibility is computed', tag: 'Care leavers', body: circumstancesFields.omit({ childId: true }) },
  });

  registerCaseForm(app, {
    path: '/children/:childId/leaving-care/support-request/new',
    title: 'Record a request for support to 25',
    intro: 'A former relevant care leaver aged 21 to 24 may ask for a personal adviser up to their 25th birthday.',
    access: { roles: CASEWORKERS, childRecord: true },
    fields: [dateField('requestDate', 'Date the young person asked')],
    submit: (trx, actor, input, today) => recordSupportRequest(trx, actor, input, today),
    next: toChild,
    audit: { table: 'care_leaver_support_request', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/children/:childId/support-requests', summary: 'A former relevant care leaver aged 21–24 asks for personal adviser support to 25', tag: 'Care leavers', body: supportRequestInput.omit({ childId: true }) },
  });
}
