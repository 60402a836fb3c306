import { createHash } from 'node:crypto';
import { AppError, invalidField } from '../../core/errors.js';
import { figurePaths, reportFromDraft, type ReportDraft } from '../../core/report/draft.js';
import { hasErrors, type Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import { validateReport } from '../../core/report/validate.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/reports.js';
import { recordChange } from '../audit.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import { crossContextFor } from '../supervision/cross-context.js';
import { submit } from '../review/engine.js';
import { REPORT_PUBLISH_KIND, type ReportPublicationPayload } from '../report-approval.js';
import { actorName, levelOf, loadReportForDraft, type ReportDetail } from './common.js';
import { getReport } from './drafts.js';

/** Publishing a report or a correction of it, through the agency's review chain. */

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
