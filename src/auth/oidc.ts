// Council single sign-on with OpenID Connect (e.g. Microsoft Entra ID): authorisation code flow with PKCE,
// state and nonce. By default Tiller does not create accounts from sign-on: an administrator creates the
// account (`tiller user add --sso-only`) and gives it roles. On the first sign-on the provider's account is
// linked to it by the username claim (or email); afterwards by issuer + subject, which never change.
// With OIDC_ROLES_CLAIM set, the provider decides the roles: at every sign-on the claim's values are mapped
// through OIDC_ROLE_MAP and the account's roles made to match (none mapped: refused). With OIDC_PROVISION=true
// as well, someone with no account but a mapped role gets one at their first sign-on.
import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { OidcConfig } from '../platform/config.ts';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { ROLES, type Role } from '../access/roles.ts';
import { createSession, type NewSession } from './sessions.ts';
import { createUser, normaliseUsername, rolesOf } from './users.ts';

export const OIDC_COOKIE = 'tiller_oidc';
const FLOW_MINUTES = 10;

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's configuration (discovery document), fetched once per issuer and client. */
function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}\u0000${oidc.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    found = client.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, oidc.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined);
    found.catch(() => configurations.delete(key)); // try again next time
    configurations.set(key, found);
  }
  return found;
}

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

/** Starts sign-on: remembers state, nonce and the PKCE verifier in a short-lived cookie and redirects to the provider. */
export async function startOidcSignIn(oidc: OidcConfig, request: FastifyRequest, reply: FastifyReply, next: string): Promise<FastifyReply> {
  let config: client.Configuration;
  try {
    config = await providerConfiguration(oidc);
  } catch (e) {
    throw new AppError('DATABASE_UNAVAILABLE', 'Council sign-in is not available at the moment. Try again later, or sign in with a Tiller password.', { cause: e, internal: 'OIDC discovery failed' });
  }
  const flow: FlowState = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUrl,
    scope: 'openid profile email',
    response_type: 'code',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  });
  reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
    path: '/sign-in/oidc',
    httpOnly: true,
    sameSite: 'lax', // sent on the provider's top-level redirect back to us
    secure: request.protocol === 'https',
    maxAge: FLOW_MINUTES * 60,
  });
  return reply.redirect(url.href, 303);
}

function readFlow(request: FastifyRequest): FlowState | undefined {
  const raw = request.cookies[OIDC_COOKIE];
  if (!raw || raw.length > 2000) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<FlowState>;
    if (typeof flow.state === 'string' && typeof flow.nonce === 'string' && typeof flow.verifier === 'string' && typeof flow.next === 'string') return flow as FlowState;
  } catch {
    // fall through: a damaged cookie is a failed sign-in
  }
  return undefined;
}

export interface OidcSignedIn extends NewSession {
  userId: string;
  next: string;
}

const NOT_SET_UP = 'Your council account is not set up for Tiller. Ask your Tiller administrator to add you.';
const NO_ROLE = 'Your council account has no Tiller role. Ask your Tiller administrator to give you one.';

