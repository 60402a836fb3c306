/**
 * Signing in with a CA certificate on a USB key (数字证书 / UKey) as the second factor, through
 * the seam of services/certificate-login.ts: the browser asks for a one-time challenge, the
 * vendor's local client signs it with the key, and the sign-in sends the password with the
 * certificate and the signature. The deployment plugs in its vendor's authenticator
 * (buildApp's `certificateAuthenticator`); without one, both routes say so in Chinese.
 *
 * A wrong certificate counts as a failed sign-in (the limits, the audit trail) like a wrong
 * TOTP code: it is checked inside `login`, after the password.
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { PASSWORD_MAX_LENGTH } from '../../core/auth/password-policy.js';
import { AppError } from '../../core/errors.js';
import {
  CertificateChallenges,
  verifyCertificateSignIn,
  type CertificateAuthenticator,
} from '../../services/certificate-login.js';
import type { ServiceContext } from '../../services/context.js';
import type { SessionPolicy } from '../../services/sessions.js';
import { login } from '../../services/sign-in.js';
import { ensureDeviceId } from '../access.js';
import { signedIn } from './auth.js';

const CertificateLoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    challenge: Type.String({ minLength: 1, maxLength: 200 }),
    /** The certificate, PEM or base64 DER, as the vendor's client gives it. */
    certificate: Type.String({ minLength: 1, maxLength: 20_000 }),
    /** The key's signature over the challenge, base64. */
    signature: Type.String({ minLength: 1, maxLength: 2_000 }),
  },
  { additionalProperties: false },
);

const notConfigured = () =>
  new AppError(
    'not_found',
    '本系统未启用数字证书（USB Key）登录：请用密码和手机验证码登录；如需证书登录，请系统管理员接入证书认证服务。',
  );

export async function certificateLoginRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  policy: SessionPolicy,
  authenticator: CertificateAuthenticator | undefined,
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const challenges = new CertificateChallenges(ctx.clock);

  r.get(
    '/api/v1/auth/certificate/challenge',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['账号'],
        summary: '数字证书登录：取得一次性挑战（两分钟内有效，用一次），由证书客户端签名',
      },
    },
    async () => {
      if (!authenticator) throw notConfigured();
      return { challenge: challenges.issue(), authenticator: authenticator.name };
    },
  );

  r.post(
    '/api/v1/auth/certificate/login',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['账号'],
        summary: '数字证书登录：密码加证书（USB Key）对挑战的签名，证书作为第二因素',
        body: CertificateLoginBody,
      },
    },
    async (request, reply) => {
      if (!authenticator) throw notConfigured();
      const body = request.body;
      const result = await login(
        ctx,
        {
          username: body.username,
          password: body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          deviceId: ensureDeviceId(request, reply),
          requestId: String(request.id),
          certificate: async () =>
            (
              await verifyCertificateSignIn(ctx, authenticator, challenges, {
                challenge: body.challenge,
                certificate: body.certificate,
                signature: body.signature,
              })
            ).userId,
        },
        policy,
      );
      return signedIn(ctx, request, reply, result, policy);
    },
  );
}
