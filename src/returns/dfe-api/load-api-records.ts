// The records the DfE API payload is built from, in one statement (each table as a JSON array). SQL finds
// the children with a referral, a period of care or a care-leaver contact in the window; buildPayload does
// the exact choosing. Deleted records and people never load.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { IsoDate } from '../../platform/calendar/calendar.ts';
import { payloadWindow, type ApiRecords } from './payload.ts';

export async function loadApiRecords(db: Db, asOf: IsoDate): Promise<ApiRecords> {
  const { start, end } = payloadWindow(asOf);
  const result = await sql<{ records: string }>`
    with kids as materialized (
      select e.person_id as id from cin_episode e
        where e.deleted_at is null and e.referral_date <= ${end} and (e.close_date is null or e.close_date >= ${start})
      union select pc.person_id from period_of_care pc
        where pc.deleted_at is null and pc.start_date <= ${end} and (pc.end_date is null or pc.end_date >= ${start})
      union select cl.person_id from care_leaver cl
        where cl.deleted_at is null and cl.latest_contact between ${start} and ${end}
    ),
    people as materialized (select p.* from person p join kids on kids.id = p.id where p.deleted_at is null),
    ep as materialized (
      select e.id, e.person_id, e.referral_date, e.source_code, e.referral_nfa, e.close_date, e.close_reason
      from cin_episode e join people p on p.id = e.person_id where e.deleted_at is null and e.referral_date <= ${end}
    )
    select json_build_object(
      'people', (select coalesce(json_agg(x), '[]') from (
        select p.id, p.legacy_id, p.forename, p.surname, p.upn, p.former_upn, p.upn_unknown, p.sex, p.ethnicity, p.dob, p.expected_dob,
          (select a.postcode from address a where a.person_id = p.id and a.deleted_at is null and a.postcode is not null
             and (a.start_date is null or a.start_date <= ${end}) and (a.end_date is null or a.end_date >= ${end})
             order by a.start_date desc nulls last, a.id desc limit 1) as postcode,
          u.person_id is not null as uasc, u.end_date as uasc_end_date, coalesce(d.codes, '{}') as disabilities
        from people p
        left join (select distinct on (i.person_id) i.person_id, i.end_date from immigration_status i join people on people.id = i.person_id
          where i.deleted_at is null and upper(i.status) = 'UASC' and (i.start_date is null or i.start_date <= ${end}) and (i.end_date is null or i.end_date >= ${end})
          order by i.person_id, i.end_date desc nulls first) u on u.person_id = p.id
        left join (select d.person_id, array_agg(d.code order by d.code) as codes from disability d join people on people.id = d.person_id
          where d.deleted_at is null group by 1) d on d.person_id = p.id) x),
      'episodes', (select coalesce(json_agg(ep), '[]') from ep),
      'workers', (select coalesce(json_agg(x), '[]') from (
        select i.person_id, i.cin_episode_id, pr.swe_registration_no as swe, i.start_date, i.end_date
        from involvement i join people p on p.id = i.person_id join professional pr on pr.id = i.professional_id
        where i.deleted_at is null and upper(i.role) = 'CW' and coalesce(trim(pr.swe_registration_no), '') <> '' and i.start_date <= ${end}
          and (i.end_date is null or i.end_date >= ${start})) x),
      'assessments', (select coalesce(json_agg(x), '[]') from (
        select a.id, a.cin_episode_id, a.start_date, a.authorised_date, a.factors from assessment a join ep on ep.id = a.cin_episode_id where a.deleted_at is null) x),
      'cinPlans', (select coalesce(json_agg(x), '[]') from (
        select c.id, c.cin_episode_id, c.start_date, c.end_date from cin_plan c join ep on ep.id = c.cin_episode_id where c.deleted_at is null) x),
      's47s', (select coalesce(json_agg(x), '[]') from (
        select s.id, s.cin_episode_id, s.start_date, s.end_date, s.icpc_required, i.icpc_date
        from s47_enquiry s join ep on ep.id = s.cin_episode_id
        left join (select i.s47_enquiry_id, max(i.conference_date) as icpc_date from icpc i join ep on ep.id = i.cin_episode_id
          where i.deleted_at is null and i.s47_enquiry_id is not null and i.conference_date <= ${end} group by 1) i on i.s47_enquiry_id = s.id
        where s.deleted_at is null) x),
      'cpPlans', (select coalesce(json_agg(x), '[]') from (
        select c.id, c.cin_episode_id, c.start_date, c.end_date from cp_plan c join ep on ep.id = c.cin_episode_id where c.deleted_at is null and not c.other_la) x),
      'periods', (select coalesce(json_agg(x), '[]') from (
        select pc.id, pc.person_id, pc.cin_episode_id, pc.start_date, pc.end_date, pc.end_reason from period_of_care pc join people p on p.id = pc.person_id
        where pc.deleted_at is null) x),
      'placements', (select coalesce(json_agg(x), '[]') from (
        select pl.id, pl.period_of_care_id, pl.start_date, pl.end_date, pl.placement_type, pl.provider, pl.postcode, pl.urn, pl.carer_id, pl.change_reason
        from placement pl join people p on p.id = pl.person_id where pl.deleted_at is null) x),
      'legalStatuses', (select coalesce(json_agg(x), '[]') from (
        select l.person_id, l.period_of_care_id, l.code, l.start_date, l.end_date from legal_status l join people p on p.id = l.person_id where l.deleted_at is null) x),
      'adoptions', (select coalesce(json_agg(x), '[]') from (
        select a.id, a.person_id, a.period_of_care_id, a.adm_decision_date, a.matched_date, a.placed_date from adoption a join people p on p.id = a.person_id where a.deleted_at is null) x),
      'careLeavers', (select coalesce(json_agg(x), '[]') from (
        select distinct on (cl.person_id) cl.person_id, cl.latest_contact, cl.activity, cl.accommodation
        from care_leaver cl join people p on p.id = cl.person_id
        where cl.deleted_at is null and (cl.record_date is null or cl.record_date <= ${end})
        order by cl.person_id, cl.record_date desc nulls last, cl.created_at desc, cl.id desc) x),
      'sdqs', (select coalesce(json_agg(x), '[]') from (
        select s.id, s.person_id, s.completed_date, s.score from sdq_score s join people p on p.id = s.person_id
        where s.deleted_at is null and s.score is not null and s.completed_date between ${start} and ${end}) x)
    )::text as records`.execute(db);
  return JSON.parse(result.rows[0]!.records) as ApiRecords;
}
