/**
 * The administrators' side of accounts (三员分立): the system administrator opens, renames,
 * disables accounts and resets passwords; the security administrator grants and withdraws
 * roles. Neither acts on their own account, and every administrator role keeps at least one
 * active holder.
 */
import { randomUUID } from 'node:crypto';
import {
  isAdministratorRole,
  ROLE_LABELS,
  separationProblem,
  type Role,
  type RoleGrant,
} from '../core/auth/roles.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import type { Trx } from '../store/database.js';
import * as repo from '../store/repositories/accounts.js';
import { activeHoldersOfRole } from '../store/repositories/security.js';
import { auditUser, toSummary, type UserSummary } from './account-model.js';
import { checkGrant, createUser, loadUserSummary, type NewGrant } from './accounts.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { generatePassword, hashPassword } from './passwords.js';
import { raiseAlert, type ClientInfo } from './security-alerts.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

export interface AccountSummary extends UserSummary {
  createdAt: string;
  firstLoginAt: string | null;
}

/** Every account with its roles, by username. */
export async function listAccounts(ctx: ServiceContext): Promise<AccountSummary[]> {
  const db = ctx.store.db;
  const users = await db.selectFrom('user_account').selectAll().orderBy('username').execute();
  const grants = await db.selectFrom('role_grant').selectAll().orderBy('created_at').execute();
  return users.map((u) => ({
    ...toSummary(
      u,
      grants.filter((g) => g.user_id === u.id),
    ),
    createdAt: u.created_at,
    firstLoginAt: u.first_login_at,
  }));
}

/** The system administrator opens an account without a role: roles are the security administrator's. */
export async function openAccount(
  ctx: ServiceContext,
  actor: UserActor,
  input: { username: string; displayName: string },
  createdFrom: ClientInfo,
): Promise<{ user: UserSummary; initialPassword: string }> {
  return createUser(ctx, actor, {
    username: input.username,
    displayName: input.displayName,
    grants: [],
    withoutRoles: true,
    createdFrom,
  });
}

async function loadOther(ctx: ServiceContext, actor: UserActor, userId: string, what: string) {
  const user = await repo.findUserById(ctx.store.db, userId);
  if (!user) throw notFound('账号');
  if (userId === actor.principal.userId) {
    throw new AppError('forbidden', `不能${what}自己的账号：请由另一位管理员操作。`);
  }
  return user;
}

/**
 * Refuses a change that would leave an administrator role with no active holder: without a
 * security administrator nobody could grant roles, without an audit administrator nobody
 * could read the trail.
 */
async function keepOneHolder(
  t: Trx,
  userId: string,
  losing: readonly Role[],
  field: string,
): Promise<void> {
  for (const role of losing) {
    if (!isAdministratorRole(role)) continue;
    const others = (await activeHoldersOfRole(t, role)).filter((h) => h.id !== userId);
    if (others.length === 0) {
      throw invalidField(
        field,
        `这是唯一一位在用的${ROLE_LABELS[role]}：请先为另一个账号授予${ROLE_LABELS[role]}角色，再作此调整。`,
      );
    }
  }
}

export async function updateAccount(
  ctx: ServiceContext,
  actor: UserActor,
  userId: string,
  patch: { displayName?: string; disabled?: boolean },
): Promise<UserSummary> {
  const user = await loadOther(ctx, actor, userId, patch.disabled ? '停用' : '修改');
  const displayName = patch.displayName?.trim();
  if (patch.displayName !== undefined && !displayName) {
    throw invalidField('displayName', '请填写姓名。');
  }
  return ctx.store.transaction(async (t) => {
    const before = await loadUserSummary(t, userId);
    if (patch.disabled && !user.disabled) {
      await keepOneHolder(
        t,
        userId,
        before.grants.map((g) => g.role),
        'disabled',
      );
    }
    const now = ctx.clock.now();
    await repo.updateUser(t, userId, {
      ...(displayName ? { display_name: displayName } : {}),
      ...(patch.disabled === undefined ? {} : { disabled: patch.disabled ? 1 : 0 }),
      updated_at: now.toISOString(),
    });
    if (patch.disabled) await repo.deleteSessionsOfUser(t, userId);
    const after = await loadUserSummary(t, userId);
    await recordChange(ctx, t, actor, now, {
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      before: auditUser(before),
      after: auditUser(after),
    });
    return after;
  });
}

