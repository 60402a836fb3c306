import { lockSecondsAfter } from '../core/auth/lockout.js';
import { passwordProblem } from '../core/auth/password-policy.js';
import type { Principal } from '../core/auth/roles.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import * as repo from '../store/repositories/accounts.js';
import { newToken, sessionIdOf, toPrincipal } from './account-model.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { watchSignIn } from './security-alerts.js';

/** Signing in and out, the session behind a cookie, one's own password and active role. */

export interface SessionPolicy {
  /** Sign out after this long without a request. */
  idleMinutes: number;
  /** Sign out this long after sign-in, whatever happens. */
  maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, maxHours: 12 };

export interface LoginResult {
  token: string;
  csrfToken: string;
  principal: Principal;
  mustChangePassword: boolean;
  expiresAt: string;
}

export async function login(
  ctx: ServiceContext,
  input: {
    username: string;
    password: string;
    ip: string;
    userAgent: string;
    /** The browser's own random id (its long-lived cookie), when it sent one. */
    deviceId?: string | null;
    requestId?: string;
  },
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<LoginResult> {
  const invalid = () =>
    new AppError(
      'invalid_credentials',
      '用户名或密码不正确。请检查后重试；多次失败将暂时锁定账号。',
    );
  const username = input.username.trim();
  // Attempts for one account are taken one at a time, so parallel guesses cannot all slip in
  // before the first failure is counted (the count itself is also incremented atomically).
  return oneAtATime(`login:${username}`, async () => {
    const user = await repo.findUserByUsername(ctx.store.db, username);
    if (!user) {
      await verifyPassword(await decoyPasswordHash(), input.password);
      throw invalid();
    }
    const now = ctx.clock.now();
    throwIfLocked(user.locked_until, now);
    const system: Actor = {
      kind: 'anonymous',
      label: `登录：${user.username}`,
      requestId: input.requestId,
    };
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await countFailure(ctx, system, user.id, now);
      throw invalid();
    }
    if (user.disabled) {
      throw new AppError('account_disabled', '该账号已停用。如需恢复，请联系本机关管理员。');
    }
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + policy.maxHours * 3600_000).toISOString();
    const grants = await repo.listGrantsOfUser(ctx.store.db, user.id);
    const principal = toPrincipal(user, grants);
    await ctx.store.transaction(async (t) => {
      await repo.updateUser(t, user.id, {
        failed_logins: 0,
        locked_until: null,
        ...(user.first_login_at ? {} : { first_login_at: now.toISOString() }),
      });
      // Housekeeping: sessions past their absolute expiry are removed as people sign in.
      await repo.deleteExpiredSessions(t, now.toISOString());
      await repo.insertSession(t, {
        id: sessionIdOf(token),
        user_id: user.id,
        csrf_token: csrfToken,
        active_grant_id: grants[0]?.id ?? null,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt,
        ip: input.ip.slice(0, 64),
        user_agent: input.userAgent.slice(0, 300),
      });
      await recordChange(ctx, t, { kind: 'user', principal, requestId: input.requestId }, now, {
        action: 'session.login',
        entityType: 'user',
        entityId: user.id,
        after: { ip: input.ip },
      });
      await watchSignIn(
        ctx,
        t,
        { kind: 'user', principal, requestId: input.requestId },
        {
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          firstLoginAt: user.first_login_at,
          createdBy: user.created_by,
          createdIp: user.created_ip,
          createdDevice: user.created_device,
          roles: principal.grants.map((g) => g.role),
        },
        { ip: input.ip, userAgent: input.userAgent, deviceId: input.deviceId ?? null },
      );
    });
    return {
      token,
      csrfToken,
      principal,
      mustChangePassword: user.must_change_password === 1,
      expiresAt,
    };
  });
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task with the same key has finished (in this process). */
async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

function throwIfLocked(lockedUntil: string | null, now: Date): void {
  if (lockedUntil && lockedUntil > now.toISOString()) {
    const seconds = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
    throw new AppError(
      'account_locked',
      `登录失败次数过多，账号已暂时锁定，请 ${Math.ceil(seconds / 60)} 分钟后再试，或联系管理员。`,
      { retryAfterSeconds: seconds },
    );
  }
}

