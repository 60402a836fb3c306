import { createHash, randomUUID } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import { AppError, invalidField, notFound } from '../core/errors.js';
import { diffReports, type ReportChange } from '../core/report/diff.js';
import {
  applyDraftEdit,
  draftFromReport,
  figurePaths,
  figureProblems,
  newDraft,
  reportFromDraft,
  type ReportDraft,
} from '../core/report/draft.js';
import { hasErrors, type Finding } from '../core/report/findings.js';
import type { AgencyLevel, AnnualReport, ReportSection } from '../core/report/model.js';
import { parseReportJson } from '../core/report/schema.js';
import { validateReport } from '../core/report/validate.js';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_TYPES,
  renderReport,
  type DocumentFormat,
} from '../render/index.js';
import { sanitise } from '../render/html.js';
import type { Db, Trx } from '../store/database.js';
import { getBlob, getUpload, putBlob, putUpload } from '../store/repositories/blobs.js';
import * as repo from '../store/repositories/reports.js';
import { withComputedFigures } from './applications/statistics.js';
import { recordChange } from './audit.js';
import { shanghaiDate, type Actor, type ServiceContext } from './context.js';
import {
  checkImportAgency,
  type AgencyConfirmation,
  type ConfirmedAgency,
} from './import-agency.js';
import { getAgency, type Agency } from './organisations.js';
import { crossContextFor } from './supervision/cross-context.js';
import { pendingRequest, submit } from './review/engine.js';
import {
  REPORT_PUBLISH_KIND,
  reportApproval,
  type ReportPublicationPayload,
} from './report-approval.js';

export { DOCUMENT_FORMATS, type DocumentFormat };

export interface VersionSummary {
  version: number;
  publishedOn: string;
  publishedAt: string;
  publishedBy: string;
  correctionReason: string | null;
  origin: 'authored' | 'imported';
  /** For an imported version, the name of the document it was read from. */
  sourceFilename: string | null;
  errors: number;
  warnings: number;
}

export interface ReportDetail {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  /** The working copy, when one is being edited. */
  draft: ReportDraft | null;
  draftUpdatedAt: string | null;
  /** The report as it stands: the draft's, or the latest published version's. */
  report: AnnualReport;
  findings: Finding[];
  versions: VersionSummary[];
  /** The latest request to publish this report along the review chain (pending or decided). */
  approval: Awaited<ReturnType<typeof reportApproval>>;
}

export interface ReportListItem {
  year: number;
  hasDraft: boolean;
  latestVersion: number;
  publishedOn: string | null;
  draftUpdatedAt: string | null;
}

const levelOf = (agency: Agency): AgencyLevel =>
  agency.isGovernment ? 'government' : 'department';

/** The first year under the 2019 regulation; the statistics of earlier years used another law. */
export const FIRST_REPORT_YEAR = 2019;

const actorName = (actor: Actor): string =>
  actor.kind === 'user'
    ? `${actor.principal.displayName}（${actor.principal.username}）`
    : actor.label;

/** The plain text of sanitised HTML: paragraphs on lines of their own. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<\/(p|li|h3|h4|blockquote)>|<br\s*\/?>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function cleanSections(sections: ReportSection[]): ReportSection[] {
  return sections.map((s) => {
    if (s.html === undefined) return { key: s.key, number: s.number, title: s.title, text: s.text };
    const html = sanitise(s.html);
    return { key: s.key, number: s.number, title: s.title, text: htmlToText(html), html };
  });
}

async function loadReport(db: Db, agencyId: string, year: number) {
  const row = await repo.findReport(db, agencyId, year);
  if (!row) throw notFound(`${year}年度报告`);
  return row;
}

/**
 * The report with its draft's tables 三 and 四 recomputed from the application records (and
 * locked) when the agency has records for the year — on every load of a draft, never for a
 * published version.
 */
