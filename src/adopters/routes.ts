// Prospective adopters: the households list and page, the forms that add and change a household, its
// adopters and its journey, and the form that links a child's adoption journey to the household it was
// matched with; each form is also a JSON API operation (registerCaseForm) through the same use case.
// Access: team and service managers (the adoption service's managers; see docs/adopters.md for why not
// every social worker), and for the child link also the child's record.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiRoute } from '../platform/http/api.ts';
import { registerCaseForm, YES_NO, type FormField } from '../platform/http/case-form.ts';
import { isoDate, parseInput, recordId } from '../platform/validation.ts';
import { todayInEngland } from '../platform/calendar/calendar.ts';
import { codeOptions, ETHNICITY } from '../platform/codes.ts';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import {
  ADOPTER_SEX, adopterFields, adopterHousehold, adopterHouseholds, AGENCIES, findHousehold, householdFields, JOURNEY_DATES, journeyFields, journeyOf, LEAVING_REASONS, linkChildToHousehold,
  linkFields, recordJourney, saveAdopter, saveHousehold, type JourneyKey,
} from './households.ts';

export const ADOPTION_MANAGERS = ['team_manager', 'service_manager'] as const;
const access = { roles: ADOPTION_MANAGERS };
const TAG = 'Adopters';
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, text]) => ({ value, text }));
const dateField = (name: string, label: string, hint?: string): FormField => ({ name, label, type: 'date', ...(hint ? { hint } : {}) });
const listQuery = z.object({
  asOf: isoDate('the as-of date (YYYY-MM-DD)').optional().or(z.literal('').transform(() => undefined)),
  all: z.enum(['yes', 'no']).optional(),
});
const householdParams = z.object({ householdId: recordId });
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const formatDate = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));

/** The names of the linked children the user may see (the others are counted, not named), audited as a list read. */
async function visibleChildren(request: FastifyRequest, ids: string[]) {
  if (!ids.length) return { children: [], hidden: 0 };
  const db = request.server.services.database.db;
  const rows = await db.selectFrom('person').select(['id', 'forename', 'surname']).where('id', 'in', ids).where('id', 'in', request.ctx.children.visibleIds()).where('deleted_at', 'is', null).orderBy('id').execute();
  await request.ctx.audit.list('adopter household', rows.map((r) => r.id));
  return { children: rows.map((r) => ({ id: r.id, name: `${r.forename ?? ''} ${r.surname ?? ''}`.trim() || r.id })), hidden: ids.length - rows.length };
}

async function householdView(request: FastifyRequest, asOf: string) {
  const { householdId } = parseInput(householdParams, request.params);
  const h = await adopterHousehold(request.server.services.database.db, householdId, asOf);
  const { children, hidden } = await visibleChildren(request, h.childIds);
  const { childIds: _ids, ...rest } = h;
  return { asOf, ...rest, children, childrenNotShown: hidden };
}

/** The journey as summary-list rows: the household's own dates, with match, placement and order from the linked children when not recorded. */
function journeyRows(v: Awaited<ReturnType<typeof householdView>>) {
  const journey = journeyOf(v.household);
  const fromOutcome: Partial<Record<JourneyKey, string | null>> = { matchedDate: v.outcome.matchedDate, placedDate: v.outcome.placedDate, adoptionOrderDate: v.outcome.adoptionOrderDate };
  const rows = (Object.keys(JOURNEY_DATES) as JourneyKey[]).map((k) => {
    const value = k in fromOutcome ? fromOutcome[k] : journey[k];
    const reason = k === 'leftDate' && v.household.left_reason ? ` — ${(LEAVING_REASONS as Record<string, string>)[v.household.left_reason] ?? v.household.left_reason}` : '';
    return { key: { text: JOURNEY_DATES[k] as string }, value: { text: value ? `${formatDate(value)}${reason}` : 'Not recorded' } };
  });
  rows.push({ key: { text: 'Number of children placed' }, value: { text: v.outcome.childrenPlaced === null ? 'Not recorded' : String(v.outcome.childrenPlaced) } });
  return rows;
}

