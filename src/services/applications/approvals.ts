/**
 * Extensions and replies go through the agency's review chain (审核: 股室负责人 → 分管领导 →
 * 主要领导, as the agency admin sets it). The clerk requests; each level approves in turn; the
 * last approval records the event (extension_approved or replied) dated that day, and the
 * letter follows. A request the state machine would refuse is refused when made (409).
 */
import { randomUUID } from 'node:crypto';
import { REVIEW_LEVEL_LABELS, type ReviewLevel } from '../../core/auth/roles.js';
import type { ApplicationEvent } from '../../core/applications/events.js';
import { MAX_EXTENSION_WORKING_DAYS } from '../../core/applications/clock.js';
import { applyEvent } from '../../core/applications/state-machine.js';
import { AppError, forbidden, invalidField, notFound } from '../../core/errors.js';
import { OUTCOME_ROW_KEYS, type OutcomeRowKey } from '../../core/report/format.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { appendEvent, caseEnv, getApplication, loadCase, type ApplicationDetail } from './cases.js';
import { outcomeLabel } from './model.js';
import { requireRemedy } from './settings.js';
import { notify } from './notifications.js';

export type ApprovalKind = 'extension' | 'reply';

export type ApprovalRequest =
  | { kind: 'extension'; workingDays: number; reason: string }
  | { kind: 'reply'; outcome: OutcomeRowKey; legalBasis: string; details?: string };

export interface ApprovalDecisionView {
  level: ReviewLevel;
  levelLabel: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  by: string;
  byUserId: string;
  at: string;
}

export interface ApprovalView {
  id: string;
  applicationId: string;
  applicationNumber: string;
  applicantName: string;
  kind: ApprovalKind;
  kindLabel: string;
  /** What is asked: 延长 10 个工作日；答复：部分公开 … */
  summary: string;
  payload: ApprovalRequest;
  note: string | null;
  levels: { level: ReviewLevel; label: string }[];
  /** The level that decides next; null once decided. */
  currentLevel: ReviewLevel | null;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requestedBy: string;
  requestedAt: string;
  decidedAt: string | null;
  decisions: ApprovalDecisionView[];
  /** Whether the person asking may decide it now. */
  canDecide: boolean;
}

const KIND_LABELS: Record<ApprovalKind, string> = {
  extension: '延长答复期限',
  reply: '答复',
};

function summaryOf(payload: ApprovalRequest): string {
  return payload.kind === 'extension'
    ? `延长答复期限 ${payload.workingDays} 个工作日：${payload.reason}`
    : `答复：${outcomeLabel(payload.outcome)}；法律依据：${payload.legalBasis}`;
}

function eventOf(payload: ApprovalRequest, date: string): ApplicationEvent {
  return payload.kind === 'extension'
    ? {
        type: 'extension_approved',
        date,
        workingDays: payload.workingDays,
        reason: payload.reason,
      }
    : { type: 'replied', date, outcome: payload.outcome, legalBasis: payload.legalBasis };
}

const noteOf = (payload: ApprovalRequest): string | null =>
  payload.kind === 'reply' ? payload.details?.trim() || null : payload.reason.trim() || null;

function checkRequest(payload: ApprovalRequest): ApprovalRequest {
  if (payload.kind === 'extension') {
    if (!Number.isInteger(payload.workingDays) || payload.workingDays < 1) {
      throw invalidField('workingDays', '延长的工作日数应为 1 至 20 之间的整数。');
    }
    if (payload.workingDays > MAX_EXTENSION_WORKING_DAYS) {
      throw new AppError(
        'invalid_transition',
        `延长 ${payload.workingDays} 个工作日超过了上限：条例第三十三条规定延长的期限最长不得超过 20 个工作日。`,
        { field: 'workingDays', reason: 'extension_too_long' },
      );
    }
    const reason = payload.reason?.trim() ?? '';
    if (!reason) throw invalidField('reason', '请写明需要延长答复期限的理由，告知书会载明。');
    return { kind: 'extension', workingDays: payload.workingDays, reason };
  }
  if (!OUTCOME_ROW_KEYS.includes(payload.outcome)) {
    throw invalidField('outcome', '请从年度报告表三的办理结果类别中选择一项。');
  }
  const legalBasis = payload.legalBasis?.trim() ?? '';
  if (!legalBasis) {
    throw invalidField('legalBasis', '请填写答复的法律依据（如 条例第三十六条第（二）项）。');
  }
  return {
    kind: 'reply',
    outcome: payload.outcome,
    legalBasis,
    ...(payload.details?.trim() ? { details: payload.details.trim() } : {}),
  };
}

