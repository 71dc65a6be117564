// The audit vocabulary and the one way to write an audit event. The table is append-only (a trigger
// refuses UPDATE, DELETE and TRUNCATE). Route code uses `request.ctx.audit` (an Audit bound to the user
// and request); code without a request (CLI, sign-in) calls recordAudit directly.
import type { Db } from '../platform/db/connect.ts';
import type { Json } from '../platform/db/schema.ts';

export type AuditAction =
  | 'read' // a child's record (or part of it) was shown or returned
  | 'search' // a search or filtered list; detail holds the terms and the number of results
  | 'export' // data left the system as a file (subject access, returns)
  | 'print' // a print view
  | 'create'
  | 'update'
  | 'delete' // soft delete (deleted_at): nothing is hard-deleted
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'session_revoked'
  | 'break_glass' // access granted to a child without a relationship; `reason` says why
  | 'access_denied'
  | 'user_admin'; // accounts and roles changed

export type AuditOutcome = 'success' | 'denied' | 'failure';

/** Who acted, from where. Null fields are unknown (e.g. a failed sign-in for a username that is no account). */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  roles: readonly string[];
  ipAddress: string | null;
  requestId: string | null;
  /** Method and route pattern, e.g. `GET /children/:childId`; never the URL with its query. */
  route: string | null;
}

export interface AuditEventInput {
  action: AuditAction;
  outcome?: AuditOutcome;
  /** The person whose record this is about. */
  personId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  entityVersion?: number | null;
  /** Which part of the record, e.g. `chronology`, `visit`. */
  what?: string | null;
  /** The break-glass reason when access came from one. */
  reason?: string | null;
  detail?: Record<string, unknown> | null;
  diff?: RecordDiff | null;
}

export type RecordDiff = Record<string, { before: unknown; after: unknown }>;

const IGNORED_IN_DIFF = new Set(['updated_at', 'created_at']);

/** The fields whose values differ between two versions of a record (`before` null for a create). */
export function diffRecords(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): RecordDiff {
  const out: RecordDiff = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (IGNORED_IN_DIFF.has(k)) continue;
    const b = normalise(before?.[k]);
    const a = normalise(after?.[k]);
    if (JSON.stringify(b) !== JSON.stringify(a)) out[k] = { before: b, after: a };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return v;
}

function toRow(actor: AuditActor | null, e: AuditEventInput) {
  return {
    user_id: actor?.userId ?? null,
    username: actor?.username ?? null,
    roles: [...(actor?.roles ?? [])],
    action: e.action,
    outcome: e.outcome ?? 'success',
    person_id: e.personId ?? null,
    entity_type: e.entityType ?? null,
    entity_id: e.entityId ?? null,
    entity_version: e.entityVersion ?? null,
    what: e.what ?? null,
    reason: e.reason ?? null,
    detail: (e.detail ?? null) as Json | null,
    diff: (e.diff ?? null) as Json | null,
    ip_address: actor?.ipAddress ?? null,
    request_id: actor?.requestId ?? null,
    route: actor?.route ?? null,
  };
}

/** Appends audit events. Pass the transaction (`trx`) when inside one, so the event commits or rolls back with the change. */
export async function recordAudit(db: Db, actor: AuditActor | null, events: AuditEventInput | AuditEventInput[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  await db.insertInto('audit_event').values(list.map((e) => toRow(actor, e))).execute();
}

/** An audit log bound to one actor (the request's user). Every method takes the executor to use when inside a transaction. */
export class Audit {
  /** Children whose read was already recorded in this request: one row per child per request is enough. */
  private readonly readInRequest = new Set<string>();

  constructor(
    private readonly db: Db,
    readonly actor: AuditActor,
  ) {}

  /** A child's record (or the part `what`) was shown or returned. */
  async read(personId: string, what: string, options: { reason?: string | null; db?: Db } = {}): Promise<void> {
    if (this.readInRequest.has(personId)) return;
    this.readInRequest.add(personId);
    await recordAudit(options.db ?? this.db, this.actor, { action: 'read', personId, what, reason: options.reason ?? null });
  }

  /** Several children shown in a list (a caseload, search results): one read row per child. */
  async list(what: string, personIds: readonly string[], options: { db?: Db } = {}): Promise<void> {
    const fresh = [...new Set(personIds)].filter((id) => !this.readInRequest.has(id));
    fresh.forEach((id) => this.readInRequest.add(id));
    await recordAudit(options.db ?? this.db, this.actor, fresh.map((personId) => ({ action: 'read' as const, personId, what })));
  }

  /** A search: its terms stay here, never in the application log. */
  async search(what: string, terms: Record<string, unknown>, resultCount: number, options: { db?: Db } = {}): Promise<void> {
    await recordAudit(options.db ?? this.db, this.actor, { action: 'search', what, detail: { terms, resultCount } });
  }

  async export(what: string, options: { personId?: string | null; detail?: Record<string, unknown>; db?: Db } = {}): Promise<void> {
    await recordAudit(options.db ?? this.db, this.actor, { action: 'export', what, personId: options.personId ?? null, detail: options.detail ?? null });
  }

  async print(personId: string, what: string, options: { db?: Db } = {}): Promise<void> {
    await recordAudit(options.db ?? this.db, this.actor, { action: 'print', personId, what });
  }

  /**
   * A change to a record, with its before/after difference. Pass `trx` so that the audit row and the
   * change commit together. `before` null = create; `after` with deleted_at set = delete.
   */
  async write(
    trx: Db,
    change: { action: 'create' | 'update' | 'delete'; entityType: string; entityId: string; personId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown>; what?: string },
  ): Promise<void> {
    await recordAudit(trx, this.actor, {
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      entityVersion: typeof change.after.version === 'number' ? change.after.version : null,
      personId: change.personId,
      what: change.what ?? change.entityType,
      diff: diffRecords(change.before, change.after),
    });
  }

  /** Anything else in the vocabulary (sign-out, break-glass, refusals, user administration). */
  async event(event: AuditEventInput, options: { db?: Db } = {}): Promise<void> {
    await recordAudit(options.db ?? this.db, this.actor, event);
  }
}
