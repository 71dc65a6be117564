import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { freshDatabase } from '../support/db.ts';
import { launchChromium, watchForErrors, axeViolations } from '../support/browser.ts';
import type { Database } from '../../src/platform/db/connect.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createUser } from '../../src/auth/users.ts';
import { TEST_PASSWORD } from '../support/auth.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  database = await freshDatabase();
  const today = new Date().toISOString().slice(0, 10);
  await database.db.insertInto('person').values({ id: 'C1', dob: '2015-01-01' }).execute();
  await database.db.insertInto('cin_episode').values({ id: 'R1', person_id: 'C1', referral_date: today }).execute();
  await createUser(database.db, { username: 'analyst.browser', displayName: 'Analyst', roles: ['performance_analyst'], password: TEST_PASSWORD });
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

async function signedInPage() {
  const page = await browser.newPage();
  await page.goto(baseUrl + '/sign-in');
  await page.fill('#username', 'analyst.browser');
  await page.fill('#password', TEST_PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(baseUrl + '/');
  return page;
}

describe('home page in Chromium', () => {
  it('renders the journey counts with GOV.UK styles and no console errors', async () => {
    const page = await signedInPage();
    const errors = watchForErrors(page);
    await page.goto(baseUrl + '/');
    await expect(page.title()).resolves.toBe('Home – Tiller');
    expect(await page.locator('h1').textContent()).toBe("Children's social care");
    expect(await page.locator('[data-stage="childrenInNeed"]').textContent()).toBe('1');
    // GOV.UK Frontend's stylesheet and script loaded and ran.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily)).toMatch(/GDS Transport|arial/i);
    expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no WCAG 2.2 AA violations', async () => {
    const page = await signedInPage();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
