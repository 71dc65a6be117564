// Care leavers: from becoming an eligible child (16, looked after 13 weeks since 14) to 21, or 25 for
// those who ask for support: a personal adviser (sometimes only allocated at 18), pathway plans reviewed
// six-monthly, PA contact about every two months, and dated care-leaver records with eligibility,
// whether the council is in touch, accommodation and its suitability, and education or work.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { Gen } from './context.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from './distributions.ts';
import type { Child } from './generate-people.ts';
import { allocatedOn, type Workforce } from './generate-workforce.ts';

export interface LeavingCare {
  /** The day the young person became an eligible child. */
  eligibleFrom: IsoDate;
  /** The day they ceased to be looked after. */
  leftCare: IsoDate;
  stayingPut: boolean;
}

const ACCOMMODATION_WEIGHTS = Object.fromEntries(Object.entries(CARE_LEAVER_ACCOMMODATION).map(([k, [w]]) => [k, w])) as Record<string, number>;

export function careLeaverJourney(g: Gen, wf: Workforce, child: Child, leaving: LeavingCare): void {
  const { rng, cal, ids, tables, asOf } = g;
  const eighteenth = child.eighteenth;
  const supportAfter21 = rng.chance(0.3);
  const entitlementEnd = cal.addDays(cal.addYears(child.dob, supportAfter21 ? 25 : 21), -1);
  const last = entitlementEnd < asOf ? entitlementEnd : asOf;
  if (leaving.eligibleFrom > last) return;

  // A personal adviser: usually soon after the young person becomes eligible, for some only at 18.
  const paStart = rng.chance(0.78) ? cal.addDays(leaving.eligibleFrom, rng.int(0, 90)) : eighteenth > leaving.eligibleFrom ? eighteenth : leaving.eligibleFrom;
  const segments = paStart <= last ? wf.allocate('leaving_care', child.area, paStart, entitlementEnd >= asOf ? null : entitlementEnd, 'FCONTA') : [];
  for (const s of segments) {
    tables.involvement.push({ id: ids.next('INV'), professional_id: s.workerId, person_id: child.id, cin_episode_id: null, role: '16PLUS', team_id: s.teamId, start_date: s.start, end_date: s.end, change_reason: s.reason });
  }
  const paOn = (d: IsoDate) => allocatedOn(segments, d);

  // Pathway plans: a needs assessment within three months of eligibility, then reviews every six months.
  const needsAssessment = cal.addDays(leaving.eligibleFrom, rng.chance(0.8) ? rng.int(10, 90) : rng.int(91, 200));
  let plan = cal.addDays(needsAssessment, rng.int(0, 45));
  const planDates: IsoDate[] = [];
  let first = true;
  while (plan <= last) {
    planDates.push(plan);
    tables.pathway_plan.push({ id: ids.next('PWP'), person_id: child.id, plan_date: plan, is_review: !first, needs_assessment_date: first ? needsAssessment : null, worker_id: paOn(plan)?.workerId ?? null });
    first = false;
    plan = cal.addDays(plan, rng.chance(0.78) ? rng.int(140, 182) : rng.int(190, 320));
  }

  // Personal adviser contact, about every eight weeks; much less for those the council has lost touch with.
  const inTouch = rng.weighted(CARE_LEAVER_IN_TOUCH);
  const contactDates: IsoDate[] = [];
  if (segments.length) {
    let contact = cal.addDays(paStart, rng.int(3, 30));
    while (contact <= last) {
      const s = paOn(contact);
      if (s) {
        contactDates.push(contact);
        if (contact >= g.recurringFrom) {
          tables.pa_contact.push({ id: ids.next('PAC'), person_id: child.id, contact_date: contact, worker_id: s.workerId, method: rng.weighted({ 'Home visit': 45, 'Phone call': 25, 'Video call': 10, 'Text or message': 12, 'Office visit': 8 }) });
        }
      }
      const gap = inTouch === 'YES' ? (rng.chance(0.85) ? rng.int(20, 60) : rng.int(61, 120)) : rng.int(90, 240);
      contact = cal.addDays(contact, gap);
    }
  }

  // Care leaver records: when eligibility starts or changes, on each birthday from 17, and the latest.
  const recordDates = new Set<IsoDate>([leaving.eligibleFrom]);
  if (leaving.leftCare < eighteenth) recordDates.add(leaving.leftCare);
  for (let age = 17; age <= (supportAfter21 ? 25 : 21); age++) recordDates.add(cal.addYears(child.dob, age));
  recordDates.add(cal.addDays(last, -rng.int(0, 30)));
  let accommodation = rng.weighted(ACCOMMODATION_WEIGHTS);
  if (leaving.stayingPut) accommodation = 'Z';
  let activity = rng.weighted(CARE_LEAVER_ACTIVITY);
  for (const date of [...recordDates].sort()) {
    if (date < leaving.eligibleFrom || date > last) continue;
    const inCare = date < leaving.leftCare;
    const eligibility = inCare ? 'eligible' : date < eighteenth ? 'relevant' : 'former relevant';
    if (!inCare && rng.chance(0.25)) accommodation = rng.weighted(ACCOMMODATION_WEIGHTS);
    if (rng.chance(0.35)) activity = rng.weighted(CARE_LEAVER_ACTIVITY);
    const suitable = CARE_LEAVER_ACCOMMODATION[accommodation]![1];
    const pa = paOn(date);
    const latestContact = contactDates.filter((d) => d <= date).pop() ?? null;
    const latestPlan = planDates.filter((d) => d <= date).pop() ?? null;
    tables.care_leaver.push({
      id: ids.next('CL'),
      person_id: child.id,
      record_date: date,
      eligibility,
      in_touch: inCare ? 'YES' : inTouch,
      latest_contact: latestContact,
      // A foyer is not for under-18s (903 rule 347): semi-independent accommodation until then. Nor is
      // living with former foster carers (staying put starts at 18; 903 rule 3001): with family until then.
      accommodation: inCare ? null : date < eighteenth && accommodation === 'T' ? 'D' : date < eighteenth && accommodation === 'Z' ? 'B' : accommodation,
      accommodation_suitable: inCare ? null : rng.chance(0.04) ? null : rng.chance(suitable) ? '1' : '2',
      activity: inCare ? 'F2' : activity,
      pathway_plan_review_date: latestPlan,
      personal_adviser_name: pa ? (wf.names.get(pa.workerId) ?? null) : null,
      team_id: pa?.teamId ?? null,
      worker_id: pa?.workerId ?? null,
      staying_put: !inCare && leaving.stayingPut && date < cal.addYears(child.dob, 21),
      support_requested_after_21: supportAfter21 && date >= cal.addYears(child.dob, 21),
    });
  }
}
