// Children and the adults around them: fictional names (faker, en_GB), sex, DfE ethnicity, a date of
// birth that fits the stage the child is at, a UPN with the right check letter (or the reason there is
// none), a test-range NHS number, a home address in the fictional borough, and a family.
import { addDays, addYears, type IsoDate } from '../platform/calendar/calendar.ts';
import { council } from './council.ts';
import type { Gen } from './context.ts';
import { ETHNICITY_WEIGHTS } from './distributions.ts';
import type { Row } from './model.ts';
import { makeUpn } from './upn.ts';

/** A child's state as the referral stream moves through time. */
export interface Child {
  id: string;
  dob: IsoDate;
  eighteenth: IsoDate;
  sex: 'M' | 'F' | 'U';
  /** Where in the borough the child lives (0–1): decides which area team serves them. */
  area: number;
  familyId: string;
  motherId: string | null;
  siblings: string[];
  disabled: boolean;
  uasc: boolean;
  /** The next day on which the child can be referred again (null: not again, e.g. adopted or in care). */
  freeFrom: IsoDate | null;
  lastReferral: IsoDate | null;
  cpPlans: number;
  /** An early help episode that may still be open (a step-up ends it). */
  earlyHelp: Row<'early_help_episode'> | null;
  /** A permanence order made for the child, for the 903 previous permanence of a later period of care. */
  previousPermanence: { code: 'P1' | 'P2' | 'P3'; date: IsoDate } | null;
  school: string;
  surname: string;
  homePostcode: string;
  /** Dates of the child's contacts, for the repeat-contact manager review. */
  contactDates: IsoDate[];
}

const SCHOOL_NAMES = [
  'Tillbrook Primary School', 'St Anne’s CofE Primary School', 'Marshfield Infant School', 'Eastwick Junior School', 'Holmbury Primary Academy',
  'Sandle Cross Primary School', 'Riverside Community Primary', 'Tillbrook Green Primary School', 'Upper Tillbrook Primary School', 'Oakfield Primary School',
  'Tillbrook Academy', 'Marshfield High School', 'Eastwick Secondary School', 'St Edmund’s Catholic High School', 'Holmbury School', 'Tillbrook College',
  'Brookside Special School', 'The Willows Pupil Referral Unit',
];

const UASC_NATIONALITIES = { Afghan: 25, Eritrean: 18, Sudanese: 16, Iranian: 10, Vietnamese: 7, Albanian: 6, Syrian: 6, Iraqi: 6, Ethiopian: 6 };

/** The letters used in the inward part of a postcode (C, I, K, M, O and V never are). */
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('');
const OTHER_AREAS = ['BN', 'CV', 'DE', 'GL', 'LE', 'LS', 'M', 'NG', 'OX', 'PE', 'RG', 'S', 'SN', 'ST', 'WS', 'WV', 'YO', 'B', 'NN', 'MK'];

