import { randomUUID } from 'node:crypto';
import {
  grantProblem,
  separationProblem,
  ROLES,
  REVIEW_LEVELS,
  type ReviewLevel,
  type Role,
  type RoleGrant,
} from '../core/auth/roles.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import type { Db, Trx } from '../store/database.js';
import * as repo from '../store/repositories/accounts.js';
import { findAgency } from '../store/repositories/organisations.js';
import { auditUser, toSummary, type UserSummary } from './account-model.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { generatePassword, hashPassword } from './passwords.js';
import type { ClientInfo } from './security-alerts.js';
import { checkNewPassword } from './security-policy.js';

export type { UserSummary } from './account-model.js';

const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,40}$/;

export interface NewGrant {
  role: Role;
  agencyId?: string | null;
  regionCode?: string | null;
  reviewLevel?: ReviewLevel | null;
}

export async function checkGrant(
  db: Db,
  grant: NewGrant,
  index: number,
): Promise<Omit<RoleGrant, 'id'>> {
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
  /**
   * An account opened by the system administrator has no role until the security
   * administrator grants one (三员分立); everywhere else a new account needs a role.
   */
  withoutRoles?: boolean;
  /** The creator's address and browser, to notice the account's first sign-in from them. */
  createdFrom?: ClientInfo;
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
  if (input.grants.length === 0 && !input.withoutRoles) {
    throw invalidField('grants', '请至少指定一个角色。');
  }
  const password = input.password ?? generatePassword();
  await checkNewPassword(ctx.store.db, { password, username, field: 'password' });
  const passwordHash = await hashPassword(password);

  const run = async (t: Trx) => {
    if (await repo.findUserByUsername(t, username)) {
      throw new AppError('conflict', `用户名“${username}”已被使用，请换一个。`, {
        field: 'username',
      });
    }
    const grants = [];
    for (const [i, g] of input.grants.entries()) grants.push(await checkGrant(t, g, i));
    const separation = separationProblem(grants.map((g) => g.role));
    if (separation) throw invalidField('grants', separation);
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
      created_by: actor.kind === 'user' ? actor.principal.userId : null,
      created_ip: input.createdFrom?.ip.slice(0, 64) ?? null,
      created_user_agent: input.createdFrom?.userAgent.slice(0, 300) ?? null,
      created_device: input.createdFrom?.deviceId ?? null,
      first_login_at: null,
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
