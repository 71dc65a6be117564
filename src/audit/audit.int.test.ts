import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { Audit, diffRecords, recordAudit } from './audit.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database?.close());

const actor = { userId: null, username: 'someone', roles: ['social_worker'], ipAddress: '192.0.2.1', requestId: 'req-1', route: 'GET /x' };

describe('the audit table', () => {
  it('records events with who, role, when, where and why', async () => {
    await recordAudit(database.db, actor, { action: 'read', personId: 'C1', what: 'chronology', reason: 'Out-of-hours emergency' });
    const row = await database.db.selectFrom('audit_event').selectAll().where('person_id', '=', 'C1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'read', outcome: 'success', username: 'someone', roles: ['social_worker'], ip_address: '192.0.2.1', what: 'chronology', reason: 'Out-of-hours emergency', route: 'GET /x' });
    expect(row.occurred_at).toBeInstanceOf(Date);
  });

  it('refuses UPDATE, DELETE and TRUNCATE (append-only, enforced by the database)', async () => {
    await recordAudit(database.db, actor, { action: 'search', detail: { terms: { surname: 'x' }, resultCount: 0 } });
    await expect(database.db.updateTable('audit_event').set({ username: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(database.db)).rejects.toThrow(/append-only/);
    const n = await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThanOrEqual(2);
  });

  it('records one read per child per request, and a list as one row per child', async () => {
    const audit = new Audit(database.db, { ...actor, requestId: 'req-2' });
    await audit.read('C2', 'summary');
    await audit.read('C2', 'summary');
    await audit.list('caseload', ['C2', 'C3', 'C4', 'C3']);
    const rows = await database.db.selectFrom('audit_event').select(['person_id']).where('request_id', '=', 'req-2').orderBy('person_id').execute();
    expect(rows.map((r) => r.person_id)).toEqual(['C2', 'C3', 'C4']);
  });
});

describe('diffRecords', () => {
  it('lists only changed fields, ignoring timestamps it does not own', () => {
    expect(diffRecords({ a: 1, b: 'x', updated_at: new Date(1) }, { a: 1, b: 'y', updated_at: new Date(2) })).toEqual({ b: { before: 'x', after: 'y' } });
    expect(diffRecords(null, { a: 1 })).toEqual({ a: { before: null, after: 1 } });
  });
});
