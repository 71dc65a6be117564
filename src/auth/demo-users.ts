// One sign-in per role for the demo council, chosen from its synthetic workforce so that each account
// sees what that role would: the social worker holds a caseload, the team manager manages that worker's
// team, and so on. Call after the council's professionals, teams and involvements exist.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { ROLE_LABELS, type Role } from '../access/roles.ts';
import { createUser } from './users.ts';
import { hashPassword } from './password.ts';

/** The one password for every demo account (synthetic data only). It passes the password rules. */
export const DEMO_PASSWORD = 'harbour-kettle-meadow';

export interface DemoUser {
  username: string;
  role: Role;
  displayName: string;
  professionalId: string | null;
}

const USERNAMES = {
  front_door: 'fd.demo',
  social_worker: 'sw.demo',
  personal_adviser: 'pa.demo',
  team_manager: 'tm.demo',
  service_manager: 'sm.demo',
  iro: 'iro.demo',
  performance_analyst: 'analyst.demo',
  quality_auditor: 'qa.demo',
  data_protection_officer: 'dpo.demo',
  administrator: 'admin.demo',
} as const satisfies Record<Role, string>;

type Trx = Transaction<DB>;

/** The professional holding the most open involvements of `role`, preferring a count near `target`. */
async function workerWithCaseload(trx: Trx, role: string, target: number): Promise<string | null> {
  const r = await sql<{ professional_id: string }>`
    select i.professional_id from involvement i join professional p on p.id = i.professional_id
    where i.role = ${role} and i.deleted_at is null and i.end_date is null and p.end_date is null and p.deleted_at is null
    group by i.professional_id
    order by abs(count(distinct i.person_id) - ${target}), i.professional_id
    limit 1`.execute(trx);
  return r.rows[0]?.professional_id ?? null;
}

async function managerOf(trx: Trx, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const r = await trx
    .selectFrom('team_manager')
    .select('professional_id')
    .where('team_id', '=', teamId)
    .where('deleted_at', 'is', null)
    .where('end_date', 'is', null)
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return r?.professional_id ?? null;
}

async function teamOf(trx: Trx, professionalId: string | null): Promise<{ id: string; parent_id: string | null } | null> {
  if (!professionalId) return null;
  const r = await trx
    .selectFrom('professional')
    .innerJoin('team', 'team.id', 'professional.team_id')
    .select(['team.id', 'team.parent_id'])
    .where('professional.id', '=', professionalId)
    .executeTakeFirst();
  return r ?? null;
}

async function frontDoorWorker(trx: Trx): Promise<string | null> {
  const r = await sql<{ id: string }>`
    select p.id from professional p join team t on t.id = p.team_id
    where p.end_date is null and p.deleted_at is null
      and (t.service_area ilike '%front door%' or t.service_area ilike '%mash%' or t.name ilike '%front door%' or t.name ilike '%mash%')
    order by p.case_holding desc, p.id limit 1`.execute(trx);
  return r.rows[0]?.id ?? null;
}

/** A manager of a team above `teamId`, or of any other team, for the service manager. */
async function serviceManager(trx: Trx, team: { id: string; parent_id: string | null } | null, exclude: string | null): Promise<string | null> {
  const parentManager = await managerOf(trx, team?.parent_id ?? null);
  if (parentManager && parentManager !== exclude) return parentManager;
  const r = await sql<{ id: string }>`
    select p.id from professional p where p.end_date is null and p.deleted_at is null and p.job_title ilike '%service manager%'
    order by p.id limit 1`.execute(trx);
  return r.rows[0]?.id ?? parentManager;
}

/** Creates the demo accounts (one per role) and returns them; when they exist already (loadDemo makes them), returns those. */
export async function createDemoUsers(trx: Trx): Promise<DemoUser[]> {
  const existing = await trx
    .selectFrom('user_account')
    .innerJoin('user_role', 'user_role.user_id', 'user_account.id')
    .select(['user_account.username', 'user_account.display_name', 'user_account.professional_id', 'user_role.role'])
    .where('user_account.username', 'in', Object.values(USERNAMES))
    .where('user_role.deleted_at', 'is', null)
    .execute();
  if (existing.length) {
    const order = Object.keys(USERNAMES);
    return existing
      .map((u) => ({ username: u.username, role: u.role as Role, displayName: u.display_name, professionalId: u.professional_id }))
      .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  }
  const socialWorker = await workerWithCaseload(trx, 'CW', 20);
  const swTeam = await teamOf(trx, socialWorker);
  const teamManager = await managerOf(trx, swTeam?.id ?? null);
  const professionals: Record<Role, string | null> = {
    front_door: await frontDoorWorker(trx),
    social_worker: socialWorker,
    personal_adviser: await workerWithCaseload(trx, '16PLUS', 20),
    team_manager: teamManager,
    service_manager: await serviceManager(trx, swTeam, teamManager),
    iro: await workerWithCaseload(trx, 'IRO', 60),
    performance_analyst: null,
    quality_auditor: null,
    data_protection_officer: null,
    administrator: null,
  };
  const names = new Map(
    (await trx.selectFrom('professional').select(['id', 'name']).where('id', 'in', [...Object.values(professionals).filter((p): p is string => !!p), '']).execute()).map((p) => [p.id, p.name]),
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: DemoUser[] = [];
  for (const role of Object.keys(USERNAMES) as Role[]) {
    const professionalId = professionals[role];
    const displayName = professionalId && names.get(professionalId) ? `${names.get(professionalId)}` : `Demo ${ROLE_LABELS[role].toLowerCase()}`;
    const created = await createUser(trx, { username: USERNAMES[role], displayName, roles: [role], professionalId, passwordHash });
    users.push({ username: created.username, role, displayName, professionalId });
  }
  return users;
}
