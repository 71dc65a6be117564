// Rules on ChildCharacteristics: ethnicity and disabilities.
import { DISABILITY, ETHNICITY } from '../../../platform/codes.ts';
import { isNo } from '../model.ts';
import { rule, type CinRule } from './rule.ts';

export const childCharacteristicRules: CinRule[] = [
  rule({
    code: '4220', type: 'Error', module: 'ChildCharacteristics', message: 'Ethnicity is missing or invalid (see Ethnicity table)', reads: ['Ethnicity'],
    child(child, _ctx, emit) {
      if (child.Ethnicity === null || !Object.hasOwn(ETHNICITY, child.Ethnicity)) emit('Ethnicity', { value: child.Ethnicity });
    },
  }),
  rule({
    code: '8540', type: 'Error', module: 'ChildCharacteristics', message: 'Child’s disability is missing or invalid (see Disability table)',
    reads: ['Disability', 'PersonBirthDate', 'ReferralNFA'],
    child(child, _ctx, emit) {
      // Required for a born child with at least one referral that went on to further action.
      if (child.PersonBirthDate === null || !child.CINdetails.some((c) => isNo(c.ReferralNFA))) return;
      if (child.Disabilities.length === 0) emit('Disability');
      for (const code of child.Disabilities) if (!Object.hasOwn(DISABILITY, code)) emit('Disability', { value: code });
    },
  }),
  rule({
    code: '2887Q', type: 'Query', module: 'Disabilities',
    message: 'Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return', reads: ['Disability'],
    census(ctx, emit) {
      const used = new Set<string>();
      for (const c of ctx.census.children) for (const d of c.Disabilities) if (d !== 'NONE') used.add(d);
      if (used.size <= 7) emit(null, 'Disability', { value: `${used.size} codes used` });
    },
  }),
  rule({
    code: '2888Q', type: 'Query', module: 'Disabilities',
    message: 'Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.',
    reads: ['Disability'],
    census(ctx, emit) {
      let withAny = 0;
      let most = 0;
      for (const c of ctx.census.children) {
        const n = c.Disabilities.filter((d) => d !== 'NONE').length;
        if (n > 0) withAny += 1;
        if (n > most) most = n;
      }
      if (withAny > 0 && most <= 1) emit(null, 'Disability', { value: `${withAny} children with one code each` });
    },
  }),
  rule({
    code: '8790', type: 'Error', module: 'Disabilities', message: 'Disability information includes both None and other values', reads: ['Disability'],
    child(child, _ctx, emit) {
      if (!child.Disabilities.some((d) => d.toUpperCase() === 'NONE')) return;
      for (const d of child.Disabilities) if (d.toUpperCase() !== 'NONE') emit('Disability', { value: d });
    },
  }),
  rule({
    code: '8794', type: 'Error', module: 'Disabilities', message: 'Child has two or more disabilities with the same code', reads: ['Disability'],
    child(child, _ctx, emit) {
      const seen = new Set<string>();
      const reported = new Set<string>();
      for (const d of child.Disabilities) {
        if (seen.has(d) && !reported.has(d)) {
          reported.add(d);
          emit('Disability', { value: d });
        }
        seen.add(d);
      }
    },
  }),
];
