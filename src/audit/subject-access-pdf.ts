// The subject access export as a PDF (pdfkit): the same content as its index.html, for a requester who
// wants a document rather than files. Each record is listed field by field (tables are too wide for a
// page); empty fields are left out. The JSON files stay the complete, exact copy.
import PDFDocument from 'pdfkit';

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

const WIN_ANSI = /[\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/**
 * The built-in PDF fonts encode WinAnsi only. A letter outside it loses its accent where it has one
 * (ő → o); anything else becomes "?". The exact text is in the JSON files of the same export.
 */
export function winAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    if (WIN_ANSI.test(ch)) out += ch;
    else {
      const plain = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += [...plain].every((c) => WIN_ANSI.test(c)) && plain ? plain : '?';
    }
  }
  return out;
}

export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export interface SubjectAccessContent {
  personId: string;
  personName: string;
  generatedAt: string;
  generatedBy: string;
  sections: Record<string, Array<Record<string, unknown>>>;
  audit: Array<{ occurred_at: unknown; username: string | null; roles: readonly string[]; action: string; outcome: string; what: string | null; reason: string | null }>;
}

export function renderSubjectAccessPdf(content: SubjectAccessContent): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Subject access export ${content.personId}`, Author: 'Tiller', Subject: 'Records held about a person (UK GDPR Art. 15)' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const heading = (text: string, size: number) => {
    if (doc.y > doc.page.height - MARGIN - size * 4) doc.addPage();
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(size).fillColor('#0b0c0c').text(winAnsi(text), MARGIN, doc.y, { width: CONTENT_WIDTH }).moveDown(0.3);
  };
  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(9).text(winAnsi(`${label}: `), MARGIN, doc.y, { width: CONTENT_WIDTH, continued: true }).font('Helvetica').text(winAnsi(value));
  };

  heading(`Records held about ${content.personName || content.personId}`, 18);
  line('Reference', content.personId);
  line('Generated', `${content.generatedAt} by ${content.generatedBy}`);
  doc.moveDown(0.5).font('Helvetica-Oblique').fontSize(9).text('Review before release: redact third-party information where the law requires (UK GDPR Art. 15(4), DPA 2018 Sch. 2). Empty fields are left out; the JSON files in the same export are the complete copy.', { width: CONTENT_WIDTH });

  heading('Contents', 13);
  for (const [name, rows] of Object.entries(content.sections)) doc.font('Helvetica').fontSize(10).text(winAnsi(`${name} (${rows.length})`), { width: CONTENT_WIDTH });
  doc.font('Helvetica').fontSize(10).text(`Who has seen this record (${content.audit.length})`, { width: CONTENT_WIDTH });

  for (const [name, rows] of Object.entries(content.sections)) {
    heading(`${name} (${rows.length})`, 13);
    rows.forEach((row, i) => {
      if (rows.length > 1) doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(`Record ${i + 1} of ${rows.length}`, MARGIN, doc.y, { width: CONTENT_WIDTH });
      for (const [k, v] of Object.entries(row)) {
        const shown = showValue(v);
        if (shown !== '') line(k, shown);
      }
    });
  }

  heading(`Who has seen this record (${content.audit.length})`, 13);
  if (content.audit.length === 0) doc.font('Helvetica').fontSize(9).text('No one has.', { width: CONTENT_WIDTH });
  for (const a of content.audit) {
    const parts = [showValue(a.occurred_at), `${a.username ?? 'unknown'}${a.roles.length ? ` (${a.roles.join(', ')})` : ''}`, `${a.action} (${a.outcome})`, a.what ?? '', a.reason ? `reason: ${a.reason}` : ''];
    doc.font('Helvetica').fontSize(9).text(winAnsi(parts.filter(Boolean).join(' - ')), MARGIN, doc.y, { width: CONTENT_WIDTH });
  }
  doc.end();
  return done;
}
