// The pure parts of the dashboards: red/amber/green, the benchmark year, quarters, and the charts.
import { describe, expect, it } from 'vitest';
import { ragStatus, checkTarget } from './targets.ts';
import { benchmarksFor, comparison, dfeYearOf, pickYear, type ComparatorGroup } from './benchmarks.ts';
import { latestEndedQuarter, parseQuarter, quarterOf, recentQuarters } from './quarter.ts';
import { chartGeometry, describeChart, formatValue, lineChartSvg, niceScale } from './chart.ts';
import { seriesDates } from './dashboard.ts';
import { exceptionListCsv, listableSides, membersForSide, pseudonym, type ExceptionList } from './exceptions.ts';
import { pdfText } from './report-pdf.ts';
import { DASHBOARD_AREAS, HEADLINE_IDS, areaIndicatorIds } from './areas.ts';
import { INDICATORS, type IndicatorResult } from '../indicators/index.ts';

describe('red, amber, green', () => {
  const t = { target: 85, amberFrom: 75 };
  it('where up is better: green at or above the target, amber at or above the threshold, red below', () => {
    expect(ragStatus(85, t, 'up')).toBe('green');
    expect(ragStatus(84.9, t, 'up')).toBe('amber');
    expect(ragStatus(75, t, 'up')).toBe('amber');
    expect(ragStatus(74.9, t, 'up')).toBe('red');
  });
  it('where down is better: green at or below, amber at or below the threshold, red above', () => {
    const d = { target: 22, amberFrom: 25 };
    expect(ragStatus(22, d, 'down')).toBe('green');
    expect(ragStatus(25, d, 'down')).toBe('amber');
    expect(ragStatus(25.1, d, 'down')).toBe('red');
  });
  it('no status without a value, a target or a direction', () => {
    expect(ragStatus(null, t, 'up')).toBeNull();
    expect(ragStatus(80, undefined, 'up')).toBeNull();
    expect(ragStatus(80, t, null)).toBeNull();
  });
  it('refuses an amber threshold on the better side of the target, percentages over 100 and counts of work', () => {
    expect(() => checkTarget('assessments_within_45wd_pct', 85, 90)).toThrow(/Check the target/);
    expect(() => checkTarget('rereferrals_12m_pct', 22, 20)).toThrow(/Check the target/);
    expect(() => checkTarget('assessments_within_45wd_pct', 101, 90)).toThrow(/Check the target/);
    expect(() => checkTarget('referrals_count', 10, 10)).toThrow(/no direction/);
    expect(() => checkTarget('assessments_within_45wd_pct', 85, 75)).not.toThrow();
  });
});

describe('benchmarks', () => {
  it('the DfE year of an as-of date is the year ending 31 March', () => {
    expect(dfeYearOf('2026-03-31')).toBe(2026);
    expect(dfeYearOf('2026-04-01')).toBe(2027);
    expect(dfeYearOf('2025-12-31')).toBe(2026);
  });
  it('takes the latest published year up to that year', () => {
    const values = [
      { year: 2023, value: 1 },
      { year: 2025, value: 3 },
      { year: 2024, value: 2 },
    ];
    expect(pickYear(values, '2024-03-31')).toEqual({ year: 2024, value: 2 });
    expect(pickYear(values, '2026-03-31')).toEqual({ year: 2025, value: 3 });
    expect(pickYear(values, '2022-03-31')).toBeUndefined();
  });
  it('England first, then each group with a figure; better or worse follows the good direction', () => {
    const groups: ComparatorGroup[] = [{ id: 'sn', name: 'Statistical neighbours', description: null, values: new Map([['rereferrals_12m_pct', new Map([[2025, 24.1]])]]) }];
    expect(benchmarksFor('rereferrals_12m_pct', '2026-03-31', groups)).toEqual([
      { source: 'england', name: 'England', year: 2025, value: 22.6 },
      { source: 'sn', name: 'Statistical neighbours', year: 2025, value: 24.1 },
    ]);
    expect(comparison(20, 22.6, 'down')).toBe('better');
    expect(comparison(80, 85.7, 'up')).toBe('worse');
    expect(comparison(85.7, 85.7, 'up')).toBe('same');
    expect(comparison(5, 3, null)).toBeNull();
  });
});

