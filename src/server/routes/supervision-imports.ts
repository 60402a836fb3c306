/**
 * Bulk import of off-system reports for a region: a batch for a year, files uploaded into it
 * (raw bytes, name in `x-file-name`; a ZIP is expanded), a review table read as the files are,
 * rows settled and saved.
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { invalidField } from '../../core/errors.js';
import type { ServiceContext } from '../../services/context.js';
import {
  addFile,
  importView,
  listImports,
  startImport,
} from '../../services/supervision/bulk-import.js';
import { saveItem, saveReady, updateItem } from '../../services/supervision/bulk-import-rows.js';
import { regionAccess } from './supervision.js';

const RegionParams = Type.Object({ regionCode: Type.String({ minLength: 1, maxLength: 12 }) });
const ImportParams = Type.Object({
  regionCode: Type.String({ minLength: 1, maxLength: 12 }),
  importId: Type.String({ minLength: 1, maxLength: 64 }),
});
const ItemParams = Type.Object({
  regionCode: Type.String({ minLength: 1, maxLength: 12 }),
  importId: Type.String({ minLength: 1, maxLength: 64 }),
  seq: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});

/** The uploaded file's name from `x-file-name`, URI-encoded, made safe to show. */
function fileName(header: string): string {
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw invalidField(
      'x-file-name',
      '文件名编码不正确：请用 encodeURIComponent 编码后放在 x-file-name 头中。',
    );
  }
  return [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 ? '_' : c))
    .join('')
    .slice(0, 255);
}

export async function supervisionImportRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  uploadLimitBytes: number,
): Promise<void> {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: uploadLimitBytes },
    (_request, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['监督汇总'];
  const read = regionAccess(ctx, 'supervision.read');
  const write = regionAccess(ctx, 'supervision.import');
  const base = '/api/v1/supervision/:regionCode/imports';

  r.get(
    base,
    { config: { access: read }, schema: { tags, summary: '批量导入记录', params: RegionParams } },
    async (request) => ({ imports: await listImports(ctx, request.params.regionCode) }),
  );

  r.post(
    base,
    {
      config: { access: write },
      schema: {
        tags,
        summary: '开始一次批量导入（某年度）',
        params: RegionParams,
        body: Type.Object(
          { year: Type.Integer({ minimum: 1990, maximum: 2100 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await startImport(ctx, request.actor, request.params.regionCode, request.body.year)),
  );

  r.get(
    `${base}/:importId`,
    {
      config: { access: read },
      schema: { tags, summary: '批量导入的审核表与读取进度', params: ImportParams },
    },
    async (request) => importView(ctx, request.params.regionCode, request.params.importId),
  );

  r.post(
    `${base}/:importId/files`,
    {
      config: { access: write },
      bodyLimit: uploadLimitBytes,
      schema: {
        tags,
        summary: '上传一个文件（ZIP 压缩包会展开；文本、HTML、DOCX、PDF）',
        params: ImportParams,
        headers: Type.Object({ 'x-file-name': Type.String({ minLength: 1, maxLength: 1000 }) }),
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw invalidField('body', '请以 application/octet-stream 上传文件内容。');
      }
      const name = fileName(request.headers['x-file-name'] as string);
      return addFile(ctx, request.actor, request.params.regionCode, request.params.importId, {
        name,
        bytes: new Uint8Array(request.body),
      });
    },
  );

  r.put(
    `${base}/:importId/items/:seq`,
    {
      config: { access: write },
      schema: {
        tags,
        summary: '确认一行：机关（确认建议或选择）、发布日期',
        params: ItemParams,
        body: Type.Object(
          {
            agencyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            rememberAlias: Type.Optional(Type.Boolean()),
            publishedOn: Type.Optional(Type.String({ maxLength: 10 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      updateItem(
        ctx,
        request.actor,
        request.params.regionCode,
        request.params.importId,
        request.params.seq,
        request.body,
      ),
  );

  r.post(
    `${base}/:importId/items/:seq/save`,
    {
      config: { access: write },
      schema: { tags, summary: '保存一行为该机关的导入报告', params: ItemParams },
    },
    async (request) =>
      saveItem(
        ctx,
        request.actor,
        request.params.regionCode,
        request.params.importId,
        request.params.seq,
      ),
  );

  r.post(
    `${base}/:importId/save-ready`,
    {
      config: { access: write },
      schema: { tags, summary: '保存所有没有问题的行', params: ImportParams },
    },
    async (request) =>
      saveReady(ctx, request.actor, request.params.regionCode, request.params.importId),
  );
}
