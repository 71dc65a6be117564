// Rules on ChildIdentifiers: the child's id, UPN, dates of birth and death, and sex.
import { addDays, addMonths, addYears } from '../../../platform/calendar/calendar.ts';
import { SEX } from '../../../platform/codes.ts';
import { isNo, isYes, type CensusChild } from '../model.ts';
import { at, inPeriod, rule, type CinRule, type EmitFor } from './rule.ts';

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * The DfE's post-April-1998 LA codes and recognised pseudo-LA codes that may appear as characters 2-4 of
 * a UPN, as ranges.
 */
const UPN_LA_CODES: ReadonlyArray<readonly [number, number]> = [
  [1, 5], [201, 213], [301, 320], [330, 336], [340, 344], [350, 359], [370, 373], [380, 384], [390, 394], [420, 420],
  [660, 681], [701, 708], [800, 803], [805, 808], [810, 813], [815, 816], [820, 823], [825, 826], [830, 831], [835, 841],
  [845, 846], [850, 852], [855, 857], [860, 861], [865, 896], [908, 909], [916, 916], [919, 919], [921, 921], [925, 926],
  [928, 929], [931, 931], [933, 933], [935, 938], [940, 943],
];

export function isRecognisedUpnLaCode(code: string): boolean {
  if (!/^\d{3}$/.test(code)) return false;
  const n = Number(code);
  return UPN_LA_CODES.some(([from, to]) => n >= from && n <= to);
}

/** The check letter a UPN's last 12 characters give, or null when they cannot be weighed. */
export function upnCheckLetterFor(body: string): string | null {
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body[i]!;
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : UPN_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23]!;
}

const nonNfa = (child: CensusChild) => child.CINdetails.some((c) => isNo(c.ReferralNFA));

function duplicates(children: readonly CensusChild[], key: (c: CensusChild) => string | null, field: string, emit: EmitFor): void {
  const seen = new Map<string, CensusChild[]>();
  for (const c of children) {
    const k = key(c);
    if (k === null) continue;
    const list = seen.get(k);
    if (list) list.push(c);
    else seen.set(k, [c]);
  }
  for (const [value, list] of seen) if (list.length > 1) for (const c of list) emit(c, field, { value });
}

