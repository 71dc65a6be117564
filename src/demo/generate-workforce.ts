// The workforce: a service hierarchy of teams, the workers who held each post over the years (with
// agency staff, part-timers and leavers), the managers of each team, and the allocation of children
// to workers — including the reallocations when a worker leaves, and the gaps when nobody picks a case up.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Gen } from './context.ts';
import { WORKER_CHANGE_WEIGHTS } from './distributions.ts';

export type TeamRole =
  | 'mash'
  | 'early_help'
  | 'assessment'
  | 'safeguarding'
  | 'disability'
  | 'cic'
  | 'leaving_care'
  | 'adoption'
  | 'iro';

interface TeamSpec {
  role: TeamRole;
  service: string;
  names: readonly string[];
  /** Teams at scale 1. */
  count: number;
  /** Posts per team. */
  posts: number;
  caseHolding: boolean;
  caseloadTarget: number | null;
  titles: Readonly<Record<string, number>>;
}

const SOCIAL_WORKER_TITLES = { 'Social Worker': 52, 'Senior Social Worker': 26, 'Advanced Practitioner': 8, 'Newly Qualified Social Worker (ASYE)': 14 };

// Posts are sized so that the caseload per case-holding worker lands near England's 15; one
// safeguarding team and one children-in-care team are short of posts for their share of the work,
// which is what makes them the overloaded teams an inspector would find.
const TEAM_SPECS: readonly TeamSpec[] = [
  { role: 'mash', service: 'Front Door and Early Help', names: ['Multi-Agency Safeguarding Hub'], count: 1, posts: 12, caseHolding: false, caseloadTarget: null, titles: { 'MASH Social Worker': 70, 'Contact Officer': 30 } },
  { role: 'early_help', service: 'Front Door and Early Help', names: ['Family Hub North', 'Family Hub South'], count: 2, posts: 8, caseHolding: false, caseloadTarget: null, titles: { 'Family Support Worker': 80, 'Early Help Practitioner': 20 } },
  { role: 'assessment', service: 'Assessment and Intervention', names: ['Assessment Team 1', 'Assessment Team 2', 'Assessment Team 3'], count: 3, posts: 12, caseHolding: true, caseloadTarget: 20, titles: SOCIAL_WORKER_TITLES },
  {
    role: 'safeguarding',
    service: 'Safeguarding and Family Support',
    names: ['Family Support and Protection North', 'Family Support and Protection South', 'Family Support and Protection East', 'Family Support and Protection West', 'Family Support and Protection Central', 'Family Support and Protection Riverside'],
    count: 6,
    posts: 15,
    caseHolding: true,
    caseloadTarget: 18,
    titles: SOCIAL_WORKER_TITLES,
  },
  { role: 'disability', service: 'Safeguarding and Family Support', names: ["Disabled Children's Team"], count: 1, posts: 12, caseHolding: true, caseloadTarget: 15, titles: SOCIAL_WORKER_TITLES },
  { role: 'cic', service: 'Children in Care and Permanence', names: ['Children in Care Team 1', 'Children in Care Team 2', 'Children in Care Team 3'], count: 3, posts: 13, caseHolding: true, caseloadTarget: 15, titles: SOCIAL_WORKER_TITLES },
  { role: 'adoption', service: 'Children in Care and Permanence', names: ['Adoption and Permanence Team'], count: 1, posts: 8, caseHolding: false, caseloadTarget: null, titles: { 'Adoption Social Worker': 100 } },
  { role: 'leaving_care', service: 'Care Leavers', names: ['Leaving Care Team 1', 'Leaving Care Team 2'], count: 2, posts: 11, caseHolding: true, caseloadTarget: 22, titles: { 'Personal Adviser': 80, 'Senior Personal Adviser': 20 } },
  { role: 'iro', service: 'Quality Assurance and Reviewing', names: ['Independent Reviewing Service'], count: 1, posts: 10, caseHolding: false, caseloadTarget: null, titles: { 'Independent Reviewing Officer': 75, 'Child Protection Chair': 25 } },
];

/** Relative share of the work each team of a role receives; the last-but-one team gets much more. */
function demandWeights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (count > 1 && i === count - 2 ? 1.45 : 1));
}

