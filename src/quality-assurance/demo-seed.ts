// A little quality assurance content for the demo council: an inspection history, an improvement plan
// with a few areas and actions, and one completed case file audit. Deterministic for the demo's seed and
// as-of date (fixed ids, dates counted from the as-of date, grades from the seeded random source).
import type { Transaction } from 'kysely';
import type { DB, Json } from '../platform/db/schema.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, addMonths } from '../platform/calendar/calendar.ts';
import { Rng } from '../demo/random.ts';
import { GRADES, type Grade } from './grades.ts';
import { samplePopulation } from '../case-file-audits/audits.ts';
import { drawSample } from '../case-file-audits/sampling.ts';
import type { Answer } from '../case-file-audits/audits.ts';

const QUESTIONS = [
  'Is the child seen, and seen alone, and are their wishes and feelings recorded?',
  'Is the assessment analytical, timely and informed by history?',
  'Is the plan specific, outcome-focused and reviewed on time?',
  'Is there regular, reflective management oversight recorded on file?',
  'Is the chronology up to date?',
  'Do partner agencies contribute to the plan?',
];
const FINDINGS: Array<[string, string[]]> = [
  ['The plan lists tasks rather than the outcomes they should achieve', ['planning']],
  ['No recorded management oversight for over three months', ['management_oversight', 'supervision']],
  ['The child’s views are recorded in their own words', ['voice_of_child']],
  ['The chronology stops a year before the audit', ['chronology_recording']],
  ['The assessment repeats the referral without analysis of risk', ['assessment_quality', 'risk_analysis']],
  ['Visits are regular but their purpose is not recorded', ['visits']],
];

