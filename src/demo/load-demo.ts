import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { generateCouncil } from './generate.ts';
import { insertCouncil } from './insert.ts';
import { createDemoUsers } from '../auth/demo-users.ts';
import { seedDashboardDemo } from '../dashboards/demo-seed.ts';
import { seedQualityAssuranceDemo } from '../quality-assurance/demo-seed.ts';
import { insertDemoAdopters } from './generate-adopters.ts';

export interface DemoOptions {
  seed: number;
  /** 1 = an England-average council (about 4,100 referrals a year). */
  scale: number;
  /** Years of history ending at `asOf`. */
  years: number;
  asOf: string;
}

export const DEFAULT_DEMO: DemoOptions = { seed: 1, scale: 1, years: 3, asOf: new Date().toISOString().slice(0, 10) };

export interface DemoSummary extends DemoOptions {
  rows: Record<string, number>;
}

/** True when no person, professional or team is recorded yet. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const r = await sql<{ any: boolean }>`select exists (select 1 from person) or exists (select 1 from professional) or exists (select 1 from team) as any`.execute(db);
  return !r.rows[0]?.any;
}

/** Loads a synthetic council into an empty database, all in one transaction. */
export async function loadDemo(db: Db, options: DemoOptions, progress: (message: string) => void = () => {}): Promise<DemoSummary> {
  if (!(await isDatabaseEmpty(db))) {
    throw new AppError('BAD_INPUT', 'the database already holds records; the demo council loads only into an empty database. Nothing was changed.');
  }
  progress('Generating the synthetic council…');
  const council = generateCouncil(options);
  const total = Object.values(council.tables).reduce((n, rows) => n + rows.length, 0);
  progress(`Generated ${council.council.name}: ${total.toLocaleString('en-GB')} records from ${council.windowStart} to ${council.asOf}.`);
  const rows = await db.transaction().execute(async (trx) => {
    const counts = await insertCouncil(trx, council, progress);
    counts.adopter_household = await insertDemoAdopters(trx, council);
    // One sign-in per role, chosen from the council's workforce (README lists them).
    counts.user_account = (await createDemoUsers(trx)).length;
    // Comparator groups and targets for the dashboards and the quarterly report.
    counts.dashboard_settings = await seedDashboardDemo(trx);
    // An inspection history, an improvement plan and one completed case file audit.
    counts.quality_assurance = await seedQualityAssuranceDemo(trx, council.asOf, options.seed);
    return counts;
  });
  // Fresh statistics: without them the planner (PGlite keeps none by itself) picks slow plans for the access rules.
  await sql`analyze`.execute(db);
  return { ...options, rows };
}

/** What `npm start` does: load the default demo council when the database is empty. */
export async function loadDemoIfEmpty(db: Db, progress: (message: string) => void = () => {}): Promise<DemoSummary | undefined> {
  if (!(await isDatabaseEmpty(db))) return undefined;
  return loadDemo(db, DEFAULT_DEMO, progress);
}
