import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { REPORT_CSS, renderReportArticle } from '../../render/html.js';
import { DOCUMENT_TYPES } from '../../render/index.js';
import type { ServiceContext } from '../../services/context.js';
import { getAgency, listRegions, type Agency } from '../../services/organisations.js';
import { listAgenciesAll } from '../../store/repositories/organisations.js';
import { listGovernments } from '../../services/proactive/government-column.js';
import {
  diffVersions,
  DOCUMENT_FORMATS,
  getReport,
  listPublishedReports,
  reportDocument,
  versionReport,
  versionSource,
  type DocumentFormat,
} from '../../services/reports.js';
import { toErrorResponse } from '../errors.js';
import { sendDocument } from '../routes/reports.js';
import { REPORT_SCHEMA_PATH } from '../routes/schemas.js';
import { html, portalPage, raw, type SafeHtml } from './page.js';

const AgencyParams = Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 64 }) });
const YearParams = Type.Object({
  agencyId: Type.String({ minLength: 1, maxLength: 64 }),
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
});
const VersionParams = Type.Object({
  agencyId: Type.String({ minLength: 1, maxLength: 64 }),
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  version: Type.Integer({ minimum: 1, maximum: 1000 }),
});

const publicAccess = { access: { kind: 'public' } } as const;
const hidden = { hide: true };

function downloads(agencyId: string, year: number, version: number): SafeHtml {
  return html`<span class="downloads"
    >${DOCUMENT_FORMATS.map(
      (f) =>
        html`<a href="/portal/agencies/${agencyId}/reports/${year}/v/${version}/download.${f}"
          >${DOCUMENT_TYPES[f].name}</a
        >`,
    )}</span
  >`;
}

function contact(agency: Agency): SafeHtml {
  const rows: [string, string][] = [
    ['地址', agency.address],
    ['邮编', agency.postcode],
    ['电话', agency.phone],
    ['电子邮箱', agency.email],
    ['办公时间', agency.officeHours],
    ['统一社会信用代码', agency.creditCode ?? ''],
  ];
  return html`<dl class="contact">
    ${rows
      .filter(([, v]) => v)
      .map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
  </dl>`;
}

