// The per-request context: who is asking, the children they may see (applied inside queries), and an
// audit log bound to them. Every route reaches data through `request.ctx`, so a handler cannot forget
// the access rules or the audit.
import type { RawBuilder, Selectable } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import type { Person } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { Audit, type AuditActor } from '../audit/audit.ts';
import type { SignedInUser } from '../auth/users.ts';
import { childAccess, visibleChildIds, type ChildAccessDecision } from './rules.ts';
import { rolesHaveCapability, type Capability, type Role } from './roles.ts';

/** The internal message of the FORBIDDEN a child's record gets for want of a relationship (the error page offers break-glass). */
export const NO_RELATIONSHIP = 'no relationship with the child';

export interface RequestMeta {
  ipAddress: string;
  requestId: string;
  /** `GET /children/:childId` */
  route: string;
}

export class RequestContext {
  readonly audit: Audit;
  readonly children: ChildAccess;

  constructor(
    /** The database. Inside a transaction use its `trx` instead (PGlite has one connection). */
    readonly db: Db,
    private readonly signedInUser: SignedInUser | null,
    readonly meta: RequestMeta,
  ) {
    const actor: AuditActor = {
      userId: signedInUser?.id ?? null,
      username: signedInUser?.username ?? null,
      roles: signedInUser?.roles ?? [],
      ipAddress: meta.ipAddress,
      requestId: meta.requestId,
      route: meta.route,
    };
    this.audit = new Audit(db, actor);
    this.children = new ChildAccess(db, this);
  }

  get signedIn(): boolean {
    return this.signedInUser !== null;
  }

  /** The signed-in user; throws UNAUTHENTICATED when nobody is (routes with a rule other than 'public' always have one). */
  get user(): SignedInUser {
    if (!this.signedInUser) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    return this.signedInUser;
  }

  hasRole(...roles: Role[]): boolean {
    return !!this.signedInUser && this.signedInUser.roles.some((r) => roles.includes(r));
  }

  can(capability: Capability): boolean {
    return !!this.signedInUser && rolesHaveCapability(this.signedInUser.roles, capability);
  }
}

/** Children's records, scoped to what the user may see. */
export class ChildAccess {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
  ) {}

  /**
   * An SQL subquery of the person ids the user may see. Put it inside every query that lists, searches or
   * counts children's records: `.where('visit.person_id', 'in', ctx.children.visibleIds())`.
   */
  visibleIds(): RawBuilder<string> {
    return visibleChildIds(this.ctx.user);
  }

  /** How the user may see this child, or why not (no audit). */
  decide(personId: string): Promise<ChildAccessDecision> {
    return childAccess(this.db, this.ctx.user, personId);
  }

  async canSee(personId: string): Promise<boolean> {
    return (await this.decide(personId)).allowed;
  }

  /**
   * Throws unless the user may see the child: NOT_FOUND when there is no such person or it is a restricted
   * record the user is not named on (the two look the same), FORBIDDEN when there is no relationship (the
   * user may break the glass). A refusal is audited. Returns the break-glass reason when access comes from one.
   */
  async assertCanSee(personId: string): Promise<{ breakGlassReason: string | null }> {
    const decision = await this.decide(personId);
    if (decision.allowed) return { breakGlassReason: decision.breakGlassReason };
    await this.ctx.audit.event({ action: 'access_denied', outcome: 'denied', personId, detail: { why: decision.why } });
    if (decision.why === 'notFound') throw new AppError('NOT_FOUND', 'There is no record with that reference', { internal: 'child record not found or restricted' });
    throw new AppError('FORBIDDEN', 'You do not have access to this child’s record', { internal: NO_RELATIONSHIP });
  }

  /** Checks access, audits the read of `what`, and returns the person. The way to open a child's record. */
  async get(personId: string, what = 'record'): Promise<Selectable<Person>> {
    const { breakGlassReason } = await this.assertCanSee(personId);
    await this.ctx.audit.read(personId, what, { reason: breakGlassReason });
    return this.db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  }
}