/**
 * One more failed password for the account: counted atomically in the database (so app nodes
 * cannot lose counts between them), locking the account with back-off when due.
 */
async function countFailure(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  now: Date,
): Promise<void> {
  await ctx.store.transaction(async (t) => {
    const failed = await repo.incrementFailedLogins(t, userId);
    const lockSeconds = lockSecondsAfter(failed);
    const lockedUntil = lockSeconds
      ? new Date(now.getTime() + lockSeconds * 1000).toISOString()
      : null;
    if (lockedUntil) await repo.updateUser(t, userId, { locked_until: lockedUntil });
    await recordChange(ctx, t, actor, now, {
      action: 'user.login_failed',
      entityType: 'user',
      entityId: userId,
      before: { failedLogins: failed - 1 },
      after: { failedLogins: failed, lockedUntil },
    });
  });
}

export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  activeGrantId: string | null;
  principal: Principal;
  mustChangePassword: boolean;
}

/** The signed-in person behind a session cookie, or null when it is unknown, expired or idle. */
export async function resolveSession(
  ctx: ServiceContext,
  token: string,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<ActiveSession | null> {
  const id = sessionIdOf(token);
  const session = await repo.findSession(ctx.store.db, id);
  if (!session) return null;
  const now = ctx.clock.now();
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  if (session.expires_at <= now.toISOString() || session.last_seen_at < idleLimit) {
    await repo.deleteSession(ctx.store.db, id);
    return null;
  }
  const user = await repo.findUserById(ctx.store.db, session.user_id);
  if (!user || user.disabled) return null;
  // Touch at most once a minute: the idle timeout needs no finer grain.
  if (Date.parse(session.last_seen_at) < now.getTime() - 60_000) {
    await repo.updateSession(ctx.store.db, id, { last_seen_at: now.toISOString() });
  }
  return {
    sessionId: id,
    csrfToken: session.csrf_token,
    activeGrantId: session.active_grant_id,
    principal: toPrincipal(user, await repo.listGrantsOfUser(ctx.store.db, user.id)),
    mustChangePassword: user.must_change_password === 1,
  };
}

export async function logout(ctx: ServiceContext, actor: Actor, sessionId: string): Promise<void> {
  await ctx.store.transaction(async (t) => {
    const session = await repo.findSession(t, sessionId);
    if (!session) return;
    await repo.deleteSession(t, sessionId);
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'session.logout',
      entityType: 'user',
      entityId: session.user_id,
    });
  });
}

export async function changePassword(
  ctx: ServiceContext,
  actor: Actor & { kind: 'user' },
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await repo.findUserById(ctx.store.db, actor.principal.userId);
  if (!user) throw notFound('用户');
  throwIfLocked(user.locked_until, ctx.clock.now());
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    // Wrong guesses here count like wrong passwords at login: a stolen session cannot be
    // used to try passwords without limit.
    await countFailure(ctx, actor, user.id, ctx.clock.now());
    throw invalidField('currentPassword', '当前密码不正确。');
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw invalidField('newPassword', problem);
  if (input.newPassword === input.currentPassword) {
    throw invalidField('newPassword', '新密码不能与当前密码相同。');
  }
  const hash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    await repo.updateUser(t, user.id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    // Other sessions end: whoever knew the old password is signed out.
    await repo.deleteSessionsOfUser(t, user.id, sessionId);
    await recordChange(ctx, t, actor, now, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
      before: { mustChangePassword: user.must_change_password === 1 },
      after: { mustChangePassword: false },
    });
  });
}

export async function setActiveGrant(
  ctx: ServiceContext,
  actor: Actor & { kind: 'user' },
  sessionId: string,
  grantId: string,
): Promise<void> {
  const grant = actor.principal.grants.find((g) => g.id === grantId);
  if (!grant) throw invalidField('grantId', '您没有这个角色，无法切换。');
  await ctx.store.transaction(async (t) => {
    await repo.updateSession(t, sessionId, { active_grant_id: grantId });
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'session.switch_role',
      entityType: 'user',
      entityId: actor.principal.userId,
      agencyId: grant.agencyId,
      after: { role: grant.role, agencyId: grant.agencyId, regionCode: grant.regionCode },
    });
  });
}

/** Users with any role in the agency. */
