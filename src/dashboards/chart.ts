// Trend charts drawn on the server as SVG, accessible without colour: role="img" with a title and a
// description that says the figures in words, the council's line solid with dot markers, the target
// dashed and England dotted, each named in a text legend; the page shows the same figures in a table.
// The PDF draws the same chart from the same geometry (chartGeometry) with pdfkit's vector API.
import type { IndicatorUnit } from '../indicators/index.ts';

export interface ChartPoint {
  /** The month end (YYYY-MM-DD). */
  asOf: string;
  value: number | null;
}

export interface ChartInput {
  /** Unique on the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  unit: IndicatorUnit;
  points: readonly ChartPoint[];
  target?: number | null;
  england?: { value: number; year: number } | null;
}

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 240;
const PAD = { left: 52, right: 28, top: 16, bottom: 58 };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-03-31 → "Mar 26" */
export function monthLabel(asOf: string): string {
  return `${MONTHS[Number(asOf.slice(5, 7)) - 1]} ${asOf.slice(2, 4)}`;
}

/** A figure as people read it: 22.6%, 1,204, 15.2. */
export function formatValue(value: number | null, unit: IndicatorUnit): string {
  if (value === null) return 'no value';
  if (unit === 'percent') return `${value.toFixed(1)}%`;
  if (unit === 'count') return value.toLocaleString('en-GB');
  return value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A round top for the axis at or above `max`, and its ticks: 0, 20, 40, … */
export function niceScale(max: number, unit: IndicatorUnit): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: unit === 'percent' ? 100 : 10, ticks: unit === 'percent' ? [0, 25, 50, 75, 100] : [0, 2, 4, 6, 8, 10] };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  let top = Math.ceil(max / step) * step;
  if (unit === 'percent' && top > 100) top = 100;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 1000; t += step) ticks.push(Number(t.toFixed(6)));
  return { top, ticks };
}

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: Array<{ value: number; y: number; label: string }>;
  xLabels: Array<{ x: number; label: string }>;
  /** The council's line, broken where a month has no value. */
  segments: Array<Array<{ x: number; y: number }>>;
  markers: Array<{ x: number; y: number; label: string }>;
  target: number | null;
  targetY: number | null;
  englandY: number | null;
}

