// Tiller's codes as the Annex A template writes them ("a) Male", "q) 6: Police", "N1 - Abuse or neglect").
// The forms follow the Ofsted template as read by SocialFinanceDigitalLabs/liia-tools
// (liiatools/spec/annex_a/data-map.yml) and the SSD's Annex A script (data-to-insight/ssd-data-model,
// AnnexA_sqlserver_v1.2.0): see docs/annex-a.md. A code Tiller does not know is written as it is, never dropped.

const lettered = (codes: string[]): Record<string, string> => Object.fromEntries(codes.map((c, i) => [c, `${String.fromCharCode(97 + i)}) ${c}`]));

export const YES = 'a) Yes';
export const NO = 'b) No';
export const UNKNOWN = 'c) Unknown';

/** a) Yes / b) No, blank when not known. */
export function yesNo(value: boolean | null | undefined): string | null {
  return value === true ? YES : value === false ? NO : null;
}

/** a) Yes / b) No / c) Unknown, for a question that has to be answered. */
export function yesNoUnknown(value: boolean | null | undefined): string {
  return value === true ? YES : value === false ? NO : UNKNOWN;
}

/** From the person's sex (M, F, U): the template's gender. */
export function gender(sex: string | null): string {
  if (sex === 'M') return 'a) Male';
  if (sex === 'F') return 'b) Female';
  return 'c) Not stated/recorded';
}

const ETHNICITY = lettered(['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']);

/** None recorded is "information not yet obtained", as in the CIN census. */
export function ethnicity(code: string | null): string {
  if (code === null || code.trim() === '') return ETHNICITY.NOBT!;
  return ETHNICITY[code.trim().toUpperCase()] ?? `u) ${code}`;
}

const SOURCES: Record<string, string> = {
  '1A': 'a) 1A: Individual', '1B': 'b) 1B: Individual', '1C': 'c) 1C: Individual', '1D': 'd) 1D: Individual',
  '2A': 'e) 2A: Schools', '2B': 'f) 2B: Education services',
  '3A': 'g) 3A: Health services', '3B': 'h) 3B: Health services', '3C': 'i) 3C: Health services', '3D': 'j) 3D: Health services', '3E': 'k) 3E: Health services', '3F': 'l) 3F: Health services',
  '4': 'm) 4: Housing', '5A': 'n) 5A: LA services', '5B': 'o) 5B: LA services', '5C': 'p) 5C: LA services', '5D': 'p1) 5D: LA services',
  '6': 'q) 6: Police', '7': 'r) 7: Other legal agency', '8': 's) 8: Other', '9': 't) 9: Anonymous', '10': 'u) 10: Unknown',
};

/** Contact and referral source; none recorded is "u) 10: Unknown". */
export function source(code: string | null): string {
  if (code === null || code.trim() === '') return SOURCES['10']!;
  return SOURCES[code.trim().toUpperCase()] ?? code;
}

const NEED: Record<string, string> = {
  N1: 'N1 - Abuse or neglect', N2: "N2 - Child's disability", N3: 'N3 - Parental disability or illness', N4: 'N4 - Family in acute stress',
  N5: 'N5 - Family dysfunction', N6: 'N6 - Socially unacceptable behaviour', N7: 'N7 - Low income', N8: 'N8 - Absent parenting',
  N9: 'N9 - Cases other than children in need', N0: 'N0 - Not stated',
};
export function primaryNeed(code: string | null): string | null {
  return code === null ? null : (NEED[code.trim().toUpperCase()] ?? code);
}

const CLOSURE: Record<string, string> = {
  RC1: 'RC1 - Adopted', RC2: 'RC2 - Died', RC3: 'RC3 - Child arrangements order', RC4: 'RC4 - Special guardianship order',
  RC5: 'RC5 - Transferred to services of another local authority', RC6: 'RC6 - Transferred to adult social care services',
  RC7: 'RC7 - Services ceased for any other reason, including child no longer in need', RC8: 'RC8 - Case closed after assessment, no further action',
  RC9: 'RC9 - Case closed after assessment, referred to early help',
};
export function closureReason(code: string | null): string | null {
  return code === null ? null : (CLOSURE[code] ?? code);
}

export const CASE_STATUS = {
  lookedAfter: 'a) Looked after child',
  cpPlan: 'b) Child Protection plan',
  cinPlan: 'c) Child in need plan',
  openAssessment: 'd) Open assessment',
  closed: 'e) Closed episode',
} as const;

const ABUSE: Record<string, string> = { NEG: 'a) Neglect', PHY: 'b) Physical abuse', SAB: 'c) Sexual abuse', EMO: 'd) Emotional abuse', MUL: 'e) Multiple/not recommended' };
export function abuseCategory(code: string | null): string | null {
  return code === null ? null : (ABUSE[code] ?? code);
}