export interface Worker {
  id: string;
  teamId: string;
  start: IsoDate;
  end: IsoDate | null;
  /** How readily this worker is given new cases: some always end up holding far more than others. */
  weight: number;
}

interface ManagerStint {
  professionalId: string;
  start: IsoDate;
  end: IsoDate | null;
}

export interface TeamInfo {
  id: string;
  role: TeamRole;
  workers: Worker[];
  managers: ManagerStint[];
  /** The workers in post at some time in each calendar year, so a lookup scans a dozen, not a hundred. */
  byYear: Map<number, Worker[]>;
  /** Given more work than its posts can carry. */
  overloaded: boolean;
}

/** One allocation of a child to a worker. `end` null: still allocated at asOf. */
export interface Segment {
  workerId: string;
  teamId: string;
  start: IsoDate;
  end: IsoDate | null;
  /** 903 SW_REASON for the start of this allocation. */
  reason: string;
}

export class Workforce {
  private readonly byRole = new Map<TeamRole, { teams: TeamInfo[]; cumulative: number[] }>();
  private readonly teamsById = new Map<string, TeamInfo>();
  readonly names = new Map<string, string>();

  constructor(private readonly g: Gen) {}

  addTeams(role: TeamRole, teams: TeamInfo[]): void {
    const weights = role === 'safeguarding' || role === 'cic' ? demandWeights(teams.length) : teams.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    const cumulative = weights.map((w) => (acc += w / total));
    this.byRole.set(role, { teams, cumulative });
    for (const t of teams) this.teamsById.set(t.id, t);
  }

  /** The team of `role` that serves a child living in `area` (0 ≤ area < 1). */
  teamFor(role: TeamRole, area: number): TeamInfo {
    const entry = this.byRole.get(role)!;
    const i = entry.cumulative.findIndex((c) => area < c);
    return entry.teams[i === -1 ? entry.teams.length - 1 : i]!;
  }

  /** A worker in post in `team` on `date` and not leaving that day, chosen by weight. */
  workerOn(team: TeamInfo, date: IsoDate, except?: string): Worker | undefined {
    let total = 0;
    const active: Worker[] = [];
    for (const w of team.byYear.get(Number(date.slice(0, 4))) ?? []) {
      if (w.start <= date && (w.end === null || w.end > date) && w.id !== except) {
        active.push(w);
        total += w.weight;
      }
    }
    let r = this.g.rng.float() * total;
    for (const w of active) {
      r -= w.weight;
      if (r < 0) return w;
    }
    return active[active.length - 1];
  }

  /** Any worker of a role in post on `date` (front door decisions, chairs, early help workers). */
  anyOn(role: TeamRole, date: IsoDate): Worker | undefined {
    const team = this.teamFor(role, this.g.rng.float());
    return this.workerOn(team, date) ?? this.byRole.get(role)!.teams.map((t) => this.workerOn(t, date)).find((w) => w);
  }

  /** The manager of a team on `date`. */
  managerOn(teamId: string, date: IsoDate): string {
    const team = this.teamsById.get(teamId)!;
    for (const m of team.managers) if (m.start <= date && (m.end === null || m.end >= date)) return m.professionalId;
    return team.managers[team.managers.length - 1]!.professionalId;
  }