export function chartGeometry(input: ChartInput, width = CHART_WIDTH, height = CHART_HEIGHT): ChartGeometry {
  const plot = { left: PAD.left, right: width - PAD.right, top: PAD.top, bottom: height - PAD.bottom };
  const values = input.points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(0, ...values, input.target ?? 0, input.england?.value ?? 0);
  const { top, ticks } = niceScale(max * 1.05, input.unit);
  const y = (v: number) => plot.bottom - (Math.min(v, top) / top) * (plot.bottom - plot.top);
  const n = input.points.length;
  const x = (i: number) => (n <= 1 ? (plot.left + plot.right) / 2 : plot.left + (i / (n - 1)) * (plot.right - plot.left));
  const segments: ChartGeometry['segments'] = [];
  let current: Array<{ x: number; y: number }> = [];
  const markers: ChartGeometry['markers'] = [];
  input.points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current);
      current = [];
      return;
    }
    const pt = { x: x(i), y: y(p.value) };
    current.push(pt);
    markers.push({ ...pt, label: `${monthLabel(p.asOf)}: ${formatValue(p.value, input.unit)}` });
  });
  if (current.length) segments.push(current);
  const every = n > 18 ? 3 : n > 9 ? 2 : 1;
  return {
    width,
    height,
    plot,
    ticks: ticks.map((t) => ({ value: t, y: y(t), label: input.unit === 'percent' ? `${t}%` : t.toLocaleString('en-GB') })),
    xLabels: input.points.map((p, i) => ({ x: x(i), label: monthLabel(p.asOf) })).filter((_, i) => (n - 1 - i) % every === 0),
    segments,
    markers,
    target: input.target ?? null,
    targetY: input.target === null || input.target === undefined ? null : y(input.target),
    englandY: input.england ? y(input.england.value) : null,
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The figures in words, for the chart's description (what a screen reader says). */
export function describeChart(input: ChartInput): string {
  const known = input.points.filter((p) => p.value !== null);
  if (known.length === 0) return `No values for ${input.title} in these months.`;
  const first = known[0]!;
  const last = known.at(-1)!;
  const parts = [
    `${input.title}, month by month from ${monthLabel(input.points[0]!.asOf)} to ${monthLabel(input.points.at(-1)!.asOf)}.`,
    `It went from ${formatValue(first.value, input.unit)} in ${monthLabel(first.asOf)} to ${formatValue(last.value, input.unit)} in ${monthLabel(last.asOf)}.`,
  ];
  if (input.target !== null && input.target !== undefined) parts.push(`The target is ${formatValue(input.target, input.unit)}.`);
  if (input.england) parts.push(`England was ${formatValue(input.england.value, input.unit)} in ${input.england.year}.`);
  parts.push('The table below gives every month.');
  return parts.join(' ');
}

/** The chart as an SVG element (a string of markup, escaped), to place in a page as it is. */
export function lineChartSvg(input: ChartInput): string {
  const g = chartGeometry(input);
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="tiller-chart" viewBox="0 0 ${g.width} ${g.height}" width="100%" font-family="Helvetica, Arial, sans-serif" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">`,
    `<title id="${titleId}">${esc(input.title)}</title>`,
    `<desc id="${descId}">${esc(describeChart(input))}</desc>`,
  );
  for (const t of g.ticks) {
    out.push(`<line x1="${g.plot.left}" x2="${g.plot.right}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`);
    out.push(`<text x="${g.plot.left - 6}" y="${(t.y + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${esc(t.label)}</text>`);
  }
  for (const l of g.xLabels) out.push(`<text x="${l.x.toFixed(1)}" y="${g.plot.bottom + 16}" text-anchor="middle" font-size="12" fill="#0b0c0c">${esc(l.label)}</text>`);
  if (g.targetY !== null) out.push(`<line x1="${g.plot.left}" x2="${g.plot.right}" y1="${g.targetY.toFixed(1)}" y2="${g.targetY.toFixed(1)}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="8 5"/>`);
  if (g.englandY !== null) out.push(`<line x1="${g.plot.left}" x2="${g.plot.right}" y1="${g.englandY.toFixed(1)}" y2="${g.englandY.toFixed(1)}" stroke="#505a5f" stroke-width="2" stroke-dasharray="2 4"/>`);
  for (const s of g.segments) out.push(`<polyline fill="none" stroke="#1d70b8" stroke-width="3" points="${s.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}"/>`);
  for (const m of g.markers) out.push(`<circle cx="${m.x.toFixed(1)}" cy="${m.y.toFixed(1)}" r="4" fill="#1d70b8"><title>${esc(m.label)}</title></circle>`);
  // The legend: each line named in text and drawn in its own pattern.
  const ly = g.height - 14;
  let lx = g.plot.left;
  const legend = (draw: string, text: string) => {
    out.push(draw.replaceAll('$X', String(lx)).replaceAll('$Y', String(ly)), `<text x="${lx + 34}" y="${ly + 4}" font-size="12" fill="#0b0c0c">${esc(text)}</text>`);
    lx += 40 + text.length * 7;
  };
  legend(`<line x1="$X" x2="${lx + 28}" y1="$Y" y2="$Y" stroke="#1d70b8" stroke-width="3"/><circle cx="${lx + 14}" cy="$Y" r="4" fill="#1d70b8"/>`, 'Council (solid, dots)');
  if (g.targetY !== null) legend(`<line x1="$X" x2="${lx + 28}" y1="$Y" y2="$Y" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="8 5"/>`, 'Target (dashed)');
  if (g.englandY !== null) legend(`<line x1="$X" x2="${lx + 28}" y1="$Y" y2="$Y" stroke="#505a5f" stroke-width="2" stroke-dasharray="2 4"/>`, `England ${input.england!.year} (dotted)`);
  out.push('</svg>');
  return out.join('');
}
