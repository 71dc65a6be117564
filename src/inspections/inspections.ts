// Inspection history: ILACS inspections with their judgements (graded), and focused and monitoring
// visits with their themes (ungraded), from reference/inspection-and-timescales.md §1.2–1.3; and the
// council's latest judgements beside England's distribution (§1.4, shipped as a data file).
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../platform/db/connect.ts';
import { newId } from '../platform/ids.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import { fieldError, isoDate, optionalText, parseInput, recordId } from '../platform/validation.ts';
import { GRADES, GRADE_LABELS, percentOf, type Grade } from '../quality-assurance/grades.ts';
import type { UseCaseContext } from '../quality-assurance/qa-form.ts';

export const INSPECTION_KINDS = ['ilacs_standard', 'ilacs_short', 'focused_visit', 'monitoring_visit', 'jtai', 'sif'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  ilacs_standard: 'ILACS standard inspection',
  ilacs_short: 'ILACS short inspection',
  focused_visit: 'ILACS focused visit',
  monitoring_visit: 'Monitoring visit',
  jtai: 'Joint targeted area inspection',
  sif: 'Single inspection framework (before 2018)',
};
/** Inspections that carry the ILACS judgements; visits carry themes instead. */
export const GRADED_KINDS: readonly InspectionKind[] = ['ilacs_standard', 'ilacs_short', 'sif'];

/** The judgement areas (Ofsted's wording), and their columns. Care leavers was judged separately from 1 January 2023. */
export const JUDGEMENT_AREAS = ['overall', 'leaders', 'help_protection', 'children_in_care', 'care_leavers'] as const;
export type JudgementArea = (typeof JUDGEMENT_AREAS)[number];
export const JUDGEMENT_LABELS: Record<JudgementArea, string> = {
  overall: 'Overall effectiveness',
  leaders: 'The impact of leaders on social work practice with children and families',
  help_protection: 'The experiences and progress of children who need help and protection',
  children_in_care: 'The experiences and progress of children in care',
  care_leavers: 'The experiences and progress of care leavers',
};
const COLUMN = { overall: 'overall_grade', leaders: 'leaders_grade', help_protection: 'help_protection_grade', children_in_care: 'children_in_care_grade', care_leavers: 'care_leavers_grade' } as const;
export const CARE_LEAVERS_JUDGED_FROM = '2023-01-01';

/** Ofsted's visit themes (S4 labels), offered as a list; councils may type others. */
export const VISIT_THEMES = ['Front door', 'Children in need/subject to a plan', 'Children in care', 'Achieving permanence', 'Care leavers', 'Vulnerable adolescents', 'Placement decision-making for older children'];

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalGrade = (area: JudgementArea) => z.preprocess(blank, z.enum(GRADES, { error: `Choose a grade for ${JUDGEMENT_LABELS[area].toLowerCase()}` }).optional());
const optionalDate = (label: string) => z.preprocess(blank, isoDate(label).optional());

export const inspectionInput = z.object({
  kind: z.enum(INSPECTION_KINDS, { error: 'Choose the kind of inspection or visit' }),
  startDate: isoDate('the first day of the inspection'),
  endDate: optionalDate('the last day of the inspection'),
  publishedOn: optionalDate('the date the report was published'),
  leadInspector: optionalText(200),
  reportUrl: optionalText(2000),
  themes: z.preprocess((v) => (v === undefined || v === '' ? [] : typeof v === 'string' ? v.split(/\s*[;\n]\s*/) : v), z.array(z.string().trim().max(200, 'Each theme must be 200 characters or fewer')).max(20, 'Give at most 20 themes')).transform((t) => t.filter(Boolean)),
  summary: optionalText(20_000),
  overallGrade: optionalGrade('overall'),
  leadersGrade: optionalGrade('leaders'),
  helpProtectionGrade: optionalGrade('help_protection'),
  childrenInCareGrade: optionalGrade('children_in_care'),
  careLeaversGrade: optionalGrade('care_leavers'),
});
export const inspectionUpdateInput = inspectionInput.extend({ version: z.coerce.number({ error: 'Reload the page and try again' }).int().positive().max(2_000_000_000) });

