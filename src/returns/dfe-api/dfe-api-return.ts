// The DfE API payload as at a date, what a run would send, and a run: plan, send, record, audit.
import type { Db } from '../../platform/db/connect.ts';
import type { IsoDate } from '../../platform/calendar/calendar.ts';
import { recordAudit } from '../../audit/audit.ts';
import { councilLaCode } from '../cin-census/load-census-records.ts';
import { planSubmission, type SubmissionPlan } from './changes.ts';
import { loadDfeApiConfig, type DfeApiConfig } from './config.ts';
import { loadApiRecords } from './load-api-records.ts';
import { buildPayload, type ChildRecord } from './payload.ts';
import { sendRecords, type SendOptions, type SendResult } from './sender.ts';

export async function makePayload(db: Db, asOf: IsoDate): Promise<ChildRecord[]> {
  return buildPayload(await loadApiRecords(db, asOf), asOf);
}

export async function planRun(db: Db, asOf: IsoDate): Promise<SubmissionPlan> {
  return planSubmission(db, await makePayload(db, asOf));
}

export interface RunResult extends SendResult {
  plan: Omit<SubmissionPlan, 'records'>;
}

/** One daily run: the changed children and the purges, sent in batches; audited as an export. */
export async function runDfeApiSubmission(db: Db, asOf: IsoDate, options: SendOptions & { env?: NodeJS.ProcessEnv; config?: DfeApiConfig } = {}): Promise<RunResult> {
  const config = options.config ?? (await loadDfeApiConfig(db, await councilLaCode(db), options.env));
  const plan = await planRun(db, asOf);
  const { records, ...counts } = plan;
  const sent = await sendRecords(db, config, records, options);
  await recordAudit(db, null, {
    action: 'export',
    what: 'DfE CSC API',
    entityType: 'dfe_api_run',
    entityId: sent.runId,
    detail: { asOf, ...counts, requests: sent.requests, accepted: sent.accepted, rejected: sent.rejected, failed: sent.failed, stopped: sent.stopped },
  });
  return { ...sent, plan: counts };
}
