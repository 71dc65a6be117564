// The SSDA903 return for a performance officer: findings by DfE rule code, with counts and the children
// behind each (ids only, restricted records not named), the rules not run and why, and the CSVs to
// download as one zip (validated first; the download is audited as an export).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import type { Role } from '../../access/roles.ts';
import { todayInEngland } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import { returnToCsvFiles } from './csv.ts';
import { DFE_TABLE_NAME, type Finding } from './model.ts';
import { NOT_RUN, SSDA903_RULES } from './rules/index.ts';
import { FIRST_YEAR, makeSsda903Return } from './ssda903-return.ts';
import { summarise903 } from './validate-903.ts';

const ROLES = ['performance_analyst', 'service_manager', 'team_manager', 'quality_auditor'] as const satisfies readonly Role[];
const SHOWN_PER_RULE = 25;

const query = z.object({
  year: z.string().regex(/^\d{4}$/, 'Enter a year as four digits, for example 2026').optional(),
  force: z.literal('yes').optional(),
});

/** The latest collection year that has ended (its 31 March is today or past), 2025/26 at the earliest. */
export function defaultYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return Math.max(FIRST_YEAR, today >= `${y}-03-31` ? y : y - 1);
}

function readQuery(request: FastifyRequest): { year: number; force: boolean } {
  const parsed = query.safeParse(request.query ?? {});
  if (!parsed.success) throw new AppError('BAD_INPUT', parsed.error.issues[0]?.message ?? 'That is not a collection year');
  const year = parsed.data.year ? Number(parsed.data.year) : defaultYear(todayInEngland());
  if (year < FIRST_YEAR || year > 2100) throw new AppError('BAD_INPUT', `The SSDA903 return is made for collection years from ${FIRST_YEAR} (2025/26)`);
  return { year, force: parsed.data.force === 'yes' };
}

const yearLabel = (year: number) => `${year - 1}/${String(year).slice(2)}`;

export async function ssda903Routes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/returns/ssda903', { config: { access: { roles: ROLES } } }, async (request, reply) => {
    const { year } = readQuery(request);
    const { ret, findings } = await makeSsda903Return(db(), year);
    const byRule = summarise903(findings);
    const byCode = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = byCode.get(f.rule);
      if (list) list.push(f);
      else byCode.set(f.rule, [f]);
    }
    const shownIds = [...new Set(byRule.flatMap(({ rule }) => byCode.get(rule.code)!.slice(0, SHOWN_PER_RULE).flatMap((f) => (f.childId ? [f.childId] : []))))];
    const hidden = new Set<string>();
    if (shownIds.length > 0) {
      const rows = await db().selectFrom('person').select('id').where('id', 'in', shownIds).where('restricted', '=', true).where('id', 'not in', request.ctx.children.visibleIds()).execute();
      for (const r of rows) hidden.add(r.id);
    }
    await request.ctx.audit.list('SSDA903 findings', shownIds.filter((id) => !hidden.has(id)));
    const rules = byRule.map(({ rule, count, children }) => {
      const list = byCode.get(rule.code)!;
      return {
        code: rule.code,
        tables: rule.tables.map((t) => DFE_TABLE_NAME[t]).join(', '),
        message: rule.message,
        count,
        children,
        rows: list.slice(0, SHOWN_PER_RULE).map((f) => ({
          child: f.childId === null ? '' : hidden.has(f.childId) ? 'A restricted record' : f.childId,
          table: DFE_TABLE_NAME[f.table],
          row: f.row ?? '',
          field: f.field,
          value: hidden.has(f.childId ?? '') ? '' : (f.value ?? ''),
        })),
        more: Math.max(0, list.length - SHOWN_PER_RULE),
      };
    });
    const thisYear = defaultYear(todayInEngland());
    return reply.view('returns/ssda903/views/ssda903.njk', {
      title: `SSDA903 ${yearLabel(year)}`,
      year,
      yearLabel: yearLabel(year),
      years: Array.from({ length: thisYear + 2 - FIRST_YEAR }, (_, i) => FIRST_YEAR + i).map((y) => ({ value: String(y), text: yearLabel(y), selected: y === year })),
      summaryRows: [
        { key: { text: 'Children' }, value: { text: ret.tables.header.length.toLocaleString('en-GB') } },
        { key: { text: 'Errors' }, value: { text: String(findings.length) } },
        ...(Object.keys(ret.tables) as Array<keyof typeof ret.tables>).map((t) => ({ key: { text: `${DFE_TABLE_NAME[t]} (${t}.csv)` }, value: { text: ret.tables[t].length.toLocaleString('en-GB') } })),
      ],
      errors: findings.length,
      rules,
      rulesRun: SSDA903_RULES.length,
      notRun: NOT_RUN,
      downloadHref: `/returns/ssda903/download?year=${year}${findings.length > 0 ? '&force=yes' : ''}`,
    });
  });

  app.get('/returns/ssda903/download', { config: { access: { roles: ROLES } } }, async (request, reply) => {
    const { year, force } = readQuery(request);
    const { ret, findings } = await makeSsda903Return(db(), year);
    if (findings.length > 0 && !force) {
      throw new AppError('CONFLICT', `The SSDA903 return ${yearLabel(year)} has ${findings.length} errors. Put them right first, or download it anyway from the SSDA903 page.`);
    }
    await request.ctx.audit.export('SSDA903 return', { detail: { year, children: ret.tables.header.length, errors: findings.length, forced: findings.length > 0 } });
    const zip = zipSync(Object.fromEntries(returnToCsvFiles(ret).map((f) => [f.name, strToU8(f.content)])));
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="ssda903-${year}.zip"`)
      .send(Buffer.from(zip));
  });
}
