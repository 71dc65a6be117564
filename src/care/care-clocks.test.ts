// The clocks of a child in care and a care leaver (issue 5), on hand-made records, each date worked by hand
// in the comments. Calendar notes: 2 March 2026 is a Monday; Good Friday 3 April and Easter Monday 6 April
// 2026 are bank holidays.
import { describe, expect, it } from 'vitest';
import { emptyClockRecords, type ClockRecords, type PlacementRecord } from '../clocks/clock-records.ts';
import { clocksFromRecords } from '../clocks/clocks-from-records.ts';
import type { ClockRuleId } from '../clocks/rules.ts';

function clocks(r: Partial<ClockRecords>, asOf: string, rule: ClockRuleId, subjectId?: string): [string, string, string | null, string][] {
  return clocksFromRecords({ ...emptyClockRecords(), ...r }, asOf)
    .filter((c) => c.rule === rule && (subjectId === undefined || c.subjectId === subjectId))
    .map((c) => [c.startDate, c.dueDate, c.completedDate, c.status]);
}

const period = (startDate: string, endDate: string | null = null) => ({ id: 'L1', personId: 'C1', startDate, endDate });
const visit = (visitDate: string) => ({ visitType: 'cla' as const, personId: 'C1', cinPlanId: null, cpPlanId: null, periodOfCareId: 'L1', visitDate });
const review = (reviewDate: string, cancelled = false) => ({ periodOfCareId: 'L1', reviewDate, cancelled });
const placement = (id: string, startDate: string, endDate: string | null, placementType: string, extra: Partial<PlacementRecord> = {}): PlacementRecord => ({
  id,
  periodOfCareId: 'L1',
  personId: 'C1',
  startDate,
  endDate,
  placementType,
  longTermTo18: false,
  ...extra,
});

describe('cla-visit: regulation 28(2), the standard rule', () => {
  it('a child who moves in the middle of a visit interval is due a visit 7 days after the move', () => {
    // Placement A (U6) from Monday 5 January 2026: first visit due 12 January; visited Friday 9 January (met).
    // Next due 9 January + 6 weeks = 20 February. The child moves on Wednesday 28 January, mid-interval:
    // A's clock stops (it ended before the due date), and B's first visit is due 28 January + 7 = 4 February.
    const r = { periodsOfCare: [period('2026-01-05')], placements: [placement('A', '2026-01-05', '2026-01-28', 'U6'), placement('B', '2026-01-28', null, 'U6')], visits: [visit('2026-01-09')] };
    expect(clocks(r, '2026-02-02', 'cla-visit', 'B')).toEqual([['2026-01-28', '2026-02-04', null, 'due']]);
    expect(clocks(r, '2026-02-05', 'cla-visit', 'B')).toEqual([['2026-01-28', '2026-02-04', null, 'overdue']]);
    // Visited 3 February: met; the next is 6 weeks later, 17 March (B's first year).
    const visited = { ...r, visits: [visit('2026-01-09'), visit('2026-02-03')] };
    expect(clocks(visited, '2026-02-05', 'cla-visit', 'B')).toEqual([
      ['2026-01-28', '2026-02-04', '2026-02-03', 'met'],
      ['2026-02-03', '2026-03-17', null, 'due'],
    ]);
    // A: the first visit met, the open interval stopped by the move (listed once its due date is in the period).
    expect(clocks(visited, '2026-02-28', 'cla-visit', 'A')).toEqual([
      ['2026-01-05', '2026-01-12', '2026-01-09', 'met'],
      ['2026-01-09', '2026-02-20', null, 'stopped'],
    ]);
  });

  it('long-term foster placement after the first year: 3 months, chosen on the date of the previous visit', () => {
    // U4 from Sunday 15 September 2024 (first anniversary 15 September 2025). Visit 10 September 2025 (first
    // year): 6 weeks → 22 October 2025. Visit 20 October 2025 (second year): 3 months → 20 January 2026.
    // The same visits to a placement that is not long-term (U6): 20 October + 6 weeks = 1 December 2025.
    const visits = ['2025-09-10', '2025-10-20'].map(visit);
    const tail = (type: string) => clocks({ periodsOfCare: [period('2024-09-15')], placements: [placement('P', '2024-09-15', null, type)], visits }, '2025-11-30', 'cla-visit').slice(-2);
    expect(tail('U4')).toEqual([
      ['2025-09-10', '2025-10-22', '2025-10-20', 'met'],
      ['2025-10-20', '2026-01-20', null, 'due'],
    ]);
    expect(tail('U6')).toEqual([
      ['2025-09-10', '2025-10-22', '2025-10-20', 'met'],
      ['2025-10-20', '2025-12-01', null, 'due'],
    ]);
  });
});

