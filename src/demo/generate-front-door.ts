// The front door: contacts screened by the MASH within a working day — most end in no further action,
// advice or early help, some become referrals — and the early help episodes that children step up from
// and down to. Includes the children who are only ever contacts, some of them again and again.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { REFERRAL_SOURCES } from '../platform/codes.ts';
import { council } from './council.ts';
import { fromBands, type Gen } from './context.ts';
import { REFERRAL_AGE_BANDS, REFERRAL_SOURCE_WEIGHTS } from './distributions.ts';
import { createChild, dobForAge, type Child, type People } from './generate-people.ts';
import type { Workforce } from './generate-workforce.ts';
import type { Row } from './model.ts';

export type ContactOutcome = 'nfa' | 'advice' | 'early_help' | 'referral' | 'strategy_discussion';

const CONCERNS = [
  'Police attended a domestic incident at the family home; the child was present.',
  'School report the child has arrived hungry and unkempt on several days.',
  'Health visitor concerned about home conditions and the baby’s weight.',
  'The child disclosed to a teacher that a parent hit them.',
  'Neighbour reports children left alone in the evenings.',
  'A&E attendance with an injury that does not fit the explanation given.',
  'Parent’s mental health has deteriorated; concerns about care of the children.',
  'Young person missing overnight and found with older adults.',
  'Concerns about parental drug use in the home.',
  'School concerned about the child’s low mood and self-harm.',
  'Anonymous caller reports shouting and a child crying.',
  'Housing officer reports the family is facing eviction.',
  'Parent asking for help managing the child’s behaviour.',
  'GP concerned about missed medical appointments for a child with complex needs.',
];

const RATIONALES: Record<ContactOutcome, readonly string[]> = {
  nfa: ['No safeguarding concerns identified; universal services are involved.', 'Information shared is historic and already known; no further action.', 'Parent has taken protective action; no role for children’s social care.'],
  advice: ['Advice given to the referrer about support available.', 'Signposted the family to the Family Hub and the school nurse.', 'Advice and information given to the parent.'],
  early_help: ['Needs can be met through a coordinated early help offer.', 'Family consent to early help; referred to the Family Hub.'],
  referral: ['Threshold met for a children and families assessment.', 'Cumulative concerns indicate the child may be in need; referral accepted.'],
  strategy_discussion: ['Reasonable cause to suspect significant harm; strategy discussion convened.', 'Child protection concerns; strategy discussion with police and health.'],
};

const REFERRER_ORGANISATION: Readonly<Record<string, string>> = {
  '2A': 'Tillbrook Primary School', '2B': 'Tillbrook Education Welfare Service', '3A': 'Marshfield Medical Centre', '3B': 'Tillbrook Health Visiting Service',
  '3C': 'School Nursing Service', '3D': 'Community Midwifery', '3E': council.hospital, '3F': 'Child and Adolescent Mental Health Service',
  '4': 'Tillbrook Homes', '5A': 'Children’s Social Care (another team)', '5B': 'Youth Justice Service', '5C': 'Another local authority', '5D': 'Family Hub',
  '6': council.police, '7': 'Probation Service', '8': 'Voluntary sector',
};

const EARLY_HELP_REASONS = ['Parenting support', 'School attendance', 'Child’s behaviour', 'Domestic abuse support', 'Housing and financial difficulties', 'Parental mental health', 'Young carer support'];
const EARLY_HELP_ENDINGS = { 'Needs met – plan completed': 55, 'Family disengaged': 18, 'Family moved away': 7, 'Stepped down to universal services': 20 };

function decisionDate(g: Gen, date: IsoDate, prompt: boolean): IsoDate {
  const { cal, rng } = g;
  const working = cal.isWorkingDay(date);
  if (prompt) return working && rng.chance(0.85) ? date : cal.addWorkingDays(date, 1);
  // The one-working-day screening clock: most on time, a few late.
  const r = rng.float();
  if (r < 0.7 && working) return date;
  if (r < 0.95) return cal.addWorkingDays(date, 1);
  return cal.addWorkingDays(date, rng.int(2, 4));
}

