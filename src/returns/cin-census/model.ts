// The CIN census as a typed model: what the XML holds, child by child. Property names are the DfE's
// element names, so a finding's field is the element a council would look for in the file.
//
// Values are kept as the file (or the builder) gives them: dates as ISO `YYYY-MM-DD` strings, codes and
// flags as text. Nothing is coerced, so a rule can report a missing or invalid code rather than the
// reader hiding it. `null` means the element is absent (or empty).
import type { IsoDate } from '../../platform/calendar/calendar.ts';

export interface CinCensus {
  header: CensusHeader;
  children: CensusChild[];
}

export interface CensusHeader {
  Collection: string | null;
  Year: string | null;
  ReferenceDate: IsoDate | null;
  SourceLevel: string | null;
  LEA: string | null;
  SoftwareCode: string | null;
  Release: string | null;
  SerialNo: string | null;
  DateTime: string | null;
}

export interface CensusChild {
  LAchildID: string | null;
  UPN: string | null;
  FormerUPN: string | null;
  UPNunknown: string | null;
  PersonBirthDate: IsoDate | null;
  ExpectedPersonBirthDate: IsoDate | null;
  /** M, F or U from 2024/25 (it replaced GenderCurrent). */
  Sex: string | null;
  PersonDeathDate: IsoDate | null;
  Ethnicity: string | null;
  /** Disability codes; empty when the file has no Disabilities element. */
  Disabilities: string[];
  CINdetails: CinDetails[];
}

export interface CinDetails {
  CINreferralDate: IsoDate | null;
  ReferralSource: string | null;
  PrimaryNeedCode: string | null;
  CINclosureDate: IsoDate | null;
  ReasonForClosure: string | null;
  /** An initial conference that followed no section 47 enquiry in this episode (a transfer-in, say). */
  DateOfInitialCPC: IsoDate | null;
  Assessments: Assessment[];
  CINPlanDates: CinPlanDates[];
  Section47: Section47[];
  /** As written: true, false, 1 or 0 (any case) are valid. */
  ReferralNFA: string | null;
  ChildProtectionPlans: ChildProtectionPlan[];
}

export interface Assessment {
  AssessmentActualStartDate: IsoDate | null;
  AssessmentInternalReviewDate: IsoDate | null;
  AssessmentAuthorisationDate: IsoDate | null;
  AssessmentFactors: string[];
}

export interface CinPlanDates {
  CINPlanStartDate: IsoDate | null;
  CINPlanEndDate: IsoDate | null;
}

export interface Section47 {
  S47ActualStartDate: IsoDate | null;
  InitialCPCtarget: IsoDate | null;
  DateOfInitialCPC: IsoDate | null;
  ICPCnotRequired: string | null;
}

export interface ChildProtectionPlan {
  CPPstartDate: IsoDate | null;
  CPPendDate: IsoDate | null;
  InitialCategoryOfAbuse: string | null;
  LatestCategoryOfAbuse: string | null;
  /** As written; a whole number of 0 or more is valid. */
  NumberOfPreviousCPP: string | null;
  /** One entry per CPPreviewDate; `null` for an empty one. */
  Reviews: Array<IsoDate | null>;
}

/** The DfE's name for the part of the return a rule is filed under. */
export type CinModule =
  | 'Header'
  | 'ChildIdentifiers'
  | 'ChildCharacteristics'
  | 'Disabilities'
  | 'CINdetails'
  | 'Assessments'
  | 'CINplanDates'
  | 'Section47'
  | 'ChildProtectionPlans'
  | 'Reviews';

export type RuleType = 'Error' | 'Query';

/** One problem found by one rule: for a child (or the whole return when `childId` is null). */
export interface Finding {
  rule: string;
  type: RuleType;
  module: CinModule;
  /** LAchildID; null for a rule about the return as a whole (LA level). */
  childId: string | null;
  /** The element the problem is in. */
  field: string;
  message: string;
  /** Which CINdetails of the child, counting from 1 in file order. */
  cinDetailsIndex?: number;
  /** Where inside the CINdetails, e.g. `Assessments 2` or `ChildProtectionPlans 1, review 3`. */
  location?: string;
  /** The offending value, when there is one. */
  value?: string;
}

/** `true`/`1` (any case). */
export function isYes(flag: string | null): boolean {
  if (flag === null) return false;
  const f = flag.trim().toLowerCase();
  return f === 'true' || f === '1';
}

/** `false`/`0` (any case). */
export function isNo(flag: string | null): boolean {
  if (flag === null) return false;
  const f = flag.trim().toLowerCase();
  return f === 'false' || f === '0';
}

/** An empty child, for tests and the reader to fill in. */
export function emptyChild(LAchildID: string | null): CensusChild {
  return {
    LAchildID,
    UPN: null,
    FormerUPN: null,
    UPNunknown: null,
    PersonBirthDate: null,
    ExpectedPersonBirthDate: null,
    Sex: null,
    PersonDeathDate: null,
    Ethnicity: null,
    Disabilities: [],
    CINdetails: [],
  };
}

export function emptyCinDetails(): CinDetails {
  return {
    CINreferralDate: null,
    ReferralSource: null,
    PrimaryNeedCode: null,
    CINclosureDate: null,
    ReasonForClosure: null,
    DateOfInitialCPC: null,
    Assessments: [],
    CINPlanDates: [],
    Section47: [],
    ReferralNFA: null,
    ChildProtectionPlans: [],
  };
}