/** Completes sign-on at the callback: checks the response, maps the claims to a Tiller user, starts a session. */
export async function finishOidcSignIn(db: Db, oidc: OidcConfig, request: FastifyRequest, reply: FastifyReply): Promise<OidcSignedIn> {
  const flow = readFlow(request);
  reply.clearCookie(OIDC_COOKIE, { path: '/sign-in/oidc' });
  const actor = { userId: null, username: null, roles: [], ipAddress: request.ip, requestId: request.id, route: 'GET /sign-in/oidc/callback' };
  if (!flow) throw new AppError('UNAUTHENTICATED', 'Your sign-in took too long or was started elsewhere. Try again.', { internal: 'OIDC callback without flow cookie' });
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  let claims: client.IDToken | undefined;
  try {
    const config = await providerConfiguration(oidc);
    const tokens = await client.authorizationCodeGrant(config, new URL(oidc.redirectUrl + query), { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
    claims = tokens.claims();
  } catch (e) {
    await recordAudit(db, actor, { action: 'sign_in_failed', outcome: 'failure', detail: { method: 'oidc', error: (e as { code?: string }).code ?? 'rejected' } });
    throw new AppError('UNAUTHENTICATED', 'Council sign-in did not complete. Try again.', { cause: e, internal: 'OIDC code exchange or ID token check failed' });
  }
  if (!claims) throw new AppError('UNAUTHENTICATED', 'Council sign-in did not complete. Try again.', { internal: 'no ID token claims' });
  const roles = oidc.rolesClaim ? rolesFromClaims(oidc, claims) : null;
  let user = await userForClaims(db, oidc, claims);
  if (!user && oidc.provision && roles && roles.length > 0) user = await provisionUser(db, oidc, claims, roles, actor);
  if (!user) {
    await recordAudit(db, actor, { action: 'sign_in_failed', outcome: 'denied', detail: { method: 'oidc', why: 'no Tiller account for this sign-on' } });
    throw new AppError('FORBIDDEN', NOT_SET_UP, { internal: 'OIDC sign-in: no matching account' });
  }
  if (roles) {
    if (roles.length === 0) {
      await recordAudit(db, { ...actor, userId: user.id, username: user.username }, { action: 'sign_in_failed', outcome: 'denied', detail: { method: 'oidc', why: `no Tiller role in the ${oidc.rolesClaim} claim` } });
      throw new AppError('FORBIDDEN', NO_ROLE, { internal: 'OIDC sign-in: roles claim maps to no Tiller role' });
    }
    await matchRoles(db, user, roles, { ...actor, userId: user.id, username: user.username });
  }
  const session = await createSession(db, { userId: user.id, method: 'oidc', ipAddress: request.ip, userAgent: request.headers['user-agent'] ?? null });
  await recordAudit(db, { ...actor, userId: user.id, username: user.username, roles: await rolesOf(db, user.id) }, { action: 'sign_in', detail: { method: 'oidc', sessionId: session.sessionId } });
  return { ...session, userId: user.id, next: flow.next };
}

/** The Tiller user for these claims: linked by issuer + subject, else linked now by username claim or email. */
export async function userForClaims(db: Db, oidc: OidcConfig, claims: client.IDToken): Promise<{ id: string; username: string } | undefined> {
  const active = db.selectFrom('user_account').select(['id', 'username']).where('deleted_at', 'is', null).where('disabled_at', 'is', null);
  const linked = await active.where('oidc_issuer', '=', claims.iss).where('oidc_subject', '=', claims.sub).executeTakeFirst();
  if (linked) return linked;
  const claimed = claims[oidc.usernameClaim];
  const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.toLowerCase() : undefined;
  if (typeof claimed !== 'string' && !email) return undefined;
  const candidates = await active
    .where('oidc_subject', 'is', null)
    .where((eb) => eb.or([eb('username', '=', typeof claimed === 'string' ? normaliseUsername(claimed) : ''), eb(eb.fn('lower', ['email']), '=', email ?? '')]))
    .execute();
  if (candidates.length !== 1) return undefined; // none, or ambiguous: an administrator must sort it out
  const found = candidates[0]!;
  await db.updateTable('user_account').set({ oidc_issuer: claims.iss, oidc_subject: claims.sub }).where('id', '=', found.id).where('oidc_subject', 'is', null).execute();
  return found;
}

/** The Tiller roles the configured claim maps to (a claim may be one string or a list of them), in ROLES order. */
export function rolesFromClaims(oidc: OidcConfig, claims: client.IDToken): Role[] {
  const raw = oidc.rolesClaim ? claims[oidc.rolesClaim] : undefined;
  const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? [raw] : [];
  const mapped = new Set(values.flatMap((v) => oidc.roleMap?.[v] ?? []));
  return ROLES.filter((r) => mapped.has(r));
}

/** Creates the account of someone signing on for the first time (OIDC_PROVISION), linked to their issuer and subject. */
async function provisionUser(db: Db, oidc: OidcConfig, claims: client.IDToken, roles: Role[], actor: AuditActor): Promise<{ id: string; username: string } | undefined> {
  const claimed = claims[oidc.usernameClaim];
  const username = typeof claimed === 'string' ? normaliseUsername(claimed) : typeof claims.email === 'string' && claims.email_verified !== false ? normaliseUsername(claims.email) : '';
  const displayName = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : username;
  if (!username) return undefined;
  try {
    const created = await createUser(db, { username, displayName, roles, email: typeof claims.email === 'string' ? claims.email.slice(0, 320) : null, oidc: { issuer: claims.iss, subject: claims.sub } });
    await recordAudit(db, { ...actor, userId: created.id, username: created.username }, { action: 'user_admin', entityType: 'user_account', entityId: created.id, detail: { created: created.username, roles, by: 'single sign-on provisioning' } });
    return { id: created.id, username: created.username };
  } catch (e) {
    if (e instanceof AppError && (e.code === 'BAD_INPUT' || e.code === 'CONFLICT')) return undefined; // a username that is not valid or already taken: an administrator must sort it out
    throw e;
  }
}

/** Makes the account's roles those the provider gave (adds and soft-deletes), auditing any change with before and after. */
async function matchRoles(db: Db, user: { id: string; username: string }, roles: Role[], actor: AuditActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await rolesOf(trx, user.id);
    const add = roles.filter((r) => !current.includes(r));
    const remove = current.filter((r) => !roles.includes(r));
    if (add.length === 0 && remove.length === 0) return;
    if (add.length) await trx.insertInto('user_role').values(add.map((role) => ({ id: randomUUID(), user_id: user.id, role }))).execute();
    if (remove.length) await trx.updateTable('user_role').set({ deleted_at: sql<Date>`now()` }).where('user_id', '=', user.id).where('role', 'in', remove).where('deleted_at', 'is', null).execute();
    // The account's version covers its roles (the administrators' roles form names it): bump it, and record the
    // change as an update so that a form opened before it is refused with what changed.
    const { version } = await trx.updateTable('user_account').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', user.id).returning('version').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'update', entityType: 'user_account', entityId: user.id, entityVersion: version, what: 'roles set by single sign-on', diff: { roles: { before: current, after: roles }, version: { before: version - 1, after: version } } });
  });
}
