// Single sign-on end to end: a real OpenID provider (oidc-provider, with its development login screens)
// runs inside the test; Tiller's real HTTP server talks to it over HTTP, and the test plays the browser.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig, parseRoleMap, type Config } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { createUser } from './users.ts';
import { Browser } from '../../test/support/http-browser.ts';

const ACCOUNTS: Record<string, { preferred_username: string; email: string; name: string; roles?: string[] }> = {
  'entra-sub-001': { preferred_username: 'Sam.Sso@Council.Example', email: 'sam.sso@council.example', name: 'Sam Sso' },
  'entra-sub-404': { preferred_username: 'nobody@council.example', email: 'nobody@council.example', name: 'No Body' },
  // For the role claims: an existing account found by email, a newcomer, and one whose groups map to no role.
  'entra-sub-002': { preferred_username: 'p.manager@council.example', email: 'Pat.Manager@Council.Example', name: 'Pat Manager', roles: ['Tiller.SocialWorker', 'Tiller.TeamManager', 'Finance.Readers'] },
  'entra-sub-003': { preferred_username: 'new.starter@council.example', email: 'new.starter@council.example', name: 'New Starter', roles: ['Tiller.SocialWorker'] },
  'entra-sub-005': { preferred_username: 'rob.other@council.example', email: 'rob.other@council.example', name: 'Rob Other', roles: ['Finance.Readers'] },
};

let database: Database;
let app: FastifyInstance;
let config: Config;
let appUrl: string;
let providerServer: http.Server;
let issuer: string;

