// The clock rules on small hand-made records, with the expected dates worked by hand in the comments.
// Calendar notes: 2026-01-05 is a Monday; Good Friday 2026-04-03 and Easter Monday 2026-04-06 are bank
// holidays; Christmas 2027 falls on a Saturday and Boxing Day on a Sunday, so Mon 27 and Tue 28 December
// 2027 are the substitute bank holidays.
import { describe, expect, it } from 'vitest';
import type { ClockInstance } from './clock-instance.ts';
import { emptyClockRecords, type ClockRecords } from './clock-records.ts';
import { CLOCK_SETTING_DEFAULTS, clockSettingsFrom, parseClockSetting } from './clock-settings.ts';
import { clocksFromRecords } from './clocks-from-records.ts';
import type { ClockSettings } from './engine.ts';
import { reportingPeriod } from './period.ts';
import { CLOCK_RULES, type ClockRuleId } from './rules.ts';

function records(partial: Partial<ClockRecords>): ClockRecords {
  return { ...emptyClockRecords(), ...partial };
}

/** The listed instances of one rule, as [start, due, completed, status] rows. */
function clocks(r: Partial<ClockRecords>, asOf: string, rule: ClockRuleId, subjectId?: string, settings?: ClockSettings): [string, string, string | null, string][] {
  return clocksFromRecords(records(r), asOf, settings)
    .filter((c) => c.rule === rule && (subjectId === undefined || c.subjectId === subjectId))
    .map((c) => [c.startDate, c.dueDate, c.completedDate, c.status]);
}

const child = (id: string, dob: string | null = '2015-06-01', deathDate: string | null = null) => ({ id, dob, deathDate });

describe('the rules', () => {
  it('has every rule INTERFACES.md lists, each ending with an unconditional interval', () => {
    expect(CLOCK_RULES.map((r) => r.id).sort()).toEqual(
      [
        'contact-decision',
        'assessment-45wd',
        'icpc-15wd',
        'cp-review',
        'cp-visit',
        'cin-visit',
        'cla-visit',
        'cla-review',
        'health-assessment',
        'pathway-plan-review',
        'pa-contact',
        'supervision',
      ].sort(),
    );
    for (const rule of CLOCK_RULES) {
      expect(rule.due.at(-1)?.when, rule.id).toBe('always');
      if (rule.councilSetting) expect(rule.due, rule.id).toHaveLength(1);
    }
  });

  it('takes the reporting period as the 12 months ending on asOf', () => {
    expect(reportingPeriod('2026-03-31')).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    // 29 February: a year earlier is clamped to 28 February, so the period starts on 1 March.
    expect(reportingPeriod('2028-02-29')).toEqual({ start: '2027-03-01', end: '2028-02-29' });
  });
});

describe('council settings', () => {
  it('defaults to the rules: CP visits 10 working days, CIN visits 20, supervision 1 month', () => {
    expect(CLOCK_SETTING_DEFAULTS).toEqual({
      cp_visit_interval: { unit: 'working_days', n: 10 },
      cin_visit_interval: { unit: 'working_days', n: 20 },
      supervision_interval: { unit: 'calendar_months', n: 1 },
    });
  });

  it('reads an interval, or a bare number in the default unit, and refuses anything else', () => {
    expect(parseClockSetting('cin_visit_interval', { unit: 'weeks', n: 4 })).toEqual({ unit: 'weeks', n: 4 });
    expect(parseClockSetting('cp_visit_interval', 15)).toEqual({ unit: 'working_days', n: 15 });
    for (const bad of [0, 2.5, '10', { unit: 'fortnights', n: 1 }, { unit: 'days' }, null]) {
      expect(() => parseClockSetting('cp_visit_interval', bad), JSON.stringify(bad)).toThrow(/cp_visit_interval/);
    }
    expect(clockSettingsFrom([{ id: 'child_population_0_17', value: 52000 }, { id: 'supervision_interval', value: 2 }])).toEqual({
      supervision_interval: { unit: 'calendar_months', n: 2 },
    });
  });
});

