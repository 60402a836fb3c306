import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { REVIEW_LEVELS } from '../../core/auth/roles.js';
import { forbidden } from '../../core/errors.js';
import {
  listAgencyUsers,
  resetAgencyUserPassword,
  setAgencyRoles,
  updateAgencyUser,
} from '../../services/agency-users.js';
import { createUser } from '../../services/accounts.js';
import type { ServiceContext } from '../../services/context.js';
import { clientInfo, userActor } from '../access.js';
import { AgencyParams } from './agencies.js';

/** Roles an agency admin can hand out within the agency. */
const AGENCY_ROLES = ['agency_admin', 'clerk', 'reviewer'] as const;

const AgencyGrant = Type.Object(
  {
    role: Type.Union(AGENCY_ROLES.map((r) => Type.Literal(r))),
    reviewLevel: Type.Optional(Type.Union(REVIEW_LEVELS.map((l) => Type.Literal(l)))),
  },
  { additionalProperties: false },
);

const NewUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    roles: Type.Array(AgencyGrant, { minItems: 1, maxItems: 3 }),
  },
  { additionalProperties: false },
);

const UserParams = Type.Object({
  agencyId: Type.String({ minLength: 1, maxLength: 64 }),
  userId: Type.String({ minLength: 1, maxLength: 64 }),
});

const UserPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export async function userRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { kind: 'permission', permission: 'user.manage', target: 'agency' } as const;

  r.get(
    '/api/v1/agencies/:agencyId/users',
    {
      config: { access: { kind: 'permission', permission: 'user.read', target: 'agency' } },
      schema: { tags: ['用户'], summary: '本机关的用户', params: AgencyParams },
    },
    async (request) => ({ users: await listAgencyUsers(ctx, request.params.agencyId) }),
  );

  r.post(
    '/api/v1/agencies/:agencyId/users',
    {
      config: { access: manage },
      schema: {
        tags: ['用户'],
        summary: '新建用户（返回一次性初始密码，首次登录须修改）',
        params: AgencyParams,
        body: NewUserBody,
      },
    },
    async (request, reply) => {
      const { agencyId } = request.params;
      const { user, initialPassword } = await createUser(ctx, userActor(request), {
        username: request.body.username,
        displayName: request.body.displayName,
        grants: request.body.roles.map((g) => ({
          role: g.role,
          agencyId,
          reviewLevel: g.reviewLevel ?? null,
        })),
        createdFrom: clientInfo(request),
      });
      return reply.code(201).send({ user, initialPassword });
    },
  );

  r.patch(
    '/api/v1/agencies/:agencyId/users/:userId',
    {
      config: { access: manage },
      schema: {
        tags: ['用户'],
        summary: '修改用户（姓名、停用/启用）',
        params: UserParams,
        body: UserPatch,
      },
    },
    async (request) => ({
      user: await updateAgencyUser(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.userId,
        request.body,
      ),
    }),
  );

  r.put(
    '/api/v1/agencies/:agencyId/users/:userId/roles',
    {
      config: { access: { ...manage, recentAuth: true } },
      schema: {
        tags: ['用户'],
        summary: '修改用户在本机关的角色（整体替换）',
        params: UserParams,
        body: Type.Object(
          { roles: Type.Array(AgencyGrant, { minItems: 1, maxItems: 3 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      user: await setAgencyRoles(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.userId,
        request.body.roles,
      ),
    }),
  );

  r.post(
    '/api/v1/agencies/:agencyId/users/:userId/reset-password',
    {
      config: { access: manage },
      schema: { tags: ['用户'], summary: '重置密码（返回一次性初始密码）', params: UserParams },
    },
    async (request) => {
      if (request.params.userId === request.session!.principal.userId) {
        throw forbidden('不能重置自己的密码；请使用“修改密码”。');
      }
      return resetAgencyUserPassword(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.userId,
      );
    },
  );
}
