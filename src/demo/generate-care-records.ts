// What the council records about a looked-after child's health, wellbeing and education: health
// assessments (initial within 20 working days, then six-monthly or yearly) and dental checks, yearly SDQs
// and immunisation status, missing episodes with return-home interviews, personal education plans each
// term, and for a few teenagers substance misuse or a conviction.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Gen } from './context.ts';
import { SDQ_NO_SCORE_REASONS } from './distributions.ts';
import type { CareSketch } from './generate-care.ts';
import type { Child } from './generate-people.ts';
import type { Row } from './model.ts';

export function generateCareRecords(g: Gen, child: Child, period: Row<'period_of_care'>, s: CareSketch, last: IsoDate): void {
  const { rng, cal, ids, tables, asOf } = g;
  const endOfPeriod = period.end_date ?? null;
  const inPeriod = (d: IsoDate) => d > s.start && d <= last && d <= asOf && (endOfPeriod === null || d < endOfPeriod) && d < child.eighteenth;
  const keep = (d: IsoDate) => inPeriod(d) && d >= g.recurringFrom;
  const age = (d: IsoDate) => Math.floor(cal.daysBetween(child.dob, d) / 365.25);
  const addCheck = (type: 'initial_health_assessment' | 'review_health_assessment' | 'dental' | 'optician', date: IsoDate) => {
    if (keep(date)) tables.health_check.push({ id: ids.next('HC'), person_id: child.id, check_type: type, check_date: date, status: age(date) >= 12 && rng.chance(0.04) ? 'Refused' : 'Completed' });
  };

  // Health assessments: the initial within 20 working days, reviews six-monthly under 5, yearly after.
  let health = cal.addWorkingDays(s.start, rng.chance(0.75) ? rng.int(5, 20) : rng.int(21, 70));
  if (inPeriod(health)) {
    addCheck('initial_health_assessment', health);
    for (;;) {
      const due = cal.addMonths(health, age(health) < 5 ? 6 : 12);
      health = rng.chance(0.82) ? cal.addDays(due, -rng.int(0, 40)) : cal.addDays(due, rng.int(1, 90));
      if (!inPeriod(health)) break;
      addCheck('review_health_assessment', health);
    }
  }
  if (age(s.start) >= 1) {
    let dental = cal.addDays(s.start, rng.int(30, 200));
    while (inPeriod(dental)) {
      if (rng.chance(0.95)) addCheck('dental', dental);
      dental = cal.addDays(dental, rng.chance(0.75) ? rng.int(250, 365) : rng.int(366, 540));
    }
  }
  if (age(s.start) >= 4 && rng.chance(0.3)) {
    const optician = cal.addDays(s.start, rng.int(60, 500));
    if (inPeriod(optician)) addCheck('optician', optician);
  }

  // Yearly, for children looked after for a year by 31 March: an SDQ (ages 4–16) in the weeks before it,
  // as the SSDA903 asks (OC2), and immunisations at 31 March.
  for (let y = Number(s.start.slice(0, 4)) + 1; y <= Number(last.slice(0, 4)); y++) {
    const march = `${y}-03-31`;
    // Looked after from 1 April counts as the whole year (364 days to 31 March).
    if (cal.daysBetween(s.start, march) < 364 || !inPeriod(march)) continue;
    const sdqDate = cal.addDays(march, -rng.int(10, 80));
    const a = age(sdqDate);
    if (a >= 4 && a <= 16 && keep(sdqDate)) {
      const scored = rng.chance(0.88);
      tables.sdq_score.push({
        id: ids.next('SDQ'),
        person_id: child.id,
        completed_date: sdqDate,
        score: scored ? Math.max(0, Math.min(40, Math.round(14 + 6.5 * rng.normal()))) : null,
        reason: scored ? null : rng.weighted(SDQ_NO_SCORE_REASONS),
      });
    }
  }
  for (let y = Number(s.start.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    const march = `${y}-03-31`;
    if (keep(march) && cal.daysBetween(s.start, march) >= 365) tables.immunisation.push({ id: ids.next('IMM'), person_id: child.id, up_to_date: rng.chance(0.87), status_date: cal.date(march) });
  }

  // Missing from placement: most children never, some now and then, a few again and again (11+).
  const profile = rng.weighted({ never: 79, sometimes: 15, often: 6 });
  if (profile !== 'never') {
    const perYear = profile === 'sometimes' ? 1.5 : 9;
    let t = cal.addDays(s.start, Math.round(rng.exponential(365 / perYear)));
    while (inPeriod(t)) {
      if (age(t) >= 11 && t >= g.recurringFrom) {
        const length = rng.chance(0.5) ? 0 : rng.chance(0.6) ? 1 : rng.int(2, 6);
        let end: IsoDate | null = cal.addDays(t, length);
        if (endOfPeriod && end > endOfPeriod) end = endOfPeriod;
        if (end > asOf) end = null;
        const missing = rng.chance(0.85);
        const offered = end !== null && rng.chance(missing ? 0.93 : 0.4);
        tables.missing_episode.push({
          id: ids.next('MIS'),
          person_id: child.id,
          episode_type: missing ? 'MISSING' : 'AWAY',
          start_date: t,
          end_date: end,
          rhi_offered: end === null ? null : offered,
          rhi_accepted: offered ? rng.chance(0.6) : null,
        });
        t = end ?? t;
      }
      t = cal.addDays(t, 1 + Math.round(rng.exponential(365 / perYear)));
    }
  }

  // Personal education plans: started within 20 working days, then reviewed each school term.
  const pepQuality = () => rng.weighted({ Good: 64, 'Requires improvement': 29, Inadequate: 7 });
  const firstPep = cal.addWorkingDays(s.start, rng.int(5, 20));
  if (age(firstPep) >= 4 && keep(firstPep)) tables.pep.push({ id: ids.next('PEP'), person_id: child.id, period_of_care_id: period.id, pep_date: firstPep, school: child.school, quality: pepQuality() });
  for (let y = Number(s.start.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    for (const md of ['-02-20', '-06-15', '-10-15']) {
      if (rng.chance(0.1)) continue; // a term's PEP missed
      const date = cal.addDays(`${y}${md}`, rng.int(-15, 15));
      if (date > cal.addDays(firstPep, 30) && age(date) >= 4 && keep(date)) tables.pep.push({ id: ids.next('PEP'), person_id: child.id, period_of_care_id: period.id, pep_date: date, school: child.school, quality: pepQuality() });
    }
  }

  // A few teenagers: substance misuse identified, a conviction.
  if (age(last) >= 12 && rng.chance(0.05)) {
    const date = cal.between(s.start, last, rng.float());
    if (keep(date) && age(date) >= 12) tables.substance_misuse.push({ id: ids.next('SUB'), person_id: child.id, identified_date: date, substance: rng.pick(['Cannabis', 'Alcohol', 'Cocaine', 'Nitrous oxide']), intervention_received: rng.chance(0.7) });
  }
  if (age(last) >= 12 && rng.chance(0.03)) {
    const date = cal.between(s.start, last, rng.float());
    if (keep(date) && age(date) >= 10) tables.conviction.push({ id: ids.next('CONV'), person_id: child.id, conviction_date: date, offence: rng.pick(['Criminal damage', 'Theft', 'Common assault', 'Possession of a controlled drug', 'Robbery']) });
  }
}
