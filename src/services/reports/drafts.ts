import { randomUUID } from 'node:crypto';
import { AppError, invalidField, notFound } from '../../core/errors.js';
import { diffReports, type ReportChange } from '../../core/report/diff.js';
import {
  applyDraftEdit,
  draftFromReport,
  figureProblems,
  newDraft,
  reportFromDraft,
  type ReportDraft,
} from '../../core/report/draft.js';
import type { Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import { validateReport } from '../../core/report/validate.js';
import * as repo from '../../store/repositories/reports.js';
import { recordChange } from '../audit.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import { crossContextFor } from '../supervision/cross-context.js';
import { pendingRequest } from '../review/engine.js';
import { REPORT_PUBLISH_KIND, reportApproval } from '../report-approval.js';
import {
  actorName,
  checkIntegrity,
  cleanSections,
  FIRST_REPORT_YEAR,
  levelOf,
  loadReport,
  loadReportForDraft,
  toVersionSummary,
  type ReportDetail,
  type ReportListItem,
  type VersionSummary,
} from './common.js';

/** A report's life before and between publications: created, edited, read, compared. */

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
  const approval = await reportApproval(db, agencyId, row.id);
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
  } else if (approval?.payload.imported) {
    // An import awaiting approval (or returned): what was submitted, not yet on the portal.
    report = approval.payload.imported.report;
    findings = validateReport(report, { across: await crossContextFor(db, agencyId, year) });
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
    approval,
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
    const existing = await repo.findReport(t, agencyId, year);
    // A year whose import was returned or withdrawn has a record but nothing in it: the
    // agency may write the report here instead (a pending import must be decided first).
    const emptyImport =
      existing &&
      Number(existing.latest_version) === 0 &&
      !existing.draft_json &&
      !(await pendingRequest(t, REPORT_PUBLISH_KIND, existing.id));
    if (existing && !emptyImport) {
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
    const id = existing?.id ?? randomUUID();
    if (existing) {
      await repo.updateReport(t, id, {
        draft_json: JSON.stringify(draft),
        draft_updated_at: now,
        draft_updated_by: actorName(actor),
      });
    } else {
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
    }
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
