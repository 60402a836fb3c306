import { notFound, AppError } from '../../core/errors.js';
import type { Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import { DOCUMENT_TYPES, renderReport, type DocumentFormat } from '../../render/index.js';
import { putBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/reports.js';
import { shanghaiDate, type ServiceContext } from '../context.js';
import type { RenderedDocument } from './common.js';
import { getReport, versionReport } from './drafts.js';

/** A report's documents (HTML, PDF, DOCX, …) and the list of published reports. */

const asBytes = (content: string | Uint8Array): Uint8Array =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content;

/** Renders, turning a missing or broken Chromium into a clear 503 instead of a 500. */
async function render(report: AnnualReport, format: DocumentFormat): Promise<Uint8Array> {
  try {
    return asBytes(await renderReport(report, format));
  } catch (error) {
    if (format !== 'pdf') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'service_unavailable',
      `暂时无法生成 PDF：${reason} 网页、Word 等其他格式可以正常下载。`,
    );
  }
}

function filenameOf(
  report: AnnualReport,
  version: number | 'draft',
  format: DocumentFormat,
): string {
  const suffix = version === 'draft' ? '草稿' : version > 1 ? `第${version}版` : '';
  return `${report.agency}${report.year}年政府信息公开工作年度报告${suffix}.${format}`;
}

/**
 * A document of a published version, rendered once and kept as a blob (published versions
 * never change, so neither do their documents), or of the current draft (rendered each time).
 */
export async function reportDocument(
  ctx: ServiceContext,
  agencyId: string,
  year: number,
  version: number | 'draft',
  format: DocumentFormat,
): Promise<RenderedDocument> {
  if (version === 'draft') {
    const detail = await getReport(ctx, agencyId, year);
    if (!detail.draft) throw notFound('草稿');
    // A draft's document is dated the day it is made, in its 落款 only (the data formats keep
    // the draft's publishedOn, null: it has not been published).
    const dated =
      format === 'json' || format === 'csv'
        ? detail.report
        : { ...detail.report, publishedOn: shanghaiDate(ctx.clock.now()) };
    return {
      bytes: await render(dated, format),
      mediaType: DOCUMENT_TYPES[format].contentType,
      filename: filenameOf(detail.report, 'draft', format),
    };
  }
  const { reportId, report } = await versionReport(ctx, agencyId, year, version);
  const cached = await repo.findDocument(ctx.store.db, reportId, version, format);
  if (cached) {
    return {
      bytes: cached.bytes,
      mediaType: cached.media_type,
      filename: filenameOf(report, version, format),
    };
  }
  const bytes = await render(report, format);
  const sha = await putBlob(
    ctx.store.db,
    bytes,
    DOCUMENT_TYPES[format].contentType,
    ctx.clock.now().toISOString(),
  );
  await repo.insertDocument(ctx.store.db, {
    report_id: reportId,
    version,
    format,
    blob_sha256: sha,
  });
  return {
    bytes,
    mediaType: DOCUMENT_TYPES[format].contentType,
    filename: filenameOf(report, version, format),
  };
}

export interface PublishedReportItem {
  agencyId: string;
  year: number;
  latestVersion: number;
  /** When the report was first published (the date 条例第四十九条 is about). */
  publishedOn: string;
  /** When the latest correction was published, if there is one. */
  correctedOn: string | null;
  origin: string;
  errors: number;
  warnings: number;
}

export async function listPublishedReports(
  ctx: ServiceContext,
  agencyIds: readonly string[],
): Promise<PublishedReportItem[]> {
  const rows = await repo.listPublished(ctx.store.db, agencyIds);
  return rows.map((r) => {
    const findings = JSON.parse(r.findings_json) as Finding[];
    return {
      agencyId: r.agency_id,
      year: Number(r.year),
      latestVersion: Number(r.latest_version),
      publishedOn: r.first_published_on,
      correctedOn: Number(r.latest_version) > 1 ? r.published_on : null,
      origin: r.origin,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    };
  });
}
