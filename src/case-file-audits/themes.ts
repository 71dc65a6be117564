// The themes a finding is tagged with, so that the same shortfall seen in many audits shows as one
// recurring theme; each names the indicators that measure the same ground (the themes report shows
// their values beside the theme, and an improvement action may cite a theme as evidence).
// The list follows what Ofsted reports and the reference notes name again and again (§4.5): oversight,
// supervision, assessment, planning, visits, the child's voice, risk, permanence, care leavers' support.

export interface AuditTheme {
  code: string;
  label: string;
  indicators: readonly string[];
}

export const AUDIT_THEMES: readonly AuditTheme[] = [
  { code: 'management_oversight', label: 'Management oversight', indicators: [] },
  { code: 'supervision', label: 'Supervision', indicators: ['avg_caseload', 'avg_caseload_fte'] },
  { code: 'front_door_decisions', label: 'Front door decisions and thresholds', indicators: ['rereferrals_12m_pct', 'referrals_nfa_pct', 'repeat_contact_nfa_children_count'] },
  { code: 'assessment_quality', label: 'Quality and timeliness of assessment', indicators: ['assessments_within_45wd_pct'] },
  { code: 'risk_analysis', label: 'Risk identification and analysis', indicators: ['rereferrals_12m_pct', 'cpp_repeat_pct'] },
  { code: 'planning', label: 'Plans (specific, outcome-focused, reviewed)', indicators: ['cpp_2yrs_plus_pct', 'cpp_repeat_pct'] },
  { code: 'child_protection_timeliness', label: 'Child protection timeliness', indicators: ['icpc_within_15wd_pct'] },
  { code: 'visits', label: 'Visits (regular, purposeful, child seen alone)', indicators: [] },
  { code: 'voice_of_child', label: 'Voice and experience of the child', indicators: [] },
  { code: 'chronology_recording', label: 'Chronology and recording', indicators: [] },
  { code: 'multi_agency', label: 'Multi-agency working', indicators: [] },
  { code: 'worker_changes', label: 'Changes of social worker', indicators: ['cla_3plus_social_workers_pct'] },
  { code: 'placement_stability', label: 'Placement stability and sufficiency', indicators: ['cla_3plus_placements_pct', 'cla_long_term_stability_pct'] },
  { code: 'permanence', label: 'Permanence planning', indicators: ['cla_long_term_stability_pct'] },
  { code: 'care_leavers_support', label: 'Care leavers: pathway plans, accommodation, activity', indicators: ['care_leavers_suitable_accom_pct', 'care_leavers_17_18_eet_pct', 'care_leavers_19_21_eet_pct'] },
];

export const THEME_CODES = AUDIT_THEMES.map((t) => t.code);

export function auditTheme(code: string): AuditTheme | undefined {
  return AUDIT_THEMES.find((t) => t.code === code);
}

export const THEME_OPTIONS = AUDIT_THEMES.map((t) => ({ value: t.code, text: t.label }));
