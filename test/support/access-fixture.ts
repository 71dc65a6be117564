// A small council for access tests: teams in a hierarchy, one worker per role, and children each reached
// by exactly one kind of relationship, so that who-may-see-what can be stated as a table.
// Children's names are synthetic and unusual (the log-grep test looks for them).
import type { Db } from '../../src/platform/db/connect.ts';
import type { Role } from '../../src/access/roles.ts';
import { createUser, type UserSummary } from '../../src/auth/users.ts';
import { TEST_PASSWORD } from './auth.ts';

const LAST_YEAR = `${new Date().getUTCFullYear() - 1}-01-01`;
const TODAY = new Date().toISOString().slice(0, 10);

export const CHILDREN = {
  own: { id: 'C-OWN', forename: 'Zephyrine', surname: 'Quillfeather' },
  team: { id: 'C-TEAM', forename: 'Orlando', surname: 'Brackenbury' },
  otherTeamSameService: { id: 'C-TEAMB', forename: 'Marisol', surname: 'Thistlewood' },
  otherService: { id: 'C-OTHER', forename: 'Ptolemy', surname: 'Wrenfield' },
  iro: { id: 'C-IRO', forename: 'Calliope', surname: 'Ashgrove' },
  careLeaver: { id: 'C-PA', forename: 'Barnaby', surname: 'Fenwhistle' },
  screening: { id: 'C-FD', forename: 'Odalys', surname: 'Mirrorvale' },
  restricted: { id: 'C-RESTR', forename: 'Seraphina', surname: 'Goldwraith' },
  ended: { id: 'C-ENDED', forename: 'Lysander', surname: 'Pennycombe' },
  audited: { id: 'C-AUDIT', forename: 'Isadora', surname: 'Quenbywick' },
} as const;

export type ChildKey = keyof typeof CHILDREN;

/** Which children each fixture user sees (by relationship or naming; no break-glass). */
export const EXPECTED_VISIBLE = {
  socialWorker: ['own', 'team', 'restricted'], // named on the restricted record
  socialWorker2: ['own', 'team'],
  teamManager: ['own', 'team'],
  serviceManager: ['own', 'team', 'otherTeamSameService'],
  iro: ['iro'],
  personalAdviser: ['careLeaver'],
  frontDoor: ['screening'],
  analyst: [],
  auditor: ['audited'], // sampled in an open case file audit, the case assigned to them (a closed audit's child is not)
  dpo: [],
  admin: [],
} as const satisfies Record<string, readonly ChildKey[]>;

export type FixtureUser = keyof typeof EXPECTED_VISIBLE;

export interface AccessFixture {
  users: Record<FixtureUser, UserSummary>;
  roleOf: Record<FixtureUser, Role>;
}

