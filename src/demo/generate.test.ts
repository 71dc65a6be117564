// The demo council at scale 1, generated once in memory: its volumes and rates against England, the
// practice problems it must show, and that no history in it is impossible.
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addYears, workingDaysBetween } from '../platform/calendar/calendar.ts';
import { ETHNICITY } from '../platform/codes.ts';
import { councilStats, type CouncilStats } from './council-stats.ts';
import { council as councilDescriptor } from './council.ts';
import { generateCouncil } from './generate.ts';
import { DEMO_TABLES, type GeneratedCouncil, type Tables } from './model.ts';
import { isValidUpn } from './upn.ts';

const AS_OF = '2026-03-31';
/** DEMO_TEST_SEED=n checks another seed's council against the same expectations. */
const SEED = Number(process.env.DEMO_TEST_SEED ?? 11);
let council: GeneratedCouncil;
let t: Tables;
let stats: CouncilStats;

beforeAll(() => {
  council = generateCouncil({ seed: SEED, scale: 1, years: 3, asOf: AS_OF });
  t = council.tables;
  stats = councilStats(council);
});

/** Rows failing a check, described briefly, so a failure shows what went wrong. */
function failures<T>(rows: readonly T[], bad: (row: T) => boolean, describe: (row: T) => string = (r) => JSON.stringify(r)): string[] {
  return rows.filter(bad).slice(0, 5).map(describe);
}

describe('volumes for the last 12 months at scale 1 (an England-average council)', () => {
  it('referrals, assessments, S47s, ICPCs, CP plans and care starts', () => {
    expect(stats.referrals).toBeGreaterThanOrEqual(3700);
    expect(stats.referrals).toBeLessThanOrEqual(4600);
    expect(stats.assessmentsCompleted).toBeGreaterThanOrEqual(3700);
    expect(stats.assessmentsCompleted).toBeLessThanOrEqual(4700);
    expect(stats.s47s).toBeGreaterThanOrEqual(1300);
    expect(stats.s47s).toBeLessThanOrEqual(1750);
    expect(stats.icpcs).toBeGreaterThanOrEqual(390);
    expect(stats.icpcs).toBeLessThanOrEqual(560);
    expect(stats.cpStarts).toBeGreaterThanOrEqual(330);
    expect(stats.cpStarts).toBeLessThanOrEqual(480);
    expect(stats.claStarts).toBeGreaterThanOrEqual(170);
    expect(stats.claStarts).toBeLessThanOrEqual(270);
  });

  it('contacts are several times the referrals', () => {
    expect(stats.contacts / stats.referrals).toBeGreaterThanOrEqual(2.2);
    expect(stats.contacts / stats.referrals).toBeLessThanOrEqual(5);
  });

  it('children in need, on CP plans and looked after at asOf', () => {
    expect(stats.cinOpen).toBeGreaterThanOrEqual(2250);
    expect(stats.cinOpen).toBeLessThanOrEqual(3000);
    expect(stats.cpOpen).toBeGreaterThanOrEqual(260);
    expect(stats.cpOpen).toBeLessThanOrEqual(400);
    expect(stats.claCount).toBeGreaterThanOrEqual(440);
    expect(stats.claCount).toBeLessThanOrEqual(640);
    expect(stats.careLeavers).toBeGreaterThanOrEqual(250);
    expect(stats.careLeavers).toBeLessThanOrEqual(800);
  });

  it('holds steady across the window (a year earlier looks the same)', () => {
    const earlier = councilStats(council, '2025-03-31');
    expect(earlier.referrals).toBeGreaterThanOrEqual(3700);
    expect(earlier.referrals).toBeLessThanOrEqual(4600);
    expect(earlier.cpOpen).toBeGreaterThanOrEqual(240);
    expect(earlier.claCount).toBeGreaterThanOrEqual(420);
  });
});

