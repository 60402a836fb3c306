/**
 * Bulk import of reports published off the system: a supervisor uploads a ZIP or many files
 * for a year; each file is read in reading threads (the reader's threaded entry point, each
 * file bounded in time), matched to an agency of the region by the name it states — its own
 * name or a recorded alias, else proposals the supervisor confirms, never a guess — and shown
 * in a review table; the supervisor confirms per row or all rows without problems, and each
 * confirmed row is saved as that agency's imported report. A file read before is recognised
 * by its hash.
 */
import { randomUUID } from 'node:crypto';
import { invalidField, notFound } from '../../core/errors.js';
import type { Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import type { NameProposal } from '../../core/supervision/agency-names.js';
import { uploadedFiles, type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from '../../ingest/archive.js';
import type { Db } from '../../store/database.js';
import { putBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/bulk-imports.js';
import * as supRepo from '../../store/repositories/supervision.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { isReading, readQueued } from './bulk-import-reading.js';
import { regionAgencies } from './region-data.js';
import { regionScope } from './scope.js';

export type ItemStatus = 'refused' | 'queued' | 'read' | 'saved';

export interface ItemView {
  seq: number;
  filename: string;
  size: number;
  sha256: string | null;
  status: ItemStatus;
  refusal: string | null;
  kind: string | null;
  statedAgency: string | null;
  statedYear: number | null;
  publishedOn: string | null;
  matchKind: 'name' | 'alias' | 'proposal' | 'chosen' | null;
  agencyId: string | null;
  agencyName: string | null;
  proposals: NameProposal[];
  matchNote: string | null;
  /** Figures read: how many cells of the three tables hold a number. */
  figuresRead: number;
  errors: number;
  warnings: number;
  findings: Finding[];
  /** What the reader could not read (unreadable-file, unreadable-cell, cell-count…). */
  unread: string[];
  /** When this file (same hash) was read or saved before. */
  earlier: string | null;
  /** Why the row cannot be saved as it stands; empty when it can. */
  problems: string[];
  savedAt: string | null;
}

export interface ImportView {
  id: string;
  regionCode: string;
  regionName: string;
  year: number;
  createdAt: string;
  createdBy: string;
  total: number;
  queued: number;
  read: number;
  refused: number;
  saved: number;
  /** Rows ready to save (no problem). */
  ready: number;
  reading: boolean;
  items: ItemView[];
}

const READER_CODES = new Set([
  'unreadable-file',
  'unreadable-cell',
  'cell-count',
  'row-order',
  'unread-table',
  'unread-section',
]);

function countFigures(report: AnnualReport | null): number {
  if (!report) return 0;
  let n = 0;
  const walk = (v: unknown) => {
    if (typeof v === 'number') n++;
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(report.tables);
  return n;
}

export async function importOf(db: Db, regionCode: string, importId: string) {
  const row = await repo.findImport(db, importId);
  if (!row || row.region_code !== regionCode) throw notFound('批量导入');
  return row;
}

export async function startImport(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  year: number,
): Promise<ImportView> {
  const thisYear = Number(shanghaiDate(ctx.clock.now()).slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > thisYear) {
    throw invalidField('year', `年度应在 2008 至 ${thisYear} 年之间。`);
  }
  const scope = await regionScope(ctx.store.db, regionCode);
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    await repo.insertImport(t, {
      id,
      region_code: scope.region.code,
      year,
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
      created_by_user_id: actor.kind === 'user' ? actor.principal.userId : null,
      file_count: 0,
    });
    await recordChange(ctx, t, actor, now, {
      action: 'supervision.import_start',
      entityType: 'bulk_import',
      entityId: id,
      after: { regionCode, year },
    });
  });
  return importView(ctx, regionCode, id);
}

/**
 * Adds one uploaded file (a ZIP is expanded; what cannot be read is refused per file with the
 * reason) and starts reading what was added in the background.
 */
export async function addFile(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  importId: string,
  upload: { name: string; bytes: Uint8Array },
  options: { limits?: ArchiveLimits; jobs?: number } = {},
): Promise<ImportView> {
  const db = ctx.store.db;
  const batch = await importOf(db, regionCode, importId);
  const files = uploadedFiles(upload.name, upload.bytes, options.limits ?? DEFAULT_ARCHIVE_LIMITS);
  const now = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (t) => {
    let seq = await repo.lastSeq(t, importId);
    for (const file of files) {
      seq++;
      const sha256 = file.bytes
        ? await putBlob(t, file.bytes, 'application/octet-stream', now)
        : null;
      await repo.insertItem(t, {
        import_id: importId,
        seq,
        filename: file.name.slice(0, 500),
        size: file.bytes ? file.bytes.length : file.size,
        sha256,
        status: file.refusal ? 'refused' : 'queued',
        refusal: file.refusal ?? null,
        kind: null,
        stated_agency: null,
        stated_year: null,
        published_on: null,
        match_kind: null,
        agency_id: null,
        proposals_json: '[]',
        match_note: null,
        reading_json: null,
        findings_json: '[]',
        earlier_json: null,
        saved_at: null,
        saved_by: null,
      });
    }
    await repo.setFileCount(t, importId, seq);
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'supervision.import_upload',
      entityType: 'bulk_import',
      entityId: importId,
      after: {
        file: upload.name,
        size: upload.bytes.length,
        files: files.length,
        refused: files.filter((f) => f.refusal).map((f) => ({ name: f.name, reason: f.refusal })),
      },
    });
  });
  readQueued(ctx, regionCode, batch.id, options.jobs);
  return importView(ctx, regionCode, importId);
}

