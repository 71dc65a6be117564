// Change detection: a SHA-256 of each child's record as last accepted by the DfE is kept
// (dfe_api_child_state), so a run sends only children who are new or whose record changed, and a purge
// for every child the DfE holds who is no longer in scope (out of the window, or their record deleted).
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/connect.ts';
import type { ApiRecord, ChildRecord } from './payload.ts';

export interface PlannedRecord {
  childId: string;
  record: ApiRecord;
  /** The hash to keep once the DfE accepts it; null for a purge. */
  hash: string | null;
}

export interface SubmissionPlan {
  records: PlannedRecord[];
  changed: number;
  added: number;
  purges: number;
  unchanged: number;
}

/** SHA-256 (hex) of the record as it would be sent. */
export function recordHash(record: ChildRecord): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

export async function planSubmission(db: Db, payload: readonly ChildRecord[]): Promise<SubmissionPlan> {
  const states = await db.selectFrom('dfe_api_child_state').select(['id', 'sent_hash', 'purged']).where('deleted_at', 'is', null).execute();
  const byId = new Map(states.map((s) => [s.id, s]));
  const plan: SubmissionPlan = { records: [], changed: 0, added: 0, purges: 0, unchanged: 0 };
  const current = new Set<string>();
  for (const record of payload) {
    current.add(record.la_child_id);
    const hash = recordHash(record);
    const state = byId.get(record.la_child_id);
    if (state && !state.purged && state.sent_hash === hash) {
      plan.unchanged++;
      continue;
    }
    if (state?.sent_hash && !state.purged) plan.changed++;
    else plan.added++;
    plan.records.push({ childId: record.la_child_id, record, hash });
  }
  for (const s of states.sort((a, b) => a.id.localeCompare(b.id))) {
    if (current.has(s.id) || s.purged || s.sent_hash === null) continue;
    plan.purges++;
    plan.records.push({ childId: s.id, record: { la_child_id: s.id, purge: true }, hash: null });
  }
  return plan;
}
