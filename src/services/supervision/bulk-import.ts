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
import { availableParallelism } from 'node:os';
import { isCalendarDate } from '../../core/calendar/date.js';
import { AppError, invalidField, notFound } from '../../core/errors.js';
import { checkAcrossReports } from '../../core/report/cross-checks.js';
import type { Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import {
  matchAgencyName,
  type NameCandidate,
  type NameProposal,
} from '../../core/supervision/agency-names.js';
import { uploadedFiles, type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from '../../ingest/archive.js';
import { readerPoolOf } from '../../ingest/pool.js';
import type { ThreadResult } from '../../ingest/thread.js';
import type { Db } from '../../store/database.js';
import { getBlob, putBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/bulk-imports.js';
import * as supRepo from '../../store/repositories/supervision.js';
import { addAlias, nameCandidates } from '../agency-aliases.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { importReport, recordReportUpload } from '../reports.js';
import { regionAgencies, yearOnYearFactor } from './region-data.js';
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

/** The imports being read in this process, so a view knows and a test can wait. */
const reading = new Map<string, Promise<void>>();

/** The reading of an import still under way here, if any (tests and the bench wait on it). */
export function importReading(importId: string): Promise<void> | undefined {
  return reading.get(importId);
}

async function importOf(db: Db, regionCode: string, importId: string) {
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

/** Where this file was seen before (same bytes), in Chinese, or null. */
async function earlierUse(db: Db, sha256: string, importId: string): Promise<string | null> {
  const items = await repo.itemsWithHash(db, sha256);
  const saved = items.find((i) => i.saved_at);
  if (saved)
    return `同一文件已于 ${saved.saved_at!.slice(0, 10)} 导入为报告（批量导入“${saved.filename}”）。`;
  const other = items.find((i) => i.import_id !== importId);
  if (other)
    return `同一文件已在 ${other.created_at.slice(0, 10)} 的批量导入中读取过（“${other.filename}”）。`;
  const twice = items.filter((i) => i.import_id === importId);
  if (twice.length > 1) return `同一文件在本批中已上传过（“${twice[0]!.filename}”）。`;
  const upload = await repo.uploadWithHash(db, sha256);
  if (upload)
    return `同一文件已于 ${upload.read_at.slice(0, 10)} 在“导入与审查”中读取过（“${upload.filename}”）。`;
  return null;
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

/** Reading threads for a bulk import: the cores, at most 4, at least 1. */
export const DEFAULT_IMPORT_JOBS = Math.max(1, Math.min(4, availableParallelism()));

/** Reads the import's queued files in the background (once at a time per import). */
function readQueued(
  ctx: ServiceContext,
  regionCode: string,
  importId: string,
  jobs = DEFAULT_IMPORT_JOBS,
): void {
  const previous = reading.get(importId);
  const run = (previous ?? Promise.resolve()).then(() => readAll(ctx, regionCode, importId, jobs));
  const tracked = run
    .catch(() => undefined)
    .finally(() => {
      if (reading.get(importId) === tracked) reading.delete(importId);
    });
  reading.set(importId, tracked);
}

async function readAll(
  ctx: ServiceContext,
  regionCode: string,
  importId: string,
  jobs: number,
): Promise<void> {
  const db = ctx.store.db;
  const queue = await repo.queuedItems(db, importId);
  if (queue.length === 0) return;
  const scope = await regionScope(db, regionCode);
  const candidates = await nameCandidates(db, await regionAgencies(db, scope));
  const factor = await yearOnYearFactor(db, scope);
  // The server's bounded reading pool, as for single uploads: this import counts as one owner,
  // with as many files in flight as the pool lets one owner have.
  const pool = readerPoolOf(ctx);
  const owner = `bulk-import:${importId}`;
  const read = (job: { bytes: Uint8Array; file: string }) => pool.read(job, owner);
  jobs = Math.min(jobs, pool.options.perOwner);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const item = queue[next++];
      if (!item) return;
      const blob = await getBlob(db, item.sha256!);
      const result: ThreadResult = blob
        ? await read({ bytes: new Uint8Array(blob.bytes), file: item.filename })
        : {
            file: item.filename,
            kind: null,
            encoding: null,
            report: null,
            findings: [],
            sourceLines: {},
          };
      await recordReading(ctx, candidates, factor, importId, item, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, queue.length)) }, worker));
}

async function recordReading(
  ctx: ServiceContext,
  candidates: NameCandidate[],
  factor: number,
  importId: string,
  item: repo.BulkImportItemRow,
  result: ThreadResult,
): Promise<void> {
  const db = ctx.store.db;
  const report = result.report;
  let matchKind: ItemView['matchKind'] = null;
  let agencyId: string | null = null;
  let proposals: NameProposal[] = [];
  let note: string | null = null;
  let findings = result.findings;
  if (report) {
    const match = matchAgencyName(report.agency, candidates);
    if (match.kind === 'proposal') {
      matchKind = 'proposal';
      proposals = match.proposals;
      note = match.reason;
    } else {
      matchKind = match.kind;
      agencyId = match.agencyId;
      if (match.kind === 'alias') note = `按已登记的别名“${match.alias}”识别。`;
      const previous = await supRepo.latestContent(db, agencyId, report.year - 1);
      if (previous) {
        findings = [
          ...findings,
          ...checkAcrossReports(report, {
            previous: JSON.parse(previous.content_json) as AnnualReport,
            yearOnYearFactor: factor,
          }),
        ];
      }
    }
  }
  await repo.updateItem(db, importId, item.seq, {
    status: 'read',
    kind: result.kind,
    stated_agency: report?.agency ?? null,
    stated_year: report?.year ?? null,
    published_on: report?.publishedOn ?? null,
    match_kind: matchKind,
    agency_id: agencyId,
    proposals_json: JSON.stringify(proposals),
    match_note: note,
    reading_json: report ? JSON.stringify(report) : null,
    findings_json: JSON.stringify(findings),
    earlier_json: JSON.stringify(await earlierUse(db, item.sha256!, importId)),
  });
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
  if (count('queued') > 0 && !reading.has(importId)) {
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
    reading: reading.has(importId),
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

export interface ItemUpdate {
  /** The agency the supervisor confirms or chooses (of the region). */
  agencyId?: string;
  /** Record the stated name as the chosen agency's alias, so the next import matches it. */
  rememberAlias?: boolean;
  publishedOn?: string;
}

/** The supervisor settles a row: the agency (a proposal confirmed, or chosen) and the date. */
export async function updateItem(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  importId: string,
  seq: number,
  input: ItemUpdate,
): Promise<ImportView> {
  const db = ctx.store.db;
  await importOf(db, regionCode, importId);
  const item = await repo.findItem(db, importId, seq);
  if (!item) throw notFound('该文件');
  if (item.status !== 'read') {
    throw new AppError(
      'invalid_transition',
      item.status === 'saved' ? '该文件已保存为报告。' : '该文件没有读出报告，不能指定机关。',
    );
  }
  const patch: Parameters<typeof repo.updateItem>[3] = {};
  const problems: { field: string; message: string }[] = [];
  if (input.agencyId !== undefined) {
    const scope = await regionScope(db, regionCode);
    const agency = (await regionAgencies(db, scope)).find((a) => a.id === input.agencyId);
    if (!agency) problems.push({ field: 'agencyId', message: '请选择本辖区的机关。' });
    else {
      patch.agency_id = agency.id;
      patch.match_kind = 'chosen';
      patch.match_note = `由${actorLabel(actor)}确认为${agency.name}。`;
    }
  }
  if (input.publishedOn !== undefined) {
    const date = input.publishedOn.trim();
    if (!isCalendarDate(date)) {
      problems.push({ field: 'publishedOn', message: '发布日期应为有效日期（YYYY-MM-DD）。' });
    } else patch.published_on = date;
  }
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => p.message).join(' '), {
      field: problems[0]!.field,
      problems,
    });
  }
  await ctx.store.transaction(async (t) => {
    await repo.updateItem(t, importId, seq, patch);
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'supervision.import_settle',
      entityType: 'bulk_import',
      entityId: importId,
      ...(patch.agency_id ? { agencyId: patch.agency_id } : {}),
      before: { agencyId: item.agency_id, publishedOn: item.published_on },
      after: { seq, stated: item.stated_agency, ...input },
    });
  });
  if (input.rememberAlias && patch.agency_id && item.stated_agency) {
    await addAlias(ctx, actor, patch.agency_id, { alias: item.stated_agency }).catch((error) => {
      // Already an alias (or the agency's own name): nothing to remember.
      if (!(error instanceof AppError)) throw error;
    });
  }
  return importView(ctx, regionCode, importId);
}

