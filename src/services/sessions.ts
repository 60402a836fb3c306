import { passwordAge } from '../core/auth/password-policy.js';
import type { Principal } from '../core/auth/roles.js';
import { invalidField } from '../core/errors.js';
import * as repo from '../store/repositories/accounts.js';
import { sessionIdOf, toPrincipal } from './account-model.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { hasSecondFactor } from './second-factor.js';
import { getSecurityPolicy, secondFactorRequired } from './security-policy.js';

/**
 * Signing in and out, the session behind a cookie, one's own password and active role. Signing in
 * itself is in ./sign-in.ts.
 */

export interface SessionPolicy {
  /** Sign out after this long without a request. */
  idleMinutes: number;
  /** Sign out this long after sign-in, whatever happens. */
  maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, maxHours: 12 };

export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  activeGrantId: string | null;
  principal: Principal;
  /** Set by an administrator's reset, the first sign-in, or an expired password. */
  mustChangePassword: boolean;
  passwordExpired: boolean;
  passwordExpiresInDays: number | null;
  /** The account must set up a second factor before anything else. */
  secondFactorEnrolmentRequired: boolean;
  secondFactor: string | null;
  /** When the holder last entered their password or a code. */
  authenticatedAt: string;
  /** How recent that must be for a sensitive act (the security policy). */
  reauthMinutes: number;
}

/** The signed-in person behind a session cookie, or null when it is unknown, expired or idle. */
export async function resolveSession(
  ctx: ServiceContext,
  token: string,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<ActiveSession | null> {
  const id = sessionIdOf(token);
  const db = ctx.store.db;
  const session = await repo.findSession(db, id);
  if (!session) return null;
  const now = ctx.clock.now();
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  if (session.expires_at <= now.toISOString() || session.last_seen_at < idleLimit) {
    await repo.deleteSession(db, id);
    return null;
  }
  const user = await repo.findUserById(db, session.user_id);
  if (!user || user.disabled) return null;
  // Touch at most once a minute: the idle timeout needs no finer grain.
  if (Date.parse(session.last_seen_at) < now.getTime() - 60_000) {
    await repo.updateSession(db, id, { last_seen_at: now.toISOString() });
  }
  const principal = toPrincipal(user, await repo.listGrantsOfUser(db, user.id));
  const security = await getSecurityPolicy(db);
  const age = passwordAge(
    user.password_changed_at ?? user.created_at,
    now.toISOString(),
    security.password,
  );
  const enrolmentRequired =
    !(await hasSecondFactor(db, user.id)) && (await secondFactorRequired(db, principal.grants));
  return {
    sessionId: id,
    csrfToken: session.csrf_token,
    activeGrantId: session.active_grant_id,
    principal,
    mustChangePassword: user.must_change_password === 1 || age.expired,
    passwordExpired: age.expired,
    passwordExpiresInDays: age.warn && !age.expired ? age.daysLeft : null,
    secondFactorEnrolmentRequired: enrolmentRequired,
    secondFactor: session.second_factor,
    authenticatedAt: session.authenticated_at ?? session.created_at,
    reauthMinutes: security.sessions.reauthMinutes,
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
