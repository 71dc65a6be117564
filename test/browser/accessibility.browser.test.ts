// Every page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in Chromium, on the demo council.
// The crawl is generic: it walks `app.routeRules`, so a page added later is visited without changing this
// file. For each GET page it finds a demo sign-in allowed to see it and real ids for its path parameters
// (`:childId`, and `:fooId` from the table `foo` of that child's records), checks the page answers 200 with
// HTML, runs axe on it, and on each form page submits the form empty and runs axe on the error summary too.
// A few states no route names (search results, the 403 and 404 pages, the record seen by different roles)
// are visited as extras.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freshDatabase } from '../support/db.ts';
import { launchChromium, axeViolations, listenOnLoopback, type AxeViolation } from '../support/browser.ts';
import type { Database } from '../../src/platform/db/connect.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { createSession, SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { visibleChildIds } from '../../src/access/rules.ts';
import { rolesHaveCapability, type Role } from '../../src/access/roles.ts';
import type { AccessRule, RegisteredRoute } from '../../src/access/route-rules.ts';
import { addDays, todayInEngland } from '../../src/platform/calendar/calendar.ts';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

interface DemoSignIn {
  userId: string;
  username: string;
  role: Role;
  professionalId: string | null;
  cookie: string;
  context?: BrowserContext;
}
let users: DemoSignIn[] = [];

/** Routes that are not pages: the API, static files, downloads, health, the OIDC callback. */
const NOT_A_PAGE = [/^\/api\//, /\*/, /\.(json|csv|zip|xml|pdf|xlsx|txt)$/, /\/download$/, /^\/health$/, /^\/sign-in\/oidc\//];

/** States of a child that some pages need (a page about a placement needs a child looked after): `p` is the person. */
const CHILD_STATES = [
  sql`select 1 from period_of_care x where x.person_id = p.id and x.end_date is null and x.deleted_at is null`,
  sql`select 1 from cp_plan x where x.person_id = p.id and x.end_date is null and x.deleted_at is null`,
  sql`select 1 from cin_plan x where x.person_id = p.id and x.end_date is null and x.deleted_at is null`,
  sql`select 1 from cin_episode x where x.person_id = p.id and x.close_date is null and x.deleted_at is null`,
  sql`select 1 from care_leaver x where x.person_id = p.id and x.deleted_at is null`,
  sql`select 1 from contact x where x.person_id = p.id and x.outcome is null and x.deleted_at is null`,
];

/** Path parameters whose table is not the parameter's name in snake case. */
const PARAM_TABLES: Record<string, string> = { noteId: 'case_note' };

const ON_POSTGRESQL = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  if (ON_POSTGRESQL) return;
  database = await freshDatabase();
  await loadDemo(database.db, { seed: 7, scale: 0.1, years: 1, asOf: todayInEngland() });
  const rows = await database.db.selectFrom('user_account as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select(['u.id', 'u.username', 'r.role', 'u.professional_id']).where('u.username', 'like', '%.demo').orderBy('u.username').execute();
  await giveEachStateToTheDemoWorkers();
  await addWhatTheDemoLacks();
  users = [];
  for (const u of rows) {
    const s = await createSession(database.db, { userId: u.id, method: 'password', ipAddress: '127.0.0.1', userAgent: 'axe' });
    users.push({ userId: u.id, username: u.username, role: u.role as Role, professionalId: u.professional_id, cookie: `${SESSION_COOKIE}=${s.token}` });
  }
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false, rateLimits: false });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/**
 * The demo sign-ins that hold cases see only their own and their team's children, and a small demo council
 * may give them no child in some state (none looked after, say), leaving a page about that state unreachable.
 * So each case-holding demo worker is allocated, if need be, one child in each state.
 */