beforeAll(async () => {
  database = await freshDatabase();
  config = loadConfig({});
  app = await buildApp({ database, config }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  providerServer = http.createServer();
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'tiller', client_secret: 'tiller-test-secret', redirect_uris: [`${appUrl}/sign-in/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    async findAccount(_ctx: unknown, sub: string) {
      const account = ACCOUNTS[sub];
      return { accountId: sub, claims: async () => ({ sub, ...(account ?? {}), email_verified: true }) };
    },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'roles'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false, // put profile claims in the ID token, as Entra does
    cookies: { keys: ['test-only-cookie-key'] },
    ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60 },
  });
  providerServer.on('request', provider.callback());
  config.oidc = { issuer, clientId: 'tiller', clientSecret: 'tiller-test-secret', redirectUrl: `${appUrl}/sign-in/oidc/callback`, usernameClaim: 'preferred_username', allowHttp: true };

  await createUser(database.db, { username: 'sam.sso@council.example', displayName: 'Sam Sso', roles: ['social_worker'] });
  await createUser(database.db, { username: 'pat.manager', displayName: 'Pat Manager', email: 'pat.manager@council.example', roles: ['social_worker', 'quality_auditor'] });
  await createUser(database.db, { username: 'rob.other@council.example', displayName: 'Rob Other', roles: ['social_worker'] });
});
afterAll(async () => {
  await app?.close();
  await new Promise((r) => providerServer?.close(r));
  await database?.close();
});

/** Signs in at the provider's development screens as `sub`, consenting; returns Tiller's response to the callback. */
async function signOnAs(browser: Browser, sub: string, next = '/') {
  const signInPage = await browser.request(`${appUrl}/sign-in`);
  const html = await signInPage.text();
  expect(html).toContain('Sign in with your council account');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const start = await browser.request(`${appUrl}/sign-in/oidc`, { form: { _csrf: csrf, next } });
  expect(start.status).toBe(303);
  expect(start.headers.get('location')).toMatch(new RegExp(`^${issuer}/auth\\?`));
  expect(start.headers.get('location')).toContain('code_challenge_method=S256');
  let { res, url } = await browser.follow(start, `${appUrl}/sign-in/oidc`);
  // The provider's login, then its consent screen.
  for (const form of [{ prompt: 'login', login: sub, password: 'any' }, { prompt: 'consent' }] as Array<Record<string, string>>) {
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    expect(action, `a ${form.prompt} form at ${url}`).toBeTruthy();
    const posted = await browser.request(new URL(action!.replace(/&amp;/g, '&'), url).href, { form });
    // Follow back through the provider until the redirect leaves for Tiller's callback.
    let r = posted;
    let at = url;
    while (r.status >= 300 && r.status < 400) {
      at = new URL(r.headers.get('location')!, at).href;
      if (at.startsWith(`${appUrl}/sign-in/oidc/callback`)) return { callbackUrl: at, res: await browser.request(at) };
      r = await browser.request(at);
    }
    res = r;
    url = at;
  }
  throw new Error('the provider never redirected back to Tiller');
}

describe('single sign-on with OpenID Connect', () => {
  it('signs in a council user through a real provider, linking the account by its username claim', async () => {
    const browser = new Browser();
    const { res } = await signOnAs(browser, 'entra-sub-001', '/account/sessions');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/sessions');
    const sessions = await browser.request(`${appUrl}/account/sessions`);
    expect(sessions.status).toBe(200);
    const page = await sessions.text();
    expect(page).toContain('Council account');
    expect(page).toContain('Sam Sso');
    const user = await database.db.selectFrom('user_account').select(['oidc_issuer', 'oidc_subject']).where('username', '=', 'sam.sso@council.example').executeTakeFirstOrThrow();
    expect(user).toEqual({ oidc_issuer: issuer, oidc_subject: 'entra-sub-001' });
    const audit = await database.db.selectFrom('audit_event').select(['action', 'detail', 'username']).where('action', '=', 'sign_in').execute();
    expect(audit).toEqual([expect.objectContaining({ username: 'sam.sso@council.example', detail: expect.objectContaining({ method: 'oidc' }) })]);
  });

  it('signs the linked user in again by issuer and subject', async () => {
    const { res } = await signOnAs(new Browser(), 'entra-sub-001');
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toContain('tiller_session=');
  });

  it('refuses a provider account that has no Tiller account', async () => {
    const { res } = await signOnAs(new Browser(), 'entra-sub-404');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('not set up for Tiller');
    expect(res.headers.get('set-cookie') ?? '').not.toContain('tiller_session=');
  });

  it('refuses a callback whose state does not match the one it started with', async () => {
    const browser = new Browser();
    const signInPage = await (await browser.request(`${appUrl}/sign-in`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signInPage)![1]!;
    await browser.request(`${appUrl}/sign-in/oidc`, { form: { _csrf: csrf, next: '/' } });
    const res = await browser.request(`${appUrl}/sign-in/oidc/callback?code=forged&state=forged&iss=${encodeURIComponent(issuer)}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('tiller_session=');
  });

  it('needs the CSRF token to start sign-on', async () => {
    const res = await new Browser().request(`${appUrl}/sign-in/oidc`, { form: { next: '/' } });
    expect(res.status).toBe(403);
  });
});

