// A child's journey through one referral: the referral itself, a strategy discussion and section 47
// enquiry, the assessment, an initial child protection conference and CP plan (visits, core groups,
// review conferences), CIN plans (visits, reviews) that end and sometimes restart, entering care, and
// closure with a reason and a manager's authorisation. Every date follows the one before it, nothing
// happens after the child's 18th birthday but leaving care, and nothing is dated after asOf.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { REFERRAL_SOURCES } from '../platform/codes.ts';
import { fromBands, type Gen } from './context.ts';
import {
  CP_CATEGORY_WEIGHTS,
  ICPC_DELAY_BANDS,
  PRIMARY_NEED_WEIGHTS,
  REFERRAL_SOURCE_WEIGHTS,
} from './distributions.ts';
import { EpisodeBuilder } from './episode-builder.ts';
import { assessment } from './generate-assessment.ts';
import { runCarePeriod, type CareEntry, type CareSketch } from './generate-care.ts';
import { addContact, earlierContacts, startEarlyHelp, stepUpFromEarlyHelp } from './generate-front-door.ts';
import type { Child } from './generate-people.ts';
import type { Workforce } from './generate-workforce.ts';
import type { Row } from './model.ts';

export type Route =
  | 'nfa'
  | 'uasc'
  | 'cp'
  | 'icpc_no_plan'
  | 's47_cin'
  | 's47_close'
  | 's47_care'
  | 'assess_close'
  | 'assess_other'
  | 'assess_cin'
  | 'assess_care';

export type Next =
  | { kind: 'open' }
  | { kind: 'close'; date: IsoDate; reason: string; stepDown?: boolean }
  | { kind: 'cin'; date: IsoDate }
  | { kind: 'cp'; icpc: IsoDate; icpcId: string }
  | { kind: 'care'; date: IsoDate; entry: CareEntry; sketch?: CareSketch };

export interface EpisodeOptions {
  sourceCode?: string;
  groupId?: string;
  /** Siblings referred together share the strategy discussion and conference dates. */
  shared?: SharedDates;
  /** A child already in care when the history begins: the period of care is planned in advance. */
  historic?: CareSketch;
}

/** Working days from the referral to the strategy discussion, and from the S47 start to the conference. */
export interface SharedDates {
  strategyDelay?: number;
  icpcDelay?: number;
}

const S47_ROUTES: ReadonlySet<Route> = new Set(['cp', 'icpc_no_plan', 's47_cin', 's47_close', 's47_care']);

export function generateEpisode(g: Gen, wf: Workforce, child: Child, referralDate: IsoDate, route: Route, options: EpisodeOptions = {}): EpisodeBuilder {
  const { rng, cal } = g;
  const shared = options.shared ?? {};
  const source = options.sourceCode ?? (route === 'uasc' ? rng.weighted({ '6': 50, '5C': 25, '8': 25 }) : rng.weighted(REFERRAL_SOURCE_WEIGHTS));
  if (!options.historic) earlierContacts(g, wf, child, referralDate);
  stepUpFromEarlyHelp(child, referralDate);
  const contact = addContact(g, wf, child, referralDate, S47_ROUTES.has(route) ? 'strategy_discussion' : 'referral', {
    sourceCode: source,
    ...(options.groupId ? { groupId: options.groupId } : {}),
  });
  const need = route === 'nfa' ? null : route === 'uasc' ? 'N8' : child.disabled && rng.chance(0.5) ? 'N2' : rng.weighted(PRIMARY_NEED_WEIGHTS);
  const b = new EpisodeBuilder(g, wf, child, referralDate, {
    contact_id: contact.id,
    // The front door worker who took the referral; replaced by the allocated worker when there is one.
    worker_id: contact.decided_by ?? null,
    source_code: source,
    source_desc: REFERRAL_SOURCES[source as keyof typeof REFERRAL_SOURCES] ?? null,
    primary_need_code: need,
    outcome_json: JSON.stringify({
      SINGLE_ASSESSMENT_FLAG: route === 'nfa' ? 'N' : 'Y',
      STRATEGY_DISCUSSION_FLAG: S47_ROUTES.has(route) ? 'Y' : 'N',
      NUMBER_OF_OUTCOMES: 1,
    }),
  });
  child.lastReferral = referralDate;

  let next = firstPhase(b, route, shared, options.historic);
  for (let guard = 0; guard < 40; guard++) {
    if (next.kind === 'open') break;
    if (next.kind === 'close') {
      b.close(next.date, next.reason, next.stepDown ? { stepDown: true } : {});
      if (next.stepDown && b.closed) startEarlyHelp(g, wf, child, cal.addDays(b.closed, rng.int(1, 14)), null);
      break;
    }
    if (next.kind === 'cin') next = cinPlanPhase(b, next.date);
    else if (next.kind === 'cp') next = cpPlanPhase(b, next.icpc, next.icpcId);
    else next = runCarePeriod(b, next.date, next.entry, next.sketch);
  }
  b.finish();
  if (b.closed) {
    const reason = b.episode.close_reason;
    // Adopted children (a new identity) and young people who reached 18 are not referred again.
    child.freeFrom = reason === 'RC1' || b.closed >= b.endBy18 ? null : cal.addDays(b.closed, 1);
  } else {
    child.freeFrom = null;
  }
  return b;
}

