// The roles, and what each may do, as tables the compiler checks: adding a role fails compilation until
// every table below says what it gets. The rules that use these tables live in rules.ts.

export const ROLES = [
  'front_door',
  'social_worker',
  'personal_adviser',
  'team_manager',
  'service_manager',
  'iro',
  'performance_analyst',
  'quality_auditor',
  'data_protection_officer',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS = {
  front_door: 'Front door (MASH) worker',
  social_worker: 'Social worker',
  personal_adviser: 'Personal adviser',
  team_manager: 'Team manager',
  service_manager: 'Service manager',
  iro: 'IRO / CP chair',
  performance_analyst: 'Performance analyst',
  quality_auditor: 'Quality auditor',
  data_protection_officer: 'Data protection officer',
  administrator: 'Administrator',
} as const satisfies Record<Role, string>;

/**
 * How a role comes to see a child's record (see rules.ts for each one's meaning):
 * - `own`: children the user's professional record is involved with now (any involvement role: CW, 16PLUS, IRO…)
 * - `team`: children any member of the user's team is involved with now
 * - `managedTeams`: children involved with any team the user manages (team_manager), and the teams below it
 * - `screening`: children in contacts still awaiting a decision (the front door's queue)
 * - `audits`: children sampled in an open case file audit whose case is assigned to the user to audit or
 *   moderate (src/case-file-audits); access ends when the audit closes
 * Restricted records and break-glass grants apply on top, to every role (rules.ts).
 */
export type ChildGrant = 'own' | 'team' | 'managedTeams' | 'screening' | 'audits';

export const CHILD_GRANTS = {
  front_door: ['own', 'screening'],
  social_worker: ['own', 'team'],
  personal_adviser: ['own', 'team'],
  team_manager: ['own', 'team', 'managedTeams', 'audits'], // team managers may audit too
  service_manager: ['own', 'managedTeams'],
  iro: ['own'],
  performance_analyst: [], // aggregates and pseudonymised lists only
  quality_auditor: ['audits'], // the cases assigned to them in open audits; any other child: break the glass
  data_protection_officer: [], // sees who looked (audit), not the record itself; subject access exports are audited
  administrator: [], // manages users and settings; no case records by default
} as const satisfies Record<Role, readonly ChildGrant[]>;

/** Whether the role may ask for break-glass access to a child it has no relationship with. */
export const MAY_BREAK_GLASS = {
  front_door: true,
  social_worker: true,
  personal_adviser: true,
  team_manager: true,
  service_manager: true,
  iro: true,
  performance_analyst: false,
  quality_auditor: true,
  data_protection_officer: true,
  administrator: false,
} as const satisfies Record<Role, boolean>;

/** Capabilities beyond child records, checked by route rules (`{ roles: [...] }` or `{ can: ... }`). */
export type Capability = 'manageUsers' | 'manageSettings' | 'viewAudit' | 'subjectAccessExport' | 'viewAggregates' | 'viewPseudonymisedLists';

export const CAPABILITIES = {
  front_door: ['viewAggregates'],
  social_worker: ['viewAggregates'],
  personal_adviser: ['viewAggregates'],
  team_manager: ['viewAggregates'],
  service_manager: ['viewAggregates', 'viewPseudonymisedLists'],
  iro: ['viewAggregates'],
  performance_analyst: ['viewAggregates', 'viewPseudonymisedLists'],
  quality_auditor: ['viewAggregates', 'viewPseudonymisedLists'],
  data_protection_officer: ['viewAudit', 'subjectAccessExport'],
  administrator: ['manageUsers', 'manageSettings'],
} as const satisfies Record<Role, readonly Capability[]>;

export function rolesHaveCapability(roles: readonly Role[], capability: Capability): boolean {
  return roles.some((r) => (CAPABILITIES[r] as readonly Capability[]).includes(capability));
}

export function rolesMayBreakGlass(roles: readonly Role[]): boolean {
  return roles.some((r) => MAY_BREAK_GLASS[r]);
}

export function grantsOf(roles: readonly Role[]): Set<ChildGrant> {
  return new Set(roles.flatMap((r) => CHILD_GRANTS[r] as readonly ChildGrant[]));
}
