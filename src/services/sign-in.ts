/**
 * Signing in (see ./sessions.ts for the session it opens): the password, the second factor, the
 * limits of rate-limits.ts, and at most so many sessions an account.
 */
import { passwordAge } from '../core/auth/password-policy.js';
import type { Principal } from '../core/auth/roles.js';
import { AppError } from '../core/errors.js';
import type { Trx } from '../store/database.js';
import * as repo from '../store/repositories/accounts.js';
import { newToken, sessionIdOf, toPrincipal } from './account-model.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import {
  checkSignInGate,
  clearSignInFailures,
  purgeQuietCounters,
  recordSignInFailure,
  signInSubject,
  takeHold,
} from './rate-limits.js';
import {
  hasSecondFactor,
  recoveryCodesLeft,
  verifySecondFactorCode,
  type SecondFactorMethod,
} from './second-factor.js';
import { watchSignIn } from './security-alerts.js';
import { getSecurityPolicy, secondFactorRequired } from './security-policy.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './sessions.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  principal: Principal;
  mustChangePassword: boolean;
  /** The password is past the policy's expiry: it must be changed before anything else. */
  passwordExpired: boolean;
  /** Whole days until the password expires, when within the warning period. */
  passwordExpiresInDays: number | null;
  /** The role or agency requires a second factor the account has not set up yet. */
  secondFactorEnrolmentRequired: boolean;
  /** How the second factor was proved, if one was. */
  secondFactor: SecondFactorMethod | null;
  /** After a recovery code: how many are left. */
  recoveryCodesLeft: number | null;
  expiresAt: string;
}

const codeRefused = () =>
  new AppError(
    'second_factor_invalid',
    '验证码不正确或已用过。请输入验证器上当前显示的 6 位数字（每 30 秒更新），或一个未用过的恢复码。',
    { field: 'code' },
  );

/** Thrown inside the sign-in's transaction to roll it back when its code was used meanwhile. */
class CodeUsedMeanwhile extends Error {}

const invalid = () =>
  new AppError(
    'invalid_credentials',
    '用户名或密码不正确。请检查后重试；从同一网络地址连续多次失败，将暂停从该地址登录。',
  );

/**
 * Signs in with a password and, when the account has one, a second-factor code. The limits
 * (rate-limits.ts) are checked before any password is: a locked address or (account,
 * address) pair is refused; while the account is guessed at from elsewhere a sign-in from here
 * waits a short hold, or skips it with a valid code.
 */
