/**
 * An agency's findings as its supervisor sees them, and the supervisor's review of each:
 * confirmed (sent to the agency to correct, by a due date) or dismissed (with the reason). The
 * review sticks to the finding's fingerprint, so it holds across re-reads, re-imports and
 * corrected versions; the agency sees what it must correct.
 */
import { randomUUID } from 'node:crypto';
import { isCalendarDate } from '../../core/calendar/date.js';
import { AppError, notFound } from '../../core/errors.js';
import { describeLocation } from '../../core/report/findings.js';
import {
  REVIEW_DECISION_LABELS,
  type ReviewDecision,
} from '../../core/supervision/finding-review.js';
import { reportRatios, type ReportRatios } from '../../core/supervision/region-figures.js';
import { REPORT_STATE_LABELS } from '../../core/supervision/report-state.js';
import * as appRepo from '../../store/repositories/applications.js';
import * as repo from '../../store/repositories/supervision.js';
import { listAliases, type AgencyAlias } from '../agency-aliases.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import {
  loadRegionYear,
  SEVERITY_ORDER,
  type AgencyYear,
  type ReviewedFinding,
} from './region-data.js';
import { buildRegionView } from './region-view.js';
import { regionScope } from './scope.js';

export interface AgencyFindingView extends ReviewedFinding {
  where: string;
  decisionLabel: string | null;
}

export interface ReviewHistoryEntry {
  fingerprint: string;
  code: string;
  message: string;
  decision: ReviewDecision;
  decisionLabel: string;
  reason: string;
  dueOn: string | null;
  reviewedAt: string;
  reviewedBy: string;
}

export interface AgencySupervision {
  agency: { id: string; name: string; governmentName: string; regionCode: string; level: string };
  year: number;
  state: string;
  stateLabel: string;
  deadline: string;
  daysLate: number | null;
  daysLeft: number | null;
  publishedOn: string | null;
  correctedOn: string | null;
  version: number;
  origin: string | null;
  /** The public page of the report, when published. */
  portalUrl: string | null;
  findings: AgencyFindingView[];
  history: ReviewHistoryEntry[];
  ratios: ReportRatios;
  medians: ReportRatios;
  aliases: AgencyAlias[];
}

async function agencyInScope(ctx: ServiceContext, regionCode: string, agencyId: string) {
  const scope = await regionScope(ctx.store.db, regionCode);
  const agency = await getAgency(ctx.store.db, agencyId).catch(() => null);
  if (!agency || !scope.codes.includes(agency.regionCode)) throw notFound('机关');
  return { scope, agency };
}

function findingView(f: ReviewedFinding): AgencyFindingView {
  return {
    ...f,
    where: describeLocation(f.location),
    decisionLabel: f.review ? REVIEW_DECISION_LABELS[f.review.decision] : null,
  };
}

function historyOf(rows: readonly repo.FindingReviewRow[]): ReviewHistoryEntry[] {
  return rows.map((r) => ({
    fingerprint: r.fingerprint,
    code: r.code,
    message: r.message,
    decision: r.decision as ReviewDecision,
    decisionLabel: REVIEW_DECISION_LABELS[r.decision as ReviewDecision],
    reason: r.reason,
    dueOn: r.due_on,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
  }));
}

/** One agency's report of a year with every finding and its review, for its supervisor. */
export async function agencySupervision(
  ctx: ServiceContext,
  regionCode: string,
  agencyId: string,
  year: number,
): Promise<AgencySupervision> {
  const db = ctx.store.db;
  const { scope, agency } = await agencyInScope(ctx, regionCode, agencyId);
  const today = shanghaiDate(ctx.clock.now());
  const data = await loadRegionYear(db, scope, year, today);
  const row = data.rows.find((r) => r.agency.id === agencyId) as AgencyYear;
  const medians = buildRegionView(data, { year, pageSize: 1 }).medians;
  const reviews = (await repo.reviewsOf(db, [agencyId], year)).reverse();
  return {
    agency: {
      id: agency.id,
      name: agency.name,
      governmentName: agency.governmentName,
      regionCode: agency.regionCode,
      level: agency.isGovernment ? '人民政府' : '部门',
    },
    year,
    state: row.standing.state,
    stateLabel: REPORT_STATE_LABELS[row.standing.state],
    deadline: row.standing.deadline,
    daysLate: row.standing.daysLate,
    daysLeft: row.standing.daysLeft,
    publishedOn: row.publishedOn,
    correctedOn: row.correctedOn,
    version: row.version,
    origin: row.origin,
    portalUrl: row.publishedOn ? `/portal/agencies/${agencyId}/reports/${year}` : null,
    findings: [...row.findings]
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
      .map(findingView),
    history: historyOf(reviews),
    ratios: row.tables
      ? reportRatios(row.tables)
      : { withheldShare: null, unableShare: null, correctionRate: null },
    medians,
    aliases: await listAliases(db, agencyId),
  };
}

export interface ReviewInput {
  fingerprint: string;
  decision: ReviewDecision;
  reason?: string;
  dueOn?: string | null;
}

/**
 * Records a supervisor's review of a finding. Confirming needs a due date (today or later) and
 * tells the agency's clerks and admins; dismissing needs the reason; a confirmation can be
 * withdrawn. The finding must be one of the report's current findings (or, to withdraw, one
 * reviewed before).
 */