// ---------------------------------------------------------------- referral, S47 and assessment

function firstPhase(b: EpisodeBuilder, route: Route, shared: SharedDates, historic?: CareSketch): Next {
  const { g, child } = b;
  const { rng, cal, asOf } = g;
  const ref = b.referralDate;
  if (route === 'nfa') {
    // Closed at the front door the day it arrived, or the next working day.
    const date = rng.chance(0.7) ? ref : cal.addWorkingDays(ref, 1);
    b.close(date > asOf ? ref : date, 'RC7', { nfa: true });
    return { kind: 'open' };
  }
  // Allocation to the assessment team: usually within a day or two, sometimes weeks later.
  const delay = rng.chance(0.93) ? rng.int(0, 2) : rng.int(5, 20);
  b.stint(child.disabled && b.episode.primary_need_code === 'N2' ? 'disability' : 'assessment', cal.addDays(ref, delay));
  b.oversee(cal.addDays(ref, delay), 'allocation', 0.35);
  b.note(ref, 'contact', 'Contact and referral', 'Contact screened by the MASH; referral accepted for assessment.', 0.3);

  let s47: Row<'s47_enquiry'> | null = null;
  let strategyDate: IsoDate | null = null;
  if (S47_ROUTES.has(route)) {
    strategyDate = cal.addWorkingDays(ref, shared.strategyDelay ?? Number(rng.weighted({ 0: 55, 1: 30, 2: 15 })));
    if (strategyDate > asOf) return { kind: 'open' };
    s47 = startS47(b, strategyDate);
  } else if (rng.chance(0.05)) {
    // A strategy discussion that decides an enquiry is not needed.
    const date = cal.addWorkingDays(ref, rng.int(0, 3));
    if (date <= asOf) strategyDiscussion(b, date, false);
  }

  const assessmentStart = cal.addWorkingDays(ref, Number(rng.weighted({ 0: 40, 1: 25, 2: 15, 3: 10, 5: 6, 8: 4 })));
  if (assessmentStart > asOf) return { kind: 'open' };
  const closesAfter = route === 'assess_close' || route === 's47_close';
  const authorised = assessment(b, assessmentStart, closesAfter);

  switch (route) {
    case 'cp':
    case 'icpc_no_plan': {
      const icpcDate = cal.addWorkingDays(strategyDate!, shared.icpcDelay ?? fromBands(rng, ICPC_DELAY_BANDS));
      // A child who turns 18 before the conference could be held needs none (else CIN rule 8868 on closing).
      endS47(b, s47!, cal.addWorkingDays(strategyDate!, rng.int(4, 9)), icpcDate <= b.endBy18, icpcDate);
      if (icpcDate > asOf || icpcDate > b.endBy18) return icpcDate > asOf ? { kind: 'open' } : { kind: 'close', date: b.endBy18, reason: 'RC7' };
      const icpc = holdIcpc(b, s47!, icpcDate, route === 'cp');
      if (route === 'cp') return { kind: 'cp', icpc: icpcDate, icpcId: icpc.id };
      return { kind: 'cin', date: cal.addDays(icpcDate, 1) };
    }
    case 's47_cin':
    case 's47_close': {
      const end = cal.addWorkingDays(strategyDate!, rng.int(5, 22));
      endS47(b, s47!, end, false);
      if (end > asOf || authorised === null) return { kind: 'open' };
      const after = end > authorised ? end : authorised;
      if (route === 's47_cin') return { kind: 'cin', date: cal.addDays(after, rng.int(0, 7)) };
      // Not RC8/RC9: those mean closed after assessment alone, and the DfE refuses them on an episode with a section 47 (CIN rule 2990).
      return { kind: 'close', date: cal.addDays(after, rng.int(0, 3)), reason: 'RC7', stepDown: rng.chance(0.15) };
    }
    case 's47_care': {
      endS47(b, s47!, cal.addWorkingDays(strategyDate!, rng.int(3, 12)), false);
      return { kind: 'care', date: cal.addDays(strategyDate!, rng.int(0, 2)), entry: 'emergency' };
    }
    case 'uasc':
      if (historic) return { kind: 'care', date: historic.start, entry: historic.entry, sketch: historic };
      return { kind: 'care', date: ref, entry: 'uasc' };
    case 'assess_care': {
      if (historic) return { kind: 'care', date: historic.start, entry: historic.entry, sketch: historic };
      const age = cal.daysBetween(child.dob, ref) / 365.25;
      const entry: CareEntry = age >= 11 && rng.chance(0.6) ? 's20' : 'planned';
      return { kind: 'care', date: cal.addDays(assessmentStart, rng.int(3, 50)), entry };
    }
    case 'assess_close':
      if (authorised === null) return { kind: 'open' };
      return { kind: 'close', date: cal.addDays(authorised, rng.int(0, 3)), reason: 'RC8', stepDown: rng.chance(0.2) };
    case 'assess_other': {
      // Services without a formal plan (short breaks, a piece of direct work), then closed: by the 18th
      // birthday at the latest (the authorisation is never after it).
      if (authorised === null) return { kind: 'open' };
      const date = cal.addDays(authorised, rng.int(30, 150));
      return { kind: 'close', date: date > b.endBy18 ? b.endBy18 : date, reason: 'RC7' };
    }
    case 'assess_cin':
      if (authorised === null) return { kind: 'open' };
      return { kind: 'cin', date: cal.addDays(authorised, rng.int(0, 10)) };
    default:
      return { kind: 'open' };
  }
}

