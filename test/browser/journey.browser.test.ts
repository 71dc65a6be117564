// The child's journey in Chromium, as the people who do it: the front door records a contact and refers;
// a manager allocates; a social worker assesses and a manager authorises; a strategy discussion starts a
// section 47 enquiry; the chair records the ICPC and CP plan; a visit; a review conference. The clocks and
// trays change at each step. Also: the repeat-contact rule cannot be bypassed.
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
import { todayInEngland, addDays } from '../../src/platform/calendar/calendar.ts';
import type { Role } from '../../src/access/roles.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const today = todayInEngland();
const errors: string[] = [];

async function person(id: string, name: string, team: string) {
  await database.db.insertInto('professional').values({ id, name, team_id: team }).execute();
}
async function user(username: string, roles: Role[], professionalId: string) {
  await createUser(database.db, { username, displayName: username, roles, professionalId, password: TEST_PASSWORD });
}

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values([{ id: 'FDT', name: 'Front door' }, { id: 'AST', name: 'Assessment team' }]).execute();
  await person('FD1', 'Fran Door', 'FDT');
  await person('TM1', 'Tam Manager', 'FDT');
  await person('SW1', 'Sol Worker', 'AST');
  await person('IRO1', 'Ira Chair', 'AST');
  await db.insertInto('team_manager').values([{ id: 'TMA', team_id: 'FDT', professional_id: 'TM1', start_date: '2020-01-01' }, { id: 'TMB', team_id: 'AST', professional_id: 'TM1', start_date: '2020-01-01' }]).execute();
  await user('fran', ['front_door'], 'FD1');
  await user('tam', ['team_manager'], 'TM1');
  await user('sol', ['social_worker'], 'SW1');
  await user('ira', ['iro'], 'IRO1');
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function as(username: string): Promise<Page> {
  const { page, errors: seen } = await signedInPage(browser, base, username, TEST_PASSWORD);
  page.on('close', () => errors.push(...seen.filter((e) => !/status of 40[0-9]/.test(e) && !/HTTP 40[0-9]/.test(e))));
  return page;
}

const group = fieldset;
async function openClocks(page: Page): Promise<string[]> {
  return page.locator('[data-test="open-clocks"] li').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-rule')}:${e.getAttribute('data-status')}`));
}
async function childIdFromUrl(page: Page): Promise<string> {
  return /\/children\/([A-Za-z0-9_-]+)/.exec(page.url())![1]!;
}

