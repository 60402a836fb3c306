import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { recordChange } from '../../services/audit.js';
import { describeAuditRows } from '../../services/audit-describe.js';
import { auditReach } from '../../services/audit-reach.js';
import { csvCell } from '../../services/applications/register.js';
import { verifyAuditTrail } from '../../services/audit-trail.js';
import type { ServiceContext } from '../../services/context.js';
import { auditRowsAfter, queryAuditRows } from '../../store/repositories/audit-log.js';
import { AgencyParams } from './agencies.js';

const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

const EXPORT_COLUMNS = [
  '序号',
  '时间',
  '操作人',
  '地址',
  '内容',
  '操作代码',
  '对象类型',
  '对象编号',
  '机关编号',
  '之前',
  '之后',
  '请求编号',
  '前序哈希',
  '哈希',
];

/** The whole trail in the database as CSV, a page at a time, with the hashes to check it by. */
async function* exportCsv(ctx: ServiceContext): AsyncGenerator<string> {
  yield `\uFEFF${EXPORT_COLUMNS.join(',')}\r\n`;
  let after = 0;
  for (;;) {
    const rows = await auditRowsAfter(ctx.store.db, after, 1000);
    if (rows.length === 0) return;
    const described = await describeAuditRows(ctx.store.db, rows);
    yield described
      .map((e, i) =>
        [
          String(e.seq),
          e.at,
          e.actor,
          e.clientIp ?? '',
          e.description,
          e.action,
          e.entityType,
          e.entityId,
          e.agencyId ?? '',
          rows[i]!.before_json ?? '',
          rows[i]!.after_json ?? '',
          e.requestId ?? '',
          rows[i]!.prev_hash,
          rows[i]!.hash,
        ]
          .map(csvCell)
          .join(','),
      )
      .map((line) => `${line}\r\n`)
      .join('');
    after = Number(rows.at(-1)!.seq);
  }
}

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
      return { entries: await describeAuditRows(ctx.store.db, rows) };
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
      return { entries: await describeAuditRows(ctx.store.db, rows) };
    },
  );

  r.get(
    '/api/v1/audit-log/verify',
    {
      config: { access: { kind: 'permission', permission: 'audit.verify', target: 'global' } },
      schema: { tags: ['审计'], summary: '校验留痕哈希链、签名归档与链外锚点' },
    },
    async (request) => {
      const result = await verifyAuditTrail(
        ctx.store.db,
        ctx.secretKey,
        ctx.auditAnchor?.dir ?? null,
      );
      await ctx.store.transaction((t) =>
        recordChange(ctx, t, request.actor, ctx.clock.now(), {
          action: 'audit.verify',
          entityType: 'audit_log',
          entityId: 'audit_log',
          after: { ok: result.ok, rows: result.rows, problems: result.problems.length },
        }),
      );
      return result;
    },
  );

  r.get(
    '/api/v1/audit-log/export.csv',
    {
      config: { access: { kind: 'permission', permission: 'audit.export', target: 'global' } },
      schema: {
        tags: ['审计'],
        summary:
          '导出数据库中的全部留痕（CSV，含每条的中文说明、地址和哈希）；只有审计管理员可以导出',
      },
    },
    async (request, reply) => {
      await ctx.store.transaction((t) =>
        recordChange(ctx, t, request.actor, ctx.clock.now(), {
          action: 'audit.export',
          entityType: 'audit_log',
          entityId: 'audit_log',
          after: { format: 'csv' },
        }),
      );
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="audit-log-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`操作留痕-${day}.csv`)}`,
        )
        .send(Readable.from(exportCsv(ctx)));
    },
  );
}