type InspectionFields = z.infer<typeof inspectionInput>;

function columns(input: InspectionFields) {
  if (input.endDate && input.endDate < input.startDate) fieldError('endDate', 'The last day must be on or after the first day');
  if (input.publishedOn && input.publishedOn < input.startDate) fieldError('publishedOn', 'The report cannot be published before the inspection started');
  if (input.reportUrl && !/^https?:\/\/\S+$/i.test(input.reportUrl)) fieldError('reportUrl', 'The report’s web address must start with http:// or https://');
  const graded = GRADED_KINDS.includes(input.kind);
  const grades = { overall: input.overallGrade, leaders: input.leadersGrade, help_protection: input.helpProtectionGrade, children_in_care: input.childrenInCareGrade, care_leavers: input.careLeaversGrade };
  const fieldOf = { overall: 'overallGrade', leaders: 'leadersGrade', help_protection: 'helpProtectionGrade', children_in_care: 'childrenInCareGrade', care_leavers: 'careLeaversGrade' } as const;
  if (!graded) {
    for (const area of JUDGEMENT_AREAS) if (grades[area]) fieldError(fieldOf[area], `A ${INSPECTION_KIND_LABELS[input.kind].toLowerCase()} is not graded: leave the judgements blank`);
    if (input.themes.length === 0 && (input.kind === 'focused_visit' || input.kind === 'monitoring_visit')) fieldError('themes', 'Enter the visit’s theme');
  } else {
    if (!grades.overall) fieldError('overallGrade', 'Choose the overall effectiveness grade');
    if (grades.care_leavers && input.startDate < CARE_LEAVERS_JUDGED_FROM) fieldError('careLeaversGrade', 'Care leavers were judged separately only from 1 January 2023: leave it blank for an earlier inspection');
  }
  return {
    kind: input.kind,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    published_on: input.publishedOn ?? null,
    lead_inspector: input.leadInspector ?? null,
    report_url: input.reportUrl ?? null,
    themes: input.themes,
    summary: input.summary ?? null,
    overall_grade: grades.overall ?? null,
    leaders_grade: grades.leaders ?? null,
    help_protection_grade: grades.help_protection ?? null,
    children_in_care_grade: grades.children_in_care ?? null,
    care_leavers_grade: grades.care_leavers ?? null,
  };
}

export async function createInspection(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string }> {
  const values = columns(parseInput(inspectionInput, raw));
  const id = newId();
  const row = await db.insertInto('inspection').values({ id, ...values }).returningAll().executeTakeFirstOrThrow();
  await ctx.audit.write(db, { action: 'create', entityType: 'inspection', entityId: id, personId: null, before: null, after: row });
  return { id };
}

export async function updateInspection(db: Db, ctx: UseCaseContext, raw: unknown): Promise<{ id: string }> {
  const id = parseInput(z.object({ inspectionId: recordId }), raw).inspectionId;
  const input = parseInput(inspectionUpdateInput, raw);
  const { before, after } = await updateWithVersion(db, 'inspection', id, input.version, columns(input));
  await ctx.audit.write(db, { action: 'update', entityType: 'inspection', entityId: id, personId: null, before, after });
  return { id };
}

export interface InspectionRecord {
  id: string;
  kind: InspectionKind;
  kindLabel: string;
  graded: boolean;
  startDate: string;
  endDate: string | null;
  publishedOn: string | null;
  leadInspector: string | null;
  reportUrl: string | null;
  themes: string[];
  summary: string | null;
  judgements: Partial<Record<JudgementArea, Grade>>;
  version: number;
}