describe('the journey from the front door to child protection, in Chromium', () => {
  let childId = '';

  it('the front door records a contact about a new child and refers', async () => {
    const page = await as('fran');
    await page.goto(`${base}/children?name=Ellie+Brook`);
    await page.getByRole('link', { name: 'Record a contact about a child not known to us' }).click();
    await page.getByLabel('First name').fill('Ellie');
    await page.getByLabel('Last name').fill('Brook');
    await fillDate(page, 'dob', '2019-06-14');
    await group(page, 'Sex').getByLabel('Female').check();
    await fillDate(page, 'contactDate', today);
    await page.getByLabel('Who made the contact').selectOption('2A');
    await page.getByLabel('What the contact is about').fill('School reports Ellie arrives hungry and with bruises.');
    await save(page);
    expect(page.url()).toMatch(/\/children\/[^/]+\/contacts\/[^/]+$/);
    childId = await childIdFromUrl(page);
    await page.getByRole('link', { name: 'Decide what happens next' }).click();
    await group(page, 'Decision').getByLabel('Referral to children’s social care').check();
    await fillDate(page, 'decisionDate', today);
    await page.getByLabel('Why').fill('Bruising and hunger: an assessment is needed.');
    await save(page);
    // Screening is over: the front door is back at its tray, with the decision confirmed.
    expect(new URL(page.url()).pathname).toBe('/front-door');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Referral to children’s social care');
    await page.close();
  });

  it('the manager sees the unallocated referral in the team tray and allocates a social worker and a chair', async () => {
    const page = await as('tam');
    await page.goto(`${base}/team`);
    expect(await page.locator('main').textContent()).toContain('Ellie Brook');
    await page.goto(`${base}/children/${childId}`);
    expect(await openClocks(page)).toContain('assessment-45wd:due');
    await page.goto(`${base}/children/${childId}/allocate`);
    await page.getByLabel('Worker', { exact: true }).selectOption('SW1');
    await group(page, 'Role').getByLabel('Allocated social worker').check();
    await fillDate(page, 'startDate', today);
    await page.getByLabel('Reason', { exact: true }).selectOption('MANAGE');
    await save(page);
    await page.goto(`${base}/children/${childId}/allocate`);
    await page.getByLabel('Worker', { exact: true }).selectOption('IRO1');
    await group(page, 'Role').getByLabel('Independent reviewing officer').check();
    await fillDate(page, 'startDate', today);
    await page.getByLabel('Reason', { exact: true }).selectOption('MANAGE');
    await save(page);
    expect(await page.locator('[data-test="worker-count"]').textContent()).toBe('1');
    await page.goto(`${base}/team`);
    expect(await page.locator('[data-test="unallocated"]').allTextContents()).not.toContain(expect.stringContaining('Ellie Brook'));
    await page.close();
  });

  it('the social worker assesses; a manager authorises; the assessment clock is met', async () => {
    const page = await as('sol');
    await page.goto(`${base}/my-work`);
    expect(await page.locator('[data-test="my-children"]').textContent()).toContain('Ellie Brook');
    await page.goto(`${base}/children/${childId}/assessments/new`);
    // An assessment cannot start before the referral: the error summary says so and nothing is saved.
    await fillDate(page, 'startDate', addDays(today, -3));
    await save(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('cannot start before the referral');
    await fillDate(page, 'startDate', today);
    await save(page);
    await group(page, 'Was the child seen?').getByLabel('Yes').check();
    await fillDate(page, 'childSeenDate', today);
    await page.getByLabel('16A – Neglect').check();
    await page.getByLabel('Analysis').fill('Neglect of basic needs; risk of significant harm.');
    await group(page, 'Recommended outcome').getByLabel('Strategy discussion').check();
    await fillDate(page, 'completedDate', today);
    await save(page, 'Send for authorisation');
    await page.close();

    const tam = await as('tam');
    await tam.goto(`${base}/team`);
    await tam.getByRole('link', { name: 'Authorise assessment' }).click();
    await fillDate(tam, 'authorisedDate', today);
    await save(tam, 'Authorise');
    expect(await openClocks(tam)).not.toContain('assessment-45wd:due');
    await tam.close();
  });

  it('a strategy discussion starts a S47; the chair records the ICPC and a CP plan; CP clocks start', async () => {
    const page = await as('sol');
    await page.goto(`${base}/children/${childId}/strategy-discussions/new`);
    await fillDate(page, 'discussionDate', today);
    await page.getByLabel('Who took part').fill('Police, school, health visitor, social worker');
    await group(page, 'Is a section 47 enquiry needed?').getByLabel('Yes').check();
    await page.getByLabel('Reasons').fill('Reasonable cause to suspect significant harm.');
    await save(page);
    expect(await openClocks(page)).toContain('icpc-15wd:due');
    await page.close();

    const ira = await as('ira');
    await ira.goto(`${base}/children/${childId}`);
    await ira.getByRole('link', { name: 'Record conference' }).click();
    await fillDate(ira, 'conferenceDate', today);
    await group(ira, 'Is the child to have a child protection plan?').getByLabel('Yes').check();
    await ira.getByLabel('Category of abuse').selectOption('NEG');
    await save(ira);
    expect(await ira.locator('[data-test="stage"]').textContent()).toBe('Child protection plan');
    const clocks = await openClocks(ira);
    expect(clocks).toContain('cp-visit:due');
    expect(clocks).toContain('cp-review:due');
    expect(clocks).not.toContain('icpc-15wd:due');
    await ira.close();
  });

  it('a visit moves the CP visit clock on; a review conference ends the plan', async () => {
    const page = await as('sol');
    await page.goto(`${base}/children/${childId}/visits/new`);
    await group(page, 'Kind of visit').getByLabel('Child protection').check();
    // A visit in the future is refused.
    await fillDate(page, 'visitDate', addDays(today, 2));
    await group(page, 'Was the child seen?').getByLabel('Yes').check();
    await group(page, 'Was the child seen alone?').getByLabel('Yes').check();
    await save(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('today or in the past');
    await fillDate(page, 'visitDate', today);
    await save(page);
    expect(await page.locator('[data-test="chronology"]').textContent()).toContain('CP visit — seen alone');
    await page.close();

    const ira = await as('ira');
    await ira.goto(`${base}/children/${childId}`);
    await ira.getByRole('link', { name: 'Record a review conference' }).click();
    await fillDate(ira, 'reviewDate', today);
    await group(ira, 'Does the plan continue?').getByLabel('No').check();
    await save(ira);
    // The plan ends on the conference date (still "open" that day, as INTERFACES.md defines), and its clocks stop.
    expect(await ira.locator('[data-test="chronology"]').textContent()).toContain('Child protection plan ended');
    expect(await openClocks(ira)).not.toContain('cp-visit:due');
    expect(await openClocks(ira)).not.toContain('cp-review:due');
    expect(await axeViolations(ira)).toEqual([]);
    await ira.close();
  });

  it('had no console errors on any page', () => {
    expect(errors).toEqual([]);
  });
});

describe('the repeat-contact rule in Chromium', () => {
  it('cannot be bypassed: a third NFA contact waits for a manager, and the worker cannot review it', async () => {
    const db = database.db;
    await db.insertInto('person').values({ id: 'REP1', forename: 'Rory', surname: 'Again', dob: '2015-01-01' }).execute();
    await db.insertInto('contact').values([
      { id: 'RC1', person_id: 'REP1', contact_date: addDays(today, -200), outcome: 'nfa', decision_date: addDays(today, -200), source_code: '6' },
      { id: 'RC2', person_id: 'REP1', contact_date: addDays(today, -100), outcome: 'advice', decision_date: addDays(today, -100), source_code: '6' },
    ]).execute();
    const page = await as('fran');
    await page.goto(`${base}/contacts/new?childId=REP1`);
    await fillDate(page, 'contactDate', today);
    await page.getByLabel('Who made the contact').selectOption('6');
    await page.getByLabel('What the contact is about').fill('Police called to the home again.');
    await save(page);
    expect(await page.locator('[data-test="repeat-warning"]').count()).toBe(1);
    const contactUrl = page.url();
    await page.getByRole('link', { name: 'Decide what happens next' }).click();
    await group(page, 'Decision').getByLabel('No further action').check();
    await fillDate(page, 'decisionDate', today);
    await page.getByLabel('Why').fill('Parents say all is well.');
    await save(page);
    expect(await page.locator('[data-test="decision"]').textContent()).toContain('waiting for a manager’s review');
    // The front door cannot open the review form, nor post to it.
    const review = await page.goto(`${contactUrl}/review`);
    expect(review!.status()).toBe(403);
    await page.close();
    const row = await db.selectFrom('contact').select(['outcome', 'proposed_outcome']).where('person_id', '=', 'REP1').where('contact_date', '=', today).executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome: null, proposed_outcome: 'nfa' });
  });
});