async function loadReportForDraft(ctx: ServiceContext, db: Db, agencyId: string, year: number) {
  const row = await loadReport(db, agencyId, year);
  if (!row.draft_json) return row;
  const draft = JSON.parse(row.draft_json) as ReportDraft;
  const at = ctx.clock.now().toISOString();
  const computed = await withComputedFigures(db, agencyId, year, draft, at);
  return { ...row, draft_json: JSON.stringify(computed) };
}

function toVersionSummary(
  row: Awaited<ReturnType<typeof repo.listVersions>>[number],
): VersionSummary {
  const findings = JSON.parse(row.findings_json) as Finding[];
  return {
    version: Number(row.version),
    publishedOn: row.published_on,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    correctionReason: row.correction_reason,
    origin: row.origin as VersionSummary['origin'],
    sourceFilename: row.source_json ? (JSON.parse(row.source_json) as ImportSource).filename : null,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/**
 * Every figure of a published report has a known origin: those nobody typed (left at their
 * starting zero) are recorded as confirmed by the person who published.
 */
function confirmFigures(draft: ReportDraft, by: string, at: string): ReportDraft {
  const figureSources = { ...draft.figureSources };
  for (const path of figurePaths()) {
    figureSources[path] ??= { kind: 'manual', by: `${by}（发布时确认）`, at };
  }
  return { ...draft, figureSources };
}

/** A published version must be what was published: its content still matches its hash. */
function checkIntegrity(row: {
  version: number;
  content_json: string;
  content_sha256: string;
}): void {
  const sha = createHash('sha256').update(row.content_json).digest('hex');
  if (sha !== row.content_sha256) {
    throw new AppError(
      'conflict',
      `第 ${Number(row.version)} 版的内容与发布时的校验值不符，可能在数据库中被改动过。请联系系统管理员核查（可运行 gongkai audit-log verify）。`,
    );
  }
}

export async function listReports(
  ctx: ServiceContext,
  agencyId: string,
): Promise<ReportListItem[]> {
  const rows = await repo.listReportsOfAgency(ctx.store.db, agencyId);
  const items: ReportListItem[] = [];
  for (const row of rows) {
    const latest =
      row.latest_version > 0
        ? await repo.findVersion(ctx.store.db, row.id, row.latest_version)
        : undefined;
    items.push({
      year: Number(row.year),
      hasDraft: row.draft_json !== null,
      latestVersion: Number(row.latest_version),
      publishedOn: latest?.published_on ?? null,
      draftUpdatedAt: row.draft_updated_at,
    });
  }
  return items;
}

export async function getReport(
  ctx: ServiceContext,
  agencyId: string,
  year: number,
): Promise<ReportDetail> {
  const db = ctx.store.db;
  const row = await loadReportForDraft(ctx, db, agencyId, year);
  const agency = await getAgency(db, agencyId);
  const versions = await repo.listVersions(db, row.id);
  const draft = row.draft_json ? (JSON.parse(row.draft_json) as ReportDraft) : null;
  const latest = versions.at(-1);
  const today = shanghaiDate(ctx.clock.now());
  let report: AnnualReport;
  let findings: Finding[];
  if (draft) {
    report = reportFromDraft(draft, {
      agency: agency.name,
      level: levelOf(agency),
      year,
      publishedOn: null,
    });
    findings = validateReport(report, {
      today,
      across: await crossContextFor(db, agencyId, year),
    });
  } else if (latest) {
    checkIntegrity(latest);
    report = JSON.parse(latest.content_json) as AnnualReport;
    findings = JSON.parse(latest.findings_json) as Finding[];
  } else {
    throw new AppError('conflict', '该报告没有草稿也没有已发布版本。');
  }
  return {
    id: row.id,
    agencyId,
    agencyName: agency.name,
    year,
    draft,
    draftUpdatedAt: row.draft_updated_at,
    report,
    findings,
    versions: versions.map(toVersionSummary),
    approval: await reportApproval(db, agencyId, row.id),
  };
}

export async function createReport(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<ReportDetail> {
  const thisYear = Number(shanghaiDate(ctx.clock.now()).slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > thisYear) {
    throw invalidField('year', `年度应在 ${FIRST_REPORT_YEAR} 至 ${thisYear} 年之间。`);
  }
  await ctx.store.transaction(async (t) => {
    if (await repo.findReport(t, agencyId, year)) {
      throw new AppError('conflict', `${year}年度报告已经存在，请直接打开编辑。`, {
        field: 'year',
      });
    }
    const agency = await getAgency(t, agencyId);
    const draft = newDraft(
      {
        name: agency.name,
        level: levelOf(agency),
        address: agency.address,
        postcode: agency.postcode,
        phone: agency.phone,
        email: agency.email,
      },
      year,
    );
    const now = ctx.clock.now().toISOString();
    const id = randomUUID();
    await repo.insertReport(t, {
      id,
      agency_id: agencyId,
      year,
      draft_json: JSON.stringify(draft),
      draft_updated_at: now,
      draft_updated_by: actorName(actor),
      latest_version: 0,
      created_at: now,
      created_by: actorName(actor),
    });
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'report.create',
      entityType: 'annual_report',
      entityId: id,
      agencyId,
      after: { year },
    });
  });
  return getReport(ctx, agencyId, year);
}

export type DraftEdit = Omit<ReportDraft, 'figureSources'>;

export async function saveDraft(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
  edit: DraftEdit,
): Promise<ReportDetail> {
  const problems = figureProblems(edit.figures);
  if (problems.length > 0) {
    throw invalidField(`figures.${problems[0]!.path}`, problems[0]!.message);
  }
  if (edit.caseFigures?.mode === 'manual' && (edit.caseFigures.reason?.trim().length ?? 0) < 4) {
    throw invalidField(
      'caseFigures.reason',
      '改为手工填写表三、表四时，请说明原因（例如：本机关自年中起使用本系统，此前的申请未录入）。',
    );
  }
  const cleaned: DraftEdit = { ...edit, sections: cleanSections(edit.sections) };
  await ctx.store.transaction(async (t) => {
    const row = await loadReportForDraft(ctx, t, agencyId, year);
    if (!row.draft_json) {
      throw new AppError(
        'invalid_transition',
        '该报告已发布，已发布的报告不能修改。如需更正，请先“发起更正”，再编辑并发布新版本。',
      );
    }
    if (await pendingRequest(t, REPORT_PUBLISH_KIND, row.id)) {
      throw new AppError(
        'conflict',
        '该报告已提请审批发布，审批期间不能修改。如需修改，请先在报告页撤回审批。',
        { reason: 'approval_pending' },
      );
    }
    const current = JSON.parse(row.draft_json) as ReportDraft;
    const now = ctx.clock.now();
    const { draft, lockedChanges } = applyDraftEdit(
      current,
      cleaned,
      actorName(actor),
      now.toISOString(),
    );
    if (lockedChanges.length > 0) {
      throw new AppError(
        'conflict',
        '这些数字由本机关的办理记录自动统计，不能手工修改；如有错误，请更正相应的申请或复议、诉讼记录。',
        { field: `figures.${lockedChanges[0]}`, locked: lockedChanges },
      );
    }
    await repo.updateReport(t, row.id, {
      draft_json: JSON.stringify(draft),
      draft_updated_at: now.toISOString(),
      draft_updated_by: actorName(actor),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'report.draft_save',
      entityType: 'annual_report',
      entityId: row.id,
      agencyId,
      before: current,
      after: draft,
    });
  });
  return getReport(ctx, agencyId, year);
}

/** A draft checked for publication: what publishing it now would write. */
export interface PreparedPublication {
  reportId: string;
  year: number;
  version: number;
  reason: string;
  publishedOn: string;
  draft: ReportDraft;
  report: AnnualReport;
  findings: Finding[];
  /** The draft as stored, hashed: an approval is of this draft and no other. */
  draftSha256: string;
}

export const draftHash = (draftJson: string): string =>
  createHash('sha256').update(draftJson).digest('hex');

/** Checks that the draft may be published now (reason of a correction, no blocking error). */
export async function preparePublication(
  ctx: ServiceContext,
  t: Db,
  actor: Actor,
  agencyId: string,
  year: number,
  input: { correctionReason?: string },
): Promise<PreparedPublication> {
  const row = await loadReportForDraft(ctx, t, agencyId, year);
  if (!row.draft_json) {
    throw new AppError(
      'invalid_transition',
      '没有待发布的草稿。如需更正已发布的报告，请先“发起更正”。',
    );
  }
  const reason = input.correctionReason?.trim() ?? '';
  const version = Number(row.latest_version) + 1;
  if (version > 1 && !reason) {
    throw invalidField(
      'correctionReason',
      '发布更正版本须说明更正原因，原因会与新旧版本一起公开。',
    );
  }
  const agency = await getAgency(t, agencyId);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  // 条例第四十九条 is about when the report was first published: a correction keeps that
  // date in the report, and the date of the correction is recorded on its version.
  const first = version > 1 ? await repo.findVersion(t, row.id, 1) : undefined;
  const publishedOn = first?.published_on ?? today;
  const draft = confirmFigures(
    JSON.parse(row.draft_json) as ReportDraft,
    actorName(actor),
    now.toISOString(),
  );
  const report = reportFromDraft(draft, {
    agency: agency.name,
    level: levelOf(agency),
    year,
    publishedOn,
  });
  const findings = validateReport(report, {
    today,
    across: await crossContextFor(t, agencyId, year),
  });
  const blocking = findings.filter((f) => f.severity === 'error' && f.code !== 'late-publication');
  if (hasErrors(blocking)) {
    throw new AppError(
      'invalid_transition',
      `报告还有 ${blocking.length} 个错误，不能发布：${blocking[0]!.message}`,
      { findings: blocking },
    );
  }
  return {
    reportId: row.id,
    year,
    version,
    reason,
    publishedOn,
    draft,
    report,
    findings,
    draftSha256: draftHash(row.draft_json),
  };
}

/** Writes the prepared version (in the caller's transaction) and records it. */
export async function writePublication(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  agencyId: string,
  p: PreparedPublication,
  publishedBy = actorName(actor),
): Promise<void> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const content = JSON.stringify(p.report);
  await repo.insertVersion(t, {
    report_id: p.reportId,
    version: p.version,
    content_json: content,
    content_sha256: createHash('sha256').update(content).digest('hex'),
    findings_json: JSON.stringify(p.findings),
    published_on: today,
    published_at: now.toISOString(),
    published_by: publishedBy,
    correction_reason: p.version > 1 ? p.reason : null,
    origin: 'authored',
    source_json: null,
    draft_json: JSON.stringify(p.draft),
  });
  await repo.updateReport(t, p.reportId, {
    draft_json: null,
    draft_updated_at: null,
    draft_updated_by: null,
    latest_version: p.version,
  });
  await recordChange(ctx, t, actor, now, {
    action: p.version > 1 ? 'report.publish_correction' : 'report.publish',
    entityType: 'annual_report',
    entityId: p.reportId,
    agencyId,
    after: {
      year: p.year,
      version: p.version,
      publishedOn: p.publishedOn,
      versionDate: today,
      correctionReason: p.version > 1 ? p.reason : null,
    },
  });
}

