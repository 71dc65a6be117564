// How often each code and duration occurs in the demo council. Shares follow the national figures in
// reference/data-standards.md §4 and reference/inspection-and-timescales.md §4 where they exist, and
// plausible practice elsewhere. Code lists themselves live in src/platform/codes.ts; the few 903 care
// leaver and adoption codes that list does not carry yet are spelled out here.
import type {
  ASSESSMENT_FACTORS,
  CP_CATEGORIES,
  ETHNICITY,
  PLACEMENT_CHANGE_REASONS,
  PRIMARY_NEED,
  REFERRAL_SOURCES,
  REVIEW_PARTICIPATION,
  WORKER_CHANGE_REASONS,
} from '../platform/codes.ts';
import { WeightTable } from './random.ts';

type Weights<T> = Partial<Record<keyof T & string, number>>;

/** Children in need by ethnicity (CIN census shares, rounded). */
export const ETHNICITY_WEIGHTS = new WeightTable({
  WBRI: 63, WIRI: 0.4, WIRT: 0.3, WOTH: 6, WROM: 0.9, MWBC: 2.6, MWBA: 1.1, MWAS: 1.2, MOTH: 3.2,
  AIND: 1.3, APKN: 3.1, ABAN: 1.1, AOTH: 1.6, BCRB: 1.1, BAFR: 4, BOTH: 1.2, CHNE: 0.2, OOTH: 3.1, REFU: 0.5, NOBT: 3,
} as const satisfies Weights<typeof ETHNICITY>);

/** Referral sources: police 28%, schools 21% (2025), health about 14%. */
export const REFERRAL_SOURCE_WEIGHTS = new WeightTable({
  '1A': 4.5, '1B': 0.8, '1C': 2, '1D': 1, '2A': 21, '2B': 1.5, '3A': 2.2, '3B': 2.8, '3C': 0.8, '3D': 2, '3E': 3, '3F': 4,
  '4': 2, '5A': 4, '5B': 3, '5C': 1.5, '5D': 2, '6': 28, '7': 2, '8': 5.5, '9': 2.5, '10': 0.9,
} as const satisfies Weights<typeof REFERRAL_SOURCES>);

/** Primary need of referrals that go on to further action (CIN at 31 March shares). */
export const PRIMARY_NEED_WEIGHTS = new WeightTable({
  N1: 56, N2: 9, N3: 4, N4: 9, N5: 16, N6: 2.5, N7: 0.5, N8: 2, N9: 1,
} as const satisfies Weights<typeof PRIMARY_NEED>);

/** Initial category of abuse: about half neglect, a third emotional abuse. */
export const CP_CATEGORY_WEIGHTS = { NEG: 50, EMO: 33, PHY: 7, SAB: 3.5, MUL: 6.5 } as const satisfies Weights<typeof CP_CATEGORIES>;

/** Factors identified at assessment: share of completed assessments naming each (CIN census, rounded). */
export const ASSESSMENT_FACTOR_WEIGHTS = new WeightTable({
  '3B': 30, '3A': 22, '4B': 24, '17A': 20, '16A': 17, '4A': 14, '2B': 11, '1B': 10, '14A': 6, '15A': 5,
  '5B': 4, '5A': 4, '6B': 3, '6A': 3, '10A': 3, '11A': 2.5, '24A': 3, '13A': 2, '18C': 4, '18B': 1.5, '19C': 2,
  '19B': 1, '2A': 2, '1A': 1, '7A': 1.2, '3C': 2, '2C': 1, '1C': 0.8, '4C': 1, '20': 6, '22A': 0.2, '23A': 0.2, '12A': 0.3,
} as const satisfies Weights<typeof ASSESSMENT_FACTORS>);

/**
 * Assessment duration in working days, start to authorisation (DfE C2, England 2025): same day 1.8%,
 * 1–10 11.7%, 11–20 17.3%, 21–30 15.8%, 31–40 20.2%, 41–45 18.9%, 46–50 5.8%, 51–60 4.3%, 61+ 4.2%.
 * Median 33, 85.7% within 45.
 */
export const ASSESSMENT_DURATION_BANDS: readonly [min: number, max: number, share: number][] = [
  [0, 0, 1.8], [1, 10, 11.7], [11, 20, 17.3], [21, 30, 15.8], [31, 40, 20.2], [41, 45, 18.9], [46, 50, 5.8], [51, 60, 4.3], [61, 110, 4.2],
];

