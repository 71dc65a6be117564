// The demo council's comparator groups and targets, so its dashboards and report show them from the
// start. Illustrative figures for a fictional council: the comparator values are England's published
// values moved by a fixed amount per indicator (never real councils' figures), and the targets are the
// kind a council in improvement might set. Called by the demo loader in its transaction.
import type { Db } from '../platform/db/connect.ts';
import { ENGLAND, indicatorDefinition } from '../indicators/index.ts';

const GROUPS = [
  {
    id: 'statistical_neighbours',
    name: 'Statistical neighbours',
    description: 'The ten councils most like Tillbrook (DfE children’s services statistical neighbour benchmarking tool). Illustrative figures for the demo council.',
    position: 1,
    /** Added to England's value, as a share of it: neighbours run a little worse than England here. */
    shift: 0.06,
  },
  {
    id: 'region',
    name: 'Region',
    description: 'The councils of the region, averaged as in LAIT. Illustrative figures for the demo council.',
    position: 2,
    shift: -0.03,
  },
] as const;

/** Targets a council in improvement might set: at England's level, with amber a little worse. */
const TARGETS: Record<string, { target: number; amberFrom: number }> = {
  rereferrals_12m_pct: { target: 22, amberFrom: 25 },
  repeat_contact_nfa_children_count: { target: 150, amberFrom: 200 },
  assessments_within_45wd_pct: { target: 85, amberFrom: 75 },
  icpc_within_15wd_pct: { target: 80, amberFrom: 70 },
  cpp_repeat_pct: { target: 23, amberFrom: 26 },
  cpp_2yrs_plus_pct: { target: 2.5, amberFrom: 4 },
  cla_3plus_placements_pct: { target: 10, amberFrom: 12 },
  cla_long_term_stability_pct: { target: 70, amberFrom: 65 },
  cla_3plus_social_workers_pct: { target: 25, amberFrom: 30 },
  care_leavers_suitable_accom_pct: { target: 90, amberFrom: 85 },
  care_leavers_19_21_eet_pct: { target: 55, amberFrom: 48 },
  workforce_agency_pct: { target: 12, amberFrom: 16 },
  workforce_turnover_pct: { target: 12, amberFrom: 15 },
  avg_caseload_fte: { target: 16, amberFrom: 18 },
};

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function seedDashboardDemo(trx: Db): Promise<number> {
  let rows = 0;
  for (const g of GROUPS) {
    await trx.insertInto('comparator_group').values({ id: g.id, name: g.name, description: g.description, position: g.position }).execute();
    const values = Object.entries(ENGLAND).flatMap(([indicatorId, years]) => {
      const unit = indicatorDefinition(indicatorId)?.unit;
      return years.map((y) => {
        const v = Math.max(0, round1(y.value * (1 + g.shift)));
        return { id: '', group_id: g.id, indicator_id: indicatorId, year: y.year, value: unit === 'percent' ? Math.min(100, v) : v, source: 'Illustrative (demo council)' };
      });
    });
    // Ids: short and unique (the indicator id alone may be longer than 36 characters).
    values.forEach((v, i) => (v.id = `${g.id === 'region' ? 'RG' : 'SN'}${String(i + 1).padStart(4, '0')}`));
    if (values.length) await trx.insertInto('comparator_value').values(values).execute();
    rows += values.length + 1;
  }
  const targets = Object.entries(TARGETS).map(([indicatorId, t], i) => ({ id: `TGT${String(i + 1).padStart(3, '0')}`, indicator_id: indicatorId, target: t.target, amber_from: t.amberFrom, note: 'Demo council target' }));
  await trx.insertInto('indicator_target').values(targets).execute();
  return rows + targets.length;
}
