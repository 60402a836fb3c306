/**
 * Publishing or correcting the annual report goes through the agency's review chain
 * (services/review/engine.ts, kind report.publish, one level by default): the clerk submits the
 * draft, the reviewer sees it as it will be published with its findings and, for a correction,
 * the reason; the last approval publishes exactly the draft that was submitted.
 */
import { AppError, forbidden } from '../core/errors.js';
import type { Db } from '../store/database.js';
import * as reportsRepo from '../store/repositories/reports.js';
import type { Actor, ServiceContext } from './context.js';
import { renderReport } from '../render/index.js';
import { registerSubjectKind } from './review/registry.js';
import { requestsOfSubject, type ApprovalView } from './review/engine.js';
import {
  draftHash,
  getReport,
  preparePublication,
  writeImportedVersion,
  writePublication,
} from './reports.js';
import type { ImportSource } from './reports/common.js';
import type { ImportedReport } from './reports/imports.js';

export const REPORT_PUBLISH_KIND = 'report.publish';

export interface ReportPublicationPayload {
  year: number;
  version: number;
  correctionReason: string | null;
  draftSha256: string;
  /**
   * A report read from a document the agency published elsewhere (the workspace import): on the
   * last approval it is written as version 1, marked imported with its source, instead of the
   * draft. Until then the portal does not show it.
   */
  imported?: ImportedReport;
}

/** The draft as the published page will show it: the body of its HTML document. */
async function draftBody(ctx: ServiceContext, agencyId: string, year: number): Promise<string> {
  const detail = await getReport(ctx, agencyId, year);
  if (!detail.draft) return '';
  return bodyOf(String(await renderReport(detail.report, 'html')));
}

const bodyOf = (html: string): string => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;

/** What the reviewer of an import needs to know about where it came from. */
function importReasons(source: ImportSource): { label: string; text: string }[] {
  return [
    {
      label: '导入来源',
      text: `${source.filename}（${source.format}，${source.size} 字节，SHA-256 ${source.sha256}）`,
    },
    {
      label: '人工更正',
      text:
        source.corrections.length === 0
          ? '无'
          : source.corrections
              .map((c) => `${c.path}：读取为 ${c.read ?? '空'}，更正为 ${c.corrected ?? '空'}`)
              .join('；'),
    },
    ...(source.agencyConfirmed
      ? [
          {
            label: '机关确认',
            text: `文件读出的机关为“${source.agencyConfirmed.stated || '（未读出）'}”，由${source.agencyConfirmed.confirmedBy}确认属于${source.agencyConfirmed.chosen}：${source.agencyConfirmed.reason}`,
          },
        ]
      : []),
  ];
}

const SYSTEM_VIEW: Actor = { kind: 'system', label: '年度报告' };

/** The latest request to publish a report, as its page shows it (or null). */
export async function reportApproval(
  db: Db,
  agencyId: string,
  reportId: string,
  actor: Actor = SYSTEM_VIEW,
): Promise<ApprovalView<ReportPublicationPayload> | null> {
  const all = await requestsOfSubject(db, actor, agencyId, [REPORT_PUBLISH_KIND], reportId);
  // The pending one first: two requests made in the same instant sort in no set order.
  const latest = all.find((r) => r.status === 'pending') ?? all.at(-1);
  return (latest as ApprovalView<ReportPublicationPayload> | undefined) ?? null;
}

async function reportLabels(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const id of new Set(ids)) {
    const row = await db
      .selectFrom('annual_report')
      .select(['id', 'year'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row) map.set(id, `${row.year}年度报告`);
  }
  return map;
}

registerSubjectKind<ReportPublicationPayload>({
  kind: REPORT_PUBLISH_KIND,
  label: '发布（更正）年度报告',
  defaultLevels: [{ role: 'reviewer', reviewLevel: 'section_head' }],
  auditPrefix: 'report',
  entityType: 'annual_report',
  lockKey: (id) => `report:${id}`,
  summary: (p) =>
    p.imported
      ? `发布${p.year}年度报告（从已公开文件“${p.imported.source.filename}”导入）`
      : p.version > 1
        ? `发布${p.year}年度报告的更正版本（第 ${p.version} 版）：${p.correctionReason ?? ''}`
        : `发布${p.year}年度报告`,
  subjectLabels: reportLabels,
  async onApproved(ctx, t, actor, request) {
    if (actor.kind !== 'user') throw forbidden();
    if (request.payload.imported) {
      await writeImportedVersion(
        ctx,
        t,
        actor,
        request.agencyId,
        request.payload.year,
        request.payload.imported,
        request.requestedByName,
      );
      return;
    }
    const row = await reportsRepo.findReport(t, request.agencyId, request.payload.year);
    if (!row?.draft_json || draftHash(row.draft_json) !== request.payload.draftSha256) {
      throw new AppError(
        'conflict',
        '提请审批后报告草稿已有变化，不能按提请时的内容发布：请提请人撤回后重新提请。',
        { reason: 'draft_changed' },
      );
    }
    const prepared = await preparePublication(
      ctx,
      t,
      actor,
      request.agencyId,
      request.payload.year,
      {
        correctionReason: request.payload.correctionReason ?? '',
      },
    );
    // The version is the author's, approved by the reviewer (both in the audit trail).
    await writePublication(ctx, t, actor, request.agencyId, prepared, request.requestedByName);
  },
  async preview(ctx, _actor, request) {
    const row = await reportsRepo.findReport(ctx.store.db, request.agencyId, request.payload.year);
    const versions = row ? await reportsRepo.listVersions(ctx.store.db, row.id) : [];
    const imported = request.payload.imported;
    return {
      document: imported
        ? {
            title: `${request.payload.year}年度报告（导入，待发布）`,
            html: bodyOf(String(await renderReport(imported.report, 'html'))),
          }
        : {
            title: `${request.payload.year}年度报告（待发布的草稿）`,
            html: await draftBody(ctx, request.agencyId, request.payload.year),
            url: `/api/v1/agencies/${request.agencyId}/reports/${request.payload.year}/draft/document.html`,
          },
      timeline: [
        ...(row
          ? [{ date: row.created_at.slice(0, 10), label: '建立报告', detail: row.created_by }]
          : []),
        ...versions.map((v) => ({
          date: v.published_on,
          label: `发布第 ${v.version} 版`,
          detail: v.correction_reason ? `更正原因：${v.correction_reason}` : v.published_by,
        })),
        ...(row?.draft_updated_at
          ? [
              {
                date: row.draft_updated_at.slice(0, 10),
                label: '最后保存草稿',
                detail: row.draft_updated_by,
              },
            ]
          : []),
      ],
      reasons: [
        ...(request.payload.correctionReason
          ? [{ label: '更正原因', text: request.payload.correctionReason }]
          : []),
        ...(imported ? importReasons(imported.source) : []),
      ],
    };
  },
});
