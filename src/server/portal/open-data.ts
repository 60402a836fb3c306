/**
 * 开放数据 on the public portal: each region's dataset of annual reports for a year as JSON
 * (following the report schema), as CSV, with its data dictionary and JSON Schema — what no
 * Chinese report format offers. Works without JavaScript; anyone may read it.
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { openDataSchemaDocument } from '../../core/supervision/open-data-schema.js';
import { renderCsvSheet, SHEET_MEDIA_TYPES } from '../../render/sheet.js';
import type { ServiceContext } from '../../services/context.js';
import {
  datasetFile,
  DATASET_FIELDS,
  dictionarySheet,
  regionDataset,
} from '../../services/supervision/dataset.js';
import { openDataIndex, openDataJson } from '../../services/supervision/open-data.js';
import { REPORT_CELLS } from '../../core/report/cells.js';
import { toErrorResponse } from '../errors.js';
import { sendDocument } from '../routes/reports.js';
import { REPORT_SCHEMA_PATH } from '../routes/schemas.js';
import { html, portalPage } from './page.js';

export const OPEN_DATA_SCHEMA_PATH = '/schemas/open-data.v1.json';

const publicAccess = { access: { kind: 'public' } } as const;
const DatasetParams = Type.Object({
  regionCode: Type.String({ minLength: 1, maxLength: 12 }),
  year: Type.Integer({ minimum: 2008, maximum: 2100 }),
  format: Type.Union([Type.Literal('json'), Type.Literal('csv')]),
});

export async function openDataRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Visitors read pages: an unknown region or a bad year is a page in Chinese, not JSON.
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error as Error, request);
    const title = status === 404 ? '找不到数据' : '请求无法处理';
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        portalPage(
          title,
          html`<h1>${title}</h1>
            <p class="notice error">${body.error.message}</p>
            <p><a href="/portal/open-data">返回开放数据</a></p>`,
        ),
      );
  });
  const schemaBody = `${JSON.stringify(openDataSchemaDocument(), null, 2)}\n`;

  r.get(
    OPEN_DATA_SCHEMA_PATH,
    { config: publicAccess, schema: { hide: true } },
    async (_q, reply) =>
      reply
        .header('content-type', 'application/schema+json; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(schemaBody),
  );

  r.get(
    '/portal/open-data',
    { config: publicAccess, schema: { hide: true } },
    async (_q, reply) => {
      const regions = await openDataIndex(ctx.store.db);
      const withData = regions.filter((r) => r.years.length > 0);
      const body = html`<h1>开放数据</h1>
        <p class="muted">
          各地区各机关政府信息公开工作年度报告的数据：每个机关一条，含报告状态、发布日期和三张统计表的全部数字。JSON
          按<a href="${REPORT_SCHEMA_PATH}">年度报告 JSON 模式</a>给出每份报告，外层格式见<a
            href="${OPEN_DATA_SCHEMA_PATH}"
            >数据集 JSON 模式</a
          >；CSV 每个单元格一列，列名见<a href="/portal/open-data/dictionary">数据字典</a>。
        </p>
        ${
          withData.length === 0
            ? html`<p class="muted">还没有已发布的年度报告。</p>`
            : html`<table class="list">
                <thead>
                  <tr>
                    <th>行政区划</th>
                    <th>年度与下载</th>
                  </tr>
                </thead>
                <tbody>
                  ${withData.map(
                    (region) =>
                      html`<tr>
                        <td>${region.name}<span class="badge">${region.code}</span></td>
                        <td>
                          ${region.years.map(
                            (year) =>
                              html`<div class="downloads">
                                ${year}年度：
                                <a href="/portal/open-data/${region.code}/${year}.json">JSON</a>
                                <a href="/portal/open-data/${region.code}/${year}.csv">CSV</a>
                              </div>`,
                          )}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }`;
      return reply.type('text/html; charset=utf-8').send(portalPage('开放数据', body));
    },
  );

  r.get(
    '/portal/open-data/dictionary',
    { config: publicAccess, schema: { hide: true } },
    async (_q, reply) => {
      const body = html`<h1>开放数据 · 数据字典</h1>
        <p class="muted">
          CSV 的每一列。三张表的单元格以“表.行.列”为列名（如
          applications.received.total），键名与国办公开办函〔2021〕30号格式的行列一一对应。<a
            href="/portal/open-data/dictionary.csv"
            >下载 CSV 版数据字典</a
          >
        </p>
        <table class="list">
          <thead>
            <tr>
              <th>列名</th>
              <th>表格</th>
              <th>行</th>
              <th>列</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            ${DATASET_FIELDS.map(
              (f) =>
                html`<tr>
                  <td>${f.name}</td>
                  <td></td>
                  <td></td>
                  <td></td>
                  <td>${f.description}</td>
                </tr>`,
            )}
            ${REPORT_CELLS.map(
              (c) =>
                html`<tr>
                  <td><code>${c.key}</code></td>
                  <td>${c.tableName}</td>
                  <td>${c.rowName}</td>
                  <td>${c.columnName}</td>
                  <td>${c.amount ? '金额（万元）' : '件数'}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
      return reply.type('text/html; charset=utf-8').send(portalPage('数据字典', body));
    },
  );

  r.get(
    '/portal/open-data/dictionary.csv',
    { config: publicAccess, schema: { hide: true } },
    async (_q, reply) =>
      sendDocument(reply, {
        bytes: renderCsvSheet(dictionarySheet()),
        filename: '开放数据字典.csv',
        mediaType: SHEET_MEDIA_TYPES.csv,
      }),
  );

  r.get(
    '/portal/open-data/:regionCode/:year.:format',
    { config: publicAccess, schema: { hide: true, params: DatasetParams } },
    async (request, reply) => {
      const { regionCode, year, format } = request.params;
      if (format === 'json') {
        const json = await openDataJson(ctx, regionCode, year);
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(`${JSON.stringify(json, null, 2)}\n`);
      }
      const dataset = await regionDataset(ctx, regionCode, year, { open: true });
      const file = await datasetFile(dataset, 'csv', ctx.clock.now());
      return sendDocument(reply, { ...file, mediaType: SHEET_MEDIA_TYPES.csv });
    },
  );
}