export async function adopterRoutes(app: FastifyInstance) {
  const db = (): Db => app.services.database.db;

  // ---------------------------------------------------------------- the list and the household
  app.get('/adopters', { config: { access } }, async (request, reply) => {
    const q = parseInput(listQuery, request.query ?? {});
    const asOf = q.asOf ?? todayInEngland();
    const all = await adopterHouseholds(db(), asOf);
    const recentFrom = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
    const shown = q.all === 'yes' ? all : all.filter((h) => h.inProcess || (h.endDate !== null && h.endDate >= recentFrom));
    return reply.view('adopters/views/households.njk', { title: 'Adopter households', asOf, households: shown, total: all.length, showingAll: q.all === 'yes', inProcess: all.filter((h) => h.inProcess).length, agencies: AGENCIES });
  });
  apiRoute(app, { method: 'GET', path: '/adopter-households', summary: 'Every adopter household with its stage and the days since enquiry and approval', tag: TAG, access, query: listQuery }, async (request) => {
    const q = parseInput(listQuery, request.query ?? {});
    const asOf = q.asOf ?? todayInEngland();
    return { asOf, households: await adopterHouseholds(db(), asOf) };
  });

  app.get('/adopters/:householdId', { config: { access } }, async (request, reply) => {
    const v = await householdView(request, todayInEngland());
    return reply.view('adopters/views/household.njk', {
      title: `Adopter household ${v.household.family_identifier}`,
      v,
      agencies: AGENCIES,
      sexes: ADOPTER_SEX,
      ethnicities: ETHNICITY,
      journeyRows: journeyRows(v),
    });
  });
  apiRoute(app, { method: 'GET', path: '/adopter-households/:householdId', summary: 'One adopter household: its adopters, journey dates and the children linked to it', tag: TAG, access }, async (request) =>
    householdView(request, todayInEngland()),
  );

  // ---------------------------------------------------------------- household details
  const householdFormFields: FormField[] = [
    { name: 'version', label: '', type: 'hidden' },
    { name: 'name', label: 'Household name', type: 'text', hint: 'How the adoption service knows the household, for example “The Okafors (Rainford)”' },
    { name: 'familyIdentifier', label: 'Family identifier (optional)', type: 'text', classes: 'govuk-input--width-10', hint: 'The identifier Annex A uses for the household. Leave blank to be given the next one (AF0001, AF0002, …).' },
    { name: 'agency', label: 'Which adoption agency assesses and approves the household?', type: 'radios', options: opts(AGENCIES) },
    { name: 'otherAgencyName', label: 'If another agency: its name', type: 'text' },
    { name: 'fosteringForAdoption', label: 'Is the household approved to foster for adoption (early permanence)?', type: 'radios', options: YES_NO, inline: true },
    dateField('enquiryDate', 'Date the enquiry was received', 'Needed for a household our agency assesses. For example, 27 3 2026'),
  ];
  registerCaseForm(app, {
    path: '/adopters/new',
    title: 'Add an adopter household',
    access,
    fields: householdFormFields,
    submit: (trx, actor, input, today) => saveHousehold(trx, actor, input, today),
    next: (id) => `/adopters/${id}`,
    audit: { table: 'adopter_household', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/adopter-households', summary: 'Add an adopter household (family)', tag: TAG, body: householdFields.omit({ householdId: true, version: true }) },
  });
  registerCaseForm(app, {
    path: '/adopters/:householdId/edit',
    title: 'Change the adopter household',
    access,
    initial: async (d, p) => {
      const h = await findHousehold(d, parseInput(householdParams, p).householdId);
      return { version: h.version, name: h.name, familyIdentifier: h.family_identifier, agency: h.agency, otherAgencyName: h.other_agency_name, fosteringForAdoption: h.fostering_for_adoption ? 'yes' : 'no', enquiryDate: h.enquiry_date };
    },
    fields: householdFormFields,
    submit: (trx, actor, input, today) => saveHousehold(trx, actor, input, today),
    next: (id) => `/adopters/${id}`,
    audit: { table: 'adopter_household', id: (r, i) => (typeof r === 'string' ? r : String(i.householdId)), action: 'update' },
    api: { method: 'PUT', path: '/adopter-households/:householdId', summary: 'Change an adopter household’s details (send its version)', tag: TAG, body: householdFields.omit({ householdId: true }), status: 200 },
  });

  // ---------------------------------------------------------------- the journey
  const journeyKeys = (Object.keys(JOURNEY_DATES) as JourneyKey[]).filter((k) => k !== 'enquiryDate');
  registerCaseForm(app, {
    path: '/adopters/:householdId/journey',
    title: 'Record the household’s journey through the adoption process',
    intro: 'Enter each date as it happens; leave later steps blank. Each date must be on or after the steps before it: stage 2 cannot start before stage 1 ends, approval cannot come before the application, and so on. Match, placement and the adoption order may be left blank when they come from the children linked to the household.',
    access,
    initial: async (d, p) => {
      const h = await findHousehold(d, parseInput(householdParams, p).householdId);
      return { version: h.version, ...journeyOf(h), childrenPlaced: h.children_placed === null ? '' : String(h.children_placed), leftReason: h.left_reason };
    },
    fields: [
      { name: 'version', label: '', type: 'hidden' },
      ...journeyKeys.filter((k) => k !== 'leftDate').map((k) => dateField(k, JOURNEY_DATES[k])),
      { name: 'childrenPlaced', label: 'Number of children placed (optional)', type: 'text', classes: 'govuk-input--width-3', hint: 'Leave blank to count the children linked to the household' },
      dateField('leftDate', 'Date the household left the adoption process (if it has)'),
      { name: 'leftReason', label: 'Why the household left the adoption process', type: 'radios', options: opts(LEAVING_REASONS) },
    ],
    submit: (trx, actor, input, today) => recordJourney(trx, actor, input, today),
    next: (id) => `/adopters/${id}`,
    audit: { table: 'adopter_household', id: (r, i) => (typeof r === 'string' ? r : String(i.householdId)), action: 'update' },
    api: { method: 'PUT', path: '/adopter-households/:householdId/journey', summary: 'Record the household’s journey dates (all of them; send its version)', tag: TAG, body: journeyFields.omit({ householdId: true }), status: 200 },
  });

  // ---------------------------------------------------------------- the adopters
  const adopterFormFields: FormField[] = [
    { name: 'version', label: '', type: 'hidden' },
    { name: 'knownAs', label: 'Known as (optional)', type: 'text', classes: 'govuk-input--width-20', hint: 'To tell the adopters in the household apart' },
    { name: 'sex', label: 'Gender', type: 'radios', options: opts(ADOPTER_SEX) },
    { name: 'ethnicity', label: 'Ethnicity', type: 'select', options: codeOptions(ETHNICITY) },
    { name: 'disabled', label: 'Does the adopter have a disability?', type: 'radios', options: YES_NO, inline: true },
  ];
  registerCaseForm(app, {
    path: '/adopters/:householdId/adopters/new',
    title: 'Add an adopter to the household',
    access,
    initial: async (d, p) => {
      await findHousehold(d, parseInput(householdParams, p).householdId);
      return { ethnicity: 'NOBT' };
    },
    fields: adopterFormFields,
    submit: (trx, actor, input) => saveAdopter(trx, actor, input),
    next: (_r, p) => `/adopters/${p.householdId}`,
    audit: { table: 'adopter', id: (r) => r, action: 'create' },
    api: { method: 'POST', path: '/adopter-households/:householdId/adopters', summary: 'Add a prospective adopter to a household', tag: TAG, body: adopterFields.omit({ householdId: true, adopterId: true, version: true }) },
  });
  registerCaseForm(app, {
    path: '/adopters/:householdId/adopters/:adopterId/edit',
    title: 'Change an adopter',
    access,
    initial: async (d, p) => {
      const ids = parseInput(z.object({ householdId: recordId, adopterId: recordId }), p);
      const a = await d.selectFrom('adopter').selectAll().where('id', '=', ids.adopterId).where('household_id', '=', ids.householdId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!a) throw new AppError('NOT_FOUND', 'There is no such adopter in this household');
      return { version: a.version, knownAs: a.known_as, sex: a.sex, ethnicity: a.ethnicity, disabled: a.disabled ? 'yes' : 'no' };
    },
    fields: adopterFormFields,
    submit: (trx, actor, input) => saveAdopter(trx, actor, input),
    next: (_r, p) => `/adopters/${p.householdId}`,
    audit: { table: 'adopter', id: (r, i) => (typeof r === 'string' ? r : String(i.adopterId)), action: 'update' },
    api: { method: 'PUT', path: '/adopter-households/:householdId/adopters/:adopterId', summary: 'Change a prospective adopter (send its version)', tag: TAG, body: adopterFields.omit({ householdId: true, adopterId: true }), status: 200 },
  });

  // ---------------------------------------------------------------- the child's match
  registerCaseForm(app, {
    path: '/children/:childId/adoption/adopters',
    title: 'Link the child’s adoption to the adopters',
    intro: 'Choose the adopter household the child was matched with. This fills the family identifier in Ofsted Annex A List 10.',
    access: { roles: ADOPTION_MANAGERS, childRecord: true },
    initial: async (d, p) => {
      const j = await d.selectFrom('adoption').select('adopter_household_id').where('person_id', '=', p.childId ?? '').where('deleted_at', 'is', null).where('adopter_household_id', 'is not', null).orderBy('created_at', 'desc').executeTakeFirst();
      return { householdId: j?.adopter_household_id ?? '' };
    },
    fields: async (d) => {
      const households = await d.selectFrom('adopter_household').select(['id', 'family_identifier', 'name']).where('deleted_at', 'is', null).orderBy('family_identifier').execute();
      return [{ name: 'householdId', label: 'Adopter household', type: 'select', options: [{ value: '', text: 'Not linked to a household' }, ...households.map((h) => ({ value: h.id, text: `${h.family_identifier} – ${h.name}` }))] }];
    },
    submit: (trx, actor, input) => linkChildToHousehold(trx, actor, input),
    next: (_r, p) => `/children/${p.childId}/adoption`,
    audit: { table: 'adoption', id: (r) => r, action: 'update' },
    api: { method: 'PUT', path: '/children/:childId/adoption/adopter-household', summary: 'Link the child’s adoption journey to the adopter household it was matched with (householdId blank or null to unlink)', tag: TAG, body: linkFields.omit({ childId: true }), status: 200 },
  });
}
