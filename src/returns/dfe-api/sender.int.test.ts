// The sender end to end, against a local server that behaves as the DfE receiver does: an OAuth2 token
// endpoint and the receiving endpoint, answering from a script (500 then success, 429 with Retry-After,
// 401, 400 naming the failing records, no answer at all). Asserts exactly what was sent, what was
// retried, and what was recorded; then that only changed children go next time, with purges.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/connect.ts';
import { isAppError } from '../../platform/errors.ts';
import { loadDfeApiConfig, type DfeApiConfig } from './config.ts';
import { runDfeApiSubmission } from './dfe-api-return.ts';
import { failingIndexes, redact, retryAfterMs } from './sender.ts';

const AS_OF = '2026-03-31';
const ids = Array.from({ length: 150 }, (_, i) => `P${String(i + 1).padStart(3, '0')}`);

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop' | 'ok';

let database: Database;
let server: http.Server;
let config: DfeApiConfig;
const tokenRequests: URLSearchParams[] = [];
const received: Received[] = [];
let script: Scripted[] = [];
let sleeps: number[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('council_setting').values({ id: 'la_code', value: JSON.stringify('201') }).execute();
  await db.insertInto('person').values(ids.map((id) => ({ id, forename: `Forename${id}`, surname: 'Quillfeather', dob: '2015-01-01', sex: 'F' as const, ethnicity: 'WBRI' }))).execute();
  await db.insertInto('cin_episode').values(ids.map((id) => ({ id: `R${id}`, person_id: id, referral_date: '2026-01-05', source_code: '6', primary_need_code: 'N1' }))).execute();

  let tokens = 0;
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/oauth2/token') {
        tokenRequests.push(new URLSearchParams(body));
        tokens++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `tok-${tokens}`, token_type: 'Bearer', expires_in: 3600 }));
        return;
      }
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const next = script.shift() ?? { status: 599, body: 'unscripted request' };
      if (next === 'drop') {
        req.socket.destroy();
        return;
      }
      if (next === 'ok') {
        const n = (JSON.parse(body) as unknown[]).length;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.from({ length: n }, (_, i) => `2026-03-31_02:00:00.000000_0000000${i}-uuid`)));
        return;
      }
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = {
    tokenUrl: `${base}/oauth2/token`, clientId: 'tiller-test', clientSecret: 's3cret', scope: 'api://dfe-receiver/.default', apiUrl: `${base}/api/1`,
    supplierKey: 'sk-1', laCode: '201', timeoutMs: 5000, maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 60_000,
  };
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

const run = () => {
  sleeps = [];
  received.length = 0;
  return runDfeApiSubmission(database.db, AS_OF, { config, sleep: async (ms) => void sleeps.push(ms) });
};
const sentIds = (r: Received) => (JSON.parse(r.body) as Array<{ la_child_id: string }>).map((c) => c.la_child_id);
const submissions = (runId: string) =>
  database.db.selectFrom('dfe_api_submission').select(['batch', 'attempt', 'status_code', 'outcome', 'children', 'purges', 'failing_indexes', 'response_summary', 'child_ids']).where('run_id', '=', runId).orderBy('batch').orderBy('attempt').execute();

