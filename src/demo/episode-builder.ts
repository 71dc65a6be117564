// One referral (CIN episode) as it is being generated. Phases of the journey add rows as they go; who
// held the case is only known once the whole episode is laid out, so rows that name a worker or a
// manager are filled in at the end, when the allocations are made (`finish`). Visits are planned the same
// way and only kept when somebody was allocated to make them: an unallocated case is not visited.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Gen } from './context.ts';
import type { Child } from './generate-people.ts';
import { allocatedOn, type Segment, type TeamRole, type Workforce } from './generate-workforce.ts';
import type { Row } from './model.ts';

interface WorkerField {
  row: { worker_id?: string | null; team_id?: string | null };
  date: IsoDate;
  team: boolean;
}

interface ManagerField {
  row: Record<string, unknown>;
  field: string;
  date: IsoDate;
}

export interface PlannedVisit {
  type: 'cin' | 'cp' | 'cla';
  date: IsoDate;
  cinPlanId?: string;
  cpPlanId?: string;
  periodId?: string;
}

const VISIT_NOTES = [
  'Saw the child at home with their carer; discussed school and friendships.',
  'Child seen alone in their bedroom; no new concerns raised.',
  'Home conditions improved since the last visit.',
  'Discussed the plan with the parent; actions from core group reviewed.',
  'Child shared wishes and feelings using the three houses tool.',
  'Unannounced visit; nobody home. Letter left and visit rearranged.',
  'Life story work started with the child.',
  'Child anxious about contact arrangements; to discuss at review.',
];

const OVERSIGHT = {
  allocation: ['Case allocated. Assessment to be completed within 45 working days; child to be seen within 5 working days.', 'Allocated; please see the child alone and speak to the school.'],
  assessment: ['Assessment authorised. Analysis is proportionate; agree the outcome.', 'Assessment authorised; plan to address the identified risks.', 'Authorised. Please ensure the child’s voice is clearer in future assessments.'],
  closure: ['Closure agreed; needs met.', 'Agree closure; family signposted to universal services.', 'Closure authorised; step-down plan shared with the school.'],
  cp: ['ICPC outcome noted; core group to meet within 10 working days.', 'Plan progressing; visits up to date.', 'Drift in the plan; escalate to the chair if no progress by review.'],
  care: ['Agree the child should become looked after; placement request made.', 'Care plan agreed; permanence planning meeting to be held before the second review.'],
};

export class EpisodeBuilder {
  readonly episode: Row<'cin_episode'>;
  readonly endBy18: IsoDate;
  private readonly stints: { role: TeamRole; from: IsoDate }[] = [];
  private readonly workerFields: WorkerField[] = [];
  private readonly managerFields: ManagerField[] = [];
  private readonly visits: PlannedVisit[] = [];
  private readonly notes: { date: IsoDate; type: string; title: string; body: string }[] = [];
  private readonly oversight: { date: IsoDate; decision: string; onTeamOf?: IsoDate }[] = [];
  segments: Segment[] = [];
  closed: IsoDate | null = null;
  /** The latest assessment authorisation so far, and whether one is still running at asOf. */
  private assessedUntil: IsoDate | null = null;
  private assessing = false;
  /** The latest strategy discussion, section 47 outcome or conference so far: the episode is not closed before it. */
  private activeUntil: IsoDate | null = null;

  constructor(
    readonly g: Gen,
    readonly wf: Workforce,
    readonly child: Child,
    referralDate: IsoDate,
    fields: Partial<Row<'cin_episode'>>,
  ) {
    this.endBy18 = g.cal.addDays(child.eighteenth, -1);
    this.episode = {
      id: g.ids.next('REF'),
      person_id: child.id,
      referral_date: referralDate,
      referral_nfa: false,
      ...fields,
    };
    g.tables.cin_episode.push(this.episode);
  }

  get referralDate(): IsoDate {
    return this.episode.referral_date;
  }