export async function login(
  ctx: ServiceContext,
  input: {
    username: string;
    password: string;
    /** A 6-digit code from the authenticator, or a recovery code. */
    code?: string;
    ip: string;
    userAgent: string;
    /** The browser's own random id (its long-lived cookie), when it sent one. */
    deviceId?: string | null;
    requestId?: string;
    /**
     * A CA certificate / USB key as the second factor (certificate-login.ts): checked once the
     * password is right, it names the account its certificate proves (or throws why not).
     */
    certificate?: () => Promise<string>;
  },
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<LoginResult> {
  const username = input.username.trim();
  const subject = signInSubject(username, input.ip);
  const db = ctx.store.db;
  // Attempts for one account from one address are taken one at a time, so parallel guesses
  // cannot all slip in before the first failure is counted (the counts are atomic too).
  return oneAtATime(`login:${subject.account}|${subject.address}`, async () => {
    const now = ctx.clock.now();
    // The limits and the account are read side by side (two round trips become one on
    // PostgreSQL); a limit that refuses still refuses before any password is checked.
    const [gate, user] = await Promise.all([
      checkSignInGate(db, subject, now),
      repo.findUserByUsername(db, username),
    ]);
    // What a right password leads to — the second factor, the policy, the roles — is read
    // while argon2 checks the password (its ~100 ms hide these round trips); nothing is
    // written or decided on it before the password is right.
    const facts = user
      ? Promise.all([
          hasSecondFactor(db, user.id),
          getSecurityPolicy(db),
          repo.listGrantsOfUser(db, user.id),
        ])
      : null;
    // Never left unhandled when a wrong password returns first (awaited below otherwise).
    facts?.catch(() => undefined);
    const code = input.code?.trim() || null;
    // The code is looked at (not used up) while argon2 runs too; it is used up inside the
    // sign-in's transaction, so a code costs no commit of its own.
    const codeCheck =
      user && facts && code && !input.certificate
        ? facts.then(([enrolled]) =>
            enrolled ? verifySecondFactorCode(ctx, db, user.id, code, { consume: false }) : null,
          )
        : null;
    codeCheck?.catch(() => undefined);
    if (gate.watched) {
      const enrolledHere = facts ? (await facts)[0] : false;
      const bypass =
        user && enrolledHere && code
          ? (await verifySecondFactorCode(ctx, db, user.id, code, { consume: false })) === 'totp'
          : false;
      if (!bypass) await takeHold(db, subject, now);
    }
    const fail = async (error: AppError): Promise<never> => {
      await ctx.store.transaction(async (t) => {
        const counted = await recordSignInFailure(t, subject, now, gate.watched);
        // Also for a name that is no account: guessing at names is an event to see. The
        // per-address limit bounds how many such records one address can cause.
        await recordChange(
          ctx,
          t,
          {
            kind: 'anonymous',
            label: `登录：${user?.username ?? username.slice(0, 64)}`,
            requestId: input.requestId,
            ip: input.ip,
          },
          now,
          {
            action: 'user.login_failed',
            entityType: user ? 'user' : 'login_name',
            entityId: user?.id ?? username.slice(0, 64),
            after: {
              ip: input.ip,
              reason: error.code,
              failuresFromAddress: counted.pairFailures,
              lockedSeconds: counted.lockedSeconds,
            },
          },
        );
      });
      throw error;
    };
    if (!user) {
      await verifyPassword(await decoyPasswordHash(), input.password);
      return fail(invalid());
    }
    if (!(await verifyPassword(user.password_hash, input.password))) return fail(invalid());
    const [enrolled, security, grants] = await facts!;
    if (user.disabled) {
      throw new AppError('account_disabled', '该账号已停用。如需恢复，请联系系统管理员。');
    }
    let method: SecondFactorMethod | null = null;
    if (input.certificate) {
      let proved: string;
      try {
        proved = await input.certificate();
      } catch (error) {
        if (error instanceof AppError) return fail(error);
        throw error;
      }
      if (proved !== user.id) {
        return fail(
          new AppError(
            'second_factor_invalid',
            '插入的数字证书不属于此账号：请插入本人的证书（USB Key），或改用手机验证码登录。',
            { field: 'certificate' },
          ),
        );
      }
      method = 'certificate';
    } else if (enrolled) {
      if (!code) {
        throw new AppError(
          'second_factor_required',
          '密码正确。请再输入手机验证器上显示的 6 位验证码（手机不在身边时，可输入一个恢复码）。',
          { field: 'code' },
        );
      }
      method = codeCheck ? await codeCheck : null;
      if (!method) return fail(codeRefused());
    }
    const principal = toPrincipal(user, grants);
    const age = passwordAge(
      user.password_changed_at ?? user.created_at,
      now.toISOString(),
      security.password,
    );
    // A certificate is a second factor: whoever signs in with one need not set up TOTP.
    const required =
      !enrolled && method === null && (await secondFactorRequired(db, principal.grants));
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + policy.maxHours * 3600_000).toISOString();
    const actor: Actor = { kind: 'user', principal, requestId: input.requestId, ip: input.ip };
    const signedInUser = user;
    try {
      await ctx.store.transaction(async (t) => {
        if (code && (method === 'totp' || method === 'recovery')) {
          const used = await verifySecondFactorCode(ctx, t, signedInUser.id, code, {
            consume: true,
          });
          if (!used) throw new CodeUsedMeanwhile();
        }
        // Only when there is something to change (a first sign-in, or the old per-account
        // counters of an installation from before the limits): one round trip less otherwise.
        if (user.failed_logins !== 0 || user.locked_until !== null || !user.first_login_at) {
          await repo.updateUser(t, user.id, {
            failed_logins: 0,
            locked_until: null,
            ...(user.first_login_at ? {} : { first_login_at: now.toISOString() }),
          });
        }
        // Housekeeping as people sign in: expired sessions, quiet counters.
        await repo.deleteExpiredSessions(t, now.toISOString());
        await purgeQuietCounters(t, now);
        if (gate.counted) await clearSignInFailures(t, subject);
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
          authenticated_at: now.toISOString(),
          second_factor: method,
        });
        await recordChange(ctx, t, actor, now, {
          action: 'session.login',
          entityType: 'user',
          entityId: user.id,
          after: { ip: input.ip, secondFactor: method },
        });
        await endSessionsOverLimit(ctx, t, actor, {
          userId: user.id,
          keep: sessionIdOf(token),
          max: security.sessions.maxSessions,
          policy,
        });
        await watchSignIn(
          ctx,
          t,
          actor,
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
    } catch (error) {
      // Another sign-in used the same code between the look and the use: this one fails.
      if (error instanceof CodeUsedMeanwhile) return fail(codeRefused());
      throw error;
    }
    return {
      token,
      csrfToken,
      principal,
      mustChangePassword: user.must_change_password === 1 || age.expired,
      passwordExpired: age.expired,
      passwordExpiresInDays: age.warn && !age.expired ? age.daysLeft : null,
      secondFactorEnrolmentRequired: required,
      secondFactor: method,
      recoveryCodesLeft: method === 'recovery' ? await recoveryCodesLeft(db, user.id) : null,
      expiresAt,
    };
  });
}

/**
 * At most `max` sessions per account (会话控制): signing in once more ends the oldest (never
 * the one just begun, `keep`), with a record of it.
 */
async function endSessionsOverLimit(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  q: { userId: string; keep: string; max: number; policy: SessionPolicy },
): Promise<void> {
  const { userId, max } = q;
  const now = ctx.clock.now();
  const live = await repo.liveSessionsOfUser(
    t,
    userId,
    now.toISOString(),
    new Date(now.getTime() - q.policy.idleMinutes * 60_000).toISOString(),
  );
  const others = live.filter((s) => s.id !== q.keep);
  for (const old of others.slice(Math.max(0, max - 1))) {
    await repo.deleteSession(t, old.id);
    await recordChange(ctx, t, actor, now, {
      action: 'session.ended_over_limit',
      entityType: 'user',
      entityId: userId,
      after: { startedAt: old.created_at, ip: old.ip, limit: max },
    });
  }
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
