// No lost updates: every update names the version it was based on. A stale write is refused with a
// CONFLICT that says what changed since, so the user can look again before re-applying their change.
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from './schema.ts';
import { AppError, type FieldError } from '../errors.ts';
import { diffRecords, type RecordDiff } from '../../audit/audit.ts';

/** Tables with an `id` and a `version` (every case record). */
export type VersionedTable = { [T in keyof DB]: DB[T] extends { id: unknown; version: unknown } ? T : never }[keyof DB];

export interface VersionedUpdate<T extends VersionedTable> {
  before: Selectable<DB[T]>;
  after: Selectable<DB[T]>;
  /** The fields this update changed; hand it (or before/after) to `ctx.audit.write`. */
  diff: RecordDiff;
}

/**
 * Updates one row if, and only if, it is still at `expectedVersion`; bumps the version. Locks the row
 * first (`for update`), so of two concurrent updates from the same version exactly one succeeds.
 * Throws NOT_FOUND (no such row, or deleted) or CONFLICT (someone else saved first; `fieldErrors` say what they changed).
 * Call it with the transaction (`trx`), never the outer db.
 */
export async function updateWithVersion<T extends VersionedTable>(
  trx: Kysely<DB> | Transaction<DB>,
  table: T,
  id: string,
  expectedVersion: number,
  changes: Updateable<DB[T]>,
): Promise<VersionedUpdate<T>> {
  // Kysely cannot type a query over "any versioned table"; the signature above keeps callers typed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = trx as unknown as Kysely<any>;
  const t = table as string;
  const before = await db.selectFrom(t).selectAll().where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', 'The record was not found. It may have been removed.', { internal: `updateWithVersion: ${table} ${id} not found` });
  if (before.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'Someone else changed this record after you opened it, so your changes were not saved. Check what they changed, then make your changes again.', {
      internal: `stale write to ${table} ${id}: based on version ${expectedVersion}, now ${before.version}`,
      fieldErrors: await whatChangedSince(trx, table, id, expectedVersion, before, changes as Record<string, unknown>),
    });
  }
  const { id: _id, version: _v, ...rest } = changes as Record<string, unknown>;
  const after = await db
    .updateTable(t)
    .set({ ...rest, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { before, after, diff: diffRecords(before, after) } as VersionedUpdate<T>;
}

/**
 * What changed between `expectedVersion` and now: from the audit's recorded differences where they exist
 * (who, when, which fields), else the fields the caller wanted to change whose values are no longer what
 * the caller last saw.
 */
async function whatChangedSince(trx: Kysely<DB> | Transaction<DB>, table: string, id: string, expectedVersion: number, current: Record<string, unknown>, changes: Record<string, unknown>): Promise<FieldError[]> {
  const events = await trx
    .selectFrom('audit_event')
    .select(['diff', 'username', 'occurred_at', 'entity_version'])
    .where('entity_type', '=', table)
    .where('entity_id', '=', id)
    .where('entity_version', '>', expectedVersion)
    .where('action', 'in', ['update', 'delete'])
    .orderBy('id')
    .execute();
  const errors: FieldError[] = [];
  for (const e of events) {
    const diff = (e.diff ?? {}) as RecordDiff;
    for (const [field, { after }] of Object.entries(diff)) {
      if (field === 'version') continue;
      errors.push({ field, message: `${humanField(field)} was changed to ${show(after)} by ${e.username ?? 'another user'} at ${new Date(e.occurred_at).toISOString().slice(0, 16).replace('T', ' ')} UTC (version ${e.entity_version})` });
    }
  }
  if (errors.length === 0) {
    for (const field of Object.keys(changes)) {
      if (field === 'version' || field === 'id') continue;
      errors.push({ field, message: `${humanField(field)} is now ${show(current[field])}` });
    }
  }
  return errors;
}

function humanField(field: string): string {
  const s = field.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(blank)';
  if (v instanceof Date) return v.toISOString();
  return `"${String(typeof v === 'object' ? JSON.stringify(v) : v).slice(0, 200)}"`;
}