describe('contact-decision (1 working day)', () => {
  const contact = (id: string, contactDate: string, decisionDate: string | null, fromImport = false) => ({ id, personId: 'C1', contactDate, decisionDate, fromImport });

  it('skips Easter: a contact on Thursday 2 April 2026 is due on Tuesday 7 April', () => {
    // Fri 3 (Good Friday), Sat 4, Sun 5, Mon 6 (Easter Monday) are not working days.
    expect(clocks({ contacts: [contact('K1', '2026-04-02', '2026-04-07')] }, '2026-04-30', 'contact-decision')).toEqual([
      ['2026-04-02', '2026-04-07', '2026-04-07', 'met'],
    ]);
  });

  it('is met by a decision on the same day, and missed by one two working days later', () => {
    // Friday 9 January 2026 + 1 working day = Monday 12 January; decided Tuesday 13th: missed.
    const r = { contacts: [contact('K1', '2026-03-10', '2026-03-10'), contact('K2', '2026-01-09', '2026-01-13')] };
    expect(clocks(r, '2026-03-31', 'contact-decision', 'K1')).toEqual([['2026-03-10', '2026-03-11', '2026-03-10', 'met']]);
    expect(clocks(r, '2026-03-31', 'contact-decision', 'K2')).toEqual([['2026-01-09', '2026-01-12', '2026-01-13', 'missed']]);
  });

  it('skips the Christmas 2027 substitute days: due on the day is due, a day later overdue', () => {
    // Fri 24 December 2027: Sat 25, Sun 26, Mon 27 and Tue 28 (substitutes) are not working days → Wed 29.
    const r = { contacts: [contact('K1', '2027-12-24', null)] };
    expect(clocks(r, '2027-12-29', 'contact-decision')).toEqual([['2027-12-24', '2027-12-29', null, 'due']]);
    expect(clocks(r, '2027-12-30', 'contact-decision')).toEqual([['2027-12-24', '2027-12-29', null, 'overdue']]);
  });

  it('is absent for an imported contact with no decision date, and ignores a decision after asOf', () => {
    const r = { contacts: [contact('K1', '2026-03-02', null, true), contact('K2', '2026-03-02', '2026-03-20')] };
    // As at 19 March the decision of the 20th is not yet made: due Tue 3 March, so overdue.
    expect(clocksFromRecords(records(r), '2026-03-19').map((c) => [c.subjectId, c.status])).toEqual([['K2', 'overdue']]);
  });
});

