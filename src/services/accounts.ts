import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { lockSecondsAfter } from '../core/auth/lockout.js';
import { passwordProblem } from '../core/auth/password-policy.js';
import {
  grantProblem,
  isSystemAdmin,
  ROLES,
  REVIEW_LEVELS,
  type Principal,
  type ReviewLevel,
  type Role,
  type RoleGrant,
} from '../core/auth/roles.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import type { Db, Trx } from '../store/database.js';
import * as repo from '../store/repositories/accounts.js';
import { findAgency } from '../store/repositories/organisations.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { decoyPasswordHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';

export interface SessionPolicy {
  /** Sign out after this long without a request. */
  idleMinutes: number;
  /** Sign out this long after sign-in, whatever happens. */
  maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, maxHours: 12 };

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: RoleGrant[];
}

const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,40}$/;

export const sessionIdOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

const newToken = (): string => randomBytes(32).toString('base64url');

function toGrant(row: repo.GrantRow): RoleGrant {
  return {
    id: row.id,
    role: row.role as Role,
    agencyId: row.agency_id,
    regionCode: row.region_code,
    reviewLevel: row.review_level as ReviewLevel | null,
  };
}

function toPrincipal(user: repo.UserRow, grants: repo.GrantRow[]): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    grants: grants.map(toGrant),
  };
}

function toSummary(user: repo.UserRow, grants: repo.GrantRow[]): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    disabled: user.disabled === 1,
    mustChangePassword: user.must_change_password === 1,
    grants: grants.map(toGrant),
  };
}

/** The audit view of a user: never the password hash. */
const auditUser = (u: UserSummary) => ({
  username: u.username,
  displayName: u.displayName,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  grants: u.grants.map(({ role, agencyId, regionCode, reviewLevel }) => ({
    role,
    agencyId,
    regionCode,
    reviewLevel,
  })),
});

export interface NewGrant {
  role: Role;
  agencyId?: string | null;
  regionCode?: string | null;
  reviewLevel?: ReviewLevel | null;
}

async function checkGrant(db: Db, grant: NewGrant, index: number): Promise<Omit<RoleGrant, 'id'>> {
  const field = `grants.${index}`;
  if (!ROLES.includes(grant.role)) throw invalidField(`${field}.role`, '角色不存在。');
  if (grant.reviewLevel && !REVIEW_LEVELS.includes(grant.reviewLevel)) {
    throw invalidField(`${field}.reviewLevel`, '审核层级只能是股室负责人、分管领导或主要领导。');
  }
  const normalised = {
    role: grant.role,
    agencyId: grant.agencyId ?? null,
    regionCode: grant.regionCode ?? null,
    reviewLevel: grant.role === 'reviewer' ? (grant.reviewLevel ?? null) : null,
  };
  const problem = grantProblem(normalised);
  if (problem) throw invalidField(field, problem);
  if (normalised.agencyId && !(await findAgency(db, normalised.agencyId))) {
    throw invalidField(`${field}.agencyId`, '所选机关不存在。');
  }
  if (
    normalised.regionCode &&
    !(await db
      .selectFrom('region')
      .select('code')
      .where('code', '=', normalised.regionCode)
      .executeTakeFirst())
  ) {
    throw invalidField(`${field}.regionCode`, '所选行政区划不存在。');
  }
  return normalised;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  /** Omit to generate a random initial password (returned once). */
  password?: string;
  grants: NewGrant[];
  /** Defaults to true: whoever receives an initial password must change it at first login. */
  mustChangePassword?: boolean;
}

export async function createUser(
  ctx: ServiceContext,
  actor: Actor,
  input: CreateUserInput,
  trx?: Trx,
): Promise<{ user: UserSummary; initialPassword: string }> {
  const username = input.username.trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw invalidField('username', '用户名须为 3–40 位字母、数字、下划线、点或连字符。');
  }
  const displayName = input.displayName.trim();
  if (!displayName) throw invalidField('displayName', '请填写姓名。');
  if (input.grants.length === 0) throw invalidField('grants', '请至少指定一个角色。');
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, username);
  if (problem) throw invalidField('password', problem);
  const passwordHash = await hashPassword(password);

  const run = async (t: Trx) => {
    if (await repo.findUserByUsername(t, username)) {
      throw new AppError('conflict', `用户名“${username}”已被使用，请换一个。`, {
        field: 'username',
      });
    }
    const grants = [];
    for (const [i, g] of input.grants.entries()) grants.push(await checkGrant(t, g, i));
    const now = ctx.clock.now().toISOString();
    const id = randomUUID();
    await repo.insertUser(t, {
      id,
      username,
      display_name: displayName,
      password_hash: passwordHash,
      must_change_password: input.mustChangePassword === false ? 0 : 1,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      password_changed_at: null,
      created_at: now,
      updated_at: now,
    });
    for (const g of grants) {
      await repo.insertGrant(t, {
        id: randomUUID(),
        user_id: id,
        role: g.role,
        agency_id: g.agencyId,
        region_code: g.regionCode,
        review_level: g.reviewLevel,
        created_at: now,
      });
    }
    const user = await loadUserSummary(t, id);
    const agencies = [...new Set(grants.map((g) => g.agencyId).filter((a) => a !== null))];
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      agencyId: agencies.length === 1 ? agencies[0] : null,
      after: auditUser(user),
    });
    return user;
  };
  const user = trx ? await run(trx) : await ctx.store.transaction(run);
  return { user, initialPassword: password };
}

export async function loadUserSummary(db: Db, userId: string): Promise<UserSummary> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw notFound('用户');
  return toSummary(user, await repo.listGrantsOfUser(db, userId));
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  principal: Principal;
  mustChangePassword: boolean;
  expiresAt: string;
}

export async function login(
  ctx: ServiceContext,
  input: { username: string; password: string; ip: string; userAgent: string; requestId?: string },
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
      await repo.updateUser(t, user.id, { failed_logins: 0, locked_until: null });
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
  if (!isSystemAdmin(actor.principal) && user.grants.some((g) => g.agencyId !== agencyId)) {
    throw new AppError('forbidden', '该用户在其他机关也有角色，只能由系统管理员修改。');
  }
  return user;
}

/**
 * Replaces a user's roles in one agency (agency roles only: admin, clerk, reviewer with its
 * level). An admin cannot take away their own admin role — someone must be left to manage.
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
