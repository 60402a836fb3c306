/**
 * The security administrator's policy (password and session rules), each agency's choice on the
 * second factor, and the checks of a new password against the policy, the common-password
 * list and the account's latest passwords.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_SECURITY_POLICY,
  passwordProblem,
  policyProblems,
  type SecurityPolicy,
} from '../core/auth/password-policy.js';
import { isAdministratorRole, type Role } from '../core/auth/roles.js';
import { AppError, invalidField } from '../core/errors.js';
import type { Db, Trx } from '../store/database.js';
import { recordChange } from './audit.js';
import { isCommonPassword } from './common-passwords.js';
import type { Actor, ServiceContext } from './context.js';
import { verifyPassword } from './passwords.js';

const POLICY_KEY = 'security_policy';

/** The policy in force: the saved one over the defaults. */
export async function getSecurityPolicy(db: Db): Promise<SecurityPolicy> {
  const row = await db
    .selectFrom('security_setting')
    .select('value_json')
    .where('key', '=', POLICY_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_SECURITY_POLICY;
  const saved = JSON.parse(row.value_json) as Partial<SecurityPolicy>;
  return {
    password: { ...DEFAULT_SECURITY_POLICY.password, ...saved.password },
    sessions: { ...DEFAULT_SECURITY_POLICY.sessions, ...saved.sessions },
  };
}

export async function saveSecurityPolicy(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  policy: SecurityPolicy,
): Promise<SecurityPolicy> {
  const problems = policyProblems(policy);
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => p.message).join(''), {
      field: problems[0]!.field,
      problems,
    });
  }
  const value = {
    password: { ...policy.password },
    sessions: { ...policy.sessions },
  };
  return ctx.store.transaction(async (t) => {
    const before = await getSecurityPolicy(t);
    const now = ctx.clock.now().toISOString();
    await t
      .insertInto('security_setting')
      .values({
        key: POLICY_KEY,
        value_json: JSON.stringify(value),
        updated_at: now,
        updated_by: actor.principal.username,
      })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          value_json: JSON.stringify(value),
          updated_at: now,
          updated_by: actor.principal.username,
        }),
      )
      .execute();
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'security.policy',
      entityType: 'security_setting',
      entityId: POLICY_KEY,
      before,
      after: value,
    });
    return value;
  });
}

/**
 * Checks a new password: the policy's rule, the common-password list, and (for an existing
 * account) the latest `historyCount` passwords, the current one included. Throws on `field`.
 */
export async function checkNewPassword(
  db: Db,
  input: { password: string; username: string; userId?: string; field: string },
  policy?: SecurityPolicy,
): Promise<void> {
  const rules = (policy ?? (await getSecurityPolicy(db))).password;
  const problem = passwordProblem(input.password, input.username, rules, isCommonPassword);
  if (problem) throw invalidField(input.field, problem);
  if (!input.userId) return;
  const current = await db
    .selectFrom('user_account')
    .select('password_hash')
    .where('id', '=', input.userId)
    .executeTakeFirst();
  const earlier = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', input.userId)
    .orderBy('position', 'desc')
    .limit(Math.max(0, rules.historyCount - 1))
    .execute();
  const hashes = [current?.password_hash, ...earlier.map((r) => r.password_hash)].filter(
    (h): h is string => !!h,
  );
  for (const hash of hashes.slice(0, rules.historyCount)) {
    if (await verifyPassword(hash, input.password)) {
      throw invalidField(
        input.field,
        rules.historyCount > 1
          ? `新密码不能与最近 ${rules.historyCount} 次用过的密码相同，请换一个。`
          : '新密码不能与当前密码相同。',
      );
    }
  }
}

/** Keeps the outgoing password's hash, so the next passwords can be told apart from it. */
export async function rememberPassword(
  t: Trx,
  userId: string,
  oldHash: string,
  now: Date,
  keep: number,
): Promise<void> {
  const last = await t
    .selectFrom('password_history')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  await t
    .insertInto('password_history')
    .values({
      id: randomUUID(),
      user_id: userId,
      position: Number(last?.position ?? 0) + 1,
      password_hash: oldHash,
      created_at: now.toISOString(),
    })
    .execute();
  const stale = await t
    .selectFrom('password_history')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('position', 'desc')
    .offset(Math.max(1, keep))
    .limit(1000)
    .execute();
  if (stale.length > 0) {
    await t
      .deleteFrom('password_history')
      .where(
        'id',
        'in',
        stale.map((r) => r.id),
      )
      .execute();
  }
}

/** Whether the agency requires a second factor of its staff. */
export async function agencyRequiresSecondFactor(db: Db, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agency_security')
    .select('second_factor_required')
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return row?.second_factor_required === 1;
}

/**
 * Whether an account with these roles must sign in with a second factor: always for the three
 * administrators; for agency staff when one of their agencies requires it.
 */
export async function secondFactorRequired(
  db: Db,
  grants: readonly { role: Role; agencyId: string | null }[],
): Promise<boolean> {
  if (grants.some((g) => isAdministratorRole(g.role))) return true;
  const agencies = [...new Set(grants.flatMap((g) => (g.agencyId ? [g.agencyId] : [])))];
  if (agencies.length === 0) return false;
  const rows = await db
    .selectFrom('agency_security')
    .select('agency_id')
    .where('agency_id', 'in', agencies)
    .where('second_factor_required', '=', 1)
    .execute();
  return rows.length > 0;
}

export async function setAgencySecondFactor(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  required: boolean,
): Promise<{ secondFactorRequired: boolean }> {
  return ctx.store.transaction(async (t) => {
    const before = await agencyRequiresSecondFactor(t, agencyId);
    const now = ctx.clock.now().toISOString();
    await t
      .insertInto('agency_security')
      .values({
        agency_id: agencyId,
        second_factor_required: required ? 1 : 0,
        updated_at: now,
        updated_by: actor.principal.username,
      })
      .onConflict((oc) =>
        oc.column('agency_id').doUpdateSet({
          second_factor_required: required ? 1 : 0,
          updated_at: now,
          updated_by: actor.principal.username,
        }),
      )
      .execute();
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'agency.security',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      before: { secondFactorRequired: before },
      after: { secondFactorRequired: required },
    });
    return { secondFactorRequired: required };
  });
}
