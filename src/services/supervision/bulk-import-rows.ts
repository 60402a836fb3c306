/**
 * The supervisor settles a bulk import's rows — the agency (a proposal confirmed, or chosen,
 * optionally remembered as an alias) and the publication date — and saves them, one or all
 * rows without a problem, each as its agency's imported report.
 */
import { isCalendarDate } from '../../core/calendar/date.js';
import { AppError, notFound } from '../../core/errors.js';
import type { Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import { getBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/bulk-imports.js';
import { addAlias } from '../agency-aliases.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { importReport, recordReportUpload } from '../reports.js';
import { importOf, importView, type ImportView, type ItemView } from './bulk-import.js';
import { regionAgencies } from './region-data.js';
import { regionScope } from './scope.js';

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
