// Reads what the clocks need for a whole council in one query per table (run side by side), not per child.
import { sql } from 'kysely';
import { addDays, addMonths, type IsoDate } from '../platform/calendar/calendar.ts';
import type { Db } from '../platform/db/connect.ts';
import { emptyClockRecords, HEALTH_ASSESSMENT_TYPES, type ClockRecords } from './clock-records.ts';
import { reportingPeriod } from './period.ts';

export interface ClockScope {
  /** Only these children's clocks (and no supervision clocks); all, when absent. */
  childIds?: readonly string[];
}

/**
 * The records on or before `asOf`, leaving out subjects that ended so long before the period that none of
 * their instances can be listed: an instance is due at most 12 calendar months after it starts, and it
 * starts on or before its subject's end, so a subject ending 13 months before the period is done with.
 */
export async function loadClockRecords(db: Db, asOf: IsoDate, scope: ClockScope = {}): Promise<ClockRecords> {
  const { childIds } = scope;
  if (childIds !== undefined && childIds.length === 0) return emptyClockRecords();
  const period = reportingPeriod(asOf);
  const cutoff = addMonths(period.start, -13);
  const forChildren = childIds !== undefined;
  const ids = childIds ?? [];

  const recentReferrals = db
    .selectFrom('cin_episode')
    .where('cin_episode.deleted_at', 'is', null)
    .where('cin_episode.referral_date', '<=', asOf)
    .where((eb) => eb.or([eb('cin_episode.close_date', 'is', null), eb('cin_episode.close_date', '>=', cutoff)]))
    .$if(forChildren, (qb) => qb.where('cin_episode.person_id', 'in', ids));
  const recentS47s = db
    .selectFrom('s47_enquiry')
    .where('s47_enquiry.deleted_at', 'is', null)
    // An enquiry that called a conference keeps its clock open until the ICPC, however long ago it ended.
    .where((eb) => eb.or([eb('s47_enquiry.end_date', 'is', null), eb('s47_enquiry.end_date', '>=', cutoff), eb('s47_enquiry.icpc_required', '=', true)]))
    .$if(forChildren, (qb) => qb.where('s47_enquiry.person_id', 'in', ids));
  const recentCpPlans = db
    .selectFrom('cp_plan')
    .where('cp_plan.deleted_at', 'is', null)
    .where('cp_plan.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('cp_plan.end_date', 'is', null), eb('cp_plan.end_date', '>=', cutoff)]))
    .$if(forChildren, (qb) => qb.where('cp_plan.person_id', 'in', ids));
  const recentCinPlans = db
    .selectFrom('cin_plan')
    .where('cin_plan.deleted_at', 'is', null)
    .where('cin_plan.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('cin_plan.end_date', 'is', null), eb('cin_plan.end_date', '>=', cutoff)]))
    .$if(forChildren, (qb) => qb.where('cin_plan.person_id', 'in', ids));
  const recentPeriods = db
    .selectFrom('period_of_care')
    .where('period_of_care.deleted_at', 'is', null)
    .where('period_of_care.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('period_of_care.end_date', 'is', null), eb('period_of_care.end_date', '>=', cutoff)]))
    .$if(forChildren, (qb) => qb.where('period_of_care.person_id', 'in', ids));

  const [
    persons,
    contacts,
    referrals,
    assessmentDates,
    s47Enquiries,
    icpcs,
    cpPlans,
    cpReviewDates,
    cinPlans,
    visitDates,
    periodsOfCare,
    placements,
    claReviewDates,
    healthCheckDates,
    careLeavers,
    pathwayPlanDates,
    paContactDates,
    supervisionDates,
    professionals,
  ] = await Promise.all([
    // Only the people whose date of birth or death a clock uses: a death ends every clock, and the date of
    // birth sets the health-assessment interval and the end of a care leaver's entitlement at 25.
    db
      .selectFrom('person')
      .select(['id', 'dob', 'death_date as deathDate'])
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('death_date', 'is not', null),
          eb('id', 'in', recentPeriods.select('period_of_care.person_id')),
          eb('id', 'in', eb.selectFrom('pathway_plan').select('pathway_plan.person_id').where('pathway_plan.deleted_at', 'is', null)),
          eb('id', 'in', eb.selectFrom('pa_contact').select('pa_contact.person_id').where('pa_contact.deleted_at', 'is', null)),
          eb('id', 'in', eb.selectFrom('care_leaver').select('care_leaver.person_id').where('care_leaver.deleted_at', 'is', null)),
        ]),
      )
      .$if(forChildren, (qb) => qb.where('id', 'in', ids))
      .execute(),
    db
      .selectFrom('contact')
      .select(['id', 'person_id as personId', 'contact_date as contactDate', 'decision_date as decisionDate', sql<boolean>`outcome_json is not null`.as('fromImport')])
      .where('deleted_at', 'is', null)
      .where('contact_date', '<=', asOf)
      // The decision is due a working day after the contact, so a contact decided before the period and
      // made more than a week before it has no instance to list (rules.ts: contact-decision).
      .where((eb) => eb.or([eb('contact_date', '>=', addDays(period.start, -7)), eb('decision_date', 'is', null), eb('decision_date', '>=', period.start)]))
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .execute(),
    recentReferrals.select(['id', 'person_id as personId', 'referral_date as referralDate', 'close_date as closeDate']).execute(),
    db
      .selectFrom('assessment')
      .select(['cin_episode_id as cinEpisodeId', datesOf('authorised_date')])
      .groupBy('cin_episode_id')
      .where('deleted_at', 'is', null)
      .where('authorised_date', '<=', asOf)
      .where('cin_episode_id', 'in', recentReferrals.select('cin_episode.id'))
      .execute(),
    recentS47s
      .leftJoin('strategy_discussion as sd', (join) => join.onRef('sd.id', '=', 's47_enquiry.strategy_discussion_id').on('sd.deleted_at', 'is', null))
      .select([
        's47_enquiry.id',
        's47_enquiry.cin_episode_id as cinEpisodeId',
        's47_enquiry.person_id as personId',
        's47_enquiry.start_date as startDate',
        'sd.discussion_date as strategyDiscussionDate',
        's47_enquiry.end_date as endDate',
        's47_enquiry.icpc_required as icpcRequired',
      ])
      .execute(),
    db
      .selectFrom('icpc')
      .select(['cin_episode_id as cinEpisodeId', 's47_enquiry_id as s47EnquiryId', 'conference_date as conferenceDate', 'transfer_in as transferIn'])
      .where('deleted_at', 'is', null)
      .where('conference_date', '<=', asOf)
      .where('cin_episode_id', 'in', recentS47s.select('s47_enquiry.cin_episode_id'))
      .execute(),
    recentCpPlans
      .leftJoin('icpc', (join) => join.onRef('icpc.id', '=', 'cp_plan.icpc_id').on('icpc.deleted_at', 'is', null))
      .select(['cp_plan.id', 'cp_plan.person_id as personId', 'cp_plan.start_date as startDate', 'cp_plan.end_date as endDate', 'icpc.conference_date as icpcDate'])
      .execute(),
    db
      .selectFrom('cp_review')
      .select(['cp_plan_id as cpPlanId', datesOf('review_date')])
      .groupBy('cp_plan_id')
      .where('deleted_at', 'is', null)
      .where('review_date', '<=', asOf)
      .where('cp_plan_id', 'in', recentCpPlans.select('cp_plan.id'))
      .execute(),
    recentCinPlans.select(['id', 'person_id as personId', 'start_date as startDate', 'end_date as endDate']).execute(),
    db
      .selectFrom('visit')
      .select(['visit_type as visitType', 'person_id as personId', 'cin_plan_id as cinPlanId', 'cp_plan_id as cpPlanId', 'period_of_care_id as periodOfCareId', datesOf('visit_date')])
      .groupBy(['visit_type', 'person_id', 'cin_plan_id', 'cp_plan_id', 'period_of_care_id'])
      .where('deleted_at', 'is', null)
      .where('visit_date', '<=', asOf)
      .where((eb) =>
        eb.or([
          eb.and([eb('visit_type', '=', 'cp'), eb('cp_plan_id', 'in', recentCpPlans.select('cp_plan.id'))]),
          eb.and([eb('visit_type', '=', 'cin'), eb('person_id', 'in', recentCinPlans.select('cin_plan.person_id'))]),
          eb.and([eb('visit_type', '=', 'cla'), eb('period_of_care_id', 'in', recentPeriods.select('period_of_care.id'))]),
        ]),
      )
      // Redundant with the plans' own filter, but lets the planner use the visit's person index (not a scan).
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .$narrowType<{ visitType: 'cin' | 'cp' | 'cla' }>()
      .execute(),
    recentPeriods.select(['id', 'person_id as personId', 'start_date as startDate', 'end_date as endDate']).execute(),
    db
      .selectFrom('placement')
      .select([
        'id',
        'period_of_care_id as periodOfCareId',
        'person_id as personId',
        'start_date as startDate',
        'end_date as endDate',
        'placement_type as placementType',
        'long_term_to_18 as longTermTo18',
        'visit_regime as visitRegime',
        'visit_regime_end_date as visitRegimeEndDate',
      ])
      .where('deleted_at', 'is', null)
      .where('start_date', '<=', asOf)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', cutoff)]))
      .where('period_of_care_id', 'in', recentPeriods.select('period_of_care.id'))
      .execute(),
    db
      .selectFrom('cla_review')
      .select(['period_of_care_id as periodOfCareId', 'cancelled', datesOf('review_date')])
      .groupBy(['period_of_care_id', 'cancelled'])
      .where('deleted_at', 'is', null)
      .where('review_date', '<=', asOf)
      .where('period_of_care_id', 'in', recentPeriods.select('period_of_care.id'))
      .execute(),
    db
      .selectFrom('health_check')
      .select(['person_id as personId', 'check_type as checkType', datesOf('check_date')])
      .groupBy(['person_id', 'check_type'])
      .where('deleted_at', 'is', null)
      .where('check_date', '<=', asOf)
      .where('check_type', 'in', HEALTH_ASSESSMENT_TYPES)
      .where('person_id', 'in', recentPeriods.select('period_of_care.person_id'))
      .execute(),
    db
      .selectFrom('care_leaver')
      .select(['person_id as personId', 'record_date as recordDate', 'eligibility', 'pathway_plan_review_date as pathwayPlanReviewDate', 'latest_contact as latestContact'])
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('record_date', 'is', null), eb('record_date', '<=', asOf)]))
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .execute(),
    db
      .selectFrom('pathway_plan')
      .select(['person_id as personId', datesOf('plan_date')])
      .groupBy('person_id')
      .where('deleted_at', 'is', null)
      .where('plan_date', '<=', asOf)
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .execute(),
    db
      .selectFrom('pa_contact')
      .select(['person_id as personId', datesOf('contact_date')])
      .groupBy('person_id')
      .where('deleted_at', 'is', null)
      .where('contact_date', '<=', asOf)
      .$if(forChildren, (qb) => qb.where('person_id', 'in', ids))
      .execute(),
    // Supervision is about workers, so a child-scoped load has none.
    forChildren
      ? []
      : db
          .selectFrom('supervision')
          .select(['professional_id as professionalId', datesOf('supervision_date')])
          .groupBy('professional_id')
          .where('deleted_at', 'is', null)
          .where('supervision_date', '<=', asOf)
          .execute(),
    forChildren
      ? []
      : db
          .selectFrom('professional')
          .select(['id', 'end_date as endDate'])
          .where('deleted_at', 'is', null)
          .where('id', 'in', (eb) => eb.selectFrom('supervision').select('professional_id').where('deleted_at', 'is', null))
          .execute(),
  ]);

  return {
    persons,
    contacts,
    referrals,
    assessments: eachDate(assessmentDates, (g, authorisedDate) => ({ cinEpisodeId: g.cinEpisodeId, authorisedDate })),
    s47Enquiries,
    icpcs,
    cpPlans,
    cpReviews: eachDate(cpReviewDates, (g, reviewDate) => ({ cpPlanId: g.cpPlanId, reviewDate })),
    cinPlans,
    visits: eachDate(visitDates, (g, visitDate) => ({ visitType: g.visitType, personId: g.personId, cinPlanId: g.cinPlanId, cpPlanId: g.cpPlanId, periodOfCareId: g.periodOfCareId, visitDate })),
    periodsOfCare,
    placements,
    claReviews: eachDate(claReviewDates, (g, reviewDate) => ({ periodOfCareId: g.periodOfCareId, reviewDate, cancelled: g.cancelled })),
    healthChecks: eachDate(healthCheckDates, (g, checkDate) => ({ personId: g.personId, checkType: g.checkType, checkDate })),
    careLeavers,
    pathwayPlans: eachDate(pathwayPlanDates, (g, planDate) => ({ personId: g.personId, planDate })),
    paContacts: eachDate(paContactDates, (g, contactDate) => ({ personId: g.personId, contactDate })),
    supervisions: eachDate(supervisionDates, (g, supervisionDate) => ({ professionalId: g.professionalId, supervisionDate })),
    professionals,
  };
}

// The tables of completions (visits, reviews, contacts) are most of a council's rows, and the pg driver
// spends its time per row: each is read as one row per subject with its dates joined, and split here.

/** A date column's values in the group, joined with commas (read back with `eachDate`). */
function datesOf(column: string) {
  return sql<string>`string_agg(${sql.ref(column)}::text, ',')`.as('dates');
}

/** One record per date of each group read with `datesOf`. */
function eachDate<G extends { dates: string }, R>(groups: readonly G[], make: (group: G, date: IsoDate) => R): R[] {
  const records: R[] = [];
  for (const g of groups) for (const date of g.dates.split(',')) records.push(make(g, date));
  return records;
}
