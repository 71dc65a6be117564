// The demo council's quality assurance content: present, coherent, and the same for the same seed.
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { improvementPlanSummary } from '../improvement/summary.ts';
import { themesReport } from '../case-file-audits/report.ts';
import { compareWithEngland, englandDistribution, listInspections } from '../inspections/inspections.ts';

const OPTIONS = { seed: 4, scale: 0.05, years: 1, asOf: '2025-09-30' };
const open: Database[] = [];
afterAll(async () => {
  for (const d of open) await d.close();
});

async function loaded() {
  const database = await freshDatabase();
  open.push(database);
  const summary = await loadDemo(database.db, OPTIONS);
  return { database, summary };
}

async function auditSnapshot(database: Database) {
  return database.db.selectFrom('case_file_audit_case').select(['person_id', 'overall_grade', 'moderation_outcome', 'moderated_grade']).orderBy('id').execute();
}

describe('the demo council’s quality assurance', () => {
  it('has an inspection history, an improvement plan and one completed, moderated audit; the same for the same seed', { timeout: 600_000 }, async () => {
    const a = await loaded();
    const db = a.database.db;
    expect(a.summary.rows.quality_assurance).toBeGreaterThan(20);
    const inspections = await listInspections(db);
    expect(inspections.map((i) => i.kind)).toEqual(['focused_visit', 'ilacs_standard', 'ilacs_short']);
    const overall = compareWithEngland(inspections, await englandDistribution(db)).find((r) => r.area === 'overall')!;
    expect(overall.council?.grade).toBe('requires_improvement');
    // As at 2025-09-30: ACT-2 due 14 days before and in progress (red, overdue); ACT-3 due in 21 days (amber);
    // ACT-4 overridden amber; ACT-1 completed (green); ACT-5 due in 3 months (green).
    const plan = await improvementPlanSummary(db, OPTIONS.asOf);
    expect(plan.actions).toEqual({ total: 5, byStatus: { not_started: 2, in_progress: 2, completed: 1 }, byRag: { red: 1, amber: 2, green: 2 } });
    expect(plan.overdue.map((o) => [o.id, o.daysOverdue])).toEqual([['DEMO-ACT-2', 14]]);
    const audit = await db.selectFrom('case_file_audit').selectAll().executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ status: 'closed', sample_seed: OPTIONS.seed, sample_size: 6 });
    const cases = await auditSnapshot(a.database);
    expect(cases).toHaveLength(6);
    expect(cases.every((c) => c.overall_grade !== null && c.moderation_outcome !== null)).toBe(true);
    const report = await themesReport(db, { indicatorsAsOf: OPTIONS.asOf });
    expect(report.casesGraded).toBe(6);
    expect(report.moderation.moderated).toBe(6);
    expect(report.themes.some((t) => t.recurring)).toBe(true);
    const b = await loaded();
    expect(await auditSnapshot(b.database)).toEqual(cases);
  });
});
