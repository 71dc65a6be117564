// The council settings page and API, through the real HTTP server: validation with a GOV.UK error summary,
// no lost updates, the audit's before/after, administrators only, and the clocks following the setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { computeClocks } from '../clocks/compute-clocks.ts';
import { SAMPLE_AS_OF, seedSampleCouncil } from '../clocks/sample-council.fixture.ts';
import { loadIndicatorSettings } from '../indicators/settings.ts';
import { councilLaCode } from '../returns/cin-census/load-census-records.ts';

let database: Database;
let app: FastifyInstance;
let alice: TestSession;
let bob: TestSession;

beforeAll(async () => {
  database = await freshDatabase();
  await seedSampleCouncil(database.db); // sets cp_visit_interval to 5 working days (version 1)
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  alice = await signIn(app, database.db, { roles: ['administrator'], username: 'alice.admin' });
  bob = await signIn(app, database.db, { roles: ['administrator'], username: 'bob.admin' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function page(session: TestSession, url: string) {
  return app.inject({ url, headers: { cookie: session.cookie, accept: 'text/html' } });
}

function post(session: TestSession, url: string, fields: Record<string, string>) {
  return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: session.csrfToken }).toString() });
}

function api(session: TestSession, method: 'GET' | 'PUT', url: string, body?: unknown) {
  return app.inject({ method, url, headers: { cookie: session.cookie, accept: 'application/json', 'x-csrf-token': session.csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
}

async function cpVisitDueDates(): Promise<string[]> {
  const clocks = await computeClocks(database.db, SAMPLE_AS_OF, { childIds: ['C1'] });
  return clocks.filter((c) => c.rule === 'cp-visit').map((c) => c.dueDate);
}

describe('council settings', () => {
  it('lists every setting with its value, or what applies when it is not set', async () => {
    const res = await page(alice, '/admin/settings');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-setting="cp_visit_interval">5 working days</);
    expect(res.body).toMatch(/data-setting="cin_visit_interval">Not set: the default, 20 working days</);
    expect(res.body).toMatch(/data-setting="supervision_interval">Not set: the default, 1 calendar month</);
    for (const key of ['child_population_0_17', 'social_worker_establishment_fte', 'la_code']) expect(res.body).toContain(`href="/admin/settings/${key}"`);
  });

  it('changing the CP visit interval on the page moves the cp-visit clock’s due dates', async () => {
    // Plan P1 started Wed 25 Mar 2026; visited Fri 27 Mar. 5 working days: 1 Apr and 7 Apr (Good Friday
    // 3 Apr and Easter Monday 6 Apr are bank holidays).
    expect(await cpVisitDueDates()).toEqual(['2026-04-01', '2026-04-07']);
    const form = await page(alice, '/admin/settings/cp_visit_interval');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('value="5"');
    const res = await post(alice, '/admin/settings/cp_visit_interval', { n: '15', unit: 'working_days', version: '1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/settings?saved=cp_visit_interval');
    // 15 working days from 25 Mar: 26, 27, 30, 31 Mar, 1, 2, 7, 8, 9, 10, 13, 14, 15, 16, 17 Apr → 17 Apr.
    // 15 working days from 27 Mar: 30, 31 Mar, 1, 2, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21 Apr → 21 Apr.
    expect(await cpVisitDueDates()).toEqual(['2026-04-17', '2026-04-21']);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'username', 'diff', 'entity_version']).where('entity_type', '=', 'council_setting').where('entity_id', '=', 'cp_visit_interval').execute();
    expect(audit).toEqual([
      { action: 'update', username: 'alice.admin', entity_version: 2, diff: { value: { before: { unit: 'working_days', n: 5 }, after: { unit: 'working_days', n: 15 } }, version: { before: 1, after: 2 } } },
    ]);
    // Blank: back to the default, 10 working days. From 25 Mar: 26, 27, 30, 31 Mar, 1, 2, 7, 8, 9, 10 Apr → 10 Apr;
    // from 27 Mar: 30, 31 Mar, 1, 2, 7, 8, 9, 10, 13, 14 Apr → 14 Apr.
    expect((await post(alice, '/admin/settings/cp_visit_interval', { n: '', unit: 'working_days', version: '2' })).statusCode).toBe(303);
    expect(await cpVisitDueDates()).toEqual(['2026-04-10', '2026-04-14']);
    const row = await database.db.selectFrom('council_setting').select(['version', 'deleted_at']).where('id', '=', 'cp_visit_interval').executeTakeFirstOrThrow();
    expect(row.version).toBe(3);
    expect(row.deleted_at).toBeInstanceOf(Date); // not set, but never hard-deleted
  });

  it('refuses bad answers with a GOV.UK error summary, keeping them, and changes nothing', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['cin_visit_interval', { n: '0', unit: 'working_days' }, 'Enter a whole number from 1 to 366'],
      ['cin_visit_interval', { n: '400', unit: 'working_days' }, 'Enter a whole number from 1 to 366'],
      ['cin_visit_interval', { n: '7', unit: 'fortnights' }, 'Choose working days, days, weeks or calendar months'],
      ['cin_visit_interval', { n: "1'; drop table council_setting; --", unit: 'days' }, 'Enter a whole number from 1 to 366'],
      ['child_population_0_17', { figures: '2025-04-01 41250\n2025-13-01 41000' }, 'Line 2: write the date as YYYY-MM-DD'],
      ['child_population_0_17', { figures: '41250.5' }, 'Line 1: write the date as YYYY-MM-DD'],
      ['child_population_0_17', { figures: '2025-04-01 1\n2025-04-01 2' }, 'Give each date only one figure'],
      ['child_population_0_17', { figures: '41250\n2025-04-01 41000' }, 'give each the date it took effect'],
      ['la_code', { laCode: '<script>alert(1)</script>' }, 'Enter the LA code as three digits'],
    ];
    for (const [key, fields, message] of cases) {
      const res = await post(alice, `/admin/settings/${key}`, { ...fields, version: '0' });
      expect(res.statusCode, `${key} ${JSON.stringify(fields)}`).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain(message);
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    expect(await database.db.selectFrom('council_setting').select('id').where('id', 'in', ['cin_visit_interval', 'child_population_0_17', 'la_code']).execute()).toEqual([]);
    expect((await post(alice, '/admin/settings/cin_visit_interval', { n: '5', unit: 'days' })).statusCode).toBe(400); // no version
    expect((await post(alice, '/admin/settings/no_such_setting', { version: '0' })).statusCode).toBe(404);
  });

  it('saves the figures the indicators and returns read', async () => {
    expect((await post(alice, '/admin/settings/child_population_0_17', { figures: '2025-04-01 41,250\n2024-04-01 40900', version: '0' })).statusCode).toBe(303);
    expect((await post(alice, '/admin/settings/social_worker_establishment_fte', { figures: '84.5', version: '0' })).statusCode).toBe(303);
    expect((await post(alice, '/admin/settings/la_code', { laCode: '201', version: '0' })).statusCode).toBe(303);
    expect(await loadIndicatorSettings(database.db)).toEqual({
      childPopulation: [{ from: '2024-04-01', value: 40900 }, { from: '2025-04-01', value: 41250 }],
      establishmentFte: [{ from: null, value: 84.5 }],
    });
    expect(await councilLaCode(database.db)).toBe('201');
    const form = await page(alice, '/admin/settings/child_population_0_17');
    expect(form.body).toContain('2024-04-01 40900\n2025-04-01 41250');
  });

  it('of two administrators changing a setting from the same version, one succeeds and the other is told what changed', async () => {
    const [a, b] = await Promise.all([
      post(alice, '/admin/settings/supervision_interval', { n: '4', unit: 'weeks', version: '0' }),
      post(bob, '/admin/settings/supervision_interval', { n: '6', unit: 'weeks', version: '0' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 409]);
    const [winner, loser, winnerName, winnerValue, loserValue] = a.statusCode === 303 ? [a, b, 'alice.admin', '4 weeks', '6'] : [b, a, 'bob.admin', '6 weeks', '4'];
    expect(winner.statusCode).toBe(303);
    expect(loser.body).toContain('Someone else changed this setting');
    expect(loser.body).toContain(`Supervision of workers was changed to ${winnerValue} by ${winnerName}`);
    expect(loser.body).toContain(`value="${loserValue}"`); // their answer kept
    expect(loser.body).toContain('name="version" value="1"'); // to build on now
    const rows = await database.db.selectFrom('audit_event').select(['username']).where('entity_id', '=', 'supervision_interval').execute();
    expect(rows).toEqual([{ username: winnerName }]);
  });

  it('offers the same as an API operation, with the version and a 409 when stale', async () => {
    const list = await api(alice, 'GET', '/api/v1/settings');
    expect(list.statusCode).toBe(200);
    const cin = list.json().settings.find((s: { key: string }) => s.key === 'cin_visit_interval');
    expect(cin).toMatchObject({ value: null, version: 0 });
    const ok = await api(alice, 'PUT', '/api/v1/settings/cin_visit_interval', { value: { unit: 'weeks', n: 2 }, version: 0 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ key: 'cin_visit_interval', value: { unit: 'weeks', n: 2 }, version: 1 });
    const stale = await api(bob, 'PUT', '/api/v1/settings/cin_visit_interval', { value: { unit: 'weeks', n: 3 }, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.fields[0].message).toContain('was changed to 2 weeks by alice.admin');
    for (const bad of [{ value: { unit: 'weeks', n: 0 }, version: 1 }, { value: 'fortnightly', version: 1 }, { value: { unit: 'weeks', n: 2, extra: 1 }, version: 1 }, { version: 1 }, { value: null, version: -1 }]) {
      const res = await api(alice, 'PUT', '/api/v1/settings/cin_visit_interval', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await api(alice, 'PUT', '/api/v1/settings/child_population_0_17', { value: [{ from: '2026-02-30', value: 1 }], version: 1 })).statusCode).toBe(400);
    expect((await api(alice, 'PUT', '/api/v1/settings/nope', { value: null, version: 0 })).statusCode).toBe(404);
    const row = await database.db.selectFrom('council_setting').select(['value', 'version']).where('id', '=', 'cin_visit_interval').executeTakeFirstOrThrow();
    expect(row).toEqual({ value: { unit: 'weeks', n: 2 }, version: 1 });
  });

  it('is for administrators only', async () => {
    for (const roles of [['team_manager', 'service_manager'], ['data_protection_officer'], ['performance_analyst']] as const) {
      const s = await signIn(app, database.db, { roles: [...roles] });
      expect((await page(s, '/admin/settings')).statusCode).toBe(403);
      expect((await page(s, '/admin/settings/la_code')).statusCode).toBe(403);
      expect((await post(s, '/admin/settings/la_code', { laCode: '999', version: '1' })).statusCode).toBe(403);
      expect((await api(s, 'PUT', '/api/v1/settings/la_code', { value: '999', version: 1 })).statusCode).toBe(403);
    }
    expect(await councilLaCode(database.db)).toBe('201');
  });
});
