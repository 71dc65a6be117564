// What the child's record shows about care: the period of care and the placement now, the permanence plan
// and adoption, and for a care leaver the needs assessment, the latest care-leaver record, the personal
// adviser and how long their support runs. One read for the page and the API.
import type { Db } from '../platform/db/connect.ts';
import { ageOn } from '../platform/calendar/calendar.ts';
import { ALL_PLACEMENT_TYPES, LEGAL_STATUS, PLACEMENT_PROVIDERS } from '../platform/codes.ts';
import { adoptionJourneys, adoptionStage } from './adoption.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH, VISIT_REGIMES } from '../platform/codes.ts';
import { careSpellsOf, needsAssessmentDue, paEntitlement } from './care-leavers.ts';
import { careLeaverEligibility } from './eligibility.ts';

const label = (list: Record<string, string>, code: string | null) => (code ? `${code} – ${list[code] ?? code}` : null);

export async function careSummary(db: Db, childId: string, asOf: string) {
  const [child, period] = await Promise.all([
    db.selectFrom('person').select(['dob']).where('id', '=', childId).executeTakeFirst(),
    db.selectFrom('period_of_care').selectAll().where('person_id', '=', childId).where('deleted_at', 'is', null).where('start_date', '<=', asOf).orderBy('start_date', 'desc').executeTakeFirst(),
  ]);
  const dob = child?.dob ?? null;
  let care = null;
  if (period) {
    const [placements, status, plan] = await Promise.all([
      db
        .selectFrom('placement')
        .leftJoin('foster_household', 'foster_household.id', 'placement.foster_household_id')
        .select(['placement.id', 'placement.start_date', 'placement.end_date', 'placement.placement_type', 'placement.provider', 'placement.provider_name', 'placement.distance_miles', 'placement.in_area', 'placement.unregistered', 'placement.visit_regime', 'placement.visit_regime_end_date', 'placement.change_reason', 'foster_household.name as household'])
        .where('placement.period_of_care_id', '=', period.id)
        .where('placement.deleted_at', 'is', null)
        .orderBy('placement.start_date', 'desc')
        .execute(),
      db.selectFrom('legal_status').select(['code', 'start_date']).where('period_of_care_id', '=', period.id).where('deleted_at', 'is', null).orderBy('start_date', 'desc').executeTakeFirst(),
      db.selectFrom('permanence_plan').select(['plan', 'start_date']).where('person_id', '=', childId).where('deleted_at', 'is', null).orderBy('start_date', 'desc').executeTakeFirst(),
    ]);
    const current = placements[0] ?? null;
    care = {
      periodOfCareId: period.id,
      startDate: period.start_date,
      endDate: period.end_date,
      endReason: period.end_reason,
      open: period.end_date === null || period.end_date >= asOf,
      legalStatus: status ? { code: status.code, text: label(LEGAL_STATUS, status.code), since: status.start_date } : null,
      placement: current && {
        ...current,
        // Older records may hold a withdrawn code (H5, P2, Z1): shown with its old label.
        type: label(ALL_PLACEMENT_TYPES, current.placement_type),
        providerText: label(PLACEMENT_PROVIDERS, current.provider),
        visitRule: current.visit_regime && (!current.visit_regime_end_date || current.visit_regime_end_date > asOf) ? VISIT_REGIMES[current.visit_regime as keyof typeof VISIT_REGIMES] : null,
      },
      placementsInPeriod: placements.length,
      permanencePlan: plan ?? null,
    };
  }
  const journeys = await adoptionJourneys(db, childId);
  const adoption = journeys.length ? { stage: adoptionStage(journeys.at(-1)!), journeys: journeys.length } : null;

  let leaving = null;
  if (dob && ageOn(dob, asOf) >= 15) {
    const [spells, assessments, record, request, adviser] = await Promise.all([
      careSpellsOf(db, childId),
      db.selectFrom('leaving_care_needs_assessment').select('assessment_date').where('person_id', '=', childId).where('deleted_at', 'is', null).execute(),
      db.selectFrom('care_leaver').selectAll().where('person_id', '=', childId).where('deleted_at', 'is', null).where('record_date', '<=', asOf).orderBy('record_date', 'desc').orderBy('created_at', 'desc').executeTakeFirst(),
      db.selectFrom('care_leaver_support_request').select('request_date').where('person_id', '=', childId).where('deleted_at', 'is', null).orderBy('request_date').executeTakeFirst(),
      db
        .selectFrom('involvement')
        .innerJoin('professional', 'professional.id', 'involvement.professional_id')
        .select(['professional.name', 'involvement.start_date'])
        .where('involvement.person_id', '=', childId)
        .where('involvement.role', '=', '16PLUS')
        .where('involvement.start_date', '<=', asOf)
        .where((eb) => eb.or([eb('involvement.end_date', 'is', null), eb('involvement.end_date', '>=', asOf)]))
        .where('involvement.deleted_at', 'is', null)
        .executeTakeFirst(),
    ]);
    const eligibility = careLeaverEligibility(dob, spells, asOf);
    leaving = {
      needsAssessment: needsAssessmentDue(dob, spells, assessments.map((a) => a.assessment_date), asOf),
      latest: record && {
        recordDate: record.record_date,
        eligibility: record.eligibility,
        inTouch: label(CARE_LEAVER_IN_TOUCH, record.in_touch),
        accommodation: label(CARE_LEAVER_ACCOMMODATION, record.accommodation),
        suitable: record.accommodation_suitable === '1' || record.accommodation_suitable === 'Suitable' ? 'Suitable' : record.accommodation_suitable === '2' || record.accommodation_suitable === 'Unsuitable' ? 'Not suitable' : null,
        activity: label(CARE_LEAVER_ACTIVITY, record.activity),
        stayingPut: record.staying_put,
      },
      supportRequestDate: request?.request_date ?? null,
      personalAdviser: adviser ?? null,
      paSupport: paEntitlement(dob, eligibility.category, request?.request_date ?? null, asOf),
      age: ageOn(dob, asOf),
    };
  }
  return { care, adoption, leaving };
}
