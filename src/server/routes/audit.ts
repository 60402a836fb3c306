import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { auditReach } from '../../services/audit-reach.js';
import { verifyAuditTrail } from '../../services/audit-trail.js';
import type { ServiceContext } from '../../services/context.js';
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
        summary:
          '我有权查看的留痕：审计管理员看全部，机关管理员看本机关，政务公开办看所辖区划的年度报告与监督记录（不含个人信息）',
        querystring: AuditQuery,
      },
    },
    async (request) => {
      const rows = await queryAuditRows(ctx.store.db, {
        ...(await auditReach(ctx.store.db, request.session!.principal)),
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
    async () => verifyAuditTrail(ctx.store.db, ctx.secretKey, ctx.auditAnchor?.dir ?? null),
  );
}
