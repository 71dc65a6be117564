// Dashboards, exception lists, targets, comparators and the quarterly report (issue 6, items 2-4).
// Aggregates are for roles with viewAggregates; the children behind a figure are scoped to the reader
// (exceptions.ts); targets and comparators are kept by the roles named below; every list shown, every
// export and every change is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.ts';
import { apiRoute } from '../platform/http/api.ts';
import { formErrors } from '../platform/http/forms.ts';
import { isIsoDate, todayInEngland } from '../platform/calendar/calendar.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { INDICATORS, indicatorDefinition } from '../indicators/index.ts';
import { DASHBOARD_AREAS, HEADLINE_IDS, areaIndicatorIds, areaOfIndicator, dashboardArea } from './areas.ts';
import { buildDashboard } from './dashboard.ts';
import { buildExceptionList, checkSide, exceptionListCsv, listableSides, SIDES, type Side } from './exceptions.ts';
import { RAG_LABELS, loadTargets, saveTarget } from './targets.ts';
import { loadComparatorGroups } from './benchmarks.ts';
import { checkYear, comparableIndicators, parseComparatorForm, saveComparatorYear, valueField } from './comparators.ts';
import { latestEndedQuarter, parseQuarter, recentQuarters } from './quarter.ts';
import { buildQuarterlyReport, reportHeadings } from './quarterly-report.ts';
import { quarterlyReportPdf } from './report-pdf.ts';
import { MAX_NARRATIVE, loadNarratives, narrativeRevisions, narrativeSection, saveNarrative } from './narrative.ts';
import { DASHBOARD_CSS } from './styles.ts';

/** Who sets targets and thresholds: the council's performance lead, senior managers, and administrators. */
export const TARGET_EDITORS = ['performance_analyst', 'service_manager', 'administrator'] as const satisfies readonly Role[];
/** Who keeps the comparator groups' figures. */
export const COMPARATOR_EDITORS = ['performance_analyst', 'administrator'] as const satisfies readonly Role[];
/** Who writes the quarterly report's narrative. */
export const REPORT_AUTHORS = ['performance_analyst', 'service_manager', 'quality_auditor'] as const satisfies readonly Role[];

/** Rows shown on an exception list page; the CSV has them all. */
export const LIST_PAGE_ROWS = 500;

const asOfQuery = z.object({
  asOf: z
    .string()
    .trim()
    .refine((v) => isIsoDate(v) && v >= '2000-01-01' && v <= '2100-12-31', 'The as-of date must be a real date written YYYY-MM-DD')
    .optional(),
});
const listQuery = asOfQuery.extend({ side: z.enum(SIDES as [Side, ...Side[]], { error: `Choose a list: ${SIDES.join(', ')}` }).optional() });

function asOfOf(request: FastifyRequest): string {
  return parseInput(asOfQuery, request.query ?? {}, 'Check the date').asOf ?? todayInEngland();
}

const RAG_TAGS = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red' } as const;

function viewCommon(request: FastifyRequest) {
  return {
    ragLabels: RAG_LABELS,
    ragTags: RAG_TAGS,
    areas: DASHBOARD_AREAS,
    mayEditTargets: request.ctx.hasRole(...TARGET_EDITORS),
    mayEditComparators: request.ctx.hasRole(...COMPARATOR_EDITORS),
  };
}

async function exceptionList(request: FastifyRequest) {
  const { indicatorId } = request.params as { indicatorId: string };
  if (!indicatorDefinition(indicatorId)) throw new AppError('NOT_FOUND', 'There is no such indicator');
  const q = parseInput(listQuery, request.query ?? {}, 'Check the list you asked for');
  const side = checkSide(indicatorId, q.side);
  return buildExceptionList(request.server.services.database.db, request.ctx.user, {
    indicatorId,
    asOf: q.asOf ?? todayInEngland(),
    side,
    pseudonymise: request.ctx.can('viewPseudonymisedLists'),
  });
}