/** Working days from S47 start to ICPC (DfE C4, 2025): 0–10 8.7%, 11–15 72.7%, 16–20 8.9%, 21+ 9.7%. */
export const ICPC_DELAY_BANDS: readonly [min: number, max: number, share: number][] = [
  [6, 10, 8.7], [11, 15, 72.7], [16, 20, 8.9], [21, 35, 9.7],
];

/** Age at referral (years), by band: under 1, 1–4, 5–9, 10–15, 16–17. */
export const REFERRAL_AGE_BANDS: readonly [min: number, max: number, share: number][] = [
  [0, 0, 10], [1, 4, 20], [5, 9, 26], [10, 15, 34], [16, 17, 10],
];

/** Age at entry to care (CLA starts, England): under 1 19%, 1–4 14%, 5–9 15%, 10–15 32%, 16+ 20%. */
export const CARE_ENTRY_AGE_BANDS: readonly [min: number, max: number, share: number][] = [
  [0, 0, 19], [1, 4, 14], [5, 9, 15], [10, 15, 32], [16, 17, 20],
];

export const PLACEMENT_CHANGE_REASON_WEIGHTS = {
  CARPL: 34, CREQB: 14, CREQO: 10, CHILD: 9, LAREQ: 8, STAND: 4, ALLEG: 3, CLOSE: 4, APPRR: 1, CUSTOD: 2, OTHER: 11,
} as const satisfies Weights<typeof PLACEMENT_CHANGE_REASONS>;

/** Review participation for children aged 4 and over (PN0 is for under-4s). */
export const REVIEW_PARTICIPATION_WEIGHTS = {
  PN1: 45, PN2: 5, PN3: 4, PN4: 8, PN5: 10, PN6: 14, PN7: 14,
} as const satisfies Weights<typeof REVIEW_PARTICIPATION>;

/** Why a child's allocated worker changed, other than the worker leaving (903 SW_REASON). */
export const WORKER_CHANGE_WEIGHTS = {
  MANAGE: 40, ORGRST: 15, ABSENC: 15, CHCHAN: 6, PCCHAN: 6, OTHERS: 18,
} as const satisfies Weights<typeof WORKER_CHANGE_REASONS>;

// ---------------------------------------------------------------- 903 care leaver codes (OC3)
/** IN_TOUCH. */
export const CARE_LEAVER_IN_TOUCH = { YES: 90, NO: 4, REFU: 2, NREQ: 2.5, RHOM: 1.5 } as const;
/** ACCOM letters with the share of each that is suitable. */
export const CARE_LEAVER_ACCOMMODATION: Readonly<Record<string, [weight: number, suitable: number]>> = {
  B: [14, 0.9], // with parents or relatives
  D: [12, 0.92], // semi-independent, transitional
  E: [5, 0.95], // supported lodgings
  K: [4, 0.8], // ordinary lodgings, no support
  T: [3, 0.9], // foyer
  U: [34, 0.93], // independent living
  V: [2, 0.3], // emergency accommodation
  W: [0.8, 0.1], // bed and breakfast
  X: [2, 0], // in custody (always unsuitable: the DfE has no X1)
  Y: [6, 0.85], // other
  Z: [12, 1], // with former foster carers (staying put)
  S: [0.7, 0], // no fixed abode
  R: [1.5, 0.5], // residence not known
};
/** ACTIV: education, employment or training (F/P 1–5) or not (G4–G6). EET about 55–64%. */
export const CARE_LEAVER_ACTIVITY = { F1: 6, P1: 1, F2: 24, P2: 3, F4: 5, P4: 1, F5: 16, P5: 7, G4: 8, G5: 22, G6: 7 } as const;
/** SEX_ADOPTR. */
export const ADOPTER_SEX = { MF: 72, FF: 8, MM: 6, F1: 12, M1: 2 } as const;
/** REASON_PLACED_CEASED. */
export const ADOPTION_REVERSED_REASONS = { RD1: 35, RD2: 10, RD3: 35, RD4: 20 } as const;
/** SDQ_REASON when no score is returned. */
export const SDQ_NO_SCORE_REASONS = { SDQ2: 30, SDQ3: 20, SDQ4: 25, SDQ5: 25 } as const;
