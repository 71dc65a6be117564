// Every CIN census validation rule for 2025/26 (the DfE's cin2025_26 set: 109 rules, 83 errors and
// 26 queries), in code order.
import { assessmentRules } from './assessments.ts';
import { childCharacteristicRules } from './child-characteristics.ts';
import { childIdentifierRules } from './child-identifiers.ts';
import { cinDetailsRules } from './cin-details.ts';
import { cinPlanRules } from './cin-plans.ts';
import { cpPlanRules } from './cp-plans.ts';
import { rule, type CinRule } from './rule.ts';
import { section47Rules } from './section47.ts';

const headerRules: CinRule[] = [
  rule({
    code: '100', type: 'Error', module: 'Header', message: 'Reference Date is incorrect', reads: ['ReferenceDate', 'Year'],
    census(ctx, emit) {
      const { Year, ReferenceDate } = ctx.census.header;
      if (ReferenceDate === null || Year === null || ReferenceDate !== `${Year.trim()}-03-31`) emit(null, 'ReferenceDate', { value: ReferenceDate });
    },
  }),
];

const byCode = (a: CinRule, b: CinRule) => parseInt(a.code, 10) - parseInt(b.code, 10) || a.code.localeCompare(b.code);

export const CIN_RULES: readonly CinRule[] = [
  ...headerRules,
  ...childIdentifierRules,
  ...childCharacteristicRules,
  ...cinDetailsRules,
  ...assessmentRules,
  ...cinPlanRules,
  ...section47Rules,
  ...cpPlanRules,
].sort(byCode);

export const CIN_RULES_BY_CODE: ReadonlyMap<string, CinRule> = new Map(CIN_RULES.map((r) => [r.code, r]));