describe('cla-visit: regulation 28 variants', () => {
  // Period of care and placement from Monday 2 March 2026; first review held Friday 27 March.
  const visits = ['2026-03-06', '2026-03-13', '2026-03-19', '2026-03-26', '2026-04-02'].map(visit);
  const weeklyUntilReview: [string, string, string | null, string][] = [
    ['2026-03-02', '2026-03-09', '2026-03-06', 'met'], //   first: 7 days
    ['2026-03-06', '2026-03-13', '2026-03-13', 'met'], //   weekly until the first review
    ['2026-03-13', '2026-03-20', '2026-03-19', 'met'],
    ['2026-03-19', '2026-03-26', '2026-03-26', 'met'], //   26 March is before the review on the 27th: still weekly
    ['2026-03-26', '2026-04-02', '2026-04-02', 'met'],
  ];

  it('placed with a parent before the assessment is complete (reg 28(3)): weekly until the first review, then 6 weeks', () => {
    const r = { periodsOfCare: [period('2026-03-02')], placements: [placement('P', '2026-03-02', null, 'P1', { visitRegime: 'parent_before_assessment' })], claReviews: [review('2026-03-27')], visits };
    // After the review: 2 April + 6 weeks = 14 May.
    expect(clocks(r, '2026-04-30', 'cla-visit')).toEqual([...weeklyUntilReview, ['2026-04-02', '2026-05-14', null, 'due']]);
  });

  it('the same placement with no variant recorded follows the standard rule', () => {
    // 6 March + 6 weeks = 17 April: the visits on 13, 19 and 26 March each restart it.
    const r = { periodsOfCare: [period('2026-03-02')], placements: [placement('P', '2026-03-02', null, 'P1')], claReviews: [review('2026-03-27')], visits };
    expect(clocks(r, '2026-04-30', 'cla-visit').slice(0, 2)).toEqual([
      ['2026-03-02', '2026-03-09', '2026-03-06', 'met'],
      ['2026-03-06', '2026-04-17', '2026-03-13', 'met'],
    ]);
  });

  it('connected person with temporary approval (reg 28(4)): weekly until the first review, then 4 weeks until the approval; then the standard rule', () => {
    // After the review: 2 April + 4 weeks = 30 April. Visit 29 April (met) → 27 May (still temporary).
    // The carer is approved as a foster carer on 15 May: from the visit on 20 May, 6 weeks (first year) → 1 July.
    const base = { periodsOfCare: [period('2026-03-02')], claReviews: [review('2026-03-27')] };
    const temporary = placement('P', '2026-03-02', null, 'U3', { visitRegime: 'connected_person_temporary' });
    expect(clocks({ ...base, placements: [temporary], visits }, '2026-04-20', 'cla-visit')).toEqual([...weeklyUntilReview, ['2026-04-02', '2026-04-30', null, 'due']]);
    const approved = { ...temporary, visitRegimeEndDate: '2026-05-15' };
    expect(clocks({ ...base, placements: [approved], visits: [...visits, visit('2026-04-29'), visit('2026-05-20')] }, '2026-05-31', 'cla-visit').slice(-3)).toEqual([
      ['2026-04-02', '2026-04-30', '2026-04-29', 'met'],
      ['2026-04-29', '2026-05-27', '2026-05-20', 'met'],
      ['2026-05-20', '2026-07-01', null, 'due'],
    ]);
  });

  it('stays weekly while no review has been held, and a cancelled review does not end it', () => {
    const r = { periodsOfCare: [period('2026-03-02')], placements: [placement('P', '2026-03-02', null, 'P1', { visitRegime: 'parent_before_assessment' })], claReviews: [review('2026-03-27', true)], visits };
    expect(clocks(r, '2026-04-06', 'cla-visit').at(-1)).toEqual(['2026-04-02', '2026-04-09', null, 'due']);
  });

  it('counts the first review after the placement started, not one before it', () => {
    // Period from 2 March, first review 27 March; the child moves to a connected person on 1 April.
    // The first review after that placement is on 24 April: weekly until then, then 4 weeks.
    // Visits 3 April (first, due 8 April), 10 April (due 10th), 17 April (due 17th), 24 April (due 24th: the
    // review day itself, no longer before it), so 24 April + 4 weeks = 22 May.
    const r = {
      periodsOfCare: [period('2026-03-02')],
      placements: [placement('A', '2026-03-02', '2026-04-01', 'U6'), placement('B', '2026-04-01', null, 'U1', { visitRegime: 'connected_person_temporary' })],
      claReviews: [review('2026-03-27'), review('2026-04-24')],
      visits: ['2026-04-03', '2026-04-10', '2026-04-17', '2026-04-24'].map(visit),
    };
    expect(clocks(r, '2026-04-30', 'cla-visit', 'B')).toEqual([
      ['2026-04-01', '2026-04-08', '2026-04-03', 'met'],
      ['2026-04-03', '2026-04-10', '2026-04-10', 'met'],
      ['2026-04-10', '2026-04-17', '2026-04-17', 'met'],
      ['2026-04-17', '2026-04-24', '2026-04-24', 'met'],
      ['2026-04-24', '2026-05-22', null, 'due'],
    ]);
  });
});