  /**
   * Allocate a child to a worker in the team of `role` from `from` until `to` (null: beyond asOf). The
   * allocation is reallocated when the worker leaves (LEFTRL, sometimes after a gap with nobody
   * allocated) and now and then for other reasons (management decision, absence, the family's request).
   */
  allocate(role: TeamRole, area: number, from: IsoDate, to: IsoDate | null, firstReason: string): Segment[] {
    const { rng, cal, asOf } = this.g;
    const segments: Segment[] = [];
    const team = this.teamFor(role, area);
    const until = to === null || to > asOf ? null : to;
    let t = from;
    // Cases waiting for a worker: now and then on transfer, often in the overloaded team.
    if (role === 'safeguarding' || role === 'cic' || role === 'assessment') {
      const chance = team.overloaded ? 0.2 : role === 'assessment' ? 0.02 : 0.04;
      if (rng.chance(chance)) t = cal.addDays(t, team.overloaded ? rng.int(20, 120) : rng.int(10, 60));
    }
    let reason = firstReason;
    let previous: string | undefined;
    while (t <= asOf && (until === null || t < until || (segments.length === 0 && t === until))) {
      const worker = this.workerOn(team, t, previous);
      if (!worker) {
        t = cal.addDays(t, 7);
        continue;
      }
      // The allocation lasts until the earliest of: the end of this piece of work, the worker leaving,
      // or a change for another reason (about once in two and a half years of a case; more often for
      // children in care, a quarter of whom have three or more social workers in a year in England).
      let end = until;
      let why: 'done' | 'left' | 'changed' = 'done';
      if (worker.end !== null && (end === null || worker.end < end)) {
        end = worker.end;
        why = 'left';
      }
      const change = cal.addDays(t, Math.min(9000, Math.max(14, Math.round(rng.exponential(role === 'cic' ? 600 : 900)))));
      if (end === null || change < end) {
        end = change;
        why = 'changed';
      }
      if (end > asOf) {
        segments.push({ workerId: worker.id, teamId: team.id, start: t, end: null, reason });
        break;
      }
      segments.push({ workerId: worker.id, teamId: team.id, start: t, end, reason });
      if (why === 'done') break;
      previous = worker.id;
      reason = why === 'left' ? 'LEFTRL' : rng.weighted(WORKER_CHANGE_WEIGHTS);
      // Now and then nobody picks up a departed worker's case for a few weeks.
      t = why === 'left' && rng.chance(0.15) ? cal.addDays(end, rng.int(5, 40)) : end;
    }
    return segments;
  }
}

/** The worker allocated on `date`, if any (the later allocation on a changeover day). */
export function allocatedOn(segments: readonly Segment[], date: IsoDate): Segment | undefined {
  let found: Segment | undefined;
  for (const s of segments) if (s.start <= date && (s.end === null || s.end >= date)) found = s;
  return found;
}

// ---------------------------------------------------------------- building the roster

const PERMANENT_LEAVING = {
  'Moved to another local authority': 34, 'Left social work': 14, 'Retired': 9, 'Promoted to a post elsewhere': 11,
  'Relocated': 15, 'Career break': 6, 'Moved to an agency': 9, 'Dismissed': 2,
};
const AGENCY_LEAVING = { 'End of agency assignment': 72, 'Agency worker ended the assignment early': 28 };

