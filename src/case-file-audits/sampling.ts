// Choosing the children to audit. The population is the children behind an indicator as at a date, from
// the indicator engine (one definition of "children on CP plans two years or more" for the dashboard, the
// exception list and the audit sample alike):
//   random  the children with a CIN episode open at the date (cin_open_count), any team;
//   team    the same, in one team (the team of the child's allocated worker, as the engine places them);
//   theme   the children on the wrong side of a chosen indicator: its numerator where lower is better or
//           neither is (cpp_2yrs_plus_pct: plans open two years or more), and the denominator less the
//           numerator where higher is better (assessments_within_45wd_pct: assessments not in time).
// Restricted records are left out (no relationship can open them, an auditor's included). The draw is a
// seeded shuffle of the population sorted by child id, so the same seed over the same records gives the
// same sample, and the seed is recorded with the audit.
import { Rng } from '../demo/random.ts';
import type { Member } from '../indicators/index.ts';

export const SAMPLE_KINDS = ['random', 'theme', 'team'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];
export const SAMPLE_KIND_LABELS: Record<SampleKind, string> = {
  random: 'Random: children with an open children in need episode',
  theme: 'Themed: the children behind an indicator',
  team: 'By team: children with an open episode in one team',
};
export const RANDOM_POPULATION_INDICATOR = 'cin_open_count';

/** Indicators offered for a themed sample (each counts children). */
export const THEME_INDICATORS = [
  'cpp_2yrs_plus_pct',
  'cpp_repeat_pct',
  'rereferrals_12m_pct',
  'referrals_nfa_pct',
  'assessments_within_45wd_pct',
  'icpc_within_15wd_pct',
  'cla_3plus_placements_pct',
  'cla_3plus_social_workers_pct',
  'cla_long_term_stability_pct',
  'care_leavers_suitable_accom_pct',
  'repeat_contact_nfa_children_count',
  'cpp_open_count',
  'cla_count',
  'care_leavers_count',
] as const;

export interface Candidate {
  childId: string;
  teamId: string | null;
}

/** One candidate per child (the first member by id places the child in a team), sorted by child id. */
export function candidatesFrom(members: readonly Member[]): Candidate[] {
  const byChild = new Map<string, Member>();
  for (const m of [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (m.childId !== null && !byChild.has(m.childId)) byChild.set(m.childId, m);
  }
  return [...byChild.values()].map((m) => ({ childId: m.childId!, teamId: m.teamId })).sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0));
}

/** The members on the indicator's "exception" side (see above). */
export function exceptionMembers(goodDirection: 'up' | 'down' | null, numerator: readonly Member[], denominator: readonly Member[] | null): Member[] {
  if (goodDirection !== 'up' || denominator === null) return [...numerator];
  const inNumerator = new Set(numerator.map((m) => m.id));
  return denominator.filter((m) => !inNumerator.has(m.id));
}

/**
 * `size` candidates drawn without replacement by a seeded Fisher–Yates shuffle of the population in
 * child-id order; all of them when there are fewer. Returned in child-id order.
 */
export function drawSample(population: readonly Candidate[], size: number, seed: number): Candidate[] {
  const sorted = [...population].sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0));
  const rng = new Rng(seed);
  const n = Math.min(size, sorted.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.float() * (sorted.length - i));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  return sorted.slice(0, n).sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0));
}

/** A seed for when none is given: recorded with the audit so the draw can be repeated. */
export function newSeed(): number {
  return Math.floor(Math.random() * 4294967296) >>> 0;
}
