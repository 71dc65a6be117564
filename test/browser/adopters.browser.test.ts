// Prospective adopters in Chromium, as a team manager in the adoption service: adds a household and its
// adopter, records the journey (an out-of-order stage 2 refused with a GOV.UK error summary), links a
// child's adoption to the household. Every page and error summary passes axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase } from '../support/db.ts';
import { launchChromium, axeViolations, listenOnLoopback, signedInPage, fillDate, fieldset, save } from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import type { Database } from '../../src/platform/db/connect.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createUser } from '../../src/auth/users.ts';
import { addDays, todayInEngland } from '../../src/platform/calendar/calendar.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let page: Page;
let errors: string[];
const today = todayInEngland();
const day = (n: number) => addDays(today, n);

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values([{ id: 'ADT', name: 'Permanence team' }]).execute();
  await db.insertInto('professional').values([{ id: 'SW1', name: 'Sol Worker', team_id: 'ADT' }, { id: 'TM1', name: 'Tam Manager', team_id: 'ADT' }]).execute();
  await db.insertInto('team_manager').values([{ id: 'TMA', team_id: 'ADT', professional_id: 'TM1', start_date: '2020-01-01' }]).execute();
  await db.insertInto('person').values({ id: 'AK1', forename: 'Ava', surname: 'Kerr', dob: day(-900), sex: 'F' }).execute();
  await db.insertInto('period_of_care').values({ id: 'POC1', person_id: 'AK1', start_date: day(-800) }).execute();
  await db.insertInto('adoption').values({ id: 'ADP1', person_id: 'AK1', period_of_care_id: 'POC1', adm_decision_date: day(-500), matched_date: day(-20) }).execute();
  await db.insertInto('involvement').values({ id: 'INV1', person_id: 'AK1', professional_id: 'SW1', team_id: 'ADT', role: 'CW', start_date: day(-700) }).execute();
  await createUser(db, { username: 'tam', displayName: 'tam', roles: ['team_manager'], professionalId: 'TM1', password: TEST_PASSWORD });
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
  ({ page, errors } = await signedInPage(browser, base, 'tam', TEST_PASSWORD));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function accessible() {
  expect(await axeViolations(page)).toEqual([]);
}

describe('adopter households in the browser', () => {
  it('adds a household, refuses an empty form with an error summary', async () => {
    await page.goto(`${base}/adopters`);
    await accessible();
    await page.getByRole('link', { name: 'Add an adopter household' }).click();
    await accessible();
    await save(page);
    await expect(page.locator('.govuk-error-summary')).toBeDefined();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the household’s name');
    await accessible();
    await page.getByLabel('Household name').fill('The Test household (Tillbrook)');
    await fieldset(page, 'Which adoption agency assesses and approves the household?').getByLabel('Our adoption agency').check();
    await fieldset(page, 'Is the household approved to foster for adoption (early permanence)?').getByLabel('No').check();
    await fillDate(page, 'enquiryDate', day(-400));
    await save(page);
    expect(await page.locator('h1').textContent()).toContain('The Test household (Tillbrook)');
    expect(await page.locator('[data-test=stage]').textContent()).toContain('Enquiry');
    await accessible();
  });

  it('adds an adopter and records the journey, refusing stage 2 before stage 1 ends', async () => {
    await page.getByRole('link', { name: 'Add an adopter' }).click();
    await accessible();
    await fieldset(page, 'Gender').getByLabel('Female').check();
    await page.getByLabel('Ethnicity').selectOption('WBRI');
    await fieldset(page, 'Does the adopter have a disability?').getByLabel('No').check();
    await save(page);
    expect(await page.locator('[data-test=adopters]').textContent()).toContain('White British');

    await page.getByRole('link', { name: 'Record the journey dates' }).click();
    await accessible();
    await fillDate(page, 'stage1StartDate', day(-380));
    await fillDate(page, 'stage1EndDate', day(-320));
    await fillDate(page, 'stage2StartDate', day(-330));
    await save(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Stage 2 started cannot be before stage 1 ended');
    await accessible();
    await fillDate(page, 'stage2StartDate', day(-310));
    await fillDate(page, 'stage2EndDate', day(-200));
    await fillDate(page, 'applicationDate', day(-310));
    await fillDate(page, 'approvalDate', day(-150));
    await save(page);
    expect(await page.locator('[data-test=stage]').textContent()).toContain('Approved, waiting for a match');
  });

  it('links the child’s adoption to the household', async () => {
    await page.goto(`${base}/children/AK1/adoption`);
    await page.getByRole('link', { name: 'Link the adoption to the adopters' }).click();
    await accessible();
    await page.getByLabel('Adopter household').selectOption({ label: 'AF0001 – The Test household (Tillbrook)' });
    await save(page);
    expect(await page.locator('main').textContent()).toContain('AF0001');
    await page.goto(`${base}/adopters`);
    expect(await page.locator('[data-test=stage]').first().textContent()).toContain('Matched');
    await accessible();
    // Only the two refused forms answered 400 (as GOV.UK error pages do).
    expect(errors.filter((e) => !/\b400\b/.test(e))).toEqual([]);
    expect(errors.filter((e) => e.startsWith('HTTP 400')).length).toBe(2);
  });
});
