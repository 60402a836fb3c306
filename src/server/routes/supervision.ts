/**
 * The supervisor's console (政务公开办): a region's agencies and their reports, findings and
 * their review, totals and charts, exports. Every route is about a region (`:regionCode`) and
 * is allowed for a supervisor of that region or one above it; nothing here returns an
 * applicant's personal data or changes an agency's records.
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '../../core/auth/roles.js';
import { REVIEW_DECISIONS } from '../../core/supervision/finding-review.js';
import { renderXlsx, SHEET_MEDIA_TYPES, type Sheet } from '../../render/sheet.js';
import { shanghaiDate, type ServiceContext } from '../../services/context.js';
import { exportDataset, recordExport } from '../../services/supervision/dataset.js';
import { regionView, VIEW_FILTERS, VIEW_SORTS } from '../../services/supervision/region-view.js';
import {
  agencySupervision,
  correctionRequests,
  reviewFinding,
} from '../../services/supervision/reviews.js';
import { regionTarget, supervisedRegions } from '../../services/supervision/scope.js';
import {
  getSupervisionSettings,
  updateSupervisionSettings,
} from '../../services/supervision/settings.js';
import { regionTotals, traceTotal, type RegionTotals } from '../../services/supervision/totals.js';
import { AgencyParams } from './agencies.js';
import { sendDocument } from './reports.js';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

const RegionParams = Type.Object({ regionCode: Type.String({ minLength: 1, maxLength: 12 }) });
const Year = Type.Integer({ minimum: 2008, maximum: 2100 });

/** The access rule of a route about the region in `:regionCode`. */
export function regionAccess(ctx: ServiceContext, permission: Permission) {
  return {
    kind: 'permission' as const,
    permission,
    target: (request: FastifyRequest) =>
      regionTarget(ctx.store.db, (request.params as { regionCode?: string }).regionCode ?? ''),
  };
}

export const CHARTS = ['on-time', 'outcomes', 'months', 'live'] as const;
export type ChartName = (typeof CHARTS)[number];

/** The table beside each chart, as the chart's data export holds it. */
export function chartSheet(totals: RegionTotals, chart: ChartName): Sheet {
  switch (chart) {
    case 'on-time':
      return {
        name: '按时发布情况',
        columns: [
          { header: '地区', width: 20 },
          { header: '按时发布', width: 10 },
          { header: '逾期发布', width: 10 },
          { header: '逾期未发布', width: 10 },
          { header: '尚未到期', width: 10 },
        ],
        rows: totals.charts.onTime.map((r) => [r.label, r.onTime, r.late, r.missing, r.pending]),
      };
    case 'outcomes':
      return {
        name: '历年办理结果',
        columns: [
          { header: '年度', width: 8 },
          ...(totals.charts.outcomesOverYears[0]?.values ?? totals.outcomeMix).map((v) => ({
            header: v.label,
            width: 10,
          })),
        ],
        rows: totals.charts.outcomesOverYears.map((y) => [y.year, ...y.values.map((v) => v.value)]),
      };
    case 'months':
      return {
        name: '逐月收到申请',
        columns: [
          { header: '月份', width: 8 },
          { header: '收到申请（件）', width: 14 },
        ],
        rows: totals.charts.applicationsByMonth.map((m) => [`${m.month}月`, m.count]),
      };
    case 'live':
      return {
        name: '在办申请',
        columns: [
          { header: '机关', width: 30 },
          { header: '在办', width: 8 },
          { header: '已超期', width: 8 },
          { header: '3个工作日内到期', width: 14 },
          { header: '答复用时中位数（工作日）', width: 20 },
          { header: '本年答复件数', width: 12 },
        ],
        rows: totals.live.agencies.map((a) => [
          a.agencyName,
          a.open,
          a.overdue,
          a.dueSoon,
          a.medianWorkingDays,
          a.replies,
        ]),
      };
  }
}