describe('durations and rates near England', () => {
  it('assessments: median about 33 working days, about 86% within 45', () => {
    expect(stats.assessmentMedianDays).toBeGreaterThanOrEqual(28);
    expect(stats.assessmentMedianDays).toBeLessThanOrEqual(38);
    expect(stats.assessmentsWithin45Pct).toBeGreaterThanOrEqual(82);
    expect(stats.assessmentsWithin45Pct).toBeLessThanOrEqual(90);
  });

  it('re-referrals within 12 months about 22%, referral NFA about 6.5%', () => {
    expect(stats.rereferralsPct).toBeGreaterThanOrEqual(18);
    expect(stats.rereferralsPct).toBeLessThanOrEqual(27);
    expect(stats.referralsNfaPct).toBeGreaterThanOrEqual(5);
    expect(stats.referralsNfaPct).toBeLessThanOrEqual(8.5);
  });

  it('ICPCs within 15 working days of the S47 start about 81%', () => {
    expect(stats.icpcWithin15Pct).toBeGreaterThanOrEqual(74);
    expect(stats.icpcWithin15Pct).toBeLessThanOrEqual(89);
  });

  it('repeat CP plans about 24%; plans open two years or more about 2%', () => {
    expect(stats.cpRepeatPct).toBeGreaterThanOrEqual(16);
    expect(stats.cpRepeatPct).toBeLessThanOrEqual(32);
    expect(stats.cp2YearsPct).toBeGreaterThan(0);
    expect(stats.cp2YearsPct).toBeLessThanOrEqual(5);
  });

  it('CP categories: about half neglect, a third emotional abuse', () => {
    expect(stats.cpNeglectPct).toBeGreaterThanOrEqual(40);
    expect(stats.cpNeglectPct).toBeLessThanOrEqual(60);
    expect(stats.cpEmotionalPct).toBeGreaterThanOrEqual(24);
    expect(stats.cpEmotionalPct).toBeLessThanOrEqual(42);
  });

  it('placement stability: about 10% with 3+ placements in the year, about 69% long-term stable', () => {
    expect(stats.cla3PlacementsPct).toBeGreaterThanOrEqual(5);
    expect(stats.cla3PlacementsPct).toBeLessThanOrEqual(16);
    expect(stats.longTermStabilityPct).toBeGreaterThanOrEqual(52);
    expect(stats.longTermStabilityPct).toBeLessThanOrEqual(84);
  });

  it('care leavers mostly in suitable accommodation', () => {
    expect(stats.careLeaversSuitablePct).toBeGreaterThanOrEqual(80);
    expect(stats.careLeaversSuitablePct).toBeLessThanOrEqual(96);
  });
});