export async function portalRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Visitors of the portal read pages, not JSON: errors are pages too.
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error as Error, request);
    const title = status === 404 ? '找不到页面' : status >= 500 ? '服务器出错了' : '请求无法处理';
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        portalPage(
          title,
          html`<h1>${title}</h1>
            <p class="notice error">${body.error.message}</p>
            <p><a href="/portal">返回机关目录</a></p>`,
        ),
      );
  });

  r.get('/portal', { config: publicAccess, schema: hidden }, async (_request, reply) => {
    const [regions, agencies, governments] = await Promise.all([
      listRegions(ctx.store.db),
      listAgenciesAll(ctx.store.db),
      listGovernments(ctx.store.db),
    ]);
    const body = html`<h1>政府信息公开</h1>
      <p class="muted">查看各机关的政府信息公开工作年度报告，或依法申请公开政府信息。</p>
      <p>
        <a href="/portal/open-data">开放数据</a>：各地区年度报告的数据集（JSON、CSV）与数据字典。
      </p>
      ${regions.map((region) => {
        const inRegion = agencies.filter((a) => a.region_code === region.code);
        const govs = governments.filter((g) => g.regionCode === region.code);
        if (inRegion.length === 0 && govs.length === 0) return '';
        return html`<section class="card">
          <h2>${region.name}</h2>
          ${govs.map(
            (g) =>
              html`<p>
                <a href="/portal/governments/${g.id}/disclosure"
                  ><strong>${g.name}政府信息公开</strong></a
                >：指南、制度、法定主动公开内容、年报、依申请公开
              </p>`,
          )}
          <ul>
            ${inRegion.map((a) => html`<li><a href="/portal/agencies/${a.id}">${a.name}</a></li>`)}
          </ul>
        </section>`;
      })}
      ${agencies.length === 0 ? html`<p class="muted">还没有机关。</p>` : ''}`;
    return reply.type('text/html; charset=utf-8').send(portalPage('机关目录', body));
  });

  r.get(
    '/portal/agencies/:agencyId',
    { config: publicAccess, schema: { ...hidden, params: AgencyParams } },
    async (request, reply) => {
      const agency = await getAgency(ctx.store.db, request.params.agencyId);
      const reports = await listPublishedReports(ctx, [agency.id]);
      const body = html`<h1>${agency.name}</h1>
        <p class="muted">${agency.governmentName}</p>
        <section class="card">
          <h2>联系方式</h2>
          ${contact(agency)}
        </section>
        <section class="card">
          <h2>政府信息公开专栏</h2>
          <p>
            <a href="/portal/agencies/${agency.id}/disclosure">政府信息公开</a
            >：指南、制度、法定主动公开内容、年报
          </p>
          <p>
            本级政府：<a href="/portal/governments/${agency.governmentId}/disclosure"
              >${agency.governmentName}政府信息公开</a
            >
          </p>
        </section>
        <section class="card">
          <h2>依申请公开</h2>
          <p>
            <a href="/portal/agencies/${agency.id}/apply">申请政府信息公开</a> ·
            <a href="/portal/follow">查询申请办理情况</a>
          </p>
        </section>
        <section class="card">
          <h2>政府信息公开工作年度报告</h2>
          ${
            reports.length === 0
              ? html`<p class="muted">尚未发布年度报告。</p>`
              : html`<table class="list">
                  <thead>
                    <tr>
                      <th>年度</th>
                      <th>发布日期</th>
                      <th>下载</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${reports.map(
                      (rep) =>
                        html`<tr>
                          <td>
                            <a href="/portal/agencies/${agency.id}/reports/${rep.year}"
                              >${rep.year}年度</a
                            >${
                              rep.latestVersion > 1
                                ? html`<span class="badge warn"
                                    >已更正（第${rep.latestVersion}版，${rep.correctedOn}）</span
                                  >`
                                : ''
                            }
                          </td>
                          <td>${rep.publishedOn}</td>
                          <td>${downloads(agency.id, rep.year, rep.latestVersion)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </section>`;
      return reply.type('text/html; charset=utf-8').send(portalPage(agency.name, body));
    },
  );

  const reportPage = async (agencyId: string, year: number, requested: number | null) => {
    const detail = await getReport(ctx, agencyId, year);
    const latest = detail.versions.at(-1);
    if (!latest) return null;
    const version = requested ?? latest.version;
    const shown = await versionReport(ctx, agencyId, year, version);
    const changes =
      version > 1 ? await diffVersions(ctx, agencyId, year, version - 1, version) : [];
    const body = html`<p class="no-print">
        <a href="/portal/agencies/${agencyId}">← ${detail.agencyName}</a>
      </p>
      ${
        version < latest.version
          ? html`<p class="notice error">
              这是第 ${version} 版，已被第 ${latest.version} 版更正。<a
                href="/portal/agencies/${agencyId}/reports/${year}"
                >查看最新版本</a
              >
            </p>`
          : ''
      }
      <section class="card no-print">
        <p>
          第 ${version} 版 · ${version > 1 ? '更正发布于' : '发布日期'}
          ${shown.summary.publishedOn}${
            version > 1 && shown.report.publishedOn
              ? html`（报告原发布日期 ${shown.report.publishedOn}）`
              : ''
          }${
            shown.summary.correctionReason
              ? html` · 更正原因：${shown.summary.correctionReason}`
              : ''
          }
        </p>
        <p>
          下载：${downloads(agencyId, year, version)}
          <span class="muted"
            >（JSON 的格式：<a href="${REPORT_SCHEMA_PATH}">年度报告 JSON 模式</a>）</span
          >
        </p>
        ${
          shown.summary.origin === 'imported'
            ? html`<p class="muted">
                此版本由已公开的文件读入并经人工核对：<a
                  href="/portal/agencies/${agencyId}/reports/${year}/v/${version}/source"
                  >原始文件（${shown.summary.sourceFilename ?? ''}）</a
                >
              </p>`
            : ''
        }
        ${
          detail.versions.length > 1
            ? html`<p>
                全部版本：${detail.versions.map(
                  (v) =>
                    html`<a href="/portal/agencies/${agencyId}/reports/${year}/v/${v.version}"
                      >第 ${v.version} 版（${v.publishedOn}）</a
                    > `,
                )}
              </p>`
            : ''
        }
        ${
          changes.length > 0
            ? html`<details open class="diff">
                <summary>与第 ${version - 1} 版相比的更正（${changes.length} 处）</summary>
                <table class="list">
                  <thead>
                    <tr>
                      <th>位置</th>
                      <th>更正前</th>
                      <th>更正后</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${changes.map(
                      (c) =>
                        html`<tr>
                          <td>${c.label}</td>
                          <td><del>${c.before ?? '（空）'}</del></td>
                          <td><ins>${c.after ?? '（空）'}</ins></td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </details>`
            : ''
        }
      </section>
      ${raw(renderReportArticle(shown.report))}`;
    return portalPage(shown.report.title ?? `${detail.agencyName}${year}年年度报告`, body, {
      extraCss: REPORT_CSS,
    });
  };

  r.get(
    '/portal/agencies/:agencyId/reports/:year',
    { config: publicAccess, schema: { ...hidden, params: YearParams } },
    async (request, reply) => {
      const page = await reportPage(request.params.agencyId, request.params.year, null);
      if (!page)
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(portalPage('尚未发布', html`<h1>该年度报告尚未发布</h1>`));
      return reply.type('text/html; charset=utf-8').send(page);
    },
  );

  r.get(
    '/portal/agencies/:agencyId/reports/:year/v/:version',
    { config: publicAccess, schema: { ...hidden, params: VersionParams } },
    async (request, reply) => {
      const page = await reportPage(
        request.params.agencyId,
        request.params.year,
        request.params.version,
      );
      if (!page)
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(portalPage('尚未发布', html`<h1>该年度报告尚未发布</h1>`));
      return reply.type('text/html; charset=utf-8').send(page);
    },
  );

  r.get(
    '/portal/agencies/:agencyId/reports/:year/v/:version/source',
    { config: publicAccess, schema: { ...hidden, params: VersionParams } },
    async (request, reply) =>
      sendDocument(
        reply,
        await versionSource(
          ctx,
          request.params.agencyId,
          request.params.year,
          request.params.version,
        ),
      ),
  );

  r.get(
    '/portal/agencies/:agencyId/reports/:year/v/:version/download.:format',
    {
      config: publicAccess,
      schema: {
        ...hidden,
        params: Type.Object({
          agencyId: Type.String({ minLength: 1, maxLength: 64 }),
          year: Type.Integer(),
          version: Type.Integer({ minimum: 1 }),
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
          request.params.version,
          request.params.format as DocumentFormat,
        ),
      ),
  );
}
