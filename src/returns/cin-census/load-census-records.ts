// The records a CIN census is built from, in one statement: SQL narrows to the referrals open at some
// point in the year and what hangs off them, and hands each table back as a JSON array (far quicker
// than row by row on the embedded database); buildCensus does the exact choosing. Rows whose record or
// whose person is deleted are never loaded. Disabilities come whole (a small table with no person
// index, which a join would scan once per child); the builder keeps the population's.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors.ts';
import { council as demoCouncil } from '../../demo/council.ts';
import type { CensusRecords } from './build-census.ts';
import { censusYear } from './period.ts';

export async function loadCensusRecords(db: Db, year: number): Promise<CensusRecords> {
  const { periodStart, referenceDate } = censusYear(year);
  const result = await sql<{ records: string }>`
    with ep as materialized (
      select e.id, e.person_id, e.referral_date, e.source_code, e.primary_need_code, e.referral_nfa, e.close_date, e.close_reason
      from cin_episode e join person p on p.id = e.person_id
      where e.deleted_at is null and p.deleted_at is null
        and e.referral_date <= ${referenceDate} and (e.close_date is null or e.close_date >= ${periodStart})
    ),
    kids as materialized (select distinct person_id as id from ep)
    select json_build_object(
      'episodes', (select coalesce(json_agg(ep), '[]') from ep),
      'people', (select coalesce(json_agg(x), '[]') from (
        select p.id, p.upn, p.former_upn, p.upn_unknown, p.sex, p.ethnicity, p.dob, p.expected_dob, p.death_date
        from person p join kids on kids.id = p.id) x),
      'disabilities', (select coalesce(json_agg(x), '[]') from (
        select d.person_id, d.code from disability d where d.deleted_at is null order by d.id) x),
      'assessments', (select coalesce(json_agg(x), '[]') from (
        select a.id, a.cin_episode_id, a.start_date, a.authorised_date, a.factors
        from assessment a join ep on ep.id = a.cin_episode_id where a.deleted_at is null) x),
      'cinPlans', (select coalesce(json_agg(x), '[]') from (
        select c.id, c.cin_episode_id, c.start_date, c.end_date
        from cin_plan c join ep on ep.id = c.cin_episode_id where c.deleted_at is null) x),
      's47s', (select coalesce(json_agg(x), '[]') from (
        select s.id, s.cin_episode_id, s.start_date, s.end_date, s.icpc_required
        from s47_enquiry s join ep on ep.id = s.cin_episode_id where s.deleted_at is null) x),
      'icpcs', (select coalesce(json_agg(x), '[]') from (
        select i.id, i.cin_episode_id, i.s47_enquiry_id, i.transfer_in, i.target_date, i.conference_date
        from icpc i join ep on ep.id = i.cin_episode_id where i.deleted_at is null) x),
      -- Every plan the children have had, whenever and wherever, for counting the earlier ones.
      'cpPlans', (select coalesce(json_agg(x), '[]') from (
        select c.id, c.cin_episode_id, c.person_id, c.start_date, c.end_date, c.other_la, c.initial_category, c.latest_category
        from cp_plan c join kids on kids.id = c.person_id where c.deleted_at is null) x),
      'cpReviews', (select coalesce(json_agg(x), '[]') from (
        select r.cp_plan_id, r.review_date
        from cp_review r join cp_plan c on c.id = r.cp_plan_id join ep on ep.id = c.cin_episode_id
        where r.deleted_at is null and c.deleted_at is null and r.review_date between ${periodStart} and ${referenceDate}) x)
    )::text as records`.execute(db);
  const records = JSON.parse(result.rows[0]!.records) as CensusRecords;
  for (const a of records.assessments) a.factors ??= [];
  return records;
}

/**
 * The council's 3-digit DfE LA code: the `la_code` council setting; for the demo council, its own
 * (fictional) code; otherwise there is none to put in the return.
 */
export async function councilLaCode(db: Db): Promise<string> {
  const rows = await db.selectFrom('council_setting').select(['id', 'value']).where('id', 'in', ['la_code', 'demo_council']).where('deleted_at', 'is', null).execute();
  const setting = rows.find((r) => r.id === 'la_code')?.value;
  const demo = rows.find((r) => r.id === 'demo_council')?.value;
  let code: unknown = null;
  if (setting !== undefined) code = typeof setting === 'object' && setting !== null && !Array.isArray(setting) ? (setting.code ?? setting.laCode) : setting;
  else if (demo !== undefined) code = (typeof demo === 'object' && demo !== null && !Array.isArray(demo) ? demo.laCode : undefined) ?? demoCouncil.laCode;
  if (code === null || code === undefined) {
    throw new AppError('CONFLICT', "the council's DfE LA code is not set: add a council setting 'la_code' (e.g. \"201\") and try again");
  }
  const text = String(code).trim().padStart(3, '0');
  if (!/^\d{3}$/.test(text)) throw new AppError('CONFLICT', `the council setting 'la_code' must be a 3-digit DfE LA code, not "${String(code)}"`);
  return text;
}
