// The sign-in journey in Chromium: redirected to sign in, errors shown the GOV.UK way, signed in, sessions
// listed, signed out; accessible throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { freshDatabase } from '../support/db.ts';
import { launchChromium, watchForErrors, axeViolations } from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import type { Database } from '../../src/platform/db/connect.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createUser } from '../../src/auth/users.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  database = await freshDatabase();
  await createUser(database.db, { username: 'jo.worker', displayName: 'Jo Worker', roles: ['social_worker'], password: TEST_PASSWORD });
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

describe('signing in with Chromium', () => {
  it('takes a user from a protected page through sign-in and back, then signs them out', async () => {
    const page = await browser.newPage();
    const errors = watchForErrors(page);
    await page.goto(baseUrl + '/account/sessions');
    expect(page.url()).toBe(`${baseUrl}/sign-in?next=%2Faccount%2Fsessions`);
    await expect(page.title()).resolves.toBe('Sign in – Tiller');

    // Nothing entered: a GOV.UK error summary, focused, linking to the field.
    await page.click('button:has-text("Sign in")');
    await expect(page.title()).resolves.toBe('Error: Sign in – Tiller');
    expect(await page.locator('.govuk-error-summary a[href="#username"]').textContent()).toContain('Enter your username');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#username', 'jo.worker');
    await page.fill('#password', 'not the right password');
    await page.click('button:has-text("Sign in")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter a correct username and password');
    expect(await page.inputValue('#username')).toBe('jo.worker');
    expect(await page.inputValue('#password')).toBe(''); // never sent back

    await page.fill('#password', TEST_PASSWORD);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(baseUrl + '/account/sessions');
    expect(await page.locator('h1').textContent()).toBe('Your sessions');
    expect(await page.locator('.tiller-signed-in-as').textContent()).toContain('Jo Worker (Social worker)');
    expect(await page.locator('strong:has-text("This session")').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'tiller_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await page.click('header button:has-text("Sign out")');
    await page.waitForURL(baseUrl + '/sign-in?signedOut=1');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('You have signed out');
    await page.goto(baseUrl + '/account/sessions');
    expect(page.url()).toContain('/sign-in?next=');
    // The 401/403 pages of the failed attempts are expected; nothing else may fail.
    expect(errors.filter((e) => !/HTTP (400|401): .*\/sign-in$/.test(e) && !/Failed to load resource: .*status of (400|401)/.test(e))).toEqual([]);
    expect(errors.length).toBe(4); // the two refused posts, each seen as a response and in the console
    await page.close();
  });
});
