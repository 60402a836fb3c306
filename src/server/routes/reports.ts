import { Type, type TProperties } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
  SECTION_KEYS,
} from '../../core/report/format.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createReport,
  diffVersions,
  DOCUMENT_FORMATS,
  getReport,
  importReport,
  listReports,
  publishReport,
  reportDocument,
  saveDraft,
  startCorrection,
  versionReport,
  type DocumentFormat,
  type DraftEdit,
  type RenderedDocument,
} from '../../services/reports.js';

const strictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

const Count = Type.Number({ minimum: 0 });

/** The figures people enter: leaf cells only — every total is computed. */
const FiguresSchema = strictObject({
  proactive: strictObject(
    Object.fromEntries(
      PROACTIVE_GROUPS.flatMap((g) =>
        g.rows.map((r) => [
          r.key,
          strictObject(Object.fromEntries(g.columns.map((c) => [c.key, Count]))),
        ]),
      ),
    ),
  ),
  applications: strictObject(
    Object.fromEntries(
      APPLICATION_ROW_KEYS.filter((k) => k !== 'total').map((k) => [
        k,
        strictObject(Object.fromEntries(APPLICANT_COLUMN_KEYS.map((c) => [c, Count]))),
      ]),
    ),
  ),
  appeals: strictObject(
    Object.fromEntries(
      APPEAL_GROUP_KEYS.map((g) => [
        g,
        strictObject(Object.fromEntries(APPEAL_OUTCOME_KEYS.map((o) => [o, Count]))),
      ]),
    ),
  ),
});

const SectionSchema = strictObject({
  key: Type.Union([...SECTION_KEYS.map((k) => Type.Literal(k)), Type.Null()]),
  number: Type.String({ minLength: 1, maxLength: 4 }),
  title: Type.String({ minLength: 1, maxLength: 100 }),
  text: Type.String({ maxLength: 100_000 }),
  html: Type.Optional(Type.String({ maxLength: 200_000 })),
});

const DraftSchema = strictObject({
  caseFigures: Type.Optional(
    strictObject({
      mode: Type.Union([Type.Literal('records'), Type.Literal('manual')]),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
    }),
  ),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  preamble: Type.String({ maxLength: 5_000 }),
  sections: Type.Array(SectionSchema, { minItems: 1, maxItems: 20 }),
  closing: Type.String({ maxLength: 500 }),
  figures: FiguresSchema,
});

const ReportParams = Type.Object({
  agencyId: Type.String({ minLength: 1, maxLength: 64 }),
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
});

const VersionParams = Type.Object({
  agencyId: Type.String({ minLength: 1, maxLength: 64 }),
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  version: Type.Integer({ minimum: 1, maximum: 1000 }),
  format: Type.Union(DOCUMENT_FORMATS.map((f) => Type.Literal(f))),
});

/** Sends a rendered document as a download with its Chinese file name. */
export function sendDocument(
  reply: FastifyReply,
  doc: RenderedDocument,
  inline = false,
): FastifyReply {
  return reply
    .header('content-type', doc.mediaType)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
    )
    .send(Buffer.from(doc.bytes));
}