const LEGAL: Record<string, string> = {
  C1: 'C1: ICO', C2: 'C2: FCO', D1: 'D1: Freeing order', E1: 'E1: Placement order', V2: 'V2: Single period under S20',
  L1: 'L1: Police protection LA accommodation', L2: 'L2: EPO', L3: 'L3: Child assessment order LA accommodation',
  J1: 'J1: Remanded to LA or youth detention', J2: 'J2: LA accommodation under PACE', J3: 'J3: Youth rehabilitation order',
  V3: 'V3: Short term breaks, episodes recorded', V4: 'V4: Short term breaks, agreements recorded',
};
export function legalStatus(code: string | null): string | null {
  return code === null ? null : (LEGAL[code] ?? code);
}

/** Tiller's permanence plan codes (SSD care plan answers) in the template's seven groups. */
const PERMANENCE: Record<string, string> = {
  REMAINSUP: 'a) Return to family', RETURN1M: 'a) Return to family', RETURN6M: 'a) Return to family', RETURNEV: 'a) Return to family',
  ADOPTION: 'b) Adoption', LTRELFR: 'c) SGO/CAO', SUPPLIV: 'd) Supported living in the community', RESPLMT: 'e) Long-term residential placement',
  LTFOST18: 'f) Long-term fostering', OTHERPLN: 'g) other',
};
export function permanencePlan(code: string | null): string | null {
  return code === null ? null : (PERMANENCE[code] ?? code);
}

const CEASED: Record<string, string> = {
  E11: 'a) E11: Adopted - application unopposed', E12: 'b) E12: Adopted - consent dispensed', E2: 'c) E2: Died', E3: 'd) E3: Care taken by another LA',
  E4A: 'e) E4A: Returned home to live with parents or relatives - part of planning', E4B: 'f) E4B: Returned home to live with parents or relatives - not part of planning',
  E13: 'g) E13: Parents, relatives or other with no parental responsibility', E41: 'h) E41: Residence order granted',
  E45: 'i) E45: Special Guardianship Orders - former carer relative/friend', E46: 'j) E46: Special Guardianship Orders - former carer other',
  E47: 'k) E47: Special Guardianship Orders - relative/friend', E48: 'l) E48: Special Guardianship Orders - other',
  E5: 'm) E5: Moved into independent living - supported', E6: 'n) E6: Moved into independent living - no support',
  E7: 'o) E7: Transferred to residential care funded by adult social services', E9: 'p) E9: Sentenced to custody', E14: 'q) E14: Accommodation on remand ended',
  E15: 'r) E15: Age assessment determined child was 18 or over', E16: 's) E16: Child moved abroad', E8: 't) E8: Care ceased for any other reason',
  X1: 'u) X1: CodeError', E17: 'v) E17: Aged 18+ and remained with current carers',
};
export function ceasedReason(code: string | null): string | null {
  return code === null ? null : (CEASED[code] ?? code);
}

// K3 and Z11 to Z14 (903 codes from 2025/26) are not in the template lists we hold (liia-tools, SSD
// script 2024): they take the SSD script's form for an inserted code, the letter before and a number
// (as 5D is p1)), K3 after K2 and Z11 to Z14 after Z1. The withdrawn H5, P2 and Z1 keep their letters for
// older records. Check against the current Ofsted template (docs/annex-a.md).
const PLACEMENT: Record<string, string> = {
  U1: 'a) U1: Foster placement - relatives - long term', U2: 'b) U2: Foster placement - relative - FFA', U3: 'c) U3: Foster placement - relative - not FFA',
  U4: 'd) U4: Foster placement - long term', U5: 'e) U5: Foster placement - FFA', U6: 'f) U6: Foster placement - not FFA',
  A3: 'g) A3: Placed for adoption - consent - current foster', A4: 'h) A4: Placed for adoption - consent - not foster',
  A5: 'i) A5: Placed for adoption - order - foster', A6: 'j) A6: Placed for adoption - order - not foster',
  P1: 'k) P1: Placed with parents', P2: 'l) P2: Independent living', P3: 'm) P3: Residential employment', H5: 'n) H5: Residential accommodation',
  K1: "o) K1: Secure Children's Homes", K2: "p) K2: Children's Homes", K3: 'p1) K3: Supported accommodation', R1: 'q) R1: Residential Care Home', R2: 'r) R2: NHS/Health Trust',
  R3: 's) R3: Family Centre or Mother and Baby Unit', R5: 't) R5: Young Offender Institution', S1: 'u) S1: Residential school', Z1: 'v) Z1: Other placements',
  Z11: 'v1) Z11: Other placements', Z12: 'v2) Z12: Other placements', Z13: 'v3) Z13: Other placements', Z14: 'v4) Z14: Other placements',
  T0: 'w) T0: Temporary placement', T1: 'x) T1: Temporary placement - hospital', T2: 'y) T2: Temporary placement - holiday',
  T3: 'z) T3: Temporary placement - carer holiday', T4: 'zz) T4: Temporary placement - seven days or less',
};
export function placementType(code: string | null): string | null {
  return code === null ? null : (PLACEMENT[code] ?? code);
}

