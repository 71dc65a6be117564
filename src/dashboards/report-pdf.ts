// The quarterly report as a PDF, drawn with pdfkit from the same model as the HTML page
// (quarterly-report.ts). Charts are drawn with pdfkit's vector API from the same geometry as the SVGs
// (chart.ts), with the same line patterns, so they do not rely on colour either.
import PDFDocument from 'pdfkit';
import { RAG_LABELS } from './targets.ts';
import { chartGeometry, formatValue, type ChartInput } from './chart.ts';
import type { DashboardIndicator } from './dashboard.ts';
import { reportHeadings, type QuarterlyReport } from './quarterly-report.ts';
import type { Narrative } from './narrative.ts';

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4
const PAGE_HEIGHT = 841.89;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BOTTOM = PAGE_HEIGHT - MARGIN;

/** The built-in PDF fonts encode WinAnsi only: anything else becomes its nearest plain form. */
export function pdfText(s: string): string {
  return s
    .replace(/[≤]/g, '<=')
    .replace(/[≥]/g, '>=')
    .replace(/[×]/g, 'x')
    .replace(/[÷]/g, '/')
    .replace(/[\u2010-\u2012]/g, '-')
    .replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, '?');
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function heading(doc: Doc, text: string, size = 16): void {
  ensureRoom(doc, size * 3);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(size).fillColor('#0b0c0c').text(pdfText(text), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

function body(doc: Doc, text: string, options: { italic?: boolean; size?: number } = {}): void {
  doc.font(options.italic ? 'Helvetica-Oblique' : 'Helvetica').fontSize(options.size ?? 10).fillColor('#0b0c0c');
  for (const para of text.split(/\n\s*\n/)) {
    ensureRoom(doc, 30);
    doc.text(pdfText(para.trim()), MARGIN, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.5);
  }
}

function narrative(doc: Doc, n: Narrative): void {
  if (n.body.trim()) body(doc, n.body);
  else body(doc, 'No narrative has been written for this section yet.', { italic: true });
}

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const heights = cells.map((c, i) => doc.heightOfString(pdfText(c), { width: columns[i]!.width - 6 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      if (!bold) draw(columns.map((c) => c.header), true);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor('#0b0c0c');
      doc.text(pdfText(c), x + 3, y + 3, { width: columns[i]!.width - 6, align: columns[i]!.align ?? 'left' });
      x += columns[i]!.width;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + CONTENT_WIDTH, y + h)
      .lineWidth(bold ? 1 : 0.5)
      .strokeColor('#b1b4b6')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  draw(columns.map((c) => c.header), true);
  for (const r of rows) draw(r, false);
  doc.moveDown(0.8);
}

function indicatorTable(doc: Doc, indicators: DashboardIndicator[], groups: string[]): void {
  const fixed = 62;
  const extra = [...groups];
  const nameWidth = CONTENT_WIDTH - fixed * (4 + extra.length);
  const columns: Column[] = [
    { header: 'Indicator', width: nameWidth },
    { header: 'Council', width: fixed, align: 'right' },
    { header: 'Target', width: fixed, align: 'right' },
    { header: 'Status', width: fixed },
    { header: 'England', width: fixed, align: 'right' },
    ...extra.map((g) => ({ header: g, width: fixed, align: 'right' as const })),
  ];
  const rows = indicators.map((i) => {
    const b = (name: string) => i.benchmarks.find((x) => x.name === name);
    const show = (name: string) => {
      const v = b(name);
      return v ? `${formatValue(v.value, i.unit)} (${v.year})` : '–';
    };
    const better = i.goodDirection === 'up' ? ' (higher is better)' : i.goodDirection === 'down' ? ' (lower is better)' : '';
    return [
      `${i.title}${better}`,
      formatValue(i.value, i.unit),
      i.target ? formatValue(i.target.target, i.unit) : '–',
      i.rag ? RAG_LABELS[i.rag] : '–',
      show('England'),
      ...extra.map(show),
    ];
  });
  table(doc, columns, rows);
}

function chart(doc: Doc, i: DashboardIndicator): void {
  const height = 170;
  ensureRoom(doc, height + 30);
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor('#0b0c0c').text(pdfText(`${i.title}: monthly trend`), MARGIN, doc.y, { width: CONTENT_WIDTH });
  const top = doc.y + 4;
  const england = i.benchmarks.find((b) => b.source === 'england');
  const input: ChartInput = { id: i.id, title: i.title, unit: i.unit, points: i.series, target: i.target?.target ?? null, england: england ? { value: england.value, year: england.year } : null };
  const g = chartGeometry(input, CONTENT_WIDTH, height);
  doc.save();
  doc.translate(MARGIN, top);
  doc.font('Helvetica').fontSize(7).fillColor('#0b0c0c');
  for (const t of g.ticks) {
    doc.moveTo(g.plot.left, t.y).lineTo(g.plot.right, t.y).lineWidth(0.4).strokeColor('#b1b4b6').stroke();
    doc.text(t.label, 0, t.y - 3.5, { width: g.plot.left - 5, align: 'right', lineBreak: false });
  }
  for (const l of g.xLabels) doc.text(l.label, l.x - 20, g.plot.bottom + 5, { width: 40, align: 'center', lineBreak: false });
  if (g.targetY !== null) doc.moveTo(g.plot.left, g.targetY).lineTo(g.plot.right, g.targetY).lineWidth(1.2).strokeColor('#0b0c0c').dash(6, { space: 4 }).stroke().undash();
  if (g.englandY !== null) doc.moveTo(g.plot.left, g.englandY).lineTo(g.plot.right, g.englandY).lineWidth(1.2).strokeColor('#505a5f').dash(1.5, { space: 3 }).stroke().undash();
  for (const s of g.segments) {
    doc.moveTo(s[0]!.x, s[0]!.y);
    for (const p of s.slice(1)) doc.lineTo(p.x, p.y);
    doc.lineWidth(2).strokeColor('#1d70b8').stroke();
  }
  for (const m of g.markers) doc.circle(m.x, m.y, 2.5).fillColor('#1d70b8').fill();
  // Legend in words, as on the page.
  const ly = height - 12;
  const legend = ['Council: solid line with dots'];
  if (g.targetY !== null) legend.push(`Target ${formatValue(g.target, i.unit)}: dashed`);
  if (g.englandY !== null) legend.push(`England ${england!.year} ${formatValue(england!.value, i.unit)}: dotted`);
  doc.fillColor('#0b0c0c').fontSize(7.5).text(pdfText(legend.join('   ·   ').replace(/·/g, '|')), g.plot.left, ly, { width: g.plot.right - g.plot.left, lineBreak: false });
  doc.restore();
  doc.x = MARGIN;
  doc.y = top + height + 8;
}

/** Renders the report to a PDF buffer. */
export async function quarterlyReportPdf(report: QuarterlyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Performance and Quality Assurance Report, ${report.quarter.label}`, Author: report.councilName, Subject: `${report.quarter.financialLabel}`, Creator: 'Tiller' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const [summaryH, headlineH, ...rest] = reportHeadings(report);
  const sectionHeadings = rest.slice(0, report.sections.length);
  const [exceptionsH, qaH, planH] = rest.slice(report.sections.length);

  // Title
  doc.font('Helvetica').fontSize(12).fillColor('#505a5f').text(pdfText(report.councilName), MARGIN, MARGIN + 60);
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(24).fillColor('#0b0c0c').text('Performance and Quality Assurance Report', { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(14).text(pdfText(`${report.quarter.label} (${report.quarter.financialLabel})`));
  doc.moveDown(1);
  body(
    doc,
    `Figures are as at ${report.asOf}. Flows (referrals, assessments, plans starting) count the 12 months from ${report.periodStart} to ${report.asOf}; stocks (open plans, children looked after) are counted on ${report.asOf}. ` +
      `Generated from the live record on ${report.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Each status is shown in words as well as colour. England figures are the DfE's latest published for the year shown` +
      (report.comparatorGroups.length ? `; comparators: ${report.comparatorGroups.join(', ')}.` : '.'),
  );

  heading(doc, summaryH!);
  narrative(doc, report.summary);

  heading(doc, headlineH!);
  indicatorTable(doc, report.headline, report.comparatorGroups);

  report.sections.forEach((s, i) => {
    doc.addPage();
    heading(doc, sectionHeadings[i]!);
    narrative(doc, s.narrative);
    indicatorTable(doc, s.indicators, report.comparatorGroups);
    for (const ind of s.indicators) if (ind.goodDirection !== null && ind.series.some((p) => p.value !== null)) chart(doc, ind);
  });

  doc.addPage();
  heading(doc, exceptionsH!);
  body(doc, `The children and records counting against each measure as at ${report.asOf}. Each is listed, with access checks, from the dashboard.`);
  table(
    doc,
    [
      { header: 'Indicator', width: CONTENT_WIDTH - 150 },
      { header: 'Area', width: 90 },
      { header: 'Exceptions', width: 60, align: 'right' },
    ],
    report.exceptionCounts.map((e) => [e.title, e.area, e.count.toLocaleString('en-GB')]),
  );

  heading(doc, qaH!);
  narrative(doc, report.qualityAssurance);

  heading(doc, planH!);
  if (!report.improvementPlan || report.improvementPlan.areas.length === 0) body(doc, 'No improvement plan is recorded in Tiller yet.', { italic: true });
  else
    table(
      doc,
      [
        { header: 'Area for improvement', width: CONTENT_WIDTH - 260 },
        { header: 'Actions', width: 60, align: 'right' },
        { header: 'Completed', width: 60, align: 'right' },
        { header: 'Overdue', width: 60, align: 'right' },
        { header: 'Status', width: 80 },
      ],
      report.improvementPlan.areas.map((a) => [a.title, String(a.actions), String(a.completed), String(a.overdue), a.status ?? '–']),
    );

  // Page numbers
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Writing in the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#505a5f').text(`Page ${p + 1} of ${range.count}`, MARGIN, PAGE_HEIGHT - 35, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