export async function supervisionRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['监督汇总'];
  const read = regionAccess(ctx, 'supervision.read');
  const base = '/api/v1/supervision/:regionCode';

  r.get(
    '/api/v1/supervision/regions',
    {
      config: { access: { kind: 'signed-in' } },
      schema: { tags, summary: '我监督的行政区划（及其下级）' },
    },
    async (request) => {
      const today = shanghaiDate(ctx.clock.now());
      return {
        regions: await supervisedRegions(ctx.store.db, request.session!.principal),
        today,
        // The year whose reports are due now: last year's (due 31 January / 31 March).
        defaultYear: Number(today.slice(0, 4)) - 1,
      };
    },
  );

  r.get(
    `${base}/view`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '辖区各机关某年度报告一览：状态、审查发现、与中位数比较',
        params: RegionParams,
        querystring: Type.Object(
          {
            year: Year,
            filter: Type.Optional(literals(VIEW_FILTERS)),
            sort: Type.Optional(literals(VIEW_SORTS)),
            descending: Type.Optional(Type.Boolean()),
            level: Type.Optional(literals(['department', 'government'] as const)),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => regionView(ctx, request.params.regionCode, request.query),
  );

  const AgencyYearParams = Type.Object({
    regionCode: Type.String({ minLength: 1, maxLength: 12 }),
    agencyId: Type.String({ minLength: 1, maxLength: 64 }),
    year: Year,
  });

  r.get(
    `${base}/agencies/:agencyId/:year`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '某机关某年度报告的全部审查发现及复核记录',
        params: AgencyYearParams,
      },
    },
    async (request) =>
      agencySupervision(
        ctx,
        request.params.regionCode,
        request.params.agencyId,
        request.params.year,
      ),
  );

  r.post(
    `${base}/agencies/:agencyId/:year/reviews`,
    {
      config: { access: regionAccess(ctx, 'supervision.review') },
      schema: {
        tags,
        summary: '复核一项审查发现：确认（交机关更正，附期限）、排除（附理由）或撤回确认',
        params: AgencyYearParams,
        body: Type.Object(
          {
            fingerprint: Type.String({ minLength: 1, maxLength: 500 }),
            decision: literals(REVIEW_DECISIONS),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
            dueOn: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      reviewFinding(
        ctx,
        request.actor,
        request.params.regionCode,
        request.params.agencyId,
        request.params.year,
        request.body,
      ),
  );

  r.get(
    `${base}/totals/:year`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '辖区汇总：表二、表三、表四合计，结构分析，在办申请（不含个人信息）',
        params: Type.Object({
          regionCode: Type.String({ minLength: 1, maxLength: 12 }),
          year: Year,
        }),
      },
    },
    async (request) => regionTotals(ctx, request.params.regionCode, request.params.year),
  );

  r.get(
    `${base}/totals/:year/cells/:key`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '汇总数字由哪些机关构成',
        params: Type.Object({
          regionCode: Type.String({ minLength: 1, maxLength: 12 }),
          year: Year,
          key: Type.String({ minLength: 1, maxLength: 80 }),
        }),
      },
    },
    async (request) =>
      traceTotal(ctx, request.params.regionCode, request.params.year, request.params.key),
  );

  r.get(
    `${base}/dataset/:year.:format`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '导出辖区数据集（每个机关一行，三张表的每个单元格按键名一列；记入留痕）',
        params: Type.Object({
          regionCode: Type.String({ minLength: 1, maxLength: 12 }),
          year: Year,
          format: literals(['xlsx', 'csv'] as const),
        }),
      },
    },
    async (request, reply) => {
      const { regionCode, year, format } = request.params;
      const file = await exportDataset(ctx, request.actor, regionCode, year, format);
      return sendDocument(reply, { ...file, mediaType: SHEET_MEDIA_TYPES[format] });
    },
  );

  r.get(
    `${base}/charts/:chart/:year.xlsx`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '导出图表的数据（XLSX；记入留痕）',
        params: Type.Object({
          regionCode: Type.String({ minLength: 1, maxLength: 12 }),
          chart: literals(CHARTS),
          year: Year,
        }),
      },
    },
    async (request, reply) => {
      const { regionCode, chart, year } = request.params;
      const totals = await regionTotals(ctx, regionCode, year);
      const sheet = chartSheet(totals, chart);
      const bytes = await renderXlsx([sheet], ctx.clock.now());
      const filename = `${totals.region.name}${year}年度${sheet.name}.xlsx`;
      await recordExport(ctx, request.actor, regionCode, {
        what: `chart:${chart}`,
        year,
        filename,
      });
      return sendDocument(reply, { bytes, filename, mediaType: SHEET_MEDIA_TYPES.xlsx });
    },
  );

  r.get(
    `${base}/settings`,
    {
      config: { access: read },
      schema: { tags, summary: '监督设置（同比变化提示倍数）', params: RegionParams },
    },
    async (request) => getSupervisionSettings(ctx, request.params.regionCode),
  );

  r.put(
    `${base}/settings`,
    {
      config: { access: regionAccess(ctx, 'supervision.configure') },
      schema: {
        tags,
        summary: '修改监督设置',
        params: RegionParams,
        body: Type.Object({ yearOnYearFactor: Type.Number() }, { additionalProperties: false }),
      },
    },
    async (request) =>
      updateSupervisionSettings(ctx, request.actor, request.params.regionCode, request.body),
  );

  r.get(
    '/api/v1/agencies/:agencyId/corrections',
    {
      config: { access: { kind: 'permission', permission: 'report.read', target: 'agency' } },
      schema: {
        tags: ['年度报告'],
        summary: '政务公开办要求本机关更正的问题',
        params: AgencyParams,
      },
    },
    async (request) => ({
      corrections: await correctionRequests(ctx, request.params.agencyId),
    }),
  );
}
