// A child in care in Chromium, as the people who do the work: the social worker records that a 17-year-old
// comes into care and is placed; visits; the IRO reviews; the child moves placement; a health assessment;
// a personal adviser is allocated and a pathway plan made; the manager records that care ends on the 18th
// birthday; the personal adviser keeps in touch. The clocks on the record and the trays change at each step.
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
import { addDays, addMonths, addYears, todayInEngland } from '../../src/platform/calendar/calendar.ts';
import { ceaseCare, startPeriodOfCare } from '../../src/care/period-of-care.ts';
import type { Role } from '../../src/access/roles.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const today = todayInEngland();
const day = (n: number) => addDays(today, n);
// The 18th birthday was yesterday.
const dob = addYears(day(-1), -18);
const CHILD = 'LAC1';
const errors: string[] = [];
const shown = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

async function user(username: string, roles: Role[], professionalId: string) {
  await createUser(database.db, { username, displayName: username, roles, professionalId, password: TEST_PASSWORD });
}

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values([{ id: 'CIC', name: 'Children in care' }, { id: 'LCT', name: 'Leaving care' }]).execute();
  await db.insertInto('professional').values([
    { id: 'SW1', name: 'Sol Worker', team_id: 'CIC' },
    { id: 'IRO1', name: 'Ira Chair', team_id: 'CIC' },
    { id: 'TM1', name: 'Tam Manager', team_id: 'CIC' },
    { id: 'PA1', name: 'Pat Adviser', team_id: 'LCT' },
  ]).execute();
  await db.insertInto('team_manager').values([{ id: 'TMA', team_id: 'CIC', professional_id: 'TM1', start_date: '2020-01-01' }, { id: 'TMB', team_id: 'LCT', professional_id: 'TM1', start_date: '2020-01-01' }]).execute();
  await db.insertInto('person').values({ id: CHILD, forename: 'Liam', surname: 'Carey', dob, sex: 'M' }).execute();
  // Looked after for 121 days at 15 (returned home): so, back in care at 17, he is an eligible child at once.
  const earlier = await startPeriodOfCare(db, { professionalId: 'SW1' }, { childId: CHILD, startDate: addYears(dob, 15), legalStatus: 'V2', placementType: 'U6', provider: 'PR1' }, today);
  await ceaseCare(db, { professionalId: 'SW1' }, { periodOfCareId: earlier, version: 1, endDate: addDays(addYears(dob, 15), 120), endReason: 'E4A' }, today);
  await db.insertInto('involvement').values([
    { id: 'INV-SW', person_id: CHILD, professional_id: 'SW1', team_id: 'CIC', role: 'CW', start_date: day(-30) },
    { id: 'INV-IRO', person_id: CHILD, professional_id: 'IRO1', team_id: 'CIC', role: 'IRO', start_date: day(-30) },
  ]).execute();
  await user('sol', ['social_worker'], 'SW1');
  await user('ira', ['iro'], 'IRO1');
  await user('tam', ['team_manager'], 'TM1');
  await user('pat', ['personal_adviser'], 'PA1');
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
/** The open clocks on the record, as `rule:status`. */
async function openClocks(page: Page): Promise<string[]> {
  return page.locator('[data-test="open-clocks"] li').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-rule')}:${e.getAttribute('data-status')}`));
}
async function clockText(page: Page, rule: string): Promise<string> {
  return (await page.locator(`[data-test="open-clocks"] li[data-rule="${rule}"]`).textContent()) ?? '';
}
/** The rules listed for this child in one table of the worker's tray. */
async function tray(page: Page, table: 'overdue' | 'due-this-week'): Promise<string[]> {
  await page.goto(`${base}/my-work`);
  return page.locator(`[data-test="${table}"] tr[data-rule]`).evaluateAll((rows) => rows.filter((r) => r.textContent?.includes('Liam Carey')).map((r) => r.getAttribute('data-rule') ?? ''));
}
async function placeWith(page: Page, extra: { type: string; provider: string; miles: string }) {
  await page.getByLabel('Placement type').selectOption(extra.type);
  await page.getByLabel('Placement provider').selectOption(extra.provider);
  await page.getByLabel('Ofsted URN').fill('SC123456');
  await page.getByLabel('Placement postcode').fill('TB1 2AB');
  await page.getByLabel('Distance from home (miles)').fill(extra.miles);
  await group(page, 'Inside the council’s area?').getByLabel('Yes').check();
}

