import type { IsoDate } from '../platform/calendar/calendar.ts';
import { noAllocatedWorkerFlag } from './no-allocated-worker.ts';
import { compareFlags, type FlagRecords, type PracticeFlag } from './practice-flag.ts';
import { repeatContactsNfaFlag } from './repeat-contacts-nfa.ts';
import { repeatReferralsFlag } from './repeat-referrals.ts';
import { workerChangesFlag } from './worker-changes.ts';

/** Every practice flag for one child as at `asOf`; `records` may be the child's or the whole council's. */
export function flagsForChild(childId: string, records: FlagRecords, asOf: IsoDate): PracticeFlag[] {
  return [
    repeatContactsNfaFlag(childId, records.contacts, asOf),
    repeatReferralsFlag(childId, records.referrals, asOf),
    noAllocatedWorkerFlag(childId, records.referrals, records.involvements, asOf),
    workerChangesFlag(childId, records.involvements, asOf),
  ].filter((f): f is PracticeFlag => f !== null);
}

/** Every practice flag for every child in `records`, sorted by child, flag and date. */
export function flagsFromRecords(records: FlagRecords, asOf: IsoDate): PracticeFlag[] {
  const byChild = new Map<string, FlagRecords>();
  const of = (personId: string): FlagRecords => {
    let r = byChild.get(personId);
    if (!r) byChild.set(personId, (r = { contacts: [], referrals: [], involvements: [] }));
    return r;
  };
  for (const c of records.contacts) of(c.personId).contacts.push(c);
  for (const r of records.referrals) of(r.personId).referrals.push(r);
  for (const i of records.involvements) of(i.personId).involvements.push(i);
  const flags: PracticeFlag[] = [];
  for (const [childId, own] of byChild) flags.push(...flagsForChild(childId, own, asOf));
  return flags.sort(compareFlags);
}
