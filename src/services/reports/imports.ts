import { createHash, randomUUID } from 'node:crypto';
import { AppError, invalidField, notFound } from '../../core/errors.js';
import { diffReports } from '../../core/report/diff.js';
import type { AnnualReport } from '../../core/report/model.js';
import { parseReportJson } from '../../core/report/schema.js';
import { validateReport } from '../../core/report/validate.js';
import { getBlob, getUpload, putBlob, putUpload } from '../../store/repositories/blobs.js';
import type { Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/reports.js';
import { recordChange } from '../audit.js';
import type { Actor, ServiceContext } from '../context.js';
import { checkImportAgency, type AgencyConfirmation } from '../import-agency.js';
import { getAgency } from '../organisations.js';
import { crossContextFor } from '../supervision/cross-context.js';
import { submit } from '../review/engine.js';
import { REPORT_PUBLISH_KIND, type ReportPublicationPayload } from '../report-approval.js';
import {
  actorName,
  levelOf,
  loadReport,
  type ImportSource,
  type RenderedDocument,
  type ReportDetail,
} from './common.js';
import { getReport } from './drafts.js';

/** Reports read from published documents: the upload kept, the reading saved as a version. */

/** The format names of ImportSource, by the reader's document kind. */
const FORMAT_OF_KIND: Record<string, string> = {
  text: 'txt',
  html: 'html',
  docx: 'docx',
  pdf: 'pdf',
  json: 'json',
};

/**
 * Keeps a file uploaded to be read for an agency, with what the reader made of it: saving the
 * reading later is checked against this record (see importReport).
 */
export async function recordReportUpload(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  upload: {
    bytes: Uint8Array;
    sha256: string;
    filename: string;
    kind: string | null;
    report: AnnualReport | null;
    findings: number;
  },
): Promise<void> {
  await ctx.store.transaction(async (t) => {
    const now = ctx.clock.now().toISOString();
    await putBlob(t, upload.bytes, 'application/octet-stream', now);
    await putUpload(t, {
      agency_id: agencyId,
      sha256: upload.sha256,
      filename: upload.filename,
      size: upload.bytes.length,
      kind: upload.kind,
      reading_json: upload.report ? JSON.stringify(upload.report) : null,
      read_at: now,
      read_by: actorName(actor),
    });
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'report.file_read',
      entityType: 'file',
      entityId: upload.sha256,
      agencyId,
      after: {
        filename: upload.filename,
        size: upload.bytes.length,
        kind: upload.kind,
        findings: upload.findings,
      },
    });
  });
}

/** The figures saved that differ from what the reader read (a figure it left empty included). */
function correctionsOf(reading: AnnualReport, saved: AnnualReport): ImportSource['corrections'] {
  const number = (c: unknown) => (typeof c === 'number' ? c : null);
  return diffReports(reading, saved).flatMap((change) => {
    if (change.kind !== 'figure') return [];
    const read = number(change.before);
    const corrected = number(change.after);
    return read === corrected ? [] : [{ path: change.path, read, corrected }];
  });
}

/** What an approved import writes, as the request to publish it carries it. */
export interface ImportedReport {
  report: AnnualReport;
  source: ImportSource;
  /** How many findings the reading had when it was submitted (for the reviewer). */
  findings: number;
}

/**
 * Writes an imported report as version 1 (in the caller's transaction, holding the report's
 * lock): marked imported, with its source, judged by the same validation as any other. Called
 * by the last approval of its request to publish (report-approval.ts), or at once when the
 * agency's chain for report.publish is empty or the importer is the system / a bulk import.
 */
export async function writeImportedVersion(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  agencyId: string,
  year: number,
  imported: ImportedReport,
  publishedBy = actorName(actor),
): Promise<void> {
  const row = await loadReport(t, agencyId, year);
  if (Number(row.latest_version) > 0 || row.draft_json) {
    throw new AppError(
      'conflict',
      `${year}年度报告在提请后已有发布的版本或草稿，不能再按导入的内容发布：请提请人撤回。`,
      { reason: 'report_changed' },
    );
  }
  const { report, source } = imported;
  const findings = validateReport(report, { across: await crossContextFor(t, agencyId, year) });
  const content = JSON.stringify(report);
  const now = ctx.clock.now();
  await repo.insertVersion(t, {
    report_id: row.id,
    version: 1,
    content_json: content,
    content_sha256: createHash('sha256').update(content).digest('hex'),
    findings_json: JSON.stringify(findings),
    published_on: report.publishedOn!,
    published_at: now.toISOString(),
    published_by: publishedBy,
    correction_reason: null,
    origin: 'imported',
    source_json: JSON.stringify(source),
    draft_json: null,
  });
  await repo.updateReport(t, row.id, {
    draft_json: null,
    draft_updated_at: null,
    draft_updated_by: null,
    latest_version: 1,
  });
  await recordChange(ctx, t, actor, now, {
    action: 'report.import',
    entityType: 'annual_report',
    entityId: row.id,
    agencyId,
    after: { year, source, findings: findings.length, importedBy: publishedBy },
  });
}

