// The statutory clocks as data (INTERFACES.md "tiller clocks"; reference/inspection-and-timescales.md §3).
// One engine (engine.ts) evaluates every rule; subjects.ts says which records each rule's subject, start
// and completions come from. To change a timescale, change it here (or, where marked, in council settings).

export type ClockRuleId =
  | 'contact-decision'
  | 'assessment-45wd'
  | 'icpc-15wd'
  | 'cp-review'
  | 'cp-visit'
  | 'cin-visit'
  | 'cla-visit'
  | 'cla-review'
  | 'health-assessment'
  | 'pathway-plan-review'
  | 'pa-contact'
  | 'supervision';

/** What a clock is about; when it ends, the clock stops. */
export type ClockSubjectKind =
  | 'contact'
  | 'referral'
  | 's47-enquiry'
  | 'cp-plan'
  | 'cin-plan'
  | 'placement'
  | 'period-of-care'
  | 'care-leaver-entitlement'
  | 'worker';

export type IntervalUnit = 'working_days' | 'days' | 'weeks' | 'calendar_months';

export interface Interval {
  unit: IntervalUnit;
  n: number;
}

/**
 * When a due-interval variant applies. Each is judged on the start date of the instance (the subject's
 * start, or the previous completion), so a visit interval that crosses a placement's first anniversary is
 * chosen on the date of the previous visit.
 */
export type IntervalCondition =
  | 'first' //                 the subject's first instance
  | 'second' //                the instance after the first completion
  | 'placement-first-year' //  starts before the placement's first anniversary
  | 'long-term-to-18' //       the placement is long-term fostering to 18 (type U1 or U4, or marked so)
  | 'weekly-until-first-review' // a reg 28(3)/(4) variant: before the first review after the placement started
  | 'connected-person-temporary' // reg 28(4): a connected person with temporary approval (after the first review)
  | 'under-5' //               the child is under 5 on the instance's start date
  | 'always';

export interface DueVariant {
  when: IntervalCondition;
  interval: Interval;
}

export type CouncilSettingKey = 'cp_visit_interval' | 'cin_visit_interval' | 'supervision_interval';

export interface ClockRule {
  id: ClockRuleId;
  title: string;
  subject: ClockSubjectKind;
  /** What starts the first instance (prose, for pages and docs). */
  start: string;
  /** What completes an instance. */
  completion: string;
  /** Each completion starts the next instance (visits, reviews); otherwise one instance per subject. */
  repeats: boolean;
  /** The first variant whose condition holds gives the interval; the last is always `always`. */
  due: readonly DueVariant[];
  /** A council may replace the interval (these rules have a single `always` variant). */
  councilSetting?: CouncilSettingKey;
}

const WD = (n: number): Interval => ({ unit: 'working_days', n });
const DAYS = (n: number): Interval => ({ unit: 'days', n });
const WEEKS = (n: number): Interval => ({ unit: 'weeks', n });
const MONTHS = (n: number): Interval => ({ unit: 'calendar_months', n });