/** A list was shown: one read row per named child, and one row for the list itself (what, as at, how many). */
async function auditListShown(request: FastifyRequest, list: Awaited<ReturnType<typeof exceptionList>>, shownChildIds: string[]) {
  await request.ctx.audit.list(`exception list: ${list.indicatorId}`, shownChildIds);
  await request.ctx.audit.search('exception list', { indicatorId: list.indicatorId, asOf: list.asOf, side: list.side, pseudonymised: list.pseudonymised }, list.total);
}

function renderForm(reply: FastifyReply, view: Record<string, unknown>, error?: AppError) {
  return reply.view('platform/http/views/form.njk', { ...view, ...(error ? formErrors(error) : {}) });
}

/** Saves through `save`; bad input or a stale version shows the form again with the user's answers kept. */
async function formPost(reply: FastifyReply, save: () => Promise<string>, again: (e: AppError) => unknown) {
  try {
    return reply.redirect(await save(), 303);
  } catch (e) {
    if (isAppError(e) && (e.code === 'BAD_INPUT' || e.code === 'CONFLICT')) {
      reply.status(e.code === 'CONFLICT' ? 409 : 400);
      return again(e);
    }
    throw e;
  }
}

const num = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN);

export async function dashboardRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;
  const aggregates = { can: 'viewAggregates' } as const;

  app.get('/dashboards/assets/dashboards.css', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(DASHBOARD_CSS));

  // ------------------------------------------------------------------ dashboards
  app.get('/dashboards', { config: { access: aggregates } }, async (request, reply) => {
    const asOf = asOfOf(request);
    const model = await buildDashboard(db(), HEADLINE_IDS, asOf);
    return reply.view('dashboards/views/dashboard.njk', { title: 'Performance: the headlines', caption: 'Leaders’ dashboard', model, leaders: true, ...viewCommon(request) });
  });

  app.get('/dashboards/:area', { config: { access: aggregates } }, async (request, reply) => {
    const area = dashboardArea((request.params as { area: string }).area);
    if (!area) throw new AppError('NOT_FOUND', 'There is no such dashboard');
    const asOf = asOfOf(request);
    const model = await buildDashboard(db(), areaIndicatorIds(area), asOf);
    return reply.view('dashboards/views/dashboard.njk', { title: area.title, caption: 'Performance dashboard', model, area, ...viewCommon(request) });
  });

  apiRoute(app, { method: 'GET', path: '/dashboards/:area', summary: 'A dashboard (headlines, or one area) as at a date: values, 13 months of trend, target and status, England and comparators', tag: 'Performance', access: aggregates, query: asOfQuery }, async (request) => {
    const slug = (request.params as { area: string }).area;
    const area = dashboardArea(slug);
    if (slug !== 'headlines' && !area) throw new AppError('NOT_FOUND', 'There is no such dashboard');
    const model = await buildDashboard(db(), area ? areaIndicatorIds(area) : HEADLINE_IDS, asOfOf(request));
    return { ...model, indicators: model.indicators.map(({ chartSvg: _svg, ...rest }) => rest) };
  });

  // ------------------------------------------------------------------ exception lists
  app.get('/dashboards/indicators/:indicatorId/children', { config: { access: aggregates } }, async (request, reply) => {
    const list = await exceptionList(request);
    const shown = list.rows.slice(0, LIST_PAGE_ROWS);
    await auditListShown(request, list, [...new Set(shown.filter((r) => r.named).map((r) => r.childId!))]);
    const d = indicatorDefinition(list.indicatorId)!;
    return reply.view('dashboards/views/exception-list.njk', {
      title: `${list.title}: ${list.sideLabel.toLowerCase()}`,
      list,
      shown,
      truncated: list.rows.length > shown.length,
      sides: listableSides(d.id).filter((s) => s !== list.side),
      area: areaOfIndicator(d.id),
      csvHref: `/dashboards/indicators/${encodeURIComponent(d.id)}/children.csv?asOf=${list.asOf}&side=${list.side}`,
    });
  });

  app.get('/dashboards/indicators/:indicatorId/children.csv', { config: { access: aggregates } }, async (request, reply) => {
    const list = await exceptionList(request);
    const actor = request.ctx.audit.actor;
    const detail = { indicatorId: list.indicatorId, asOf: list.asOf, side: list.side, rows: list.rows.length, pseudonymised: list.pseudonymised };
    // One export row per named child (who took which child's data away), then one for the file.
    await recordAudit(db(), actor, [
      ...list.namedChildIds.map((personId) => ({ action: 'export' as const, personId, what: `exception list CSV: ${list.indicatorId}` })),
      { action: 'export' as const, what: 'exception list CSV', detail },
    ]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${list.indicatorId}-${list.side}-${list.asOf}.csv"`)
      .send(exceptionListCsv(list));
  });

  apiRoute(app, { method: 'GET', path: '/dashboards/indicators/:indicatorId/children', summary: 'The children behind a figure (access-scoped; pseudonymised where the role allows, else counted)', tag: 'Performance', access: aggregates, query: listQuery }, async (request) => {
    const list = await exceptionList(request);
    await auditListShown(request, list, list.namedChildIds);
    const { namedChildIds: _ids, ...rest } = list;
    return rest;
  });

  // ------------------------------------------------------------------ targets
  app.get('/dashboards/targets', { config: { access: { roles: TARGET_EDITORS } } }, async (request, reply) => {
    const targets = await loadTargets(db());
    const rows = INDICATORS.filter((d) => d.goodDirection !== null).map((d) => ({ d, t: targets.get(d.id) ?? null }));
    return reply.view('dashboards/views/targets.njk', { title: 'Targets and red, amber, green', rows, ...viewCommon(request) });
  });

  const targetView = async (id: string) => {
    const d = indicatorDefinition(id);
    if (!d || d.goodDirection === null) throw new AppError('NOT_FOUND', 'There is no such indicator with a direction that is better');
    const t = (await loadTargets(db())).get(id);
    const up = d.goodDirection === 'up';
    const unit = d.unit === 'percent' ? ' (a percentage, for example 85.0)' : '';
    return {
      d,
      t,
      view: {
        title: `Target: ${d.title}`,
        caption: 'Targets and red, amber, green',
        intro: `${up ? 'Higher' : 'Lower'} is better. Green when the figure is ${up ? 'at or above' : 'at or below'} the target; amber when it is ${up ? 'at or above' : 'at or below'} the amber threshold; red otherwise.`,
        fields: [
          { name: 'target', label: `Target${unit}`, type: 'text', classes: 'govuk-input--width-5' },
          { name: 'amberFrom', label: `Amber threshold: amber ${up ? 'from' : 'up to'} this value${unit}`, type: 'text', classes: 'govuk-input--width-5' },
          { name: 'note', label: 'Why this target (optional)', type: 'textarea' },
          { name: 'version', label: '', type: 'hidden' },
        ],
        action: `/dashboards/targets/${encodeURIComponent(id)}`,
        backHref: '/dashboards/targets',
        submitText: 'Save the target',
      },
    };
  };

  app.get('/dashboards/targets/:indicatorId', { config: { access: { roles: TARGET_EDITORS } } }, async (request, reply) => {
    const { t, view } = await targetView((request.params as { indicatorId: string }).indicatorId);
    return renderForm(reply, { ...view, values: t ? { target: String(t.target), amberFrom: String(t.amberFrom), note: t.note ?? '', version: String(t.version) } : {} });
  });

  app.post('/dashboards/targets/:indicatorId', { config: { access: { roles: TARGET_EDITORS } } }, async (request, reply) => {
    const { d, view } = await targetView((request.params as { indicatorId: string }).indicatorId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { target: body.target, amberFrom: body.amberFrom, note: body.note, version: body.version };
    return formPost(
      reply,
      async () => {
        const version = typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : undefined;
        const note = typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 2000) : null;
        await saveTarget(db(), request.ctx.audit, { indicatorId: d.id, target: num(body.target), amberFrom: num(body.amberFrom), note, ...(version === undefined ? {} : { version }) });
        return '/dashboards/targets';
      },
      (e) => renderForm(reply, { ...view, values }, e),
    );
  });

  // ------------------------------------------------------------------ comparators
  app.get('/dashboards/comparators', { config: { access: { roles: COMPARATOR_EDITORS } } }, async (request, reply) => {
    const groups = await loadComparatorGroups(db());
    const view = groups.map((g) => {
      const years = [...new Set([...g.values.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => b - a);
      return { ...g, years, counts: years.map((y) => [...g.values.values()].filter((m) => m.has(y)).length) };
    });
    return reply.view('dashboards/views/comparators.njk', { title: 'Comparator groups', groups: view, nextYear: Number(todayInEngland().slice(0, 4)), ...viewCommon(request) });
  });

  const comparatorView = async (groupId: string, yearText: string) => {
    const year = checkYear(yearText);
    const group = (await loadComparatorGroups(db())).find((g) => g.id === groupId);
    if (!group) throw new AppError('NOT_FOUND', 'There is no such comparator group');
    return {
      group,
      year,
      view: {
        title: `${group.name}: ${year}`,
        caption: 'Comparator groups',
        intro: `The group's published figure for each indicator for the DfE year ${year} (the year ending 31 March ${year}; for the workforce, the census at 30 September ${year}). Leave a figure blank when it is not published.`,
        fields: [
          ...comparableIndicators().map((d) => ({ name: valueField(d.id), label: `${d.title}${d.unit === 'percent' ? ' (%)' : ''}`, type: 'text', classes: 'govuk-input--width-5' })),
          { name: 'source', label: 'Source (optional), for example LAIT, December release', type: 'text' },
        ],
        action: `/dashboards/comparators/${encodeURIComponent(groupId)}/${year}`,
        backHref: '/dashboards/comparators',
        submitText: 'Save the figures',
      },
    };
  };

  app.get('/dashboards/comparators/:groupId/:year', { config: { access: { roles: COMPARATOR_EDITORS } } }, async (request, reply) => {
    const { groupId, year } = request.params as { groupId: string; year: string };
    const { group, year: y, view } = await comparatorView(groupId, year);
    const values: Record<string, string> = {};
    for (const d of comparableIndicators()) {
      const v = group.values.get(d.id)?.get(y);
      if (v !== undefined) values[valueField(d.id)] = String(v);
    }
    return renderForm(reply, { ...view, values });
  });

  app.post('/dashboards/comparators/:groupId/:year', { config: { access: { roles: COMPARATOR_EDITORS } } }, async (request, reply) => {
    const { groupId, year } = request.params as { groupId: string; year: string };
    const { group, year: y, view } = await comparatorView(groupId, year);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return formPost(
      reply,
      async () => {
        const values = parseComparatorForm(body);
        const source = typeof body.source === 'string' && body.source.trim() ? body.source.trim().slice(0, 500) : null;
        await saveComparatorYear(db(), request.ctx.audit, group.id, y, values, source);
        return '/dashboards/comparators';
      },
      (e) => renderForm(reply, { ...view, values: body }, e),
    );
  });

  // ------------------------------------------------------------------ the quarterly report
  app.get('/reports/quarterly', { config: { access: aggregates } }, async (request, reply) => {
    const chosen = (request.query as { quarter?: unknown } | undefined)?.quarter;
    if (typeof chosen === 'string' && chosen) {
      const q = parseQuarter(chosen);
      return reply.redirect(`/reports/quarterly/${q.id}`, 303);
    }
    const quarters = recentQuarters(latestEndedQuarter(todayInEngland()), 12);
    return reply.view('dashboards/views/report-choose.njk', { title: 'Quarterly performance and quality assurance report', quarters });
  });

  app.get('/reports/quarterly/:quarter', { config: { access: aggregates } }, async (request, reply) => {
    const quarter = parseQuarter((request.params as { quarter: string }).quarter);
    const report = await buildQuarterlyReport(db(), quarter);
    return reply.view('dashboards/views/report.njk', {
      title: `Performance and Quality Assurance Report: ${quarter.label}`,
      report,
      headings: reportHeadings(report),
      mayWrite: request.ctx.hasRole(...REPORT_AUTHORS),
      ...viewCommon(request),
    });
  });

  app.get('/reports/quarterly/:quarter/report.pdf', { config: { access: aggregates } }, async (request, reply) => {
    const quarter = parseQuarter((request.params as { quarter: string }).quarter);
    const pdf = await quarterlyReportPdf(await buildQuarterlyReport(db(), quarter));
    await request.ctx.audit.export('quarterly report PDF', { detail: { quarter: quarter.id, bytes: pdf.length } });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="performance-and-qa-report-${quarter.id}.pdf"`).send(pdf);
  });

  apiRoute(app, { method: 'GET', path: '/reports/quarterly/:quarter', summary: 'The quarterly performance and QA report’s model (figures, trend, narrative, exception counts)', tag: 'Performance', access: aggregates }, async (request) => {
    const quarter = parseQuarter((request.params as { quarter: string }).quarter);
    const report = await buildQuarterlyReport(db(), quarter);
    const strip = <T extends { chartSvg: string }>(xs: T[]) => xs.map(({ chartSvg: _svg, ...rest }) => rest);
    return { ...report, headline: strip(report.headline), sections: report.sections.map((s) => ({ ...s, indicators: strip(s.indicators) })) };
  });

  const narrativeView = async (quarterId: string, sectionKey: string) => {
    const quarter = parseQuarter(quarterId);
    const section = narrativeSection(sectionKey);
    if (!section) throw new AppError('NOT_FOUND', 'There is no such section in the report');
    const current = (await loadNarratives(db(), quarter.id)).get(section.key)!;
    const revisions = await narrativeRevisions(db(), quarter.id, section.key);
    return {
      quarter,
      section,
      current,
      view: {
        title: `${section.title}: narrative`,
        caption: `Quarterly report, ${quarter.label}`,
        intro: `${section.hint} Saved as a draft; each save is kept${revisions.length ? ` (version ${current.version}, last saved by ${current.savedBy ?? 'unknown'})` : ''}. Leave a blank line between paragraphs.`,
        fields: [
          { name: 'body', label: 'Narrative', type: 'textarea', hint: `At most ${MAX_NARRATIVE.toLocaleString('en-GB')} characters.` },
          { name: 'version', label: '', type: 'hidden' },
        ],
        action: `/reports/quarterly/${quarter.id}/narrative/${section.key}`,
        backHref: `/reports/quarterly/${quarter.id}#${section.key}`,
        submitText: 'Save draft',
      },
    };
  };

  app.get('/reports/quarterly/:quarter/narrative/:section', { config: { access: { roles: REPORT_AUTHORS } } }, async (request, reply) => {
    const { quarter, section } = request.params as { quarter: string; section: string };
    const { current, view } = await narrativeView(quarter, section);
    return renderForm(reply, { ...view, values: { body: current.body, version: String(current.version) } });
  });

  app.post('/reports/quarterly/:quarter/narrative/:section', { config: { access: { roles: REPORT_AUTHORS } } }, async (request, reply) => {
    const params = request.params as { quarter: string; section: string };
    const { quarter, section, current, view } = await narrativeView(params.quarter, params.section);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = typeof body.body === 'string' ? body.body.replace(/\r\n/g, '\n') : '';
    const version = typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : -1;
    return formPost(
      reply,
      async () => {
        if (version < 0) throw new AppError('BAD_INPUT', 'The form was incomplete: open the section again', { fieldErrors: [{ field: 'body', message: 'The form was incomplete: open the section again' }] });
        await saveNarrative(db(), request.ctx.audit, { quarter: quarter.id, section: section.key, body: text, version, userId: request.ctx.user.id });
        return `/reports/quarterly/${quarter.id}#${section.key}`;
      },
      // On a conflict the author keeps their text and sees the version saved meanwhile, to merge by hand.
      (e) =>
        renderForm(
          reply,
          {
            ...view,
            values: { body: text, version: e.code === 'CONFLICT' ? String(current.version) : body.version },
            warning: e.code === 'CONFLICT' ? `${current.savedBy ?? 'Someone'} saved version ${current.version} meanwhile. It says: “${current.body.slice(0, 2000)}”. Your text is below: merge it and save again.` : undefined,
          },
          e,
        ),
    );
  });
}
