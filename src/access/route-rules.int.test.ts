import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database?.close());

describe('route access rules', () => {
  it('refuses to start when a route has no access rule', async () => {
    const app = await buildApp({ database, config: loadConfig({}) });
    app.get('/forgot-the-rule', async () => 'oops');
    await expect(app.ready()).rejects.toThrow(/GET \/forgot-the-rule has no access rule/);
    await app.close().catch(() => {});
  });

  it('refuses a childRecord rule on a route without :childId', async () => {
    const app = await buildApp({ database, config: loadConfig({}) });
    app.get('/route-rules-test/children', { config: { access: 'childRecord' } }, async () => 'oops');
    await expect(app.ready()).rejects.toThrow(/no :childId parameter/);
    await app.close().catch(() => {});
  });

  it('lists every route with its rule, static assets as public', async () => {
    const app = await buildApp({ database, config: loadConfig({}) });
    await app.ready();
    expect(app.routeRules.find((r) => r.url === '/' && r.method === 'GET')?.access).toBe('signedIn');
    expect(app.routeRules.find((r) => r.url.startsWith('/assets/'))?.access).toBe('public');
    expect(app.routeRules.every((r) => r.access !== undefined)).toBe(true);
    await app.close();
  });
});
