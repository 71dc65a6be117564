// The records Annex A is built from, in one statement (each table handed back as a JSON array, which is
// far quicker than row by row on the embedded database). SQL narrows each table to what could fall in a
// list's period; buildAnnexA does the exact choosing. Rows whose record or person is deleted never load.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import { addMonths, type IsoDate } from '../../platform/calendar/calendar.ts';
import { periodStart } from './lists.ts';
import type { AdopterRecords } from '../../adopters/annex-a-adopters.ts';

export interface AnnexARecords {
  people: Array<{ id: string; sex: string | null; ethnicity: string | null; dob: IsoDate | null; disabled: boolean }>;
  teams: Array<{ id: string; name: string }>;
  professionals: Array<{ id: string; name: string }>;
  involvements: Array<{ person_id: string; professional_id: string; team_id: string | null; role: string; start_date: IsoDate; end_date: IsoDate | null; id: string }>;
  contacts: Array<{ id: string; person_id: string; contact_date: IsoDate; source_code: string | null }>;
  earlyHelp: Array<{ id: string; person_id: string; start_date: IsoDate; end_date: IsoDate | null; organisation: string | null }>;
  referrals: Array<{
    id: string; person_id: string; referral_date: IsoDate; source_code: string | null; primary_need_code: string | null; referral_nfa: boolean;
    close_date: IsoDate | null; close_reason: string | null; team_id: string | null; worker_id: string | null; last_seen: IsoDate | null;
  }>;
  assessments: Array<{
    id: string; person_id: string; cin_episode_id: string; start_date: IsoDate | null; child_seen: boolean | null; authorised_date: IsoDate | null;
    outcome_nfa: boolean | null; team_id: string | null; worker_id: string | null;
  }>;
  cinPlans: Array<{ person_id: string; start_date: IsoDate; end_date: IsoDate | null }>;
  s47s: Array<{
    id: string; person_id: string; start_date: IsoDate | null; discussion_date: IsoDate | null; end_date: IsoDate | null; icpc_required: boolean | null;
    team_id: string | null; worker_id: string | null;
  }>;
  icpcs: Array<{ id: string; person_id: string; s47_enquiry_id: string | null; conference_date: IsoDate | null; outcome_cp_plan: boolean | null; has_plan: boolean }>;
  cpPlans: Array<{
    id: string; person_id: string; start_date: IsoDate; end_date: IsoDate | null; other_la: boolean; initial_category: string | null; latest_category: string | null;
    last_visit: IsoDate | null; last_visit_seen_alone: boolean | null; last_review: IsoDate | null;
  }>;
  legalStatuses: Array<{ id: string; person_id: string; period_of_care_id: string | null; code: string; start_date: IsoDate; end_date: IsoDate | null }>;
  periods: Array<{
    id: string; person_id: string; start_date: IsoDate; end_date: IsoDate | null; end_reason: string | null; primary_need_code: string | null;
    last_review: IsoDate | null; last_visit: IsoDate | null; last_iro: IsoDate | null;
  }>;
  placements: Array<{
    id: string; person_id: string; period_of_care_id: string; start_date: IsoDate; end_date: IsoDate | null; placement_type: string; provider: string | null;
    postcode: string | null; urn: string | null; in_area: boolean | null;
  }>;
  permanencePlans: Array<{ id: string; person_id: string; start_date: IsoDate; end_date: IsoDate | null; plan: string }>;
  healthChecks: Array<{ person_id: string; kind: 'health' | 'dental'; last: IsoDate }>;
  uasc: Array<{ person_id: string }>;
  missing: Array<{ person_id: string; episode_type: string; start_date: IsoDate; rhi_offered: boolean | null; rhi_accepted: boolean | null; id: string }>;
  careLeavers: Array<{
    person_id: string; eligibility: string | null; in_touch: string | null; accommodation: string | null; accommodation_suitable: string | null; activity: string | null;
    team_id: string | null; worker_id: string | null;
  }>;
  adoptions: Array<{
    id: string; person_id: string; entered_care: IsoDate | null; adm_decision_date: IsoDate; placement_order_date: IsoDate | null; matched_date: IsoDate | null;
    placed_date: IsoDate | null; adoption_order_date: IsoDate | null; decision_reversed_date: IsoDate | null; decision_reversed_reason: string | null; placed_ffa_date: IsoDate | null;
    /** The adopter household the child was matched with (List 11's family identifier). */
    family_identifier: string | null;
  }>;
  adopterHouseholds: AdopterRecords['adopterHouseholds'];
  adopters: AdopterRecords['adopters'];
  adopterLinks: AdopterRecords['adopterLinks'];
  /** The council's name, for the LA of a placement in its own area. */
  councilName: string | null;
}

