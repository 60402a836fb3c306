import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  can,
  PERMISSIONS,
  REVIEW_LEVEL_LABELS,
  ROLE_LABELS,
  type Permission,
  type Principal,
} from '../../core/auth/roles.js';
import { passwordRuleText, PASSWORD_MAX_LENGTH } from '../../core/auth/password-policy.js';
import {
  changePassword,
  endOwnSessions,
  listOwnSessions,
  reauthenticate,
} from '../../services/own-account.js';
import { getSecurityPolicy } from '../../services/security-policy.js';
import { logout, setActiveGrant, type SessionPolicy } from '../../services/sessions.js';
import { login, type LoginResult } from '../../services/sign-in.js';
import type { ServiceContext } from '../../services/context.js';
import { agencyTarget, listVisibleAgencies } from '../../services/organisations.js';
import {
  ANON_CSRF_COOKIE,
  SESSION_COOKIE,
  cookieOptions,
  csrfTokenFor,
  ensureDeviceId,
  userActor,
} from '../access.js';

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    /** The authenticator's 6-digit code, or a recovery code. */
    code: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

const ReauthBody = Type.Object(
  {
    password: Type.Optional(Type.String({ maxLength: PASSWORD_MAX_LENGTH })),
    code: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const ActiveGrantBody = Type.Object(
  { grantId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

/**
 * After a sign-in (password, or password and certificate): the session cookie set, an earlier
 * session of this browser ended, the pre-login CSRF token dropped, and what the workspace needs.
 */
/**
 * For each agency the person holds an agency role in: every permission the route guards' check
 * (can(), over all the person's grants) gives there — the pages show the controls from this, so
 * a person who is agency admin and clerk sees in either context what the API lets them do.
 */
async function agencyPermissions(
  ctx: ServiceContext,
  principal: Principal,
): Promise<Record<string, Permission[]>> {
  const result: Record<string, Permission[]> = {};
  for (const agencyId of new Set(principal.grants.flatMap((g) => g.agencyId ?? []))) {
    const target = await agencyTarget(ctx.store.db, agencyId);
    if (target) result[agencyId] = PERMISSIONS.filter((p) => can(principal, p, target));
  }
  return result;
}

export async function signedIn(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  result: LoginResult,
  policy: SessionPolicy,
) {
  if (request.session) await logout(ctx, request.actor, request.session.sessionId);
  reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(request, policy.maxHours * 3600));
  // The pre-login CSRF token dies with the anonymous state: a replayed login form is refused.
  reply.clearCookie(ANON_CSRF_COOKIE, { path: '/' });
  return {
    csrfToken: result.csrfToken,
    mustChangePassword: result.mustChangePassword,
    passwordExpired: result.passwordExpired,
    passwordExpiresInDays: result.passwordExpiresInDays,
    secondFactorEnrolmentRequired: result.secondFactorEnrolmentRequired,
    secondFactor: result.secondFactor,
    recoveryCodesLeft: result.recoveryCodesLeft,
    expiresAt: result.expiresAt,
    user: {
      id: result.principal.userId,
      username: result.principal.username,
      displayName: result.principal.displayName,
    },
  };
}

export async function authRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  policy: SessionPolicy,
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/auth/csrf',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['账号'],
        summary: '取得 CSRF 令牌（提交表单和修改数据时须放在 x-csrf-token 头中）',
      },
    },
    async (request, reply) => ({ csrfToken: csrfTokenFor(request, reply) }),
  );

  r.post(
    '/api/v1/auth/login',
    {
      config: { access: { kind: 'public' } },
      schema: { tags: ['账号'], summary: '登录', body: LoginBody },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await login(
        ctx,
        {
          username: body.username,
          password: body.password,
          ...(body.code ? { code: body.code } : {}),
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          deviceId: ensureDeviceId(request, reply),
          requestId: String(request.id),
        },
        policy,
      );
      return signedIn(ctx, request, reply, result, policy);
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: { kind: 'signed-in', duringPasswordChange: true } },
      schema: { tags: ['账号'], summary: '退出登录' },
    },
    async (request, reply) => {
      await logout(ctx, request.actor, request.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: { access: { kind: 'signed-in', duringPasswordChange: true } },
      schema: { tags: ['账号'], summary: '当前用户、角色与可切换的机关' },
    },
    async (request) => {
      const session = request.session!;
      const agencies =
        session.mustChangePassword || session.secondFactorEnrolmentRequired
          ? []
          : await listVisibleAgencies(ctx.store.db, session.principal);
      const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
      return {
        user: {
          id: session.principal.userId,
          username: session.principal.username,
          displayName: session.principal.displayName,
        },
        mustChangePassword: session.mustChangePassword,
        passwordExpired: session.passwordExpired,
        passwordExpiresInDays: session.passwordExpiresInDays,
        secondFactorEnrolmentRequired: session.secondFactorEnrolmentRequired,
        /** Until when a sensitive act needs no new password (re-authentication). */
        recentAuthUntil: new Date(
          Date.parse(session.authenticatedAt) + session.reauthMinutes * 60_000,
        ).toISOString(),
        csrfToken: session.csrfToken,
        activeGrantId: session.activeGrantId,
        grants: session.principal.grants.map((g) => ({
          ...g,
          roleLabel: ROLE_LABELS[g.role],
          reviewLevelLabel: g.reviewLevel ? REVIEW_LEVEL_LABELS[g.reviewLevel] : null,
          agencyName: g.agencyId ? (agencyName.get(g.agencyId) ?? null) : null,
        })),
        agencies: agencies.map((a) => ({ id: a.id, name: a.name, regionCode: a.regionCode })),
        agencyPermissions:
          agencies.length === 0 ? {} : await agencyPermissions(ctx, session.principal),
        /**
         * What the person may do for the whole installation (the check's global target): e.g.
         * calendar.manage — the national holiday schedule, the system administrator's.
         */
        globalPermissions: PERMISSIONS.filter((p) => can(session.principal, p, { kind: 'global' })),
      };
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { access: { kind: 'signed-in', duringPasswordChange: true } },
      schema: { tags: ['账号'], summary: '修改密码', body: PasswordBody },
    },
    async (request) => {
      await changePassword(ctx, userActor(request), request.session!.sessionId, {
        ...request.body,
        ip: request.ip,
      });
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/auth/password-policy',
    {
      config: { access: { kind: 'signed-in', duringPasswordChange: true } },
      schema: { tags: ['账号'], summary: '密码规则（修改密码表单据此提示）' },
    },
    async () => {
      const policy = await getSecurityPolicy(ctx.store.db);
      return { rules: policy.password, text: passwordRuleText(policy.password) };
    },
  );

  r.post(
    '/api/v1/auth/reauth',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags: ['账号'],
        summary: '再次验证身份（敏感操作前：查看个人信息、调整角色、导出台账）',
        body: ReauthBody,
      },
    },
    async (request) =>
      reauthenticate(ctx, userActor(request), request.session!.sessionId, {
        ...request.body,
        ip: request.ip,
      }),
  );

  r.get(
    '/api/v1/auth/sessions',
    {
      config: { access: { kind: 'signed-in', duringPasswordChange: true } },
      schema: { tags: ['账号'], summary: '我的登录（各设备上的会话）' },
    },
    async (request) => ({
      sessions: await listOwnSessions(
        ctx,
        request.session!.principal.userId,
        request.session!.sessionId,
        policy,
      ),
      limit: (await getSecurityPolicy(ctx.store.db)).sessions.maxSessions,
    }),
  );

  r.post(
    '/api/v1/auth/sessions/sign-out-others',
    {
      config: { access: { kind: 'signed-in', duringPasswordChange: true } },
      schema: { tags: ['账号'], summary: '退出其他设备上的登录' },
    },
    async (request) =>
      endOwnSessions(ctx, userActor(request), request.session!.sessionId, 'others'),
  );

  r.delete(
    '/api/v1/auth/sessions/:sessionId',
    {
      config: { access: { kind: 'signed-in', duringPasswordChange: true } },
      schema: {
        tags: ['账号'],
        summary: '退出某一处登录',
        params: Type.Object({ sessionId: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (request) =>
      endOwnSessions(ctx, userActor(request), request.session!.sessionId, {
        id: request.params.sessionId,
      }),
  );

  r.put(
    '/api/v1/auth/active-grant',
    {
      config: { access: { kind: 'signed-in' } },
      schema: { tags: ['账号'], summary: '切换当前角色（机关）', body: ActiveGrantBody },
    },
    async (request) => {
      const { grantId } = request.body;
      await setActiveGrant(ctx, userActor(request), request.session!.sessionId, grantId);
      return { activeGrantId: grantId };
    },
  );
}
