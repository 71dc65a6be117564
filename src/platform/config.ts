import path from 'node:path';
import { isRole, ROLES, type Role } from '../access/roles.ts';
import { AppError } from './errors.ts';

export interface Config {
  /** A PostgreSQL server URL; when absent Tiller runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives (`./data` by default). */
  dataDir: string;
  port: number;
  host: string;
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-* headers (TRUST_PROXY=true, or a comma-separated list of proxy addresses). */
  trustProxy?: boolean | string;
  /** Council single sign-on (OpenID Connect), when OIDC_ISSUER is set. */
  oidc?: OidcConfig | undefined;
}

export interface OidcConfig {
  /** e.g. https://login.microsoftonline.com/<tenant-id>/v2.0 for Microsoft Entra ID. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback registered with the provider: https://<tiller>/sign-in/oidc/callback */
  redirectUrl: string;
  /** The claim matched to a Tiller username on first sign-in (default preferred_username; Entra: preferred_username or upn). */
  usernameClaim: string;
  /** Plain HTTP to the provider: for tests and local development only. */
  allowHttp: boolean;
  /**
   * The claim that carries the user's roles or groups (OIDC_ROLES_CLAIM, e.g. `roles` for Entra app roles,
   * `groups` for group ids). When set, the provider decides the user's Tiller roles at every sign-on, through
   * `roleMap`; a user whose claim maps to no Tiller role is refused.
   */
  rolesClaim?: string | undefined;
  /** Claim value → Tiller roles (OIDC_ROLE_MAP). */
  roleMap?: Readonly<Record<string, readonly Role[]>>;
  /** Create a Tiller account at the first sign-on of someone with no account (OIDC_PROVISION=true; needs rolesClaim). */
  provision?: boolean;
}

/**
 * OIDC_ROLE_MAP: `value=role[+role],value=role…` (e.g. `Tiller.SocialWorker=social_worker,Tiller.Manager=team_manager+social_worker`),
 * or the same as JSON (`{"<group id>": ["team_manager"]}`) when values contain commas. Unknown roles stop the app starting.
 */
export function parseRoleMap(text: string | undefined): Record<string, Role[]> {
  if (!text || !text.trim()) return {};
  let entries: Array<[string, unknown]>;
  if (text.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError('BAD_INPUT', 'OIDC_ROLE_MAP is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AppError('BAD_INPUT', 'OIDC_ROLE_MAP must be a JSON object of claim value → role or roles');
    entries = Object.entries(parsed).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]);
  } else {
    entries = text.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
      const at = pair.lastIndexOf('=');
      if (at <= 0) throw new AppError('BAD_INPUT', `OIDC_ROLE_MAP entry "${pair}" must be value=role`);
      return [pair.slice(0, at).trim(), pair.slice(at + 1).split('+').map((r) => r.trim())];
    });
  }
  const map: Record<string, Role[]> = {};
  for (const [value, roles] of entries) {
    const list = roles as unknown[];
    const unknown = list.filter((r) => !isRole(r));
    if (unknown.length || list.length === 0) throw new AppError('BAD_INPUT', `OIDC_ROLE_MAP maps "${value}" to an unknown role (${unknown.map(String).join(', ') || 'none'}); roles are ${ROLES.join(', ')}`);
    map[value] = [...new Set([...(map[value] ?? []), ...(list as Role[])])];
  }
  return map;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = Number(env.PORT ?? 3000);
  if (env.OIDC_PROVISION === 'true' && !env.OIDC_ROLES_CLAIM) throw new AppError('BAD_INPUT', 'OIDC_PROVISION=true needs OIDC_ROLES_CLAIM: a new account takes its roles from that claim');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    host: env.HOST ?? '0.0.0.0',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID ?? '',
          clientSecret: env.OIDC_CLIENT_SECRET ?? '',
          redirectUrl: env.OIDC_REDIRECT_URL ?? `http://localhost:${Number.isInteger(port) && port > 0 ? port : 3000}/sign-in/oidc/callback`,
          usernameClaim: env.OIDC_USERNAME_CLAIM ?? 'preferred_username',
          allowHttp: env.OIDC_ALLOW_HTTP === 'true',
          rolesClaim: env.OIDC_ROLES_CLAIM || undefined,
          roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
          provision: env.OIDC_PROVISION === 'true',
        }
      : undefined,
    ...overrides,
  };
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}
