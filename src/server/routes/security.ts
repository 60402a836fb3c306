import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { unlockSignIn } from '../../services/rate-limits.js';
import { resetSecondFactor } from '../../services/second-factor.js';
import {
  agencyRequiresSecondFactor,
  getSecurityPolicy,
  saveSecurityPolicy,
  setAgencySecondFactor,
} from '../../services/security-policy.js';
import { recordChange } from '../../services/audit.js';
import { userActor } from '../access.js';
import { AgencyParams } from './agencies.js';

/**
 * The security administrator's settings: password and session policy, unlocking sign-ins,
 * resetting a second factor; and each agency's choice on the second factor.
 */
const Int = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });

const PolicyBody = Type.Object(
  {
    password: Type.Object(
      {
        minLength: Int(8, 64),
        minClasses: Int(1, 4),
        expiryDays: Int(0, 365),
        warnDays: Int(0, 30),
        historyCount: Int(1, 24),
      },
      { additionalProperties: false },
    ),
    sessions: Type.Object(
      { maxSessions: Int(1, 20), reauthMinutes: Int(1, 60) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export async function securityRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const configure = {
    kind: 'permission',
    permission: 'security.configure',
    target: 'global',
  } as const;
  const agency = { kind: 'permission', permission: 'security.agency', target: 'agency' } as const;

  r.get(
    '/api/v1/security/policy',
    {
      config: { access: configure },
      schema: { tags: ['安全'], summary: '密码与会话策略（安全管理员）' },
    },
    async () => ({ policy: await getSecurityPolicy(ctx.store.db) }),
  );

  r.put(
    '/api/v1/security/policy',
    {
      config: { access: configure },
      schema: { tags: ['安全'], summary: '修改密码与会话策略（安全管理员）', body: PolicyBody },
    },
    async (request) => ({
      policy: await saveSecurityPolicy(ctx, userActor(request), request.body),
    }),
  );

  r.post(
    '/api/v1/security/unlock',
    {
      config: { access: configure },
      schema: {
        tags: ['安全'],
        summary: '解除某账号的全部登录限制（安全管理员）',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const lifted = await unlockSignIn(ctx.store.db, request.body.username);
      await ctx.store.transaction((t) =>
        recordChange(ctx, t, userActor(request), ctx.clock.now(), {
          action: 'security.unlock',
          entityType: 'sign_in',
          entityId: request.body.username.trim().toLowerCase(),
          after: { countersCleared: lifted },
        }),
      );
      return { lifted };
    },
  );

  r.post(
    '/api/v1/accounts/:userId/reset-second-factor',
    {
      config: { access: configure },
      schema: {
        tags: ['安全'],
        summary: '重置某账号的两步验证（丢失手机；本人下次登录后重新设置）',
        params: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (request) => {
      await resetSecondFactor(ctx, userActor(request), request.params.userId);
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/agencies/:agencyId/security',
    {
      config: { access: agency },
      schema: { tags: ['安全'], summary: '本机关是否要求两步验证', params: AgencyParams },
    },
    async (request) => ({
      secondFactorRequired: await agencyRequiresSecondFactor(ctx.store.db, request.params.agencyId),
    }),
  );

  r.put(
    '/api/v1/agencies/:agencyId/security',
    {
      config: { access: agency },
      schema: {
        tags: ['安全'],
        summary: '设置本机关人员是否必须使用两步验证（机关管理员、安全管理员）',
        params: AgencyParams,
        body: Type.Object(
          { secondFactorRequired: Type.Boolean() },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      setAgencySecondFactor(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.body.secondFactorRequired,
      ),
  );
}
