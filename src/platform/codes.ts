// DfE code lists (CIN census, SSDA903), with short labels for pages. One place for every code Tiller
// validates or shows; returns and imports check against these.

type CodeList = Readonly<Record<string, string>>;

export const REFERRAL_SOURCES = {
  '1A': 'Individual – family member, relative or carer',
  '1B': 'Individual – acquaintance',
  '1C': 'Individual – self',
  '1D': 'Individual – other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health – GP',
  '3B': 'Health – health visitor',
  '3C': 'Health – school nurse',
  '3D': 'Health – other primary health',
  '3E': 'Health – A&E',
  '3F': 'Health – other',
  '4': 'Housing',
  '5A': 'LA services – social care',
  '5B': 'LA services – other internal',
  '5C': 'LA services – external',
  '5D': 'LA services – early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
} as const satisfies CodeList;

export const PRIMARY_NEED = {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
  N0: 'Not stated',
} as const satisfies CodeList;

export const CLOSURE_REASONS = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to another local authority',
  RC6: 'Transferred to adult social care',
  RC7: 'Services ceased for any other reason',
  RC8: 'Closed after assessment, no further action',
  RC9: 'Closed after assessment, referred to early help',
} as const satisfies CodeList;

export const CP_CATEGORIES = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple',
} as const satisfies CodeList;

export const ASSESSMENT_FACTORS = {
  '1A': 'Alcohol misuse – child', '1B': 'Alcohol misuse – parent or carer', '1C': 'Alcohol misuse – another person in the household',
  '2A': 'Drug misuse – child', '2B': 'Drug misuse – parent or carer', '2C': 'Drug misuse – another person in the household',
  '3A': 'Domestic abuse – child', '3B': 'Domestic abuse – parent or carer', '3C': 'Domestic abuse – another person in the household',
  '4A': 'Mental health – child', '4B': 'Mental health – parent or carer', '4C': 'Mental health – another person in the household',
  '5A': 'Learning disability – child', '5B': 'Learning disability – parent or carer', '5C': 'Learning disability – another person in the household',
  '6A': 'Physical disability or illness – child', '6B': 'Physical disability or illness – parent or carer', '6C': 'Physical disability or illness – another person in the household',
  '7A': 'Young carer',
  '8B': 'Privately fostered – overseas, intends to return', '8C': 'Privately fostered – overseas, intends to stay', '8D': 'Privately fostered – UK, educational placement',
  '8E': 'Privately fostered – UK, alternative family arrangement', '8F': 'Privately fostered – other',
  '9A': 'Unaccompanied asylum-seeking child', '10A': 'Going or being missing', '11A': 'Child sexual exploitation', '12A': 'Trafficking', '13A': 'Gangs',
  '14A': 'Socially unacceptable behaviour', '15A': 'Self-harm', '16A': 'Neglect', '17A': 'Emotional abuse',
  '18B': 'Physical abuse – child on child', '18C': 'Physical abuse – adult on child', '19B': 'Sexual abuse – child on child', '19C': 'Sexual abuse – adult on child',
  '20': 'Other', '21': 'No factors identified', '22A': 'Female genital mutilation', '23A': 'Abuse linked to faith or belief', '24A': 'Child criminal exploitation',
} as const satisfies CodeList;

export const ETHNICITY = {
  WBRI: 'White British', WIRI: 'White Irish', WIRT: 'Traveller of Irish heritage', WOTH: 'Any other White background', WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean', MWBA: 'White and Black African', MWAS: 'White and Asian', MOTH: 'Any other mixed background',
  AIND: 'Indian', APKN: 'Pakistani', ABAN: 'Bangladeshi', AOTH: 'Any other Asian background',
  BCRB: 'Caribbean', BAFR: 'African', BOTH: 'Any other Black background', CHNE: 'Chinese', OOTH: 'Any other ethnic group',
  REFU: 'Refused', NOBT: 'Information not yet obtained',
} as const satisfies CodeList;

export const DISABILITY = {
  NONE: 'No disability', MOB: 'Mobility', HAND: 'Hand function', PC: 'Personal care', INC: 'Incontinence', COMM: 'Communication',
  LD: 'Learning', HEAR: 'Hearing', VIS: 'Vision', BEH: 'Behaviour', CON: 'Consciousness', AUT: 'Autism', DDA: 'Other',
} as const satisfies CodeList;

export const SEX = { M: 'Male', F: 'Female', U: 'Unknown or not recorded' } as const satisfies CodeList;

/** UPN unknown reasons. UN1, UN4 and UN7 read as the DfE rules 209, 210 and 8772 use them; UN6 (unborn) is our
 *  reading of the CIN census guide and is not used by any rule. */
export const UPN_UNKNOWN = {
  UN1: 'Child is aged under 6 and not yet registered at school', UN2: 'Child has never attended a state school in England', UN3: 'Child is educated outside England',
  UN4: 'Child is new to the council and the UPN has not yet been obtained', UN5: 'Sources collating UPNs reflect a discrepancy', UN6: 'Child is unborn',
  UN7: 'Referral with no further action',
} as const satisfies CodeList;