describe('assessment-45wd (from the referral)', () => {
  // Referral Monday 5 January 2026 + 45 working days = Monday 9 March 2026 (9 whole weeks, no holidays).
  const referral = (closeDate: string | null = null) => ({ id: 'R1', personId: 'C1', referralDate: '2026-01-05', closeDate });

  it('measures from the referral, not the assessment start', () => {
    // Authorised 10 March: within 45 working days of an assessment started on 20 January, but not of the referral.
    expect(clocks({ referrals: [referral()], assessments: [{ cinEpisodeId: 'R1', authorisedDate: '2026-03-10' }] }, '2026-03-31', 'assessment-45wd')).toEqual([
      ['2026-01-05', '2026-03-09', '2026-03-10', 'missed'],
    ]);
    expect(clocks({ referrals: [referral()], assessments: [{ cinEpisodeId: 'R1', authorisedDate: '2026-03-09' }] }, '2026-03-31', 'assessment-45wd')).toEqual([
      ['2026-01-05', '2026-03-09', '2026-03-09', 'met'],
    ]);
  });

  it('is due, then overdue, while nothing is authorised', () => {
    expect(clocks({ referrals: [referral()] }, '2026-03-09', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', null, 'due']]);
    expect(clocks({ referrals: [referral()] }, '2026-03-10', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', null, 'overdue']]);
  });

  it('stops when the referral closes on or before the due date, and is missed when it closes after it', () => {
    expect(clocks({ referrals: [referral('2026-02-02')] }, '2026-03-31', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', null, 'stopped']]);
    expect(clocks({ referrals: [referral('2026-03-09')] }, '2026-03-31', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', null, 'stopped']]);
    expect(clocks({ referrals: [referral('2026-03-20')] }, '2026-03-31', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', null, 'missed']]);
    // A close date after asOf is not yet known.
    expect(clocks({ referrals: [referral('2026-04-20')] }, '2026-03-31', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', null, 'overdue']]);
  });

  it('counts a completion on the day the referral closes, but not the day after', () => {
    const on = { referrals: [referral('2026-02-10')], assessments: [{ cinEpisodeId: 'R1', authorisedDate: '2026-02-10' }] };
    expect(clocks(on, '2026-03-31', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', '2026-02-10', 'met']]);
    const after = { referrals: [referral('2026-02-10')], assessments: [{ cinEpisodeId: 'R1', authorisedDate: '2026-02-11' }] };
    expect(clocks(after, '2026-03-31', 'assessment-45wd')).toEqual([['2026-01-05', '2026-03-09', null, 'stopped']]);
  });

  it('stops at the death of the child', () => {
    expect(clocks({ persons: [child('C1', '2015-06-01', '2026-02-01')], referrals: [referral()] }, '2026-03-31', 'assessment-45wd')).toEqual([
      ['2026-01-05', '2026-03-09', null, 'stopped'],
    ]);
  });
});

describe('icpc-15wd', () => {
  // S47 start Monday 23 March 2026 + 15 working days, skipping Good Friday and Easter Monday = Wednesday 15 April.
  const s47 = (over: Partial<ClockRecords['s47Enquiries'][number]> = {}) => ({
    id: 'S1',
    cinEpisodeId: 'R1',
    personId: 'C1',
    startDate: '2026-03-23',
    strategyDiscussionDate: null,
    endDate: null,
    icpcRequired: null,
    ...over,
  });
  const icpc = (conferenceDate: string, s47EnquiryId: string | null = 'S1', transferIn = false) => ({ cinEpisodeId: 'R1', s47EnquiryId, conferenceDate, transferIn });

  it('runs on after an enquiry that calls a conference ends, until the ICPC', () => {
    const called = s47({ endDate: '2026-04-01', icpcRequired: true });
    expect(clocks({ s47Enquiries: [called], icpcs: [icpc('2026-04-14')] }, '2026-04-30', 'icpc-15wd')).toEqual([['2026-03-23', '2026-04-15', '2026-04-14', 'met']]);
    expect(clocks({ s47Enquiries: [called], icpcs: [icpc('2026-04-20')] }, '2026-04-30', 'icpc-15wd')).toEqual([['2026-03-23', '2026-04-15', '2026-04-20', 'missed']]);
    expect(clocks({ s47Enquiries: [called] }, '2026-04-30', 'icpc-15wd')).toEqual([['2026-03-23', '2026-04-15', null, 'overdue']]);
  });

  it('stops when the enquiry ends with no conference required', () => {
    expect(clocks({ s47Enquiries: [s47({ endDate: '2026-04-01', icpcRequired: false })] }, '2026-04-30', 'icpc-15wd')).toEqual([
      ['2026-03-23', '2026-04-15', null, 'stopped'],
    ]);
  });

  it('starts from the strategy discussion when the enquiry has no start date, and takes an unlinked ICPC in the referral', () => {
    const r = { s47Enquiries: [s47({ startDate: null, strategyDiscussionDate: '2026-03-23' })], icpcs: [icpc('2026-04-15', null)] };
    expect(clocks(r, '2026-04-30', 'icpc-15wd')).toEqual([['2026-03-23', '2026-04-15', '2026-04-15', 'met']]);
    // A transfer-in conference does not follow this enquiry.
    expect(clocks({ s47Enquiries: [s47()], icpcs: [icpc('2026-04-10', null, true)] }, '2026-04-30', 'icpc-15wd')).toEqual([
      ['2026-03-23', '2026-04-15', null, 'overdue'],
    ]);
  });
});

describe('cp-review (3 months from the ICPC, then 6)', () => {
  it('clamps to the month end and counts each review from the previous one', () => {
    // ICPC 30 November 2025 + 3 months = 28 February 2026 (no 30 February). Review held 27 February:
    // met; the next is due 6 months after the review held, 27 August 2026.
    const r = {
      cpPlans: [{ id: 'P1', personId: 'C1', startDate: '2025-11-30', endDate: null, icpcDate: '2025-11-30' }],
      cpReviews: [{ cpPlanId: 'P1', reviewDate: '2026-02-27' }],
    };
    expect(clocks(r, '2026-03-31', 'cp-review')).toEqual([
      ['2025-11-30', '2026-02-28', '2026-02-27', 'met'],
      ['2026-02-27', '2026-08-27', null, 'due'],
    ]);
  });
});

describe('cp-visit (10 working days, a council setting)', () => {
  // Plan starts Monday 2 March 2026, due 2 Mar + 10 WD = Mon 16 March, with a visit the same day: met at once.
  // That visit starts the next: due 16 March too; visit Fri 13 Mar: met.
  // 13 Mar + 10 WD = Fri 27 Mar; visit Mon 30 Mar: missed.
  // 30 Mar + 10 WD: 31 Mar, 1, 2, (3 and 6 April are bank holidays) 7, 8, 9, 10, 13, 14, 15 April.
  const plan = (endDate: string | null = null) => ({ id: 'P1', personId: 'C1', startDate: '2026-03-02', endDate, icpcDate: null });
  const visit = (visitDate: string) => ({ visitType: 'cp' as const, personId: 'C1', cinPlanId: null, cpPlanId: 'P1', periodOfCareId: null, visitDate });
  const visits = ['2026-03-02', '2026-03-13', '2026-03-30'].map(visit);

  it('repeats from each visit, a same-day visit meeting the first; two visits on one day count once', () => {
    expect(clocks({ cpPlans: [plan()], visits: [...visits, visit('2026-03-13')] }, '2026-03-31', 'cp-visit')).toEqual([
      ['2026-03-02', '2026-03-16', '2026-03-02', 'met'],
      ['2026-03-02', '2026-03-16', '2026-03-13', 'met'],
      ['2026-03-13', '2026-03-27', '2026-03-30', 'missed'],
      ['2026-03-30', '2026-04-15', null, 'due'],
    ]);
  });

  it('stops when the plan ends: the open visit clock is stopped, later visits do not count', () => {
    // The plan ends on 20 March, before the visit due on 27 March.
    expect(clocks({ cpPlans: [plan('2026-03-20')], visits }, '2026-03-31', 'cp-visit')).toEqual([
      ['2026-03-02', '2026-03-16', '2026-03-02', 'met'],
      ['2026-03-02', '2026-03-16', '2026-03-13', 'met'],
      ['2026-03-13', '2026-03-27', null, 'stopped'],
    ]);
  });

  it('ends with the visit made on the day the plan ends: it counts, and no clock starts after it', () => {
    expect(clocks({ cpPlans: [plan('2026-03-13')], visits }, '2026-03-31', 'cp-visit')).toEqual([
      ['2026-03-02', '2026-03-16', '2026-03-02', 'met'],
      ['2026-03-02', '2026-03-16', '2026-03-13', 'met'],
    ]);
  });

  it('uses the council setting: 15 working days from 2 March is 23 March', () => {
    // 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23 March.
    const settings: ClockSettings = { cp_visit_interval: { unit: 'working_days', n: 15 } };
    expect(clocks({ cpPlans: [plan()], visits: [visit('2026-03-02')] }, '2026-03-10', 'cp-visit', 'P1', settings)).toEqual([
      ['2026-03-02', '2026-03-23', '2026-03-02', 'met'],
      ['2026-03-02', '2026-03-23', null, 'due'],
    ]);
  });
});

describe('cin-visit (20 working days)', () => {
  it('counts visits naming the plan and unlinked visits to the child within the plan', () => {
    // Plan starts Monday 5 January 2026 + 20 WD = Monday 2 February. An unlinked visit on 30 January meets
    // it; 30 January + 20 WD = Friday 27 February. A visit to another child does not count.
    const r = {
      cinPlans: [{ id: 'N1', personId: 'C1', startDate: '2026-01-05', endDate: null }],
      visits: [
        { visitType: 'cin' as const, personId: 'C1', cinPlanId: null, cpPlanId: null, periodOfCareId: null, visitDate: '2026-01-30' },
        { visitType: 'cin' as const, personId: 'C2', cinPlanId: null, cpPlanId: null, periodOfCareId: null, visitDate: '2026-02-20' },
      ],
    };
    expect(clocks(r, '2026-03-31', 'cin-visit')).toEqual([
      ['2026-01-05', '2026-02-02', '2026-01-30', 'met'],
      ['2026-01-30', '2026-02-27', null, 'overdue'],
    ]);
  });
});

describe('cla-visit (regulation 28)', () => {
  const period = { id: 'L1', personId: 'C1', startDate: '2024-06-01', endDate: null };
  const visit = (visitDate: string) => ({ visitType: 'cla' as const, personId: 'C1', cinPlanId: null, cpPlanId: null, periodOfCareId: 'L1', visitDate });
  const placement = (id: string, startDate: string, endDate: string | null, placementType = 'U3', longTermTo18 = false) => ({
    id,
    periodOfCareId: 'L1',
    personId: 'C1',
    startDate,
    endDate,
    placementType,
    longTermTo18,
  });

  it('is due 7 days after a placement starts, then 6 weeks in its first year; a move restarts it', () => {
    // Placement A from Saturday 10 January 2026: first visit due 17 January; visited 16th (met).
    // First year: 16 January + 42 days = 27 February; visited 27th (met, on the due day).
    // Moved to placement B on 10 March, mid-interval: A's clock stops, B's first visit is due 17 March.
    // Visited 16 March; next 16 March + 42 days = 27 April.
    // A's stopped instance is listed once its due date (10 April) is in the period, so as at 30 April.
    const r = {
      periodsOfCare: [period],
      placements: [placement('A', '2026-01-10', '2026-03-10'), placement('B', '2026-03-10', null)],
      visits: ['2026-01-16', '2026-02-27', '2026-03-16'].map(visit),
    };
    expect(clocks(r, '2026-04-30', 'cla-visit', 'A')).toEqual([
      ['2026-01-10', '2026-01-17', '2026-01-16', 'met'],
      ['2026-01-16', '2026-02-27', '2026-02-27', 'met'],
      ['2026-02-27', '2026-04-10', null, 'stopped'],
    ]);
    expect(clocks(r, '2026-03-31', 'cla-visit', 'B')).toEqual([
      ['2026-03-10', '2026-03-17', '2026-03-16', 'met'],
      ['2026-03-16', '2026-04-27', null, 'due'],
    ]);
  });

  it('after the first year, is 3 months for long-term fostering (U1, U4 or marked) and 6 weeks otherwise, chosen at the previous visit', () => {
    // Placement from 1 June 2024; its first anniversary is 1 June 2025.
    // Visit 31 May 2025 (still the first year): 6 weeks, due 12 July 2025, even though that is in year two.
    // Visit 1 July 2025 (second year): long-term → 3 months, due 1 October 2025; otherwise 6 weeks, 12 August.
    const visits = ['2025-05-31', '2025-07-01'].map(visit);
    const listed = (pl: ReturnType<typeof placement>) => clocks({ periodsOfCare: [period], placements: [pl], visits }, '2025-07-31', 'cla-visit');
    const longTerm = [
      ['2025-05-31', '2025-07-12', '2025-07-01', 'met'],
      ['2025-07-01', '2025-10-01', null, 'due'],
    ];
    expect(listed(placement('U', '2024-06-01', null, 'U1'))).toEqual(expect.arrayContaining(longTerm));
    expect(listed(placement('U', '2024-06-01', null, 'U4'))).toEqual(expect.arrayContaining(longTerm));
    expect(listed(placement('U', '2024-06-01', null, 'U6', true))).toEqual(expect.arrayContaining(longTerm));
    expect(listed(placement('U', '2024-06-01', null, 'U6'))).toEqual(
      expect.arrayContaining([
        ['2025-05-31', '2025-07-12', '2025-07-01', 'met'],
        ['2025-07-01', '2025-08-12', null, 'due'],
      ]),
    );
  });

  it('takes a visit on the anniversary itself as in the second year', () => {
    // Visit 1 June 2025 (the anniversary): long-term → 3 months, 1 September 2025.
    const r = { periodsOfCare: [period], placements: [placement('U', '2024-06-01', null, 'U1')], visits: ['2025-06-01'].map(visit) };
    expect(clocks(r, '2025-06-30', 'cla-visit').at(-1)).toEqual(['2025-06-01', '2025-09-01', null, 'due']);
  });
});

describe('cla-review (20 working days, 3 months after the first, then 6 months)', () => {
  it('follows the sequence from the reviews actually held, skipping cancelled ones', () => {
    // Period of care from Monday 5 January 2026: first review due 2 February (20 WD); held 30 January.
    // Second: 30 January + 3 months = 30 April; a review on 10 April was cancelled; held 28 April.
    // Third: 28 April + 6 months = 28 October.
    const r = {
      periodsOfCare: [{ id: 'L1', personId: 'C1', startDate: '2026-01-05', endDate: null }],
      claReviews: [
        { periodOfCareId: 'L1', reviewDate: '2026-01-30', cancelled: false },
        { periodOfCareId: 'L1', reviewDate: '2026-04-10', cancelled: true },
        { periodOfCareId: 'L1', reviewDate: '2026-04-28', cancelled: false },
      ],
    };
    expect(clocks(r, '2026-05-31', 'cla-review')).toEqual([
      ['2026-01-05', '2026-02-02', '2026-01-30', 'met'],
      ['2026-01-30', '2026-04-30', '2026-04-28', 'met'],
      ['2026-04-28', '2026-10-28', null, 'due'],
    ]);
  });

  it('stops when the period of care ends', () => {
    const r = { periodsOfCare: [{ id: 'L1', personId: 'C1', startDate: '2026-01-05', endDate: '2026-01-20' }] };
    expect(clocks(r, '2026-03-31', 'cla-review')).toEqual([['2026-01-05', '2026-02-02', null, 'stopped']]);
  });
});

describe('health-assessment (initial 20 working days; then 6 months under 5, else 12)', () => {
  const periodFrom5Jan = { id: 'L1', personId: 'C1', startDate: '2026-01-05', endDate: null };
  const checks = [
    { personId: 'C1', checkType: 'initial_health_assessment', checkDate: '2026-01-20' },
    { personId: 'C1', checkType: 'dental', checkDate: '2026-01-10' },
  ];

  it('is due 6 months after the last assessment for a child under 5 on its date', () => {
    // Initial due 2 February (20 WD from 5 January), done 20 January (the dental check does not count).
    // Born 1 February 2021: 4 on 20 January 2026 (5 by the due date, but the age at the assessment decides),
    // so the review is due 20 July 2026.
    const r = { persons: [child('C1', '2021-02-01')], periodsOfCare: [periodFrom5Jan], healthChecks: checks };
    expect(clocks(r, '2026-03-31', 'health-assessment')).toEqual([
      ['2026-01-05', '2026-02-02', '2026-01-20', 'met'],
      ['2026-01-20', '2026-07-20', null, 'due'],
    ]);
  });

  it('is due 12 months after the last assessment for a child of 5 or over', () => {
    const r = { persons: [child('C1', '2015-06-01')], periodsOfCare: [periodFrom5Jan], healthChecks: checks };
    expect(clocks(r, '2026-03-31', 'health-assessment')).toEqual([
      ['2026-01-05', '2026-02-02', '2026-01-20', 'met'],
      ['2026-01-20', '2027-01-20', null, 'due'],
    ]);
  });
});

describe('pathway-plan-review and pa-contact (care leavers)', () => {
  it('runs 6 months from each pathway plan, from either the plans or an SSD care-leaver record', () => {
    // 30 September 2025 + 6 months = 30 March 2026: the review that day is met; next due 30 September 2026.
    const native = { persons: [child('Y1', '2007-05-01')], pathwayPlans: ['2025-09-30', '2026-03-30'].map((planDate) => ({ personId: 'Y1', planDate })) };
    expect(clocks(native, '2026-03-31', 'pathway-plan-review')).toEqual([
      ['2025-09-30', '2026-03-30', '2026-03-30', 'met'],
      ['2026-03-30', '2026-09-30', null, 'due'],
    ]);
    const imported = {
      persons: [child('Y1', '2007-05-01')],
      careLeavers: [{ personId: 'Y1', recordDate: '2026-03-01', eligibility: 'Former relevant', pathwayPlanReviewDate: '2025-10-15', latestContact: null }],
    };
    expect(clocks(imported, '2026-03-31', 'pathway-plan-review')).toEqual([['2025-10-15', '2026-04-15', null, 'due']]);
  });

  it('has no clock for a qualifying care leaver', () => {
    const r = {
      persons: [child('Y1', '2007-05-01')],
      careLeavers: [{ personId: 'Y1', recordDate: null, eligibility: 'qualifying', pathwayPlanReviewDate: '2025-10-15', latestContact: '2026-01-10' }],
    };
    expect(clocksFromRecords(records(r), '2026-03-31')).toEqual([]);
  });

  it('runs 2 calendar months from each PA contact, clamped, and stops at the 25th birthday', () => {
    // 31 December 2025 + 2 months = 28 February 2026; next contact 2 March: missed; due again 2 May 2026.
    const r = { persons: [child('Y1', '2005-05-01')], paContacts: ['2025-12-31', '2026-03-02'].map((contactDate) => ({ personId: 'Y1', contactDate })) };
    expect(clocks(r, '2026-03-31', 'pa-contact')).toEqual([
      ['2025-12-31', '2026-02-28', '2026-03-02', 'missed'],
      ['2026-03-02', '2026-05-02', null, 'due'],
    ]);
    // Born 20 February 2001: 25 on 20 February 2026, before the contact due on 10 March: the clock stops.
    const older = { persons: [child('Y2', '2001-02-20')], paContacts: [{ personId: 'Y2', contactDate: '2026-01-10' }] };
    expect(clocks(older, '2026-03-31', 'pa-contact')).toEqual([['2026-01-10', '2026-03-10', null, 'stopped']]);
  });
});

describe('supervision (1 calendar month, about a worker)', () => {
  it('clamps 31 January + 1 month to 28 February and counts on from the supervision held', () => {
    // 31 January 2026 → due 28 February; held 28 February (met) → next due 28 March, from the date held.
    const r = { supervisions: ['2026-01-31', '2026-02-28'].map((supervisionDate) => ({ professionalId: 'W1', supervisionDate })), professionals: [{ id: 'W1', endDate: null }] };
    const listed = clocksFromRecords(records(r), '2026-03-31');
    expect(listed).toEqual<ClockInstance[]>([
      { childId: null, workerId: 'W1', rule: 'supervision', subjectId: 'W1', startDate: '2026-01-31', dueDate: '2026-02-28', completedDate: '2026-02-28', status: 'met' },
      { childId: null, workerId: 'W1', rule: 'supervision', subjectId: 'W1', startDate: '2026-02-28', dueDate: '2026-03-28', completedDate: null, status: 'overdue' },
    ]);
  });

  it('stops when the worker leaves', () => {
    const r = { supervisions: [{ professionalId: 'W1', supervisionDate: '2026-01-31' }], professionals: [{ id: 'W1', endDate: '2026-02-13' }] };
    expect(clocks(r, '2026-03-31', 'supervision')).toEqual([['2026-01-31', '2026-02-28', null, 'stopped']]);
  });
});

describe('which instances are listed, and in what order', () => {
  it('lists open instances however old, and closed ones only when due or completed in the period', () => {
    // CP plan from 2 March 2026; visits every week until 30 March. As at 30 April 2027 (period from 1 May
    // 2026) the earlier instances were due and completed before the period (the last of them due 8 April
    // 2026): only the open one, due 15 April 2026, is listed.
    const r = {
      cpPlans: [{ id: 'P1', personId: 'C1', startDate: '2026-03-02', endDate: null, icpcDate: null }],
      visits: ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'].map((visitDate) => ({
        visitType: 'cp' as const,
        personId: 'C1',
        cinPlanId: null,
        cpPlanId: 'P1',
        periodOfCareId: null,
        visitDate,
      })),
    };
    expect(clocks(r, '2027-04-30', 'cp-visit')).toEqual([['2026-03-30', '2026-04-15', null, 'overdue']]);
  });

  it('ignores a subject that starts after asOf', () => {
    expect(clocksFromRecords(records({ referrals: [{ id: 'R1', personId: 'C1', referralDate: '2026-04-01', closeDate: null }] }), '2026-03-31')).toEqual([]);
  });

  it('sorts by child, rule, subject and start, with the workers’ supervision last', () => {
    const r = records({
      referrals: [
        { id: 'R2', personId: 'C2', referralDate: '2026-03-02', closeDate: null },
        { id: 'R1', personId: 'C1', referralDate: '2026-03-02', closeDate: null },
      ],
      contacts: [{ id: 'K1', personId: 'C2', contactDate: '2026-03-02', decisionDate: '2026-03-02', fromImport: false }],
      supervisions: [{ professionalId: 'W1', supervisionDate: '2026-03-01' }],
      professionals: [{ id: 'W1', endDate: null }],
    });
    expect(clocksFromRecords(r, '2026-03-31').map((c) => [c.childId, c.rule, c.subjectId])).toEqual([
      ['C1', 'assessment-45wd', 'R1'],
      ['C2', 'assessment-45wd', 'R2'],
      ['C2', 'contact-decision', 'K1'],
      [null, 'supervision', 'W1'],
    ]);
  });
});
