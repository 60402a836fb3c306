import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { acknowledgeAlert, listAlerts } from '../../services/security-alerts.js';
import { userActor } from '../access.js';

/** The audit administrator's alerts about indirect ways to personal data. */
export async function securityAlertRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const access = { kind: 'permission', permission: 'alert.read', target: 'global' } as const;

  r.get(
    '/api/v1/security-alerts',
    {
      config: { access },
      schema: {
        tags: ['审计'],
        summary: '安全告警（审计管理员）：默认只列未处理的',
        querystring: Type.Object(
          {
            all: Type.Optional(Type.Boolean()),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      listAlerts(ctx.store.db, {
        all: request.query.all ?? false,
        limit: request.query.limit ?? 100,
        ...(request.query.before !== undefined ? { before: request.query.before } : {}),
      }),
  );

  r.post(
    '/api/v1/security-alerts/:alertId/acknowledge',
    {
      config: { access },
      schema: {
        tags: ['审计'],
        summary: '标记告警已核实（告警本身保留）',
        params: Type.Object({ alertId: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object(
          { note: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      alert: await acknowledgeAlert(
        ctx,
        userActor(request),
        request.params.alertId,
        request.body.note ?? '',
      ),
    }),
  );
}