function problemsOf(
  item: repo.BulkImportItemRow,
  year: number,
  published: ReadonlySet<string>,
  claimed: ReadonlyMap<string, number>,
): string[] {
  if (item.status === 'refused') return [item.refusal ?? '未读取。'];
  if (item.status === 'queued') return ['正在读取。'];
  if (item.status === 'saved') return [];
  const problems: string[] = [];
  if (!item.reading_json) {
    const findings = JSON.parse(item.findings_json) as Finding[];
    return [findings[0]?.message ?? '没有读出报告。'];
  }
  if (!item.agency_id) problems.push('尚未确定机关：请确认建议的机关或选择机关。');
  if (item.stated_year !== null && item.stated_year !== year) {
    problems.push(`报告年度为 ${item.stated_year}，不是本批的 ${year} 年度。`);
  }
  if (!item.published_on) problems.push('没有读出发布日期：请填写报告的发布日期。');
  if (item.agency_id && published.has(item.agency_id)) {
    problems.push('该机关本年度已有发布的报告，不能再导入（如有误请由机关更正）。');
  }
  if (item.agency_id && (claimed.get(item.agency_id) ?? 0) > 1) {
    problems.push('本批中有多个文件对应同一机关，请只保留一个。');
  }
  const earlier = item.earlier_json ? (JSON.parse(item.earlier_json) as string | null) : null;
  if (earlier?.startsWith('同一文件已于') && earlier.includes('导入为报告')) problems.push(earlier);
  return problems;
}

function unreadOf(findings: readonly Finding[]): string[] {
  return findings.filter((f) => READER_CODES.has(f.code)).map((f) => f.message);
}

export async function importView(
  ctx: ServiceContext,
  regionCode: string,
  importId: string,
): Promise<ImportView> {
  const db = ctx.store.db;
  const batch = await importOf(db, regionCode, importId);
  const items = await repo.itemsOf(db, importId);
  const scope = await regionScope(db, regionCode);
  const agencies = await regionAgencies(db, scope);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const publishedRows = await supRepo.reportsOfRegions(db, scope.codes, [Number(batch.year)]);
  const savedHere = new Set(items.filter((i) => i.status === 'saved').map((i) => i.agency_id));
  const published = new Set(
    publishedRows
      .filter((r) => r.first_published_on && !savedHere.has(r.agency_id))
      .map((r) => r.agency_id),
  );
  const claimed = new Map<string, number>();
  for (const i of items) {
    if (i.agency_id && i.status === 'read')
      claimed.set(i.agency_id, (claimed.get(i.agency_id) ?? 0) + 1);
  }
  const views = items.map((i): ItemView => {
    const findings = JSON.parse(i.findings_json) as Finding[];
    const report = i.reading_json ? (JSON.parse(i.reading_json) as AnnualReport) : null;
    return {
      seq: Number(i.seq),
      filename: i.filename,
      size: Number(i.size),
      sha256: i.sha256,
      status: i.status as ItemStatus,
      refusal: i.refusal,
      kind: i.kind,
      statedAgency: i.stated_agency,
      statedYear: i.stated_year === null ? null : Number(i.stated_year),
      publishedOn: i.published_on,
      matchKind: i.match_kind as ItemView['matchKind'],
      agencyId: i.agency_id,
      agencyName: i.agency_id ? (names.get(i.agency_id) ?? null) : null,
      proposals: JSON.parse(i.proposals_json) as NameProposal[],
      matchNote: i.match_note,
      figuresRead: countFigures(report),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      findings,
      unread: unreadOf(findings),
      earlier: i.earlier_json ? (JSON.parse(i.earlier_json) as string | null) : null,
      problems: problemsOf(i, Number(batch.year), published, claimed),
      savedAt: i.saved_at,
    };
  });
  const count = (s: ItemStatus) => views.filter((v) => v.status === s).length;
  if (count('queued') > 0 && !isReading(importId)) {
    // Left queued by a restart: read them now.
    readQueued(ctx, regionCode, importId);
  }
  return {
    id: batch.id,
    regionCode: batch.region_code,
    regionName: scope.region.name,
    year: Number(batch.year),
    createdAt: batch.created_at,
    createdBy: batch.created_by,
    total: views.length,
    queued: count('queued'),
    read: count('read'),
    refused: count('refused'),
    saved: count('saved'),
    ready: views.filter((v) => v.status === 'read' && v.problems.length === 0).length,
    reading: isReading(importId),
    items: views,
  };
}

export async function listImports(ctx: ServiceContext, regionCode: string) {
  const rows = await repo.importsOfRegion(ctx.store.db, regionCode);
  return rows.map((r) => ({
    id: r.id,
    year: Number(r.year),
    createdAt: r.created_at,
    createdBy: r.created_by,
    files: Number(r.file_count),
  }));
}