async function giveEachStateToTheDemoWorkers(): Promise<void> {
  const db = database.db;
  const today = todayInEngland();
  const workers = await db.selectFrom('user_account as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select(['u.id', 'r.role', 'u.professional_id']).where('u.username', 'like', '%.demo').where('r.role', 'in', ['social_worker', 'personal_adviser', 'iro']).execute();
  const ROLE = { social_worker: 'CW', personal_adviser: '16PLUS', iro: 'IRO' } as Record<string, string>;
  let n = 0;
  for (const w of workers) {
    if (!w.professional_id) continue;
    const visible = visibleChildIds({ id: w.id, professionalId: w.professional_id, roles: [w.role as Role] });
    for (const state of CHILD_STATES) {
      const seen = await sql<{ id: string }>`select p.id from person p where p.id in ${visible} and exists (${state}) limit 1`.execute(db);
      if (seen.rows.length) continue;
      const child = await sql<{ id: string }>`select p.id from person p where p.deleted_at is null and not p.restricted and p.person_type = 'child' and exists (${state}) order by p.id limit 1`.execute(db);
      if (!child.rows[0]) continue;
      await db.insertInto('involvement').values({ id: `AXE${++n}`, professional_id: w.professional_id, person_id: child.rows[0].id, role: ROLE[w.role]!, start_date: addDays(today, -7) }).execute();
    }
  }
}

/** Records the demo council does not make yet, without which a page has nothing to show (remove when it does). */
async function addWhatTheDemoLacks(): Promise<void> {
  const db = database.db;
  const none = async (table: string) =>
    (await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db)).rows[0]!.t !== null &&
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n === 0;
  if (await none('foster_household')) {
    await sql`insert into foster_household (id, name, approval_type, approved_places, approved_date) values ('AXE-FH1', 'The Oak household', 'mainstream', 2, ${addDays(todayInEngland(), -400)})`.execute(db);
  }
}

function allowedUsers(rule: AccessRule | undefined): Array<DemoSignIn | null> {
  if (rule === 'public') return [null];
  if (rule === 'signedIn' || rule === 'childRecord') return users;
  if (rule && typeof rule === 'object' && 'roles' in rule) return users.filter((u) => rule.roles.includes(u.role));
  if (rule && typeof rule === 'object' && 'can' in rule) return users.filter((u) => rolesHaveCapability([u.role], rule.can));
  return [];
}

