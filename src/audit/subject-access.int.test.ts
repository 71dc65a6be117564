// The subject access export: JSON, HTML and a PDF of the same content, read back with pdfjs.
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { recordAudit } from './audit.ts';
import { buildSubjectAccessExport } from './subject-access.ts';
import { winAnsi } from './subject-access-pdf.ts';

const STANDARD_FONTS = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('person').values([
    { id: 'P-SAR', forename: 'Renée', surname: 'Marchbank', dob: '2014-02-03' },
    { id: 'P-MUM', forename: 'Odile', surname: 'Marchbank' },
  ]).execute();
  await db.insertInto('contact').values([
    { id: 'K-SAR-1', person_id: 'P-SAR', contact_date: '2025-11-03', decision_date: '2025-11-04', outcome: 'nfa', reason: 'School raised concern about attendance' },
    { id: 'K-SAR-2', person_id: 'P-SAR', contact_date: '2026-01-12' },
  ]).execute();
  await db.insertInto('relationship').values({ id: 'REL-1', person_id: 'P-MUM', related_person_id: 'P-SAR', relationship: 'mother' }).execute();
  await recordAudit(db, { userId: null, username: 'sw.tester', roles: ['social_worker'], ipAddress: '192.0.2.7', requestId: 'r1', route: 'GET /children/:childId' }, { action: 'read', personId: 'P-SAR', what: 'chronology' });
});
afterAll(async () => database?.close());

async function pdfText(data: Uint8Array): Promise<{ text: string; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return { text: pages.join('\n').replace(/\s+/g, ' '), pages: doc.numPages };
}

describe('subject access export', () => {
  it('holds the JSON, the HTML and a PDF with the same sections and the person’s details', async () => {
    const sar = await buildSubjectAccessExport(database.db, 'P-SAR', 'dpo.tester');
    const files = unzipSync(sar.zip);
    expect(Object.keys(files).sort()).toEqual(['index.html', 'manifest.json', 'records.pdf', 'records/contact.json', 'records/person.json', 'records/relationship_as_related_person_id.json', 'who-has-seen.json']);
    expect(sar.tables).toEqual({ person: 1, contact: 2, 'relationship (as related_person_id)': 1 });
    expect(strFromU8(files['index.html']!)).toContain('Records held about Renée Marchbank');

    const pdf = files['records.pdf']!;
    expect(strFromU8(pdf.slice(0, 5))).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    for (const expected of [
      'Records held about Renée Marchbank',
      'Reference: P-SAR',
      'by dpo.tester',
      'Review before release',
      // The contents, then each section.
      'person (1)',
      'contact (2)',
      'relationship (as related_person_id) (1)',
      'Who has seen this record (1)',
      // The person's details and their records, field by field.
      'forename: Renée',
      'surname: Marchbank',
      'dob: 2014-02-03',
      'Record 1 of 2',
      'contact_date: 2025-11-03',
      'reason: School raised concern about attendance',
      'Record 2 of 2',
      'contact_date: 2026-01-12',
      'relationship: mother',
      // Who has seen it.
      'sw.tester (social_worker) - read (success) - chronology',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('deleted_at:'); // empty fields left out
  });

  it('refuses a person who is not there', async () => {
    await expect(buildSubjectAccessExport(database.db, 'NOBODY', 'dpo.tester')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes letters the PDF fonts lack in their nearest plain form', () => {
    expect(winAnsi('Renée Ødegård')).toBe('Renée Ødegård');
    expect(winAnsi('Ołeńka Dvořák')).toBe('O?enka Dvorák'); // ł has no plain form; ń, ř lose their accents; á is in WinAnsi
    expect(winAnsi('王')).toBe('?');
  });
});