describe('roles from the provider’s claims', () => {
  const rolesOfUser = async (username: string) =>
    (await database.db.selectFrom('user_role as r').innerJoin('user_account as u', 'u.id', 'r.user_id').select('r.role').where('u.username', '=', username).where('r.deleted_at', 'is', null).orderBy('r.role').execute()).map((r) => r.role);

  it('maps the configured claim to Tiller roles at each sign-on, linking an existing account by email', async () => {
    config.oidc = { ...config.oidc!, rolesClaim: 'roles', roleMap: parseRoleMap('Tiller.SocialWorker=social_worker,Tiller.TeamManager=team_manager'), provision: false };
    const browser = new Browser();
    const { res } = await signOnAs(browser, 'entra-sub-002', '/api/v1/me');
    expect(res.status).toBe(303);
    const me = await browser.request(`${appUrl}/api/v1/me`, { headers: { accept: 'application/json' } });
    expect(await me.json()).toMatchObject({ username: 'pat.manager', roles: ['social_worker', 'team_manager'] });
    // quality_auditor, given in Tiller, is gone: the provider decides; Finance.Readers maps to nothing.
    expect(await rolesOfUser('pat.manager')).toEqual(['social_worker', 'team_manager']);
    const linked = await database.db.selectFrom('user_account').select(['oidc_subject']).where('username', '=', 'pat.manager').executeTakeFirstOrThrow();
    expect(linked.oidc_subject).toBe('entra-sub-002');
    const change = await database.db.selectFrom('audit_event').select(['diff', 'username', 'what']).where('action', '=', 'update').where('entity_type', '=', 'user_account').execute();
    expect(change).toEqual([{ username: 'pat.manager', what: 'roles set by single sign-on', diff: { roles: { before: ['quality_auditor', 'social_worker'], after: ['social_worker', 'team_manager'] }, version: { before: 1, after: 2 } } }]);

    // Removed from a group at the provider: the role goes at the next sign-on.
    ACCOUNTS['entra-sub-002']!.roles = ['Tiller.SocialWorker'];
    expect((await signOnAs(new Browser(), 'entra-sub-002')).res.status).toBe(303);
    expect(await rolesOfUser('pat.manager')).toEqual(['social_worker']);
  });

  it('refuses an account whose claim maps to no Tiller role, leaving its roles alone', async () => {
    const { res } = await signOnAs(new Browser(), 'entra-sub-005');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('has no Tiller role');
    expect(res.headers.get('set-cookie') ?? '').not.toContain('tiller_session=');
    expect(await rolesOfUser('rob.other@council.example')).toEqual(['social_worker']);
  });

  it('refuses someone with no account unless provisioning is on, and then creates theirs with the mapped roles', async () => {
    const refused = await signOnAs(new Browser(), 'entra-sub-003');
    expect(refused.res.status).toBe(403);
    expect(await database.db.selectFrom('user_account').select('id').where('username', '=', 'new.starter@council.example').execute()).toEqual([]);

    config.oidc = { ...config.oidc!, provision: true };
    const browser = new Browser();
    const { res } = await signOnAs(browser, 'entra-sub-003', '/api/v1/me');
    expect(res.status).toBe(303);
    expect(await (await browser.request(`${appUrl}/api/v1/me`, { headers: { accept: 'application/json' } })).json()).toMatchObject({ username: 'new.starter@council.example', displayName: 'New Starter', roles: ['social_worker'] });
    const account = await database.db.selectFrom('user_account').select(['password_hash', 'oidc_issuer', 'oidc_subject', 'email']).where('username', '=', 'new.starter@council.example').executeTakeFirstOrThrow();
    expect(account).toEqual({ password_hash: null, oidc_issuer: issuer, oidc_subject: 'entra-sub-003', email: 'new.starter@council.example' });
    const created = await database.db.selectFrom('audit_event').select(['detail']).where('action', '=', 'user_admin').where('username', '=', 'new.starter@council.example').execute();
    expect(created).toEqual([{ detail: { created: 'new.starter@council.example', roles: ['social_worker'], by: 'single sign-on provisioning' } }]);
    // Provisioning never creates an account without a mapped role.
    expect((await signOnAs(new Browser(), 'entra-sub-404')).res.status).toBe(403);
  });

  it('reads the role map from the environment, refusing unknown roles', () => {
    expect(parseRoleMap('A=social_worker, B=team_manager+social_worker')).toEqual({ A: ['social_worker'], B: ['team_manager', 'social_worker'] });
    expect(parseRoleMap('{"0f3c-group,with comma": ["iro"], "x": "administrator"}')).toEqual({ '0f3c-group,with comma': ['iro'], x: ['administrator'] });
    expect(parseRoleMap(undefined)).toEqual({});
    expect(() => parseRoleMap('A=superuser')).toThrow(/unknown role/);
    expect(() => parseRoleMap('just-a-value')).toThrow(/must be value=role/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example', OIDC_PROVISION: 'true' })).toThrow(/OIDC_ROLES_CLAIM/);
    expect(loadConfig({ OIDC_ISSUER: 'https://login.example', OIDC_ROLES_CLAIM: 'groups', OIDC_ROLE_MAP: 'g1=iro' }).oidc).toMatchObject({ rolesClaim: 'groups', roleMap: { g1: ['iro'] }, provision: false });
  });
});
