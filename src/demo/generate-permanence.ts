// Permanence for a looked-after child: the permanence plan as it changes (return home, adoption, long
// term with relatives or foster carers, supported living), any earlier permanence order, and the
// adoption record (ADM decision, placement order, match, placement, order; sometimes reversed) or the
// special guardianship or child arrangements order that ends the period of care.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { council } from './council.ts';
import { ADOPTER_SEX } from './distributions.ts';
import type { EpisodeBuilder } from './episode-builder.ts';
import type { CareSketch } from './generate-care.ts';
import type { Row } from './model.ts';

interface Dated<T> {
  start: IsoDate;
  value: T;
}

export function permanence(b: EpisodeBuilder, period: Row<'period_of_care'>, s: CareSketch, last: IsoDate, end: IsoDate | null): void {
  const { g, child, wf } = b;
  const { rng, cal, ids, tables, asOf } = g;
  const age = Math.floor(cal.daysBetween(child.dob, s.start) / 365.25);
  const steps: Dated<string>[] = [];
  const first = cal.addWorkingDays(s.start, 10);
  const short = cal.daysBetween(s.start, s.end) < 45;
  switch (s.exit) {
    case 'return_home':
      steps.push({ start: first, value: short ? 'RETURN1M' : 'RETURN6M' });
      break;
    case 'adoption':
      steps.push({ start: first, value: 'RETURN6M' });
      if (s.adoption) steps.push({ start: s.adoption.decision, value: 'ADOPTION' });
      break;
    case 'sgo':
    case 'cao':
      steps.push({ start: first, value: 'RETURN6M' }, { start: cal.addDays(s.start, rng.int(60, 150)), value: 'LTRELFR' });
      break;
    case 'eighteen':
      if (age >= 16 || s.entry === 'uasc') steps.push({ start: first, value: 'SUPPLIV' });
      else steps.push({ start: first, value: 'RETURN6M' }, { start: cal.addDays(s.start, rng.int(150, 300)), value: rng.chance(0.8) ? 'LTFOST18' : 'RESPLMT' });
      break;
    case 'remand_ended':
      steps.push({ start: first, value: 'RETURN1M' });
      break;
    case 'independent':
      steps.push({ start: first, value: 'SUPPLIV' });
      break;
    default:
      steps.push({ start: first, value: 'OTHERPLN' });
  }
  const kept = steps.filter((x, i) => x.start <= last && x.start >= s.start && (end === null || x.start <= end) && (i === 0 || x.start > steps[i - 1]!.start));
  kept.forEach((x, i) => {
    const next = kept[i + 1];
    tables.permanence_plan.push({ id: ids.next('PERM'), person_id: child.id, period_of_care_id: period.id, start_date: x.start, end_date: next ? next.start : end, plan: x.value as Row<'permanence_plan'>['plan'] });
  });
  if (kept.length) period.care_plan = kept[kept.length - 1]!.value;

  if (child.previousPermanence) {
    const p = child.previousPermanence;
    tables.previous_permanence.push({ id: ids.next('PREVP'), person_id: child.id, option_code: p.code, la: council.laCode, order_date: p.date });
  }

  const adoptionWorker = (d: IsoDate) => wf.anyOn('adoption', d)?.id ?? null;
  if (s.adoption && s.adoption.decision <= asOf) {
    const a = s.adoption;
    const upTo = (d: IsoDate) => (d <= last && d <= asOf && (!a.reversed || d < a.reversed.date) ? d : null);
    const placed = upTo(a.placed);
    const adopted = s.exit === 'adoption' && end !== null ? end : null;
    const adopters = rng.weighted(ADOPTER_SEX);
    const couple = !adopters.endsWith('1');
    tables.adoption.push({
      id: ids.next('ADP'),
      person_id: child.id,
      period_of_care_id: period.id,
      adm_decision_date: a.decision,
      ffa_decision_date: a.ffa ? a.decision : null,
      placement_order_date: upTo(a.placementOrder),
      matched_date: upTo(a.matched),
      placed_date: placed,
      placed_ffa_date: a.ffa ? cal.addDays(s.start, rng.int(0, 30)) : null,
      placed_foster_carer_date: a.byFosterCarer ? s.start : null,
      adopted_by_carer: placed ? a.byFosterCarer : null,
      decision_reversed_date: a.reversed && a.reversed.date <= asOf ? a.reversed.date : null,
      decision_reversed_reason: a.reversed && a.reversed.date <= asOf ? a.reversed.reason : null,
      order_date: adopted,
      order_type: adopted ? 'Adoption order' : null,
      number_of_adopters: upTo(a.matched) ? (couple ? 2 : 1) : null,
      adopter_sex: upTo(a.matched) ? adopters : null,
      adopter_legal_status: upTo(a.matched) ? (!couple ? 'L0' : adopters === 'MF' ? rng.weighted({ L11: 80, L2: 8, L3: 12 }) : rng.weighted({ L12: 55, L2: 35, L4: 10 })) : null,
      part_of_sibling_group: child.siblings.length > 0,
      siblings_placed_together: child.siblings.length > 0 ? 2 : 1,
      siblings_placed_apart: 0,
      provider_urn: council.adoptionUrn,
      worker_id: adoptionWorker(a.decision),
    });
  } else if ((s.exit === 'sgo' || s.exit === 'cao') && end !== null) {
    tables.adoption.push({
      id: ids.next('ADP'),
      person_id: child.id,
      period_of_care_id: period.id,
      order_date: end,
      order_type: s.exit === 'sgo' ? 'Special guardianship order' : 'Child arrangements order',
      worker_id: adoptionWorker(end),
    });
  }
}
