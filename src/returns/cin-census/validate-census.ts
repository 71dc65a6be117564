// Runs every CIN rule over a census and lists the findings, rule by rule in code order, children in
// file order. The census year is read from the file's header, as the DfE's validator does: the year
// ending on the ReferenceDate (1 April to 31 March).
import { isIsoDate, type IsoDate } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import type { CensusChild, CinCensus, Finding } from './model.ts';
import { periodEnding, type CensusPeriod } from './period.ts';
import { CIN_RULES } from './rules/index.ts';
import type { CinRule, RuleContext, Where } from './rules/rule.ts';

/** The period the rules check against: from the header's ReferenceDate, or 31 March of its Year. */
export function periodOf(census: CinCensus): CensusPeriod {
  const { ReferenceDate, Year } = census.header;
  let referenceDate: IsoDate | null = ReferenceDate !== null && isIsoDate(ReferenceDate) ? ReferenceDate : null;
  if (referenceDate === null && Year !== null && /^\d{4}$/.test(Year.trim())) referenceDate = `${Year.trim()}-03-31`;
  if (referenceDate === null) throw new AppError('BAD_INPUT', 'the census header has neither a ReferenceDate nor a Year, so the census year is unknown');
  return periodEnding(referenceDate);
}

export interface ValidationSummary {
  errors: number;
  queries: number;
  /** Findings per rule code, in code order. */
  byRule: Array<{ rule: CinRule; count: number; children: number }>;
}

export function validateCensus(census: CinCensus, rules: readonly CinRule[] = CIN_RULES): Finding[] {
  const ctx: RuleContext = { census, ...periodOf(census) };
  const findings: Finding[] = [];
  for (const r of rules) {
    const push = (child: CensusChild | null, field: string, where: Where = {}) => {
      const f: Finding = { rule: r.code, type: r.type, module: r.module, childId: child?.LAchildID ?? null, field, message: r.message };
      if (where.cin !== undefined) f.cinDetailsIndex = where.cin + 1;
      if (where.location !== undefined) f.location = where.location;
      if (where.value !== undefined && where.value !== null) f.value = where.value;
      findings.push(f);
    };
    if (r.census) {
      r.census(ctx, push);
    } else if (r.child) {
      const check = r.child;
      for (const child of census.children) check(child, ctx, (field, where) => push(child, field, where));
    }
  }
  return findings;
}

export function summarise(findings: readonly Finding[], rules: readonly CinRule[] = CIN_RULES): ValidationSummary {
  const counts = new Map<string, { count: number; children: Set<string | null> }>();
  let errors = 0;
  let queries = 0;
  for (const f of findings) {
    if (f.type === 'Error') errors += 1;
    else queries += 1;
    let c = counts.get(f.rule);
    if (!c) counts.set(f.rule, (c = { count: 0, children: new Set() }));
    c.count += 1;
    c.children.add(f.childId);
  }
  const byRule = rules.flatMap((rule) => {
    const c = counts.get(rule.code);
    return c ? [{ rule, count: c.count, children: c.children.size }] : [];
  });
  return { errors, queries, byRule };
}
