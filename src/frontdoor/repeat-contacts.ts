import type { Db as Executor } from '../platform/db/connect.ts';
import { addDays, addYears } from '../platform/calendar/calendar.ts';

/**
 * The other contacts about this child dated in the 12 months up to this contact's date (the day after
 * the same date a year earlier, to the contact date, inclusive), leaving out this contact itself.
 * Two or more of them make this a repeat contact: closing it needs a manager's review.
 */
export async function earlierContactsInYear(db: Executor, contact: { id: string; person_id: string; contact_date: string }) {
  const from = addDays(addYears(contact.contact_date, -1), 1);
  return db
    .selectFrom('contact')
    .select(['id', 'contact_date', 'outcome', 'proposed_outcome'])
    .where('person_id', '=', contact.person_id)
    .where('id', '<>', contact.id)
    .where('deleted_at', 'is', null)
    .where('contact_date', '>=', from)
    .where('contact_date', '<=', contact.contact_date)
    .orderBy('contact_date')
    .execute();
}

export const REPEAT_CONTACT_THRESHOLD = 2;