describe('the workforce', () => {
  it('has a service hierarchy with every kind of team', () => {
    const ids = new Set(t.team.map((x) => x.id));
    expect(failures(t.team, (x) => x.parent_id != null && !ids.has(x.parent_id))).toEqual([]);
    const names = t.team.map((x) => x.name).join('|');
    for (const kind of ['Multi-Agency Safeguarding Hub', 'Assessment Team', 'Family Support and Protection', 'Children in Care', 'Leaving Care', 'Adoption', 'Independent Reviewing']) expect(names).toContain(kind);
    const managed = new Set(t.team_manager.filter((m) => m.start_date <= AS_OF && (m.end_date == null || m.end_date >= AS_OF)).map((m) => m.team_id));
    expect(failures(t.team, (x) => !managed.has(x.id))).toEqual([]);
  });

  it('caseloads average about 15, some far higher; about 13% agency', () => {
    expect(stats.avgCaseload).toBeGreaterThanOrEqual(12);
    expect(stats.avgCaseload).toBeLessThanOrEqual(19);
    expect(stats.maxCaseload).toBeGreaterThanOrEqual(30);
    expect(stats.agencyPct).toBeGreaterThanOrEqual(6);
    expect(stats.agencyPct).toBeLessThanOrEqual(21);
  });

  it('social workers have Social Work England numbers and FTEs; leavers have their cases reallocated', () => {
    const sw = t.professional.filter((p) => /Social Worker|Practitioner/.test(p.job_title ?? ''));
    expect(failures(sw, (p) => !/^SW\d{5,6}$/.test(p.swe_registration_no ?? ''))).toEqual([]);
    expect(failures(t.professional, (p) => p.fte == null || Number(p.fte) <= 0 || Number(p.fte) > 1.5)).toEqual([]);
    expect(t.professional.filter((p) => p.end_date != null && p.end_date >= council.windowStart).length).toBeGreaterThan(30);
    expect(t.involvement.filter((i) => i.change_reason === 'LEFTRL' && i.start_date >= council.windowStart).length).toBeGreaterThan(100);
  });

  it('supervision is monthly-ish, with some months missed', () => {
    const byWorker = new Map<string, string[]>();
    for (const s of t.supervision) byWorker.set(s.professional_id, [...(byWorker.get(s.professional_id) ?? []), s.supervision_date]);
    let gaps = 0;
    let long = 0;
    for (const dates of byWorker.values()) {
      dates.sort();
      for (let i = 1; i < dates.length; i++) {
        gaps += 1;
        if (dates[i]! > addDays(dates[i - 1]!, 40)) long += 1;
      }
    }
    expect(long / gaps).toBeGreaterThan(0.05);
    expect(long / gaps).toBeLessThan(0.4);
  });
});

describe('the practice problems an inspector would find', () => {
  it('children with three or more contacts in 12 months, all closed NFA or advice', () => {
    expect(stats.repeatContactNfaChildren).toBeGreaterThanOrEqual(50);
  });

  it('late assessments and late ICPCs', () => {
    expect(stats.assessmentsWithin45Pct).toBeLessThan(100);
    expect(stats.icpcWithin15Pct).toBeLessThan(100);
  });

  it('CP plans open at asOf whose last visit was more than 10 working days ago, and late reviews', () => {
    const lastVisit = new Map<string, string>();
    for (const v of t.visit) if (v.cp_plan_id && (lastVisit.get(v.cp_plan_id) ?? '') < v.visit_date) lastVisit.set(v.cp_plan_id, v.visit_date);
    const open = t.cp_plan.filter((p) => p.end_date == null);
    const overdue = open.filter((p) => workingDaysBetween(lastVisit.get(p.id) ?? p.start_date, AS_OF) > 10);
    expect(overdue.length).toBeGreaterThan(0);
    const lateReviews = t.cla_review.filter((r) => r.review_date != null && r.due_date != null && r.review_date > r.due_date);
    expect(lateReviews.length).toBeGreaterThan(0);
    expect(t.cp_review.filter((r) => r.review_date! > r.due_date!).length).toBeGreaterThan(0);
  });

  it('open CIN episodes with no allocated worker', () => {
    expect(stats.openCinUnallocated).toBeGreaterThanOrEqual(10);
    expect(stats.openCinUnallocated).toBeLessThan(stats.cinOpen * 0.1);
  });

  it('children with three or more allocated workers in a year', () => {
    expect(stats.childrenWith3Workers).toBeGreaterThanOrEqual(100);
  });

  it('an overloaded team: one team’s children per worker far above its caseload target', () => {
    const open = t.involvement.filter((i) => i.role === 'CW' && i.start_date <= AS_OF && (i.end_date == null || i.end_date >= AS_OF));
    const perTeam = new Map<string, { children: Set<string>; workers: Set<string> }>();
    for (const i of open) {
      const entry = perTeam.get(i.team_id!) ?? { children: new Set(), workers: new Set() };
      entry.children.add(i.person_id);
      entry.workers.add(i.professional_id);
      perTeam.set(i.team_id!, entry);
    }
    const ratios = t.team.filter((x) => x.caseload_target && perTeam.has(x.id)).map((x) => perTeam.get(x.id)!.children.size / perTeam.get(x.id)!.workers.size / x.caseload_target!);
    expect(Math.max(...ratios)).toBeGreaterThan(1.1);
  });
});

