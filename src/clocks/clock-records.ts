// The plain records the clocks are computed from: only the columns a clock needs, camel-cased.
// load-clock-records.ts reads them from the database; tests build them by hand.
import type { IsoDate } from '../platform/calendar/calendar.ts';

export interface PersonRecord {
  id: string;
  dob: IsoDate | null;
  deathDate: IsoDate | null;
}

export interface ContactRecord {
  id: string;
  personId: string;
  contactDate: IsoDate;
  decisionDate: IsoDate | null;
  /** Came from an SSD extract (it carries the outcome as JSON), which has no decision date to measure. */
  fromImport: boolean;
}

export interface ReferralRecord {
  id: string;
  personId: string;
  referralDate: IsoDate;
  closeDate: IsoDate | null;
}

export interface AssessmentRecord {
  cinEpisodeId: string;
  authorisedDate: IsoDate | null;
}

export interface S47EnquiryRecord {
  id: string;
  cinEpisodeId: string;
  personId: string;
  startDate: IsoDate | null;
  /** The strategy discussion that started it, used when the enquiry has no start date. */
  strategyDiscussionDate: IsoDate | null;
  endDate: IsoDate | null;
  icpcRequired: boolean | null;
}

export interface IcpcRecord {
  cinEpisodeId: string;
  s47EnquiryId: string | null;
  conferenceDate: IsoDate | null;
  transferIn: boolean;
}

export interface CpPlanRecord {
  id: string;
  personId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** The date of the ICPC that made the plan, when linked. */
  icpcDate: IsoDate | null;
}

export interface CpReviewRecord {
  cpPlanId: string;
  reviewDate: IsoDate | null;
}

export interface CinPlanRecord {
  id: string;
  personId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface VisitRecord {
  visitType: 'cin' | 'cp' | 'cla';
  personId: string;
  cinPlanId: string | null;
  cpPlanId: string | null;
  periodOfCareId: string | null;
  visitDate: IsoDate;
}

export interface PeriodOfCareRecord {
  id: string;
  personId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface PlacementRecord {
  id: string;
  periodOfCareId: string;
  personId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  placementType: string;
  longTermTo18: boolean;
  /**
   * A regulation 28 variant: weekly visits until the period's first review, then every 6 weeks for a child
   * placed with a parent before the assessment is complete (reg 28(3)), every 4 weeks for a connected person
   * with temporary approval (reg 28(4)). Absent or null: the standard rule.
   */
  visitRegime?: string | null;
  /** The variant stops applying on this date (the connected person approved as a foster carer, say). */
  visitRegimeEndDate?: IsoDate | null;
}

export interface ClaReviewRecord {
  periodOfCareId: string;
  reviewDate: IsoDate | null;
  cancelled: boolean;
}

export interface HealthCheckRecord {
  personId: string;
  checkType: string;
  checkDate: IsoDate;
}

export interface CareLeaverRecord {
  personId: string;
  recordDate: IsoDate | null;
  eligibility: string | null;
  /** SSD clea_pathway_plan_review_date: the previous pathway plan as at the record. */
  pathwayPlanReviewDate: IsoDate | null;
  /** SSD clea_care_leaver_latest_contact: the previous personal adviser contact. */
  latestContact: IsoDate | null;
}

export interface PathwayPlanRecord {
  personId: string;
  planDate: IsoDate;
}

export interface PaContactRecord {
  personId: string;
  contactDate: IsoDate;
}

export interface SupervisionRecord {
  professionalId: string;
  supervisionDate: IsoDate;
}

export interface ProfessionalRecord {
  id: string;
  /** Left the council: the supervision clock stops. */
  endDate: IsoDate | null;
}

export interface ClockRecords {
  persons: PersonRecord[];
  contacts: ContactRecord[];
  referrals: ReferralRecord[];
  assessments: AssessmentRecord[];
  s47Enquiries: S47EnquiryRecord[];
  icpcs: IcpcRecord[];
  cpPlans: CpPlanRecord[];
  cpReviews: CpReviewRecord[];
  cinPlans: CinPlanRecord[];
  visits: VisitRecord[];
  periodsOfCare: PeriodOfCareRecord[];
  placements: PlacementRecord[];
  claReviews: ClaReviewRecord[];
  healthChecks: HealthCheckRecord[];
  careLeavers: CareLeaverRecord[];
  pathwayPlans: PathwayPlanRecord[];
  paContacts: PaContactRecord[];
  supervisions: SupervisionRecord[];
  professionals: ProfessionalRecord[];
}

export function emptyClockRecords(): ClockRecords {
  return {
    persons: [],
    contacts: [],
    referrals: [],
    assessments: [],
    s47Enquiries: [],
    icpcs: [],
    cpPlans: [],
    cpReviews: [],
    cinPlans: [],
    visits: [],
    periodsOfCare: [],
    placements: [],
    claReviews: [],
    healthChecks: [],
    careLeavers: [],
    pathwayPlans: [],
    paContacts: [],
    supervisions: [],
    professionals: [],
  };
}

/** Placement types that are long-term fostering to 18 (903 PLACE U1 and U4). */
export const LONG_TERM_FOSTERING_TYPES: readonly string[] = ['U1', 'U4'];

/** Health checks that are health assessments (dental and optician checks are not). */
export const HEALTH_ASSESSMENT_TYPES: readonly string[] = ['initial_health_assessment', 'review_health_assessment'];