/**
 * Saves a report read from a published document as that agency's report for that year. A
 * person in the workspace submits it along the agency's review chain for the annual report
 * (report.publish), the same approval as a report written here: the version is written, and
 * the portal shows it, only on the last approval; a return sends it back with the comment.
 * `atOnce` (the supervisor's bulk import of reports the agencies already published, recorded
 * for evaluation; see supervision/bulk-import.ts) and a chain with no level write it at once.
 * Only a year with no published version and no draft can be imported into.
 */
export async function importReport(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
  input: {
    report: unknown;
    source: { sha256: string };
    /** A supervisor's confirmation, needed when the reading names another agency (or none). */
    agencyConfirmation?: AgencyConfirmation;
  },
  options: { atOnce?: boolean } = {},
): Promise<ReportDetail> {
  const parsed = parseReportJson(JSON.stringify(input.report));
  if (!parsed.report) {
    const first = parsed.problems[0];
    throw invalidField(
      `report${first?.path.replace(/\//g, '.') ?? ''}`,
      first?.message ?? '报告内容无效。',
    );
  }
  const report: AnnualReport = { ...parsed.report, year };
  if (!report.publishedOn || !/^\d{4}-\d{2}-\d{2}$/.test(report.publishedOn)) {
    throw invalidField(
      'report.publishedOn',
      '请填写该报告的发布日期（YYYY-MM-DD），用于判断是否按时发布。',
    );
  }
  await ctx.store.transaction(async (t) => {
    // The file must have been read for this agency; its name, size and kind are the server's
    // record of that, and the corrections are what differs from the reader's figures.
    const upload = await getUpload(t, agencyId, input.source.sha256);
    if (!upload?.reading_json) {
      throw invalidField(
        'source.sha256',
        upload
          ? '这个文件读取时没有读出报告，不能保存为报告。请上传能读出报告的文件。'
          : '找不到为本机关读取过的这个原始文件。请先通过“读取文件”为本机关上传该报告文件，再保存，以便日后可追溯到原文。',
      );
    }
    const reading = JSON.parse(upload.reading_json) as AnnualReport;
    const agency = await getAgency(t, agencyId);
    let row = await repo.findReport(t, agencyId, year);
    if (row && Number(row.latest_version) > 0) {
      throw new AppError(
        'conflict',
        `${agency.name}${year}年度已有发布的报告，不能再导入。如已发布的内容有误，请发起更正。`,
      );
    }
    if (row?.draft_json) {
      throw new AppError(
        'conflict',
        `${agency.name}${year}年度已有正在编辑的草稿。请先与该机关确认，以免覆盖其工作。`,
      );
    }
    // The agency the document names, as read (not as the client sends it), must be this one.
    const confirmed = await checkImportAgency(
      t,
      actor,
      agency,
      reading.agency ?? '',
      input.agencyConfirmation,
    );
    const source: ImportSource = {
      filename: upload.filename,
      sha256: upload.sha256,
      size: Number(upload.size),
      format: FORMAT_OF_KIND[upload.kind ?? ''] ?? 'txt',
      corrections: correctionsOf(reading, report),
      ...(confirmed ? { agencyConfirmed: confirmed } : {}),
    };
    report.agency = agency.name;
    report.agencyLevel = report.agencyLevel ?? levelOf(agency);
    const now = ctx.clock.now();
    if (!row) {
      await repo.insertReport(t, {
        id: randomUUID(),
        agency_id: agencyId,
        year,
        draft_json: null,
        draft_updated_at: null,
        draft_updated_by: null,
        latest_version: 0,
        created_at: now.toISOString(),
        created_by: actorName(actor),
      });
      row = await loadReport(t, agencyId, year);
    }
    await ctx.store.lock(t, `report:${row.id}`);
    const findings = validateReport(report, { across: await crossContextFor(t, agencyId, year) });
    const imported: ImportedReport = { report, source, findings: findings.length };
    if (actor.kind === 'user' && !options.atOnce) {
      const payload: ReportPublicationPayload = {
        year,
        version: 1,
        correctionReason: null,
        draftSha256: '',
        imported,
      };
      const id = await submit(ctx, t, actor, {
        agencyId,
        kind: REPORT_PUBLISH_KIND,
        subjectId: row.id,
        payload,
        note: `从已公开文件“${source.filename}”导入`,
      });
      if (id !== null) return;
    }
    await writeImportedVersion(ctx, t, actor, agencyId, year, imported);
  });
  return getReport(ctx, agencyId, year);
}

/** The original document an imported version was read from, for anyone to check it. */
export async function versionSource(
  ctx: ServiceContext,
  agencyId: string,
  year: number,
  version: number,
): Promise<RenderedDocument> {
  const row = await loadReport(ctx.store.db, agencyId, year);
  const v = await repo.findVersion(ctx.store.db, row.id, version);
  if (!v?.source_json) throw notFound('原始文件');
  const source = JSON.parse(v.source_json) as ImportSource;
  const blob = await getBlob(ctx.store.db, source.sha256);
  if (!blob) throw notFound('原始文件');
  return { bytes: blob.bytes, mediaType: 'application/octet-stream', filename: source.filename };
}
