import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { addAlias, listAliases, removeAlias } from '../../services/agency-aliases.js';
import type { ServiceContext } from '../../services/context.js';
import { AgencyParams } from './agencies.js';

/** Names an agency is also known by: read with the agency, recorded by its supervisor. */
export async function aliasRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['机关'];
  const manage = { kind: 'permission', permission: 'agency.alias', target: 'agency' } as const;

  r.get(
    '/api/v1/agencies/:agencyId/aliases',
    {
      config: { access: { kind: 'permission', permission: 'agency.read', target: 'agency' } },
      schema: {
        tags,
        summary: '机关的别名（简称、曾用名等，用于识别导入的报告）',
        params: AgencyParams,
      },
    },
    async (request) => ({ aliases: await listAliases(ctx.store.db, request.params.agencyId) }),
  );

  r.post(
    '/api/v1/agencies/:agencyId/aliases',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '登记机关的别名（政务公开办）',
        params: AgencyParams,
        body: Type.Object(
          { alias: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        alias: await addAlias(ctx, request.actor, request.params.agencyId, request.body),
      }),
  );

  r.delete(
    '/api/v1/agencies/:agencyId/aliases/:aliasId',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '删除机关的别名（政务公开办）',
        params: Type.Object({
          agencyId: Type.String({ minLength: 1, maxLength: 64 }),
          aliasId: Type.String({ minLength: 1, maxLength: 64 }),
        }),
      },
    },
    async (request, reply) => {
      await removeAlias(ctx, request.actor, request.params.agencyId, request.params.aliasId);
      return reply.code(204).send();
    },
  );
}
