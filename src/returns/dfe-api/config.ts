// Where and how to send: from the environment (secrets only ever from there), with the non-secret parts
// also allowed as the council setting `dfe_api` ({ "tokenUrl", "apiUrl", "scope", "clientId" }).
import type { Db } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors.ts';

export interface DfeApiConfig {
  /** OAuth2 token endpoint (client credentials). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Base of the receiving API, e.g. https://pp-api.education.gov.uk/children-in-social-care-data-receiver-test/1 */
  apiUrl: string;
  /** The DfE portal's subscription key, sent as the SupplierKey header when set. */
  supplierKey: string | null;
  laCode: string;
  /** Per request, milliseconds. */
  timeoutMs: number;
  /** Tries per batch for 429, 5xx and network errors. */
  maxAttempts: number;
  /** First backoff wait; doubled for each further try, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const SETTING_KEYS = { tokenUrl: 'DFE_API_TOKEN_URL', apiUrl: 'DFE_API_URL', scope: 'DFE_API_SCOPE', clientId: 'DFE_API_CLIENT_ID' } as const;

export async function loadDfeApiConfig(db: Db, laCode: string, env: NodeJS.ProcessEnv = process.env): Promise<DfeApiConfig> {
  const row = await db.selectFrom('council_setting').select('value').where('id', '=', 'dfe_api').where('deleted_at', 'is', null).executeTakeFirst();
  const setting = row && typeof row.value === 'object' && row.value !== null && !Array.isArray(row.value) ? (row.value as Record<string, unknown>) : {};
  const pick = (key: keyof typeof SETTING_KEYS) => env[SETTING_KEYS[key]] || (typeof setting[key] === 'string' ? (setting[key] as string) : '');
  const config = {
    tokenUrl: pick('tokenUrl'),
    apiUrl: pick('apiUrl').replace(/\/+$/, ''),
    scope: pick('scope'),
    clientId: pick('clientId'),
    clientSecret: env.DFE_API_CLIENT_SECRET ?? '',
  };
  const missing = Object.entries({ DFE_API_TOKEN_URL: config.tokenUrl, DFE_API_URL: config.apiUrl, DFE_API_SCOPE: config.scope, DFE_API_CLIENT_ID: config.clientId, DFE_API_CLIENT_SECRET: config.clientSecret })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0) throw new AppError('CONFLICT', `the DfE API is not configured: set ${missing.join(', ')} (see docs/dfe-api.md)`);
  for (const [name, url] of [['DFE_API_TOKEN_URL', config.tokenUrl], ['DFE_API_URL', config.apiUrl]] as const) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError('CONFLICT', `${name} is not a URL`);
    }
    const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
    if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) throw new AppError('CONFLICT', `${name} must be an https address`);
  }
  const num = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return env[name] && Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    ...config,
    supplierKey: env.DFE_API_SUPPLIER_KEY || null,
    laCode,
    timeoutMs: num('DFE_API_TIMEOUT_MS', 30_000),
    maxAttempts: Math.max(1, Math.floor(num('DFE_API_MAX_ATTEMPTS', 5))),
    baseDelayMs: num('DFE_API_RETRY_BASE_MS', 5_000),
    maxDelayMs: num('DFE_API_RETRY_MAX_MS', 300_000),
  };
}