export async function buildAccessFixture(db: Db): Promise<AccessFixture> {
  await db.insertInto('team').values([
    { id: 'T-SERVICE', name: 'Children in need service' },
    { id: 'T-A', name: 'Team A', parent_id: 'T-SERVICE' },
    { id: 'T-B', name: 'Team B', parent_id: 'T-SERVICE' },
    { id: 'T-OTHER', name: 'Children in care', service_area: 'children in care' },
    { id: 'T-FD', name: 'Front door', service_area: 'front door' },
    { id: 'T-IRO', name: 'IRO service' },
    { id: 'T-LC', name: 'Leaving care' },
  ]).execute();
  await db.insertInto('professional').values([
    { id: 'P-SW', name: 'Worker A1', team_id: 'T-A' },
    { id: 'P-SW2', name: 'Worker A2', team_id: 'T-A' },
    { id: 'P-SWB', name: 'Worker B1', team_id: 'T-B' },
    { id: 'P-TM', name: 'Manager A', team_id: 'T-A', case_holding: false },
    { id: 'P-SM', name: 'Service Manager', team_id: 'T-SERVICE', case_holding: false, job_title: 'Service manager' },
    { id: 'P-OTHER', name: 'Worker Other', team_id: 'T-OTHER' },
    { id: 'P-IRO', name: 'Reviewing Officer', team_id: 'T-IRO' },
    { id: 'P-PA', name: 'Personal Adviser', team_id: 'T-LC' },
    { id: 'P-FD', name: 'Front Door Worker', team_id: 'T-FD' },
  ]).execute();
  await db.insertInto('team_manager').values([
    { id: 'TM-A', team_id: 'T-A', professional_id: 'P-TM', start_date: LAST_YEAR },
    { id: 'TM-S', team_id: 'T-SERVICE', professional_id: 'P-SM', start_date: LAST_YEAR },
  ]).execute();
  await db.insertInto('person').values(Object.values(CHILDREN).map((c) => ({ id: c.id, forename: c.forename, surname: c.surname, dob: '2014-05-06' }))).execute();
  await db.updateTable('person').set({ restricted: true, restriction_reason: 'staff_relative' }).where('id', '=', CHILDREN.restricted.id).execute();
  const inv = (id: string, professional_id: string, person_id: string, role: string, end_date: string | null = null) => ({ id, professional_id, person_id, role, start_date: LAST_YEAR, end_date });
  await db.insertInto('involvement').values([
    inv('I1', 'P-SW', CHILDREN.own.id, 'CW'),
    inv('I2', 'P-SW2', CHILDREN.team.id, 'CW'),
    inv('I3', 'P-SWB', CHILDREN.otherTeamSameService.id, 'CW'),
    inv('I4', 'P-OTHER', CHILDREN.otherService.id, 'CW'),
    inv('I5', 'P-OTHER', CHILDREN.iro.id, 'CW'),
    inv('I6', 'P-IRO', CHILDREN.iro.id, 'IRO'),
    inv('I7', 'P-PA', CHILDREN.careLeaver.id, '16PLUS'),
    inv('I8', 'P-SW', CHILDREN.restricted.id, 'CW'),
    inv('I9', 'P-SW', CHILDREN.ended.id, 'CW', `${new Date().getUTCFullYear() - 1}-06-30`),
  ]).execute();
  await db.insertInto('contact').values([
    { id: 'K1', person_id: CHILDREN.screening.id, contact_date: TODAY },
    { id: 'K2', person_id: CHILDREN.otherService.id, contact_date: LAST_YEAR, decision_date: LAST_YEAR, outcome: 'nfa' },
  ]).execute();

  const roleOf = {
    socialWorker: 'social_worker',
    socialWorker2: 'social_worker',
    teamManager: 'team_manager',
    serviceManager: 'service_manager',
    iro: 'iro',
    personalAdviser: 'personal_adviser',
    frontDoor: 'front_door',
    analyst: 'performance_analyst',
    auditor: 'quality_auditor',
    dpo: 'data_protection_officer',
    admin: 'administrator',
  } as const satisfies Record<FixtureUser, Role>;
  const professionalOf: Record<FixtureUser, string | null> = {
    socialWorker: 'P-SW', socialWorker2: 'P-SW2', teamManager: 'P-TM', serviceManager: 'P-SM', iro: 'P-IRO',
    personalAdviser: 'P-PA', frontDoor: 'P-FD', analyst: null, auditor: null, dpo: null, admin: null,
  };
  const users = {} as Record<FixtureUser, UserSummary>;
  for (const key of Object.keys(roleOf) as Array<keyof typeof roleOf>) {
    users[key] = await createUser(db, { username: `${key.toLowerCase()}.test`, displayName: key, roles: [roleOf[key]], professionalId: professionalOf[key], password: TEST_PASSWORD });
  }
  // Case file audits: an open one whose case (the audited child) is assigned to the auditor, and a closed
  // one whose case (the child whose allocation ended) was: only the open audit's child is visible.
  await db.insertInto('qa_question_set').values({ id: 'QS1', name: 'Practice standards' }).execute();
  await db.insertInto('qa_question_set_revision').values({ id: 'QSR1', question_set_id: 'QS1', revision: 1, questions: JSON.stringify([{ id: 'q1', text: 'Is the child seen and heard?' }]) }).execute();
  const sample = { question_set_revision_id: 'QSR1', sample_kind: 'random', sample_indicator_id: 'cin_open_count', sample_size: 1, sample_seed: 1, sample_as_of: LAST_YEAR, population_size: 1 };
  await db.insertInto('case_file_audit').values([
    { id: 'CFA-OPEN', title: 'Open audit', ...sample },
    { id: 'CFA-CLOSED', title: 'Closed audit', ...sample, status: 'closed', closed_on: LAST_YEAR },
  ]).execute();
  await db.insertInto('case_file_audit_case').values([
    { id: 'CFAC-1', audit_id: 'CFA-OPEN', person_id: CHILDREN.audited.id, auditor_user_id: users.auditor.id },
    { id: 'CFAC-2', audit_id: 'CFA-CLOSED', person_id: CHILDREN.ended.id, auditor_user_id: users.auditor.id, overall_grade: 'good', graded_on: LAST_YEAR },
  ]).execute();
  // socialWorker2 is allocated to the restricted child's sibling team but NOT named: the restriction must hold.
  await db.insertInto('restricted_record_access').values({ id: 'RA1', person_id: CHILDREN.restricted.id, user_id: users.socialWorker.id }).execute();
  return { users, roleOf };
}
