import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import { AppError, notFound } from '../../core/errors.js';
import type { ReportDraft } from '../../core/report/draft.js';
import type { Finding } from '../../core/report/findings.js';
import type { AgencyLevel, AnnualReport, ReportSection } from '../../core/report/model.js';
import { sanitise } from '../../render/html.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/reports.js';
import { withComputedFigures } from '../applications/statistics.js';
import type { Actor, ServiceContext } from '../context.js';
import type { ConfirmedAgency } from '../import-agency.js';
import type { Agency } from '../organisations.js';
import type { reportApproval } from '../report-approval.js';

/** What the annual-report services share: the shapes they answer with and the loading of a report. */

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

export const levelOf = (agency: Agency): AgencyLevel =>
  agency.isGovernment ? 'government' : 'department';

/** The first year under the 2019 regulation; the statistics of earlier years used another law. */
export const FIRST_REPORT_YEAR = 2019;

export const actorName = (actor: Actor): string =>
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

export function cleanSections(sections: ReportSection[]): ReportSection[] {
  return sections.map((s) => {
    if (s.html === undefined) return { key: s.key, number: s.number, title: s.title, text: s.text };
    const html = sanitise(s.html);
    return { key: s.key, number: s.number, title: s.title, text: htmlToText(html), html };
  });
}

export async function loadReport(db: Db, agencyId: string, year: number) {
  const row = await repo.findReport(db, agencyId, year);
  if (!row) throw notFound(`${year}年度报告`);
  return row;
}

/**
 * The report with its draft's tables 三 and 四 recomputed from the application records (and
 * locked) when the agency has records for the year — on every load of a draft, never for a
 * published version.
 */
export async function loadReportForDraft(
  ctx: ServiceContext,
  db: Db,
  agencyId: string,
  year: number,
) {
  const row = await loadReport(db, agencyId, year);
  if (!row.draft_json) return row;
  const draft = JSON.parse(row.draft_json) as ReportDraft;
  const at = ctx.clock.now().toISOString();
  const computed = await withComputedFigures(db, agencyId, year, draft, at);
  return { ...row, draft_json: JSON.stringify(computed) };
}

export function toVersionSummary(
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

/** A published version must be what was published: its content still matches its hash. */
export function checkIntegrity(row: {
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

export interface RenderedDocument {
  bytes: Uint8Array;
  mediaType: string;
  filename: string;
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
