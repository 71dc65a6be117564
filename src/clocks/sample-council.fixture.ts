// A tiny hand-made council (synthetic) for the database and command-line tests of clocks and flags, with
// what they should report as at 31 March 2026 (period 1 April 2025 to 31 March 2026), worked by hand.
import type { Db } from '../platform/db/connect.ts';
import type { ClockInstance } from './clock-instance.ts';
import type { PracticeFlag } from '../flags/practice-flag.ts';

export const SAMPLE_AS_OF = '2026-03-31';

export async function seedSampleCouncil(db: Db): Promise<void> {
  await db.insertInto('professional').values([{ id: 'W1', name: 'Worker One' }]).execute();
  await db
    .insertInto('person')
    .values([
      { id: 'C1', forename: 'Ada', dob: '2015-06-01' },
      { id: 'C2', forename: 'Ben', dob: '2022-01-10' },
      { id: 'C3', forename: 'Cal', dob: '2006-05-01' },
      { id: 'C4', forename: 'Dee', dob: '2018-09-09' },
    ])
    .execute();
  // Cp-visit every 5 working days in this council.
  await db.insertInto('council_setting').values({ id: 'cp_visit_interval', value: JSON.stringify({ unit: 'working_days', n: 5 }) }).execute();

  // C1: contact → referral → S47 (conference called) → ICPC → CP plan.
  await db.insertInto('contact').values({ id: 'K1', person_id: 'C1', contact_date: '2026-03-02', decision_date: '2026-03-03', outcome: 'referral' }).execute();
  await db.insertInto('cin_episode').values({ id: 'R1', person_id: 'C1', contact_id: 'K1', referral_date: '2026-03-02' }).execute();
  await db.insertInto('assessment').values({ id: 'A1', cin_episode_id: 'R1', person_id: 'C1', start_date: '2026-03-03' }).execute();
  await db
    .insertInto('s47_enquiry')
    .values({ id: 'S1', cin_episode_id: 'R1', person_id: 'C1', start_date: '2026-03-09', end_date: '2026-03-20', icpc_required: true })
    .execute();
  await db.insertInto('icpc').values({ id: 'I1', s47_enquiry_id: 'S1', cin_episode_id: 'R1', person_id: 'C1', conference_date: '2026-03-25', outcome_cp_plan: true }).execute();
  await db.insertInto('cp_plan').values({ id: 'P1', cin_episode_id: 'R1', icpc_id: 'I1', person_id: 'C1', start_date: '2026-03-25' }).execute();
  await db
    .insertInto('visit')
    .values([
      { id: 'V1', visit_type: 'cp', person_id: 'C1', cp_plan_id: 'P1', visit_date: '2026-03-27', seen: true },
      // Deleted records never count.
      { id: 'V0', visit_type: 'cp', person_id: 'C1', cp_plan_id: 'P1', visit_date: '2026-03-26', seen: true, deleted_at: new Date('2026-03-27T10:00:00Z') },
    ])
    .execute();

  // C2: in care from 5 January 2026, aged 4.
  await db.insertInto('period_of_care').values({ id: 'L1', person_id: 'C2', start_date: '2026-01-05' }).execute();
  await db.insertInto('placement').values({ id: 'PL1', period_of_care_id: 'L1', person_id: 'C2', start_date: '2026-01-05', placement_type: 'U3' }).execute();
  await db
    .insertInto('visit')
    .values([
      { id: 'V2', visit_type: 'cla', person_id: 'C2', period_of_care_id: 'L1', visit_date: '2026-01-09' },
      { id: 'V3', visit_type: 'cla', person_id: 'C2', period_of_care_id: 'L1', visit_date: '2026-02-20' },
    ])
    .execute();
  await db.insertInto('cla_review').values({ id: 'CR1', period_of_care_id: 'L1', person_id: 'C2', review_date: '2026-01-30' }).execute();
  await db.insertInto('health_check').values({ id: 'H1', person_id: 'C2', check_type: 'initial_health_assessment', check_date: '2026-01-20' }).execute();
  await db.insertInto('involvement').values({ id: 'IV1', professional_id: 'W1', person_id: 'C2', role: 'CW', start_date: '2026-01-05' }).execute();

  // C3: a relevant care leaver known from an SSD-style record.
  await db
    .insertInto('care_leaver')
    .values({ id: 'CL1', person_id: 'C3', record_date: '2026-01-31', eligibility: 'Relevant', pathway_plan_review_date: '2025-12-01', latest_contact: '2026-01-15' })
    .execute();

  // C4: four contacts all closed with no further action, one the day before the period.
  await db
    .insertInto('contact')
    .values(
      ['2025-03-31', '2025-05-01', '2025-10-01', '2026-03-31'].map((d, i) => ({ id: `K4${i}`, person_id: 'C4', contact_date: d, decision_date: d, outcome: 'nfa' })),
    )
    .execute();

  // W1's supervision.
  await db.insertInto('supervision').values({ id: 'SV1', professional_id: 'W1', supervision_date: '2026-02-27' }).execute();
}

