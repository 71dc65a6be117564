// What each dashboard page shows: the leaders' headline set and one page per area of practice. The
// indicators themselves (and their areas) are defined once in src/indicators/definitions.ts.
import { INDICATORS, indicatorDefinition, type IndicatorArea } from '../indicators/index.ts';

export interface DashboardArea {
  /** The page's path segment: /dashboards/front-door */
  slug: string;
  title: string;
  /** The indicator areas the page covers. */
  areas: readonly IndicatorArea[];
}

export const DASHBOARD_AREAS: readonly DashboardArea[] = [
  { slug: 'front-door', title: 'Front door', areas: ['front door', 'children in need'] },
  { slug: 'assessment', title: 'Assessment', areas: ['assessment'] },
  { slug: 'child-protection', title: 'Child protection', areas: ['child protection'] },
  { slug: 'children-in-care', title: 'Children in care', areas: ['children in care'] },
  { slug: 'care-leavers', title: 'Care leavers', areas: ['care leavers'] },
  { slug: 'workforce', title: 'Workforce', areas: ['workforce'] },
];

/**
 * The leaders' page: the measures an inspection and a scrutiny committee read first (timeliness, repeat
 * work, stability, care leavers, the workforce), each one with a direction that is better.
 */
export const HEADLINE_IDS = [
  'rereferrals_12m_pct',
  'repeat_contact_nfa_children_count',
  'assessments_within_45wd_pct',
  'icpc_within_15wd_pct',
  'cpp_repeat_pct',
  'cpp_2yrs_plus_pct',
  'cla_3plus_placements_pct',
  'cla_long_term_stability_pct',
  'care_leavers_suitable_accom_pct',
  'care_leavers_19_21_eet_pct',
  'workforce_agency_pct',
  'avg_caseload_fte',
] as const;

export function dashboardArea(slug: string): DashboardArea | undefined {
  return DASHBOARD_AREAS.find((a) => a.slug === slug);
}

export function areaIndicatorIds(area: DashboardArea): string[] {
  return INDICATORS.filter((d) => area.areas.includes(d.area)).map((d) => d.id);
}

/** The dashboard page an indicator belongs to. */
export function areaOfIndicator(id: string): DashboardArea | undefined {
  const d = indicatorDefinition(id);
  return d ? DASHBOARD_AREAS.find((a) => a.areas.includes(d.area)) : undefined;
}
