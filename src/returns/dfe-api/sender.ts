// Sends planned records to the DfE receiver: OAuth2 client credentials, batches of at most 100 children,
// and a row in dfe_api_submission for every request and its response.
//
//  200       accepted: the body is a list with one receipt per record (a count that does not match is a failure)
//  400       not retried: the records at the indexes named in the response ("[3]") are rejected and marked
//            not sent; the batch's other records go again straight away in a new batch without them
//  401       a new token is fetched once and the request tried again; a second 401 stops the run
//  429, 5xx, no answer  retried with exponential backoff (base × 2^(try−1), capped), honouring Retry-After
//  other     not retried; the batch's children are marked not sent
//
// Nothing here logs a child's data: the record of each request holds ids, counts and a short summary of
// the response with quoted values and dates taken out.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DfeApiConfig } from './config.ts';
import type { PlannedRecord } from './changes.ts';

export const MAX_BATCH = 100;

export interface SendOptions {
  /** Waits between tries (tests pass a fake that records the delays). */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  now?: () => Date;
  runId?: string;
}

export interface SendResult {
  runId: string;
  requests: number;
  accepted: number;
  rejected: number;
  failed: number;
  /** Set when the run stopped early (a token refused twice). */
  stopped: string | null;
}

interface Attempt {
  status: number | null;
  body: string;
  retryAfter: string | null;
  error: string | null;
  ms: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A response summary safe to keep and show: quoted values and dates removed, at most 300 characters. */
export function redact(text: string): string {
  const cleaned = text
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\d{4}-\d{2}-\d{2}(?:[T _][\d:.]+Z?)?/g, 'DATE')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > 300 ? `${cleaned.slice(0, 299)}…` : cleaned;
}

/** The record indexes a 400 names, e.g. `[3]` or `"index": 3`, within the batch. */
export function failingIndexes(body: string, size: number): number[] {
  const found = new Set<number>();
  for (const m of body.matchAll(/\[(\d+)\]/g)) found.add(Number(m[1]));
  for (const m of body.matchAll(/"index"\s*:\s*(\d+)/g)) found.add(Number(m[1]));
  return [...found].filter((i) => i >= 0 && i < size).sort((a, b) => a - b);
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, when - now.getTime());
}

