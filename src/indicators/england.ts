// England values for the indicators, for "against England" on dashboards and in the report (issue 6,
// item 2). From reference/inspection-and-timescales.md §4.3: the DfE CSC National Framework dashboard's
// data-raw files (S5) unless a note says otherwise. A year is the DfE's: for children in need, child
// protection and children looked after the year ending 31 March; for the workforce the census at
// 30 September of that year. Only rates and shares are given: a council's counts are not comparable
// with England's.

export interface EnglandValue {
  /** The DfE year the value is for (see above). */
  year: number;
  value: number;
  note?: string;
}

export const ENGLAND: Readonly<Record<string, readonly EnglandValue[]>> = {
  referral_rate_per_10k: [
    { year: 2024, value: 515.7, note: 'computed: referrals ÷ the 903 file population' },
    { year: 2025, value: 519.4, note: 'computed: referrals ÷ the 903 file population' },
  ],
  rereferrals_12m_pct: [
    { year: 2023, value: 22.4 },
    { year: 2024, value: 22.4 },
    { year: 2025, value: 22.6 },
  ],
  referrals_nfa_pct: [
    { year: 2023, value: 7.1 },
    { year: 2024, value: 6.3 },
    { year: 2025, value: 6.5 },
  ],
  assessments_within_45wd_pct: [{ year: 2025, value: 85.7, note: 'CIN census C2 (S16); median 33 working days' }],
  icpc_within_15wd_pct: [
    { year: 2023, value: 78.5, note: 'CIN census C4 (S16)' },
    { year: 2025, value: 81.4, note: 'CIN census C4 (S16); median 14 working days' },
  ],
  cpp_repeat_pct: [
    { year: 2023, value: 23.6 },
    { year: 2024, value: 24.7 },
    { year: 2025, value: 24.5 },
  ],
  cpp_2yrs_plus_pct: [
    { year: 2023, value: 2.2 },
    { year: 2024, value: 2.6 },
    { year: 2025, value: 2.3 },
  ],
  cin_rate_per_10k: [{ year: 2025, value: 330, note: 'approximate: CIN episodes at 31 March ÷ population, computed in §4.3' }],
  cla_rate_per_10k: [
    { year: 2024, value: 69 },
    { year: 2025, value: 67 },
  ],
  cla_3plus_placements_pct: [
    { year: 2024, value: 11 },
    { year: 2025, value: 10 },
  ],
  cla_long_term_stability_pct: [
    { year: 2024, value: 68 },
    { year: 2025, value: 69 },
  ],
  cla_3plus_social_workers_pct: [{ year: 2024, value: 27 }],
  care_leavers_17_18_suitable_accom_pct: [{ year: 2025, value: 91 }],
  care_leavers_19_21_suitable_accom_pct: [{ year: 2025, value: 89 }],
  care_leavers_17_18_eet_pct: [{ year: 2025, value: 64 }],
  care_leavers_19_21_eet_pct: [{ year: 2025, value: 54 }],
  workforce_turnover_pct: [
    { year: 2023, value: 15.9 },
    { year: 2024, value: 13.9 },
    { year: 2025, value: 11.8 },
  ],
  workforce_agency_pct: [
    { year: 2023, value: 17.9 },
    { year: 2024, value: 16.2 },
    { year: 2025, value: 13.0 },
  ],
  workforce_vacancy_pct: [
    { year: 2023, value: 18.9 },
    { year: 2024, value: 17.3 },
    { year: 2025, value: 14.2 },
  ],
  // The DfE's caseload is per FTE; it compares with avg_caseload_fte, not the headcount avg_caseload.
  avg_caseload_fte: [
    { year: 2023, value: 16.0 },
    { year: 2024, value: 15.4 },
    { year: 2025, value: 15.2 },
  ],
};

/** The latest England value for an indicator, if there is one. */
export function latestEnglandValue(id: string): EnglandValue | undefined {
  return ENGLAND[id]?.at(-1);
}