/** 903 legal status (LS). V3 and V4 are short breaks. */
export const LEGAL_STATUS = {
  C1: 'Interim care order', C2: 'Full care order', D1: 'Freeing order granted', E1: 'Placement order granted',
  J1: 'Remanded to LA accommodation or youth detention', J2: 'Placed in LA accommodation under PACE', J3: 'Sentenced to a youth rehabilitation order with residence or fostering',
  L1: 'Police protection, in LA accommodation', L2: 'Emergency protection order', L3: 'Child assessment order, away from home',
  V2: 'Single period of accommodation under section 20', V3: 'Accommodated under an agreed series of short breaks', V4: 'Accommodated under an agreed series of short breaks (individual breaks)',
} as const satisfies CodeList;

/** 903 reason for new episode (RNE). */
export const REASON_NEW_EPISODE = {
  S: 'Started to be looked after', L: 'Change of legal status only', P: 'Change of placement and carer(s) only',
  T: 'Change of placement only, same carer(s)', U: 'Change of legal status and of placement and carer(s) at the same time',
  B: 'Change of legal status and of placement, same carer(s)',
} as const satisfies CodeList;

/**
 * 903 placement type (PLACE) as the return has it from 2025/26: what the forms offer and accept. K3
 * (supported accommodation, registered with Ofsted under the Supported Accommodation (England) Regulations
 * 2023) replaced H5; Z1 (other placements) was split into Z11 to Z14; P2 (independent living) went.
 * Z11 to Z14 carry neutral labels: the DfE guide's wording for them was not available to us, so check
 * them against the DfE's SSDA903 guide for 2025/26 (docs/children-in-care.md, "Placement type codes").
 */
export const PLACEMENT_TYPES = {
  A3: 'Placed for adoption with parental consent with current foster carer', A4: 'Placed for adoption with parental consent not with current foster carer',
  A5: 'Placed for adoption with placement order with current foster carer', A6: 'Placed for adoption with placement order not with current foster carer',
  K1: 'Secure children’s home', K2: 'Children’s home',
  K3: 'Supported accommodation (registered with Ofsted under the Supported Accommodation (England) Regulations 2023)',
  P1: 'Placed with own parent(s) or other person(s) with parental responsibility', P3: 'Residential employment',
  R1: 'Residential care home', R2: 'NHS/health trust or other establishment providing medical or nursing care', R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison', S1: 'All residential schools, except where dual-registered as a school and children’s home',
  T0: 'Temporary placement: all types', T1: 'Temporary periods in hospital', T2: 'Temporary absences of the child on holiday', T3: 'Temporary accommodation whilst normal foster carer is on holiday', T4: 'Temporary accommodation of seven days or less',
  U1: 'Foster placement with relative or friend – long-term fostering', U2: 'Foster placement with relative or friend who is also an approved adopter – FFA/CP',
  U3: 'Foster placement with relative or friend who is not long-term or FFA/CP', U4: 'Foster placement with other foster carer – long-term fostering',
  U5: 'Foster placement with other foster carer who is also an approved adopter – FFA/CP', U6: 'Foster placement with other foster carer – not long-term or FFA/CP',
  Z11: 'Other placement (DfE code Z11)', Z12: 'Other placement (DfE code Z12)', Z13: 'Other placement (DfE code Z13)', Z14: 'Other placement (DfE code Z14)',
} as const satisfies CodeList;

/**
 * Placement types withdrawn from the 903 in 2025/26, with their old labels: older records and SSD imports
 * still hold them, so they display and import, but a form refuses them for a new placement (with
 * LEGACY_PLACEMENT_MESSAGES). The 2025/26 return writes H5 as K3; P2 and Z1 go out as they are and the
 * return's rule 146 reports them, since which current code they become needs a person to decide.
 */
export const LEGACY_PLACEMENT_TYPES = {
  H5: 'Semi-independent living accommodation not subject to children’s homes regulations',
  P2: 'Independent living',
  Z1: 'Other placements',
} as const satisfies CodeList;

/** Why a form refuses each withdrawn code, and what to choose instead. */
export const LEGACY_PLACEMENT_MESSAGES: Readonly<Record<keyof typeof LEGACY_PLACEMENT_TYPES, string>> = {
  H5: 'H5 (semi-independent living) is not a placement type from 2025/26: choose K3 if the child is in supported accommodation',
  P2: 'P2 (independent living) is not a placement type from 2025/26: choose the type that describes where the child lives',
  Z1: 'Z1 (other placements) is not a placement type from 2025/26: choose one of Z11 to Z14',
};

/** Every placement type Tiller may hold, current and withdrawn, in code order: for display and imports. */
export const ALL_PLACEMENT_TYPES: CodeList = Object.fromEntries(
  Object.entries({ ...PLACEMENT_TYPES, ...LEGACY_PLACEMENT_TYPES }).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
);

