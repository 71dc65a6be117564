import type { Db } from '../platform/db/connect.ts';
import { addDays } from '../platform/calendar/calendar.ts';
import { computeClocks } from '../clocks/compute-clocks.ts';
import type { ClockInstance } from '../clocks/clock-instance.ts';
import { CASE_HOLDING_ROLES } from '../allocation/allocate.ts';

export interface MyChild {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  role: string;
  allocatedSince: string;
  overdue: number;
  dueThisWeek: number;
}

/**
 * A worker's tray: the children allocated to them, and what is due in the next seven days or already
 * overdue, by statutory clock (from the one clock engine), most urgent first.
 */
export async function myWork(db: Db, professionalId: string, asOf: string) {
  const allocations = await db
    .selectFrom('involvement')
    .innerJoin('person', 'person.id', 'involvement.person_id')
    .select(['person.id', 'person.forename', 'person.surname', 'person.dob', 'involvement.role', 'involvement.start_date'])
    .where('involvement.professional_id', '=', professionalId)
    .where('involvement.role', 'in', [...CASE_HOLDING_ROLES])
    .where('involvement.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('involvement.end_date', 'is', null), eb('involvement.end_date', '>=', asOf)]))
    .where('involvement.deleted_at', 'is', null)
    .where('person.deleted_at', 'is', null)
    .orderBy('person.surname')
    .orderBy('person.forename')
    .execute();
  const childIds = [...new Set(allocations.map((a) => a.id))];
  const weekEnd = addDays(asOf, 7);
  const clocks = (await computeClocks(db, asOf, { childIds })).filter((c) => c.status === 'overdue' || (c.status === 'due' && c.dueDate <= weekEnd));
  const byDue = (a: ClockInstance, b: ClockInstance) => a.dueDate.localeCompare(b.dueDate) || (a.childId ?? '').localeCompare(b.childId ?? '');
  const overdue = clocks.filter((c) => c.status === 'overdue').sort(byDue);
  const dueThisWeek = clocks.filter((c) => c.status === 'due').sort(byDue);
  const seen = new Set<string>();
  const children: MyChild[] = allocations
    .filter((a) => !seen.has(a.id) && seen.add(a.id))
    .map((a) => ({
      id: a.id,
      forename: a.forename,
      surname: a.surname,
      dob: a.dob,
      role: a.role,
      allocatedSince: a.start_date,
      overdue: overdue.filter((c) => c.childId === a.id).length,
      dueThisWeek: dueThisWeek.filter((c) => c.childId === a.id).length,
    }));
  return { asOf, weekEnd, children, overdue, dueThisWeek };
}