  /** The case moves to a team of `role` on `from` (no-op if it is already there). */
  stint(role: TeamRole, from: IsoDate): void {
    const last = this.stints[this.stints.length - 1];
    if (last && (last.role === role || from < last.from)) return;
    this.stints.push({ role, from });
  }

  get currentRole(): TeamRole | undefined {
    return this.stints[this.stints.length - 1]?.role;
  }

  /** The team holding the case on `date`. */
  teamOn(date: IsoDate): string {
    let role: TeamRole = this.stints[0]?.role ?? 'mash';
    for (const s of this.stints) if (s.from <= date) role = s.role;
    return this.wf.teamFor(role, this.child.area).id;
  }

  fillWorker(row: WorkerField['row'], date: IsoDate, team = true): void {
    this.workerFields.push({ row, date, team });
  }

  fillManager(row: Record<string, unknown>, field: string, date: IsoDate): void {
    this.managerFields.push({ row, field, date });
  }

  visit(v: PlannedVisit): void {
    if (v.date >= this.g.recurringFrom && v.date <= this.g.asOf && v.date < this.child.eighteenth) this.visits.push(v);
  }

  /** A case note, recorded with probability `chance` (recording is patchy). */
  note(date: IsoDate, type: string, title: string, body: string, chance = 1): void {
    if (date >= this.g.recurringFrom && date <= this.g.asOf && this.g.rng.chance(chance)) this.notes.push({ date, type, title, body });
  }

  /** A management oversight entry, recorded with probability `chance`. */
  oversee(date: IsoDate, kind: keyof typeof OVERSIGHT, chance = 1): void {
    if (date >= this.g.recurringFrom && date <= this.g.asOf && this.g.rng.chance(chance)) this.oversight.push({ date, decision: this.g.rng.pick(OVERSIGHT[kind]) });
  }

  /** An assessment in this episode is authorised on `date` (null: not by asOf). */
  assessed(date: IsoDate | null): void {
    if (date === null) this.assessing = true;
    else if (this.assessedUntil === null || date > this.assessedUntil) this.assessedUntil = date;
  }

  /**
   * A strategy discussion, the end of a section 47 enquiry or a conference on `date` (which may be after
   * asOf: an enquiry still running). Nothing of the episode may be dated after its closure (CIN rule 8565).
   */
  activity(date: IsoDate): void {
    if (this.activeUntil === null || date > this.activeUntil) this.activeUntil = date;
  }

  /**
   * Closes the episode on `date`, or when its last assessment is authorised or its last safeguarding
   * activity is done if that is later (not closed at all if that is after asOf).
   */
  close(at: IsoDate, reason: string, options: { nfa?: boolean; stepDown?: boolean } = {}): void {
    const { g } = this;
    if (this.assessing) return;
    let date = this.assessedUntil !== null && this.assessedUntil > at ? this.assessedUntil : at;
    if (this.activeUntil !== null && this.activeUntil > date) date = this.activeUntil;
    if (date > g.asOf) return;
    this.closed = date;
    Object.assign(this.episode, {
      close_date: date,
      close_reason: reason,
      closure_authorised_date: g.rng.chance(0.85) || g.cal.addDays(date, 2) > g.asOf ? date : g.cal.addDays(date, g.rng.int(1, 2)),
      referral_nfa: options.nfa ?? false,
      step_down_to_early_help: options.stepDown ?? false,
    });
    this.fillManager(this.episode as Record<string, unknown>, 'closure_authorised_by', date);
    if (!options.nfa) {
      this.oversee(date, 'closure', 0.35);
      this.note(date, 'closure_summary', 'Closure summary', 'Case closed. Summary of work completed and the family’s views recorded; universal services informed.', 0.4);
    }
  }

