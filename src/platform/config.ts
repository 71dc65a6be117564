import path from 'node:path';

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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = Number(env.PORT ?? 3000);
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
        }
      : undefined,
    ...overrides,
  };
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}