/** Saves one row as its agency's imported report; refused while the row has a problem. */
export async function saveItem(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  importId: string,
  seq: number,
): Promise<ImportView> {
  const view = await importView(ctx, regionCode, importId);
  const item = view.items.find((i) => i.seq === seq);
  if (!item) throw notFound('该文件');
  if (item.status === 'saved') throw new AppError('invalid_transition', '该文件已保存为报告。');
  if (item.problems.length > 0) throw new AppError('conflict', item.problems.join(' '));
  await saveRow(ctx, actor, importId, view.year, item);
  return importView(ctx, regionCode, importId);
}

/** Saves every row without a problem; rows with one stay for the supervisor. */
export async function saveReady(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  importId: string,
): Promise<{ saved: number; failed: { seq: number; message: string }[]; view: ImportView }> {
  const view = await importView(ctx, regionCode, importId);
  let saved = 0;
  const failed: { seq: number; message: string }[] = [];
  for (const item of view.items) {
    if (item.status !== 'read' || item.problems.length > 0) continue;
    try {
      await saveRow(ctx, actor, importId, view.year, item);
      saved++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ seq: item.seq, message: error.message });
    }
  }
  return { saved, failed, view: await importView(ctx, regionCode, importId) };
}

async function saveRow(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  year: number,
  item: ItemView,
): Promise<void> {
  const db = ctx.store.db;
  const row = await repo.findItem(db, importId, item.seq);
  const blob = row?.sha256 ? await getBlob(db, row.sha256) : undefined;
  if (!row?.reading_json || !blob || !item.agencyId) {
    throw new AppError('conflict', '该文件的读取结果已不存在，请重新上传。');
  }
  const reading = JSON.parse(row.reading_json) as AnnualReport;
  const findings = JSON.parse(row.findings_json) as Finding[];
  await recordReportUpload(ctx, actor, item.agencyId, {
    bytes: new Uint8Array(blob.bytes),
    sha256: row.sha256!,
    filename: row.filename.split('/').pop() ?? row.filename,
    kind: row.kind,
    report: reading,
    findings: findings.length,
  });
  await importReport(
    ctx,
    actor,
    item.agencyId,
    year,
    {
      report: { ...reading, publishedOn: item.publishedOn },
      source: { sha256: row.sha256! },
      // A row the supervisor settled by choosing the agency (updateItem) is confirmed by that
      // choice, recorded with its note; a row matched by name or alias needs no confirmation.
      ...(item.matchKind === 'chosen'
        ? { agencyConfirmation: { reason: item.matchNote ?? '批量导入时由监督人员选定机关。' } }
        : {}),
    },
    // Recorded at once, not along the agency's review chain: these are reports the agencies
    // already published on their own sites, collected by the supervisor for evaluation; the
    // agency's act of publishing has happened, and the supervisor is not in its chain.
    { atOnce: true },
  );
  await repo.updateItem(db, importId, item.seq, {
    status: 'saved',
    saved_at: ctx.clock.now().toISOString(),
    saved_by: actorLabel(actor),
  });
}