/** The review levels of the person for this agency (三员分立: no administrator approves). */
function levelsOf(actor: Actor, agencyId: string): ReviewLevel[] | 'any' {
  if (actor.kind !== 'user') return [];
  const grants = actor.principal.grants;
  return grants
    .filter((g) => g.role === 'reviewer' && g.agencyId === agencyId && g.reviewLevel)
    .map((g) => g.reviewLevel!);
}

async function reviewersOf(db: Db, agencyId: string, level: ReviewLevel): Promise<string[]> {
  return (await repo.usersWithRole(db, agencyId, 'reviewer'))
    .filter((u) => u.review_level === level)
    .map((u) => u.user_id);
}

/**
 * The clerk asks for an extension or a reply. With no review level configured for it, the
 * event is recorded at once; otherwise a request waits for the first level.
 */
export async function requestApproval(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
  input: ApprovalRequest,
): Promise<ApplicationDetail> {
  const payload = checkRequest(input);
  const db = ctx.store.db;
  const env = await caseEnv(db, agencyId);
  const today = shanghaiDate(ctx.clock.now());
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const loaded = await loadCase(t, agencyId, applicationId, env);
    const event = eventOf(payload, today);
    const probe = applyEvent(loaded.replayed.state, event, env.calendar, env.settings.clock);
    if (!probe.ok) {
      const { code, message, reason, year } = probe.error;
      throw new AppError(code, message, { reason, ...(year === undefined ? {} : { year }) });
    }
    if (payload.kind === 'reply') requireRemedy(env.settings);
    const levels = env.settings.reviewChain[payload.kind];
    if (levels.length === 0) {
      await appendEvent(ctx, t, actor, loaded, env, event, noteOf(payload));
      return;
    }
    const pending = (await repo.listApprovalsOfApplication(t, applicationId)).find(
      (a) => a.status === 'pending' && a.kind === payload.kind,
    );
    if (pending) {
      throw new AppError(
        'conflict',
        `已有一份待审批的“${KIND_LABELS[payload.kind]}”（${pending.requested_at.slice(0, 10)} 提交）：请等待审批，或先撤回它。`,
      );
    }
    const now = ctx.clock.now();
    const id = randomUUID();
    await repo.insertApproval(t, {
      id,
      application_id: applicationId,
      agency_id: agencyId,
      kind: payload.kind,
      payload_json: JSON.stringify(payload),
      note: noteOf(payload),
      levels_json: JSON.stringify(levels),
      status: 'pending',
      requested_by: actor.principal.userId,
      requested_by_name: actorLabel(actor),
      requested_at: now.toISOString(),
      decided_at: null,
    });
    await recordChange(ctx, t, actor, now, {
      action: 'application.approval_request',
      entityType: 'application',
      entityId: applicationId,
      agencyId,
      after: { approvalId: id, kind: payload.kind, payload, levels },
    });
    await notify(t, await reviewersOf(t, agencyId, levels[0]!), now, {
      agencyId,
      applicationId,
      kind: 'approval_requested',
      message: `申请 ${loaded.row.number} 的“${KIND_LABELS[payload.kind]}”待您审批（${REVIEW_LEVEL_LABELS[levels[0]!]}）：${summaryOf(payload)}`,
    });
  });
  return getApplication(ctx, actor, agencyId, applicationId);
}