/** A postcode in the fictional borough's TB area. */
export function homePostcode(g: Gen): string {
  const { rng } = g;
  return `${council.postcodeArea}${rng.int(1, 14)} ${rng.int(1, 9)}${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
}

/** A postcode-shaped string in another area, for placements out of the borough. */
export function outOfAreaPostcode(g: Gen): string {
  const { rng } = g;
  return `${rng.pick(OTHER_AREAS)}${rng.int(1, 30)} ${rng.int(1, 9)}${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
}

/** An NHS number in the 999 range the NHS keeps for test data, with its modulus 11 check digit. */
function testNhsNumber(g: Gen): string {
  for (;;) {
    const digits = `999${String(g.rng.int(0, 999999)).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return digits + String(check === 11 ? 0 : check);
  }
}

export interface People {
  upns: Set<string>;
  upnSerial: number;
}

export function newPeople(): People {
  return { upns: new Set(), upnSerial: 0 };
}

function upnFor(g: Gen, people: People, dob: IsoDate): string {
  const year = Number(dob.slice(0, 4)) + 5;
  for (;;) {
    people.upnSerial += 1;
    const establishment = 2000 + g.rng.int(0, 120) + (g.rng.chance(0.4) ? 2000 : 0);
    const upn = makeUpn(council.upnLaCode, establishment, year, people.upnSerial % 1000);
    if (!people.upns.has(upn)) {
      people.upns.add(upn);
      return upn;
    }
  }
}

export interface NewChild {
  dob: IsoDate;
  sex?: 'M' | 'F' | 'U';
  uasc?: boolean;
  /** Adds a mother (and sometimes a father) and a family record: referred children have a household. */
  withFamily?: boolean;
  siblingOf?: Child;
}

export function createChild(g: Gen, people: People, spec: NewChild): Child {
  const { rng, names, ids, tables, cal, asOf } = g;
  const id = ids.next('C');
  const uasc = spec.uasc ?? false;
  const sex = spec.sex ?? (rng.chance(0.008) ? 'U' : rng.chance(0.515) ? 'M' : 'F');
  const sibling = spec.siblingOf;
  const surname = sibling ? sibling.surname : names.surname();
  const ethnicity = uasc ? rng.weighted({ OOTH: 30, AOTH: 25, BAFR: 30, BOTH: 10, WOTH: 5 }) : rng.weighted(ETHNICITY_WEIGHTS);
  const ageAtEnd = Math.floor(cal.daysBetween(spec.dob, asOf) / 365.25);
  // School-age children have a UPN; under-fives not yet at school, and unaccompanied children who have
  // never been on an English school roll, have the reason instead.
  let upn: string | null = null;
  let upnUnknown: string | null = null;
  if (uasc) upnUnknown = 'UN2';
  else if (ageAtEnd < 5) upnUnknown = 'UN3';
  else if (rng.chance(0.03)) upnUnknown = 'UN4';
  else upn = upnFor(g, people, spec.dob);
  const restricted = rng.chance(0.003);
  tables.person.push({
    id,
    legacy_id: String(4_000_000 + rng.int(0, 999_999)),
    person_type: 'child',
    forename: names.forename(sex),
    surname,
    preferred_name: null,
    upn,
    upn_unknown: upnUnknown,
    sex,
    ethnicity,
    dob: spec.dob,
    nhs_number: uasc && rng.chance(0.5) ? null : testNhsNumber(g),
    nationality: uasc ? rng.weighted(UASC_NATIONALITIES) : rng.chance(0.92) ? 'British' : rng.pick(['Polish', 'Romanian', 'Irish', 'Nigerian', 'Pakistani', 'Indian', 'Lithuanian']),
    restricted,
    restriction_reason: restricted ? rng.pick(['staff_relative', 'high_profile'] as const) : null,
  });
  const disabled = rng.chance(uasc ? 0.01 : 0.09);
  if (disabled) {
    const codes = rng.sample(['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA'], rng.chance(0.6) ? 1 : 2);
    for (const code of codes) tables.disability.push({ id: ids.next('DIS'), person_id: id, code });
  }
  if (uasc) tables.immigration_status.push({ id: ids.next('IMS'), person_id: id, status: 'UASC', start_date: null, end_date: cal.addYears(spec.dob, 18) });
  const postcode = sibling ? sibling.homePostcode : homePostcode(g);
  tables.address.push({
    id: ids.next('ADR'),
    person_id: id,
    address_type: 'home',
    start_date: spec.dob,
    end_date: null,
    postcode,
    line1: `${rng.int(1, 180)} ${names.street()}`,
    town: rng.pick(council.towns),
    uprn: String(100_000_000_000 + rng.int(0, 899_999_999)),
  });
  const child: Child = {
    id,
    dob: spec.dob,
    eighteenth: cal.addYears(spec.dob, 18),
    sex,
    area: sibling ? sibling.area : rng.float(),
    familyId: sibling ? sibling.familyId : '',
    motherId: sibling ? sibling.motherId : null,
    siblings: [],
    disabled,
    uasc,
    freeFrom: null,
    lastReferral: null,
    cpPlans: 0,
    earlyHelp: null,
    previousPermanence: null,
    school: rng.pick(SCHOOL_NAMES),
    surname,
    homePostcode: postcode,
    contactDates: [],
  };
  if (sibling) {
    child.school = sibling.school;
    tables.family.push({ id: ids.next('FAM'), family_id: child.familyId, person_id: id });
    if (child.motherId) {
      tables.relationship.push({ id: ids.next('REL'), person_id: id, related_person_id: child.motherId, relationship: 'mother', lives_with: true, parental_responsibility: true, start_date: spec.dob });
    }
    tables.relationship.push({ id: ids.next('REL'), person_id: id, related_person_id: sibling.id, relationship: 'sibling', lives_with: true, parental_responsibility: false, start_date: spec.dob });
    sibling.siblings.push(id);
    child.siblings.push(sibling.id);
  } else if (spec.withFamily) {
    addFamily(g, child, surname);
  }
  return child;
}

/** A mother, sometimes a father, and the family record that ties the household together. */
function addFamily(g: Gen, child: Child, surname: string): void {
  const { rng, names, ids, tables } = g;
  child.familyId = ids.next('F');
  tables.family.push({ id: ids.next('FAM'), family_id: child.familyId, person_id: child.id });
  const motherAge = rng.int(16, 42);
  const motherId = ids.next('A');
  tables.person.push({
    id: motherId,
    person_type: 'adult',
    forename: names.forename('F'),
    surname: rng.chance(0.75) ? surname : names.surname(),
    sex: 'F',
    dob: addDays(addYears(child.dob, -motherAge), -rng.int(0, 364)),
    restricted: false,
  });
  tables.family.push({ id: ids.next('FAM'), family_id: child.familyId, person_id: motherId });
  const livesWithMother = rng.chance(0.88);
  tables.relationship.push({ id: ids.next('REL'), person_id: child.id, related_person_id: motherId, relationship: 'mother', lives_with: livesWithMother, parental_responsibility: true, start_date: child.dob });
  child.motherId = motherId;
  if (rng.chance(0.45)) {
    const fatherId = ids.next('A');
    tables.person.push({
      id: fatherId,
      person_type: 'adult',
      forename: names.forename('M'),
      surname: rng.chance(0.6) ? surname : names.surname(),
      sex: 'M',
      dob: addDays(addYears(child.dob, -(motherAge + rng.int(-3, 10))), -rng.int(0, 364)),
      restricted: false,
    });
    tables.family.push({ id: ids.next('FAM'), family_id: child.familyId, person_id: fatherId });
    tables.relationship.push({ id: ids.next('REL'), person_id: child.id, related_person_id: fatherId, relationship: 'father', lives_with: rng.chance(0.4), parental_responsibility: rng.chance(0.75), start_date: child.dob });
  }
  if (rng.chance(0.12)) {
    const partnerId = ids.next('A');
    tables.person.push({
      id: partnerId,
      person_type: 'adult',
      forename: names.forename('M'),
      surname: names.surname(),
      sex: 'M',
      dob: addDays(addYears(child.dob, -(motherAge + rng.int(-5, 12))), -rng.int(0, 364)),
      restricted: false,
    });
    tables.family.push({ id: ids.next('FAM'), family_id: child.familyId, person_id: partnerId });
    tables.relationship.push({ id: ids.next('REL'), person_id: child.id, related_person_id: partnerId, relationship: 'partner_of_parent', lives_with: true, parental_responsibility: false, start_date: null });
  }
}

/** A date of birth for a child aged `age` (whole years) on `on`. */
export function dobForAge(g: Gen, on: IsoDate, age: number): IsoDate {
  const { cal, rng } = g;
  const latest = cal.addYears(on, -age);
  const earliest = cal.addDays(cal.addYears(on, -(age + 1)), 1);
  return cal.between(earliest, latest, rng.float());
}
