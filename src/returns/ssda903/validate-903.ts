// Runs every 903 rule over a return: findings by rule code, then table and row.
import { collectionPeriod } from './cohort.ts';
import type { Finding, Ssda903, TableName } from './model.ts';
import { SSDA903_RULES } from './rules/index.ts';
import { viewChildren, type Emit, type Indexed, type RuleContext, type Ssda903Rule } from './rules/rule.ts';

export function validate903(ret: Ssda903, rules: readonly Ssda903Rule[] = SSDA903_RULES): Finding[] {
  const ctx: RuleContext = { ret, p: collectionPeriod(ret.year), children: viewChildren(ret) };
  const findings: Finding[] = [];
  for (const rule of rules) {
    const seen = new Set<string>();
    const emit: Emit = <T extends TableName>(table: T, at: Indexed<T> | null, field: string, childId?: string | null) => {
      const key = `${table}:${at?.i ?? ''}:${field}`;
      if (seen.has(key)) return;
      seen.add(key);
      const f: Finding = { rule: rule.code, table, childId: childId ?? (at ? ((at.r as { CHILD: string | null }).CHILD ?? null) : null), field, message: rule.message };
      if (at) f.row = at.i + 1;
      const value = at ? (at.r as Record<string, string | null>)[field] : undefined;
      if (value !== undefined && value !== null) f.value = value;
      findings.push(f);
    };
    rule.check(ctx, emit);
  }
  return findings;
}

export interface RuleSummary {
  rule: Ssda903Rule;
  count: number;
  children: number;
}

export function summarise903(findings: readonly Finding[], rules: readonly Ssda903Rule[] = SSDA903_RULES): RuleSummary[] {
  const counts = new Map<string, { count: number; children: Set<string | null> }>();
  for (const f of findings) {
    let c = counts.get(f.rule);
    if (!c) counts.set(f.rule, (c = { count: 0, children: new Set() }));
    c.count += 1;
    c.children.add(f.childId);
  }
  return rules.flatMap((rule) => {
    const c = counts.get(rule.code);
    return c ? [{ rule, count: c.count, children: c.children.size }] : [];
  });
}
