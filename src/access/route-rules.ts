// Every route declares who may call it, in its config:
//   app.get('/children/:childId', { config: { access: 'childRecord' } }, handler)
// The app refuses to start when a route has no rule (checked when the app is ready), and a preHandler
// applies the rule before any handler runs. The authorisation matrix test enumerates `app.routeRules`.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { isRole, rolesHaveCapability, type Capability, type Role } from './roles.ts';

export type AccessRule =
  /** Anyone, signed in or not (sign-in page, health, assets). */
  | 'public'
  /** Any signed-in user. */
  | 'signedIn'
  /** A signed-in user who may see the child in the `:childId` parameter (rules.ts). GET and HEAD are audited as reads. */
  | 'childRecord'
  /** A signed-in user with one of these roles; with `childRecord: true`, who may also see `:childId`. */
  | { roles: readonly Role[]; childRecord?: boolean }
  /** A signed-in user whose roles give this capability (roles.ts CAPABILITIES). */
  | { can: Capability };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** For childRecord routes: what part of the record the read audit names (default: the route pattern). */
    auditWhat?: string;
  }
  interface FastifyInstance {
    /** Every route registered, with its rule: what the authorisation matrix test walks. */
    routeRules: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessRule | undefined;
}

function validRule(rule: unknown, url: string): string | null {
  if (rule === undefined) return 'has no access rule: add config: { access: … } (see docs/security.md)';
  if (rule === 'public' || rule === 'signedIn') return null;
  const needsChild = rule === 'childRecord' || (typeof rule === 'object' && rule !== null && (rule as { childRecord?: boolean }).childRecord === true);
  if (needsChild && !url.includes(':childId')) return 'is a childRecord route but has no :childId parameter';
  if (rule === 'childRecord') return null;
  if (typeof rule === 'object' && rule !== null) {
    if ('roles' in rule) {
      const roles = (rule as { roles: unknown }).roles;
      if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) return 'names no roles or an unknown role';
      return null;
    }
    if ('can' in rule) return null;
  }
  return `has an unknown access rule ${JSON.stringify(rule)}`;
}

/** Collects every route's rule; the app fails to become ready if any route lacks a valid one. */
export function registerRouteRules(app: FastifyInstance): void {
  const routes: Array<RouteOptions> = [];
  app.decorate('routeRules', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  // Checked when ready, not in onRoute, so that a plugin scope (static assets) can set its routes' rule first.
  app.addHook('onReady', async () => {
    const problems: string[] = [];
    app.routeRules.length = 0;
    for (const r of routes) {
      const methods = Array.isArray(r.method) ? r.method : [r.method];
      const access = r.config?.access;
      const problem = validRule(access, r.url);
      if (problem) problems.push(`${methods.join(',')} ${r.url} ${problem}`);
      for (const method of methods) app.routeRules.push({ method, url: r.url, access });
    }
    if (problems.length) throw new Error(`Routes without a valid access rule:\n  ${problems.join('\n  ')}`);
  });
}

/** Marks every route registered in this plugin scope as public (static assets). */
export function publicScope(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });
}

/** Applies the route's rule (a preHandler for every route). childRecord routes are also checked and audited. */
export async function enforceAccess(request: FastifyRequest): Promise<void> {
  const rule = request.routeOptions.config.access;
  if (rule === undefined) throw new AppError('FORBIDDEN', 'You do not have access to this page', { internal: 'route has no access rule' });
  if (rule === 'public') return;
  const ctx = request.ctx;
  const user = ctx.user; // throws UNAUTHENTICATED
  let childRecord = rule === 'childRecord';
  if (typeof rule === 'object') {
    if ('roles' in rule) {
      if (!user.roles.some((r) => rule.roles.includes(r))) throw forbidden();
      childRecord = rule.childRecord === true;
    } else if (!rolesHaveCapability(user.roles, rule.can)) throw forbidden();
  }
  if (childRecord) {
    const childId = (request.params as Record<string, string | undefined>).childId ?? '';
    const { breakGlassReason } = await ctx.children.assertCanSee(childId);
    if (request.method === 'GET' || request.method === 'HEAD') {
      await ctx.audit.read(childId, request.routeOptions.config.auditWhat ?? request.routeOptions.url ?? 'record', { reason: breakGlassReason });
    }
  }
}

function forbidden(): AppError {
  return new AppError('FORBIDDEN', 'You do not have access to this page', { internal: 'role not allowed on route' });
}