describe('a child in care, from coming into care to leaving care at 18, in Chromium', () => {
  it('comes into care and is placed: the visit, review and health clocks start, and the first visit is already overdue', async () => {
    const page = await as('sol');
    await page.goto(`${base}/children/${CHILD}`);
    expect(await openClocks(page)).toEqual([]);
    await page.getByRole('link', { name: 'The child becomes looked after' }).click();
    // A date in the future is refused, with the error summary, and nothing saved.
    await fillDate(page, 'startDate', day(3));
    await page.getByLabel('Legal status', { exact: true }).selectOption('C1');
    await placeWith(page, { type: 'U6', provider: 'PR1', miles: '4' });
    await save(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('must be today or in the past');
    await fillDate(page, 'startDate', day(-20));
    await save(page);
    expect(new URL(page.url()).pathname).toBe(`/children/${CHILD}`);
    expect(await page.locator('[data-test="placement"]').textContent()).toContain('U6');
    // First visit due 7 days after the placement started (13 days ago): overdue. Review and health due.
    const clocks = await openClocks(page);
    expect(clocks).toContain('cla-visit:overdue');
    expect(clocks).toContain('cla-review:due');
    expect(clocks).toContain('health-assessment:due');
    expect(await clockText(page, 'cla-visit')).toContain(shown(day(-13)));
    // An eligible child from the day he came back into care (13 weeks since 14, looked after at 16 or over):
    // the leaving-care needs assessment is due within 3 months.
    expect(await page.locator('[data-test="needs-assessment"]').getAttribute('data-status')).toBe('due');
    expect(await page.locator('[data-test="needs-assessment"]').textContent()).toContain(shown(addMonths(day(-20), 3)));
    expect(await tray(page, 'overdue')).toContain('cla-visit');
    await page.close();
  });

  it('is visited: the visit clock is met and the next is 6 weeks later; it leaves the overdue tray', async () => {
    const page = await as('sol');
    await page.goto(`${base}/children/${CHILD}/visits/new`);
    await group(page, 'Kind of visit').getByLabel('Child looked after').check();
    await fillDate(page, 'visitDate', day(-18));
    await group(page, 'Was the child seen?').getByLabel('Yes').check();
    await group(page, 'Was the child seen alone?').getByLabel('Yes').check();
    await group(page, 'Was the child’s bedroom seen?').getByLabel('Yes').check();
    await save(page);
    expect(await openClocks(page)).toContain('cla-visit:due');
    expect(await clockText(page, 'cla-visit')).toContain(shown(day(-18 + 42)));
    expect(await tray(page, 'overdue')).not.toContain('cla-visit');
    await page.close();
  });

  it('is reviewed by the IRO: the next review is due 3 months after the first', async () => {
    const page = await as('ira');
    await page.goto(`${base}/children/${CHILD}`);
    await page.getByRole('link', { name: 'Record a looked-after review' }).click();
    await fillDate(page, 'reviewDate', day(-10));
    await page.getByLabel('How the child took part').selectOption('PN1');
    await group(page, 'Was the permanence plan reviewed?').getByLabel('Yes').check();
    await save(page);
    expect(await clockText(page, 'cla-review')).toContain(shown(addMonths(day(-10), 3)));
    await page.close();
  });

  it('moves placement in the middle of a visit interval: the next visit is due 7 days after the move, in this week’s tray', async () => {
    const page = await as('sol');
    await page.goto(`${base}/children/${CHILD}`);
    await page.getByRole('link', { name: 'Record a placement move' }).click();
    // Overlapping the current placement is refused.
    await fillDate(page, 'moveDate', day(-25));
    await page.getByLabel('Why the placement changed').selectOption('CARPL');
    await placeWith(page, { type: 'U4', provider: 'PR1', miles: '6' });
    await save(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('A placement cannot start before the period of care');
    await fillDate(page, 'moveDate', day(-3));
    await save(page);
    expect(await page.locator('[data-test="placement"]').textContent()).toContain('U4');
    expect(await openClocks(page)).toContain('cla-visit:due');
    expect(await clockText(page, 'cla-visit')).toContain(shown(day(4)));
    expect(await tray(page, 'due-this-week')).toContain('cla-visit');
    await page.close();
  });

  it('has a health assessment: the next is due in 12 months', async () => {
    const page = await as('sol');
    await page.goto(`${base}/children/${CHILD}/health/new`);
    await group(page, 'Kind of check').getByLabel('Initial health assessment').check();
    await fillDate(page, 'checkDate', day(-2));
    await save(page);
    expect(await clockText(page, 'health-assessment')).toContain(shown(addMonths(day(-2), 12)));
    await page.close();
  });

  it('gets a personal adviser, a needs assessment and a pathway plan before 18: the pathway plan clock starts', async () => {
    const tam = await as('tam');
    await tam.goto(`${base}/children/${CHILD}/allocate`);
    await tam.getByLabel('Worker', { exact: true }).selectOption('PA1');
    await group(tam, 'Role').getByLabel('Personal adviser').check();
    await fillDate(tam, 'startDate', day(-2));
    await tam.getByLabel('Reason', { exact: true }).selectOption('TSPROC');
    await save(tam);
    expect(await tam.locator('[data-test="personal-adviser"]').textContent()).toContain('Pat Adviser');
    await tam.close();

    const pat = await as('pat');
    await pat.goto(`${base}/children/${CHILD}`);
    await pat.getByRole('link', { name: 'Record the leaving-care needs assessment' }).click();
    await fillDate(pat, 'assessmentDate', day(-2));
    await save(pat);
    expect(await pat.locator('[data-test="needs-assessment"]').getAttribute('data-status')).toBe('met');
    await pat.getByRole('link', { name: 'Record a pathway plan' }).click();
    await fillDate(pat, 'planDate', day(-2));
    await group(pat, 'Is this a review of an existing plan?').getByLabel('No').check();
    await save(pat);
    expect(await clockText(pat, 'pathway-plan-review')).toContain(shown(addMonths(day(-2), 6)));
    await pat.close();
  });

  it('leaves care on the 18th birthday: the care clocks stop, the young person is former relevant, and the trays clear', async () => {
    const tam = await as('tam');
    await tam.goto(`${base}/children/${CHILD}`);
    await tam.getByRole('link', { name: 'Record the end of care' }).click();
    await fillDate(tam, 'endDate', day(-1));
    await tam.getByLabel('Why care ended').selectOption('E17');
    await save(tam);
    const clocks = await openClocks(tam);
    expect(clocks.filter((c) => c.startsWith('cla-') || c.startsWith('health-'))).toEqual([]);
    expect(clocks).toContain('pathway-plan-review:due');
    expect(await tam.locator('[data-test="eligibility"]').textContent()).toBe('former relevant');
    expect(await tam.locator('[data-test="care"]').textContent()).toContain('E17');
    expect(await axeViolations(tam)).toEqual([]);
    await tam.close();

    const sol = await as('sol');
    expect(await tray(sol, 'due-this-week')).not.toContain('cla-visit');
    await sol.close();
  });

  it('the personal adviser keeps in touch and records where the young person lives: the contact clock runs 2 months', async () => {
    const pat = await as('pat');
    await pat.goto(`${base}/my-work`);
    expect(await pat.locator('[data-test="my-children"]').textContent()).toContain('Liam Carey');
    await pat.goto(`${base}/children/${CHILD}/pa-contacts/new`);
    await fillDate(pat, 'contactDate', today);
    await group(pat, 'How').getByLabel('In person').check();
    await save(pat);
    expect(await openClocks(pat)).toEqual(expect.arrayContaining(['pathway-plan-review:due', 'pa-contact:due']));
    expect(await clockText(pat, 'pa-contact')).toContain(shown(addMonths(today, 2)));
    await pat.getByRole('link', { name: 'Record the care leaver’s circumstances' }).click();
    await fillDate(pat, 'recordDate', today);
    await group(pat, 'Are we in touch?').getByLabel('In touch', { exact: true }).check();
    await pat.getByLabel('Accommodation', { exact: true }).selectOption('Z');
    await group(pat, 'Is the accommodation suitable?').getByLabel('Suitable', { exact: true }).check();
    await pat.getByLabel('Main activity').selectOption('F2');
    await group(pat, 'Staying put with former foster carers?').getByLabel('Yes').check();
    await save(pat);
    const leaving = (await pat.locator('[data-test="leaving-care"]').textContent()) ?? '';
    expect(leaving).toContain('former relevant');
    expect(leaving).toContain('staying put');
    expect(await axeViolations(pat)).toEqual([]);
    await pat.close();
  });

  it('the manager sees placement sufficiency and the adoption tracker, accessibly', async () => {
    const tam = await as('tam');
    await tam.goto(`${base}/sufficiency`);
    // Liam has left care: nobody is looked after today.
    expect(await tam.locator('[data-test="children-placed"]').textContent()).toBe('0');
    expect(await axeViolations(tam)).toEqual([]);
    await tam.goto(`${base}/sufficiency?asOf=${day(-5)}`);
    expect(await tam.locator('[data-test="children-placed"]').textContent()).toBe('1');
    await tam.goto(`${base}/sufficiency/foster-households/new`);
    await tam.getByLabel('Household name').fill('The Hills');
    await group(tam, 'Kind of approval').getByLabel('Mainstream foster carers').check();
    await tam.getByLabel('Approved places').fill('2');
    await fillDate(tam, 'approvedDate', day(-400));
    await save(tam);
    expect(await tam.locator('[data-test="households"]').textContent()).toContain('The Hills');
    expect(await axeViolations(tam)).toEqual([]);
    await tam.goto(`${base}/adoption`);
    expect(await axeViolations(tam)).toEqual([]);
    await tam.close();
  });

  it('had no console errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