const PROVIDER: Record<string, string> = {
  PR0: 'a) PR0: Parents/Parental responsibility', PR1: 'b) PR1: Own provision', PR2: 'c) PR2: Other LA provision',
  PR3: 'd) PR3: Other public provision', PR4: 'e) PR4: Private provision', PR5: 'f) PR5: Voluntary/third sector',
};
export function placementProvider(code: string | null): string | null {
  return code === null ? null : (PROVIDER[code] ?? code);
}

export function placementLocation(inArea: boolean | null): string | null {
  return inArea === true ? 'a) In' : inArea === false ? 'b) Out' : null;
}

const ELIGIBILITY: Record<string, string> = {
  relevant: 'a) Relevant child', 'former relevant': 'b) Former relevant child', qualifying: 'c) Qualifying care leaver', eligible: 'd) Eligible child',
};
export function eligibilityCategory(eligibility: 'relevant' | 'former relevant' | 'qualifying' | 'eligible'): string {
  return ELIGIBILITY[eligibility]!;
}

const IN_TOUCH: Record<string, string> = { YES: 'a) Yes', Y: 'a) Yes', NO: 'b) No', N: 'b) No', DIED: 'c) Died', REFU: 'd) Refu', NREQ: 'e) NREQ', RHOM: 'f) Rhom' };
export function inTouch(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  return IN_TOUCH[value.trim().toUpperCase()] ?? value;
}

const ACCOMMODATION: Record<string, string> = {
  B: 'B: Parents/relatives', C: 'C: Community home/residential care', D: 'D: Semi-independent, transitional accommodation and self-contained accommodation',
  E: 'E: Supported lodgings', G: 'G: Abroad', H: 'H: Deported', K: 'K: Ordinary lodgings, without formal support', R: 'R: Residence not known',
  S: 'S: No fixed abode/homeless', T: 'T: Foyers and similar supported accommodation', U: 'U: Independent living', V: 'V: Emergency accommodation',
  W: 'W: Bed and breakfast', X: 'X: In custody', Y: 'Y: Other accommodation', Z: 'Z: With former foster carers',
};
/** The SSDA903 ACCOM code is a letter and a suitability digit (B1, U2): the template wants the letter. */
export function accommodation(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const letter = value.trim().charAt(0).toUpperCase();
  return ACCOMMODATION[letter] ?? value;
}

/** 1/Suitable, 2/Unsuitable, or the suitability digit of a 903 ACCOM code. */
export function suitability(value: string | null, accommodationCode: string | null): string | null {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '1' || v === 'suitable') return 'a) Suitable';
  if (v === '2' || v === 'unsuitable') return 'b) Unsuitable';
  const digit = (accommodationCode ?? '').trim().charAt(1);
  if (digit === '1') return 'a) Suitable';
  if (digit === '2') return 'b) Unsuitable';
  return null;
}

const ACTIVITY: Record<string, string> = {
  F1: 'F1: Full time in higher education', P1: 'P1: Part time in higher education',
  F2: 'F2: Full time in education other than higher', P2: 'P2: Part time in education other than higher',
  F3: 'F3: Full time in training or employment', P3: 'P3: Part time in training or employment',
  F4: 'F4: Full time in apprenticeship', P4: 'P4: Part time in apprenticeship',
  F5: 'F5: Full time in training or employment (not apprenticeship)', P5: 'P5: Part time in training or employment (not apprenticeship)',
  G4: 'G4: Not in education, employment or training - illness or disability', G5: 'G5: Not in education, employment or training - other',
  G6: 'G6: Not in education, employment or training - pregnancy or parenting',
};
export function activity(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  return ACTIVITY[value.trim().toUpperCase()] ?? value;
}

const NO_LONGER_ADOPTION: Record<string, string> = {
  RD1: 'RD1 - The child’s needs changed subsequent to the decision', RD2: 'RD2 - The Court did not make a placement order',
  RD3: 'RD3 - Prospective adopters could not be found', RD4: 'RD4 - Any other reason',
};
export function noLongerAdoptionReason(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  return NO_LONGER_ADOPTION[value.trim().toUpperCase()] ?? value;
}
