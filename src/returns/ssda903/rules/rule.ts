// What an SSDA903 validation rule is: a DfE code, its message, the table and fields it reports, and a
// check over the return. Rules see the return child by child (`ChildView`), with each row's place in its
// table so a finding points at the row a council would open.
import type { CollectionPeriod } from '../cohort.ts';
import type { Row, Ssda903, TableName } from '../model.ts';

export interface Indexed<T extends TableName> {
  r: Row<T>;
  /** Place in the table, from 0. */
  i: number;
}

export type ChildView = { id: string } & { [T in TableName]: Array<Indexed<T>> };

export interface RuleContext {
  ret: Ssda903;
  p: CollectionPeriod;
  children: ChildView[];
}

export type Emit = <T extends TableName>(table: T, at: Indexed<T> | null, field: string, childId?: string | null) => void;

export interface Ssda903Rule {
  code: string;
  message: string;
  /** The DfE tables the rule reads. */
  tables: readonly TableName[];
  /** The fields it reports. */
  fields: readonly string[];
  check: (ctx: RuleContext, emit: Emit) => void;
}

/** A rule that looks at one child at a time. */
export function childRule(def: Omit<Ssda903Rule, 'check'> & { child: (c: ChildView, ctx: RuleContext, emit: Emit) => void }): Ssda903Rule {
  const { child, ...rest } = def;
  return { ...rest, check: (ctx, emit) => ctx.children.forEach((c) => child(c, ctx, emit)) };
}

/** A rule that looks at each row of one table on its own. */
export function rowRule<T extends TableName>(
  def: Omit<Ssda903Rule, 'check' | 'tables'> & { table: T; bad: (r: Row<T>, ctx: RuleContext, c: ChildView) => boolean | string | null | undefined },
): Ssda903Rule {
  const { table, bad, ...rest } = def;
  return {
    ...rest,
    tables: [table],
    check: (ctx, emit) => {
      for (const c of ctx.children) {
        for (const x of c[table] as Array<Indexed<T>>) {
          const result = bad(x.r, ctx, c);
          if (result) emit(table, x, typeof result === 'string' ? result : rest.fields[0]!);
        }
      }
    },
  };
}

export function viewChildren(ret: Ssda903): ChildView[] {
  const byId = new Map<string, ChildView>();
  const order: string[] = [];
  for (const table of Object.keys(ret.tables) as TableName[]) {
    (ret.tables[table] as Array<Row<TableName>>).forEach((r, i) => {
      const id = (r as { CHILD: string | null }).CHILD ?? '';
      let v = byId.get(id);
      if (!v) {
        v = { id, header: [], episodes: [], reviews: [], uasc: [], oc2: [], oc3: [], ad1: [], placed_for_adoption: [], previous_permanence: [], missing: [], sw_episodes: [] };
        byId.set(id, v);
        order.push(id);
      }
      (v[table] as Array<Indexed<TableName>>).push({ r, i } as Indexed<TableName>);
    });
  }
  const views = order.map((id) => byId.get(id)!);
  for (const v of views) v.episodes.sort((a, b) => (a.r.DECOM ?? '').localeCompare(b.r.DECOM ?? '') || a.i - b.i);
  return views;
}
