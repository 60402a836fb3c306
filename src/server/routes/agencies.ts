import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import {
  getAgency,
  listRegions,
  listVisibleAgencies,
  setUpAgency,
  updateAgencyProfile,
} from '../../services/organisations.js';

export const AgencyParams = Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 64 }) });

const AgencyPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    creditCode: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    postcode: Type.Optional(Type.String({ maxLength: 6 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    email: Type.Optional(Type.String({ maxLength: 100 })),
    officeHours: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export async function agencyRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/agencies',
    {
      config: { access: { kind: 'signed-in' } },
      schema: { tags: ['机关'], summary: '我可以查看的机关' },
    },
    async (request) => ({
      agencies: await listVisibleAgencies(ctx.store.db, request.session!.principal),
    }),
  );

  r.get(
    '/api/v1/agencies/:agencyId',
    {
      config: { access: { kind: 'permission', permission: 'agency.read', target: 'agency' } },
      schema: { tags: ['机关'], summary: '机关信息', params: AgencyParams },
    },
    async (request) => ({ agency: await getAgency(ctx.store.db, request.params.agencyId) }),
  );

  r.patch(
    '/api/v1/agencies/:agencyId',
    {
      config: { access: { kind: 'permission', permission: 'agency.update', target: 'agency' } },
      schema: {
        tags: ['机关'],
        summary: '修改机关信息（地址、电话、办公时间等）',
        params: AgencyParams,
        body: AgencyPatch,
      },
    },
    async (request) => ({
      agency: await updateAgencyProfile(ctx, request.actor, request.params.agencyId, request.body),
    }),
  );

  r.post(
    '/api/v1/agencies',
    {
      config: { access: { kind: 'permission', permission: 'agency.create', target: 'global' } },
      schema: {
        tags: ['机关'],
        summary: '建立机关（系统管理员）：所属行政区划和人民政府不存在时一并建立',
        body: Type.Object(
          {
            regionCode: Type.String({ minLength: 1, maxLength: 6 }),
            regionName: Type.Optional(Type.String({ maxLength: 50 })),
            parentRegionCode: Type.Optional(
              Type.Union([Type.String({ maxLength: 6 }), Type.Null()]),
            ),
            governmentName: Type.String({ minLength: 1, maxLength: 100 }),
            agency: Type.Object(
              {
                name: Type.String({ minLength: 1, maxLength: 100 }),
                isGovernment: Type.Optional(Type.Boolean()),
                creditCode: Type.Optional(
                  Type.Union([Type.String({ maxLength: 18 }), Type.Null()]),
                ),
                address: Type.Optional(Type.String({ maxLength: 200 })),
                postcode: Type.Optional(Type.String({ maxLength: 6 })),
                phone: Type.Optional(Type.String({ maxLength: 50 })),
                email: Type.Optional(Type.String({ maxLength: 100 })),
                officeHours: Type.Optional(Type.String({ maxLength: 200 })),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) =>
      reply.code(201).send({ agency: await setUpAgency(ctx, request.actor, request.body) }),
  );

  r.get(
    '/api/v1/regions',
    {
      config: { access: { kind: 'permission', permission: 'region.read', target: 'global' } },
      schema: { tags: ['机关'], summary: '全部行政区划（系统管理员）' },
    },
    async () => ({ regions: await listRegions(ctx.store.db) }),
  );
}
