import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase } from '../../../test/support/db.ts';
import { connect, type Database } from './connect.ts';
import { migrate } from './migrate.ts';
import { AppError } from '../errors.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`database (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('has every migration applied, and a second run applies nothing', async () => {
    const again = await migrate(database.db);
    expect(again.applied).toEqual([]);
  });

  it('parses dates as YYYY-MM-DD strings and counts as numbers', async () => {
    await database.db.insertInto('person').values({ id: 'P1', forename: 'Test', dob: '2015-02-28' }).execute();
    const row = await database.db.selectFrom('person').select(['dob', 'version']).where('id', '=', 'P1').executeTakeFirstOrThrow();
    expect(row.dob).toBe('2015-02-28');
    expect(row.version).toBe(1);
    const { n } = await database.db.selectFrom('person').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(n).toBe(1);
  });

  it('refuses an id that is too long or has other characters', async () => {
    await expect(database.db.insertInto('team').values({ id: 'a'.repeat(37), name: 'x' }).execute()).rejects.toThrow();
    await expect(database.db.insertInto('team').values({ id: 'bad id!', name: 'x' }).execute()).rejects.toThrow(/id_format/);
    await database.db.insertInto('team').values({ id: 'T-ok_1', name: 'x' }).execute();
  });

  it('keeps case notes append-only: update and delete are refused', async () => {
    await database.db.insertInto('case_note').values({ id: 'N1', person_id: 'P1', note_date: '2026-01-05', body: 'Visited.' }).execute();
    await expect(database.db.updateTable('case_note').set({ body: 'changed' }).where('id', '=', 'N1').execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('case_note').where('id', '=', 'N1').execute()).rejects.toThrow(/append-only/);
    await database.db
      .insertInto('case_note')
      .values({ id: 'N2', person_id: 'P1', note_date: '2026-01-06', body: 'Visited at home.', amends_note_id: 'N1', amendment_reason: 'Place added' })
      .execute();
    const notes = await database.db.selectFrom('case_note').select(['id', 'body']).orderBy('id').execute();
    expect(notes).toEqual([
      { id: 'N1', body: 'Visited.' },
      { id: 'N2', body: 'Visited at home.' },
    ]);
  });

  it('moves updated_at on update', async () => {
    const before = await database.db.selectFrom('team').select('updated_at').where('id', '=', 'T-ok_1').executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 20));
    await database.db.updateTable('team').set({ name: 'y' }).where('id', '=', 'T-ok_1').execute();
    const after = await database.db.selectFrom('team').select('updated_at').where('id', '=', 'T-ok_1').executeTakeFirstOrThrow();
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
  });
});

describe('connecting', () => {
  it('gives one clear error, without the password, when the server cannot be reached', async () => {
    const err = await connect({ databaseUrl: 'postgresql://someone:s3cret@127.0.0.1:1/tiller' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('DATABASE_UNAVAILABLE');
    expect(err.userMessage).toMatch(/^Cannot connect to the database at 127\.0\.0\.1:1\/tiller: .*ECONNREFUSED/);
    expect(err.userMessage).not.toContain('s3cret');
    expect(err.userMessage.split('\n')).toHaveLength(1);
  });
});