describe('cla-review: 20 working days, then 3 months, then 6 months', () => {
  it('skips Easter for the first review', () => {
    // From Wednesday 1 April 2026: working days 2 April (1), then 7–10 (2–5), 13–17 (6–10), 20–24 (11–15),
    // 27–30 (16–19) and Friday 1 May (20): due 1 May. Held 29 April (met).
    // Second: 29 April + 3 months = 29 July; held 31 July (missed). Third: 31 July + 6 months = 31 January 2027.
    const r = { periodsOfCare: [period('2026-04-01')], claReviews: [review('2026-04-29'), review('2026-07-31')] };
    expect(clocks(r, '2026-08-31', 'cla-review')).toEqual([
      ['2026-04-01', '2026-05-01', '2026-04-29', 'met'],
      ['2026-04-29', '2026-07-29', '2026-07-31', 'missed'],
      ['2026-07-31', '2027-01-31', null, 'due'],
    ]);
  });
});

describe('health-assessment: initial within 20 working days; review 6 months under 5, 12 months from 5', () => {
  it('switches interval on the 5th birthday, judged at each assessment', () => {
    // Born 10 May 2022. Period from 1 April 2026: initial due 1 May (as above); done 30 April (met).
    // Aged 3 on 30 April 2026: 6 months → 30 October 2026; review 29 October (aged 4) → 29 April 2027.
    // Review 20 April 2027 (aged 4, 5 on 10 May): 6 months → 20 October 2027.
    // Review 15 October 2027 (aged 5): 12 months → 15 October 2028.
    const checks = ['2026-04-30', '2026-10-29', '2027-04-20', '2027-10-15'].map((checkDate, i) => ({ personId: 'C1', checkType: i === 0 ? 'initial_health_assessment' : 'review_health_assessment', checkDate }));
    const r = { persons: [{ id: 'C1', dob: '2022-05-10', deathDate: null }], periodsOfCare: [period('2026-04-01')], healthChecks: [...checks, { personId: 'C1', checkType: 'dental', checkDate: '2026-05-20' }] };
    // Instances are listed when due or completed in the 12 months to asOf, so the history is read twice.
    expect(clocks(r, '2026-12-31', 'health-assessment').slice(0, 2)).toEqual([
      ['2026-04-01', '2026-05-01', '2026-04-30', 'met'],
      ['2026-04-30', '2026-10-30', '2026-10-29', 'met'],
    ]);
    expect(clocks(r, '2027-12-31', 'health-assessment')).toEqual([
      ['2026-10-29', '2027-04-29', '2027-04-20', 'met'],
      ['2027-04-20', '2027-10-20', '2027-10-15', 'met'],
      ['2027-10-15', '2028-10-15', null, 'due'],
    ]);
  });
});

describe('care leavers: pathway-plan-review (6 months) and pa-contact (2 months)', () => {
  it('clamps to the end of February', () => {
    // Pathway plan Monday 31 August 2026 + 6 months = 28 February 2027 (no 31st). PA contact Wednesday
    // 30 December 2026 + 2 months = 28 February 2027.
    const r = {
      persons: [{ id: 'Y1', dob: '2008-07-01', deathDate: null }],
      pathwayPlans: [{ personId: 'Y1', planDate: '2026-08-31' }],
      paContacts: [{ personId: 'Y1', contactDate: '2026-12-30' }],
    };
    expect(clocks(r, '2027-01-15', 'pathway-plan-review')).toEqual([['2026-08-31', '2027-02-28', null, 'due']]);
    expect(clocks(r, '2027-01-15', 'pa-contact')).toEqual([['2026-12-30', '2027-02-28', null, 'due']]);
    expect(clocks(r, '2027-03-01', 'pa-contact')).toEqual([['2026-12-30', '2027-02-28', null, 'overdue']]);
  });
});