export const CLOCK_RULES: readonly ClockRule[] = [
  {
    id: 'contact-decision',
    title: 'Contact decision',
    subject: 'contact',
    start: 'contact date',
    completion: 'decision recorded',
    repeats: false,
    due: [{ when: 'always', interval: WD(1) }],
  },
  {
    id: 'assessment-45wd',
    title: 'Assessment authorised',
    subject: 'referral',
    // Statutory guidance measures from the referral; the DfE indicator measures from assessment start.
    start: 'referral date',
    completion: 'assessment authorised',
    repeats: false,
    due: [{ when: 'always', interval: WD(45) }],
  },
  {
    id: 'icpc-15wd',
    title: 'Initial child protection conference',
    subject: 's47-enquiry',
    start: 'S47 enquiry start (strategy discussion)',
    completion: 'ICPC held',
    repeats: false,
    due: [{ when: 'always', interval: WD(15) }],
  },
  {
    id: 'cp-review',
    title: 'Child protection review conference',
    subject: 'cp-plan',
    start: 'ICPC, then each review',
    completion: 'review conference held',
    repeats: true,
    due: [
      { when: 'first', interval: MONTHS(3) },
      { when: 'always', interval: MONTHS(6) },
    ],
  },
  {
    id: 'cp-visit',
    title: 'Child protection visit',
    subject: 'cp-plan',
    start: 'CP plan start, then each visit',
    completion: 'CP visit',
    repeats: true,
    due: [{ when: 'always', interval: WD(10) }],
    councilSetting: 'cp_visit_interval',
  },
  {
    id: 'cin-visit',
    title: 'Child in need visit',
    subject: 'cin-plan',
    start: 'CIN plan start, then each visit',
    completion: 'CIN visit',
    repeats: true,
    due: [{ when: 'always', interval: WD(20) }],
    councilSetting: 'cin_visit_interval',
  },
  {
    id: 'cla-visit',
    title: 'Child in care visit (regulation 28)',
    subject: 'placement',
    start: 'placement start, then each visit',
    completion: 'CLA visit',
    repeats: true,
    due: [
      { when: 'first', interval: DAYS(7) },
      // Regulation 28(3) and (4): weekly until the first review; then 4 weeks for a connected person.
      { when: 'weekly-until-first-review', interval: WEEKS(1) },
      { when: 'connected-person-temporary', interval: WEEKS(4) },
      { when: 'placement-first-year', interval: WEEKS(6) },
      { when: 'long-term-to-18', interval: MONTHS(3) },
      { when: 'always', interval: WEEKS(6) },
    ],
  },
  {
    id: 'cla-review',
    title: 'Child in care review',
    subject: 'period-of-care',
    start: 'start of the period of care, then each review',
    completion: 'review held (not cancelled)',
    repeats: true,
    due: [
      { when: 'first', interval: WD(20) },
      { when: 'second', interval: MONTHS(3) },
      { when: 'always', interval: MONTHS(6) },
    ],
  },
  {
    id: 'health-assessment',
    title: 'Health assessment',
    subject: 'period-of-care',
    start: 'start of the period of care, then each health assessment',
    completion: 'initial or review health assessment',
    repeats: true,
    due: [
      { when: 'first', interval: WD(20) },
      { when: 'under-5', interval: MONTHS(6) },
      { when: 'always', interval: MONTHS(12) },
    ],
  },
  {
    id: 'pathway-plan-review',
    title: 'Pathway plan review',
    subject: 'care-leaver-entitlement',
    start: 'previous pathway plan',
    completion: 'pathway plan or its review',
    repeats: true,
    due: [{ when: 'always', interval: MONTHS(6) }],
  },
  {
    id: 'pa-contact',
    title: 'Personal adviser contact',
    subject: 'care-leaver-entitlement',
    start: 'previous personal adviser contact',
    completion: 'personal adviser contact',
    repeats: true,
    due: [{ when: 'always', interval: MONTHS(2) }],
  },
  {
    id: 'supervision',
    title: 'Supervision',
    subject: 'worker',
    start: 'previous supervision of the worker',
    completion: 'supervision recorded',
    repeats: true,
    due: [{ when: 'always', interval: MONTHS(1) }],
    councilSetting: 'supervision_interval',
  },
];

export function clockRule(id: ClockRuleId): ClockRule {
  const rule = CLOCK_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no clock rule ${id}`);
  return rule;
}

export function describeInterval({ unit, n }: Interval): string {
  const words: Record<IntervalUnit, [string, string]> = {
    working_days: ['working day', 'working days'],
    days: ['day', 'days'],
    weeks: ['week', 'weeks'],
    calendar_months: ['calendar month', 'calendar months'],
  };
  return `${n} ${words[unit][n === 1 ? 0 : 1]}`;
}