async function views(
  db: Db,
  actor: Actor,
  agencyId: string,
  rows: repo.ApprovalRow[],
): Promise<ApprovalView[]> {
  const decisions = await repo.listDecisions(
    db,
    rows.map((r) => r.id),
  );
  const applications = await repo.listApplicationsByIds(db, [
    ...new Set(rows.map((r) => r.application_id)),
  ]);
  const mine = levelsOf(actor, agencyId);
  const actorUserId = actor.kind === 'user' ? actor.principal.userId : null;
  return rows.map((r) => {
    const levels = JSON.parse(r.levels_json) as ReviewLevel[];
    const own = decisions.filter((d) => d.approval_id === r.id);
    const approved = own.filter((d) => d.decision === 'approve').length;
    const currentLevel = r.status === 'pending' ? (levels[approved] ?? null) : null;
    const payload = JSON.parse(r.payload_json) as ApprovalRequest;
    const application = applications.find((a) => a.id === r.application_id);
    return {
      id: r.id,
      applicationId: r.application_id,
      applicationNumber: application?.number ?? '',
      applicantName: application?.applicant_name ?? '',
      kind: r.kind as ApprovalKind,
      kindLabel: KIND_LABELS[r.kind as ApprovalKind],
      summary: summaryOf(payload),
      payload,
      note: r.note,
      levels: levels.map((l) => ({ level: l, label: REVIEW_LEVEL_LABELS[l] })),
      currentLevel,
      status: r.status as ApprovalView['status'],
      requestedBy: r.requested_by_name,
      requestedAt: r.requested_at,
      decidedAt: r.decided_at,
      decisions: own.map((d) => ({
        level: d.level as ReviewLevel,
        levelLabel: REVIEW_LEVEL_LABELS[d.level as ReviewLevel],
        decision: d.decision as 'approve' | 'reject',
        comment: d.comment,
        by: d.by_name,
        byUserId: d.by_user_id,
        at: d.at,
      })),
      // Four eyes: whoever asked never decides, whatever other roles they hold.
      canDecide:
        currentLevel !== null &&
        r.requested_by !== actorUserId &&
        (mine === 'any' || mine.includes(currentLevel)),
    };
  });
}

/** The approvals inbox: pending requests of the agency (or all, with `status: 'all'`). */
export async function listApprovals(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  status: 'pending' | 'all' = 'pending',
): Promise<ApprovalView[]> {
  const rows = await repo.listApprovalsOfAgency(
    ctx.store.db,
    agencyId,
    status === 'all' ? null : 'pending',
  );
  return views(ctx.store.db, actor, agencyId, rows);
}

export async function approvalsOfApplication(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  applicationId: string,
): Promise<ApprovalView[]> {
  // Another agency's application is not found here, not an empty list.
  if (!(await repo.findApplicationOfAgency(ctx.store.db, agencyId, applicationId))) {
    throw notFound('申请');
  }
  const rows = await repo.listApprovalsOfApplication(ctx.store.db, applicationId);
  return views(
    ctx.store.db,
    actor,
    agencyId,
    rows.filter((r) => r.agency_id === agencyId),
  );
}

/**
 * A reviewer of the current level approves or rejects. The last approval records the event
 * (dated today); if the case has moved on so that the step is no longer allowed, the
 * approval is refused with the reason (409) and stays pending for the clerk to withdraw.
 */
