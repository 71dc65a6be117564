// The single assessment: started within days of the referral, authorised by a manager after a number
// of working days that follows England's distribution (median 33, about 86% within 45), with the child
// seen and the factors identified recorded with their CIN census codes.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { fromBands } from './context.ts';
import { ASSESSMENT_DURATION_BANDS, ASSESSMENT_FACTOR_WEIGHTS } from './distributions.ts';
import type { EpisodeBuilder } from './episode-builder.ts';
import type { Row } from './model.ts';

const FACTOR_COUNT = { 1: 25, 2: 30, 3: 25, 4: 13, 5: 7 };
const ANALYSES = [
  'Risks are reducing with support; parents engage well.',
  'Cumulative neglect is affecting the child’s development.',
  'The child is exposed to domestic abuse; the protective parent needs support.',
  'Needs can be met by universal services.',
  'Parental mental health affects routines; extended family support available.',
];

/** A single assessment starting on `start`; returns its authorisation date, or null if not yet authorised. */
export function assessment(b: EpisodeBuilder, start: IsoDate, noFurtherAction: boolean, limit?: IsoDate): IsoDate | null {
  const { g, child } = b;
  const { rng, cal, asOf } = g;
  if (start > asOf || (limit !== undefined && start > limit)) return null;
  const days = fromBands(rng, ASSESSMENT_DURATION_BANDS);
  let authorised = cal.addWorkingDays(start, days);
  if (authorised > b.endBy18) authorised = b.endBy18 >= start ? b.endBy18 : start;
  if (limit && authorised > limit) authorised = limit >= start ? limit : start;
  const done = authorised <= asOf;
  const seenBy = cal.addWorkingDays(start, Math.min(days, rng.int(0, 8)));
  const seen = seenBy <= asOf ? rng.chance(0.96) : null;
  const factors: string[] = [];
  if (done) {
    if (noFurtherAction && rng.chance(0.3)) factors.push('21');
    else {
      const n = Number(rng.weighted(FACTOR_COUNT));
      while (factors.length < n) {
        const f = rng.weighted(ASSESSMENT_FACTOR_WEIGHTS);
        if (!factors.includes(f)) factors.push(f);
      }
      if (child.uasc && !factors.includes('9A')) factors.unshift('9A');
    }
  }
  const completed = done ? cal.addWorkingDays(start, Math.max(0, days - rng.int(0, 2))) : null;
  const row: Row<'assessment'> = {
    id: g.ids.next('ASM'),
    cin_episode_id: b.episode.id,
    person_id: child.id,
    start_date: start,
    child_seen: seen,
    child_seen_date: seen ? seenBy : null,
    factors,
    analysis: done ? rng.pick(ANALYSES) : null,
    completed_date: completed && completed <= authorised ? completed : done ? authorised : null,
    authorised_date: done ? authorised : null,
    outcome_nfa: done ? noFurtherAction : null,
    outcome_json: done ? JSON.stringify({ NFA_FLAG: noFurtherAction ? 'Y' : 'N', PROV_OF_SERVICES_FLAG: noFurtherAction ? 'N' : 'Y', TOTAL_NO_OF_OUTCOMES: 1 }) : null,
  };
  b.fillWorker(row, start);
  if (done) {
    b.fillManager(row as Record<string, unknown>, 'authorised_by', authorised);
    b.oversee(authorised, 'assessment', 0.5);
    b.note(authorised, 'assessment', 'Assessment authorised', row.analysis ?? '', 0.4);
  }
  g.tables.assessment.push(row);
  b.assessed(done ? authorised : null);
  return done ? authorised : null;
}