export async function reportRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = { kind: 'permission', permission: 'report.read', target: 'agency' } as const;
  const edit = { kind: 'permission', permission: 'report.edit', target: 'agency' } as const;
  const publish = { kind: 'permission', permission: 'report.publish', target: 'agency' } as const;
  const tags = ['年度报告'];

  r.get(
    '/api/v1/agencies/:agencyId/reports',
    {
      config: { access: read },
      schema: {
        tags,
        summary: '本机关的年度报告',
        params: Type.Object({ agencyId: Type.String() }),
      },
    },
    async (request) => ({ reports: await listReports(ctx, request.params.agencyId) }),
  );

  r.post(
    '/api/v1/agencies/:agencyId/reports',
    {
      config: { access: edit },
      schema: {
        tags,
        summary: '新建某年度的报告草稿',
        params: Type.Object({ agencyId: Type.String() }),
        body: strictObject({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createReport(ctx, request.actor, request.params.agencyId, request.body.year)),
  );

  r.get(
    '/api/v1/agencies/:agencyId/reports/:year',
    {
      config: { access: read },
      schema: { tags, summary: '报告：草稿、审查结果与已发布版本', params: ReportParams },
    },
    async (request) => getReport(ctx, request.params.agencyId, request.params.year),
  );

  r.put(
    '/api/v1/agencies/:agencyId/reports/:year/draft',
    {
      config: { access: edit },
      schema: {
        tags,
        summary: '保存草稿（正文与各表的明细数字；合计由系统计算），返回审查结果',
        params: ReportParams,
        body: DraftSchema,
      },
      bodyLimit: 2 * 1024 * 1024,
    },
    // The schema is built from the format's keys, so TypeBox cannot name its static type.
    async (request) =>
      saveDraft(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.year,
        request.body as unknown as DraftEdit,
      ),
  );

  r.post(
    '/api/v1/agencies/:agencyId/reports/:year/publish',
    {
      config: { access: publish },
      schema: {
        tags,
        summary: '发布草稿（有错误时不能发布；更正版本须说明原因）',
        params: ReportParams,
        body: strictObject({ correctionReason: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (request) =>
      publishReport(ctx, request.actor, request.params.agencyId, request.params.year, request.body),
  );

  r.post(
    '/api/v1/agencies/:agencyId/reports/:year/correction',
    {
      config: { access: edit },
      schema: {
        tags,
        summary: '对已发布的报告发起更正：以最新版本为底稿建立草稿',
        params: ReportParams,
      },
    },
    async (request) =>
      startCorrection(ctx, request.actor, request.params.agencyId, request.params.year),
  );

  r.get(
    '/api/v1/agencies/:agencyId/reports/:year/draft/document.:format',
    {
      config: { access: read },
      schema: {
        tags,
        summary: '下载草稿（html、docx、pdf、json、csv、txt）',
        params: Type.Object({
          agencyId: Type.String(),
          year: Type.Integer(),
          format: Type.Union(DOCUMENT_FORMATS.map((f) => Type.Literal(f))),
        }),
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        await reportDocument(
          ctx,
          request.params.agencyId,
          request.params.year,
          'draft',
          request.params.format as DocumentFormat,
        ),
        request.params.format === 'html',
      ),
  );

  r.get(
    '/api/v1/agencies/:agencyId/reports/:year/versions/:version/document.:format',
    {
      config: { access: read },
      schema: { tags, summary: '下载已发布版本', params: VersionParams },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        await reportDocument(
          ctx,
          request.params.agencyId,
          request.params.year,
          request.params.version,
          request.params.format as DocumentFormat,
        ),
      ),
  );

  r.get(
    '/api/v1/agencies/:agencyId/reports/:year/versions/:version',
    {
      config: { access: read },
      schema: {
        tags,
        summary: '某个已发布版本的内容与审查结果',
        params: Type.Object({
          agencyId: Type.String(),
          year: Type.Integer(),
          version: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (request) =>
      versionReport(ctx, request.params.agencyId, request.params.year, request.params.version),
  );

  r.post(
    '/api/v1/agencies/:agencyId/reports/:year/import',
    {
      config: { access: { kind: 'permission', permission: 'report.import', target: 'agency' } },
      schema: {
        tags,
        summary:
          '把从公开文件读入（并经人工核对更正）的报告保存为该机关该年度的报告（标明“导入”及来源）',
        params: ReportParams,
        body: strictObject({
          report: Type.Object({}, { additionalProperties: true }),
          // Only sha256 is used: the file must have been read for this agency, and its name,
          // size, kind and the corrections come from the server's record of that reading. The
          // other fields are accepted (older clients send them) and ignored.
          source: strictObject({
            sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
            filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
            size: Type.Optional(Type.Integer({ minimum: 0 })),
            format: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
            corrections: Type.Optional(
              Type.Array(
                strictObject({
                  path: Type.String({ maxLength: 200 }),
                  read: Type.Union([Type.Number(), Type.Null()]),
                  corrected: Type.Union([Type.Number(), Type.Null()]),
                }),
                { maxItems: 1000 },
              ),
            ),
          }),
          // Needed when the reading names another agency (or none): a supervisor over the
          // agency confirms saving it here, with the reason (kept in the audit trail).
          agencyConfirmation: Type.Optional(
            strictObject({ reason: Type.String({ maxLength: 500 }) }),
          ),
        }),
      },
      bodyLimit: 4 * 1024 * 1024,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await importReport(
            ctx,
            request.actor,
            request.params.agencyId,
            request.params.year,
            request.body,
          ),
        ),
  );

  r.get(
    '/api/v1/agencies/:agencyId/reports/:year/diff',
    {
      config: { access: read },
      schema: {
        tags,
        summary: '两个版本之间的差异',
        params: ReportParams,
        querystring: strictObject({
          from: Type.Integer({ minimum: 1 }),
          to: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (request) => ({
      changes: await diffVersions(
        ctx,
        request.params.agencyId,
        request.params.year,
        request.query.from,
        request.query.to,
      ),
    }),
  );
}
