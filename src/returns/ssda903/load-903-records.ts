// The records an SSDA903 return is built from, in one statement (as the CIN census loads its own): SQL
// narrows to the children looked after at some point in the year and the care leavers of the OC3 age
// band, and hands each table back as a JSON array; build903 does the exact choosing. The 903 episodes are
// the cla_episode rows, which src/care/episodes.ts derives from the placements and legal statuses
// (imported extracts and the demo carry their own). Deleted rows and deleted people are never loaded.
import { sql } from 'kysely';
import { addDays, addYears } from '../../platform/calendar/calendar.ts';
import type { Db } from '../../platform/db/connect.ts';
import { collectionPeriod } from './cohort.ts';

export interface Ssda903Records {
  people: Array<{ id: string; upn: string | null; upn_unknown: string | null; sex: string | null; ethnicity: string | null; dob: string | null; is_mother: boolean | null; first_child_dob: string | null }>;
  episodes: Array<{
    person_id: string; period_of_care_id: string; start_date: string; start_reason: string | null; legal_status: string | null; primary_need_code: string | null;
    placement_type: string | null; provider: string | null; end_date: string | null; end_reason: string | null; reason_place_change: string | null;
    home_postcode: string | null; placement_postcode: string | null; urn: string | null;
  }>;
  reviews: Array<{ person_id: string; review_date: string; participation: string | null }>;
  uasc: Array<{ person_id: string; start_date: string | null; end_date: string | null }>;
  sdq: Array<{ person_id: string; completed_date: string | null; score: number | null; reason: string | null }>;
  immunisations: Array<{ person_id: string; up_to_date: boolean; status_date: string | null }>;
  healthChecks: Array<{ person_id: string; check_type: string; check_date: string; status: string | null }>;
  substanceMisuse: Array<{ person_id: string; identified_date: string | null; intervention_received: boolean | null }>;
  convictions: Array<{ person_id: string; conviction_date: string }>;
  careLeavers: Array<{ person_id: string; record_date: string | null; eligibility: string | null; in_touch: string | null; accommodation: string | null; accommodation_suitable: string | null; activity: string | null }>;
  /** Every period of care the care leavers had, for whether and how they left care. */
  leaverPeriods: Array<{ person_id: string; start_date: string; end_date: string | null; end_reason: string | null }>;
  adoptions: Array<{
    person_id: string; adm_decision_date: string | null; matched_date: string | null; placed_date: string | null; adopted_by_carer: boolean | null;
    decision_reversed_date: string | null; decision_reversed_reason: string | null; number_of_adopters: number | null; adopter_sex: string | null; adopter_legal_status: string | null;
  }>;
  previousPermanence: Array<{ person_id: string; option_code: string | null; la: string | null; order_date: string | null }>;
  missing: Array<{ person_id: string; episode_type: string; start_date: string; end_date: string | null }>;
  socialWorkers: Array<{ person_id: string; start_date: string; end_date: string | null; change_reason: string | null; swe_registration_no: string | null; professional_id: string }>;
}