const clock = (childId: string | null, rule: ClockInstance['rule'], subjectId: string, startDate: string, dueDate: string, completedDate: string | null, status: ClockInstance['status']): ClockInstance => ({
  childId,
  rule,
  subjectId,
  startDate,
  dueDate,
  completedDate,
  status,
});

export const SAMPLE_CLOCKS: ClockInstance[] = [
  // Referral Mon 2 March + 45 WD skips Good Friday, Easter Monday and the 4 May bank holiday: Thu 7 May.
  clock('C1', 'assessment-45wd', 'R1', '2026-03-02', '2026-05-07', null, 'due'),
  clock('C1', 'contact-decision', 'K1', '2026-03-02', '2026-03-03', '2026-03-03', 'met'),
  // ICPC 25 March + 3 months.
  clock('C1', 'cp-review', 'P1', '2026-03-25', '2026-06-25', null, 'due'),
  // 5 working days (council setting): 25 March → 1 April; visit 27 March → 30, 31, 1, 2, (3 and 6 April
  // bank holidays) 7 April.
  clock('C1', 'cp-visit', 'P1', '2026-03-25', '2026-04-01', '2026-03-27', 'met'),
  clock('C1', 'cp-visit', 'P1', '2026-03-27', '2026-04-07', null, 'due'),
  // S47 9 March + 15 WD = 30 March; the enquiry ended 20 March calling a conference, held 25 March.
  clock('C1', 'icpc-15wd', 'S1', '2026-03-09', '2026-03-30', '2026-03-25', 'met'),
  // Period of care Mon 5 January: review 20 WD → 2 February; held 30 January; + 3 months → 30 April.
  clock('C2', 'cla-review', 'L1', '2026-01-05', '2026-02-02', '2026-01-30', 'met'),
  clock('C2', 'cla-review', 'L1', '2026-01-30', '2026-04-30', null, 'due'),
  // Placement 5 January + 7 days → 12 January; visit 9 January + 6 weeks → 20 February; + 6 weeks → 3 April.
  clock('C2', 'cla-visit', 'PL1', '2026-01-05', '2026-01-12', '2026-01-09', 'met'),
  clock('C2', 'cla-visit', 'PL1', '2026-01-09', '2026-02-20', '2026-02-20', 'met'),
  clock('C2', 'cla-visit', 'PL1', '2026-02-20', '2026-04-03', null, 'due'),
  // Initial 20 WD → 2 February, done 20 January at age 4 → review within 6 months, 20 July.
  clock('C2', 'health-assessment', 'L1', '2026-01-05', '2026-02-02', '2026-01-20', 'met'),
  clock('C2', 'health-assessment', 'L1', '2026-01-20', '2026-07-20', null, 'due'),
  // Latest PA contact 15 January + 2 months = 15 March: overdue. Pathway plan 1 December + 6 months.
  clock('C3', 'pa-contact', 'C3', '2026-01-15', '2026-03-15', null, 'overdue'),
  clock('C3', 'pathway-plan-review', 'C3', '2025-12-01', '2026-06-01', null, 'due'),
  // Each decided the day it came in: due the next working day, met. The contact of 31 March 2025 is before
  // the period, but its clock was due on 1 April 2025, in it.
  clock('C4', 'contact-decision', 'K40', '2025-03-31', '2025-04-01', '2025-03-31', 'met'),
  clock('C4', 'contact-decision', 'K41', '2025-05-01', '2025-05-02', '2025-05-01', 'met'),
  clock('C4', 'contact-decision', 'K42', '2025-10-01', '2025-10-02', '2025-10-01', 'met'),
  clock('C4', 'contact-decision', 'K43', '2026-03-31', '2026-04-01', '2026-03-31', 'met'),
  // Supervision 27 February + 1 month = 27 March: overdue.
  { childId: null, workerId: 'W1', rule: 'supervision', subjectId: 'W1', startDate: '2026-02-27', dueDate: '2026-03-27', completedDate: null, status: 'overdue' },
];

export const SAMPLE_FLAGS: PracticeFlag[] = [
  { childId: 'C1', flag: 'no-allocated-worker', since: '2026-03-02', reason: 'CIN episode open since 2026-03-02 with no allocated worker' },
  { childId: 'C4', flag: 'repeat-contacts-nfa', since: '2026-03-31', reason: '3 contacts in 12 months, all NFA (first 2025-05-01, latest 2026-03-31)' },
];