  /** Allocates every stint, writes the involvements and fills in workers, managers and visits. */
  finish(): void {
    const { g, wf, child } = this;
    const end = this.closed;
    let segments: Segment[] = [];
    this.stints.forEach((stint, i) => {
      const next = this.stints[i + 1];
      let to: IsoDate | null = next ? next.from : end;
      // A stint replaced the day it began leaves no allocation (it would be a social worker episode of no length).
      if ((to !== null && to < stint.from) || next?.from === stint.from) return;
      if (to === null && stint.from > g.asOf) return;
      segments.push(...wf.allocate(stint.role, child.area, stint.from, to, i === 0 ? 'FCONTA' : 'TSPROC'));
    });
    // A worker allocated and gone the same day, with others on the case, was never its social worker (903 SW09STG2).
    if (segments.length > 1) segments = segments.filter((s) => s.end !== s.start);
    this.segments = segments;
    for (const s of segments) {
      g.tables.involvement.push({
        id: g.ids.next('INV'),
        professional_id: s.workerId,
        person_id: child.id,
        cin_episode_id: this.episode.id,
        role: 'CW',
        team_id: s.teamId,
        start_date: s.start,
        end_date: s.end,
        change_reason: s.reason,
      });
    }
    const first = segments[0];
    this.episode.team_id = first?.teamId ?? this.teamOn(this.referralDate);
    this.episode.worker_id = first?.workerId ?? this.episode.worker_id ?? null;

    for (const f of this.workerFields) {
      const s = allocatedOn(segments, f.date) ?? segments.find((x) => x.start >= f.date) ?? segments[segments.length - 1];
      f.row.worker_id = s?.workerId ?? null;
      if (f.team) f.row.team_id = s?.teamId ?? this.teamOn(f.date);
    }
    for (const f of this.managerFields) f.row[f.field] = wf.managerOn(this.teamOn(f.date), f.date);

    const age = (date: IsoDate) => g.cal.daysBetween(child.dob, date) / 365.25;
    for (const v of this.visits) {
      const s = allocatedOn(segments, v.date);
      if (!s) continue;
      const seen = g.rng.chance(0.95);
      const older = age(v.date) >= 4;
      g.tables.visit.push({
        id: g.ids.next('V'),
        visit_type: v.type,
        person_id: child.id,
        cin_plan_id: v.cinPlanId ?? null,
        cp_plan_id: v.cpPlanId ?? null,
        period_of_care_id: v.periodId ?? null,
        visit_date: v.date,
        seen,
        seen_alone: seen && older ? g.rng.chance(0.68) : false,
        seen_bedroom: seen && v.type !== 'cin' ? g.rng.chance(0.45) : null,
        worker_id: s.workerId,
        notes: g.rng.chance(0.35) ? g.rng.pick(VISIT_NOTES) : null,
      });
    }
    for (const n of this.notes) {
      const author = allocatedOn(segments, n.date)?.workerId ?? wf.managerOn(this.teamOn(n.date), n.date);
      const note: Row<'case_note'> = {
        id: g.ids.next('NOTE'),
        person_id: child.id,
        cin_episode_id: this.episode.id,
        note_date: n.date,
        note_type: n.type,
        title: n.title,
        body: n.body,
        author_id: author,
      };
      g.tables.case_note.push(note);
      // Notes are never edited: now and then a correction is recorded as a new note amending it.
      const amended = g.cal.addDays(n.date, g.rng.int(0, 10));
      if (g.rng.chance(0.01) && amended <= g.asOf) {
        g.tables.case_note.push({
          ...note,
          id: g.ids.next('NOTE'),
          note_date: amended,
          body: `${n.body} (Corrected: the meeting was with the father, not the mother.)`,
          amends_note_id: note.id,
          amendment_reason: g.rng.pick(['Recorded against the wrong family member', 'Date of the visit corrected', 'Typing error corrected']),
        });
      }
    }
    for (const o of this.oversight) {
      g.tables.management_oversight.push({
        id: g.ids.next('MO'),
        person_id: child.id,
        cin_episode_id: this.episode.id,
        manager_id: wf.managerOn(this.teamOn(o.date), o.date),
        oversight_date: o.date,
        decision: o.decision,
      });
    }
  }
}
