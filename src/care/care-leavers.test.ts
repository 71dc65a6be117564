import { describe, expect, it } from 'vitest';
import { eligibleFrom, needsAssessmentDue, paEntitlement } from './care-leavers.ts';
import { adoptionStage, adoptionTimeliness } from './adoption.ts';

// Born 10 May 2008: 16th birthday 10 May 2024, 18th 10 May 2026, 21st 10 May 2029, 25th 10 May 2033.
const DOB = '2008-05-10';
const since14 = [{ startDate: '2022-09-01', endDate: null, shortBreaksOnly: false }];

describe('the leaving-care needs assessment (reg 42: within 3 months of becoming eligible)', () => {
  it('is due 3 months after the 16th birthday for a child looked after since 14', () => {
    expect(eligibleFrom(DOB, since14, '2024-06-01')).toBe('2024-05-10');
    expect(needsAssessmentDue(DOB, since14, [], '2024-08-10')).toEqual({ eligibleFrom: '2024-05-10', dueDate: '2024-08-10', completedDate: null, status: 'due' });
    expect(needsAssessmentDue(DOB, since14, [], '2024-08-11')?.status).toBe('overdue');
  });

  it('is due 3 months after the 13 weeks are reached for a child who came into care after 16', () => {
    // In care from 1 June 2024: eligible on 30 August 2024 (91 days), so due 30 November 2024.
    const spells = [{ startDate: '2024-06-01', endDate: null, shortBreaksOnly: false }];
    expect(needsAssessmentDue(DOB, spells, ['2024-11-30'], '2024-12-31')).toEqual({ eligibleFrom: '2024-08-30', dueDate: '2024-11-30', completedDate: '2024-11-30', status: 'met' });
    expect(needsAssessmentDue(DOB, spells, ['2024-12-02'], '2024-12-31')?.status).toBe('late');
  });

  it('does not apply to a child who never became eligible, nor before they do', () => {
    const brief = [{ startDate: '2024-06-01', endDate: '2024-07-01', shortBreaksOnly: false }];
    expect(needsAssessmentDue(DOB, brief, [], '2025-01-01')).toBeNull();
    expect(needsAssessmentDue(DOB, since14, [], '2024-05-09')).toBeNull();
  });

  it('counts an assessment made in the 3 months before the 16th birthday, not one earlier', () => {
    expect(needsAssessmentDue(DOB, since14, ['2024-02-10'], '2024-06-01')?.completedDate).toBe('2024-02-10');
    expect(needsAssessmentDue(DOB, since14, ['2024-02-09'], '2024-06-01')?.completedDate).toBeNull();
  });
});

describe('personal adviser support: to 21, then to 25 on request', () => {
  it('runs to the day before the 21st birthday, then only on request, then to the day before the 25th', () => {
    expect(paEntitlement(DOB, 'former_relevant', null, '2029-05-09').until).toBe('2029-05-09');
    expect(paEntitlement(DOB, 'former_relevant', null, '2029-05-10').until).toBeNull();
    expect(paEntitlement(DOB, 'former_relevant', '2030-01-15', '2030-01-14').until).toBeNull();
    expect(paEntitlement(DOB, 'former_relevant', '2030-01-15', '2030-01-15').until).toBe('2033-05-09');
    expect(paEntitlement(DOB, 'qualifying', null, '2027-01-01').until).toBeNull();
  });
});

describe('adoption timeliness against England', () => {
  it('measures each step and compares with England from the child’s own start', () => {
    // Entered care 1 March 2024. ADM 1 September 2024 (184 days); placement order 3 February 2025 (155 days);
    // matched 2 June 2025 (ADM to match 274 days; England's 10 months from 1 September 2024 is 1 July 2025:
    // quicker). Placed 16 June 2025: 472 days after entering care; England's 1 year 7 months is 1 October
    // 2025: quicker. No order yet: as at 1 July 2026, 852 days in care against 2 years 3 months (1 June
    // 2026): waiting, slower than England.
    const j = { entered_care_date: '2024-03-01', adm_decision_date: '2024-09-01', placement_order_date: '2025-02-03', matched_date: '2025-06-02', placed_date: '2025-06-16', order_date: null, decision_reversed_date: null };
    const t = adoptionTimeliness(j, '2026-07-01');
    expect(t.intervals.map((i) => [i.id, i.days, i.waiting])).toEqual([
      ['care_to_adm', 184, false],
      ['adm_to_order', 155, false],
      ['order_to_match', 119, false],
      ['match_to_placed', 14, false],
      ['placed_to_order', 380, true],
    ]);
    expect(t.againstEngland.map((a) => [a.id, a.days, a.englandDate, a.verdict])).toEqual([
      ['care_to_placed', 472, '2025-10-01', 'quicker'],
      ['care_to_order', 852, '2026-06-01', 'slower'],
      ['adm_to_match', 274, '2025-07-01', 'quicker'],
    ]);
    expect(adoptionStage(j)).toBe('Placed for adoption');
  });

  it('stops counting when the decision is reversed', () => {
    const j = { entered_care_date: '2024-03-01', adm_decision_date: '2024-09-01', decision_reversed_date: '2025-03-01' };
    const t = adoptionTimeliness(j, '2026-07-01');
    expect(t.againstEngland.map((a) => a.verdict)).toEqual([null, null, null]);
    expect(t.intervals.map((i) => i.id)).toEqual(['care_to_adm']);
    expect(adoptionStage(j)).toBe('Decision reversed');
  });
});