export async function sendRecords(db: Db, config: DfeApiConfig, records: readonly PlannedRecord[], options: SendOptions = {}): Promise<SendResult> {
  const sleep = options.sleep ?? realSleep;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const runId = options.runId ?? randomUUID();
  const result: SendResult = { runId, requests: 0, accepted: 0, rejected: 0, failed: 0, stopped: null };
  const endpoint = `${config.apiUrl}/children_social_care_data/${encodeURIComponent(config.laCode)}/children`;
  let token: string | null = null;

  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret, scope: config.scope });
    let res: Response;
    try {
      res = await doFetch(config.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body, signal: AbortSignal.timeout(config.timeoutMs) });
    } catch (e) {
      throw new Error(`no answer from the token endpoint (${(e as Error).name})`);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`the token endpoint answered ${res.status}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error('the token endpoint did not answer with JSON');
    }
    const t = (parsed as { access_token?: unknown }).access_token;
    if (typeof t !== 'string' || t === '') throw new Error('the token endpoint gave no access_token');
    return t;
  }

  async function post(batch: readonly PlannedRecord[]): Promise<Attempt> {
    const started = Date.now();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
    if (config.supplierKey) headers.SupplierKey = config.supplierKey;
    try {
      const res = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify(batch.map((r) => r.record)), signal: AbortSignal.timeout(config.timeoutMs) });
      const body = await res.text();
      return { status: res.status, body, retryAfter: res.headers.get('retry-after'), error: null, ms: Date.now() - started };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      return { status: null, body: '', retryAfter: null, error: err.cause?.code ?? err.name, ms: Date.now() - started };
    }
  }

  async function record(batchNo: number, attempt: number, batch: readonly PlannedRecord[], a: Attempt, outcome: 'accepted' | 'rejected' | 'retrying' | 'failed', summary: string, failing: number[] = []) {
    result.requests++;
    await db
      .insertInto('dfe_api_submission')
      .values({
        id: randomUUID(),
        run_id: runId,
        batch: batchNo,
        attempt,
        child_ids: batch.map((r) => r.childId),
        children: batch.length,
        purges: batch.filter((r) => r.hash === null).length,
        status_code: a.status,
        outcome,
        failing_indexes: failing,
        response_summary: summary,
        sent_at: now(),
        duration_ms: Math.round(a.ms),
      })
      .execute();
  }

  async function mark(batch: readonly PlannedRecord[], status: 'accepted' | 'rejected' | 'failed', error: string | null) {
    if (batch.length === 0) return;
    const at = now();
    const accepted = status === 'accepted';
    await db
      .insertInto('dfe_api_child_state')
      .values(batch.map((r) => ({ id: r.childId, sent_hash: accepted ? r.hash : null, sent_at: accepted ? at : null, purged: accepted && r.hash === null, last_status: status, last_attempt_at: at, last_error: error })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) =>
          accepted
            ? { sent_hash: eb.ref('excluded.sent_hash'), sent_at: eb.ref('excluded.sent_at'), purged: eb.ref('excluded.purged'), last_status: status, last_attempt_at: at, last_error: null, version: sql<number>`dfe_api_child_state.version + 1` }
            : { last_status: status, last_attempt_at: at, last_error: error, version: sql<number>`dfe_api_child_state.version + 1` },
        ),
      )
      .execute();
    if (accepted) result.accepted += batch.length;
    else if (status === 'rejected') result.rejected += batch.length;
    else result.failed += batch.length;
  }

  const queue: PlannedRecord[][] = [];
  for (let i = 0; i < records.length; i += MAX_BATCH) queue.push(records.slice(i, i + MAX_BATCH));
  let batchNo = 0;
  while (queue.length > 0) {
    const batch = queue.shift()!;
    batchNo++;
    let reauthorised = false;
    for (let attempt = 1; ; attempt++) {
      if (token === null) {
        try {
          token = await fetchToken();
        } catch (e) {
          const reason = (e as Error).message;
          await record(batchNo, attempt, batch, { status: null, body: '', retryAfter: null, error: null, ms: 0 }, 'failed', `not sent: ${reason}`);
          await mark(batch, 'failed', reason);
          for (const rest of queue) await mark(rest, 'failed', reason);
          result.stopped = reason;
          return result;
        }
      }
      const a = await post(batch);
      if (a.status === 200 || a.status === 201) {
        let receipts: unknown;
        try {
          receipts = JSON.parse(a.body);
        } catch {
          receipts = null;
        }
        if (Array.isArray(receipts) && receipts.length === batch.length) {
          await record(batchNo, attempt, batch, a, 'accepted', `${a.status}: ${batch.length} ${batch.length === 1 ? 'record' : 'records'} accepted`);
          await mark(batch, 'accepted', null);
        } else {
          const reason = `${a.status} but ${Array.isArray(receipts) ? `${receipts.length} receipts for ${batch.length} records` : 'no list of receipts'}`;
          await record(batchNo, attempt, batch, a, 'failed', reason);
          await mark(batch, 'failed', reason);
        }
        break;
      }
      if (a.status === 400) {
        const failing = failingIndexes(a.body, batch.length);
        const refused = batch.filter((_, i) => failing.includes(i));
        const others = batch.filter((_, i) => !failing.includes(i));
        const detail = redact(a.body);
        if (refused.length > 0) {
          await record(batchNo, attempt, batch, a, 'rejected', `400: records ${failing.map((i) => `[${i}]`).join(', ')} refused${others.length ? `; the other ${others.length} sent again without them` : ''}. ${detail}`, failing);
          await mark(refused, 'rejected', `refused by the DfE (400): ${detail}`);
          if (others.length > 0) queue.unshift(others);
        } else {
          await record(batchNo, attempt, batch, a, 'failed', `400 naming no record. ${detail}`);
          await mark(batch, 'failed', `refused by the DfE (400): ${detail}`);
        }
        break;
      }
      if (a.status === 401) {
        if (!reauthorised) {
          reauthorised = true;
          token = null;
          await record(batchNo, attempt, batch, a, 'retrying', '401: token refused; fetching a new one');
          continue;
        }
        const reason = '401: token refused again after a new one was fetched';
        await record(batchNo, attempt, batch, a, 'failed', reason);
        await mark(batch, 'failed', reason);
        for (const rest of queue) await mark(rest, 'failed', 'not sent: the run stopped after the token was refused twice');
        result.stopped = reason;
        return result;
      }
      const transient = a.status === null || a.status === 429 || a.status >= 500;
      const what = a.status === null ? `no answer (${a.error})` : a.status === 429 ? '429: rate limited' : `${a.status}: ${a.status >= 500 ? 'server error' : 'refused'}`;
      if (transient && attempt < config.maxAttempts) {
        const wait = retryAfterMs(a.retryAfter, now()) ?? Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** (attempt - 1));
        await record(batchNo, attempt, batch, a, 'retrying', `${what}; trying again in ${(wait / 1000).toFixed(1)} s`);
        await sleep(wait);
        continue;
      }
      const reason = transient ? `${what}; gave up after ${attempt} tries` : `${what}; not retried. ${redact(a.body)}`.trim();
      await record(batchNo, attempt, batch, a, 'failed', reason);
      await mark(batch, 'failed', reason);
      break;
    }
  }
  return result;
}