describe('people', () => {
  const children = () => t.person.filter((p) => p.person_type === 'child');

  it('have fictional names, sex M/F with a few U, DfE ethnicity codes in realistic proportions', () => {
    const c = children();
    expect(failures(c, (p) => !p.forename || !p.surname)).toEqual([]);
    const u = c.filter((p) => p.sex === 'U').length / c.length;
    expect(u).toBeGreaterThan(0);
    expect(u).toBeLessThan(0.03);
    expect(failures(c, (p) => !['M', 'F', 'U'].includes(p.sex ?? ''))).toEqual([]);
    expect(failures(c, (p) => !(p.ethnicity! in ETHNICITY))).toEqual([]);
    const white = c.filter((p) => p.ethnicity === 'WBRI').length / c.length;
    expect(white).toBeGreaterThan(0.55);
    expect(white).toBeLessThan(0.72);
  });

  it('have valid, unique UPNs with the demo schools’ recognised LA code, or a reason there is none', () => {
    const c = children();
    const upns = c.map((p) => p.upn).filter((u): u is string => !!u);
    expect(upns.length).toBeGreaterThan(c.length * 0.5);
    expect(upns.filter((u) => !isValidUpn(u))).toEqual([]);
    expect(upns.filter((u) => u.slice(1, 4) !== councilDescriptor.upnLaCode)).toEqual([]);
    expect(new Set(upns).size).toBe(upns.length);
    expect(failures(c, (p) => !p.upn && !p.upn_unknown)).toEqual([]);
  });

  it('have dates of birth that fit their stage: under 18 at every referral', () => {
    const dob = new Map(t.person.map((p) => [p.id, p.dob!]));
    expect(failures(t.cin_episode, (e) => e.referral_date >= addYears(dob.get(e.person_id)!, 18))).toEqual([]);
  });
});

describe('ids', () => {
  it('are short, of [A-Za-z0-9_-], and unique in each table', () => {
    for (const table of DEMO_TABLES) {
      const ids = (t[table] as { id: string }[]).map((r) => r.id);
      expect(ids.filter((id) => !/^[A-Za-z0-9_-]{1,36}$/.test(id)), table).toEqual([]);
      expect(new Set(ids).size, table).toBe(ids.length);
    }
  });

  it('every reference names a row that exists', () => {
    const parents: Record<string, string> = {
      person_id: 'person', related_person_id: 'person', carer_id: 'person', team_id: 'team', parent_id: 'team',
      cin_episode_id: 'cin_episode', contact_id: 'contact', cin_plan_id: 'cin_plan', cp_plan_id: 'cp_plan', icpc_id: 'icpc',
      s47_enquiry_id: 's47_enquiry', strategy_discussion_id: 'strategy_discussion', period_of_care_id: 'period_of_care', placement_id: 'placement',
      amends_note_id: 'case_note', foster_household_id: 'foster_household',
    };
    const professionalColumns = ['worker_id', 'professional_id', 'decided_by', 'recorded_by', 'proposed_by', 'manager_review_by', 'closure_authorised_by', 'authorised_by', 'chaired_by', 'chair_id', 'iro_id', 'supervisor_id', 'manager_id', 'author_id'];
    for (const c of professionalColumns) parents[c] = 'professional';
    const ids = new Map(DEMO_TABLES.map((table) => [table as string, new Set((t[table] as { id: string }[]).map((r) => r.id))]));
    for (const table of DEMO_TABLES) {
      for (const row of t[table] as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          const parent = parents[column];
          if (!parent || value == null) continue;
          if (!ids.get(parent)!.has(value as string)) expect.fail(`${table}.${column} = ${String(value)} names no ${parent}`);
        }
      }
    }
  });
});

