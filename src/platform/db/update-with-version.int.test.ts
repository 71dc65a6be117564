import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import type { Database } from './connect.ts';
import { updateWithVersion } from './update-with-version.ts';
import { Audit } from '../../audit/audit.ts';
import { AppError } from '../errors.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await database.db.insertInto('person').values({ id: 'C1', forename: 'Ada', surname: 'Example', dob: '2015-01-01' }).execute();
});
afterAll(async () => database?.close());

const audit = (username: string) => new Audit(database.db, { userId: null, username, roles: ['social_worker'], ipAddress: null, requestId: null, route: null });

async function save(username: string, version: number, changes: { forename?: string; surname?: string }) {
  return database.db.transaction().execute(async (trx) => {
    const { before, after } = await updateWithVersion(trx, 'person', 'C1', version, changes);
    await audit(username).write(trx, { action: 'update', entityType: 'person', entityId: 'C1', personId: 'C1', before, after });
    return after;
  });
}

describe('updateWithVersion', () => {
  it('applies an update based on the current version and bumps the version', async () => {
    const after = await save('first', 1, { forename: 'Adah' });
    expect(after).toMatchObject({ forename: 'Adah', version: 2 });
  });

  it('of two users saving from the same version, exactly one succeeds and the other is told what changed', async () => {
    const results = await Promise.allSettled([save('alice', 2, { surname: 'Exemplar' }), save('bob', 2, { forename: 'Ada-Rose' })]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    const error = failed[0]!.reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('CONFLICT');
    const winner = (ok[0] as PromiseFulfilledResult<{ forename: string | null; surname: string | null }>).value;
    const winnerName = winner.surname === 'Exemplar' ? 'alice' : 'bob';
    expect(error.fieldErrors.length).toBeGreaterThan(0);
    expect(error.fieldErrors[0]!.message).toContain(winnerName);
    // Nothing lost: the winner's change is there, the loser's is not, version moved once.
    const row = await database.db.selectFrom('person').selectAll().where('id', '=', 'C1').executeTakeFirstOrThrow();
    expect(row.version).toBe(3);
    expect(winnerName === 'alice' ? row.surname === 'Exemplar' && row.forename === 'Adah' : row.forename === 'Ada-Rose' && row.surname === 'Example').toBe(true);
  });

  it('refuses an unknown record with NOT_FOUND', async () => {
    await expect(database.db.transaction().execute((trx) => updateWithVersion(trx, 'person', 'NOPE', 1, { forename: 'x' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