/** A new one-time password; the holder must change it at first sign-in. */
export async function resetAccountPassword(
  ctx: ServiceContext,
  actor: UserActor,
  userId: string,
): Promise<{ initialPassword: string }> {
  const user = await loadOther(ctx, actor, userId, '重置');
  const initialPassword = generatePassword();
  const hash = await hashPassword(initialPassword);
  await ctx.store.transaction(async (t) => {
    const now = ctx.clock.now();
    await repo.updateUser(t, userId, {
      password_hash: hash,
      must_change_password: 1,
      failed_logins: 0,
      locked_until: null,
      updated_at: now.toISOString(),
    });
    await repo.deleteSessionsOfUser(t, userId);
    await recordChange(ctx, t, actor, now, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      after: { username: user.username, mustChangePassword: true },
    });
    const grants = await repo.listGrantsOfUser(t, userId);
    const adminRole = grants.map((g) => g.role as Role).find(isAdministratorRole);
    if (adminRole) {
      await raiseAlert(ctx, t, actor, {
        kind: 'administrator_credentials_reset',
        message: `${actor.principal.displayName}（${actor.principal.username}）重置了${ROLE_LABELS[adminRole]} ${user.display_name}（${user.username}）的密码。请与本人核实：重置者若借此登录该账号，就取得了另一员的权限。`,
        subjectUserId: userId,
        actorUserId: actor.principal.userId,
      });
    }
  });
  return { initialPassword };
}

/**
 * The security administrator replaces all of an account's roles. Nobody grants themselves a
 * role; an administrator role is held alone (separationProblem); the last holder of an
 * administrator role keeps it.
 */
export async function setAccountGrants(
  ctx: ServiceContext,
  actor: UserActor,
  userId: string,
  grants: NewGrant[],
): Promise<UserSummary> {
  if (userId === actor.principal.userId) {
    throw new AppError(
      'forbidden',
      '不能给自己授予或调整角色（三员分立）：请由另一位安全管理员操作。',
    );
  }
  if (!(await repo.findUserById(ctx.store.db, userId))) throw notFound('账号');
  const checked: Omit<RoleGrant, 'id'>[] = [];
  for (const [i, g] of grants.entries()) checked.push(await checkGrant(ctx.store.db, g, i));
  const separation = separationProblem(checked.map((g) => g.role));
  if (separation) throw invalidField('grants', separation);
  const key = (g: Omit<RoleGrant, 'id'>) =>
    [g.role, g.agencyId, g.regionCode, g.reviewLevel].join('|');
  if (new Set(checked.map(key)).size !== checked.length) {
    throw invalidField('grants', '同一个角色重复授予了两次，请删去重复的一项。');
  }
  return ctx.store.transaction(async (t) => {
    const before = await loadUserSummary(t, userId);
    const losing = before.grants
      .map((g) => g.role)
      .filter((r) => !checked.some((c) => c.role === r));
    await keepOneHolder(t, userId, losing, 'grants');
    const now = ctx.clock.now();
    const unchanged = new Set(before.grants.map(key));
    const wanted = new Set(checked.map(key));
    for (const g of before.grants) if (!wanted.has(key(g))) await repo.deleteGrant(t, g.id);
    for (const g of checked) {
      if (unchanged.has(key(g))) continue;
      await repo.insertGrant(t, {
        id: randomUUID(),
        user_id: userId,
        role: g.role,
        agency_id: g.agencyId,
        region_code: g.regionCode,
        review_level: g.reviewLevel,
        created_at: now.toISOString(),
      });
    }
    const after = await loadUserSummary(t, userId);
    const agencies = [
      ...new Set([...before.grants, ...after.grants].flatMap((g) => g.agencyId ?? [])),
    ];
    await recordChange(ctx, t, actor, now, {
      action: 'user.roles',
      entityType: 'user',
      entityId: userId,
      agencyId: agencies.length === 1 ? agencies[0] : null,
      before: auditUser(before),
      after: auditUser(after),
    });
    // A role change ends the account's sessions: what they were allowed is no longer true.
    await repo.deleteSessionsOfUser(t, userId);
    return after;
  });
}