/**
 * Publishes the draft, or a correction. A person's publication goes through the agency's review
 * chain for the annual report (report.publish, one level by default): the request is submitted
 * and the version is written when the last level approves. The system (imports, the CLI)
 * publishes at once.
 */
export async function publishReport(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
  input: { correctionReason?: string },
): Promise<ReportDetail> {
  await ctx.store.transaction(async (t) => {
    const prepared = await preparePublication(ctx, t, actor, agencyId, year, input);
    await ctx.store.lock(t, `report:${prepared.reportId}`);
    if (actor.kind === 'user') {
      const payload: ReportPublicationPayload = {
        year,
        version: prepared.version,
        correctionReason: prepared.version > 1 ? prepared.reason : null,
        draftSha256: prepared.draftSha256,
      };
      const id = await submit(ctx, t, actor, {
        agencyId,
        kind: REPORT_PUBLISH_KIND,
        subjectId: prepared.reportId,
        payload,
        note: payload.correctionReason,
      });
      if (id !== null) return;
    }
    await writePublication(ctx, t, actor, agencyId, prepared);
  });
  return getReport(ctx, agencyId, year);
}

export async function startCorrection(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<ReportDetail> {
  await ctx.store.transaction(async (t) => {
    const row = await loadReport(t, agencyId, year);
    if (row.draft_json)
      throw new AppError('invalid_transition', '已有正在编辑的草稿，请继续编辑它。');
    const latest = await repo.findVersion(t, row.id, Number(row.latest_version));
    if (!latest) throw new AppError('invalid_transition', '该报告尚未发布，无需更正。');
    checkIntegrity(latest);
    // Start from exactly what was published: the draft behind it (who typed each figure, and
    // whether tables 三/四 were typed by hand), or, for an imported report, its figures as read.
    const draft: ReportDraft = latest.draft_json
      ? (JSON.parse(latest.draft_json) as ReportDraft)
      : {
          ...draftFromReport(JSON.parse(latest.content_json) as AnnualReport),
          caseFigures: { mode: 'manual', reason: '更正导入的报告：表三、表四沿用已发布的数字' },
        };
    const now = ctx.clock.now().toISOString();
    await repo.updateReport(t, row.id, {
      draft_json: JSON.stringify(draft),
      draft_updated_at: now,
      draft_updated_by: actorName(actor),
    });
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'report.start_correction',
      entityType: 'annual_report',
      entityId: row.id,
      agencyId,
      after: { year, fromVersion: Number(row.latest_version) },
    });
  });
  return getReport(ctx, agencyId, year);
}

