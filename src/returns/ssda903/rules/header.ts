// Rules on Header, UASC and Reviews, and the DfE's internal checks (INT…): every table's child is in
// Header once, with the same date of birth and sex.
import type { TableName } from '../model.ts';
import { age, ageOn, asDate, blank, ETHNIC_CODES, filled, isDate, REVIEW_CODES, SEXES, SHORT_BREAKS, addYears } from './helpers.ts';
import { childRule, rowRule, type Emit, type RuleContext, type Ssda903Rule } from './rule.ts';

const UPN = /^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/;

const notInHeader = (code: string, table: TableName, name: string): Ssda903Rule =>
  childRule({
    code, message: `Internal Check: Child in ${name} does not exist in Header.`, tables: ['header', table], fields: ['CHILD'],
    child(c, _ctx, emit) {
      if (c.header.length === 0) for (const x of c[table]) emit(table, x as never, 'CHILD');
    },
  });

const dobDiffers = (code: string, table: 'ad1' | 'placed_for_adoption' | 'missing' | 'oc2' | 'oc3' | 'previous_permanence' | 'reviews' | 'uasc', name: string): Ssda903Rule =>
  childRule({
    code, message: `Internal Check: DOB in ${name} is different to DOB in Header.`, tables: ['header', table], fields: ['DOB'],
    child(c, _ctx, emit) {
      const h = c.header[0];
      if (!h) return;
      for (const x of c[table]) if (x.r.DOB !== h.r.DOB) emit(table, x as never, 'DOB');
    },
  });

const onceOnly = (code: string, table: 'ad1' | 'header' | 'oc2' | 'oc3' | 'previous_permanence' | 'uasc', name: string): Ssda903Rule =>
  childRule({
    code, message: `Internal Check: Child should only exist once in ${name}.`, tables: [table], fields: ['CHILD'],
    child(c, _ctx, emit) {
      if (c[table].length > 1) for (const x of c[table]) emit(table, x as never, 'CHILD');
    },
  });