export async function loadAnnexARecords(db: Db, asOf: IsoDate): Promise<AnnexARecords> {
  const p6 = periodStart(asOf, 6);
  const p12 = periodStart(asOf, 12);
  // Referrals and enquiries count those in the twelve months before each listed one.
  const lookback = addMonths(p6, -12);
  const result = await sql<{ records: string }>`
    with live as materialized (select id from person where deleted_at is null),
    ref as materialized (
      select e.id, e.person_id, e.referral_date, e.source_code, e.primary_need_code, e.referral_nfa,
        case when e.close_date <= ${asOf} then e.close_date end as close_date,
        case when e.close_date <= ${asOf} then e.close_reason end as close_reason, e.team_id, e.worker_id
      from cin_episode e join live on live.id = e.person_id
      where e.deleted_at is null and e.referral_date <= ${asOf} and (e.referral_date >= ${lookback} or e.close_date is null or e.close_date >= ${p6})
    ),
    s47 as materialized (
      select s.id, s.person_id, s.start_date, sd.discussion_date,
        case when s.end_date <= ${asOf} then s.end_date end as end_date, s.icpc_required, s.team_id, s.worker_id
      from s47_enquiry s join live on live.id = s.person_id
      left join strategy_discussion sd on sd.id = s.strategy_discussion_id and sd.deleted_at is null
      where s.deleted_at is null and coalesce(s.start_date, sd.discussion_date) <= ${asOf}
        and (coalesce(s.start_date, sd.discussion_date) >= ${lookback} or s.end_date is null or s.end_date >= ${p6})
    ),
    cp_people as materialized (
      select distinct c.person_id from cp_plan c join live on live.id = c.person_id
      where c.deleted_at is null and c.start_date <= ${asOf} and (c.end_date is null or c.end_date >= ${p6})
    ),
    poc as materialized (
      select pc.id, pc.person_id, pc.start_date, case when pc.end_date <= ${asOf} then pc.end_date end as end_date,
        case when pc.end_date <= ${asOf} then pc.end_reason end as end_reason, pc.primary_need_code
      from period_of_care pc join live on live.id = pc.person_id
      where pc.deleted_at is null and pc.start_date <= ${asOf} and (pc.end_date is null or pc.end_date >= ${p12})
    ),
    cla_people as materialized (select distinct person_id from poc),
    people_ids as materialized (
      select person_id as id from ref union select person_id from s47 union select person_id from cp_people union select person_id from cla_people
      union select c.person_id from contact c where c.deleted_at is null and c.contact_date between ${p6} and ${asOf}
      union select h.person_id from early_help_episode h where h.deleted_at is null and h.start_date <= ${asOf} and (h.end_date is null or h.end_date >= ${p6})
      union select a.person_id from assessment a where a.deleted_at is null and a.start_date <= ${asOf} and (a.authorised_date is null or a.authorised_date >= ${p6})
      union select cl.person_id from care_leaver cl where cl.deleted_at is null
      union select ad.person_id from adoption ad where ad.deleted_at is null and ad.adm_decision_date <= ${asOf}
    )
    select json_build_object(
      'people', (select coalesce(json_agg(x), '[]') from (
        select p.id, p.sex, p.ethnicity, case when p.dob <= ${asOf} then p.dob end as dob, d.person_id is not null as disabled
        from person p join people_ids i on i.id = p.id
        left join (select distinct person_id from disability where deleted_at is null and upper(code) <> 'NONE') d on d.person_id = p.id
        where p.deleted_at is null) x),
      'teams', (select coalesce(json_agg(x), '[]') from (select id, name from team) x),
      'professionals', (select coalesce(json_agg(x), '[]') from (select id, name from professional) x),
      'involvements', (select coalesce(json_agg(x), '[]') from (
        select i.id, i.person_id, i.professional_id, i.team_id, i.role, i.start_date, i.end_date
        from involvement i join people_ids p on p.id = i.person_id
        where i.deleted_at is null and i.start_date <= ${asOf} and (i.end_date is null or i.end_date >= ${lookback})) x),
      'contacts', (select coalesce(json_agg(x), '[]') from (
        select c.id, c.person_id, c.contact_date, c.source_code from contact c join live on live.id = c.person_id
        where c.deleted_at is null and c.contact_date between ${p6} and ${asOf}) x),
      'earlyHelp', (select coalesce(json_agg(x), '[]') from (
        select h.id, h.person_id, h.start_date, case when h.end_date <= ${asOf} then h.end_date end as end_date, h.organisation
        from early_help_episode h join live on live.id = h.person_id
        where h.deleted_at is null and h.start_date <= ${asOf} and (h.end_date is null or h.end_date >= ${p6})) x),
      'referrals', (select coalesce(json_agg(x), '[]') from (
        select ref.*, (select max(v.visit_date) from visit v where v.person_id = ref.person_id and v.deleted_at is null and v.seen is not false
            and v.visit_date >= ref.referral_date and v.visit_date <= coalesce(ref.close_date, ${asOf})) as last_seen
        from ref) x),
      'assessments', (select coalesce(json_agg(x), '[]') from (
        select a.id, a.person_id, a.cin_episode_id, a.start_date, a.child_seen, case when a.authorised_date <= ${asOf} then a.authorised_date end as authorised_date,
          a.outcome_nfa, a.team_id, a.worker_id
        from assessment a join live on live.id = a.person_id
        where a.deleted_at is null and a.start_date <= ${asOf} and (a.authorised_date is null or a.authorised_date >= ${p6})) x),
      'cinPlans', (select coalesce(json_agg(x), '[]') from (
        select c.person_id, c.start_date, c.end_date from cin_plan c join ref on ref.id = c.cin_episode_id
        where c.deleted_at is null and c.start_date <= ${asOf} and (c.end_date is null or c.end_date >= ${asOf})) x),
      's47s', (select coalesce(json_agg(s47), '[]') from s47),
      'icpcs', (select coalesce(json_agg(x), '[]') from (
        select i.id, i.person_id, i.s47_enquiry_id, case when i.conference_date <= ${asOf} then i.conference_date end as conference_date, i.outcome_cp_plan,
          exists (select 1 from cp_plan c where c.icpc_id = i.id and c.deleted_at is null and c.start_date <= ${asOf}) as has_plan
        from icpc i where i.deleted_at is null and i.person_id in (select person_id from s47)) x),
      'cpPlans', (select coalesce(json_agg(x), '[]') from (
        select c.id, c.person_id, c.start_date, case when c.end_date <= ${asOf} then c.end_date end as end_date, c.other_la, c.initial_category, c.latest_category,
          v.visit_date as last_visit, v.seen_alone as last_visit_seen_alone,
          (select max(r.review_date) from cp_review r where r.cp_plan_id = c.id and r.deleted_at is null and r.review_date <= ${asOf}) as last_review
        from cp_plan c join cp_people p on p.person_id = c.person_id
        left join lateral (select v.visit_date, v.seen_alone from visit v where v.person_id = c.person_id and v.cp_plan_id = c.id and v.deleted_at is null and v.visit_date <= ${asOf}
          order by v.visit_date desc, v.seen_alone desc nulls last limit 1) v on true
        where c.deleted_at is null and c.start_date <= ${asOf}) x),
      'legalStatuses', (select coalesce(json_agg(x), '[]') from (
        select l.id, l.person_id, l.period_of_care_id, l.code, l.start_date, l.end_date from legal_status l
        where l.deleted_at is null and l.start_date <= ${asOf} and (l.end_date is null or l.end_date >= ${p12})
          and l.person_id in (select person_id from cla_people union select person_id from cp_people)) x),
      'periods', (select coalesce(json_agg(x), '[]') from (
        select poc.*, r.last_review, v.last_visit, greatest(ic.last_iro, ce.last_iro) as last_iro
        from poc
        left join (select r.period_of_care_id, max(r.review_date) as last_review from cla_review r join poc on poc.id = r.period_of_care_id
          where r.deleted_at is null and not r.cancelled and r.review_date <= ${asOf} group by 1) r on r.period_of_care_id = poc.id
        left join (select v.period_of_care_id, max(v.visit_date) as last_visit from visit v join poc on poc.person_id = v.person_id and poc.id = v.period_of_care_id
          where v.deleted_at is null and v.visit_type = 'cla' and v.visit_date <= ${asOf} group by 1) v on v.period_of_care_id = poc.id
        left join (select poc.id, max(i.contact_date) as last_iro from poc join iro_contact i on i.person_id = poc.person_id
          where i.deleted_at is null and i.contact_date >= poc.start_date and i.contact_date <= ${asOf} group by 1) ic on ic.id = poc.id
        left join (select e.period_of_care_id, max(e.last_iro_contact_date) as last_iro from cla_episode e join poc on poc.id = e.period_of_care_id
          where e.deleted_at is null and e.last_iro_contact_date <= ${asOf} group by 1) ce on ce.period_of_care_id = poc.id) x),
      'placements', (select coalesce(json_agg(x), '[]') from (
        select pl.id, pl.person_id, pl.period_of_care_id, pl.start_date, pl.end_date, pl.placement_type, pl.provider, pl.postcode, pl.urn, pl.in_area
        from placement pl join cla_people p on p.person_id = pl.person_id
        where pl.deleted_at is null and pl.start_date <= ${asOf} and (pl.end_date is null or pl.end_date >= ${p12})) x),
      'permanencePlans', (select coalesce(json_agg(x), '[]') from (
        select pp.id, pp.person_id, pp.start_date, pp.end_date, pp.plan from permanence_plan pp join cla_people p on p.person_id = pp.person_id
        where pp.deleted_at is null and pp.start_date <= ${asOf} and (pp.end_date is null or pp.end_date >= ${p6})) x),
      'healthChecks', (select coalesce(json_agg(x), '[]') from (
        select h.person_id, case when h.check_type = 'dental' then 'dental' else 'health' end as kind, max(h.check_date) as last
        from health_check h join cla_people p on p.person_id = h.person_id
        where h.deleted_at is null and h.check_type in ('initial_health_assessment', 'review_health_assessment', 'dental') and h.check_date <= ${asOf}
        group by 1, 2) x),
      'uasc', (select coalesce(json_agg(x), '[]') from (
        select distinct i.person_id from immigration_status i join cla_people p on p.person_id = i.person_id
        where i.deleted_at is null and upper(i.status) = 'UASC' and (i.start_date is null or i.start_date <= ${asOf}) and (i.end_date is null or i.end_date >= ${p12})) x),
      'missing', (select coalesce(json_agg(x), '[]') from (
        select m.id, m.person_id, m.episode_type, m.start_date, m.rhi_offered, m.rhi_accepted from missing_episode m join cla_people p on p.person_id = m.person_id
        where m.deleted_at is null and m.start_date between ${p12} and ${asOf}) x),
      'careLeavers', (select coalesce(json_agg(x), '[]') from (
        select distinct on (cl.person_id) cl.person_id, cl.eligibility, cl.in_touch, cl.accommodation, cl.accommodation_suitable, cl.activity, cl.team_id, cl.worker_id
        from care_leaver cl join live on live.id = cl.person_id
        where cl.deleted_at is null and (cl.record_date is null or cl.record_date <= ${asOf})
        order by cl.person_id, cl.record_date desc nulls last, cl.created_at desc, cl.id desc) x),
      'adoptions', (select coalesce(json_agg(x), '[]') from (
        select a.id, a.person_id, a.adm_decision_date,
          coalesce((select pc.start_date from period_of_care pc where pc.id = a.period_of_care_id and pc.deleted_at is null),
                   (select max(pc.start_date) from period_of_care pc where pc.person_id = a.person_id and pc.deleted_at is null and pc.start_date <= a.adm_decision_date)) as entered_care,
          case when a.placement_order_date <= ${asOf} then a.placement_order_date end as placement_order_date,
          case when a.matched_date <= ${asOf} then a.matched_date end as matched_date,
          case when a.placed_date <= ${asOf} then a.placed_date end as placed_date,
          case when a.order_date <= ${asOf} and (a.order_type is null or a.order_type ilike '%adopt%') then a.order_date end as adoption_order_date,
          case when a.decision_reversed_date <= ${asOf} then a.decision_reversed_date end as decision_reversed_date,
          case when a.decision_reversed_date <= ${asOf} then a.decision_reversed_reason end as decision_reversed_reason,
          case when coalesce(a.placed_ffa_date, a.placed_foster_carer_date) <= ${asOf} then coalesce(a.placed_ffa_date, a.placed_foster_carer_date) end as placed_ffa_date,
          (select h.family_identifier from adopter_household h where h.id = a.adopter_household_id and h.deleted_at is null) as family_identifier
        from adoption a join live on live.id = a.person_id
        where a.deleted_at is null and a.adm_decision_date <= ${asOf}) x),
      'adopterHouseholds', (select coalesce(json_agg(x), '[]') from (
        select h.id, h.family_identifier, h.agency, h.fostering_for_adoption, h.enquiry_date, h.stage1_start_date, h.stage1_end_date, h.stage2_start_date, h.stage2_end_date,
          h.application_date, h.approval_date, h.matched_date, h.placed_date, h.children_placed, h.adoption_order_date, h.left_date, h.left_reason
        from adopter_household h
        where h.deleted_at is null and h.agency = 'in_house' and h.enquiry_date <= ${asOf} and (h.left_date is null or h.left_date >= ${p12})) x),
      'adopters', (select coalesce(json_agg(x), '[]') from (
        select a.id, a.household_id, a.sex, a.ethnicity, a.disabled from adopter a join adopter_household h on h.id = a.household_id
        where a.deleted_at is null and h.deleted_at is null and h.agency = 'in_house' and h.enquiry_date <= ${asOf} and (h.left_date is null or h.left_date >= ${p12})) x),
      'adopterLinks', (select coalesce(json_agg(x), '[]') from (
        select a.adopter_household_id as household_id, a.matched_date, a.placed_date, a.order_date, a.order_type from adoption a join live on live.id = a.person_id
        where a.deleted_at is null and a.adopter_household_id is not null) x),
      'councilName', (select coalesce(
        (select value #>> '{}' from council_setting where id = 'council_name' and deleted_at is null and jsonb_typeof(value) = 'string'),
        (select value ->> 'name' from council_setting where id = 'demo_council' and deleted_at is null and jsonb_typeof(value) = 'object')))
    )::text as records`.execute(db);
  return JSON.parse(result.rows[0]!.records) as AnnexARecords;
}
