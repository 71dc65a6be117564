// Code lists for permanence and care leavers, as the SSDA903 and Annex A use them.

/** 903 REASON_PLACED_CEASED / Annex A List 10: why a child should no longer be placed for adoption. */
export const ADOPTION_REVERSAL_REASONS = {
  RD1: 'The child’s needs changed after the decision',
  RD2: 'The court did not make a placement order',
  RD3: 'Prospective adopters could not be found',
  RD4: 'Any other reason',
} as const;

/** 903 IN_TOUCH: whether the council is in touch with the care leaver. */
export const CARE_LEAVER_IN_TOUCH = {
  YES: 'In touch',
  NO: 'Not in touch',
  DIED: 'Died',
  REFU: 'Young person refuses contact',
  NREQ: 'No longer requires services',
  RHOM: 'Returned home to parents for 6 months or more',
} as const;

/** 903 ACTIV: the care leaver's main activity. F = full time, P = part time. */
export const CARE_LEAVER_ACTIVITY = {
  F1: 'Full-time higher education',
  P1: 'Part-time higher education',
  F2: 'Full-time education other than higher education',
  P2: 'Part-time education other than higher education',
  F4: 'Full-time apprenticeship or training',
  P4: 'Part-time apprenticeship or training',
  F5: 'Full-time employment',
  P5: 'Part-time employment',
  G4: 'Not in education, employment or training: illness or disability',
  G5: 'Not in education, employment or training: other reasons',
  G6: 'Not in education, employment or training: pregnancy or parenting',
} as const;

/** 903 ACCOM (the letter; the suitability is recorded beside it). */
export const CARE_LEAVER_ACCOMMODATION = {
  B: 'With parents or relatives',
  C: 'Community home or other form of residential care',
  D: 'Semi-independent, transitional accommodation',
  E: 'Supported lodgings',
  G: 'Gone abroad',
  H: 'Deported',
  K: 'Ordinary lodgings, without formal support',
  R: 'Residence not known',
  S: 'No fixed abode or homeless',
  T: 'Foyers and similar supported accommodation',
  U: 'Independent living',
  V: 'Emergency accommodation',
  W: 'Bed and breakfast',
  X: 'In custody',
  Y: 'Other accommodation',
  Z: 'With former foster carers (staying put)',
} as const;

/** Foster household approval types. */
export const FOSTER_APPROVAL_TYPES = {
  mainstream: 'Mainstream foster carers',
  connected_person: 'Connected person (family and friends) foster carers',
  fostering_for_adoption: 'Fostering for adoption / concurrent planning',
  short_break: 'Short-break foster carers',
  parent_and_child: 'Parent and child foster carers',
} as const;

/** The regulation 28 visit variants a placement may have (null is the standard rule). */
export const VISIT_REGIMES = {
  parent_before_assessment: 'Placed with a parent before the assessment is complete (reg 19): weekly until the first review, then every 6 weeks',
  connected_person_temporary: 'Connected person with temporary approval (reg 24): weekly until the first review, then every 4 weeks',
} as const;

/** Foster placement types (903 PLACE U1–U6): those an in-house foster household can provide. */
export const FOSTER_PLACEMENT_TYPES: ReadonlySet<string> = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
/** Foster placements with a relative or friend (connected person). */
export const CONNECTED_PERSON_TYPES: ReadonlySet<string> = new Set(['U1', 'U2', 'U3']);
