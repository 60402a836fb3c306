/**
 * What a signed-in person does with their own account: change the password (policy, common
 * list, history), prove it is still them before a sensitive act, see their sessions and sign
 * out elsewhere.
 */
import { createHash } from 'node:crypto';
import { AppError, invalidField, notFound } from '../core/errors.js';
import * as repo from '../store/repositories/accounts.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  checkSignInGate,
  clearSignInFailures,
  recordSignInFailure,
  signInSubject,
} from './rate-limits.js';
import { hasSecondFactor, verifySecondFactorCode } from './second-factor.js';
import { checkNewPassword, getSecurityPolicy, rememberPassword } from './security-policy.js';
import type { SessionPolicy } from './sessions.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** How many earlier password hashes are kept: enough for the strictest policy allowed. */
const HISTORY_KEPT = 24;

export async function changePassword(
  ctx: ServiceContext,
  actor: UserActor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string; ip: string },
): Promise<void> {
  const db = ctx.store.db;
  const user = await repo.findUserById(db, actor.principal.userId);
  if (!user) throw notFound('用户');
  const subject = signInSubject(user.username, input.ip);
  const now = ctx.clock.now();
  await checkSignInGate(db, subject, now);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    // Wrong guesses here count like wrong passwords at sign-in: a stolen session cannot be
    // used to try passwords without limit.
    await recordSignInFailure(db, subject, now, false);
    throw invalidField('currentPassword', '当前密码不正确。');
  }
  const policy = await getSecurityPolicy(db);
  await checkNewPassword(
    db,
    { password: input.newPassword, username: user.username, userId: user.id, field: 'newPassword' },
    policy,
  );
  const hash = await hashPassword(input.newPassword);
  await ctx.store.transaction(async (t) => {
    await rememberPassword(t, user.id, user.password_hash, now, HISTORY_KEPT);
    await repo.updateUser(t, user.id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    // Other sessions end: whoever knew the old password is signed out.
    await repo.deleteSessionsOfUser(t, user.id, sessionId);
    await repo.updateSession(t, sessionId, { authenticated_at: now.toISOString() });
    await clearSignInFailures(t, subject);
    await recordChange(ctx, t, actor, now, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
      before: { mustChangePassword: user.must_change_password === 1 },
      after: { mustChangePassword: false },
    });
  });
}

/**
 * Proves it is still the holder, before revealing personal data, changing roles or exporting
 * the register: the password, or (with a second factor) a code. Failures count like failed
 * sign-ins.
 */
export async function reauthenticate(
  ctx: ServiceContext,
  actor: UserActor,
  sessionId: string,
  input: { password?: string; code?: string; ip: string },
): Promise<{ authenticatedAt: string }> {
  const db = ctx.store.db;
  const user = await repo.findUserById(db, actor.principal.userId);
  if (!user) throw notFound('用户');
  const subject = signInSubject(user.username, input.ip);
  const now = ctx.clock.now();
  await checkSignInGate(db, subject, now);
  let ok = false;
  let how: string;
  if (input.code?.trim()) {
    how = 'code';
    ok =
      (await hasSecondFactor(db, user.id)) &&
      (await verifySecondFactorCode(ctx, db, user.id, input.code, { consume: true })) !== null;
  } else if (input.password) {
    how = 'password';
    ok = await verifyPassword(user.password_hash, input.password);
  } else {
    throw invalidField('password', '请输入密码（或两步验证码）。');
  }
  if (!ok) {
    await recordSignInFailure(db, subject, now, false);
    throw invalidField(
      how === 'code' ? 'code' : 'password',
      how === 'code' ? '验证码不正确或已用过，请重新输入。' : '密码不正确，请重新输入。',
    );
  }
  await ctx.store.transaction(async (t) => {
    await repo.updateSession(t, sessionId, { authenticated_at: now.toISOString() });
    await clearSignInFailures(t, subject);
    await recordChange(ctx, t, actor, now, {
      action: 'session.reauth',
      entityType: 'user',
      entityId: user.id,
      after: { with: how, ip: input.ip },
    });
  });
  return { authenticatedAt: now.toISOString() };
}

/** The id a session is shown by: derived from its key, and no use for signing in. */
export const publicSessionId = (sessionId: string): string =>
  createHash('sha256').update(`shown:${sessionId}`).digest('hex').slice(0, 20);

export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string;
  userAgent: string;
  secondFactor: string | null;
  current: boolean;
}

export async function listOwnSessions(
  ctx: ServiceContext,
  userId: string,
  currentSessionId: string,
  policy: SessionPolicy,
): Promise<OwnSession[]> {
  const now = ctx.clock.now();
  const live = await repo.liveSessionsOfUser(
    ctx.store.db,
    userId,
    now.toISOString(),
    new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString(),
  );
  return live.map((s) => ({
    id: publicSessionId(s.id),
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    ip: s.ip,
    userAgent: s.user_agent,
    secondFactor: s.second_factor,
    current: s.id === currentSessionId,
  }));
}

/** Signs out one of one's own sessions (by its shown id), or all but the current one. */
export async function endOwnSessions(
  ctx: ServiceContext,
  actor: UserActor,
  currentSessionId: string,
  which: { id: string } | 'others',
): Promise<{ ended: number }> {
  const userId = actor.principal.userId;
  return ctx.store.transaction(async (t) => {
    const sessions = await t
      .selectFrom('session')
      .select(['id', 'ip', 'created_at'])
      .where('user_id', '=', userId)
      .execute();
    const ending =
      which === 'others'
        ? sessions.filter((s) => s.id !== currentSessionId)
        : sessions.filter((s) => publicSessionId(s.id) === which.id);
    if (which !== 'others' && ending.length === 0) {
      throw new AppError('not_found', '这个登录已经结束，或不是您的登录。请刷新列表。');
    }
    for (const s of ending) await repo.deleteSession(t, s.id);
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: which === 'others' ? 'session.sign_out_elsewhere' : 'session.end',
      entityType: 'user',
      entityId: userId,
      after: { ended: ending.map((s) => ({ ip: s.ip, startedAt: s.created_at })) },
    });
    return { ended: ending.length };
  });
}
