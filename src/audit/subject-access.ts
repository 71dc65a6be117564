// Subject access export: everything held about one person, as a ZIP of JSON (one file per table) and HTML
// and PDF renderings of the same (subject-access-pdf.ts), for the DPO to review and send. Tables are found from the schema (every
// table with a person_id column, plus the links that name the person another way), so new record types
// are included without changing this file.
import { sql } from 'kysely';
import { strToU8, zipSync } from 'fflate';
import nunjucks from 'nunjucks';
import type { Db } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';
import { renderSubjectAccessPdf } from './subject-access-pdf.ts';

/** Columns other than person_id that name a person. */
const OTHER_PERSON_COLUMNS: Array<{ table: string; column: string }> = [
  { table: 'relationship', column: 'related_person_id' },
  { table: 'placement', column: 'carer_id' },
];

/** Tables about staff and sign-in, not about the person; the audit trail is included separately. */
const EXCLUDED_TABLES = new Set(['audit_event', 'break_glass_grant', 'restricted_record_access', 'user_account', 'user_role', 'user_session', 'sign_in_attempt']);

export interface SubjectAccessExport {
  fileName: string;
  zip: Uint8Array;
  tables: Record<string, number>;
}

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2);
}

async function personTables(db: Db): Promise<string[]> {
  const r = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'person_id' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  return r.rows.map((x) => x.table_name).filter((t) => !EXCLUDED_TABLES.has(t));
}

export async function buildSubjectAccessExport(db: Db, personId: string, generatedBy: string): Promise<SubjectAccessExport> {
  const person = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'There is no person with that reference');
  const sections: Record<string, Array<Record<string, unknown>>> = { person: [person] };
  for (const table of await personTables(db)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where person_id = ${personId} order by id`.execute(db);
    if (rows.rows.length) sections[table] = rows.rows;
  }
  for (const { table, column } of OTHER_PERSON_COLUMNS) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(column)} = ${personId} order by id`.execute(db);
    if (rows.rows.length) sections[`${table} (as ${column})`] = rows.rows;
  }
  const audit = await db
    .selectFrom('audit_event')
    .select(['occurred_at', 'username', 'roles', 'action', 'outcome', 'what', 'reason'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  const generatedAt = new Date().toISOString();
  const tables = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.length]));
  const manifest = { personId, generatedAt, generatedBy, tables, auditEvents: audit.length, note: 'Review before release: redact third-party information where the law requires (UK GDPR Art. 15(4), DPA 2018 Sch. 2).' };
  const personName = [person.forename, person.surname].filter(Boolean).join(' ');
  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(json(manifest)),
    'who-has-seen.json': strToU8(json(audit)),
    'index.html': strToU8(renderHtml(personId, personName, generatedAt, sections, audit)),
    'records.pdf': await renderSubjectAccessPdf({ personId, personName, generatedAt, generatedBy, sections, audit }),
  };
  for (const [name, rows] of Object.entries(sections)) files[`records/${name.replace(/[^a-z0-9_]+/g, '_').replace(/_+$/, '')}.json`] = strToU8(json(rows));
  return { fileName: `subject-access-${personId}-${generatedAt.slice(0, 10)}.zip`, zip: zipSync(files, { level: 6 }), tables };
}

const htmlEnv = new nunjucks.Environment(null, { autoescape: true });
const TEMPLATE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Subject access export {{ personId }}</title>
<style>body{font-family:arial,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #b1b4b6;padding:4px 8px;text-align:left;vertical-align:top}</style></head>
<body><h1>Records held about {{ personName or personId }}</h1><p>Reference {{ personId }}. Generated {{ generatedAt }}. Review before release.</p>
{% for name, rows in sections %}<h2>{{ name }} ({{ rows.length }})</h2><table>{% for row in rows %}{% if loop.first %}<tr>{% for k, v in row %}<th>{{ k }}</th>{% endfor %}</tr>{% endif %}<tr>{% for k, v in row %}<td>{{ v | show }}</td>{% endfor %}</tr>{% endfor %}</table>{% endfor %}
<h2>Who has seen this record ({{ audit.length }})</h2><table><tr><th>When</th><th>Who</th><th>Roles</th><th>Action</th><th>What</th><th>Reason</th></tr>
{% for a in audit %}<tr><td>{{ a.occurred_at | show }}</td><td>{{ a.username }}</td><td>{{ a.roles | join(", ") }}</td><td>{{ a.action }} ({{ a.outcome }})</td><td>{{ a.what }}</td><td>{{ a.reason }}</td></tr>{% endfor %}</table></body></html>`;
htmlEnv.addFilter('show', (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v)));

function renderHtml(personId: string, personName: string, generatedAt: string, sections: Record<string, unknown[]>, audit: unknown[]): string {
  return htmlEnv.renderString(TEMPLATE, { personId, personName, generatedAt, sections, audit });
}