describe('no impossible histories', () => {
  const episodes = () => new Map(t.cin_episode.map((e) => [e.id, e]));
  const dob = () => new Map(t.person.map((p) => [p.id, p.dob ?? null]));

  it('no assessment, plan, strategy discussion, S47, ICPC or period of care before its referral', () => {
    const ep = episodes();
    const before = (id: string, date: string | null | undefined) => date != null && date < ep.get(id)!.referral_date;
    expect(failures(t.assessment, (a) => before(a.cin_episode_id, a.start_date))).toEqual([]);
    expect(failures(t.cin_plan, (p) => before(p.cin_episode_id, p.start_date))).toEqual([]);
    expect(failures(t.strategy_discussion, (s) => before(s.cin_episode_id, s.discussion_date))).toEqual([]);
    expect(failures(t.s47_enquiry, (s) => before(s.cin_episode_id, s.start_date))).toEqual([]);
    expect(failures(t.icpc, (i) => before(i.cin_episode_id, i.conference_date))).toEqual([]);
    expect(failures(t.cp_plan, (p) => before(p.cin_episode_id, p.start_date))).toEqual([]);
    expect(failures(t.period_of_care, (p) => before(p.cin_episode_id!, p.start_date))).toEqual([]);
  });

  it('nothing in an episode after it closed', () => {
    const ep = episodes();
    const after = (id: string, date: string | null | undefined) => {
      const close = ep.get(id)!.close_date;
      return date != null && close != null && date > close;
    };
    expect(failures(t.assessment, (a) => after(a.cin_episode_id, a.authorised_date))).toEqual([]);
    expect(failures(t.cin_plan, (p) => after(p.cin_episode_id, p.end_date ?? AS_OF))).toEqual([]);
    expect(failures(t.cp_plan, (p) => after(p.cin_episode_id, p.end_date ?? AS_OF))).toEqual([]);
    expect(failures(t.period_of_care, (p) => after(p.cin_episode_id!, p.end_date ?? AS_OF))).toEqual([]);
    // Safeguarding activity: a later concern is a new referral, never filed under a closed one (CIN rule 8565).
    expect(failures(t.strategy_discussion, (s) => after(s.cin_episode_id, s.discussion_date))).toEqual([]);
    expect(failures(t.s47_enquiry, (s) => after(s.cin_episode_id, s.start_date))).toEqual([]);
    expect(failures(t.s47_enquiry, (s) => after(s.cin_episode_id, s.end_date ?? AS_OF))).toEqual([]);
    expect(failures(t.icpc, (i) => after(i.cin_episode_id, i.conference_date))).toEqual([]);
  });

  it('no ICPC before its S47 started, and no CP plan before its ICPC', () => {
    const s47 = new Map(t.s47_enquiry.map((s) => [s.id, s]));
    expect(failures(t.icpc, (i) => !i.s47_enquiry_id || i.conference_date! < s47.get(i.s47_enquiry_id)!.start_date!)).toEqual([]);
    const icpc = new Map(t.icpc.map((i) => [i.id, i]));
    expect(failures(t.cp_plan, (p) => !p.icpc_id || p.start_date !== icpc.get(p.icpc_id)!.conference_date)).toEqual([]);
  });

  it('a CP plan ends only at a review conference, on entering care, or on closure', () => {
    const reviews = new Set(t.cp_review.map((r) => `${r.cp_plan_id}|${r.review_date}`));
    const careStarts = new Set(t.period_of_care.map((p) => `${p.person_id}|${p.start_date}`));
    const ep = episodes();
    const bad = (p: (typeof t.cp_plan)[number]) =>
      p.end_date != null && !reviews.has(`${p.id}|${p.end_date}`) && !careStarts.has(`${p.person_id}|${p.end_date}`) && ep.get(p.cin_episode_id)!.close_date !== p.end_date;
    expect(failures(t.cp_plan, bad)).toEqual([]);
  });

  it('no CP review or visit outside its plan', () => {
    const plans = new Map(t.cp_plan.map((p) => [p.id, p]));
    const outside = (id: string, date: string) => date <= plans.get(id)!.start_date || date > (plans.get(id)!.end_date ?? AS_OF);
    expect(failures(t.cp_review, (r) => outside(r.cp_plan_id, r.review_date!))).toEqual([]);
    expect(failures(t.visit.filter((v) => v.cp_plan_id), (v) => outside(v.cp_plan_id!, v.visit_date))).toEqual([]);
    const cinPlans = new Map(t.cin_plan.map((p) => [p.id, p]));
    expect(failures(t.visit.filter((v) => v.cin_plan_id), (v) => v.visit_date < cinPlans.get(v.cin_plan_id!)!.start_date || v.visit_date > (cinPlans.get(v.cin_plan_id!)!.end_date ?? AS_OF))).toEqual([]);
  });

  it('no placement outside its period of care', () => {
    const periods = new Map(t.period_of_care.map((p) => [p.id, p]));
    const bad = (x: (typeof t.placement)[number]) => {
      const p = periods.get(x.period_of_care_id)!;
      return x.start_date < p.start_date || (p.end_date != null && (x.end_date == null || x.end_date > p.end_date)) || (p.end_date == null && x.end_date != null && x === undefined);
    };
    expect(failures(t.placement, bad)).toEqual([]);
  });

  it('no overlapping placements for a child (one ends the day the next begins)', () => {
    expect(overlaps(t.placement.map((p) => ({ key: p.person_id, start: p.start_date, end: p.end_date ?? null, id: p.id })))).toEqual([]);
  });

  it('no two periods of care open at once for a child', () => {
    expect(overlaps(t.period_of_care.map((p) => ({ key: p.person_id, start: p.start_date, end: p.end_date ?? null, id: p.id })))).toEqual([]);
    const open = new Map<string, number>();
    for (const p of t.period_of_care) if (p.end_date == null) open.set(p.person_id, (open.get(p.person_id) ?? 0) + 1);
    expect([...open.values()].filter((n) => n > 1)).toEqual([]);
  });

  it('no two CIN episodes open at once for a child', () => {
    expect(overlaps(t.cin_episode.map((e) => ({ key: e.person_id, start: e.referral_date, end: e.close_date ?? null, id: e.id })))).toEqual([]);
  });

  it('legal statuses lie within their period of care and do not overlap', () => {
    const periods = new Map(t.period_of_care.map((p) => [p.id, p]));
    const bad = (s: (typeof t.legal_status)[number]) => {
      const p = periods.get(s.period_of_care_id!)!;
      return s.start_date < p.start_date || (p.end_date != null && (s.end_date == null || s.end_date > p.end_date));
    };
    expect(failures(t.legal_status, bad)).toEqual([]);
    expect(overlaps(t.legal_status.map((s) => ({ key: s.period_of_care_id!, start: s.start_date, end: s.end_date ?? null, id: s.id })))).toEqual([]);
  });

  it('903 episodes follow the placements and legal statuses: a new one at each change', () => {
    const byPeriod = new Map<string, (typeof t.cla_episode)[number][]>();
    for (const e of t.cla_episode) byPeriod.set(e.period_of_care_id, [...(byPeriod.get(e.period_of_care_id) ?? []), e]);
    const placements = new Map(t.placement.map((p) => [p.id, p]));
    const problems: string[] = [];
    for (const p of t.period_of_care) {
      const eps = (byPeriod.get(p.id) ?? []).sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
      if (eps[0]?.start_date !== p.start_date || eps[0]?.start_reason !== 'S') problems.push(`${p.id} first episode`);
      eps.forEach((e, i) => {
        const next = eps[i + 1];
        if (next && e.end_date !== next.start_date) problems.push(`${e.id} not contiguous`);
        if (!next && (e.end_date ?? null) !== (p.end_date ?? null)) problems.push(`${e.id} does not end with the period`);
        if (next && e.end_reason !== 'X1') problems.push(`${e.id} REC`);
        const placement = placements.get(e.placement_id!);
        if (!placement || placement.start_date > e.start_date || (placement.end_date != null && placement.end_date <= e.start_date) || placement.placement_type !== e.placement_type) problems.push(`${e.id} placement`);
        const status = t.legal_status.find((s) => s.period_of_care_id === p.id && s.start_date <= e.start_date && (s.end_date == null || s.end_date > e.start_date));
        if (status?.code !== e.legal_status) problems.push(`${e.id} legal status`);
      });
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('no visit on or after a child’s 18th birthday (care leavers get PA contacts instead)', () => {
    const d = dob();
    expect(failures(t.visit, (v) => v.visit_date >= addYears(d.get(v.person_id)!, 18))).toEqual([]);
  });

  it('nothing is dated after asOf', () => {
    const problems: string[] = [];
    for (const table of DEMO_TABLES) {
      for (const row of t[table] as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value > AS_OF && column !== 'end_date' && column !== 'due_date' && column !== 'target_date') problems.push(`${table}.${column} ${value}`);
          if (column === 'end_date' && typeof value === 'string' && value > AS_OF && table !== 'immigration_status') problems.push(`${table}.end_date ${value}`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('nothing about a child is dated before the child was born', () => {
    const d = dob();
    const problems: string[] = [];
    const dateColumns = /(_date|^dob)$/;
    for (const table of DEMO_TABLES) {
      if (table === 'person' || table === 'relationship') continue;
      for (const row of t[table] as Record<string, unknown>[]) {
        const birth = typeof row.person_id === 'string' ? d.get(row.person_id) : null;
        if (!birth) continue;
        for (const [column, value] of Object.entries(row)) {
          if (dateColumns.test(column) && typeof value === 'string' && value < birth && column !== 'placed_foster_carer_date') problems.push(`${table}.${column}`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('end dates are never before start dates', () => {
    const problems: string[] = [];
    for (const table of DEMO_TABLES) {
      for (const row of t[table] as Record<string, unknown>[]) {
        const start = (row.start_date ?? row.referral_date) as string | undefined;
        const end = (row.end_date ?? row.close_date) as string | undefined;
        if (start && end && end < start) problems.push(`${table} ${String(row.id)}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('closures carry a reason RC1–RC8 and a manager’s authorisation', () => {
    const closed = t.cin_episode.filter((e) => e.close_date != null);
    expect(failures(closed, (e) => !/^RC[1-8]$/.test(e.close_reason ?? '') || !e.closure_authorised_by || !e.closure_authorised_date)).toEqual([]);
    const reasons = new Set(closed.map((e) => e.close_reason));
    for (const r of ['RC1', 'RC4', 'RC5', 'RC7', 'RC8']) expect(reasons.has(r)).toBe(true);
  });
});

describe('real-looking histories', () => {
  it('contacts that lead nowhere and come back as referrals; step-ups and step-downs with early help', () => {
    const contacts = new Map<string, string[]>();
    for (const c of t.contact) if (c.outcome === 'nfa' || c.outcome === 'advice') contacts.set(c.person_id, [...(contacts.get(c.person_id) ?? []), c.contact_date]);
    const cameBack = t.cin_episode.filter((e) => (contacts.get(e.person_id) ?? []).some((d) => d < e.referral_date));
    expect(cameBack.length).toBeGreaterThan(200);
    expect(t.early_help_episode.filter((e) => e.end_reason === 'Stepped up to children’s social care').length).toBeGreaterThan(100);
    expect(t.cin_episode.filter((e) => e.step_down_to_early_help).length).toBeGreaterThan(100);
  });

  it('CIN plans that end and restart in the same episode', () => {
    const perEpisode = new Map<string, number>();
    for (const p of t.cin_plan) perEpisode.set(p.cin_episode_id, (perEpisode.get(p.cin_episode_id) ?? 0) + 1);
    expect([...perEpisode.values()].filter((n) => n > 1).length).toBeGreaterThan(50);
  });

  it('assessments with factor codes, completed ones only, and the child seen', () => {
    const done = t.assessment.filter((a) => a.authorised_date != null);
    expect(failures(done, (a) => (a.factors as string[]).length === 0)).toEqual([]);
    expect(failures(t.assessment.filter((a) => a.authorised_date == null), (a) => (a.factors as string[]).length > 0)).toEqual([]);
    expect(done.filter((a) => a.child_seen).length / done.length).toBeGreaterThan(0.9);
    const codes = new Set(done.flatMap((a) => a.factors as string[]));
    for (const code of ['1B', '2B', '3A', '4A', '18C', '16A', '21']) expect(codes.has(code)).toBe(true);
  });

  it('CP reviews three months after the conference, then six-monthly', () => {
    const plans = new Map(t.cp_plan.map((p) => [p.id, p]));
    const firsts = new Map<string, string>();
    for (const r of t.cp_review) if (!firsts.has(r.cp_plan_id) || firsts.get(r.cp_plan_id)! > r.review_date!) firsts.set(r.cp_plan_id, r.review_date!);
    const days = [...firsts.entries()].map(([id, d]) => (Date.parse(d) - Date.parse(plans.get(id)!.start_date)) / 86_400_000).sort((a, b) => a - b);
    const median = days[Math.floor(days.length / 2)]!;
    expect(median).toBeGreaterThan(75);
    expect(median).toBeLessThan(95);
  });

  it('children in care: adoptions, SGOs, care leavers with pathway plans and PA contact, missing episodes with return interviews', () => {
    expect(t.adoption.filter((a) => a.order_type === 'Adoption order' && a.order_date != null).length).toBeGreaterThan(10);
    expect(t.adoption.filter((a) => a.order_type === 'Special guardianship order').length).toBeGreaterThan(10);
    expect(t.adoption.filter((a) => a.placement_order_date && a.matched_date && a.placed_date && a.order_date).every((a) => a.adm_decision_date! <= a.placement_order_date! && a.placement_order_date! <= a.matched_date! && a.matched_date! <= a.placed_date! && a.placed_date! <= a.order_date!)).toBe(true);
    expect(new Set(t.care_leaver.map((c) => c.eligibility))).toEqual(new Set(['eligible', 'relevant', 'former relevant']));
    expect(t.pathway_plan.length).toBeGreaterThan(300);
    expect(t.pa_contact.length).toBeGreaterThan(2000);
    expect(t.missing_episode.filter((m) => m.rhi_offered).length).toBeGreaterThan(50);
    const codes = new Set(t.placement.map((p) => p.placement_type));
    for (const code of ['U3', 'U4', 'U6', 'K2', 'H5', 'P1', 'A6']) expect(codes.has(code)).toBe(true);
    const statuses = new Set(t.legal_status.map((s) => s.code));
    for (const code of ['C1', 'C2', 'E1', 'V2', 'L1']) expect(statuses.has(code)).toBe(true);
  });
});

/** Overlapping intervals within the same key; an interval ending the day the next begins is not an overlap. */
function overlaps(items: { key: string; start: string; end: string | null; id: string }[]): string[] {
  const byKey = new Map<string, typeof items>();
  for (const x of items) byKey.set(x.key, [...(byKey.get(x.key) ?? []), x]);
  const problems: string[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      if (prev.end === null || prev.end > list[i]!.start) problems.push(`${prev.id} overlaps ${list[i]!.id}`);
    }
  }
  return problems.slice(0, 5);
}
