// Each practice flag with cases that raise it and cases that do not. As at 31 March 2026 the period is
// 1 April 2025 to 31 March 2026, both ends included.
import { describe, expect, it } from 'vitest';
import type { ReferralRecord } from '../clocks/clock-records.ts';
import { isAllocationRole } from './allocation.ts';
import { contactOutcomeKind } from './contact-outcome.ts';
import { flagsForChild, flagsFromRecords } from './flags-from-records.ts';
import { noAllocatedWorkerFlag } from './no-allocated-worker.ts';
import type { FlagContactRecord, InvolvementRecord } from './practice-flag.ts';
import { repeatContactsNfaFlag } from './repeat-contacts-nfa.ts';
import { repeatReferralsFlag } from './repeat-referrals.ts';
import { workerChangesFlag } from './worker-changes.ts';

const AS_OF = '2026-03-31';

let n = 0;
function contact(contactDate: string, outcome: string | null, over: Partial<FlagContactRecord> = {}): FlagContactRecord {
  return { id: `K${++n}`, personId: 'C1', contactDate, decisionDate: outcome ? contactDate : null, outcome, outcomeJson: null, ...over };
}
function referral(referralDate: string, closeDate: string | null = null, personId = 'C1'): ReferralRecord {
  return { id: `R${++n}`, personId, referralDate, closeDate };
}
function allocation(professionalId: string, startDate: string, endDate: string | null, role = 'CW'): InvolvementRecord {
  return { personId: 'C1', professionalId, role, startDate, endDate };
}

describe('repeat-contacts-nfa', () => {
  it('flags three contacts in the period all ending in NFA, since the third', () => {
    const contacts = [contact('2025-06-01', 'nfa'), contact('2025-09-01', 'nfa'), contact('2026-02-01', 'nfa')];
    expect(repeatContactsNfaFlag('C1', contacts, AS_OF)).toEqual({
      childId: 'C1',
      flag: 'repeat-contacts-nfa',
      since: '2026-02-01',
      reason: '3 contacts in 12 months, all NFA (first 2025-06-01, latest 2026-02-01)',
    });
  });

  it('counts advice only as no further action, and says so', () => {
    const contacts = [contact('2025-06-01', 'nfa'), contact('2025-09-01', 'advice'), contact('2026-02-01', 'nfa'), contact('2026-03-01', 'nfa')];
    expect(repeatContactsNfaFlag('C1', contacts, AS_OF)?.reason).toBe('4 contacts in 12 months, all NFA or advice only (first 2025-06-01, latest 2026-03-01)');
  });

  it('does not flag when one ended in a referral, or when the third is not yet decided', () => {
    expect(repeatContactsNfaFlag('C1', [contact('2025-06-01', 'nfa'), contact('2025-09-01', 'referral'), contact('2026-02-01', 'nfa')], AS_OF)).toBeNull();
    expect(repeatContactsNfaFlag('C1', [contact('2025-06-01', 'nfa'), contact('2025-09-01', 'nfa'), contact('2026-03-30', null)], AS_OF)).toBeNull();
    // Decided after asOf: not known then.
    const late = contact('2026-03-30', 'nfa', { decisionDate: '2026-04-01' });
    expect(repeatContactsNfaFlag('C1', [contact('2025-06-01', 'nfa'), contact('2025-09-01', 'nfa'), late], AS_OF)).toBeNull();
  });

  it('stays up while a fourth contact is being screened: an undecided contact neither counts nor clears it', () => {
    const contacts = [contact('2025-06-01', 'nfa'), contact('2025-09-01', 'advice'), contact('2026-02-01', 'nfa'), contact('2026-03-30', null)];
    expect(repeatContactsNfaFlag('C1', contacts, AS_OF)).toEqual({
      childId: 'C1',
      flag: 'repeat-contacts-nfa',
      since: '2026-02-01',
      reason: '3 contacts in 12 months, all NFA or advice only (first 2025-06-01, latest 2026-02-01)',
    });
  });

  it('counts contacts on the first and last days of the period, not the day before it', () => {
    const onEdges = [contact('2025-04-01', 'nfa'), contact('2025-09-01', 'nfa'), contact('2026-03-31', 'nfa')];
    expect(repeatContactsNfaFlag('C1', onEdges, AS_OF)?.since).toBe('2026-03-31');
    const before = [contact('2025-03-31', 'nfa'), contact('2025-09-01', 'nfa'), contact('2026-03-31', 'nfa')];
    expect(repeatContactsNfaFlag('C1', before, AS_OF)).toBeNull();
    // Two contacts are not three.
    expect(repeatContactsNfaFlag('C1', onEdges.slice(1), AS_OF)).toBeNull();
  });

  it('reads an SSD outcome JSON: Y/N or booleans, as an object or as text', () => {
    const imported = (outcomeJson: unknown) => contact('2026-01-01', null, { outcomeJson });
    expect(contactOutcomeKind(imported({ NFA_FLAG: 'Y', NEW_REFERRAL_FLAG: 'N', NUMBER_OF_OUTCOMES: 1 }), AS_OF)).toBe('nfa');
    expect(contactOutcomeKind(imported('{"NFA_FLAG": true, "ADVICE_FLAG": true}'), AS_OF)).toBe('advice');
    expect(contactOutcomeKind(imported({ NFA_FLAG: 'Y', OTHER_OUTCOMES_EXIST_FLAG: 'Y' }), AS_OF)).toBe('other');
    expect(contactOutcomeKind(imported({ NEW_REFERRAL_FLAG: true }), AS_OF)).toBe('other');
    expect(contactOutcomeKind(imported({ NFA_FLAG: 'N' }), AS_OF)).toBe('undecided');
    expect(contactOutcomeKind(imported('not json'), AS_OF)).toBe('undecided');
    const three = ['2025-06-01', '2025-09-01', '2026-02-01'].map((d) => contact(d, null, { outcomeJson: { NFA_FLAG: 'Y' } }));
    expect(repeatContactsNfaFlag('C1', three, AS_OF)?.since).toBe('2026-02-01');
  });
});