export async function listInspections(db: Db): Promise<InspectionRecord[]> {
  const rows = await db.selectFrom('inspection').selectAll().where('deleted_at', 'is', null).orderBy('start_date', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map((r) => {
    const judgements: Partial<Record<JudgementArea, Grade>> = {};
    for (const area of JUDGEMENT_AREAS) {
      const g = r[COLUMN[area]];
      if (g) judgements[area] = g as Grade;
    }
    const kind = r.kind as InspectionKind;
    return { id: r.id, kind, kindLabel: INSPECTION_KIND_LABELS[kind], graded: GRADED_KINDS.includes(kind), startDate: r.start_date, endDate: r.end_date, publishedOn: r.published_on, leadInspector: r.lead_inspector, reportUrl: r.report_url, themes: r.themes, summary: r.summary, judgements, version: r.version };
  });
}

// ------------------------------------------------------------------ England's distribution

export interface EnglandDistribution {
  source: string;
  sourceUrl?: string;
  asAt: string;
  published?: string;
  localAuthorities: number;
  judgements: Record<JudgementArea, Record<Grade | 'notJudged', number>>;
  /** Where the figures came from: the shipped file, or the council's setting. */
  origin: 'shipped' | 'council setting';
}

export const ENGLAND_DISTRIBUTION_SETTING = 'ilacs_england_distribution';
const SHIPPED = JSON.parse(fs.readFileSync(new URL('./england-ilacs-distribution.json', import.meta.url), 'utf8')) as Omit<EnglandDistribution, 'origin'>;

const countsSchema = z.object({ outstanding: z.number().int().min(0), good: z.number().int().min(0), requires_improvement: z.number().int().min(0), inadequate: z.number().int().min(0), notJudged: z.number().int().min(0).default(0) });
const distributionSchema = z.object({
  source: z.string().min(1),
  sourceUrl: z.string().optional(),
  asAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  published: z.string().optional(),
  localAuthorities: z.number().int().positive(),
  judgements: z.object({ overall: countsSchema, leaders: countsSchema, help_protection: countsSchema, children_in_care: countsSchema, care_leavers: countsSchema }),
});

/** The shipped figures, unless the council has configured newer ones (a malformed setting is ignored). */
export async function englandDistribution(db: Db): Promise<EnglandDistribution> {
  const row = await db.selectFrom('council_setting').select('value').where('id', '=', ENGLAND_DISTRIBUTION_SETTING).where('deleted_at', 'is', null).executeTakeFirst();
  if (row) {
    const parsed = distributionSchema.safeParse(row.value);
    if (parsed.success) return { ...parsed.data, origin: 'council setting' };
  }
  return { ...distributionSchema.parse(SHIPPED), origin: 'shipped' };
}

export interface ComparisonRow {
  area: JudgementArea;
  label: string;
  /** The council's grade from its latest graded inspection that judged this area, and when. */
  council: { grade: Grade; gradeLabel: string; inspectionId: string; startDate: string } | null;
  england: Array<{ grade: Grade; gradeLabel: string; count: number; percent: number | null }>;
  englandJudged: number;
  /** Councils in England judged better than this council, and the same. */
  englandBetter: number | null;
  englandSame: number | null;
}

/** Per judgement area: the council's latest grade beside England's distribution (shares of those judged). */
export function compareWithEngland(inspections: readonly InspectionRecord[], england: EnglandDistribution): ComparisonRow[] {
  const graded = inspections.filter((i) => i.graded).sort((a, b) => b.startDate.localeCompare(a.startDate));
  return JUDGEMENT_AREAS.map((area) => {
    const latest = graded.find((i) => i.judgements[area]);
    const counts = england.judgements[area];
    const judged = GRADES.reduce((n, g) => n + counts[g], 0);
    const grade = latest?.judgements[area] ?? null;
    const rank = grade ? GRADES.indexOf(grade) : -1;
    return {
      area,
      label: JUDGEMENT_LABELS[area],
      council: latest && grade ? { grade, gradeLabel: GRADE_LABELS[grade], inspectionId: latest.id, startDate: latest.startDate } : null,
      england: GRADES.map((g) => ({ grade: g, gradeLabel: GRADE_LABELS[g], count: counts[g], percent: percentOf(counts[g], judged) })),
      englandJudged: judged,
      englandBetter: grade ? GRADES.slice(0, rank).reduce((n, g) => n + counts[g], 0) : null,
      englandSame: grade ? counts[grade] : null,
    };
  });
}