describe('sending to the DfE', () => {
  it('batches of at most 100, retries 500 and 429 (honouring Retry-After), renews the token on 401, never retries a 400', async () => {
    script = [
      { status: 500, body: { detail: 'Internal Server Error' } },
      'ok',
      { status: 429, headers: { 'retry-after': '2' }, body: { detail: 'Too many requests' } },
      { status: 401, body: { detail: 'Invalid token' } },
      { status: 400, body: { detail: "Payload validation failed: [3] child_details.sex 'X' is not one of M, F, U; [7] child_details.date_of_birth '2015-01-01' is after the referral" } },
      'ok',
    ];
    const r = await run();
    expect(r.plan).toEqual({ changed: 0, added: 150, purges: 0, unchanged: 0 });
    expect({ requests: r.requests, accepted: r.accepted, rejected: r.rejected, failed: r.failed, stopped: r.stopped }).toEqual({ requests: 6, accepted: 148, rejected: 2, failed: 0, stopped: null });

    // Exactly what was sent, and to where, with which token.
    expect(received).toHaveLength(6);
    for (const req of received) {
      expect(req.path).toBe('/api/1/children_social_care_data/201/children');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers.supplierkey).toBe('sk-1');
    }
    expect(received.map((q) => q.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2', 'Bearer tok-2']);
    expect(sentIds(received[0]!)).toEqual(ids.slice(0, 100));
    expect(received[1]!.body).toBe(received[0]!.body);
    for (const i of [2, 3, 4]) expect(sentIds(received[i]!)).toEqual(ids.slice(100));
    // Records [3] and [7] of the second batch (P104, P108) were refused; the rest went again without them.
    expect(sentIds(received[5]!)).toEqual(ids.slice(100).filter((id) => id !== 'P104' && id !== 'P108'));
    expect(tokenRequests.map((t) => Object.fromEntries(t))).toEqual([
      { grant_type: 'client_credentials', client_id: 'tiller-test', client_secret: 's3cret', scope: 'api://dfe-receiver/.default' },
      { grant_type: 'client_credentials', client_id: 'tiller-test', client_secret: 's3cret', scope: 'api://dfe-receiver/.default' },
    ]);
    // Backoff: the first wait is the base; the 429's is its Retry-After.
    expect(sleeps).toEqual([500, 2000]);

    // One record per request, with its response.
    const rows = await submissions(r.runId);
    expect(rows.map((s) => [s.batch, s.attempt, s.status_code, s.outcome, s.children, s.failing_indexes])).toEqual([
      [1, 1, 500, 'retrying', 100, []],
      [1, 2, 200, 'accepted', 100, []],
      [2, 1, 429, 'retrying', 50, []],
      [2, 2, 401, 'retrying', 50, []],
      [2, 3, 400, 'rejected', 50, [3, 7]],
      [3, 1, 200, 'accepted', 48, []],
    ]);
    expect(rows[1]!.response_summary).toBe('200: 100 records accepted');
    expect(rows[2]!.response_summary).toBe('429: rate limited; trying again in 2.0 s');
    expect(rows[4]!.response_summary).toMatch(/^400: records \[3\], \[7\] refused; the other 48 sent again without them\./);
    // No child's data in the record: the quoted value and the date are gone.
    for (const s of rows) {
      expect(s.response_summary).not.toMatch(/'X'|2015-01-01|Quillfeather|Forename/);
    }
    const states = await database.db.selectFrom('dfe_api_child_state').select(['id', 'last_status', 'sent_hash']).orderBy('id').execute();
    expect(states).toHaveLength(150);
    expect(states.filter((s) => s.last_status === 'rejected').map((s) => s.id)).toEqual(['P104', 'P108']);
    expect(states.filter((s) => s.last_status === 'accepted' && /^[0-9a-f]{64}$/.test(s.sent_hash ?? ''))).toHaveLength(148);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'what', 'detail']).where('entity_id', '=', r.runId).execute();
    expect(audit).toEqual([{ action: 'export', what: 'DfE CSC API', detail: expect.objectContaining({ asOf: AS_OF, added: 150, accepted: 148, rejected: 2, failed: 0 }) }]);
  });

  it('next time sends only what was not accepted or has changed; then nothing', async () => {
    script = ['ok'];
    const again = await run();
    expect(again.plan).toEqual({ changed: 0, added: 2, purges: 0, unchanged: 148 });
    expect(received.map(sentIds)).toEqual([['P104', 'P108']]);
    const nothing = await run();
    expect(nothing.plan).toEqual({ changed: 0, added: 0, purges: 0, unchanged: 150 });
    expect(received).toEqual([]);
    expect(nothing.requests).toBe(0);
  });

  it('sends a changed child whole, and purge: true for a child whose record was deleted', async () => {
    await database.db.updateTable('person').set({ surname: 'Brightwater' }).where('id', '=', 'P001').execute();
    await database.db.updateTable('person').set({ deleted_at: new Date('2026-03-30T10:00:00Z') }).where('id', '=', 'P002').execute();
    script = ['ok'];
    const r = await run();
    expect(r.plan).toEqual({ changed: 1, added: 0, purges: 1, unchanged: 148 });
    expect(JSON.parse(received[0]!.body)).toEqual([
      {
        la_child_id: 'P001',
        purge: false,
        child_details: { first_name: 'ForenameP001', surname: 'Brightwater', date_of_birth: '2015-01-01', sex: 'F', ethnicity: 'WBRI', disabilities: ['NONE'], uasc_flag: false, purge: false },
        social_care_episodes: [
          {
            social_care_episode_id: 'RP001', referral_date: '2026-01-05', referral_source: '6', referral_no_further_action_flag: false, care_worker_details: [],
            child_and_family_assessments: [], child_in_need_plans: [], section_47_assessments: [], child_protection_plans: [], child_looked_after_placements: [], purge: false,
          },
        ],
      },
      { la_child_id: 'P002', purge: true },
    ]);
    const p2 = await database.db.selectFrom('dfe_api_child_state').select(['purged', 'sent_hash', 'last_status']).where('id', '=', 'P002').executeTakeFirstOrThrow();
    expect(p2).toEqual({ purged: true, sent_hash: null, last_status: 'accepted' });
    // Purged once: not again.
    received.length = 0;
    expect((await run()).plan.purges).toBe(0);
  });

  it('a second 401 after a new token stops the run; the children are marked not sent', async () => {
    await database.db.updateTable('person').set({ surname: 'Ashgrove' }).where('id', '=', 'P003').execute();
    const tokensBefore = tokenRequests.length;
    script = [{ status: 401 }, { status: 401 }];
    const r = await run();
    expect(received).toHaveLength(2);
    expect(tokenRequests.length - tokensBefore).toBe(2);
    expect(r.stopped).toBe('401: token refused again after a new one was fetched');
    expect((await submissions(r.runId)).map((s) => [s.attempt, s.status_code, s.outcome])).toEqual([
      [1, 401, 'retrying'],
      [2, 401, 'failed'],
    ]);
    const p3 = await database.db.selectFrom('dfe_api_child_state').select(['last_status']).where('id', '=', 'P003').executeTakeFirstOrThrow();
    expect(p3.last_status).toBe('failed');
  });

  it('retries a dropped connection and 503s with growing waits, then gives up; a 403 is not retried', async () => {
    script = ['drop', { status: 503 }, { status: 503 }, { status: 503 }];
    const r = await run();
    expect(received.map(sentIds)).toEqual([['P003'], ['P003'], ['P003'], ['P003']]);
    expect(sleeps).toEqual([500, 1000, 2000]);
    const rows = await submissions(r.runId);
    expect(rows.map((s) => [s.attempt, s.status_code, s.outcome])).toEqual([
      [1, null, 'retrying'],
      [2, 503, 'retrying'],
      [3, 503, 'retrying'],
      [4, 503, 'failed'],
    ]);
    expect(rows[3]!.response_summary).toBe('503: server error; gave up after 4 tries');
    script = [{ status: 403, body: { detail: 'Access disallowed' } }];
    const refused = await run();
    expect(received).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect((await submissions(refused.runId)).map((s) => [s.status_code, s.outcome])).toEqual([[403, 'failed']]);
  });
});