export async function load903Records(db: Db, year: number): Promise<Ssda903Records> {
  const { start, end } = collectionPeriod(year);
  // Care leavers whose 17th to 21st birthday falls in the year.
  const bornAfter = addYears(start, -22);
  const bornBy = addYears(end, -17);
  const result = await sql<{ records: string }>`
    with lac as materialized (
      select distinct e.person_id as id
      from cla_episode e join person p on p.id = e.person_id
      where p.deleted_at is null and e.deleted_at is null and e.start_date <= ${end} and (e.end_date is null or e.end_date >= ${start})
    ),
    leavers as materialized (
      select distinct c.person_id as id
      from care_leaver c join person p on p.id = c.person_id
      where c.deleted_at is null and p.deleted_at is null and p.dob > ${bornAfter} and p.dob <= ${bornBy}
    ),
    kids as materialized (select id from lac union select id from leavers)
    select json_build_object(
      'people', (select coalesce(json_agg(x), '[]') from (
        select p.id, p.upn, p.upn_unknown, p.sex, p.ethnicity, p.dob, p.is_mother,
          (select min(c.dob) from relationship r join person c on c.id = r.person_id
            where r.related_person_id = p.id and r.relationship = 'mother' and r.deleted_at is null and c.deleted_at is null) as first_child_dob
        from person p join kids on kids.id = p.id) x),
      'episodes', (select coalesce(json_agg(x order by x.person_id, x.start_date), '[]') from (
        select e.person_id, e.period_of_care_id, e.start_date, e.start_reason, e.legal_status, e.primary_need_code, e.placement_type, e.provider,
          e.end_date, e.end_reason, e.reason_place_change, e.home_postcode, e.placement_postcode, e.urn
        from cla_episode e join lac on lac.id = e.person_id
        where e.deleted_at is null and e.start_date <= ${end} and (e.end_date is null or e.end_date >= ${start})) x),
      'reviews', (select coalesce(json_agg(x), '[]') from (
        select r.person_id, r.review_date, r.participation from cla_review r join lac on lac.id = r.person_id
        where r.deleted_at is null and not r.cancelled and r.review_date between ${start} and ${end}) x),
      'uasc', (select coalesce(json_agg(x), '[]') from (
        select i.person_id, i.start_date, i.end_date from immigration_status i join lac on lac.id = i.person_id
        where i.deleted_at is null and i.status = 'UASC' and (i.start_date is null or i.start_date <= ${end})) x),
      'sdq', (select coalesce(json_agg(x), '[]') from (
        select s.person_id, s.completed_date, s.score, s.reason from sdq_score s join lac on lac.id = s.person_id
        where s.deleted_at is null and s.completed_date between ${start} and ${end}) x),
      'immunisations', (select coalesce(json_agg(x), '[]') from (
        select i.person_id, i.up_to_date, i.status_date from immunisation i join lac on lac.id = i.person_id
        where i.deleted_at is null and (i.status_date is null or i.status_date <= ${end})) x),
      'healthChecks', (select coalesce(json_agg(x), '[]') from (
        select h.person_id, h.check_type, h.check_date, h.status from health_check h join lac on lac.id = h.person_id
        where h.deleted_at is null and h.check_date between ${start} and ${end}) x),
      'substanceMisuse', (select coalesce(json_agg(x), '[]') from (
        select s.person_id, s.identified_date, s.intervention_received from substance_misuse s join lac on lac.id = s.person_id
        where s.deleted_at is null and s.identified_date between ${start} and ${end}) x),
      'convictions', (select coalesce(json_agg(x), '[]') from (
        select c.person_id, c.conviction_date from conviction c join lac on lac.id = c.person_id
        where c.deleted_at is null and c.conviction_date between ${start} and ${end}) x),
      'careLeavers', (select coalesce(json_agg(x order by x.person_id, x.record_date), '[]') from (
        select c.person_id, c.record_date, c.eligibility, c.in_touch, c.accommodation, c.accommodation_suitable, c.activity
        from care_leaver c join leavers on leavers.id = c.person_id
        where c.deleted_at is null and (c.record_date is null or c.record_date <= ${end})) x),
      'leaverPeriods', (select coalesce(json_agg(x), '[]') from (
        select c.person_id, c.start_date, c.end_date, c.end_reason from period_of_care c join leavers on leavers.id = c.person_id
        where c.deleted_at is null and c.start_date <= ${end}) x),
      'adoptions', (select coalesce(json_agg(x), '[]') from (
        select a.person_id, a.adm_decision_date, a.matched_date, a.placed_date, a.adopted_by_carer, a.decision_reversed_date, a.decision_reversed_reason,
          a.number_of_adopters, a.adopter_sex, a.adopter_legal_status
        from adoption a join lac on lac.id = a.person_id where a.deleted_at is null) x),
      'previousPermanence', (select coalesce(json_agg(x), '[]') from (
        select v.person_id, v.option_code, v.la, v.order_date from previous_permanence v join lac on lac.id = v.person_id where v.deleted_at is null) x),
      'missing', (select coalesce(json_agg(x), '[]') from (
        select m.person_id, m.episode_type, m.start_date, m.end_date from missing_episode m join lac on lac.id = m.person_id
        where m.deleted_at is null and m.start_date <= ${end} and (m.end_date is null or m.end_date >= ${start})) x),
      'socialWorkers', (select coalesce(json_agg(x order by x.person_id, x.start_date), '[]') from (
        select i.person_id, i.start_date, i.end_date, i.change_reason, p.swe_registration_no, i.professional_id
        from involvement i join lac on lac.id = i.person_id join professional p on p.id = i.professional_id
        where i.deleted_at is null and i.role = 'CW' and i.start_date <= ${end} and (i.end_date is null or i.end_date >= ${addDays(start, 0)})) x)
    )::text as records`.execute(db);
  return JSON.parse(result.rows[0]!.records) as Ssda903Records;
}
