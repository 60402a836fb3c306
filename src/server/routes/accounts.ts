import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { REVIEW_LEVELS, ROLES } from '../../core/auth/roles.js';
import {
  listAccounts,
  openAccount,
  resetAccountPassword,
  setAccountGrants,
  updateAccount,
} from '../../services/account-admin.js';
import type { ServiceContext } from '../../services/context.js';
import { clientInfo, userActor } from '../access.js';

/**
 * Accounts across the installation (三员分立): the system administrator opens and manages
 * them, the security administrator grants their roles; both see the list.
 */
const AccountParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) });

const NewAccount = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
  },
  { additionalProperties: false },
);

const AccountPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Grant = Type.Object(
  {
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    agencyId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    regionCode: Type.Optional(Type.Union([Type.String({ maxLength: 12 }), Type.Null()])),
    reviewLevel: Type.Optional(
      Type.Union([...REVIEW_LEVELS.map((l) => Type.Literal(l)), Type.Null()]),
    ),
  },
  { additionalProperties: false },
);

export async function accountRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { kind: 'permission', permission: 'account.manage', target: 'global' } as const;

  r.get(
    '/api/v1/accounts',
    {
      config: { access: { kind: 'permission', permission: 'account.read', target: 'global' } },
      schema: { tags: ['账号管理'], summary: '全部账号及其角色（系统管理员、安全管理员）' },
    },
    async () => ({ accounts: await listAccounts(ctx) }),
  );

  r.post(
    '/api/v1/accounts',
    {
      config: { access: manage },
      schema: {
        tags: ['账号管理'],
        summary: '开设账号（系统管理员；不带角色，由安全管理员授予；返回一次性初始密码）',
        body: NewAccount,
      },
    },
    async (request, reply) => {
      const result = await openAccount(ctx, userActor(request), request.body, clientInfo(request));
      return reply.code(201).send(result);
    },
  );

  r.patch(
    '/api/v1/accounts/:userId',
    {
      config: { access: manage },
      schema: {
        tags: ['账号管理'],
        summary: '修改账号（姓名、停用/启用）',
        params: AccountParams,
        body: AccountPatch,
      },
    },
    async (request) => ({
      user: await updateAccount(ctx, userActor(request), request.params.userId, request.body),
    }),
  );

  r.post(
    '/api/v1/accounts/:userId/reset-password',
    {
      config: { access: manage },
      schema: {
        tags: ['账号管理'],
        summary: '重置密码（返回一次性初始密码）',
        params: AccountParams,
      },
    },
    async (request) => resetAccountPassword(ctx, userActor(request), request.params.userId),
  );

  r.put(
    '/api/v1/accounts/:userId/grants',
    {
      config: {
        access: {
          kind: 'permission',
          permission: 'role.grant',
          target: 'global',
          recentAuth: true,
        },
      },
      schema: {
        tags: ['账号管理'],
        summary: '授予或调整账号的全部角色（安全管理员；不能调整自己的）',
        params: AccountParams,
        body: Type.Object(
          { grants: Type.Array(Grant, { maxItems: 20 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      user: await setAccountGrants(
        ctx,
        userActor(request),
        request.params.userId,
        request.body.grants,
      ),
    }),
  );
}