describe('configuration', () => {
  it('takes the secret from the environment only, and says what is missing', async () => {
    const env = { DFE_API_TOKEN_URL: 'https://login.example/token', DFE_API_URL: 'https://api.example/receiver/1/', DFE_API_SCOPE: 's', DFE_API_CLIENT_ID: 'c' };
    await expect(loadDfeApiConfig(database.db, '201', env)).rejects.toSatisfy((e: unknown) => isAppError(e) && /DFE_API_CLIENT_SECRET/.test(e.userMessage));
    const c = await loadDfeApiConfig(database.db, '201', { ...env, DFE_API_CLIENT_SECRET: 'x' });
    expect(c).toMatchObject({ apiUrl: 'https://api.example/receiver/1', clientSecret: 'x', supplierKey: null, maxAttempts: 5 });
    await expect(loadDfeApiConfig(database.db, '201', { ...env, DFE_API_CLIENT_SECRET: 'x', DFE_API_URL: 'http://api.example/' })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && /https/.test(e.userMessage),
    );
  });

  it('reads failing indexes, Retry-After and redacts responses', () => {
    expect(failingIndexes('{"detail":"[0] bad; [2] bad; [9] out of range"}', 3)).toEqual([0, 2]);
    expect(failingIndexes('{"errors":[{"index": 1}]}', 3)).toEqual([1]);
    expect(retryAfterMs('7', new Date())).toBe(7000);
    expect(retryAfterMs('Tue, 31 Mar 2026 02:00:10 GMT', new Date('2026-03-31T02:00:00Z'))).toBe(10_000);
    expect(retryAfterMs(null, new Date())).toBeNull();
    expect(redact(`{"detail": "name 'Ann Smith' born 2015-01-01"}`)).toBe('{"…": "…"}');
  });
});
