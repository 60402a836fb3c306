import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import {
  beginEnrolment,
  confirmEnrolment,
  disableSecondFactor,
  regenerateRecoveryCodes,
  secondFactorStatus,
} from '../../services/second-factor.js';
import { userActor } from '../access.js';

/** One's own second factor: set it up with an authenticator app, recovery codes, turn it off. */
export async function secondFactorRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const own = { kind: 'signed-in', duringEnrolment: true } as const;

  r.get(
    '/api/v1/auth/second-factor',
    {
      config: { access: own },
      schema: { tags: ['账号'], summary: '我的两步验证：是否开启、是否必须、剩余恢复码' },
    },
    async (request) =>
      secondFactorStatus(
        ctx.store.db,
        request.session!.principal.userId,
        request.session!.principal.grants,
      ),
  );

  r.post(
    '/api/v1/auth/second-factor/enrolment',
    {
      config: { access: own },
      schema: {
        tags: ['账号'],
        summary: '开始设置两步验证：返回密钥和二维码（本机生成，不联网）',
      },
    },
    async (request) => beginEnrolment(ctx, userActor(request)),
  );

  r.post(
    '/api/v1/auth/second-factor/confirm',
    {
      config: { access: own },
      schema: {
        tags: ['账号'],
        summary: '输入验证器上的第一个验证码，开启两步验证；返回只显示一次的恢复码',
        body: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 20 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => confirmEnrolment(ctx, userActor(request), request.body.code),
  );

  r.post(
    '/api/v1/auth/second-factor/recovery-codes',
    {
      config: { access: { kind: 'signed-in', recentAuth: true } },
      schema: { tags: ['账号'], summary: '重新生成恢复码（旧的作废；须再次验证身份）' },
    },
    async (request) => regenerateRecoveryCodes(ctx, userActor(request)),
  );

  r.delete(
    '/api/v1/auth/second-factor',
    {
      config: { access: { kind: 'signed-in', recentAuth: true } },
      schema: { tags: ['账号'], summary: '停用两步验证（角色或机关要求时不能停用）' },
    },
    async (request) => {
      await disableSecondFactor(ctx, userActor(request));
      return { ok: true };
    },
  );
}
