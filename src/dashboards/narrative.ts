// The author's narrative in the quarterly report: one text per section and quarter, saved as drafts.
// Every save names the version it was based on; a stale save is refused (no lost updates) and every
// saved version is kept in report_narrative_revision.
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { updateWithVersion } from '../platform/db/update-with-version.ts';
import type { Audit } from '../audit/audit.ts';
import { DASHBOARD_AREAS } from './areas.ts';

export interface NarrativeSection {
  key: string;
  title: string;
  hint: string;
}

export const NARRATIVE_SECTIONS: readonly NarrativeSection[] = [
  { key: 'summary', title: 'Summary', hint: 'Where practice stands this quarter, what has improved, what has not, and why.' },
  ...DASHBOARD_AREAS.map((a) => ({ key: a.slug, title: a.title, hint: `What the ${a.title.toLowerCase()} figures say, the reasons behind them and what is being done.` })),
  { key: 'quality-assurance', title: 'Quality assurance', hint: 'Findings from case file audits and other quality assurance this quarter.' },
];

export const MAX_NARRATIVE = 20_000;

export function narrativeSection(key: string): NarrativeSection | undefined {
  return NARRATIVE_SECTIONS.find((s) => s.key === key);
}

export interface Narrative {
  section: string;
  body: string;
  /** 0 when nothing has been saved yet. */
  version: number;
  savedBy: string | null;
  savedAt: Date | null;
}

export async function loadNarratives(db: Db, quarter: string): Promise<Map<string, Narrative>> {
  const rows = await db
    .selectFrom('report_narrative')
    .leftJoin('user_account', 'user_account.id', 'report_narrative.saved_by')
    .select(['report_narrative.section', 'report_narrative.body', 'report_narrative.version', 'report_narrative.updated_at', 'user_account.display_name'])
    .where('report_narrative.quarter', '=', quarter)
    .where('report_narrative.deleted_at', 'is', null)
    .execute();
  const out = new Map<string, Narrative>();
  for (const s of NARRATIVE_SECTIONS) out.set(s.key, { section: s.key, body: '', version: 0, savedBy: null, savedAt: null });
  for (const r of rows) out.set(r.section, { section: r.section, body: r.body, version: r.version, savedBy: r.display_name ?? null, savedAt: r.updated_at });
  return out;
}

export interface NarrativeInput {
  quarter: string;
  section: string;
  body: string;
  /** The version the author started from: 0 for a section never saved. */
  version: number;
  userId: string;
}

/** Saves a draft in a transaction with its revision and audit rows; returns the new version. */
export async function saveNarrative(db: Db, audit: Audit, input: NarrativeInput): Promise<number> {
  if (!narrativeSection(input.section)) throw new AppError('NOT_FOUND', 'There is no such section in the report');
  if (input.body.length > MAX_NARRATIVE) throw new AppError('BAD_INPUT', 'Check the text', { fieldErrors: [{ field: 'body', message: `The text must be ${MAX_NARRATIVE.toLocaleString('en-GB')} characters or fewer` }] });
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('report_narrative').selectAll().where('quarter', '=', input.quarter).where('section', '=', input.section).where('deleted_at', 'is', null).executeTakeFirst();
    let after;
    if (!current) {
      if (input.version !== 0) throw new AppError('CONFLICT', 'This section was removed after you opened it, so your text was not saved. Copy it, look again, then save.');
      after = await trx.insertInto('report_narrative').values({ id: newId(), quarter: input.quarter, section: input.section, body: input.body, saved_by: input.userId }).returningAll().executeTakeFirstOrThrow();
      await audit.write(trx, { action: 'create', entityType: 'report_narrative', entityId: after.id, personId: null, before: null, after });
    } else {
      if (input.version === 0) {
        throw new AppError('CONFLICT', 'Someone else saved this section after you opened it, so your text was not saved. Copy your text, look at theirs, then save again.', {
          fieldErrors: [{ field: 'body', message: 'Someone else saved this section after you opened it, so your text was not saved' }],
        });
      }
      const updated = await updateWithVersion(trx, 'report_narrative', current.id, input.version, { body: input.body, saved_by: input.userId });
      after = updated.after;
      await audit.write(trx, { action: 'update', entityType: 'report_narrative', entityId: after.id, personId: null, before: updated.before, after });
    }
    await trx.insertInto('report_narrative_revision').values({ id: newId(), narrative_id: after.id, narrative_version: after.version, body: after.body, saved_by: input.userId }).execute();
    return after.version;
  });
}

export interface NarrativeRevision {
  version: number;
  body: string;
  savedBy: string | null;
  savedAt: Date;
}

export async function narrativeRevisions(db: Db, quarter: string, section: string): Promise<NarrativeRevision[]> {
  const rows = await db
    .selectFrom('report_narrative_revision as r')
    .innerJoin('report_narrative as n', 'n.id', 'r.narrative_id')
    .leftJoin('user_account as u', 'u.id', 'r.saved_by')
    .select(['r.narrative_version', 'r.body', 'r.created_at', 'u.display_name'])
    .where('n.quarter', '=', quarter)
    .where('n.section', '=', section)
    .orderBy('r.narrative_version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.narrative_version, body: r.body, savedBy: r.display_name ?? null, savedAt: r.created_at }));
}