function strategyDiscussion(b: EpisodeBuilder, date: IsoDate, s47: boolean): Row<'strategy_discussion'> {
  const { g } = b;
  const row: Row<'strategy_discussion'> = {
    id: g.ids.next('STR'),
    cin_episode_id: b.episode.id,
    person_id: b.child.id,
    discussion_date: date,
    attendees: g.rng.pick(['Social care, police, health', 'Social care, police, health, school', 'Social care, police', 'Social care, police, health, probation']),
    s47_required: s47,
    rationale: s47 ? 'Threshold for section 47 enquiries met.' : 'Concerns do not meet the threshold for section 47; single assessment to continue.',
  };
  b.fillManager(row as Record<string, unknown>, 'chaired_by', date);
  b.activity(date);
  g.tables.strategy_discussion.push(row);
  return row;
}

function startS47(b: EpisodeBuilder, date: IsoDate): Row<'s47_enquiry'> {
  const { g } = b;
  const sd = strategyDiscussion(b, date, true);
  const row: Row<'s47_enquiry'> = {
    id: g.ids.next('S47'),
    cin_episode_id: b.episode.id,
    person_id: b.child.id,
    strategy_discussion_id: sd.id,
    start_date: date,
  };
  b.fillWorker(row, date);
  g.tables.s47_enquiry.push(row);
  return row;
}

function endS47(b: EpisodeBuilder, row: Row<'s47_enquiry'>, end: IsoDate, conference: boolean, icpcDate?: IsoDate): void {
  const { g } = b;
  // The enquiry ends when its outcome is decided; a conference, when called, comes later.
  const date = icpcDate && end > icpcDate ? icpcDate : end;
  b.activity(date);
  if (date > g.asOf) return;
  row.end_date = date;
  row.icpc_required = conference;
  row.outcome_nfa = !conference && g.rng.chance(0.45);
  row.outcome_json = JSON.stringify({ CP_CONFERENCE_FLAG: conference ? 'Y' : 'N', NFA_FLAG: row.outcome_nfa ? 'Y' : 'N', TOTAL_NO_OF_OUTCOMES: 1 });
}