export async function decideApproval(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  approvalId: string,
  input: { decision: 'approve' | 'reject'; comment?: string },
): Promise<ApprovalView> {
  const db = ctx.store.db;
  const env = await caseEnv(db, agencyId);
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) {
    throw invalidField('comment', '退回时请写明理由，经办人据此修改。');
  }
  await ctx.store.transaction(async (t) => {
    const approval = await repo.findApproval(t, approvalId);
    if (!approval || approval.agency_id !== agencyId) throw notFound('审批事项');
    await ctx.store.lock(t, `application:${approval.application_id}`);
    const fresh = (await repo.findApproval(t, approvalId))!;
    if (fresh.status !== 'pending') {
      throw new AppError('invalid_transition', '该审批事项已经处理完毕，不能再审批。');
    }
    if (fresh.requested_by === actor.principal.userId) {
      throw forbidden(
        '不能审批自己提请的事项：提请人与审批人须为不同的人（双人复核）。请由本机关该层级的其他审核人审批。',
      );
    }
    const [view] = await views(t, actor, agencyId, [fresh]);
    const level = view!.currentLevel!;
    if (!view!.canDecide) {
      throw forbidden(
        `该事项当前应由${REVIEW_LEVEL_LABELS[level]}审批，您不是本机关该层级的审核人。`,
      );
    }
    // One person approves at one level only: the chain means several pairs of eyes.
    if (
      levelsOf(actor, agencyId) !== 'any' &&
      view!.decisions.some((d) => d.byUserId === actor.principal.userId)
    ) {
      throw forbidden('您已在前一层级审批过该事项，不能再审批下一层级。');
    }
    const now = ctx.clock.now();
    const at = now.toISOString();
    await repo.insertDecision(t, {
      approval_id: approvalId,
      seq: view!.decisions.length + 1,
      level,
      decision: input.decision,
      comment,
      by_user_id: actor.principal.userId,
      by_name: actorLabel(actor),
      at,
    });
    const levels = view!.levels.map((l) => l.level);
    const last = levels.indexOf(level) === levels.length - 1;
    const loaded = await loadCase(t, agencyId, approval.application_id, env);
    if (input.decision === 'approve' && last) {
      const payload = JSON.parse(fresh.payload_json) as ApprovalRequest;
      await appendEvent(
        ctx,
        t,
        actor,
        loaded,
        env,
        eventOf(payload, shanghaiDate(now)),
        fresh.note,
      );
    }
    const finished = input.decision === 'reject' || last;
    if (finished) {
      await repo.updateApproval(t, approvalId, {
        status: input.decision === 'reject' ? 'rejected' : 'approved',
        decided_at: at,
      });
    }
    await recordChange(ctx, t, actor, now, {
      action: `application.approval_${input.decision}`,
      entityType: 'application',
      entityId: approval.application_id,
      agencyId,
      after: { approvalId, level, decision: input.decision, comment, final: finished },
    });
    const what = `申请 ${loaded.row.number} 的“${view!.kindLabel}”`;
    if (finished) {
      await notify(t, [fresh.requested_by], now, {
        agencyId,
        applicationId: approval.application_id,
        kind: 'approval_decided',
        message:
          input.decision === 'reject'
            ? `${what}被${REVIEW_LEVEL_LABELS[level]}退回：${comment}`
            : `${what}已审批通过并记录，文书已生成。`,
      });
    } else {
      const next = levels[levels.indexOf(level) + 1]!;
      await notify(t, await reviewersOf(t, agencyId, next), now, {
        agencyId,
        applicationId: approval.application_id,
        kind: 'approval_requested',
        message: `${what}待您审批（${REVIEW_LEVEL_LABELS[next]}）：${view!.summary}`,
      });
    }
  });
  const [view] = await views(db, actor, agencyId, [(await repo.findApproval(db, approvalId))!]);
  return view!;
}

/** The clerk withdraws a pending request (to change it, or because the case moved on). */
export async function withdrawApproval(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  approvalId: string,
): Promise<ApprovalView> {
  await ctx.store.transaction(async (t) => {
    const approval = await repo.findApproval(t, approvalId);
    if (!approval || approval.agency_id !== agencyId) throw notFound('审批事项');
    if (approval.status !== 'pending') {
      throw new AppError('invalid_transition', '该审批事项已经处理完毕，不能撤回。');
    }
    const now = ctx.clock.now();
    await repo.updateApproval(t, approvalId, {
      status: 'withdrawn',
      decided_at: now.toISOString(),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'application.approval_withdraw',
      entityType: 'application',
      entityId: approval.application_id,
      agencyId,
      after: { approvalId },
    });
  });
  const [view] = await views(ctx.store.db, actor, agencyId, [
    (await repo.findApproval(ctx.store.db, approvalId))!,
  ]);
  return view!;
}