export async function reviewFinding(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  agencyId: string,
  year: number,
  input: ReviewInput,
): Promise<AgencySupervision> {
  const db = ctx.store.db;
  const { scope, agency } = await agencyInScope(ctx, regionCode, agencyId);
  const today = shanghaiDate(ctx.clock.now());
  const reason = input.reason?.trim() ?? '';
  const problems: { field: string; message: string }[] = [];
  if (input.decision === 'dismissed' && reason.length < 2) {
    problems.push({
      field: 'reason',
      message: '排除一项审查发现时，请写明理由（例如：已核实原文无误）。',
    });
  }
  let dueOn: string | null = null;
  if (input.decision === 'confirmed') {
    dueOn = input.dueOn?.trim() || null;
    if (!dueOn || !isCalendarDate(dueOn)) {
      problems.push({
        field: 'dueOn',
        message: '请填写机关完成更正的期限（日期，如 2026-02-15）。',
      });
    } else if (dueOn < today) {
      problems.push({ field: 'dueOn', message: `更正期限不能早于今天（${today}）。` });
    }
  }
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => p.message).join(' '), {
      field: problems[0]!.field,
      problems,
    });
  }
  const data = await loadRegionYear(db, await regionScope(db, agency.regionCode), year, today);
  const row = data.rows.find((r) => r.agency.id === agencyId);
  const finding = row?.findings.find((f) => f.fingerprint === input.fingerprint);
  const earlier = (await repo.reviewsOf(db, [agencyId], year)).filter(
    (r) => r.fingerprint === input.fingerprint,
  );
  const last = earlier.at(-1);
  if (!finding && !(input.decision === 'withdrawn' && last)) {
    throw notFound('该审查发现（报告可能已更正，发现已不存在）');
  }
  if (input.decision === 'withdrawn' && last?.decision !== 'confirmed') {
    throw new AppError('invalid_transition', '只能撤回已确认的审查发现。');
  }
  const now = ctx.clock.now();
  const code = finding?.code ?? last!.code;
  const message = finding?.message ?? last!.message;
  await ctx.store.transaction(async (t) => {
    const id = randomUUID();
    await repo.insertReview(t, {
      id,
      agency_id: agencyId,
      year,
      fingerprint: input.fingerprint,
      code,
      place_json: JSON.stringify(finding ? finding.location : JSON.parse(last!.place_json)),
      message,
      decision: input.decision,
      reason,
      due_on: dueOn,
      region_code: scope.region.code,
      reviewed_at: now.toISOString(),
      reviewed_by: actorLabel(actor),
      reviewed_by_user_id: actor.kind === 'user' ? actor.principal.userId : null,
    });
    await recordChange(ctx, t, actor, now, {
      action: `supervision.finding_${input.decision}`,
      entityType: 'finding_review',
      entityId: id,
      agencyId,
      ...(last
        ? { before: { decision: last.decision, reason: last.reason, dueOn: last.due_on } }
        : {}),
      after: {
        year,
        fingerprint: input.fingerprint,
        code,
        decision: input.decision,
        reason,
        dueOn,
      },
    });
    if (input.decision === 'confirmed') {
      const users = [
        ...(await appRepo.usersWithRole(t, agencyId, 'clerk')),
        ...(await appRepo.usersWithRole(t, agencyId, 'agency_admin')),
      ];
      for (const userId of new Set(users.map((u) => u.user_id))) {
        await appRepo.insertNotification(t, {
          id: randomUUID(),
          user_id: userId,
          agency_id: agencyId,
          application_id: null,
          kind: 'correction_requested',
          message: `政务公开办要求更正${year}年度报告：${message}（请于 ${dueOn} 前更正）`,
          dedupe_key: `correction:${input.fingerprint}:${id}`,
          created_at: now.toISOString(),
          read_at: null,
        });
      }
    }
  });
  return agencySupervision(ctx, regionCode, agencyId, year);
}

export interface CorrectionRequest {
  year: number;
  code: string;
  message: string;
  where: string;
  reason: string;
  dueOn: string | null;
  requestedAt: string;
  requestedBy: string;
  /** Whether the finding is still raised by the report as it stands. */
  stillRaised: boolean;
}

/** What an agency must correct: its findings its supervisor confirmed (in force), newest first. */
export async function correctionRequests(
  ctx: ServiceContext,
  agencyId: string,
): Promise<CorrectionRequest[]> {
  const db = ctx.store.db;
  const agency = await getAgency(db, agencyId);
  const rows = await repo.reviewsOfAgency(db, agencyId);
  const latest = new Map<string, repo.FindingReviewRow>();
  for (const r of rows) latest.set(r.fingerprint, r);
  const confirmed = [...latest.values()].filter((r) => r.decision === 'confirmed');
  if (confirmed.length === 0) return [];
  const today = shanghaiDate(ctx.clock.now());
  const scope = await regionScope(db, agency.regionCode);
  const years = [...new Set(confirmed.map((r) => Number(r.year)))];
  const current = new Set<string>();
  for (const year of years) {
    const data = await loadRegionYear(db, scope, year, today);
    for (const f of data.rows.find((r) => r.agency.id === agencyId)?.findings ?? [])
      current.add(f.fingerprint);
  }
  return confirmed
    .map((r) => ({
      year: Number(r.year),
      code: r.code,
      message: r.message,
      where: describeLocation(JSON.parse(r.place_json) as Parameters<typeof describeLocation>[0]),
      reason: r.reason,
      dueOn: r.due_on,
      requestedAt: r.reviewed_at,
      requestedBy: r.reviewed_by,
      stillRaised: current.has(r.fingerprint),
    }))
    .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1));
}