function holdIcpc(b: EpisodeBuilder, s47: Row<'s47_enquiry'>, date: IsoDate, plan: boolean): Row<'icpc'> {
  const { g } = b;
  const row: Row<'icpc'> = {
    id: g.ids.next('ICPC'),
    meeting_id: g.ids.next('MTG'),
    s47_enquiry_id: s47.id,
    cin_episode_id: b.episode.id,
    person_id: b.child.id,
    transfer_in: false,
    target_date: g.cal.addWorkingDays(s47.start_date!, 15),
    conference_date: date,
    outcome_cp_plan: plan,
    outcome_json: JSON.stringify({ CP_FLAG: plan ? 'Y' : 'N', TOTAL_NO_OF_OUTCOMES: 1 }),
    chair_id: b.wf.anyOn('iro', date)?.id ?? null,
  };
  b.fillWorker(row, date);
  b.activity(date);
  g.tables.icpc.push(row);
  b.note(date, 'conference', 'Initial child protection conference', plan ? 'Conference decided the child should be subject to a child protection plan.' : 'Conference decided a child protection plan was not needed; child in need plan to follow.');
  return row;
}

// ---------------------------------------------------------------- child in need plans

function safeguardingRole(b: EpisodeBuilder) {
  return b.child.disabled && b.episode.primary_need_code === 'N2' ? ('disability' as const) : ('safeguarding' as const);
}

/** Working days between visits: mostly within the standard, sometimes late, now and then drifting. */
function visitGap(g: Gen, type: 'cin' | 'cp'): number {
  const { rng } = g;
  if (type === 'cp') return fromBands(rng, [[5, 10, 78], [11, 15, 14], [16, 25, 6], [26, 40, 2]]);
  return fromBands(rng, [[8, 20, 72], [21, 30, 19], [31, 60, 9]]);
}