const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z0-9]+)/g)].map((m) => m[1]!);
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The table of a child's records a parameter names (`cpPlanId` → cp_plan), or null when it names something else. */
async function childOwnedTable(param: string): Promise<string | null> {
  const table = PARAM_TABLES[param] ?? snake(param.replace(/Id$/, ''));
  const r = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_schema = 'public' and table_name = ${table} and column_name = 'person_id'`.execute(database.db);
  return r.rows[0]?.n ? table : null;
}
async function tableFor(param: string): Promise<string> {
  return (await childOwnedTable(param))!;
}

/** Every link seen on a page visited so far, with who saw it: a route whose parameters are not a child's records is filled from these. */
const linksSeen = new Map<string, DemoSignIn | null>();
const patternOf = (url: string) => new RegExp(`^${url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9]+/g, '[^/?#]+')}$`);
let getRoutes: string[] = [];
/** The GET route a path belongs to: of those it matches, the one with fewest parameters (/audits/themes, not /audits/:id). */
function routeOf(path: string): string | undefined {
  return getRoutes.filter((r) => patternOf(r).test(path)).sort((a, b) => paramsOf(a).length - paramsOf(b).length)[0];
}
/** Links (path and query) to pages of this route: with a query string first, as the app links to them. */
function linksMatching(url: string): Array<{ user: DemoSignIn | null; path: string }> {
  const found = [...linksSeen].filter(([href]) => routeOf(href.split('?')[0]!) === url).map(([path, user]) => ({ user, path }));
  return [...found.filter((l) => l.path.includes('?')).slice(0, 3), ...found.filter((l) => !l.path.includes('?'))];
}
/** Values of path parameters seen in links (`caseId` → ids), to fill other routes with the same parameter. */
const paramValues = new Map<string, Map<string, DemoSignIn | null>>();
function rememberLink(href: string, user: DemoSignIn | null) {
  const link = href.replace(/&amp;/g, '&').split('#')[0]!;
  if (!link.startsWith('/') || linksSeen.has(link)) return;
  linksSeen.set(link, user);
  const route = routeOf(link.split('?')[0]!);
  if (!route) return;
  const values = new RegExp(patternOf(route).source.replaceAll('[^/?#]+', '([^/?#]+)')).exec(link.split('?')[0]!)?.slice(1) ?? [];
  paramsOf(route).forEach((name, i) => {
    const seen = paramValues.get(name) ?? new Map<string, DemoSignIn | null>();
    if (!seen.has(values[i]!)) seen.set(values[i]!, user);
    paramValues.set(name, seen);
  });
}
/** The route filled with parameter values seen in other links (/cases/:caseId/grade from /cases/C1), a few at most. */
function fillFromSeenValues(url: string): Array<{ user: DemoSignIn | null; path: string }> {
  const names = paramsOf(url);
  if (!names.length || !names.every((n) => paramValues.has(n))) return [];
  const out: Array<{ user: DemoSignIn | null; path: string }> = [];
  const first = [...paramValues.get(names[0]!)!].slice(0, 4);
  for (const [value, user] of first) {
    const path = url.replace(/:([A-Za-z0-9]+)/g, (_, n: string) => encodeURIComponent(n === names[0] ? value : [...paramValues.get(n)!.keys()][0]!));
    out.push({ user, path });
  }
  return out;
}
function rememberLinks(html: string, user: DemoSignIn | null) {
  for (const m of html.matchAll(/href="(\/[^"#]*)/g)) rememberLink(m[1]!, user);
}

/** Candidate path fillings for a route as this user: children they may see first, then any. At most `limit`. */
async function fillings(url: string, user: DemoSignIn | null, limit = 8): Promise<Array<Record<string, string>>> {
  const params = paramsOf(url);
  if (params.length === 0) return [{}];
  const visible = user ? visibleChildIds({ id: user.userId, professionalId: user.professionalId, roles: [user.role] }) : null;
  const others = params.filter((p) => p !== 'childId');
  if (!params.includes('childId') || !(await Promise.all(others.map(childOwnedTable))).every(Boolean)) return [];
  const out: Array<Record<string, string>> = [];
  for (const onlyVisible of visible ? [true, false] : [false]) {
    if (others.length === 0) {
      const scope = visible ? (onlyVisible ? sql`and p.id in ${visible}` : sql`and p.id not in ${visible}`) : sql``;
      // A child in each state a page may need (looked after, on a plan, open, at the front door…), then any.
      for (const state of CHILD_STATES) {
        const r = await sql<{ id: string }>`select p.id from person p where p.deleted_at is null ${scope} and exists (${state}) order by p.id limit 1`.execute(database.db);
        if (r.rows[0] && !out.some((o) => o.childId === r.rows[0]!.id)) out.push({ childId: r.rows[0].id });
      }
      const r = await sql<{ id: string }>`select p.id from person p where p.person_type = 'child' and p.deleted_at is null ${scope} order by p.id limit ${limit}`.execute(database.db);
      for (const row of r.rows) if (!out.some((o) => o.childId === row.id)) out.push({ childId: row.id });
    } else {
      // The first other parameter's table chooses the child; the rest come from that child's records.
      const first = await tableFor(others[0]!);
      const rows = await sql<{ id: string; person_id: string }>`select t.id, t.person_id from ${sql.table(first)} t
        where t.deleted_at is null ${visible ? (onlyVisible ? sql`and t.person_id in ${visible}` : sql`and t.person_id not in ${visible}`) : sql``}
        order by t.created_at desc, t.id limit ${limit}`.execute(database.db);
      for (const r of rows.rows) {
        const filling: Record<string, string> = { childId: r.person_id, [others[0]!]: r.id };
        for (const p of others.slice(1)) {
          const t = await tableFor(p);
          const row = await sql<{ id: string }>`select id from ${sql.table(t)} where person_id = ${r.person_id} and deleted_at is null order by created_at desc, id limit 1`.execute(database.db);
          if (row.rows[0]) filling[p] = row.rows[0].id;
        }
        if (others.every((p) => filling[p])) out.push(filling);
      }
    }
    if (out.length) break;
  }
  return out;
}

const fill = (url: string, values: Record<string, string>) => url.replace(/:([A-Za-z0-9]+)/g, (_, p: string) => encodeURIComponent(values[p]!));

async function candidatesFor(route: RegisteredRoute, users: Array<DemoSignIn | null>): Promise<Array<{ user: DemoSignIn | null; path: string }>> {
  const allowed = allowedUsers(route.access).filter((u) => users.includes(u));
  const candidates: Array<{ user: DemoSignIn | null; path: string }> = [];
  // The page as other pages link to it (a query string may choose what it is about: /contacts/new?childId=…).
  for (const link of linksMatching(route.url)) for (const user of [link.user, ...allowed]) if (allowed.includes(user)) candidates.push({ user, path: link.path });
  // Path parameters filled from the child's records, and parameterless pages as they are.
  for (const user of allowed) for (const values of await fillings(route.url, user)) candidates.push({ user, path: fill(route.url, values) });
  // Parameters filled with values other links carried.
  for (const seen of fillFromSeenValues(route.url)) for (const user of [seen.user, ...allowed]) if (allowed.includes(user)) candidates.push({ user, path: seen.path });
  return candidates;
}

async function fetchPage(user: DemoSignIn | null, path: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(base + path, { headers: { accept: 'text/html', ...(user ? { cookie: user.cookie } : {}) }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/**
 * Before visiting anything: open every page over HTTP as every sign-in allowed to, remembering the links each
 * sees (a page may show a link only to some roles), again while new links turn up, so that a page is later
 * visited as the app links to it.
 */
async function harvestLinks(routes: RegisteredRoute[]): Promise<void> {
  const done = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const before = linksSeen.size;
    for (const route of routes) {
      for (const user of allowedUsers(route.access)) {
        const key = `${route.url}|${user?.username}`;
        if (done.has(key)) continue;
        // Two pages of each route (two audits, say), as each user: what they link to may differ.
        let opened = 0;
        for (const { path } of (await candidatesFor(route, [user])).slice(0, 12)) {
          const page = await fetchPage(user, path);
          if (page.status !== 200) continue;
          if (page.type.includes('text/html')) rememberLinks(page.body, user);
          if (++opened === 2) break;
        }
        if (opened) done.add(key);
      }
    }
    if (linksSeen.size === before) break;
  }
}

/** The first (user, path) for which the page answers 200 with HTML at the same address; or why none did. */
async function findVisit(route: RegisteredRoute): Promise<{ user: DemoSignIn | null; path: string } | { skip: string } | { fail: string } | { noCandidates: true }> {
  const tried: string[] = [];
  const candidates = await candidatesFor(route, [null, ...users]);
  if (candidates.length === 0) return { noCandidates: true };
  for (const { user, path } of candidates) {
    const { status, type, body } = await fetchPage(user, path);
    if (status === 200 && !type.includes('text/html')) return { skip: `answers ${type}, not a page` };
    if (status === 200) {
      rememberLinks(body, user);
      return { user, path };
    }
    tried.push(`${user?.username ?? 'anonymous'} ${path} → ${status}`);
    if (tried.length > 120) break;
  }
  return { fail: `no demo sign-in and ids found that open ${route.method} ${route.url}: tried ${tried.length}, e.g. ${tried.slice(0, 4).join('; ')}` };
}

async function pageAs(user: DemoSignIn | null) {
  if (!user) return browser.newPage();
  if (!user.context) {
    user.context = await browser.newContext();
    await user.context.addCookies([{ name: SESSION_COOKIE, value: user.cookie.split('=')[1]!, url: base }]);
  }
  return user.context.newPage();
}

interface Finding {
  page: string;
  violations: AxeViolation[];
}

async function linksOn(page: Page, user: DemoSignIn | null) {
  for (const h of await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) rememberLink(h, user);
}

/**
 * Opens the page, runs axe, remembers its links; submits its first GET form as it stands (a search or a
 * chooser: the result is a page state too); and, on a form page, submits the form empty and runs axe on the
 * error summary. Returns whether it was a form page and whether the empty submit showed an error summary.
 */
async function check(user: DemoSignIn | null, path: string, label: string, findings: Finding[], submitForms: boolean): Promise<{ forms: number; errorSummary: boolean | null; status?: number }> {
  const page = await pageAs(user);
  const who = user?.username ?? 'anonymous';
  try {
    const res = await page.goto(base + path);
    expect(res?.status(), `${label} as ${who}`).toBeLessThan(500);
    const v = await axeViolations(page);
    if (v.length) findings.push({ page: `${label} (${path} as ${who})`, violations: v });
    await linksOn(page, user);
    if (!submitForms) return { forms: 0, errorSummary: null };

    const getForm = page.locator('main form[method="get" i]').first();
    if (await getForm.count()) {
      const button = getForm.locator('button, input[type="submit"]').first();
      if (await button.count()) {
        await Promise.all([page.waitForLoadState('load'), button.click()]);
        await page.waitForLoadState('load');
        const after = new URL(page.url());
        rememberLink(after.pathname + after.search, user);
        await linksOn(page, user);
        const g = await axeViolations(page);
        if (g.length) findings.push({ page: `${label}, its GET form submitted (${after.pathname}${after.search} as ${who})`, violations: g });
        await page.goto(base + path);
      }
    }

    // A form page: a POST form in the main content with a field a person fills in (not a lone button).
    const form = page.locator('main form[method="post" i]').filter({ has: page.locator('input:not([type="hidden"]):not([type="submit"]), textarea, select') });
    const forms = await form.count();
    if (forms === 0) return { forms, errorSummary: null };
    const f = form.first();
    // Empty it: the form may start with values (the record's version stays, it is hidden).
    for (const input of await f.locator('input[type="text"], input:not([type]), input[type="number"], input[type="email"], input[type="password"], textarea').all()) await input.fill('');
    for (const select of await f.locator('select').all()) if (await select.locator('option[value=""]').count()) await select.selectOption('');
    for (const box of await f.locator('input[type="checkbox"]:checked').all()) await box.uncheck();
    const [posted] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), f.locator('button[type="submit"], button:not([type]), input[type="submit"]').first().click()]);
    await page.waitForLoadState('load');
    // Refused with the error summary, or (a form whose every field may be blank) saved and sent on to a page.
    const errorSummary = (await page.locator('.govuk-error-summary').count()) > 0;
    if (!errorSummary && !(posted.status() >= 300 && posted.status() < 400)) return { forms, errorSummary: false, status: posted.status() };
    const after = await axeViolations(page);
    if (after.length) findings.push({ page: `${label}, submitted empty (${path} as ${who})`, violations: after });
    return { forms, errorSummary };
  } finally {
    await page.close();
  }
}

// Markup does not depend on the database, and the crawl is the suite's longest test: it runs on the embedded
// database only (CI's PostgreSQL pass says it is skipped).
describe.skipIf(ON_POSTGRESQL)('accessibility of every page, in Chromium, on the demo council', () => {
  it('axe finds a violation when there is one (so a clean crawl means something)', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>x</title></head><body><main><img src="data:,"><label>Name</label><input type="text"></main></body></html>');
    expect((await axeViolations(page)).map((v) => v.id).sort()).toEqual(['image-alt', 'label']);
    await page.close();
  });

  it('visits every registered GET page (and its empty-submit error state) with zero axe violations', { timeout: 1_800_000 }, async () => {
    // Pages without parameters first, so that their links can fill the parameters of the others.
    let pending = app.routeRules.filter((r) => r.method === 'GET' && !NOT_A_PAGE.some((re) => re.test(r.url))).sort((a, b) => paramsOf(a.url).length - paramsOf(b.url).length);
    expect(pending.length).toBeGreaterThan(30);
    getRoutes = pending.map((r) => r.url);
    await harvestLinks(pending);
    const findings: Finding[] = [];
    const failures: string[] = [];
    const skipped: string[] = [];
    const noErrorSummary: string[] = [];
    let visited = 0;
    let formsChecked = 0;
    // Passes: a page whose parameters only another page's links can fill waits until that page is visited.
    for (let pass = 1; pending.length; pass++) {
      const waiting: RegisteredRoute[] = [];
      for (const route of pending) {
        const found = await findVisit(route);
        if ('noCandidates' in found) waiting.push(route);
        else if ('skip' in found) skipped.push(`${route.url}: ${found.skip}`);
        else if ('fail' in found) failures.push(found.fail);
        else {
          const result = await check(found.user, found.path, route.url, findings, true);
          visited++;
          if (result.errorSummary !== null) {
            formsChecked++;
            if (!result.errorSummary && result.status) noErrorSummary.push(`${route.url} (${found.path} as ${found.user?.username}): an empty submit answered ${result.status} without an error summary`);
          }
        }
      }
      if (waiting.length === pending.length) {
        for (const r of waiting) failures.push(`nothing in the demo council opens ${r.method} ${r.url}: no records for its parameters and no page links to it (give the demo data for it, or teach the crawl)`);
        break;
      }
      pending = waiting;
    }
    // States no route names by itself.
    const extras: Array<{ username: string | null; path: string; label: string }> = [];
    const surname = (await database.db.selectFrom('person').select('surname').where('person_type', '=', 'child').where('surname', 'is not', null).orderBy('id').executeTakeFirstOrThrow()).surname!;
    extras.push({ username: 'fd.demo', path: `/children?name=${encodeURIComponent(surname)}`, label: 'search results' });
    extras.push({ username: 'fd.demo', path: '/children?name=Zzyzxqvw+Nobody', label: 'search with no results' });
    extras.push({ username: 'sw.demo', path: '/no-such-page', label: 'page not found' });
    extras.push({ username: null, path: '/no-such-page', label: 'page not found, signed out' });
    const sw = users.find((u) => u.username === 'sw.demo')!;
    const notMine = await database.db.selectFrom('person').select('id').where('person_type', '=', 'child').where('restricted', '=', false).where('id', 'not in', visibleChildIds({ id: sw.userId, professionalId: sw.professionalId, roles: [sw.role] })).orderBy('id').executeTakeFirstOrThrow();
    extras.push({ username: 'sw.demo', path: `/children/${notMine.id}`, label: 'a record the user has no relationship with' });
    // The child's record in its different states, as each case-holding role sees it.
    for (const u of users.filter((x) => x.professionalId)) {
      for (const state of CHILD_STATES) {
        const row = await sql<{ id: string }>`select p.id from person p where p.id in ${visibleChildIds({ id: u.userId, professionalId: u.professionalId, roles: [u.role] })} and exists (${state}) order by p.id limit 1`.execute(database.db);
        if (row.rows[0]) extras.push({ username: u.username, path: `/children/${row.rows[0].id}`, label: `child record as ${u.role}` });
      }
    }
    const seenExtra = new Set<string>();
    for (const e of extras) {
      if (seenExtra.has(e.path)) continue;
      seenExtra.add(e.path);
      await check(e.username ? users.find((u) => u.username === e.username)! : null, e.path, e.label, findings, false);
      visited++;
    }
    console.log(`accessibility crawl: ${visited} pages, ${formsChecked} forms submitted empty; not pages: ${skipped.join(', ') || 'none'}`);
    expect({ failures, noErrorSummary, findings }).toEqual({ failures: [], noErrorSummary: [], findings: [] });
    expect(formsChecked).toBeGreaterThan(20);
  });
});
