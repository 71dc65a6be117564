import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { myWork } from './my-work.ts';
import { teamTray } from './team-tray.ts';

let database: Database;
const AS_OF = '2026-03-31';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values({ id: 'T1', name: 'Safeguarding 1', caseload_target: 1 }).execute();
  await db.insertInto('professional').values([{ id: 'SW1', name: 'Sam Worker', team_id: 'T1' }, { id: 'SW2', name: 'Pat Worker', team_id: 'T1' }]).execute();
  await db.insertInto('person').values([
    { id: 'C1', forename: 'Ada', surname: 'One', dob: '2016-01-01' },
    { id: 'C2', forename: 'Ben', surname: 'Two', dob: '2017-01-01' },
    { id: 'C3', forename: 'Cat', surname: 'Three', dob: '2018-01-01' },
  ]).execute();
  await db.insertInto('cin_episode').values([
    { id: 'R1', person_id: 'C1', referral_date: '2026-01-05', team_id: 'T1' },
    { id: 'R2', person_id: 'C2', referral_date: '2026-03-20', team_id: 'T1' },
    { id: 'R3', person_id: 'C3', referral_date: '2026-03-25', team_id: 'T1' },
  ]).execute();
  // C1: CP plan from Mon 2 March 2026, no visit since: the first CP visit was due 10 working days later, 16 March.
  await db.insertInto('cp_plan').values({ id: 'CP1', cin_episode_id: 'R1', person_id: 'C1', start_date: '2026-03-02', initial_category: 'NEG' }).execute();
  await db.insertInto('involvement').values([
    { id: 'I1', professional_id: 'SW1', person_id: 'C1', role: 'CW', start_date: '2026-01-05', team_id: 'T1' },
    { id: 'I2', professional_id: 'SW1', person_id: 'C2', role: 'CW', start_date: '2026-03-20', team_id: 'T1' },
  ]).execute();
  // An assessment by SW2, completed and waiting for a manager.
  await db.insertInto('assessment').values({ id: 'A1', cin_episode_id: 'R2', person_id: 'C2', start_date: '2026-03-21', completed_date: '2026-03-30', worker_id: 'SW2' }).execute();
});
afterAll(async () => database?.close());

describe('my work', () => {
  it('lists my children and their overdue and coming statutory work', async () => {
    const w = await myWork(database.db, 'SW1', AS_OF);
    expect(w.children.map((c) => c.id)).toEqual(['C1', 'C2']);
    expect(w.overdue).toContainEqual(expect.objectContaining({ childId: 'C1', rule: 'cp-visit', dueDate: '2026-03-16', status: 'overdue' }));
    // C2's referral on 20 March: the assessment is due 45 working days later, not this week.
    expect(w.dueThisWeek.filter((c) => c.childId === 'C2')).toEqual([]);
    expect(w.children.find((c) => c.id === 'C1')!.overdue).toBeGreaterThanOrEqual(1);
  });
});

describe('team tray', () => {
  it('shows unallocated cases, approvals waiting and caseloads against target', async () => {
    const t = await teamTray(database.db, 'T1', AS_OF);
    expect(t.unallocated.map((u) => u.id)).toEqual(['C3']);
    expect(t.approvals.assessments.map((a) => a.id)).toEqual(['A1']);
    const sam = t.caseloads.find((c) => c.id === 'SW1')!;
    expect(sam).toMatchObject({ caseload: 2, target: 1, overTarget: true });
    expect(sam.overdue).toBeGreaterThanOrEqual(1);
    expect(t.caseloads.find((c) => c.id === 'SW2')).toMatchObject({ caseload: 0, overTarget: false, overdue: 0 });
  });
});
