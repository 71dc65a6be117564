// The casework pages that are not forms: finding a child, the child's record, screening a contact, and the
// work trays. Each has a JSON twin under /api/v1 built from the same function.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sql } from 'kysely';
import { apiRoute } from '../platform/http/api.ts';
import { addWorkingDays, todayInEngland } from '../platform/calendar/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { parseInput, recordId } from '../platform/validation.ts';
import { CONTACT_OUTCOMES } from '../frontdoor/contact-outcomes.ts';
import { contactHistory } from '../frontdoor/contact-history.ts';
import { earlierContactsInYear, REPEAT_CONTACT_THRESHOLD } from '../frontdoor/repeat-contacts.ts';
import { searchPeople } from '../people/search.ts';
import { chronology } from '../record/chronology.ts';
import { computeClocks } from '../clocks/compute-clocks.ts';
import { computeFlags } from '../flags/compute-flags.ts';
import { myWork } from '../trays/my-work.ts';
import { teamTray } from '../trays/team-tray.ts';
import { childRecord } from './child-record.ts';
import { CLOCK_LABELS, FLAG_LABELS } from './labels.ts';

const SEARCHERS = ['front_door', 'social_worker', 'personal_adviser', 'team_manager', 'service_manager', 'iro'] as const;
const MANAGERS = ['team_manager', 'service_manager'] as const;
const FRONT_DOOR = ['front_door', 'social_worker', 'team_manager', 'service_manager'] as const;

/** Contacts the user may see that wait for a decision (due one working day after the contact) or a review. */
async function frontDoorTray(request: FastifyRequest) {
  const db = request.server.services.database.db;
  const today = todayInEngland();
  const rows = await db
    .selectFrom('contact')
    .innerJoin('person', 'person.id', 'contact.person_id')
    .select(['contact.id', 'contact.person_id as childId', 'person.forename', 'person.surname', 'contact.contact_date', 'contact.source_code', 'contact.proposed_outcome'])
    .where('contact.outcome', 'is', null)
    .where('contact.deleted_at', 'is', null)
    .where('contact.person_id', 'in', request.ctx.children.visibleIds())
    .orderBy('contact.contact_date')
    .limit(500)
    .execute();
  await request.ctx.audit.list('front door tray', rows.map((r) => r.childId));
  const contacts = rows.map((r) => {
    const dueDate = addWorkingDays(r.contact_date, 1);
    return { ...r, dueDate, overdue: !r.proposed_outcome && dueDate < today };
  });
  return { asOf: today, awaitingDecision: contacts.filter((c) => !c.proposed_outcome), awaitingReview: contacts.filter((c) => c.proposed_outcome) };
}

export const searchQuery = z.object({
  name: z.string().trim().max(200, 'Search by at most 200 characters').optional(),
  dob: z.string().trim().max(10).optional(),
});

/** Who may see which match: ids the user may open, as a set (the search itself lists only unrestricted people). */
async function openable(request: FastifyRequest, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const db = request.server.services.database.db;
  const rows = await db.selectFrom('person').select('id').where('id', 'in', ids).where('id', 'in', request.ctx.children.visibleIds()).execute();
  return new Set(rows.map((r) => r.id));
}

async function runSearch(request: FastifyRequest) {
  const q = parseInput(searchQuery, request.query ?? {});
  if (!q.name && !q.dob) return { query: q, matches: [] };
  const db = request.server.services.database.db;
  const matches = await searchPeople(db, { name: q.name, dob: q.dob });
  const mayOpen = await openable(request, matches.map((m) => m.id));
  await request.ctx.audit.search('children', { name: q.name ?? null, dob: q.dob ?? null }, matches.length);
  return { query: q, matches: matches.map((m) => ({ ...m, mayOpen: mayOpen.has(m.id) })) };
}

function professionalOf(request: FastifyRequest): string {
  const id = request.ctx.user.professionalId;
  if (!id) throw new AppError('FORBIDDEN', 'Your account is not linked to a worker');
  return id;
}