describe('repeat-referrals', () => {
  it('flags three referrals in the period, since the third', () => {
    const referrals = [referral('2025-04-01', '2025-04-01'), referral('2025-08-10', '2025-09-01'), referral('2026-01-15')];
    expect(repeatReferralsFlag('C1', referrals, AS_OF)).toEqual({
      childId: 'C1',
      flag: 'repeat-referrals',
      since: '2026-01-15',
      reason: '3 referrals in 12 months (first 2025-04-01, latest 2026-01-15)',
    });
  });

  it('does not flag two, or a third before the period', () => {
    expect(repeatReferralsFlag('C1', [referral('2025-08-10'), referral('2026-01-15')], AS_OF)).toBeNull();
    expect(repeatReferralsFlag('C1', [referral('2025-03-31', '2025-04-02'), referral('2025-08-10'), referral('2026-01-15')], AS_OF)).toBeNull();
  });
});

describe('no-allocated-worker', () => {
  const open = [referral('2026-01-10')];

  it('flags an open CIN episode with no allocation ever, since the referral', () => {
    expect(noAllocatedWorkerFlag('C1', open, [], AS_OF)).toEqual({
      childId: 'C1',
      flag: 'no-allocated-worker',
      since: '2026-01-10',
      reason: 'CIN episode open since 2026-01-10 with no allocated worker',
    });
  });

  it('flags from the day after the last allocation ended', () => {
    expect(noAllocatedWorkerFlag('C1', open, [allocation('W1', '2026-01-12', '2026-02-14')], AS_OF)).toEqual({
      childId: 'C1',
      flag: 'no-allocated-worker',
      since: '2026-02-15',
      reason: 'CIN episode open since 2026-01-10; no allocated worker since the last allocation ended on 2026-02-14',
    });
  });

  it('counts only case-holding roles: an IRO is not an allocation', () => {
    expect(noAllocatedWorkerFlag('C1', open, [allocation('W9', '2026-01-12', null, 'IRO')], AS_OF)?.since).toBe('2026-01-10');
    expect(noAllocatedWorkerFlag('C1', open, [allocation('W1', '2026-01-12', null, 'Allocated Case Worker')], AS_OF)).toBeNull();
    expect(noAllocatedWorkerFlag('C1', open, [allocation('W1', '2026-01-12', null, '16PLUS')], AS_OF)).toBeNull();
  });

  it('treats an allocation or episode ending on asOf as still open that day', () => {
    expect(noAllocatedWorkerFlag('C1', open, [allocation('W1', '2026-01-12', AS_OF)], AS_OF)).toBeNull();
    expect(noAllocatedWorkerFlag('C1', [referral('2026-01-10', AS_OF)], [], AS_OF)?.flag).toBe('no-allocated-worker');
    expect(noAllocatedWorkerFlag('C1', [referral('2026-01-10', '2026-03-30')], [], AS_OF)).toBeNull();
    // An allocation starting after asOf is not open on it.
    expect(noAllocatedWorkerFlag('C1', open, [allocation('W1', '2026-04-01', null)], AS_OF)?.since).toBe('2026-01-10');
  });
});