export const headerRules: Ssda903Rule[] = [
  rowRule({ code: '101', table: 'header', fields: ['SEX'], message: 'The child or young person’s reported sex is not valid.', bad: (r) => !SEXES.has(r.SEX ?? '') }),
  rowRule({ code: '102', table: 'header', fields: ['DOB'], message: 'Date of birth is not a valid date.', bad: (r) => !isDate(r.DOB) }),
  rowRule({ code: '103', table: 'header', fields: ['ETHNIC'], message: 'The ethnicity code is either not valid or has not been entered.', bad: (r) => !ETHNIC_CODES.has(r.ETHNIC ?? '') }),
  rowRule({
    code: '168', table: 'header', fields: ['UPN'], message: 'Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.',
    bad: (r) => filled(r.UPN) && !UPN.test(r.UPN) && !/^UN[1-5]$/.test(r.UPN),
  }),
  rowRule({ code: '171', table: 'header', fields: ['MC_DOB'], message: 'Date of birth of mother\'s child is not a valid date.', bad: (r) => filled(r.MC_DOB) && !isDate(r.MC_DOB) }),
  rowRule({ code: '174', table: 'header', fields: ['MC_DOB'], message: 'Mother\'s child date of birth is recorded but sex shows that the child is a male.', bad: (r) => filled(r.MC_DOB) && r.SEX === 'M' }),
  rowRule({
    code: '209', table: 'header', fields: ['UPN'], message: 'Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.',
    // School age: from the September after the 5th birthday to the last Friday of June after the 16th.
    bad: (r, ctx) => {
      const dob = asDate(r.DOB);
      if (r.UPN !== 'UN1' || !dob) return false;
      const a = ageOn(dob, ctx.p.start);
      return a >= 5 && a < 16;
    },
  }),
  rowRule({ code: '232', table: 'header', fields: ['SEX'], message: 'Sex of the child/young person has been reported as unknown.', bad: (r) => r.SEX === 'U' }),
  rowRule({ code: '301', table: 'header', fields: ['DOB'], message: 'Date of birth falls after the year ended.', bad: (r, ctx) => isDate(r.DOB) && r.DOB > ctx.p.end }),
  rowRule({
    code: '351', table: 'header', fields: ['DOB'], message: 'Child was over 25 at the start of the current collection year.',
    bad: (r, ctx) => isDate(r.DOB) && ageOn(r.DOB, ctx.p.start) > 25,
  }),
  childRule({
    code: '442', message: 'Unique Pupil Number (UPN) field is not completed.', tables: ['header', 'episodes'], fields: ['UPN'],
    child(c, _ctx, emit) {
      if (c.episodes.length > 0) for (const h of c.header) if (blank(h.r.UPN)) emit('header', h, 'UPN');
    },
  }),
  <Ssda903Rule>{
    code: '444', message: 'Duplicate UPN has been reported', tables: ['header'], fields: ['UPN'],
    check(ctx: RuleContext, emit: Emit) {
      const seen = new Map<string, number>();
      for (const h of ctx.ret.tables.header) if (h.UPN && UPN.test(h.UPN)) seen.set(h.UPN, (seen.get(h.UPN) ?? 0) + 1);
      ctx.ret.tables.header.forEach((r, i) => {
        if (r.UPN && (seen.get(r.UPN) ?? 0) > 1) emit('header', { r, i }, 'UPN', r.CHILD);
      });
    },
  },
  rowRule({ code: '611', table: 'header', fields: ['MC_DOB'], message: 'Date of birth field is blank, but child is a mother.', bad: (r) => r.MOTHER === '1' && blank(r.MC_DOB) }),
  rowRule({ code: '612', table: 'header', fields: ['MOTHER'], message: 'Date of birth field has been completed but mother field indicates child is not a mother.', bad: (r) => r.SEX === 'F' && filled(r.MC_DOB) && r.MOTHER !== '1' }),
  rowRule({
    code: '620', table: 'header', fields: ['MOTHER'], message: 'Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.',
    bad: (r, ctx) => r.MOTHER === '1' && isDate(r.DOB) && ageOn(r.DOB, ctx.p.start) < 11,
  }),
  rowRule({ code: '621', table: 'header', fields: ['MC_DOB'], message: 'Mother’s field has been completed but date of birth shows that the mother is younger than her child.', bad: (r) => isDate(r.DOB) && isDate(r.MC_DOB) && r.MC_DOB <= r.DOB }),
  childRule({
    code: '625', message: 'Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.', tables: ['header', 'episodes'], fields: ['MC_DOB'],
    child(c, ctx, emit) {
      const h = c.header[0];
      const mc = asDate(h?.r.MC_DOB ?? null);
      if (!h || h.r.MOTHER !== '1' || !mc) return;
      const last = c.episodes[c.episodes.length - 1]?.r;
      if (mc > ctx.p.end || (last && isDate(last.DEC) && last.REC !== 'X1' && mc > last.DEC)) emit('header', h, 'MC_DOB');
    },
  }),
  childRule({
    code: '393', message: 'Child is looked after but mother field is not completed.', tables: ['header', 'episodes'], fields: ['MOTHER'],
    child(c, _ctx, emit) {
      const h = c.header[0];
      if (!h || h.r.SEX !== 'F' || c.episodes.length === 0 || c.episodes.every((e) => SHORT_BREAKS.has(e.r.LS ?? ''))) return;
      if (blank(h.r.MOTHER)) emit('header', h, 'MOTHER');
    },
  }),
  childRule({
    code: '165', message: 'Data entry for mother status is invalid.', tables: ['header', 'episodes', 'oc3'], fields: ['MOTHER'],
    child(c, _ctx, emit) {
      for (const h of c.header) if (filled(h.r.MOTHER) && h.r.MOTHER !== '0' && h.r.MOTHER !== '1') emit('header', h, 'MOTHER');
    },
  }),
  childRule({
    code: '399', message: 'Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.', tables: ['episodes', 'header', 'reviews'], fields: ['MOTHER', 'REVIEW', 'REVIEW_CODE'],
    child(c, _ctx, emit) {
      if (c.episodes.length === 0 || !c.episodes.every((e) => SHORT_BREAKS.has(e.r.LS ?? ''))) return;
      for (const h of c.header) if (filled(h.r.MOTHER)) emit('header', h, 'MOTHER');
      for (const r of c.reviews) emit('reviews', r, filled(r.r.REVIEW) ? 'REVIEW' : 'REVIEW_CODE');
    },
  }),
  childRule({
    code: 'EPI', message: 'WARNING: Episodes need to be loaded for this child before further validation is possible', tables: ['header'], fields: ['CHILD'],
    child(c, _ctx, emit) {
      if (c.header.length > 0 && c.episodes.length === 0 && c.oc3.length === 0) emit('header', c.header[0]!, 'CHILD');
    },
  }),
  // ---------------------------------------------------------------- UASC
  rowRule({ code: '104', table: 'uasc', fields: ['DUC'], message: 'Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.', bad: (r) => filled(r.DUC) && !isDate(r.DUC) }),
  rowRule({
    code: '304', table: 'uasc', fields: ['DUC'], message: 'Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.',
    bad: (r) => isDate(r.DUC) && isDate(r.DOB) && r.DUC > addYears(r.DOB, 18),
  }),
  childRule({
    code: '1014', message: 'UASC information is not required for care leavers', tables: ['episodes', 'uasc', 'oc3'], fields: ['DUC'],
    child(c, _ctx, emit) {
      if (c.oc3.length > 0 && c.episodes.length === 0) for (const u of c.uasc) emit('uasc', u, 'DUC');
    },
  }),
  // ---------------------------------------------------------------- Reviews
  rowRule({ code: '166', table: 'reviews', fields: ['REVIEW'], message: 'Date of review is invalid or blank.', bad: (r) => !isDate(r.REVIEW) }),
  rowRule({
    code: '167', table: 'reviews', fields: ['REVIEW_CODE'], message: 'Data entry for participation is invalid or blank.',
    bad: (r) => (filled(r.REVIEW) ? !REVIEW_CODES.has(r.REVIEW_CODE ?? '') : filled(r.REVIEW_CODE)),
  }),
  childRule({
    code: '440', message: 'Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.', tables: ['reviews'], fields: ['REVIEW_CODE'],
    child(c, _ctx, emit) {
      for (const r of c.reviews) if (r.r.REVIEW_CODE === 'PN0' && (age(c, r.r.REVIEW) ?? -1) >= 4) emit('reviews', r, 'REVIEW_CODE');
    },
  }),
  childRule({
    code: '441', message: 'Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.', tables: ['reviews'], fields: ['REVIEW_CODE'],
    child(c, _ctx, emit) {
      for (const r of c.reviews) if (filled(r.r.REVIEW_CODE) && r.r.REVIEW_CODE !== 'PN0' && (age(c, r.r.REVIEW) ?? 99) < 4) emit('reviews', r, 'REVIEW_CODE');
    },
  }),
  // ---------------------------------------------------------------- internal checks
  notInHeader('INT01', 'ad1', 'AD1'), notInHeader('INT02', 'placed_for_adoption', 'PlacedAdoption'), notInHeader('INT03', 'episodes', 'Episodes'),
  notInHeader('INT04', 'missing', 'Missing'), notInHeader('INT05', 'oc2', 'OC2'), notInHeader('INT06', 'oc3', 'OC3'), notInHeader('INT07', 'previous_permanence', 'PrevPerm'),
  notInHeader('INT08', 'reviews', 'Reviews'), notInHeader('INT09', 'uasc', 'UASC'),
  dobDiffers('INT11', 'ad1', 'AD1'), dobDiffers('INT12', 'placed_for_adoption', 'PlacedAdoption'), dobDiffers('INT13', 'missing', 'Missing'), dobDiffers('INT14', 'oc2', 'OC2'),
  dobDiffers('INT15', 'oc3', 'OC3'), dobDiffers('INT16', 'previous_permanence', 'PrevPerm'), dobDiffers('INT17', 'reviews', 'Reviews'), dobDiffers('INT18', 'uasc', 'UASC'),
  childRule({
    code: 'INT21', message: 'Internal Check: SEX in UASC is different to SEX in Header.', tables: ['header', 'uasc'], fields: ['SEX'],
    child(c, _ctx, emit) {
      const h = c.header[0];
      if (h) for (const u of c.uasc) if (u.r.SEX !== h.r.SEX) emit('uasc', u, 'SEX');
    },
  }),
  onceOnly('INT31', 'ad1', 'AD1'), onceOnly('INT32', 'header', 'Header'), onceOnly('INT33', 'oc2', 'OC2'), onceOnly('INT34', 'oc3', 'OC3'),
  onceOnly('INT35', 'previous_permanence', 'PrevPerm'), onceOnly('INT36', 'uasc', 'UASC'),
];