/** Inserts the demo's quality assurance records; returns how many rows. Runs inside loadDemo's transaction. */
export async function seedQualityAssuranceDemo(trx: Transaction<DB>, asOf: string, seed: number): Promise<number> {
  const db = trx as unknown as Db;
  let rows = 0;
  const inspectionStart = addMonths(asOf, -30);
  const careLeavers = inspectionStart >= '2023-01-01' ? 'requires_improvement' : null;
  await db.insertInto('inspection').values([
    { id: 'DEMO-INSP-1', kind: 'ilacs_standard', start_date: inspectionStart, end_date: addDays(inspectionStart, 11), published_on: addDays(inspectionStart, 60), lead_inspector: 'A. Inspector (demo)', overall_grade: 'requires_improvement', leaders_grade: 'requires_improvement', help_protection_grade: 'requires_improvement', children_in_care_grade: 'good', care_leavers_grade: careLeavers, summary: 'Demo: leaders know their services; practice at the front door and in child protection is too variable.' },
    { id: 'DEMO-INSP-2', kind: 'focused_visit', start_date: addMonths(asOf, -10), end_date: addDays(addMonths(asOf, -10), 1), published_on: addDays(addMonths(asOf, -10), 40), themes: ['Children in need/subject to a plan'], summary: 'Demo: plans improving; management oversight still inconsistent.' },
    { id: 'DEMO-INSP-3', kind: 'ilacs_short', start_date: addMonths(asOf, -66), end_date: addDays(addMonths(asOf, -66), 5), overall_grade: 'good', leaders_grade: 'good', help_protection_grade: 'good', children_in_care_grade: 'good' },
  ]).execute();
  rows += 3;

  await db.insertInto('improvement_area').values([
    { id: 'DEMO-AREA-1', title: 'The consistency of decisions at the front door', source: 'inspection', inspection_id: 'DEMO-INSP-1', position: 1 },
    { id: 'DEMO-AREA-2', title: 'Management oversight and supervision that is regular and reflective', source: 'inspection', inspection_id: 'DEMO-INSP-1', position: 2 },
    { id: 'DEMO-AREA-3', title: 'Plans that are specific and reviewed on time', source: 'focused_visit', inspection_id: 'DEMO-INSP-2', position: 3 },
  ]).execute();
  await db.insertInto('improvement_action').values([
    { id: 'DEMO-ACT-1', area_id: 'DEMO-AREA-1', description: 'Publish revised threshold guidance with partners', owner: 'Head of Service, Front Door', due_date: addMonths(asOf, -6), status: 'completed', completed_on: addMonths(asOf, -7) },
    { id: 'DEMO-ACT-2', area_id: 'DEMO-AREA-1', description: 'Monthly dip-sample of contacts closed with no further action', owner: 'Quality assurance lead', due_date: addDays(asOf, -14), status: 'in_progress' },
    { id: 'DEMO-ACT-3', area_id: 'DEMO-AREA-2', description: 'Supervision at least monthly for every case-holding worker', owner: 'Principal social worker', due_date: addDays(asOf, 21), status: 'in_progress' },
    { id: 'DEMO-ACT-4', area_id: 'DEMO-AREA-2', description: 'Reduce average caseloads to the council’s target', owner: 'Director of Children’s Services', due_date: addMonths(asOf, 6), status: 'not_started', rag_override: 'amber', rag_override_reason: 'Recruitment campaign behind plan' },
    { id: 'DEMO-ACT-5', area_id: 'DEMO-AREA-3', description: 'Plan-writing workshops for all child protection teams', owner: 'Workforce development manager', due_date: addMonths(asOf, 3), status: 'not_started' },
  ]).execute();
  await db.insertInto('improvement_evidence').values([
    { id: 'DEMO-EV-1', action_id: 'DEMO-ACT-2', kind: 'indicator', indicator_id: 'rereferrals_12m_pct' },
    { id: 'DEMO-EV-2', action_id: 'DEMO-ACT-3', kind: 'audit_theme', audit_theme: 'management_oversight' },
    { id: 'DEMO-EV-3', action_id: 'DEMO-ACT-4', kind: 'indicator', indicator_id: 'avg_caseload' },
    { id: 'DEMO-EV-4', action_id: 'DEMO-ACT-1', kind: 'document', document_ref: 'Threshold document v4 (demo)', note: 'Agreed by the safeguarding partnership' },
  ]).execute();
  rows += 3 + 5 + 4;

  // One completed audit: six children with an open episode, graded and moderated.
  const auditor = await db.selectFrom('user_account').select('id').where('username', '=', 'qa.demo').executeTakeFirst();
  const moderator = await db.selectFrom('user_account').select('id').where('username', '=', 'tm.demo').executeTakeFirst();
  await db.insertInto('qa_question_set').values({ id: 'DEMO-QSET', name: 'Practice standards', description: 'The council’s case file audit questions (demo)' }).execute();
  const questions = QUESTIONS.map((text, i) => ({ id: `q${i + 1}`, text }));
  await db.insertInto('qa_question_set_revision').values({ id: 'DEMO-QSET-1', question_set_id: 'DEMO-QSET', revision: 1, questions: JSON.stringify(questions) as unknown as Json }).execute();
  rows += 2;
  const sampledOn = addDays(asOf, -35);
  const { candidates } = await samplePopulation(db, { kind: 'random', asOf: sampledOn });
  const sample = drawSample(candidates, 6, seed);
  if (sample.length === 0 || !auditor) return rows;
  await db.insertInto('case_file_audit').values({
    id: 'DEMO-AUDIT-1', title: 'Quarterly random audit (demo)', question_set_revision_id: 'DEMO-QSET-1', sample_kind: 'random', sample_indicator_id: 'cin_open_count',
    sample_size: 6, sample_seed: seed >>> 0, sample_as_of: sampledOn, population_size: candidates.length, status: 'closed', due_date: addDays(asOf, -7), closed_on: addDays(asOf, -7),
  }).execute();
  rows++;
  const rng = new Rng(seed ^ 0x5eed);
  const pick = (): Grade => {
    const x = rng.float();
    return x < 0.08 ? 'outstanding' : x < 0.55 ? 'good' : x < 0.88 ? 'requires_improvement' : 'inadequate';
  };
  const workers = await db.selectFrom('involvement').select(['person_id', 'professional_id']).where('person_id', 'in', sample.map((c) => c.childId)).where('role', '=', 'CW').where('deleted_at', 'is', null).orderBy('start_date', 'desc').execute();
  for (const [i, c] of sample.entries()) {
    const answers: Answer[] = questions.map((q) => ({ questionId: q.id, grade: pick(), comment: null }));
    const counts = new Map<Grade, number>();
    for (const a of answers) if (a.grade !== 'not_applicable') counts.set(a.grade, (counts.get(a.grade) ?? 0) + 1);
    const overall = [...GRADES].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
    const changed = i === 0 && overall !== 'inadequate';
    const caseId = `DEMO-AUDIT-1-C${i + 1}`;
    await db.insertInto('case_file_audit_case').values({
      id: caseId, audit_id: 'DEMO-AUDIT-1', person_id: c.childId, team_id: c.teamId, auditor_user_id: auditor.id, moderator_user_id: moderator?.id ?? null,
      overall_grade: overall, answers: JSON.stringify(answers) as unknown as Json, summary: 'Demo audit', graded_on: addDays(asOf, -20),
      ...(moderator ? { moderation_outcome: changed ? 'changed' : 'agreed', moderated_grade: changed ? GRADES[GRADES.indexOf(overall) + 1]! : null, moderation_reason: changed ? 'Drift in the plan outweighs the strengths (demo)' : null, moderated_on: addDays(asOf, -12) } : {}),
    }).execute();
    const [finding, themes] = FINDINGS[(i + seed) % FINDINGS.length]!;
    await db.insertInto('case_file_audit_finding').values({ id: `${caseId}-F1`, audit_case_id: caseId, finding, themes, strength: themes.includes('voice_of_child') }).execute();
    const second = FINDINGS[(i + seed + 1) % FINDINGS.length]!;
    await db.insertInto('case_file_audit_finding').values({ id: `${caseId}-F2`, audit_case_id: caseId, finding: second[0], themes: second[1], strength: second[1].includes('voice_of_child') }).execute();
    rows += 3;
    const owner = workers.find((w) => w.person_id === c.childId)?.professional_id;
    if (owner) {
      await db.insertInto('case_file_audit_action').values({ id: `${caseId}-A1`, audit_case_id: caseId, description: 'Update the plan with specific outcomes and review dates', owner_professional_id: owner, due_date: addDays(asOf, 14) }).execute();
      rows++;
    }
  }
  return rows;
}
