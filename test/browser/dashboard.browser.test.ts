// The dashboards in Chromium, as their users work: a leader opens the dashboard, follows a figure to the
// children behind it and opens a child's record (audited); an analyst produces the quarterly report and
// downloads the PDF, which has the report's sections and the hand-checked figure.
// The council: as at 2026-03-31, three assessments authorised in the 12 months, two within 45 working
// days (66.7%); the late one is Cara Two's (2 June → 30 September 2025).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { freshDatabase } from '../support/db.ts';
import { launchChromium, watchForErrors, axeViolations, listenOnLoopback } from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import type { Database } from '../../src/platform/db/connect.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createUser } from '../../src/auth/users.ts';
import { testRecords } from '../../src/indicators/test-records.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const AS_OF = '2026-03-31';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const t = testRecords(db);
  await t.teams('T1', 'T2');
  await t.professionals({ id: 'W1', team_id: 'T1' }, { id: 'W2', team_id: 'T2' }, { id: 'SM', team_id: 'T1', name: 'Sam Leader' });
  await db.insertInto('team_manager').values({ id: 'TM1', team_id: 'T1', professional_id: 'SM', start_date: '2020-01-01' }).execute();
  await db
    .insertInto('person')
    .values([
      { id: 'C1', forename: 'Ada', surname: 'One', dob: '2015-01-01', person_type: 'child' },
      { id: 'C2', forename: 'Cara', surname: 'Two', dob: '2016-01-01', person_type: 'child' },
      { id: 'C4', forename: 'Fola', surname: 'Four', dob: '2018-01-01', person_type: 'child' },
    ])
    .execute();
  await t.referrals(['E1', 'C1', '2025-12-20'], ['E2', 'C2', '2025-05-20'], ['E3', 'C4', '2025-09-25']);
  await t.assessments(['A1', 'E1', 'C1', '2026-01-15', '2026-01-20', { team: 'T1', worker: 'W1' }], ['A2', 'E2', 'C2', '2025-06-02', '2025-09-30', { team: 'T1', worker: 'W1' }], ['A3', 'E3', 'C4', '2025-10-01', '2025-10-15', { team: 'T2', worker: 'W2' }]);
  await t.involvements(['I1', 'W1', 'C1', 'CW', '2025-01-01', null], ['I2', 'W1', 'C2', 'CW', '2025-01-01', null], ['I4', 'W2', 'C4', 'CW', '2025-01-01', null]);
  await db.insertInto('indicator_target').values({ id: 'TG1', indicator_id: 'assessments_within_45wd_pct', target: 85, amber_from: 75 }).execute();
  await createUser(db, { username: 'sam', displayName: 'Sam Leader', roles: ['service_manager'], professionalId: 'SM', password: TEST_PASSWORD });
  await createUser(db, { username: 'ana', displayName: 'Ana Lyst', roles: ['performance_analyst'], professionalId: null, password: TEST_PASSWORD });
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function as(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return { page, errors };
}

describe('dashboards and the quarterly report, in Chromium', () => {
  it('a leader follows a figure to the children behind it and opens a child’s record, which is audited', async () => {
    const { page, errors } = await as('sam');
    await page.goto(`${base}/dashboards?asOf=${AS_OF}`);
    expect(await page.locator('h1').textContent()).toContain('Performance: the headlines');
    const figure = page.locator('[data-indicator="assessments_within_45wd_pct"] a');
    expect(await figure.textContent()).toBe('66.7%');
    expect(await page.locator('#assessments_within_45wd_pct [data-rag]').textContent()).toBe('Red: off target');
    // The chart is an image with a name; its figures are in a table too.
    expect(await page.getByRole('img', { name: 'Assessments completed within 45 working days: monthly trend' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await figure.click();
    await page.waitForURL(/\/dashboards\/indicators\/assessments_within_45wd_pct\/children/);
    const rows = page.locator('[data-test="exception-list"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Cara Two');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Cara Two' }).click();
    await page.waitForURL(`${base}/children/C2`);
    const reads = await database.db
      .selectFrom('audit_event')
      .select(['what', 'route'])
      .where('username', '=', 'sam')
      .where('action', '=', 'read')
      .where('person_id', '=', 'C2')
      .orderBy('id')
      .execute();
    expect(reads.map((r) => r.what)).toEqual(['exception list: assessments_within_45wd_pct', 'record']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an analyst produces the quarterly report and downloads the PDF, which has the expected sections', async () => {
    const { page, errors } = await as('ana');
    await page.goto(`${base}/reports/quarterly`);
    await page.getByLabel('Quarter').selectOption('2026-Q1');
    await page.getByRole('button', { name: 'Produce the report' }).click();
    await page.waitForURL(`${base}/reports/quarterly/2026-Q1`);
    expect(await page.locator('h1').textContent()).toBe('Performance and Quality Assurance Report');
    expect(await page.locator('tr[data-indicator="assessments_within_45wd_pct"]').first().textContent()).toContain('66.7%');
    // No names on the analyst's report.
    expect(await page.locator('main').textContent()).not.toContain('Cara');
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('performance-and-qa-report-2026-Q1.pdf');
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const heading of ['Performance and Quality Assurance Report', 'January to March 2026', 'Summary', 'Headline indicators', 'Front door', 'Assessment', 'Child protection', 'Children in care', 'Care leavers', 'Workforce', 'Exceptions', 'Quality assurance', 'Improvement plan progress']) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toMatch(/Assessments completed within 45 working days[\s\S]{0,80}66\.7%/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function pdfText(data: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return pages.join('\n');
}