export function addContact(
  g: Gen,
  wf: Workforce,
  child: Child,
  date: IsoDate,
  outcome: ContactOutcome,
  options: { sourceCode?: string; groupId?: string } = {},
): Row<'contact'> {
  const { rng, ids, tables, names, asOf } = g;
  const source = options.sourceCode ?? rng.weighted(REFERRAL_SOURCE_WEIGHTS);
  const prompt = outcome === 'referral' || outcome === 'strategy_discussion';
  let decided: IsoDate | null = decisionDate(g, date, prompt);
  if (decided > asOf) decided = prompt ? date : null;
  const recorder = wf.anyOn('mash', date);
  const decider = decided ? wf.anyOn('mash', decided) : undefined;
  const yearBefore = g.cal.addYears(date, -1);
  const recentContacts = child.contactDates.filter((d) => d >= yearBefore && d <= date).length;
  const row: Row<'contact'> = {
    id: ids.next('CON'),
    contact_group_id: options.groupId ?? null,
    person_id: child.id,
    contact_date: date,
    contact_time: `${String(rng.int(7, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00`,
    source_code: source,
    source_desc: REFERRAL_SOURCES[source as keyof typeof REFERRAL_SOURCES] ?? null,
    reason: rng.pick(CONCERNS),
    referrer_name: source === '9' ? null : names.fullName(),
    referrer_organisation: REFERRER_ORGANISATION[source] ?? null,
    recorded_by: recorder?.id ?? null,
    decision_date: decided,
    decided_by: decided ? (decider?.id ?? null) : null,
    outcome: decided ? outcome : null,
    rationale: decided ? rng.pick(RATIONALES[outcome]) : null,
    outcome_json: decided
      ? JSON.stringify({
          NEW_REFERRAL_FLAG: prompt ? 'Y' : 'N',
          CP_ENQUIRY_FLAG: outcome === 'strategy_discussion' ? 'Y' : 'N',
          NFA_FLAG: outcome === 'nfa' ? 'Y' : 'N',
          ADVICE_FLAG: outcome === 'advice' ? 'Y' : 'N',
          NUMBER_OF_OUTCOMES: 1,
        })
      : null,
  };
  // A child with two or more contacts in the previous year: the worker's decision waits for a
  // manager, who nearly always agrees (and so a run of "no further action" goes unchallenged).
  if (decided && recentContacts >= 2) {
    const mash = wf.teamFor('mash', 0);
    row.proposed_outcome = outcome;
    row.proposed_rationale = row.rationale;
    row.proposed_by = row.decided_by;
    row.proposed_date = decided;
    row.manager_review_by = wf.managerOn(mash.id, decided);
    row.manager_review_date = decided;
    row.manager_review_agreed = true;
    row.manager_review_note = rng.pick(['Agree with the proposed outcome.', 'Agree; history considered.', 'Agree. Please ensure the school is updated.']);
  }
  tables.contact.push(row);
  child.contactDates.push(date);
  return row;
}


export function startEarlyHelp(g: Gen, wf: Workforce, child: Child, start: IsoDate, contactId: string | null, plannedEnd?: IsoDate): Row<'early_help_episode'> | null {
  const { rng, ids, tables, cal, asOf } = g;
  if (start > asOf || start >= child.eighteenth) return null;
  let end: IsoDate | null = plannedEnd ?? cal.addDays(start, rng.int(60, 300));
  if (end >= child.eighteenth) end = cal.addDays(child.eighteenth, -1);
  if (end > asOf) end = null;
  const worker = wf.anyOn('early_help', start);
  const row: Row<'early_help_episode'> = {
    id: ids.next('EH'),
    person_id: child.id,
    start_date: start,
    end_date: end,
    reason: rng.pick(EARLY_HELP_REASONS),
    end_reason: end ? rng.weighted(EARLY_HELP_ENDINGS) : null,
    organisation: rng.pick(['Family Hub North', 'Family Hub South', 'School-led early help', 'Tillbrook Parenting Service']),
    worker_id: worker?.id ?? null,
    contact_id: contactId,
  };
  tables.early_help_episode.push(row);
  child.earlyHelp = row;
  return row;
}

