import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { ReferralRecord } from '../clocks/clock-records.ts';

export type FlagId = 'repeat-contacts-nfa' | 'repeat-referrals' | 'no-allocated-worker' | 'worker-changes';

/** The order flags are listed in for a child. */
export const FLAG_IDS: readonly FlagId[] = ['repeat-contacts-nfa', 'repeat-referrals', 'no-allocated-worker', 'worker-changes'];

/** One practice flag: the shape `tiller flags --format json` prints (INTERFACES.md). */
export interface PracticeFlag {
  childId: string;
  flag: FlagId;
  /** The date the flag's condition was met (see docs/clocks.md for each flag). */
  since: IsoDate;
  /** Why, in words a worker or manager can act on; no personal data beyond dates and counts. */
  reason: string;
}

export interface FlagContactRecord {
  id: string;
  personId: string;
  contactDate: IsoDate;
  decisionDate: IsoDate | null;
  /** Tiller's own decision: nfa, advice, early_help, referral, strategy_discussion. */
  outcome: string | null;
  /** An SSD extract's cont_contact_outcome_json (object or JSON text with NFA_FLAG, ADVICE_FLAG, …). */
  outcomeJson: unknown;
}

export interface InvolvementRecord {
  personId: string;
  professionalId: string;
  role: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface FlagRecords {
  contacts: FlagContactRecord[];
  referrals: ReferralRecord[];
  involvements: InvolvementRecord[];
}

export function compareFlags(a: PracticeFlag, b: PracticeFlag): number {
  if (a.childId !== b.childId) return a.childId < b.childId ? -1 : 1;
  if (a.flag !== b.flag) return FLAG_IDS.indexOf(a.flag) - FLAG_IDS.indexOf(b.flag);
  return a.since < b.since ? -1 : a.since > b.since ? 1 : 0;
}

/** Sorts by date, then by a tie-breaker, so "the third" is the same on every run. */
export function byDateThen<T>(date: (t: T) => IsoDate, tie: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const da = date(a);
    const db = date(b);
    if (da !== db) return da < db ? -1 : 1;
    const ta = tie(a);
    const tb = tie(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  };
}
