// The CIN census for a performance officer: the findings by DfE rule code, with counts and the children
// behind each, and the return itself to download (validated first, as the command does).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../access/roles.ts';
import { todayInEngland } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import { censusToXml } from './census-xml.ts';
import { FIRST_YEAR, makeCinCensusReturn } from './cin-census-return.ts';
import type { Finding } from './model.ts';
import { summarise } from './validate-census.ts';

const ROLES = ['performance_analyst', 'service_manager', 'team_manager', 'quality_auditor'] as const satisfies readonly Role[];

/** Children listed under each rule on the page; the rest are counted. */
const SHOWN_PER_RULE = 25;

const query = z.object({
  year: z.string().regex(/^\d{4}$/, 'Enter a year as four digits, for example 2026').optional(),
  force: z.literal('yes').optional(),
});

/** The latest census year that has ended (its 31 March is today or past), 2025/26 at the earliest. */
export function defaultCensusYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return Math.max(FIRST_YEAR, today >= `${y}-03-31` ? y : y - 1);
}

function readQuery(request: FastifyRequest): { year: number; force: boolean } {
  const parsed = query.safeParse(request.query ?? {});
  if (!parsed.success) throw new AppError('BAD_INPUT', parsed.error.issues[0]?.message ?? 'That is not a census year');
  const year = parsed.data.year ? Number(parsed.data.year) : defaultCensusYear(todayInEngland());
  return { year, force: parsed.data.force === 'yes' };
}

const yearLabel = (year: number) => `${year - 1}/${String(year).slice(2)}`;

export async function cinCensusRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/returns/cin-census', { config: { access: { roles: ROLES } } }, async (request, reply) => {
    const { year } = readQuery(request);
    const result = await makeCinCensusReturn(db(), year);
    const { byRule } = summarise(result.findings);
    const byCode = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const list = byCode.get(f.rule);
      if (list) list.push(f);
      else byCode.set(f.rule, [f]);
    }
    // Ids only, never names; a restricted record is not named to anyone not named on it.
    const shownIds = [...new Set(byRule.flatMap(({ rule }) => byCode.get(rule.code)!.slice(0, SHOWN_PER_RULE).flatMap((f) => (f.childId ? [f.childId] : []))))];
    const hidden = new Set<string>();
    if (shownIds.length > 0) {
      const rows = await db()
        .selectFrom('person')
        .select('id')
        .where('id', 'in', shownIds)
        .where('restricted', '=', true)
        .where('id', 'not in', request.ctx.children.visibleIds())
        .execute();
      for (const r of rows) hidden.add(r.id);
    }
    await request.ctx.audit.list('CIN census findings', shownIds.filter((id) => !hidden.has(id)));
    const rules = byRule.map(({ rule, count, children }) => {
      const findings = byCode.get(rule.code)!;
      return {
        code: rule.code,
        type: rule.type,
        module: rule.module,
        message: rule.message,
        count,
        children: findings[0]!.childId === null ? 0 : children,
        rows: findings.slice(0, SHOWN_PER_RULE).map((f) => ({
          child: f.childId === null ? 'The whole return' : hidden.has(f.childId) ? 'A restricted record' : f.childId,
          cin: f.cinDetailsIndex ?? '',
          field: f.field,
          where: f.location ?? '',
          value: f.value ?? '',
        })),
        more: Math.max(0, findings.length - SHOWN_PER_RULE),
      };
    });
    const thisYear = defaultCensusYear(todayInEngland());
    return reply.view('returns/cin-census/views/cin-census.njk', {
      title: `CIN census ${yearLabel(year)}`,
      year,
      yearLabel: yearLabel(year),
      years: Array.from({ length: thisYear + 2 - FIRST_YEAR }, (_, i) => FIRST_YEAR + i).map((y) => ({ value: String(y), text: yearLabel(y), selected: y === year })),
      header: result.census.header,
      childCount: result.census.children.length,
      episodeCount: result.census.children.reduce((n, c) => n + c.CINdetails.length, 0),
      errors: result.errors,
      queries: result.queries,
      rules,
      downloadHref: `/returns/cin-census/download?year=${year}${result.errors > 0 ? '&force=yes' : ''}`,
    });
  });

  app.get('/returns/cin-census/download', { config: { access: { roles: ROLES } } }, async (request, reply) => {
    const { year, force } = readQuery(request);
    const result = await makeCinCensusReturn(db(), year);
    if (result.errors > 0 && !force) {
      throw new AppError('CONFLICT', `The CIN census ${yearLabel(year)} has ${result.errors} errors. Put them right first, or download it anyway from the CIN census page.`);
    }
    await request.ctx.audit.export('CIN census', {
      detail: { year, children: result.census.children.length, errors: result.errors, queries: result.queries, forced: result.errors > 0 },
    });
    const fileName = `cin-census-${year}-${result.census.header.LEA}.xml`;
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(censusToXml(result.census));
  });
}
