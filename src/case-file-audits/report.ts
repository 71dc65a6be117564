// The themes report across audits: the grade distribution (the grade that counts: the moderator's when
// changed), by question, by team; moderation agreement; and the findings' themes, recurring when seen in
// two or more cases, each beside the indicators that measure the same ground. Aggregates only: no child
// is named, so anyone who may read quality assurance may read it.
import type { Db } from '../platform/db/connect.ts';
import { computeIndicators, indicatorDefinition } from '../indicators/index.ts';
import { gradeDistribution, isGrade, percentOf, type Grade, type GradeDistribution } from '../quality-assurance/grades.ts';
import { finalGrade, type Answer } from './audits.ts';
import type { Question } from './question-sets.ts';
import { AUDIT_THEMES } from './themes.ts';

export interface ThemesReportOptions {
  /** Cases graded on or after / on or before (inclusive). */
  from?: string;
  to?: string;
  auditIds?: string[];
  /** The date the linked indicators are computed as at (default `to`, else today). */
  indicatorsAsOf: string;
  /** Skip computing the linked indicators (tests of the counts alone). */
  withIndicators?: boolean;
}

export interface ThemeRow {
  code: string;
  label: string;
  findings: number;
  strengths: number;
  cases: number;
  audits: number;
  recurring: boolean;
  indicators: Array<{ id: string; title: string; value: number | null; unit: string }>;
}

export interface ThemesReport {
  from: string | null;
  to: string | null;
  audits: Array<{ id: string; title: string; status: string; cases: number; graded: number }>;
  casesGraded: number;
  overall: GradeDistribution;
  /** The auditors' grades before moderation, to show what moderation changed. */
  auditorGrades: GradeDistribution;
  moderation: { moderated: number; agreed: number; changed: number; agreedPercent: number | null };
  byQuestion: Array<{ questionId: string; text: string; distribution: GradeDistribution; notApplicable: number }>;
  byTeam: Array<{ teamId: string | null; team: string; distribution: GradeDistribution }>;
  themes: ThemeRow[];
  actions: { total: number; open: number; overdue: number };
}

