import type { Db as Executor } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';

/**
 * Everything the front door needs on one page to screen a contact: the child's earlier contacts and
 * their outcomes, referrals, plans and care, and the contacts about siblings and others in the household.
 */
export async function contactHistory(db: Executor, childId: string) {
  const child = await db
    .selectFrom('person')
    .select(['id', 'forename', 'surname', 'dob', 'sex', 'ethnicity', 'upn'])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!child) throw new AppError('NOT_FOUND', 'No such child');

  const [contacts, referrals, cpPlans, periodsOfCare, earlyHelp, related] = await Promise.all([
    db
      .selectFrom('contact')
      .select(['id', 'contact_date', 'source_code', 'source_desc', 'reason', 'outcome', 'proposed_outcome', 'decision_date', 'rationale', 'manager_review_note', 'version'])
      .where('person_id', '=', childId)
      .where('deleted_at', 'is', null)
      .orderBy('contact_date', 'desc')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('cin_episode')
      .select(['id', 'referral_date', 'source_code', 'primary_need_code', 'referral_nfa', 'close_date', 'close_reason'])
      .where('person_id', '=', childId)
      .where('deleted_at', 'is', null)
      .orderBy('referral_date', 'desc')
      .execute(),
    db
      .selectFrom('cp_plan')
      .select(['id', 'start_date', 'end_date', 'initial_category', 'latest_category'])
      .where('person_id', '=', childId)
      .where('deleted_at', 'is', null)
      .orderBy('start_date', 'desc')
      .execute(),
    db.selectFrom('period_of_care').select(['id', 'start_date', 'end_date']).where('person_id', '=', childId).where('deleted_at', 'is', null).orderBy('start_date', 'desc').execute(),
    db.selectFrom('early_help_episode').select(['id', 'start_date', 'end_date', 'organisation']).where('person_id', '=', childId).where('deleted_at', 'is', null).orderBy('start_date', 'desc').execute(),
    relatedPeople(db, childId),
  ]);

  const relatedIds = related.map((r) => r.id);
  const householdContacts = relatedIds.length
    ? await db
        .selectFrom('contact')
        .innerJoin('person', 'person.id', 'contact.person_id')
        .select(['contact.id', 'contact.person_id', 'person.forename', 'person.surname', 'contact.contact_date', 'contact.reason', 'contact.outcome'])
        .where('contact.person_id', 'in', relatedIds)
        .where('contact.deleted_at', 'is', null)
        .orderBy('contact.contact_date', 'desc')
        .limit(200)
        .execute()
    : [];
  return { child, contacts, referrals, cpPlans, periodsOfCare, earlyHelp, related, householdContacts };
}

/**
 * Siblings, parents, carers and others linked to the child. A relationship is stored once, from one
 * person to another ("B is A's mother"); read from the other side it is shown as "related to".
 */
async function relatedPeople(db: Executor, childId: string) {
  const linked = (from: 'person_id' | 'related_person_id', to: 'person_id' | 'related_person_id') =>
    db
      .selectFrom('relationship')
      .innerJoin('person', 'person.id', `relationship.${to}`)
      .select(['person.id', 'person.forename', 'person.surname', 'person.dob', 'relationship.relationship', 'relationship.lives_with'])
      .where(`relationship.${from}`, '=', childId)
      .where('relationship.deleted_at', 'is', null)
      .execute();
  const [outgoing, incoming] = await Promise.all([linked('person_id', 'related_person_id'), linked('related_person_id', 'person_id')]);
  const symmetric = new Set(['sibling', 'half_sibling', 'household_member']);
  const seen = new Set<string>();
  return [...outgoing, ...incoming.map((r) => ({ ...r, relationship: symmetric.has(r.relationship) ? r.relationship : `related to (${r.relationship})` }))].filter(
    (r) => !seen.has(r.id) && seen.add(r.id),
  );
}
