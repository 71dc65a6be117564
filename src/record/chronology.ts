import { sql } from 'kysely';
import type { Db as Executor } from '../platform/db/connect.ts';

export interface ChronologyEntry {
  date: string;
  kind: string;
  summary: string;
  recordId: string;
}

/**
 * The child's chronology, generated from every event recorded about them (never typed twice): one
 * UNION over the records, newest first. Codes are shown as recorded; pages add the labels.
 */
export async function chronology(db: Executor, childId: string): Promise<ChronologyEntry[]> {
  const r = await sql<ChronologyEntry>`
    select * from (
      select contact_date as date, 'Contact' as kind, concat('Contact from source ', coalesce(source_code, '?'), coalesce(': ' || reason, ''), coalesce(' — decision: ' || outcome, ''), case when proposed_outcome is not null and outcome is null then ' — awaiting manager review' else '' end) as summary, id as "recordId" from contact where person_id = ${childId} and deleted_at is null
      union all select referral_date, 'Referral', concat('Referral (source ', coalesce(source_code, '?'), ')', case when referral_nfa then ' — no further action' else '' end), id from cin_episode where person_id = ${childId} and deleted_at is null
      union all select close_date, 'Referral closed', concat('Episode closed: ', close_reason), id from cin_episode where person_id = ${childId} and close_date is not null and deleted_at is null
      union all select start_date, 'Assessment started', 'Child and family assessment started', id from assessment where person_id = ${childId} and start_date is not null and deleted_at is null
      union all select authorised_date, 'Assessment authorised', concat('Assessment authorised', case when cardinality(factors) > 0 then ' — factors ' || array_to_string(factors, ', ') else '' end), id from assessment where person_id = ${childId} and authorised_date is not null and deleted_at is null
      union all select start_date, 'CIN plan', 'Child in need plan started', id from cin_plan where person_id = ${childId} and deleted_at is null
      union all select end_date, 'CIN plan ended', 'Child in need plan ended', id from cin_plan where person_id = ${childId} and end_date is not null and deleted_at is null
      union all select review_date, 'CIN review', 'Child in need plan review', id from cin_plan_review where person_id = ${childId} and deleted_at is null
      union all select discussion_date, 'Strategy discussion', concat('Strategy discussion', case when s47_required then ' — section 47 enquiry to start' when s47_required = false then ' — no section 47 enquiry' else '' end), id from strategy_discussion where person_id = ${childId} and deleted_at is null
      union all select start_date, 'Section 47', 'Section 47 enquiry started', id from s47_enquiry where person_id = ${childId} and start_date is not null and deleted_at is null
      union all select end_date, 'Section 47 ended', concat('Section 47 enquiry ended', case when icpc_required then ' — conference called' else '' end), id from s47_enquiry where person_id = ${childId} and end_date is not null and deleted_at is null
      union all select conference_date, 'Initial conference', concat('Initial child protection conference', case when outcome_cp_plan then ' — child protection plan' else ' — no plan' end), id from icpc where person_id = ${childId} and conference_date is not null and deleted_at is null
      union all select start_date, 'CP plan', concat('Child protection plan started (', coalesce(initial_category, '?'), ')'), id from cp_plan where person_id = ${childId} and deleted_at is null
      union all select end_date, 'CP plan ended', 'Child protection plan ended', id from cp_plan where person_id = ${childId} and end_date is not null and deleted_at is null
      union all select review_date, 'Review conference', concat('Child protection review conference', case when continue_plan then ' — plan continues' else ' — plan ended' end), id from cp_review where person_id = ${childId} and review_date is not null and deleted_at is null
      union all select meeting_date, 'Core group', 'Core group meeting', id from core_group_meeting where person_id = ${childId} and deleted_at is null
      union all select visit_date, 'Visit', concat(upper(visit_type), ' visit', case when seen_alone then ' — seen alone' when seen then ' — seen' else ' — not seen' end), id from visit where person_id = ${childId} and deleted_at is null
      union all select start_date, 'Became looked after', 'Period of care started', id from period_of_care where person_id = ${childId} and deleted_at is null
      union all select end_date, 'Ceased to be looked after', 'Period of care ended', id from period_of_care where person_id = ${childId} and end_date is not null and deleted_at is null
      union all select start_date, 'Legal status', concat('Legal status ', code), id from legal_status where person_id = ${childId} and deleted_at is null
      union all select start_date, 'Placement', concat('Placement started (', placement_type, coalesce(', ' || provider, ''), ')'), id from placement where person_id = ${childId} and deleted_at is null
      union all select end_date, 'Placement ended', concat('Placement ended', coalesce(' — ' || change_reason, '')), id from placement where person_id = ${childId} and end_date is not null and deleted_at is null
      union all select review_date, 'Looked-after review', concat('Looked-after review', coalesce(' (' || participation || ')', '')), id from cla_review where person_id = ${childId} and review_date is not null and deleted_at is null
      union all select check_date, 'Health', replace(check_type, '_', ' '), id from health_check where person_id = ${childId} and deleted_at is null
      union all select start_date, 'Missing', concat(lower(episode_type), ' episode', case when rhi_offered then ' — return interview offered' else '' end), id from missing_episode where person_id = ${childId} and deleted_at is null
      union all select pep_date, 'PEP', 'Personal education plan', id from pep where person_id = ${childId} and deleted_at is null
      union all select plan_date, 'Pathway plan', case when is_review then 'Pathway plan review' else 'Pathway plan' end, id from pathway_plan where person_id = ${childId} and deleted_at is null
      union all select i.start_date, 'Allocation', concat('Allocated to ', p.name, ' (', i.role, ')', coalesce(' — ' || i.change_reason, '')), i.id from involvement i join professional p on p.id = i.professional_id where i.person_id = ${childId} and i.deleted_at is null
      union all select oversight_date, 'Management oversight', decision, id from management_oversight where person_id = ${childId} and deleted_at is null
      union all select note_date, 'Case note', coalesce(title, left(body, 120)), id from case_note n where person_id = ${childId} and not exists (select 1 from case_note a where a.amends_note_id = n.id)
    ) events
    order by date desc, kind, "recordId"
  `.execute(db);
  return r.rows;
}