function cinPlanPhase(b: EpisodeBuilder, start: IsoDate): Next {
  const { g, child } = b;
  const { rng, cal, asOf } = g;
  if (start > asOf) return { kind: 'open' };
  if (start >= b.endBy18) return { kind: 'close', date: b.endBy18 < b.referralDate ? b.referralDate : b.endBy18, reason: 'RC7' };
  if (b.currentRole !== 'cic') b.stint(safeguardingRole(b), start);
  const duration = Math.round(Math.min(1100, Math.max(45, rng.logNormal(170, 0.6))));
  let end = cal.addDays(start, duration);
  let after: Next | null = null;
  if (end >= b.endBy18) {
    end = b.endBy18;
    after = { kind: 'close', date: end, reason: child.disabled && rng.chance(0.6) ? 'RC6' : 'RC7' };
  }
  // A new safeguarding concern during the plan: a section 47 enquiry, sometimes a conference and a CP plan.
  let icpcAt: { date: IsoDate; s47: Row<'s47_enquiry'> } | null = null;
  let conferencePending = false;
  let enquiry: Row<'s47_enquiry'> | null = null;
  if (rng.chance(0.055)) {
    const sd = cal.onOrAfterWorkingDay(cal.addDays(start, Math.round(duration * (0.15 + 0.6 * rng.float()))));
    if (sd < end && sd <= asOf) {
      const s47 = startS47(b, sd);
      enquiry = s47;
      const conference = rng.chance(0.33);
      const icpcDate = conference ? cal.addWorkingDays(sd, fromBands(rng, ICPC_DELAY_BANDS)) : null;
      // A conference called is held before the plan ends (the plan runs on to it), unless the child
      // turns 18 first: then the enquiry ends with none needed. One still to come at asOf leaves the plan
      // open, so no case is closed with a conference called and never held (CIN rule 8868).
      if (icpcDate !== null && icpcDate < b.endBy18) {
        endS47(b, s47, cal.addWorkingDays(sd, rng.int(4, 9)), true, icpcDate);
        if (icpcDate <= asOf) icpcAt = { date: icpcDate, s47 };
        else conferencePending = true;
      } else {
        // Decided by the 18th birthday at the latest: the episode closes then (CIN rule 8565).
        const decided = cal.addWorkingDays(sd, rng.int(5, 20));
        endS47(b, s47, decided > b.endBy18 ? b.endBy18 : decided, false);
      }
    }
  }
  // Or the child comes into care.
  let careAt: IsoDate | null = null;
  if (!icpcAt && !conferencePending && rng.chance(0.018)) careAt = cal.addDays(start, rng.int(20, Math.max(21, duration - 1)));
  // Not before an enquiry in this plan has ended: the plan would end at care, and a short stay in care
  // could close the referral with the enquiry still to come under it (CIN rule 8565).
  if (careAt && enquiry && (enquiry.end_date == null || careAt <= enquiry.end_date)) careAt = null;
  if (icpcAt) {
    end = cal.addDays(icpcAt.date, -1);
    if (end < start) end = start;
  } else if (conferencePending) {
    if (end <= asOf) end = cal.addDays(asOf, 1);
  } else if (careAt && careAt < end) {
    end = careAt;
  }

  const plan: Row<'cin_plan'> = {
    id: g.ids.next('CINP'),
    cin_episode_id: b.episode.id,
    person_id: child.id,
    start_date: start,
    end_date: end <= asOf ? end : null,
  };
  b.fillWorker(plan, start);
  g.tables.cin_plan.push(plan);

  // Reviews about every three months; visits about every 20 working days.
  let review = cal.addDays(start, rng.chance(0.88) ? rng.int(55, 92) : rng.int(93, 150));
  while (review < end && review <= asOf) {
    if (review >= g.recurringFrom) g.tables.cin_plan_review.push({ id: g.ids.next('CINR'), cin_plan_id: plan.id, person_id: child.id, review_date: review, outcome: rng.pick(['Plan to continue', 'Plan to continue with revised actions', 'Progress made; consider step-down at next review']) });
    review = cal.addDays(review, rng.chance(0.85) ? rng.int(80, 95) : rng.int(96, 160));
  }
  let visit = cal.addWorkingDays(start, rng.int(1, 10));
  while (visit < end && visit <= asOf) {
    b.visit({ type: 'cin', date: visit, cinPlanId: plan.id });
    visit = cal.addWorkingDays(visit, visitGap(g, 'cin'));
  }

  // An annual re-assessment for long plans.
  if (duration > 380 && rng.chance(0.5)) assessment(b, cal.addDays(start, rng.int(330, 370)), false, end);
  if (icpcAt) {
    const icpc = holdIcpc(b, icpcAt.s47, icpcAt.date, true);
    return { kind: 'cp', icpc: icpcAt.date, icpcId: icpc.id };
  }
  if (careAt && careAt <= end) return { kind: 'care', date: careAt, entry: 'planned' };
  if (end > asOf) return { kind: 'open' };
  if (after) return after;
  const r = rng.float();
  if (r < 0.06) return { kind: 'cin', date: cal.addDays(end, rng.int(20, 90)) }; // the plan ends and later restarts
  if (r < 0.11) return { kind: 'close', date: end, reason: 'RC5' };
  return { kind: 'close', date: end, reason: 'RC7', stepDown: rng.chance(0.15) };
}

// ---------------------------------------------------------------- child protection plans

/** The review conference a plan ends at: most at the first or second, a few run past two years. */
const REVIEWS_TO_END = { 1: 28, 2: 43, 3: 16.5, 4: 8, 5: 3.2, 6: 1.1, 7: 0.3 };

