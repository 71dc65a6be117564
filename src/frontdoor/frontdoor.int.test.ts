import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { recordContact } from './record-contact.ts';
import { decideContact } from './decide-contact.ts';
import { reviewContactDecision } from './review-contact-decision.ts';
import { contactHistory } from './contact-history.ts';

let database: Database;
const worker = { professionalId: 'W1' };
const manager = { professionalId: 'M1' };
const TODAY = '2026-03-20';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values({ id: 'T1', name: 'Front door' }).execute();
  await db.insertInto('professional').values([{ id: 'W1', name: 'Worker One', team_id: 'T1' }, { id: 'M1', name: 'Manager One', team_id: 'T1' }]).execute();
});
afterAll(async () => database?.close());

let n = 0;
async function child(): Promise<string> {
  const id = `C${++n}`;
  await database.db.insertInto('person').values({ id, forename: 'Test', surname: `Child${n}`, dob: '2016-05-01' }).execute();
  return id;
}
async function contactOn(childId: string, date: string, decide?: 'nfa' | 'advice' | 'referral') {
  const { contactIds } = await recordContact(database.db, worker, { childIds: [childId], contactDate: date, sourceCode: '2A', reason: 'School worried' }, TODAY);
  const id = contactIds[0]!;
  if (decide) await decideContact(database.db, worker, { contactId: id, version: 1, outcome: decide, rationale: 'Seen', decisionDate: date }, TODAY);
  return id;
}
async function version(id: string) {
  return (await database.db.selectFrom('contact').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

describe('recording a contact', () => {
  it('records one contact per child with a shared group', async () => {
    const a = await child();
    const b = await child();
    const r = await recordContact(database.db, worker, { childIds: [a, b], contactDate: '2026-03-02', contactTime: '09:30', sourceCode: '6', reason: 'Police attended a domestic incident' }, TODAY);
    expect(r.contactIds).toHaveLength(2);
    const rows = await database.db.selectFrom('contact').selectAll().where('contact_group_id', '=', r.groupId).execute();
    expect(rows.map((x) => x.person_id).sort()).toEqual([a, b].sort());
    expect(rows[0]).toMatchObject({ source_code: '6', source_desc: 'Police', contact_time: '09:30:00', recorded_by: 'W1' });
  });

  it('refuses a contact dated in the future, an unknown source and a blank reason, saving nothing', async () => {
    const a = await child();
    const before = await database.db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const err = await recordContact(database.db, worker, { childIds: [a], contactDate: '2026-03-21', sourceCode: '2A', reason: 'x' }, TODAY).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.fieldErrors).toEqual([{ field: 'contactDate', message: 'The date of the contact must be today or in the past' }]);
    const err2 = await recordContact(database.db, worker, { childIds: [a], contactDate: '2026-02-30', sourceCode: 'ZZ', reason: ' ' }, TODAY).catch((e) => e);
    expect(err2.code).toBe('BAD_INPUT');
    expect(err2.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual(['contactDate', 'reason', 'sourceCode']);
    const after = await database.db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('deciding a contact', () => {
  it('opens a referral (CIN episode) dated on the decision', async () => {
    const a = await child();
    const id = await contactOn(a, '2026-03-05');
    const r = await decideContact(database.db, worker, { contactId: id, version: 1, outcome: 'referral', rationale: 'Threshold met', decisionDate: '2026-03-06' }, TODAY);
    expect(r).toMatchObject({ status: 'decided', outcome: 'referral' });
    const ep = await database.db.selectFrom('cin_episode').selectAll().where('contact_id', '=', id).executeTakeFirstOrThrow();
    expect(ep).toMatchObject({ person_id: a, referral_date: '2026-03-06', source_code: '2A' });
  });

  it('refuses a decision before the contact and a stale version', async () => {
    const a = await child();
    const id = await contactOn(a, '2026-03-05');
    const early = await decideContact(database.db, worker, { contactId: id, version: 1, outcome: 'nfa', rationale: 'x', decisionDate: '2026-03-04' }, TODAY).catch((e) => e);
    expect(early.fieldErrors[0].field).toBe('decisionDate');
    const stale = await decideContact(database.db, worker, { contactId: id, version: 7, outcome: 'nfa', rationale: 'x', decisionDate: '2026-03-05' }, TODAY).catch((e) => e);
    expect(stale.code).toBe('CONFLICT');
    expect(await version(id)).toBe(1);
  });
});

describe('the repeat-contact rule', () => {
  // Contacts on 1 May 2025 and 10 Jan 2026 are both within the 12 months up to 10 March 2026
  // (10 March 2025 to 10 March 2026), so a third closed with NFA needs a manager's review.
  it('holds a closure on a third contact in 12 months for a manager', async () => {
    const a = await child();
    await contactOn(a, '2025-05-01', 'nfa');
    await contactOn(a, '2026-01-10', 'advice');
    const third = await contactOn(a, '2026-03-10');
    const r = await decideContact(database.db, worker, { contactId: third, version: 1, outcome: 'nfa', rationale: 'No concerns', decisionDate: '2026-03-10' }, TODAY);
    expect(r).toEqual({ status: 'awaiting_manager_review', earlierContacts: 2 });
    const row = await database.db.selectFrom('contact').selectAll().where('id', '=', third).executeTakeFirstOrThrow();
    expect(row.outcome).toBeNull();
    expect(row.proposed_outcome).toBe('nfa');

    // The worker who proposed it cannot review it.
    const self = await reviewContactDecision(database.db, worker, { contactId: third, version: row.version, agreed: 'yes', note: 'ok', reviewDate: '2026-03-11' }, TODAY).catch((e) => e);
    expect(self.code).toBe('FORBIDDEN');

    const done = await reviewContactDecision(database.db, manager, { contactId: third, version: row.version, agreed: 'yes', note: 'Reviewed all three: no pattern of harm', reviewDate: '2026-03-11' }, TODAY);
    expect(done).toMatchObject({ status: 'decided', outcome: 'nfa' });
    const after = await database.db.selectFrom('contact').selectAll().where('id', '=', third).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ outcome: 'nfa', decided_by: 'W1', manager_review_by: 'M1', manager_review_agreed: true, decision_date: '2026-03-11' });
  });

  it('sends the decision back to the worker when the manager disagrees; a referral then needs no review', async () => {
    const a = await child();
    await contactOn(a, '2025-12-01', 'nfa');
    await contactOn(a, '2026-01-10', 'nfa');
    const third = await contactOn(a, '2026-03-10');
    await decideContact(database.db, worker, { contactId: third, version: 1, outcome: 'advice', rationale: 'Advice given', decisionDate: '2026-03-10' }, TODAY);
    const r = await reviewContactDecision(database.db, manager, { contactId: third, version: 2, agreed: 'no', note: 'Three contacts about neglect: refer', reviewDate: '2026-03-10' }, TODAY);
    expect(r).toEqual({ status: 'returned_to_worker' });
    const refer = await decideContact(database.db, worker, { contactId: third, version: 3, outcome: 'referral', rationale: 'As the manager directed', decisionDate: '2026-03-11' }, TODAY);
    expect(refer.status).toBe('decided');
  });

  it('does not apply when the earlier contacts are more than 12 months before', async () => {
    const a = await child();
    await contactOn(a, '2025-03-09', 'nfa'); // one day outside 10 March 2025 – 10 March 2026
    await contactOn(a, '2026-01-10', 'nfa');
    const third = await contactOn(a, '2026-03-10');
    const r = await decideContact(database.db, worker, { contactId: third, version: 1, outcome: 'nfa', rationale: 'x', decisionDate: '2026-03-10' }, TODAY);
    expect(r.status).toBe('decided');
  });

  it('counts a contact exactly 12 months back to the day after (10 March 2025 is in)', async () => {
    const a = await child();
    await contactOn(a, '2025-03-11', 'nfa');
    await contactOn(a, '2026-01-10', 'nfa');
    const third = await contactOn(a, '2026-03-10');
    const r = await decideContact(database.db, worker, { contactId: third, version: 1, outcome: 'nfa', rationale: 'x', decisionDate: '2026-03-10' }, TODAY);
    expect(r.status).toBe('awaiting_manager_review');
  });
});

describe('screening history', () => {
  it('shows the child’s contacts and referrals and the contacts about a sibling', async () => {
    const a = await child();
    const sib = await child();
    await database.db.insertInto('relationship').values({ id: `R-${a}`, person_id: a, related_person_id: sib, relationship: 'sibling', lives_with: true }).execute();
    await contactOn(a, '2026-02-01', 'referral');
    await contactOn(sib, '2026-02-15', 'nfa');
    const h = await contactHistory(database.db, a);
    expect(h.contacts).toHaveLength(1);
    expect(h.referrals).toHaveLength(1);
    expect(h.related.map((r) => r.id)).toEqual([sib]);
    expect(h.householdContacts.map((c) => c.person_id)).toEqual([sib]);
    // And from the sibling's side the relationship is found too.
    expect((await contactHistory(database.db, sib)).related.map((r) => r.id)).toEqual([a]);
  });
});