export async function versionReport(
  ctx: ServiceContext,
  agencyId: string,
  year: number,
  version: number,
): Promise<{
  reportId: string;
  report: AnnualReport;
  findings: Finding[];
  summary: VersionSummary;
}> {
  const row = await loadReport(ctx.store.db, agencyId, year);
  const v = await repo.findVersion(ctx.store.db, row.id, version);
  if (!v) throw notFound(`第 ${version} 版`);
  checkIntegrity(v);
  return {
    reportId: row.id,
    report: JSON.parse(v.content_json) as AnnualReport,
    findings: JSON.parse(v.findings_json) as Finding[],
    summary: toVersionSummary(v),
  };
}

export async function diffVersions(
  ctx: ServiceContext,
  agencyId: string,
  year: number,
  from: number,
  to: number,
): Promise<ReportChange[]> {
  const a = await versionReport(ctx, agencyId, year, from);
  const b = await versionReport(ctx, agencyId, year, to);
  return diffReports(a.report, b.report);
}

export interface RenderedDocument {
  bytes: Uint8Array;
  mediaType: string;
  filename: string;
}

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
    return {
      bytes: await render(detail.report, format),
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

export interface ImportSource {
  /** The file name as uploaded. */
  filename: string;
  /** SHA-256 of the uploaded bytes, so the version can be traced to the exact document. */
  sha256: string;
  size: number;
  /** How the reader read it: txt, html, docx, pdf, json. */
  format: string;
  /** Figures the person corrected after reading, with what the reader had found. */
  corrections: { path: string; read: number | null; corrected: number | null }[];
  /** When the reading named another agency (or none): the supervisor's confirmation. */
  agencyConfirmed?: ConfirmedAgency;
}

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

/**
 * Saves a report read from a published document as that agency's report for that year:
 * marked imported, with its source and what was corrected by hand, and judged by the same
 * validation as any other. Only a year with no published version can be imported into.
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
    const findings = validateReport(report, { across: await crossContextFor(t, agencyId, year) });
    const content = JSON.stringify(report);
    await repo.insertVersion(t, {
      report_id: row.id,
      version: 1,
      content_json: content,
      content_sha256: createHash('sha256').update(content).digest('hex'),
      findings_json: JSON.stringify(findings),
      published_on: report.publishedOn!,
      published_at: now.toISOString(),
      published_by: actorName(actor),
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
      after: { year, source, findings: findings.length },
    });
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