/** A referral during early help ends it: the step-up. */
export function stepUpFromEarlyHelp(child: Child, referralDate: IsoDate): void {
  const eh = child.earlyHelp;
  if (!eh || eh.start_date > referralDate) return;
  if (eh.end_date == null || eh.end_date > referralDate) {
    eh.end_date = referralDate;
    eh.end_reason = 'Stepped up to children’s social care';
  }
}

/**
 * Earlier contacts about a child who is now being referred: the ones that "led nowhere and came back".
 * They fall in the year before the referral and after any earlier involvement ended.
 */
export function earlierContacts(g: Gen, wf: Workforce, child: Child, referralDate: IsoDate): void {
  const { rng, cal } = g;
  if (!rng.chance(0.3)) return;
  let from = cal.addYears(referralDate, -1);
  if (child.freeFrom && child.freeFrom > from) from = child.freeFrom;
  const birth = cal.addDays(child.dob, 14);
  if (birth > from) from = birth;
  const to = cal.addDays(referralDate, -7);
  if (from > to) return;
  const k = rng.weighted({ 1: 60, 2: 30, 3: 10 });
  const dates: IsoDate[] = [];
  for (let i = 0; i < Number(k); i++) dates.push(cal.between(from, to, rng.float()));
  dates.sort();
  for (const date of dates) {
    const outcome = rng.weighted({ nfa: 50, advice: 36, early_help: 14 }) as ContactOutcome;
    const contact = addContact(g, wf, child, date, outcome);
    if (outcome === 'early_help' && contact.outcome === 'early_help') startEarlyHelp(g, wf, child, cal.addDays(contact.decision_date!, rng.int(1, 14)), contact.id);
  }
}

/**
 * Children who are only ever contacts: most once, some a few times, and a few again and again within a
 * year, every time closed with no further action or advice — the cumulative harm an inspector looks for.
 */
export function contactOnlyChildren(g: Gen, wf: Workforce, people: People): Child[] {
  const { rng, cal, asOf } = g;
  const from = cal.addYears(g.windowStart, -1);
  const years = cal.daysBetween(from, asOf) / 365.25;
  const n = Math.round(4300 * g.scale * years);
  const children: Child[] = [];
  for (let i = 0; i < n; i++) {
    const first = cal.between(from, asOf, rng.float());
    const age = fromBands(rng, REFERRAL_AGE_BANDS);
    const dob = dobForAge(g, first, age);
    if (cal.daysBetween(first, cal.addYears(dob, 18)) < 30) continue;
    const child = createChild(g, people, { dob });
    const k = Number(rng.weighted({ 1: 77, 2: 15, 3: 5, 4: 2, 5: 1 }));
    const repeated = k >= 3;
    const span = repeated ? rng.int(90, 330) : rng.int(30, 500);
    const dates = [first];
    for (let j = 1; j < k; j++) dates.push(cal.addDays(first, Math.round((span * j) / (k - 1)) - rng.int(0, 20)));
    dates.sort();
    for (const date of dates) {
      if (date > asOf || date >= child.eighteenth || date < first) continue;
      const outcome: ContactOutcome = repeated ? (rng.chance(0.6) ? 'nfa' : 'advice') : (rng.weighted({ nfa: 47, advice: 33, early_help: 20 }) as ContactOutcome);
      const contact = addContact(g, wf, child, date, outcome);
      if (contact.outcome === 'early_help' && (!child.earlyHelp || (child.earlyHelp.end_date != null && child.earlyHelp.end_date < date))) {
        startEarlyHelp(g, wf, child, cal.addDays(contact.decision_date!, rng.int(1, 14)), contact.id);
      }
    }
    children.push(child);
  }
  return children;
}
