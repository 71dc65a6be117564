// Audit completeness: every route that returns a child's data writes an audit row for that child.
// Every GET route (now and later) is called as every user for every child; whenever a response names a
// child, or a child-record route answers successfully, the audit rows written by that request must
// include that child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CHILDREN, EXPECTED_VISIBLE, type ChildKey, type FixtureUser } from '../support/access-fixture.ts';
import { buildWorld, call, CALLERS, fillUrl, sessionFor, type World } from './matrix-support.ts';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => world?.close());

async function lastAuditId(): Promise<number> {
  const r = await sql<{ max: number | null }>`select max(id)::int as max from audit_event`.execute(world.database.db);
  return r.rows[0]?.max ?? 0;
}

describe('audit completeness', () => {
  it('every response that shows a child’s data has an audit row for that child', { timeout: 900_000 }, async () => {
    const gets = world.routes.filter((r) => r.method === 'GET' && r.access !== 'public');
    const missing: string[] = [];
    let checked = 0;
    for (const who of CALLERS.filter((c): c is FixtureUser => c !== 'anonymous')) {
      const session = await sessionFor(world, who);
      for (const route of gets) {
        // The children the user may see, and two they may not (whose data must not show at all).
        const targets = route.url.includes(':childId') ? [...new Set<ChildKey>([...(EXPECTED_VISIBLE[who] as readonly ChildKey[]), 'own', 'otherService', 'restricted'])] : [null];
        for (const target of targets) {
          const url = fillUrl(route.url, target ? CHILDREN[target].id : 'NO-SUCH-CHILD');
          const before = await lastAuditId();
          const res = await call(world, route, url, session);
          const rows = await world.database.db.selectFrom('audit_event').select(['person_id', 'action']).where('id', '>', String(before)).execute();
          const audited = new Set(rows.filter((r) => ['read', 'export', 'print'].includes(r.action)).map((r) => r.person_id));
          const shown = (Object.keys(CHILDREN) as ChildKey[]).filter((k) => res.body.includes(CHILDREN[k].surname));
          const childRule = route.access === 'childRecord' || (typeof route.access === 'object' && 'roles' in route.access && route.access.childRecord === true);
          if (target && res.statusCode === 200 && childRule) shown.push(target);
          for (const k of new Set(shown)) {
            checked++;
            if (!audited.has(CHILDREN[k].id)) missing.push(`${route.method} ${url} as ${who} (${res.statusCode}) shows ${k} with no audit row`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10); // the sweep did see children's data
    expect(missing).toEqual([]);
  });

  it('records refusals too, so the DPO sees attempts on a record', async () => {
    const session = await sessionFor(world, 'socialWorker2');
    const probe = world.routes.find((r) => r.url === '/test-probe/children/:childId')!;
    const before = await lastAuditId();
    expect((await call(world, probe, fillUrl(probe.url, CHILDREN.restricted.id), session)).statusCode).toBe(404);
    const rows = await world.database.db.selectFrom('audit_event').select(['action', 'outcome', 'person_id']).where('id', '>', String(before)).execute();
    expect(rows).toEqual([{ action: 'access_denied', outcome: 'denied', person_id: CHILDREN.restricted.id }]);
  });

  it('shows the data protection officer who has seen a record, and exports everything held as a ZIP', async () => {
    const dpo = await sessionFor(world, 'dpo');
    const page = await world.app.inject({ url: `/audit/children/${CHILDREN.own.id}`, headers: { cookie: dpo.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('socialworker.test'); // the allocated worker read it during the sweep
    expect(page.body).toMatch(/data-test="events"/);
    const zip = await world.app.inject({ url: `/audit/children/${CHILDREN.own.id}/subject-access.zip`, headers: { cookie: dpo.cookie } });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'who-has-seen.json', 'index.html', 'records.pdf', 'records/person.json', 'records/involvement.json']));
    expect(JSON.parse(strFromU8(files['records/person.json']!))[0]).toMatchObject({ id: CHILDREN.own.id, surname: CHILDREN.own.surname });
    expect(strFromU8(files['index.html']!)).toContain(CHILDREN.own.surname);
    const exported = await world.database.db.selectFrom('audit_event').select(['action', 'person_id']).where('action', '=', 'export').execute();
    expect(exported).toContainEqual({ action: 'export', person_id: CHILDREN.own.id });
  });
});