describe('worker-changes', () => {
  it('flags three distinct allocated workers overlapping the period, since the third was allocated', () => {
    // W1's allocation ends on the first day of the period, so it overlaps.
    const involvements = [allocation('W1', '2025-01-01', '2025-04-01'), allocation('W2', '2025-04-02', '2025-10-31'), allocation('W3', '2025-11-01', null)];
    expect(workerChangesFlag('C1', involvements, AS_OF)).toEqual({
      childId: 'C1',
      flag: 'worker-changes',
      since: '2025-11-01',
      reason: '3 different allocated workers in 12 months (the third allocated on 2025-11-01)',
    });
  });

  it('does not count an allocation ended before the period, the same worker twice, or a non-allocation role', () => {
    expect(workerChangesFlag('C1', [allocation('W1', '2025-01-01', '2025-03-31'), allocation('W2', '2025-04-02', '2025-10-31'), allocation('W3', '2025-11-01', null)], AS_OF)).toBeNull();
    expect(workerChangesFlag('C1', [allocation('W1', '2025-05-01', '2025-06-30'), allocation('W2', '2025-07-01', '2025-10-31'), allocation('W1', '2025-11-01', null)], AS_OF)).toBeNull();
    expect(workerChangesFlag('C1', [allocation('W1', '2025-05-01', '2025-06-30'), allocation('W2', '2025-07-01', null), allocation('W3', '2025-11-01', null, 'IRO')], AS_OF)).toBeNull();
  });
});

describe('allocation roles', () => {
  it('takes the SSD codes CW and 16PLUS and their descriptions', () => {
    for (const role of ['CW', 'cw', '16PLUS', 'Allocated Case Worker', 'allocated social worker', 'Personal Adviser', 'Leaving-care worker']) {
      expect(isAllocationRole(role), role).toBe(true);
    }
    for (const role of ['IRO', 'Team Manager', 'Assessing worker', '']) expect(isAllocationRole(role), role).toBe(false);
  });
});

describe('all flags', () => {
  it('lists every flag for a child in a fixed order, and every child sorted', () => {
    const records = {
      contacts: ['2025-06-01', '2025-09-01', '2026-02-01'].map((d) => contact(d, 'nfa', { personId: 'C2' })),
      referrals: [referral('2025-06-02', '2025-06-02', 'C2'), referral('2025-09-02', '2025-09-02', 'C2'), referral('2026-02-02', null, 'C2'), referral('2026-03-01', null, 'C1')],
      involvements: [] as InvolvementRecord[],
    };
    expect(flagsFromRecords(records, AS_OF).map((f) => [f.childId, f.flag, f.since])).toEqual([
      ['C1', 'no-allocated-worker', '2026-03-01'],
      ['C2', 'repeat-contacts-nfa', '2026-02-01'],
      ['C2', 'repeat-referrals', '2026-02-02'],
      ['C2', 'no-allocated-worker', '2026-02-02'],
    ]);
    // One child's flags from the whole council's records.
    expect(flagsForChild('C1', records, AS_OF).map((f) => f.flag)).toEqual(['no-allocated-worker']);
  });
});
