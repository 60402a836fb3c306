import { randomUUID } from 'node:crypto';
import type { ReviewLevel, RoleGrant } from '../core/auth/roles.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import * as repo from '../store/repositories/accounts.js';
import { auditUser, toSummary, type UserSummary } from './account-model.js';
import { checkGrant, loadUserSummary } from './accounts.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { generatePassword, hashPassword } from './passwords.js';

/** An agency admin's management of the agency's users: list, roles, disable, reset password. */

export async function listAgencyUsers(
  ctx: ServiceContext,
  agencyId: string,
): Promise<UserSummary[]> {
  const { users, grants } = await repo.listUsersOfAgency(ctx.store.db, agencyId);
  const all = await Promise.all(
    users.map(async (u) => toSummary(u, await repo.listGrantsOfUser(ctx.store.db, u.id))),
  );
  // Show only the roles that concern this agency.
  return all.map((u) => ({
    ...u,
    grants: u.grants.filter((g) => grants.some((x) => x.id === g.id)),
  }));
}

/**
 * An agency admin manages a user only when every role the user holds is in that agency: a
 * person who also works for another agency is that agency's business too.
 */
async function loadManageableUser(
  ctx: ServiceContext,
  actor: Actor & { kind: 'user' },
  agencyId: string,
  userId: string,
): Promise<UserSummary> {
  const user = await loadUserSummary(ctx.store.db, userId).catch(() => null);
  if (!user || !user.grants.some((g) => g.agencyId === agencyId)) throw notFound('用户');
  if (user.grants.some((g) => g.agencyId !== agencyId)) {
    throw new AppError(
      'forbidden',
      '该用户在其他机关也有角色：其角色由安全管理员调整，账号由系统管理员管理。',
    );
  }
  return user;
}

/**
 * Replaces a user's roles in one agency (agency roles only: admin, clerk, reviewer with its
 * level). An admin cannot change their own roles: taking away their admin role would leave no
 * one to manage, and no one grants themselves a role (三员分立).
 */
export async function setAgencyRoles(
  ctx: ServiceContext,
  actor: Actor & { kind: 'user' },
  agencyId: string,
  userId: string,
  roles: { role: 'agency_admin' | 'clerk' | 'reviewer'; reviewLevel?: ReviewLevel | null }[],
): Promise<UserSummary> {
  const before = await loadManageableUser(ctx, actor, agencyId, userId);
  if (roles.length === 0) {
    throw invalidField('roles', '请至少保留一个角色；不再需要的账号请停用。');
  }
  if (
    userId === actor.principal.userId &&
    before.grants.some((g) => g.role === 'agency_admin' && g.agencyId === agencyId) &&
    !roles.some((r) => r.role === 'agency_admin')
  ) {
    throw invalidField('roles', '不能取消自己的机关管理员角色；请由另一位管理员操作。');
  }
  if (userId === actor.principal.userId) {
    throw invalidField(
      'roles',
      '不能修改自己的角色：任何人都不能给自己授予角色。请由本机关另一位管理员或安全管理员操作。',
    );
  }
  const checked: Omit<RoleGrant, 'id'>[] = [];
  for (const [i, r] of roles.entries()) {
    checked.push(
      await checkGrant(
        ctx.store.db,
        { role: r.role, agencyId, reviewLevel: r.reviewLevel ?? null },
        i,
      ),
    );
  }
  return ctx.store.transaction(async (t) => {
    const now = ctx.clock.now();
    for (const g of before.grants.filter((g) => g.agencyId === agencyId))
      await repo.deleteGrant(t, g.id);
    for (const g of checked) {
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
    await recordChange(ctx, t, actor, now, {
      action: 'user.roles',
      entityType: 'user',
      entityId: userId,
      agencyId,
      before: auditUser(before),
      after: auditUser(after),
    });
    return after;
  });
}

export async function updateAgencyUser(
  ctx: ServiceContext,
  actor: Actor & { kind: 'user' },
  agencyId: string,
  userId: string,
  patch: { displayName?: string; disabled?: boolean },
): Promise<UserSummary> {
  const before = await loadManageableUser(ctx, actor, agencyId, userId);
  if (patch.disabled && userId === actor.principal.userId) {
    throw invalidField('disabled', '不能停用自己的账号。');
  }
  const displayName = patch.displayName?.trim();
  if (patch.displayName !== undefined && !displayName)
    throw invalidField('displayName', '请填写姓名。');
  return ctx.store.transaction(async (t) => {
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
      agencyId,
      before: auditUser(before),
      after: auditUser(after),
    });
    return after;
  });
}

export async function resetAgencyUserPassword(
  ctx: ServiceContext,
  actor: Actor & { kind: 'user' },
  agencyId: string,
  userId: string,
): Promise<{ initialPassword: string }> {
  const user = await loadManageableUser(ctx, actor, agencyId, userId);
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
      agencyId,
      after: { username: user.username, mustChangePassword: true },
    });
  });
  return { initialPassword };
}
