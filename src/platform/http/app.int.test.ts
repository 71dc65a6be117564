import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/support/db.ts';
import type { Database } from '../db/connect.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from './app.ts';
import { signIn, type TestSession } from '../../../test/support/auth.ts';

let database: Database;
let app: FastifyInstance;
let session: TestSession;
beforeAll(async () => {
  database = await freshDatabase();
  await database.db.insertInto('person').values([{ id: 'C1', dob: '2015-01-01' }, { id: 'C2', dob: '2016-01-01' }]).execute();
  const today = new Date().toISOString().slice(0, 10);
  await database.db.insertInto('cin_episode').values({ id: 'R1', person_id: 'C1', referral_date: today }).execute();
  await database.db.insertInto('cp_plan').values({ id: 'CP1', cin_episode_id: 'R1', person_id: 'C1', start_date: today, initial_category: 'NEG' }).execute();
  app = await buildApp({ database, config: loadConfig({}) });
  session = await signIn(app, database.db, { roles: ['performance_analyst'] });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the web app', () => {
  it('answers /health with the database state', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { kind: database.kind, reachable: true, migrations: expect.any(Number) } });
    expect(res.json().database.migrations).toBeGreaterThanOrEqual(1);
  });

  it('serves the home page with counts by stage of the journey', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html', cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('govuk-generic-header');
    expect(res.body).not.toContain('govuk-header__logotype'); // no GOV.UK crown: this is a council's service
    expect(res.body).toMatch(/data-stage="childrenInNeed">1</);
    expect(res.body).toMatch(/data-stage="childProtectionPlans">1</);
    expect(res.body).toMatch(/data-stage="childrenLookedAfter">0</);
  });

  it('asks a visitor who is not signed in to sign in first', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2F');
  });

  it('sends the security headers', async () => {
    const res = await app.inject({ url: '/', headers: { cookie: session.cookie } });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves the GOV.UK Frontend assets', async () => {
    expect((await app.inject({ url: '/govuk/govuk-frontend.min.css' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/govuk/govuk-frontend.min.js' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/public/init.js' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/govuk/index.scss' })).statusCode).toBe(404);
  });

  it('answers an unknown page with a GOV.UK 404 page, and an unknown API path with JSON', async () => {
    const page = await app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
    const api = await app.inject({ url: '/api/v1/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Page not found', fields: [] } });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/nothing', headers: { 'content-type': 'application/json' }, payload: '{bad' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
