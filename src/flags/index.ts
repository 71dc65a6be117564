// Practice flags' public face, for pages, the API and indicators.
export { computeFlags } from './compute-flags.ts';
export { loadFlagRecords, type FlagScope } from './load-flag-records.ts';
export { flagsForChild, flagsFromRecords } from './flags-from-records.ts';
export { repeatContactsNfaFlag } from './repeat-contacts-nfa.ts';
export { repeatReferralsFlag } from './repeat-referrals.ts';
export { noAllocatedWorkerFlag } from './no-allocated-worker.ts';
export { workerChangesFlag } from './worker-changes.ts';
export { isAllocationRole, allocationsOf } from './allocation.ts';
export { contactOutcomeKind, endedInNfaOrAdvice, type ContactOutcomeKind } from './contact-outcome.ts';
export { FLAG_IDS, type FlagId, type PracticeFlag, type FlagRecords, type FlagContactRecord, type InvolvementRecord } from './practice-flag.ts';
