import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { can, grantsWith } from '../../core/auth/roles.js';
import { verifyAuditChain } from '../../services/audit.js';
import type { ServiceContext } from '../../services/context.js';
import { listVisibleAgencies } from '../../services/organisations.js';
import { queryAuditRows } from '../../store/repositories/audit-log.js';
import { AgencyParams } from './agencies.js';

const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

const toEntry = (row: Awaited<ReturnType<typeof queryAuditRows>>[number]) => ({
  seq: Number(row.seq),
  at: row.at,
  actor: row.actor,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  agencyId: row.agency_id,
  before: row.before_json ? (JSON.parse(row.before_json) as unknown) : null,
  after: row.after_json ? (JSON.parse(row.after_json) as unknown) : null,
  requestId: row.request_id,
});

export async function auditRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/agencies/:agencyId/audit-log',
    {
      config: { access: { kind: 'permission', permission: 'audit.read', target: 'agency' } },
      schema: {
        tags: ['审计'],
        summary: '本机关的操作留痕（新的在前）',
        params: AgencyParams,
        querystring: AuditQuery,
      },
    },
    async (request) => {
      const rows = await queryAuditRows(ctx.store.db, {
        agencyIds: [request.params.agencyId],
        limit: request.query.limit ?? 100,
        ...(request.query.before ? { beforeSeq: request.query.before } : {}),
      });
      return { entries: rows.map(toEntry) };
    },
  );

  r.get(
    '/api/v1/audit-log',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags: ['审计'],
        summary: '我有权查看的全部留痕：审计管理员看全部，其他人看所辖机关',
        querystring: AuditQuery,
      },
    },
    async (request) => {
      const principal = request.session!.principal;
      let agencyIds: string[] | null = null;
      if (!can(principal, 'audit.read', { kind: 'global' })) {
        const readable = new Set(grantsWith(principal, 'audit.read').map((g) => g.id));
        const visible = await listVisibleAgencies(ctx.store.db, {
          ...principal,
          grants: principal.grants.filter((g) => readable.has(g.id)),
        });
        agencyIds = visible.map((a) => a.id);
      }
      const rows = await queryAuditRows(ctx.store.db, {
        agencyIds,
        limit: request.query.limit ?? 100,
        ...(request.query.before ? { beforeSeq: request.query.before } : {}),
      });
      return { entries: rows.map(toEntry) };
    },
  );

  r.get(
    '/api/v1/audit-log/verify',
    {
      config: { access: { kind: 'permission', permission: 'audit.verify', target: 'global' } },
      schema: { tags: ['审计'], summary: '校验留痕哈希链' },
    },
    async () => verifyAuditChain(ctx.store.db, ctx.secretKey),
  );
}
