/**
 * The reading of a bulk import's queued files, in the background: each file in the server's
 * reading pool, matched to an agency of the region by the name it states (or a recorded alias;
 * else proposals for the supervisor), checked against the agency's report of the year before,
 * and recognised when the same bytes were read or saved before.
 */
import { availableParallelism } from 'node:os';
import { checkAcrossReports } from '../../core/report/cross-checks.js';
import type { AnnualReport } from '../../core/report/model.js';
import {
  matchAgencyName,
  type NameCandidate,
  type NameProposal,
} from '../../core/supervision/agency-names.js';
import { readerPoolOf } from '../../ingest/pool.js';
import type { ThreadResult } from '../../ingest/thread.js';
import type { Db } from '../../store/database.js';
import { getBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/bulk-imports.js';
import * as supRepo from '../../store/repositories/supervision.js';
import { nameCandidates } from '../agency-aliases.js';
import type { ServiceContext } from '../context.js';
import type { ItemView } from './bulk-import.js';
import { regionAgencies, yearOnYearFactor } from './region-data.js';
import { regionScope } from './scope.js';

/** The imports being read in this process, so a view knows and a test can wait. */
const reading = new Map<string, Promise<void>>();

/** The reading of an import still under way here, if any (tests and the bench wait on it). */
export function importReading(importId: string): Promise<void> | undefined {
  return reading.get(importId);
}

/** Whether the import's files are being read in this process now. */
export function isReading(importId: string): boolean {
  return reading.has(importId);
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

/** Reading threads for a bulk import: the cores, at most 4, at least 1. */
export const DEFAULT_IMPORT_JOBS = Math.max(1, Math.min(4, availableParallelism()));

/** Reads the import's queued files in the background (once at a time per import). */
export function readQueued(
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