async function managedTeamIds(request: FastifyRequest, asOf: string): Promise<string[]> {
  const db = request.server.services.database.db;
  const rows = await sql<{ id: string }>`with recursive managed(id) as (
      select tm.team_id from team_manager tm where tm.professional_id = ${professionalOf(request)} and tm.deleted_at is null
        and tm.start_date <= ${asOf} and (tm.end_date is null or tm.end_date >= ${asOf})
      union select t.id from team t join managed m on t.parent_id = m.id where t.deleted_at is null)
    select id from managed`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function caseworkPages(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/children', { config: { access: { roles: SEARCHERS } } }, async (request, reply) => {
    const result = await runSearch(request).catch((e) => {
      if (e instanceof AppError && e.code === 'BAD_INPUT') return { query: request.query, matches: [], error: e };
      throw e;
    });
    return reply.view('casework/views/search.njk', { title: 'Find a child', ...result });
  });
  apiRoute(app, { method: 'GET', path: '/children', summary: 'Find children by a forgiving search (name with typos or nicknames, date of birth slips)', tag: 'Children', access: { roles: SEARCHERS }, query: searchQuery }, async (request) => runSearch(request));

  app.get('/children/:childId', { config: { access: 'childRecord', auditWhat: 'record' } }, async (request, reply) => {
    const { childId } = request.params as { childId: string };
    const record = await childRecord(db(), childId, todayInEngland());
    return reply.view('casework/views/child.njk', { title: `${record.child.forename ?? ''} ${record.child.surname ?? ''}`.trim() || 'Child', r: record, clockLabels: CLOCK_LABELS, flagLabels: FLAG_LABELS, outcomes: CONTACT_OUTCOMES, roles: request.ctx.user.roles });
  });
  apiRoute(app, { method: 'GET', path: '/children/:childId', summary: 'The child’s record: summary, open clocks, flags, notes', tag: 'Children', access: 'childRecord', auditWhat: 'record' }, async (request) => {
    const { childId } = request.params as { childId: string };
    const { chronology: _omit, ...record } = await childRecord(db(), childId, todayInEngland());
    return record;
  });
  apiRoute(app, { method: 'GET', path: '/children/:childId/chronology', summary: 'The child’s chronology, from every recorded event', tag: 'Children', access: 'childRecord', auditWhat: 'chronology' }, async (request) => ({
    chronology: await chronology(db(), (request.params as { childId: string }).childId),
  }));
  apiRoute(app, { method: 'GET', path: '/children/:childId/clocks', summary: 'The child’s statutory clocks as at today', tag: 'Children', access: 'childRecord', auditWhat: 'clocks' }, async (request) =>
    computeClocks(db(), todayInEngland(), { childIds: [(request.params as { childId: string }).childId] }),
  );
  apiRoute(app, { method: 'GET', path: '/children/:childId/flags', summary: 'The child’s practice flags as at today', tag: 'Children', access: 'childRecord', auditWhat: 'flags' }, async (request) =>
    computeFlags(db(), todayInEngland(), { childIds: [(request.params as { childId: string }).childId] }),
  );

  app.get('/children/:childId/contacts/:contactId', { config: { access: 'childRecord', auditWhat: 'contact screening' } }, async (request, reply) => {
    const { childId, contactId } = parseInput(z.object({ childId: recordId, contactId: recordId }), request.params);
    const history = await contactHistory(db(), childId);
    const contact = await db().selectFrom('contact').selectAll().where('id', '=', contactId).where('person_id', '=', childId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!contact) throw new AppError('NOT_FOUND', 'There is no such contact for this child');
    const earlier = await earlierContactsInYear(db(), contact);
    const names = await db().selectFrom('professional').select(['id', 'name']).where('id', 'in', [contact.recorded_by, contact.decided_by, contact.proposed_by, contact.manager_review_by].filter((x): x is string => !!x).concat([''])).execute();
    const nameOf = Object.fromEntries(names.map((n) => [n.id, n.name]));
    return reply.view('casework/views/screening.njk', {
      title: 'Screen the contact',
      contact,
      history,
      earlierInYear: earlier.length,
      isRepeat: earlier.length >= REPEAT_CONTACT_THRESHOLD,
      outcomes: CONTACT_OUTCOMES,
      nameOf,
      isManager: request.ctx.hasRole(...MANAGERS),
    });
  });

  app.get('/front-door', { config: { access: { roles: FRONT_DOOR } } }, async (request, reply) => {
    const tray = await frontDoorTray(request);
    const decided = (request.query as { decided?: string }).decided;
    return reply.view('casework/views/front-door.njk', { title: 'Front door', tray, decided: decided && decided in CONTACT_OUTCOMES ? CONTACT_OUTCOMES[decided as keyof typeof CONTACT_OUTCOMES] : null });
  });
  apiRoute(app, { method: 'GET', path: '/front-door', summary: 'Contacts waiting for a decision or a manager’s review, with the one-working-day decision clock', tag: 'Trays', access: { roles: FRONT_DOOR } }, async (request) => frontDoorTray(request));

  app.get('/my-work', { config: { access: 'signedIn' } }, async (request, reply) => {
    const work = await myWork(db(), professionalOf(request), todayInEngland());
    await request.ctx.audit.list('my work tray', work.children.map((c) => c.id));
    return reply.view('casework/views/my-work.njk', { title: 'My work', work, clockLabels: CLOCK_LABELS, nameOf: Object.fromEntries(work.children.map((c) => [c.id, `${c.forename ?? ''} ${c.surname ?? ''}`.trim()])) });
  });
  apiRoute(app, { method: 'GET', path: '/my-work', summary: 'My children, and statutory work due this week or overdue', tag: 'Trays', access: 'signedIn' }, async (request) => {
    const work = await myWork(db(), professionalOf(request), todayInEngland());
    await request.ctx.audit.list('my work tray', work.children.map((c) => c.id));
    return work;
  });

  app.get('/team', { config: { access: { roles: MANAGERS } } }, async (request, reply) => {
    const asOf = todayInEngland();
    const teams = await Promise.all((await managedTeamIds(request, asOf)).map((id) => teamTray(db(), id, asOf)));
    await request.ctx.audit.list('team tray', teams.flatMap((t) => [...t.unallocated.map((u) => u.id), ...t.approvals.assessments.map((a) => a.childId), ...t.approvals.contactReviews.map((c) => c.childId)]));
    return reply.view('casework/views/team.njk', { title: 'Team', teams });
  });
  apiRoute(app, { method: 'GET', path: '/team', summary: 'The tray of every team I manage: unallocated cases, approvals waiting, caseloads against target, overdue work', tag: 'Trays', access: { roles: MANAGERS } }, async (request) => {
    const asOf = todayInEngland();
    const teams = await Promise.all((await managedTeamIds(request, asOf)).map((id) => teamTray(db(), id, asOf)));
    await request.ctx.audit.list('team tray', teams.flatMap((t) => [...t.unallocated.map((u) => u.id), ...t.approvals.assessments.map((a) => a.childId), ...t.approvals.contactReviews.map((c) => c.childId)]));
    return { asOf, teams };
  });
}
