// Quality assurance pages in Chromium: a quality auditor reads the improvement plan, the inspection
// history, an audit and its case, grades it through the form (an error summary first), with no WCAG 2.2 AA
// violations and no console errors on any page.
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
import { addDays, todayInEngland } from '../../src/platform/calendar/calendar.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
const TODAY = todayInEngland();

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const auditor = await createUser(db, { username: 'qa.browser', displayName: 'QA Auditor', roles: ['quality_auditor'], password: TEST_PASSWORD });
  await db.insertInto('team').values({ id: 'T1', name: 'Team One' }).execute();
  await db.insertInto('person').values({ id: 'C1', forename: 'Audra', surname: 'Browserchild', dob: '2015-01-01' }).execute();
  await db.insertInto('inspection').values({ id: 'I1', kind: 'ilacs_standard', start_date: '2023-03-13', overall_grade: 'requires_improvement', leaders_grade: 'good', help_protection_grade: 'requires_improvement', children_in_care_grade: 'good', care_leavers_grade: 'requires_improvement' }).execute();
  await db.insertInto('improvement_area').values({ id: 'A1', title: 'Management oversight', source: 'inspection', inspection_id: 'I1' }).execute();
  await db.insertInto('improvement_action').values([
    { id: 'X1', area_id: 'A1', description: 'Monthly supervision', owner: 'PSW', due_date: addDays(TODAY, -3), status: 'in_progress' },
    { id: 'X2', area_id: 'A1', description: 'Audit programme', owner: 'QA lead', due_date: addDays(TODAY, 90), status: 'not_started' },
  ]).execute();
  await db.insertInto('improvement_evidence').values({ id: 'E1', action_id: 'X1', kind: 'audit_theme', audit_theme: 'supervision' }).execute();
  await db.insertInto('qa_question_set').values({ id: 'QS', name: 'Practice standards' }).execute();
  await db.insertInto('qa_question_set_revision').values({ id: 'QSR', question_set_id: 'QS', revision: 1, questions: JSON.stringify([{ id: 'q1', text: 'Is the child seen?' }, { id: 'q2', text: 'Is the plan reviewed?' }]) }).execute();
  await db.insertInto('case_file_audit').values({ id: 'AUD', title: 'Browser audit', question_set_revision_id: 'QSR', sample_kind: 'random', sample_indicator_id: 'cin_open_count', sample_size: 1, sample_seed: 9, sample_as_of: TODAY, population_size: 1, due_date: addDays(TODAY, 20) }).execute();
  await db.insertInto('case_file_audit_case').values({ id: 'CASE', audit_id: 'AUD', person_id: 'C1', team_id: 'T1', auditor_user_id: auditor.id }).execute();
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

describe('quality assurance in Chromium', () => {
  it('a quality auditor reads the plan, the inspections and the audit, and grades the case', { timeout: 300_000 }, async () => {
    const page = await browser.newPage();
    const errors = watchForErrors(page);
    await page.goto(baseUrl + '/sign-in');
    await page.fill('#username', 'qa.browser');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(baseUrl + '/');
    const violations: Record<string, unknown[]> = {};
    const check = async (path: string) => {
      await page.goto(baseUrl + path);
      const v = await axeViolations(page);
      if (v.length) violations[path] = v;
    };
    await check('/improvement-plan');
    expect(await page.locator('[data-test="overdue"]').textContent()).toContain('Monthly supervision');
    await check('/inspections');
    expect(await page.locator('[data-area="overall"]').textContent()).toContain('Requires improvement');
    await check('/case-file-audits');
    expect(await page.locator('[data-test="mine"]').textContent()).toContain('Audra Browserchild');
    await check('/case-file-audits/AUD');
    await check('/case-file-audits/cases/CASE');
    await page.click('a:has-text("Grade the case")');
    await page.click('button:has-text("Save")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose a grade for');
    const errorPage = await axeViolations(page);
    if (errorPage.length) violations['grade form with errors'] = errorPage;
    await page.check('#grade_q1');
    await page.check('input[name="grade_q2"][value="requires_improvement"]');
    await page.check('input[name="overallGrade"][value="requires_improvement"]');
    await page.click('button:has-text("Save")');
    await page.waitForURL(baseUrl + '/case-file-audits/cases/CASE');
    expect(await page.locator('[data-test="questions"]').textContent()).toContain('Requires improvement');
    await check('/case-file-audits/themes');
    await check('/case-file-audits/question-sets');
    await check('/case-file-audits/new');
    expect(violations).toEqual({});
    // The one refused submission answers 400 by design (the error summary); nothing else may fail.
    expect(errors.filter((e) => !e.includes('/case-file-audits/cases/CASE/grade') && !e.includes('status of 400'))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(2);
    await page.close();
  });
});