function cpPlanPhase(b: EpisodeBuilder, icpcDate: IsoDate, icpcId: string): Next {
  const { g, child } = b;
  const { rng, cal, asOf } = g;
  b.stint(safeguardingRole(b), icpcDate);
  const category = rng.weighted(CP_CATEGORY_WEIGHTS);
  const latest = rng.chance(0.9) ? category : rng.weighted(CP_CATEGORY_WEIGHTS);
  const plan: Row<'cp_plan'> = {
    id: g.ids.next('CPP'),
    cin_episode_id: b.episode.id,
    icpc_id: icpcId,
    person_id: child.id,
    start_date: icpcDate,
    initial_category: category,
    latest_category: latest,
    other_la: false,
  };
  g.tables.cp_plan.push(plan);
  child.cpPlans += 1;
  b.oversee(cal.addWorkingDays(icpcDate, rng.int(1, 5)), 'cp');

  const reviewsToEnd = Number(rng.weighted(REVIEWS_TO_END));
  let careAt = rng.chance(0.09) ? cal.addDays(icpcDate, rng.int(14, 420)) : null;
  if (careAt && careAt >= b.endBy18) careAt = null;
  let end: IsoDate | null = null;
  let ending: 'review' | 'care' | 'eighteen' = 'review';
  let previous = icpcDate;
  for (let n = 1; ; n++) {
    const due = cal.addMonths(previous, n === 1 ? 3 : 6);
    const r = rng.float();
    let held = r < 0.85 ? cal.addDays(due, -rng.int(0, 10)) : r < 0.95 ? cal.addDays(due, rng.int(1, 30)) : cal.addDays(due, -rng.int(14, 40));
    held = cal.onOrAfterWorkingDay(held);
    if (held <= previous) held = cal.addWorkingDays(previous, 1);
    if (careAt && careAt <= held) {
      end = careAt > icpcDate ? careAt : cal.addDays(icpcDate, 1);
      ending = 'care';
      break;
    }
    if (held > b.endBy18) {
      end = b.endBy18 > icpcDate ? b.endBy18 : cal.addDays(icpcDate, 1);
      ending = 'eighteen';
      break;
    }
    if (held > asOf) break;
    const last = n >= reviewsToEnd;
    const row: Row<'cp_review'> = {
      id: g.ids.next('CPR'),
      cp_plan_id: plan.id,
      person_id: child.id,
      due_date: due,
      review_date: held,
      meeting_id: g.ids.next('MTG'),
      continue_plan: !last,
      quorate: rng.chance(0.95),
      participation: rng.pick(['Child attended', 'Views shared through the social worker', 'Views shared through an advocate', 'Too young to participate', 'Did not attend']),
      chair_id: b.wf.anyOn('iro', held)?.id ?? null,
    };
    g.tables.cp_review.push(row);
    previous = held;
    if (last) {
      end = held;
      break;
    }
  }
  if (end !== null && end > asOf) end = null;
  plan.end_date = end;

  // Visits every ten working days or so, and core groups about monthly.
  const stop = end ?? asOf;
  let visit = cal.addWorkingDays(icpcDate, rng.int(1, 5));
  while (visit < stop && visit <= asOf) {
    b.visit({ type: 'cp', date: visit, cpPlanId: plan.id });
    visit = cal.addWorkingDays(visit, visitGap(g, 'cp'));
  }
  let core = cal.addWorkingDays(icpcDate, rng.chance(0.88) ? rng.int(4, 10) : rng.int(11, 20));
  while (core < stop && core <= asOf) {
    if (core >= g.recurringFrom) g.tables.core_group_meeting.push({ id: g.ids.next('CG'), cp_plan_id: plan.id, person_id: child.id, meeting_date: core, notes: rng.chance(0.3) ? 'Actions reviewed; two outstanding from the last meeting.' : null });
    core = cal.addDays(core, rng.chance(0.85) ? rng.int(26, 35) : rng.int(36, 70));
  }
  // Long plans get a fresh assessment.
  if (end === null || cal.daysBetween(icpcDate, end) > 400) {
    const s = cal.addDays(icpcDate, rng.int(330, 380));
    if (s <= asOf && (end === null || s < end) && rng.chance(0.5)) assessment(b, s, false, end ?? undefined);
  }

  if (end === null) return { kind: 'open' };
  if (ending === 'care') return { kind: 'care', date: end, entry: rng.chance(0.5) ? 'emergency' : 'planned' };
  if (ending === 'eighteen') return { kind: 'close', date: end, reason: 'RC7' };
  const r = rng.float();
  if (r < 0.63) return { kind: 'cin', date: cal.addDays(end, 1) };
  if (r < 0.95) return { kind: 'close', date: end, reason: 'RC7', stepDown: rng.chance(0.12) };
  return { kind: 'close', date: end, reason: 'RC5' };
}
