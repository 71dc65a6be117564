// The council settings page for administrators (/admin/settings) and the same as an API operation
// (/api/v1/settings). Each change names the version it was based on, is refused when stale, and is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../platform/errors.ts';
import { apiRoute } from '../platform/http/api.ts';
import { formErrors } from '../platform/http/forms.ts';
import { parseInput } from '../platform/validation.ts';
import { COUNCIL_SETTINGS, readCouncilSetting, readCouncilSettings, saveCouncilSetting, settingDefinition, showSetting, type SettingDefinition } from './council-settings.ts';

const ACCESS = { can: 'manageSettings' } as const;
const versionField = z.coerce.number({ error: 'Reload the page and try again' }).int().min(0).max(2_000_000_000);
const apiBody = z.object({
  value: z.unknown().describe('The setting’s value as JSON (see GET /api/v1/settings for each key’s shape), or null for "not set"'),
  version: z.number().int().min(0).max(2_000_000_000).describe('The version the change is based on (0 when the key has never been set)'),
});

function keyOf(request: FastifyRequest): SettingDefinition {
  return settingDefinition((request.params as { key: string }).key);
}

export async function settingsRoutes(app: FastifyInstance) {
  const db = () => app.services.database.db;

  app.get('/admin/settings', { config: { access: ACCESS } }, async (request, reply) => {
    const states = await readCouncilSettings(db());
    const groups = [...new Set(COUNCIL_SETTINGS.map((d) => d.group))].map((group) => ({
      group,
      rows: COUNCIL_SETTINGS.filter((d) => d.group === group).map((d) => {
        const state = states.find((s) => s.key === d.key)!;
        return { key: d.key, label: d.label, hint: d.hint, shown: state.value === undefined ? `Not set: ${d.whenNotSet}` : showSetting(d, state.value) };
      }),
    }));
    const saved = (request.query as Record<string, unknown>).saved;
    const savedLabel = typeof saved === 'string' ? COUNCIL_SETTINGS.find((d) => d.key === saved)?.label : undefined;
    return reply.view('admin/views/settings.njk', { title: 'Council settings', groups, savedLabel });
  });

  const render = (reply: FastifyReply, def: SettingDefinition, values: Record<string, unknown>, error?: AppError) =>
    reply.view('platform/http/views/form.njk', {
      title: def.label,
      warning: error?.code === 'CONFLICT' ? error.userMessage : undefined,
      caption: 'Council settings',
      intro: def.hint,
      fields: [...def.fields, { name: 'version', label: 'Version', type: 'hidden' }],
      values,
      action: `/admin/settings/${def.key}`,
      backHref: '/admin/settings',
      submitText: 'Save setting',
      ...(error ? formErrors(error) : {}),
    });

  app.get('/admin/settings/:key', { config: { access: ACCESS } }, async (request, reply) => {
    const def = keyOf(request);
    const state = await readCouncilSetting(db(), def.key);
    let values: Record<string, string>;
    try {
      values = def.toForm(state.value);
    } catch {
      values = {}; // stored by hand and malformed: an empty form replaces it
    }
    return render(reply, def, { ...values, version: String(state.version) });
  });

  app.post('/admin/settings/:key', { config: { access: ACCESS } }, async (request, reply) => {
    const def = keyOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(def.fields.map((f) => [f.name, typeof body[f.name] === 'string' ? body[f.name] : '']));
    try {
      const version = parseInput(z.object({ version: versionField }), body, 'The form is missing its version: reload the page and try again').version;
      const value = def.fromForm(body);
      await db().transaction().execute((trx) => saveCouncilSetting(trx, request.ctx.audit, def.key, version, value));
      return reply.redirect(`/admin/settings?saved=${encodeURIComponent(def.key)}`, 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'BAD_INPUT' || e.code === 'CONFLICT')) {
        reply.status(e.httpStatus);
        // After a conflict the form shows the user's answers, with the version they must now build on.
        const version = e.code === 'CONFLICT' ? (await readCouncilSetting(db(), def.key)).version : body.version;
        return render(reply, def, { ...values, version: String(version ?? '') }, e);
      }
      throw e;
    }
  });

  apiRoute(app, { method: 'GET', path: '/settings', summary: 'Council settings: each key, its value (null when not set) and version', tag: 'Administration', access: ACCESS }, async () => {
    const states = await readCouncilSettings(db());
    return {
      settings: COUNCIL_SETTINGS.map((d) => {
        const s = states.find((x) => x.key === d.key)!;
        return { key: d.key, label: d.label, group: d.group, value: s.value ?? null, version: s.version, whenNotSet: d.whenNotSet, schema: z.toJSONSchema(d.apiValue, { unrepresentable: 'any' }) };
      }),
    };
  });

  apiRoute(app, { method: 'PUT', path: '/settings/:key', summary: 'Change one council setting (null: not set); refused with 409 when the version is stale', tag: 'Administration', access: ACCESS, body: apiBody }, async (request) => {
    const def = keyOf(request);
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('BAD_INPUT', 'The request body must be a JSON object');
    const { version, value } = parseInput(apiBody, body, 'Check the setting you sent');
    const checked = parseInput(z.object({ value: def.apiValue }), { value }, `The value of ${def.key} is not valid`).value;
    const saved = await db().transaction().execute((trx) => saveCouncilSetting(trx, request.ctx.audit, def.key, version, checked));
    return { key: saved.key, value: saved.value ?? null, version: saved.version };
  });
}
