import type { ClockRuleId } from '../clocks/rules.ts';
import type { FlagId } from '../flags/practice-flag.ts';

export const CLOCK_LABELS: Record<ClockRuleId, string> = {
  'contact-decision': 'Contact decision',
  'assessment-45wd': 'Assessment (45 working days)',
  'icpc-15wd': 'Initial conference (15 working days)',
  'cp-review': 'Child protection review',
  'cp-visit': 'Child protection visit',
  'cin-visit': 'Child in need visit',
  'cla-visit': 'Looked-after visit',
  'cla-review': 'Looked-after review',
  'health-assessment': 'Health assessment',
  'pathway-plan-review': 'Pathway plan review',
  'pa-contact': 'Personal adviser contact',
  supervision: 'Supervision',
};

export const FLAG_LABELS: Record<FlagId, string> = {
  'repeat-contacts-nfa': 'Repeat contacts closed with no further action',
  'repeat-referrals': 'Repeat referrals',
  'no-allocated-worker': 'No allocated worker',
  'worker-changes': 'Three or more social workers in a year',
};