export async function themesReport(db: Db, options: ThemesReportOptions): Promise<ThemesReport> {
  let q = db
    .selectFrom('case_file_audit_case as c')
    .innerJoin('case_file_audit as a', 'a.id', 'c.audit_id')
    .innerJoin('qa_question_set_revision as r', 'r.id', 'a.question_set_revision_id')
    .leftJoin('team as t', 't.id', 'c.team_id')
    .select(['c.id', 'c.audit_id', 'c.team_id', 't.name as team', 'c.overall_grade', 'c.moderation_outcome', 'c.moderated_grade', 'c.answers', 'c.graded_on', 'r.questions'])
    .where('c.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where('c.overall_grade', 'is not', null);
  if (options.from) q = q.where('c.graded_on', '>=', options.from);
  if (options.to) q = q.where('c.graded_on', '<=', options.to);
  if (options.auditIds?.length) q = q.where('c.audit_id', 'in', options.auditIds);
  const cases = await q.orderBy('c.id').execute();

  const auditIds = [...new Set(cases.map((c) => c.audit_id))];
  const audits = auditIds.length
    ? await db
        .selectFrom('case_file_audit as a')
        .select(['a.id', 'a.title', 'a.status', (eb) => eb.selectFrom('case_file_audit_case as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.audit_id', '=', 'a.id').where('c.deleted_at', 'is', null).as('cases')])
        .where('a.id', 'in', auditIds)
        .orderBy('a.created_at')
        .execute()
    : [];

  const finals: Grade[] = [];
  const auditorGrades: Grade[] = [];
  let agreed = 0;
  let changed = 0;
  const questionText = new Map<string, string>();
  const byQuestion = new Map<string, { grades: Grade[]; na: number }>();
  const byTeam = new Map<string | null, { team: string; grades: Grade[] }>();
  for (const c of cases) {
    const g = finalGrade(c)!;
    finals.push(g);
    if (isGrade(c.overall_grade)) auditorGrades.push(c.overall_grade);
    if (c.moderation_outcome === 'agreed') agreed++;
    if (c.moderation_outcome === 'changed') changed++;
    for (const qn of (c.questions as unknown as Question[]) ?? []) questionText.set(qn.id, qn.text); // the latest wording wins (cases in id order)
    for (const a of ((c.answers as unknown as Answer[] | null) ?? [])) {
      const entry = byQuestion.get(a.questionId) ?? { grades: [], na: 0 };
      if (a.grade === 'not_applicable') entry.na++;
      else entry.grades.push(a.grade);
      byQuestion.set(a.questionId, entry);
    }
    const team = byTeam.get(c.team_id) ?? { team: c.team ?? 'No team recorded', grades: [] };
    team.grades.push(g);
    byTeam.set(c.team_id, team);
  }

  // Findings and actions of these cases.
  const caseIds = cases.map((c) => c.id);
  const auditOf = new Map(cases.map((c) => [c.id, c.audit_id]));
  const findings = caseIds.length ? await db.selectFrom('case_file_audit_finding').select(['audit_case_id', 'themes', 'strength']).where('audit_case_id', 'in', caseIds).where('deleted_at', 'is', null).execute() : [];
  const actions = caseIds.length ? await db.selectFrom('case_file_audit_action').select(['status', 'due_date']).where('audit_case_id', 'in', caseIds).where('deleted_at', 'is', null).execute() : [];
  const themeStats = new Map<string, { findings: number; strengths: number; cases: Set<string>; audits: Set<string> }>();
  for (const f of findings) {
    for (const code of f.themes) {
      const s = themeStats.get(code) ?? { findings: 0, strengths: 0, cases: new Set(), audits: new Set() };
      if (f.strength) s.strengths++;
      else {
        s.findings++;
        s.cases.add(f.audit_case_id);
        s.audits.add(auditOf.get(f.audit_case_id)!);
      }
      themeStats.set(code, s);
    }
  }
  const used = AUDIT_THEMES.filter((t) => themeStats.has(t.code));
  const indicatorIds = [...new Set(used.flatMap((t) => t.indicators))].filter((id) => indicatorDefinition(id));
  const values = new Map<string, { value: number | null; unit: string }>();
  if (options.withIndicators !== false && indicatorIds.length) {
    const report = await computeIndicators(db, options.indicatorsAsOf, { ids: indicatorIds, withMembers: false });
    for (const r of report.indicators) values.set(r.id, { value: r.value, unit: r.unit });
  }
  const themes: ThemeRow[] = used
    .map((t) => {
      const s = themeStats.get(t.code)!;
      return {
        code: t.code,
        label: t.label,
        findings: s.findings,
        strengths: s.strengths,
        cases: s.cases.size,
        audits: s.audits.size,
        recurring: s.cases.size >= 2,
        indicators: t.indicators.filter((id) => indicatorDefinition(id)).map((id) => ({ id, title: indicatorDefinition(id)!.title, value: values.get(id)?.value ?? null, unit: values.get(id)?.unit ?? indicatorDefinition(id)!.unit })),
      };
    })
    .sort((a, b) => b.cases - a.cases || b.findings - a.findings || a.label.localeCompare(b.label));

  const today = options.indicatorsAsOf;
  return {
    from: options.from ?? null,
    to: options.to ?? null,
    audits: audits.map((a) => ({ id: a.id, title: a.title, status: a.status, cases: Number(a.cases ?? 0), graded: cases.filter((c) => c.audit_id === a.id).length })),
    casesGraded: cases.length,
    overall: gradeDistribution(finals),
    auditorGrades: gradeDistribution(auditorGrades),
    moderation: { moderated: agreed + changed, agreed, changed, agreedPercent: percentOf(agreed, agreed + changed) },
    byQuestion: [...byQuestion.entries()]
      .sort(([a], [b]) => (Number(a.replace(/^q/, '')) || 0) - (Number(b.replace(/^q/, '')) || 0) || a.localeCompare(b))
      .map(([questionId, e]) => ({ questionId, text: questionText.get(questionId) ?? questionId, distribution: gradeDistribution(e.grades), notApplicable: e.na })),
    byTeam: [...byTeam.entries()].map(([teamId, e]) => ({ teamId, team: e.team, distribution: gradeDistribution(e.grades) })).sort((a, b) => (a.teamId === null ? 1 : b.teamId === null ? -1 : a.team.localeCompare(b.team))),
    themes,
    actions: { total: actions.length, open: actions.filter((a) => a.status === 'open').length, overdue: actions.filter((a) => a.status === 'open' && a.due_date < today).length },
  };
}