/** 903 placement types renamed in 2025/26, written with their new code in the return (H5 is now K3). */
export const RENAMED_PLACEMENT_TYPES: Readonly<Record<string, string>> = { H5: 'K3' };

/**
 * Placement types that are unregistered provision when the Ofsted URN is XXXXXXX (none): a children's home
 * (K2), supported accommodation (K3, which must be registered with Ofsted; H5 for older records) and a
 * residential care home (R1).
 */
export const UNREGISTERED_IF_NO_URN: ReadonlySet<string> = new Set(['K2', 'K3', 'H5', 'R1']);

/** Placement types that are long-term fostering: the regulation 28 three-month visit variant applies after the first year. */
export const LONG_TERM_FOSTERING: ReadonlySet<string> = new Set(['U1', 'U4']);

export const PLACEMENT_PROVIDERS = {
  PR0: 'Parent(s) or other person(s) with parental responsibility', PR1: 'Own provision (by the LA)', PR2: 'Other LA provision',
  PR3: 'Other public provision (e.g. by a PCT etc)', PR4: 'Private provision', PR5: 'Voluntary/third sector provision',
} as const satisfies CodeList;

/** 903 reason for placement change. */
export const PLACEMENT_CHANGE_REASONS = {
  ALLEG: 'Allegation (s47)', APPRR: 'Approval removed', CARPL: 'Change to/implementation of care plan', CHILD: 'Child requests placement end',
  CLOSE: 'Resignation/closure of provision', CREQB: 'Carer(s) requests placement end due to child’s behaviour', CREQO: 'Carer(s) requests placement end other than due to child’s behaviour',
  CUSTOD: 'Custody arrangement', LAREQ: 'Responsible/area authority requests placement end', OTHER: 'Other', PLACE: 'Change in the status of placement only',
  STAND: 'Standards of care concern',
} as const satisfies CodeList;

/** 903 reason episode ceased (REC). */
export const CARE_CEASED_REASONS = {
  E11: 'Adopted – application unopposed', E12: 'Adopted – consent dispensed with by the court', E13: 'Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility',
  E14: 'Accommodation on remand ended', E15: 'Age assessment determined child is aged 18 or over', E16: 'Child moved abroad', E17: 'Aged 18 (or over) and remained with current carers (staying put)',
  E2: 'Died', E3: 'Care taken over by another LA in the UK', E41: 'Residence order (or child arrangement order) granted', E45: 'Special guardianship order made to former foster carer(s)',
  E46: 'Special guardianship order made to carer(s) other than former foster carer(s)', E47: 'Special guardianship order made to former foster carer(s) who were relative(s) or friend(s)',
  E48: 'Special guardianship order made to carer(s) other than former foster carer(s), who were relative(s) or friend(s)',
  E4A: 'Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility as part of the care planning process',
  E4B: 'Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility not as part of the care planning process',
  E5: 'Moved into independent living arrangement and no longer looked-after: supportive accommodation', E6: 'Moved into independent living arrangement and no longer looked-after: without formalised support',
  E7: 'Transferred to residential care funded by adult social care', E8: 'Period of being looked-after ceased for any other reason', E9: 'Sentenced to custody',
  X1: 'Episode ceases, and new episode begins on same day, for any reason',
} as const satisfies CodeList;

/** 903 review participation (REVIEW_CODE). */
export const REVIEW_PARTICIPATION = {
  PN0: 'Child aged under 4 at the time of the review', PN1: 'Child physically attends and speaks for themselves', PN2: 'Child physically attends, an advocate speaks',
  PN3: 'Child attends, conveys views symbolically (non-verbally)', PN4: 'Child physically attends but does not speak for themselves',
  PN5: 'Child does not attend physically but briefs an advocate', PN6: 'Child does not attend but conveys feelings by a facilitative medium', PN7: 'Child does not attend nor are views conveyed',
} as const satisfies CodeList;

/** 903 social worker change reason (SW_REASON). */
export const WORKER_CHANGE_REASONS = {
  MANAGE: 'Management decision', FCONTA: 'Worker’s fixed-term or agency contract ended', LEFTRL: 'Worker left the role', ORGRST: 'Organisational restructure', TSPROC: 'Transition between processes',
  ABSENC: 'Worker absence', CHCHAN: 'Child’s request', PCCHAN: 'Parent or carer’s request', SWDIED: 'Worker died', OTHERS: 'Other',
} as const satisfies CodeList;

export type CodeOf<T extends CodeList> = keyof T & string;

export function isCode<T extends CodeList>(list: T, value: unknown): value is CodeOf<T> {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(list, value);
}

/** Options for a GOV.UK select or radios: `[{ value, text }]`. */
export function codeOptions(list: CodeList): Array<{ value: string; text: string }> {
  return Object.entries(list).map(([value, text]) => ({ value, text: `${value} – ${text}` }));
}

// ------------------------------------------------------------ permanence, care leavers, fostering (SSDA903, Annex A)

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