export function generateWorkforce(g: Gen): Workforce {
  const { rng, names, cal, ids, tables, scale } = g;
  const workforce = new Workforce(g);
  const swNumbers = new Set<string>();
  let staffNumber = 0;

  const addProfessional = (teamId: string, title: string, start: IsoDate, end: IsoDate | null, agency: boolean, caseHolding: boolean, registered: boolean): string => {
    const id = ids.next('W');
    let swe: string | null = null;
    if (registered) {
      do swe = `SW${rng.int(10000, 999999)}`;
      while (swNumbers.has(swe));
      swNumbers.add(swe);
    }
    staffNumber += 1;
    const name = names.fullName();
    workforce.names.set(id, name);
    tables.professional.push({
      id,
      staff_id: agency ? `AG${String(staffNumber).padStart(5, '0')}` : `E${String(staffNumber).padStart(6, '0')}`,
      name,
      job_title: title,
      swe_registration_no: swe,
      agency,
      fte: agency ? 1 : Number(rng.weighted({ '1': 76, '0.8': 11, '0.6': 8, '0.5': 5 })),
      team_id: teamId,
      case_holding: caseHolding,
      start_date: start,
      end_date: end,
      leaving_reason: end === null ? null : rng.weighted(agency ? AGENCY_LEAVING : PERMANENT_LEAVING),
    });
    return id;
  };

  /** A chain of managers with no gap between them, from long before the roster start to asOf. */
  const managerChain = (teamId: string, title: string): ManagerStint[] => {
    const stints: ManagerStint[] = [];
    let start = cal.addDays(g.rosterStart, -rng.int(0, 1500));
    for (;;) {
      let end: IsoDate | null = cal.addDays(start, Math.min(cal.daysBetween(start, g.asOf) + 1, 365 + Math.round(rng.exponential(1500))));
      if (end >= g.asOf) end = null;
      const professionalId = addProfessional(teamId, title, start, end, rng.chance(0.06), false, true);
      tables.team_manager.push({ id: ids.next('TM'), team_id: teamId, professional_id: professionalId, start_date: start, end_date: end });
      stints.push({ professionalId, start, end });
      if (end === null) return stints;
      start = cal.addDays(end, 1);
    }
  };

  const addTeam = (name: string, parentId: string | null, serviceArea: string | null, caseloadTarget: number | null): string => {
    const id = ids.next('T');
    tables.team.push({ id, name, parent_id: parentId, service_area: serviceArea, caseload_target: caseloadTarget });
    return id;
  };

  const rootId = addTeam("Children's Social Care", null, null, null);
  managerChain(rootId, 'Assistant Director');
  const serviceIds = new Map<string, string>();
  for (const spec of TEAM_SPECS) {
    if (!serviceIds.has(spec.service)) {
      const id = addTeam(spec.service, rootId, spec.service.toLowerCase(), null);
      managerChain(id, 'Head of Service');
      serviceIds.set(spec.service, id);
    }
  }

  for (const spec of TEAM_SPECS) {
    const count = Math.max(1, Math.round(spec.count * scale));
    const teams: TeamInfo[] = [];
    const weights = spec.role === 'safeguarding' || spec.role === 'cic' ? demandWeights(count) : [];
    for (let i = 0; i < count; i++) {
      const base = spec.names[i % spec.names.length]!;
      const name = i < spec.names.length ? base : `${base} ${Math.floor(i / spec.names.length) + 1}`;
      const id = addTeam(name, serviceIds.get(spec.service)!, spec.service.toLowerCase(), spec.caseloadTarget);
      const managers = managerChain(id, spec.role === 'leaving_care' ? 'Team Manager (Leaving Care)' : 'Team Manager');
      // The overloaded team carries 45% more work with fewer posts than its neighbours.
      const posts = weights[i] !== undefined && weights[i]! > 1 ? Math.round(spec.posts * 0.85) : spec.posts;
      const workers: Worker[] = [];
      for (let p = 0; p < posts; p++) {
        // Each post is held by a chain of people: permanent staff stay years, agency staff months, and a
        // vacancy of a few weeks can fall between them. Half of new hires are agency staff, which
        // puts agency workers at around 13% of those in post.
        let start = cal.addDays(g.rosterStart, -rng.int(0, 3000));
        for (;;) {
          const agency = rng.chance(0.5);
          let end: IsoDate | null = cal.addDays(start, Math.min(cal.daysBetween(start, g.asOf) + 1, agency ? 60 + Math.round(rng.exponential(300)) : 180 + Math.round(rng.exponential(2400))));
          if (end >= g.asOf) end = null;
          const title = rng.weighted(spec.titles);
          // Social workers, IROs and managers are registered with Social Work England; personal advisers
          // sometimes are; contact officers and family support workers are not.
          const registered = /Social Worker|Practitioner|Reviewing|Chair/.test(title) || (title.includes('Adviser') && rng.chance(0.25));
          const workerId = addProfessional(id, title, start, end, agency, spec.caseHolding, registered);
          workers.push({ id: workerId, teamId: id, start, end, weight: rng.logNormal(1, 0.45) });
          if (end === null) break;
          start = cal.addDays(end, 1 + (rng.chance(0.5) ? rng.int(0, 100) : 0));
          if (start >= g.asOf) break;
        }
      }
      const byYear = new Map<number, Worker[]>();
      for (const w of workers) {
        for (let y = Number(w.start.slice(0, 4)); y <= Number((w.end ?? g.asOf).slice(0, 4)); y++) {
          const list = byYear.get(y) ?? [];
          list.push(w);
          byYear.set(y, list);
        }
      }
      teams.push({ id, role: spec.role, workers, managers, byYear, overloaded: weights[i] !== undefined && weights[i]! > 1 });
    }
    workforce.addTeams(spec.role, teams);
  }
  return workforce;
}
