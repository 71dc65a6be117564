import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import { buildAccessFixture, CHILDREN, EXPECTED_VISIBLE, type AccessFixture, type ChildKey } from '../../test/support/access-fixture.ts';
import type { Database } from '../platform/db/connect.ts';
import { childAccess, visibleChildIds } from './rules.ts';
import { rolesOf } from '../auth/users.ts';

let database: Database;
let fixture: AccessFixture;
beforeAll(async () => {
  database = await freshDatabase();
  fixture = await buildAccessFixture(database.db);
});
afterAll(async () => database?.close());

const idOf = (k: ChildKey) => CHILDREN[k].id;

async function accessUser(key: keyof typeof EXPECTED_VISIBLE) {
  const u = fixture.users[key];
  return { id: u.id, professionalId: u.professionalId, roles: await rolesOf(database.db, u.id) };
}

describe('access by relationship', () => {
  for (const key of Object.keys(EXPECTED_VISIBLE) as Array<keyof typeof EXPECTED_VISIBLE>) {
    it(`${key} sees exactly ${(EXPECTED_VISIBLE[key] as readonly string[]).join(', ') || 'no child'}, in lists and one by one`, async () => {
      const user = await accessUser(key);
      const listed = await database.db.selectFrom('person').select('id').where('id', 'in', visibleChildIds(user)).orderBy('id').execute();
      const expected: string[] = EXPECTED_VISIBLE[key].map(idOf).sort();
      expect(listed.map((r) => r.id)).toEqual(expected);
      for (const k of Object.keys(CHILDREN) as ChildKey[]) {
        const decision = await childAccess(database.db, user, idOf(k));
        expect({ child: k, allowed: decision.allowed }).toEqual({ child: k, allowed: expected.includes(idOf(k)) });
      }
    });
  }

  it('hides a restricted record as if it did not exist, and says "no relationship" otherwise', async () => {
    const sw2 = await accessUser('socialWorker2');
    expect(await childAccess(database.db, sw2, CHILDREN.restricted.id)).toEqual({ allowed: false, why: 'notFound' });
    expect(await childAccess(database.db, sw2, 'NO-SUCH-CHILD')).toEqual({ allowed: false, why: 'notFound' });
    expect(await childAccess(database.db, sw2, CHILDREN.otherService.id)).toEqual({ allowed: false, why: 'noRelationship' });
    expect(await childAccess(database.db, await accessUser('socialWorker'), CHILDREN.restricted.id)).toMatchObject({ allowed: true, via: 'named' });
  });

  it('gives time-limited access through break-glass, never to a restricted record', async () => {
    const analyst = await accessUser('auditor');
    const future = new Date(Date.now() + 3600_000);
    await database.db.insertInto('break_glass_grant').values([
      { id: 'BG1', user_id: analyst.id, person_id: CHILDREN.otherService.id, reason: 'Case file audit sample 2026-Q1', expires_at: future },
      { id: 'BG2', user_id: analyst.id, person_id: CHILDREN.restricted.id, reason: 'Trying the restricted one', expires_at: future },
      { id: 'BG3', user_id: analyst.id, person_id: CHILDREN.iro.id, reason: 'An expired grant here', created_at: new Date(Date.now() - 7200_000), expires_at: new Date(Date.now() - 3600_000) },
    ]).execute();
    expect(await childAccess(database.db, analyst, CHILDREN.otherService.id)).toEqual({ allowed: true, via: 'breakGlass', breakGlassReason: 'Case file audit sample 2026-Q1' });
    expect((await childAccess(database.db, analyst, CHILDREN.restricted.id)).allowed).toBe(false);
    expect((await childAccess(database.db, analyst, CHILDREN.iro.id)).allowed).toBe(false);
    const listed = await database.db.selectFrom('person').select('id').where('id', 'in', visibleChildIds(analyst)).execute();
    expect(listed.map((r) => r.id).sort()).toEqual([CHILDREN.audited.id, CHILDREN.otherService.id]); // the audited child through the open case file audit
  });

  it('applies the rules inside counts, so restricted records are never counted for others', async () => {
    const tm = await accessUser('teamManager');
    const r = await database.db.selectFrom('involvement').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', 'in', visibleChildIds(tm)).executeTakeFirstOrThrow();
    expect(Number(r.n)).toBe(2); // own + team; not the restricted child allocated in the same team
  });
});
