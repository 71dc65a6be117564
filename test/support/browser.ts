// Chromium from Debian (never a downloaded browser), driven by playwright-core.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Collects console errors and failed requests, so a test can assert there were none. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  // A request the browser cancels because the page moved on (a navigation or download started while the
  // favicon was loading) is not a failure of ours.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? 'unknown'})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('.map')) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> }> } }).axe;
    // Only violations are read, so axe need not gather every node that passes (resultTypes).
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
}

/** Serves the app on a free loopback port; returns its base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

/** A new browser context signed in as `username` through the sign-in page; `errors` collects what went wrong on it. */
export async function signedInPage(browser: Browser, base: string, username: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return { page, errors };
}

/** Fills a GOV.UK date input (`<name>-day`, `-month`, `-year`) with an ISO date. */
export async function fillDate(page: Page, name: string, iso: string): Promise<void> {
  await page.locator(`#${name}-day`).fill(String(Number(iso.slice(8, 10))));
  await page.locator(`#${name}-month`).fill(String(Number(iso.slice(5, 7))));
  await page.locator(`#${name}-year`).fill(iso.slice(0, 4));
}

/** The fieldset whose legend is `legend` (radios, dates). */
export const fieldset = (page: Page, legend: string) => page.getByRole('group', { name: legend });

/** Presses the form's button and waits for the next page. */
export async function save(page: Page, name = 'Save'): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState('load');
}