describe('quarters', () => {
  it('2026-Q1 is January to March 2026, the council’s 2025/26 quarter 4', () => {
    expect(parseQuarter('2026-Q1')).toEqual({ id: '2026-Q1', start: '2026-01-01', end: '2026-03-31', label: 'January to March 2026', financialLabel: '2025/26 quarter 4' });
    expect(parseQuarter('2025-Q2')).toMatchObject({ start: '2025-04-01', end: '2025-06-30', financialLabel: '2025/26 quarter 1' });
    expect(parseQuarter('2024-Q1').end).toBe('2024-03-31');
    expect(() => parseQuarter('2026-Q5')).toThrow();
    expect(() => parseQuarter('Q1-2026')).toThrow();
  });
  it('the latest ended quarter, and the ones before it', () => {
    expect(latestEndedQuarter('2026-03-31').id).toBe('2026-Q1');
    expect(latestEndedQuarter('2026-03-30').id).toBe('2025-Q4');
    expect(quarterOf('2026-11-22').id).toBe('2026-Q4');
    expect(recentQuarters(parseQuarter('2026-Q1'), 3).map((q) => q.id)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
  });
  it('a trend runs over 13 month ends to a month end, with the as-of date added when it is not one', () => {
    const dates = seriesDates('2026-03-31', 12);
    expect(dates).toHaveLength(13);
    expect([dates[0], dates.at(-1)]).toEqual(['2025-03-31', '2026-03-31']);
    const mid = seriesDates('2026-03-15', 12);
    expect([mid[0], mid.at(-2), mid.at(-1)]).toEqual(['2025-03-31', '2026-02-28', '2026-03-15']);
  });
});

describe('charts', () => {
  const input = {
    id: 'c1',
    title: 'Assessments within 45 working days',
    unit: 'percent' as const,
    points: [
      { asOf: '2026-01-31', value: 80 },
      { asOf: '2026-02-28', value: null },
      { asOf: '2026-03-31', value: 66.7 },
    ],
    target: 85,
    england: { value: 85.7, year: 2025 },
  };
  it('is an image with a title and a description that gives the figures in words', () => {
    const svg = lineChartSvg(input);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Assessments within 45 working days</title>');
    expect(describeChart(input)).toBe(
      'Assessments within 45 working days, month by month from Jan 26 to Mar 26. It went from 80.0% in Jan 26 to 66.7% in Mar 26. The target is 85.0%. England was 85.7% in 2025. The table below gives every month.',
    );
  });
  it('does not rely on colour: the lines differ in pattern and are named in a text legend', () => {
    const svg = lineChartSvg(input);
    expect(svg).toContain('stroke-dasharray="8 5"'); // target
    expect(svg).toContain('stroke-dasharray="2 4"'); // England
    expect(svg).toContain('Council (solid, dots)');
    expect(svg).toContain('Target (dashed)');
    expect(svg).toContain('England 2025 (dotted)');
  });
  it('breaks the line where a month has no value, and scales percentages to at most 100', () => {
    const g = chartGeometry(input);
    expect(g.segments.map((s) => s.length)).toEqual([1, 1]);
    expect(g.markers).toHaveLength(2);
    expect(g.ticks.at(-1)!.value).toBe(100);
    // 66.7% of a 0–100 axis on a plot from y=16 to y=182.
    expect(g.markers[1]!.y).toBeCloseTo(182 - 0.667 * 166, 5);
  });
  it('escapes text', () => {
    expect(lineChartSvg({ ...input, title: 'A <b> & "c"' })).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
  });
  it('round axis tops', () => {
    expect(niceScale(23, 'count')).toEqual({ top: 25, ticks: [0, 5, 10, 15, 20, 25] });
    expect(niceScale(0, 'ratio').top).toBe(10);
    expect(formatValue(1204, 'count')).toBe('1,204');
    expect(formatValue(15.2, 'ratio')).toBe('15.2');
    expect(formatValue(null, 'percent')).toBe('no value');
  });
});

describe('exception lists', () => {
  const result = (id: string, numerator: string[], denominator: string[] | null): IndicatorResult => ({
    id,
    title: id,
    unit: 'percent',
    goodDirection: 'up',
    area: 'assessment',
    value: null,
    numerator: numerator.length,
    denominator: denominator?.length ?? null,
    members: {
      numerator: numerator.map((m) => ({ id: m, childId: `C${m}`, teamId: null, workerId: null })),
      denominator: denominator?.map((m) => ({ id: m, childId: `C${m}`, teamId: null, workerId: null })) ?? null,
    },
  });
  it('where up is better, exceptions are the denominator less the numerator; where down is better, the numerator', () => {
    expect(membersForSide(result('assessments_within_45wd_pct', ['1', '3'], ['1', '2', '3', '3']), 'exceptions').map((m) => m.id)).toEqual(['2']);
    expect(membersForSide(result('rereferrals_12m_pct', ['4'], ['1', '4']), 'exceptions').map((m) => m.id)).toEqual(['4']);
    expect(membersForSide(result('assessments_within_45wd_pct', ['1'], ['1', '1', '2']), 'denominator').map((m) => m.id)).toEqual(['1', '2']);
  });
  it('lists exist only where children are counted', () => {
    expect(listableSides('assessments_within_45wd_pct')).toEqual(['exceptions', 'numerator', 'denominator']);
    expect(listableSides('referrals_count')).toEqual(['numerator']);
    expect(listableSides('workforce_agency_pct')).toEqual([]);
    expect(listableSides('no_such')).toEqual([]);
  });
  it('pseudonyms are stable for a key and differ between keys', () => {
    expect(pseudonym('k', 'C1')).toMatch(/^P-[0-9A-F]{10}$/);
    expect(pseudonym('k', 'C1')).toBe(pseudonym('k', 'C1'));
    expect(pseudonym('k', 'C1')).not.toBe(pseudonym('k2', 'C1'));
  });
  it('CSV quotes what needs quoting and defuses spreadsheet formulas', () => {
    const list = { indicatorId: 'x', asOf: '2026-03-31', side: 'numerator', rows: [{ memberId: 'A1', childId: 'C1', child: '=HYPERLINK("x")', named: true, team: 'Team, North', worker: 'W' }] } as unknown as ExceptionList;
    expect(exceptionListCsv(list)).toBe('indicator,as_of,list,record_id,child_id,child,team,worker\r\nx,2026-03-31,numerator,A1,C1,"\'=HYPERLINK(""x"")","Team, North",W\r\n');
  });
});

describe('pages and the PDF', () => {
  it('every indicator is on exactly one area page, and the headlines all exist', () => {
    const onPages = DASHBOARD_AREAS.flatMap((a) => areaIndicatorIds(a));
    expect(onPages.sort()).toEqual(INDICATORS.map((d) => d.id).sort());
    for (const id of HEADLINE_IDS) expect(INDICATORS.some((d) => d.id === id)).toBe(true);
  });
  it('PDF text keeps WinAnsi characters and replaces the rest', () => {
    expect(pdfText('2½ years – ‘quoted’ ≤ 45 → done')).toBe('2½ years – ‘quoted’ <= 45 ? done');
  });
});
