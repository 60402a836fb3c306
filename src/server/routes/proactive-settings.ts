/** 主动公开 settings in the workspace: the 索引号 scheme, the 基层 catalogue, the guide, the year's figures, the site's identity. */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { CATALOGUE_CYCLES } from '../../core/proactive/catalogue.js';
import type { ServiceContext } from '../../services/context.js';
import {
  addCatalogueEntry,
  listCatalogue,
  updateCatalogueEntry,
} from '../../services/proactive/catalogue.js';
import {
  getGuide,
  getSiteIdentity,
  listGuideVersions,
  saveGuide,
  saveSiteIdentity,
} from '../../services/proactive/column.js';
import { enterYearFigures, proactiveFigures } from '../../services/proactive/figures.js';
import {
  FIGURES_IMPORT_MAX_BYTES,
  importYearFigures,
} from '../../services/proactive/figures-import.js';
import { getIndexSettings, updateIndexSettings } from '../../services/proactive/index-numbers.js';
import {
  AgencyParams,
  base,
  Id,
  lit,
  perm,
  tags,
  Text,
  uploadedFile,
  YearParams,
} from './proactive-common.js';

const CatalogueBody = Type.Object(
  {
    matter: Text(500),
    content: Text(500),
    basis: Text(500),
    timeLimit: Text(500),
    subject: Text(500),
    channels: Text(500),
    audience: Text(500),
    method: Text(500),
    level: Text(500),
    cycle: lit(CATALOGUE_CYCLES),
    startsOn: Text(10),
    dueDays: Type.Integer({ minimum: 0, maximum: 366 }),
  },
  { additionalProperties: false },
);

export function proactiveSettingsRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    `${base}/settings`,
    {
      config: perm('proactive.read'),
      schema: { tags, summary: '索引号规则', params: AgencyParams },
    },
    async (request) =>
      getIndexSettings(ctx.store.db, request.params.agencyId, ctx.clock.now().getUTCFullYear()),
  );

  r.put(
    `${base}/settings`,
    {
      config: perm('proactive.configure'),
      schema: {
        tags,
        summary: '修改索引号规则（已编号的信息不重新编号）和本机关的保密审查清单事项',
        params: AgencyParams,
        body: Type.Object(
          {
            indexScheme: Text(200),
            agencyCode: Text(60),
            secrecyItems: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      updateIndexSettings(ctx, request.actor, request.params.agencyId, request.body),
  );

  r.get(
    `${base}/catalogue`,
    {
      config: perm('proactive.read'),
      schema: { tags, summary: '基层政务公开标准目录（含逾期事项）', params: AgencyParams },
    },
    async (request) => ({
      entries: await listCatalogue(ctx, ctx.store.db, request.params.agencyId),
    }),
  );

  r.post(
    `${base}/catalogue`,
    {
      config: perm('proactive.configure'),
      schema: {
        tags,
        summary: '添加标准目录事项',
        params: AgencyParams,
        body: CatalogueBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addCatalogueEntry(ctx, request.actor, request.params.agencyId, request.body)),
  );

  r.put(
    `${base}/catalogue/:entryId`,
    {
      config: perm('proactive.configure'),
      schema: {
        tags,
        summary: '修改标准目录事项（其下已发布的信息不变）',
        params: Type.Object({ agencyId: Id, entryId: Id }),
        body: CatalogueBody,
      },
    },
    async (request) =>
      updateCatalogueEntry(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.entryId,
        request.body,
      ),
  );

  r.get(
    `${base}/guide`,
    {
      config: perm('proactive.read'),
      schema: {
        tags,
        summary: '政府信息公开指南（当前版本，未保存时为生成稿）',
        params: AgencyParams,
      },
    },
    async (request) => getGuide(ctx.store.db, request.params.agencyId),
  );

  r.get(
    `${base}/guide/versions`,
    {
      config: perm('proactive.read'),
      schema: { tags, summary: '指南的各个已保存版本（新的在前）', params: AgencyParams },
    },
    async (request) => ({
      versions: await listGuideVersions(ctx.store.db, request.params.agencyId),
    }),
  );

  r.put(
    `${base}/guide`,
    {
      config: perm('proactive.configure'),
      schema: {
        tags,
        summary: '保存指南（每次保存为一个新版本）',
        params: AgencyParams,
        body: Type.Object(
          {
            sections: Type.Array(Type.Object({ heading: Text(200), text: Text(10_000) }), {
              maxItems: 50,
            }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      saveGuide(ctx, request.actor, request.params.agencyId, request.body.sections),
  );

  r.get(
    `${base}/figures/:year`,
    {
      config: perm('proactive.read'),
      schema: { tags, summary: '年度报告表二与第一部分的数字（可追溯到文件）', params: YearParams },
    },
    async (request) => proactiveFigures(ctx.store.db, request.params.agencyId, request.params.year),
  );

  r.put(
    `${base}/figures/:year`,
    {
      config: perm('proactive.configure'),
      schema: {
        tags,
        summary: '录入表二（五）（六）（八）：行政许可、处罚、强制决定数和收费金额（分），注明来源',
        params: YearParams,
        body: Type.Object(
          {
            licensing: Type.Integer({ minimum: 0 }),
            penalty: Type.Integer({ minimum: 0 }),
            coercion: Type.Integer({ minimum: 0 }),
            feesFen: Type.Integer({ minimum: 0 }),
            source: Text(200),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await enterYearFigures(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.year,
        request.body,
      );
      return reply.code(204).send();
    },
  );

  r.post(
    `${base}/figures/:year/import`,
    {
      config: perm('proactive.configure'),
      bodyLimit: FIGURES_IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary:
          '从 CSV（UTF-8 或 GB18030）或 XLSX 导入表二（五）（六）（八）；请求体为文件内容，文件名放在 x-file-name 头（URI 编码）；preview=true 只读取不保存',
        params: YearParams,
        querystring: Type.Object({ preview: Type.Optional(Type.Boolean()) }),
        headers: Type.Object({ 'x-file-name': Type.String({ minLength: 1, maxLength: 1000 }) }),
      },
    },
    async (request) => {
      const { name, bytes } = uploadedFile(request);
      return importYearFigures(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.year,
        { name, bytes },
        { preview: request.query.preview === true },
      );
    },
  );

  const siteRead = {
    access: { kind: 'permission', permission: 'site.configure', target: 'global' },
  } as const;
  r.get(
    '/api/v1/site-identity',
    { config: siteRead, schema: { tags, summary: '门户网站标识（国办发〔2017〕47号）' } },
    async () => getSiteIdentity(ctx.store.db),
  );
  r.put(
    '/api/v1/site-identity',
    {
      config: siteRead,
      schema: {
        tags,
        summary:
          '设置门户网站标识：网站名称、主办/承办单位、网站标识码、ICP备案号、公安机关备案号、联系方式',
        body: Type.Object(
          {
            siteName: Text(200),
            siteDomain: Text(200),
            sponsor: Text(200),
            organiser: Text(200),
            siteIdCode: Text(40),
            icpRecord: Text(200),
            policeRecord: Text(200),
            contact: Text(200),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => saveSiteIdentity(ctx, request.actor, request.body),
  );
}