export const childIdentifierRules: CinRule[] = [
  rule({
    code: '1510', type: 'Error', module: 'ChildIdentifiers', message: 'UPN invalid (wrong check letter at character 1)', reads: ['UPN'],
    child(child, _ctx, emit) {
      const upn = child.UPN;
      if (upn === null || upn.length !== 13) return;
      const expected = upnCheckLetterFor(upn.slice(1));
      if (expected !== null && upn[0] !== expected) emit('UPN', { value: upn });
    },
  }),
  rule({
    code: '1520', type: 'Error', module: 'ChildIdentifiers', message: 'More than one record with the same UPN.', reads: ['UPN'],
    census(ctx, emit) {
      duplicates(ctx.census.children, (c) => c.UPN, 'UPN', emit);
    },
  }),
  rule({
    code: '1530', type: 'Error', module: 'ChildIdentifiers', message: 'UPN invalid (characters 2-4 not a recognised LA code)', reads: ['UPN'],
    child(child, _ctx, emit) {
      const upn = child.UPN;
      if (upn !== null && upn.length === 13 && !isRecognisedUpnLaCode(upn.slice(1, 4))) emit('UPN', { value: upn });
    },
  }),
  rule({
    code: '1540', type: 'Error', module: 'ChildIdentifiers', message: 'UPN invalid (characters 5-12 not all numeric)', reads: ['UPN'],
    child(child, _ctx, emit) {
      if (child.UPN !== null && !/^\d{8}$/.test(child.UPN.slice(4, 12))) emit('UPN', { value: child.UPN });
    },
  }),
  rule({
    code: '1550', type: 'Error', module: 'ChildIdentifiers', message: 'UPN invalid (character 13 not a recognised value)', reads: ['UPN'],
    child(child, _ctx, emit) {
      const upn = child.UPN;
      if (upn !== null && upn.length === 13 && !/^[0-9A-HJ-NP-RT-Z]$/.test(upn[12]!)) emit('UPN', { value: upn });
    },
  }),
  rule({
    code: '1560Q', type: 'Query', module: 'ChildIdentifiers', message: 'Please check and either amend or provide a reason: Former UPN wrongly formatted', reads: ['FormerUPN'],
    child(child, _ctx, emit) {
      // A former UPN is often a temporary one, ending in a letter: both shapes of UPN are well formed.
      const f = child.FormerUPN;
      if (f !== null && !/^[A-Za-z]\d{11}[0-9A-Za-z]$/.test(f)) emit('FormerUPN', { value: f });
    },
  }),
  rule({
    code: '1570', type: 'Error', module: 'ChildIdentifiers', message: 'LA Child ID must not be longer than 20 characters', reads: ['LAchildID'],
    child(child, _ctx, emit) {
      if (child.LAchildID !== null && child.LAchildID.length > 20) emit('LAchildID', { value: child.LAchildID });
    },
  }),
  rule({
    code: '1580', type: 'Error', module: 'ChildIdentifiers', message: 'LA Child ID must not contain any non-alphanumeric characters', reads: ['LAchildID'],
    child(child, _ctx, emit) {
      if (child.LAchildID !== null && !/^[A-Za-z0-9]*$/.test(child.LAchildID)) emit('LAchildID', { value: child.LAchildID });
    },
  }),
  rule({
    code: '2886Q', type: 'Query', module: 'ChildIdentifiers',
    message: 'Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)',
    reads: ['Sex', 'ExpectedPersonBirthDate'],
    census(ctx, emit) {
      const children = ctx.census.children;
      if (children.length === 0) return;
      const unknown = children.filter((c) => (c.Sex === null || c.Sex === 'U') && c.ExpectedPersonBirthDate === null).length;
      if (unknown / children.length > 0.02) emit(null, 'Sex', { value: `${unknown} of ${children.length}` });
    },
  }),
  rule({
    code: '4008', type: 'Error', module: 'ChildIdentifiers', message: 'CIN Plan shown as starting after the child’s Date of Death.', reads: ['PersonDeathDate', 'CINPlanStartDate'],
    child(child, _ctx, emit) {
      const death = child.PersonDeathDate;
      if (death === null) return;
      child.CINdetails.forEach((cin, i) =>
        cin.CINPlanDates.forEach((p, j) => {
          if (p.CINPlanStartDate !== null && p.CINPlanStartDate > death) emit('CINPlanStartDate', at(i, `CINPlanDates ${j + 1}`, p.CINPlanStartDate));
        }),
      );
    },
  }),
  rule({
    code: '4009Q', type: 'Query', module: 'ChildIdentifiers', message: 'CIN Plan cannot end after the child’s Date of Death', reads: ['PersonDeathDate', 'CINPlanEndDate'],
    child(child, _ctx, emit) {
      const death = child.PersonDeathDate;
      if (death === null) return;
      child.CINdetails.forEach((cin, i) =>
        cin.CINPlanDates.forEach((p, j) => {
          if (p.CINPlanEndDate !== null && p.CINPlanEndDate > death) emit('CINPlanEndDate', at(i, `CINPlanDates ${j + 1}`, p.CINPlanEndDate));
        }),
      );
    },
  }),
  rule({
    code: '4180', type: 'Error', module: 'ChildIdentifiers', message: 'Sex must be provided and equal M, F, or U', reads: ['Sex'],
    child(child, _ctx, emit) {
      if (child.Sex === null || !Object.hasOwn(SEX, child.Sex)) emit('Sex', { value: child.Sex });
    },
  }),
  rule({
    code: '8500', type: 'Error', module: 'ChildIdentifiers', message: 'LA Child ID missing', reads: ['LAchildID'],
    child(child, _ctx, emit) {
      if (child.LAchildID === null) emit('LAchildID');
    },
  }),
  rule({
    code: '8510', type: 'Error', module: 'ChildIdentifiers', message: 'More than one child record with the same LA Child ID', reads: ['LAchildID'],
    census(ctx, emit) {
      duplicates(ctx.census.children, (c) => c.LAchildID, 'LAchildID', emit);
    },
  }),
  rule({
    code: '8520', type: 'Error', module: 'ChildIdentifiers',
    message: 'Date of Birth is after data collection period (must be on or before the end of the census period)', reads: ['PersonBirthDate', 'ReferenceDate'],
    child(child, ctx, emit) {
      if (child.PersonBirthDate !== null && child.PersonBirthDate > ctx.referenceDate) emit('PersonBirthDate', { value: child.PersonBirthDate });
    },
  }),
  rule({
    code: '8525Q', type: 'Query', module: 'ChildIdentifiers', message: 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
    reads: ['PersonBirthDate', 'ExpectedPersonBirthDate'],
    child(child, _ctx, emit) {
      if ((child.PersonBirthDate === null) === (child.ExpectedPersonBirthDate === null)) emit('PersonBirthDate');
    },
  }),
  rule({
    code: '8530Q', type: 'Query', module: 'ChildIdentifiers',
    message: 'Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
    reads: ['ExpectedPersonBirthDate', 'ReferenceDate'],
    child(child, ctx, emit) {
      const expected = child.ExpectedPersonBirthDate;
      if (expected === null) return;
      // Strictly between 30 days before and nine months after the reference date.
      if (expected <= addDays(ctx.referenceDate, -30) || expected >= addMonths(ctx.referenceDate, 9)) emit('ExpectedPersonBirthDate', { value: expected });
    },
  }),
  rule({
    code: '8535Q', type: 'Query', module: 'ChildIdentifiers',
    message: 'Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth', reads: ['PersonDeathDate', 'PersonBirthDate'],
    child(child, _ctx, emit) {
      const death = child.PersonDeathDate;
      if (death !== null && (child.PersonBirthDate === null || child.PersonBirthDate > death)) emit('PersonDeathDate', { value: death });
    },
  }),
  rule({
    code: '8545Q', type: 'Query', module: 'ChildIdentifiers', message: "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
    reads: ['PersonDeathDate'],
    child(child, ctx, emit) {
      if (child.PersonDeathDate !== null && !inPeriod(ctx, child.PersonDeathDate)) emit('PersonDeathDate', { value: child.PersonDeathDate });
    },
  }),
  rule({
    code: '8590', type: 'Error', module: 'ChildIdentifiers', message: 'Child does not have a recorded CIN episode.', reads: ['CINdetails'],
    child(child, _ctx, emit) {
      if (child.CINdetails.length === 0) emit('CINdetails');
    },
  }),
  rule({
    code: '8750', type: 'Error', module: 'ChildIdentifiers', message: 'Sex must equal U for an unborn child', reads: ['Sex', 'PersonBirthDate', 'ExpectedPersonBirthDate'],
    child(child, _ctx, emit) {
      if (child.PersonBirthDate === null && child.ExpectedPersonBirthDate !== null && child.Sex !== 'U') emit('Sex', { value: child.Sex });
    },
  }),
  rule({
    code: '8770Q', type: 'Query', module: 'ChildIdentifiers',
    message: 'Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.',
    reads: ['UPN', 'UPNunknown', 'PersonBirthDate', 'ReferralNFA'],
    child(child, ctx, emit) {
      const dob = child.PersonBirthDate;
      if (dob === null || child.UPN !== null || !nonNfa(child)) return;
      // Of school age: born on or before the day that is six years before the end of August after the census.
      const cutoff = addYears(addDays(addMonths(ctx.referenceDate, 4), 31), -6);
      if (dob > cutoff) return;
      const reason = child.UPNunknown?.toUpperCase() ?? null;
      if (reason === null || !['UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'].includes(reason)) emit('UPNunknown', { value: child.UPNunknown });
    },
  }),
  rule({
    code: '8772', type: 'Error', module: 'ChildIdentifiers',
    message: 'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
    reads: ['UPNunknown', 'ReferralNFA'],
    child(child, _ctx, emit) {
      if (child.UPNunknown !== 'UN7') return;
      child.CINdetails.forEach((cin, i) => {
        if (!isYes(cin.ReferralNFA)) emit('UPNunknown', at(i, undefined, cin.ReferralNFA));
      });
    },
  }),
  rule({
    code: '8775Q', type: 'Query', module: 'ChildIdentifiers', message: 'Please check and either amend data or provide a reason: Child is over 25 years old',
    reads: ['PersonBirthDate', 'CINclosureDate'],
    child(child, ctx, emit) {
      const dob = child.PersonBirthDate;
      if (dob === null || dob >= addYears(ctx.referenceDate, -25)) return;
      const twentyFifth = addYears(dob, 25);
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINclosureDate === null || cin.CINclosureDate > twentyFifth) emit('PersonBirthDate', at(i, undefined, dob));
      });
    },
  }),
];
