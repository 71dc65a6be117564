// The council's targets and red/amber/green thresholds, one per indicator (table indicator_target).
// Where up is better: green at or above the target, amber at or above `amberFrom`, red below it.
// Where down is better: green at or below the target, amber at or below `amberFrom`, red above it.
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import type { Audit } from '../audit/audit.ts';
import { indicatorDefinition, type GoodDirection } from '../indicators/index.ts';

export interface Target {
  indicatorId: string;
  target: number;
  amberFrom: number;
  note: string | null;
  /** The row, for versioned updates. */
  id: string;
  version: number;
}

export type Rag = 'green' | 'amber' | 'red';

export const RAG_LABELS: Record<Rag, string> = { green: 'Green: on target', amber: 'Amber: near target', red: 'Red: off target' };

/** The status of a value against its target; null when there is no value, no target or no better direction. */
export function ragStatus(value: number | null, target: Pick<Target, 'target' | 'amberFrom'> | undefined, direction: GoodDirection): Rag | null {
  if (value === null || !target || direction === null) return null;
  if (direction === 'up') return value >= target.target ? 'green' : value >= target.amberFrom ? 'amber' : 'red';
  return value <= target.target ? 'green' : value <= target.amberFrom ? 'amber' : 'red';
}

/** Checks a target before it is saved: the amber threshold must lie on the worse side of the target. */
export function checkTarget(indicatorId: string, target: number, amberFrom: number): void {
  const d = indicatorDefinition(indicatorId);
  if (!d) throw new AppError('NOT_FOUND', `There is no indicator "${indicatorId}"`);
  if (d.goodDirection === null) throw new AppError('BAD_INPUT', `${d.title} has no direction that is better, so it cannot have a red/amber/green target`);
  const fields = [];
  for (const [field, v] of [['target', target], ['amberFrom', amberFrom]] as const) {
    if (!Number.isFinite(v) || v < 0) fields.push({ field, message: 'Enter a number, 0 or more' });
    else if (d.unit === 'percent' && v > 100) fields.push({ field, message: 'A percentage must be 100 or less' });
  }
  if (fields.length === 0) {
    if (d.goodDirection === 'up' && amberFrom > target) fields.push({ field: 'amberFrom', message: 'Higher is better here, so amber must start at or below the target' });
    if (d.goodDirection === 'down' && amberFrom < target) fields.push({ field: 'amberFrom', message: 'Lower is better here, so amber must end at or above the target' });
  }
  if (fields.length) throw new AppError('BAD_INPUT', 'Check the target', { fieldErrors: fields });
}

export async function loadTargets(db: Db): Promise<Map<string, Target>> {
  const rows = await db.selectFrom('indicator_target').selectAll().where('deleted_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.indicator_id, { indicatorId: r.indicator_id, target: r.target, amberFrom: r.amber_from, note: r.note, id: r.id, version: r.version }]));
}

export interface TargetInput {
  indicatorId: string;
  target: number;
  amberFrom: number;
  note: string | null;
  /** The version the user saw; absent when there was no target yet. */
  version?: number;
}

/** Sets (or changes) an indicator's target, in a transaction with its audit row; a stale version is refused. */
export async function saveTarget(db: Db, audit: Audit, input: TargetInput): Promise<void> {
  checkTarget(input.indicatorId, input.target, input.amberFrom);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('indicator_target').selectAll().where('indicator_id', '=', input.indicatorId).where('deleted_at', 'is', null).executeTakeFirst();
    const changes = { target: input.target, amber_from: input.amberFrom, note: input.note };
    if (!current) {
      if (input.version !== undefined) throw new AppError('CONFLICT', 'This target was removed after you opened it, so your changes were not saved. Look again, then make your changes.');
      const after = await trx.insertInto('indicator_target').values({ id: newId(), indicator_id: input.indicatorId, ...changes }).returningAll().executeTakeFirstOrThrow();
      await audit.write(trx, { action: 'create', entityType: 'indicator_target', entityId: after.id, personId: null, before: null, after });
      return;
    }
    if (input.version === undefined) throw new AppError('CONFLICT', 'Someone else set this target after you opened it, so your changes were not saved. Look again, then make your changes.');
    const { before, after } = await updateWithVersion(trx, 'indicator_target', current.id, input.version, changes);
    await audit.write(trx, { action: 'update', entityType: 'indicator_target', entityId: after.id, personId: null, before, after });
  });
}
