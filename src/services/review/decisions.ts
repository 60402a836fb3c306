/**
 * The steps of a request of the review-chain engine (see ./engine.ts): submit along the agency's
 * chain, decide (approve or return) level by level, withdraw; each in the audit trail and the
 * notifications.
 */
import { randomUUID } from 'node:crypto';
import { AppError, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/review.js';
import { notify } from '../applications/notifications.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { chainFor, holdersOf, levelLabel } from './chains.js';
import { subjectKind } from './registry.js';
import { recordOf, views, type ApprovalDecision, type ApprovalView } from './views.js';

// --- submit, decide, withdraw ------------------------------------------------------------------

/**
 * Submits a request along the agency's chain, in the caller's transaction (which holds the
 * subject's lock). Returns its id, or null when the chain is empty: the caller then makes the
 * change at once.
 */
export async function submit<P>(
  ctx: ServiceContext,
  t: Trx,
  actor: Extract<Actor, { kind: 'user' }>,
  input: { agencyId: string; kind: string; subjectId: string; payload: P; note?: string | null },
): Promise<string | null> {
  const def = subjectKind(input.kind);
  const levels = await chainFor(t, input.agencyId, input.kind);
  if (levels.length === 0) return null;
  const pending = (await repo.listRequestsOfSubject(t, [input.kind], input.subjectId)).find(
    (r) => r.status === 'pending',
  );
  if (pending) {
    throw new AppError(
      'conflict',
      `已有一份待审批的“${def.label}”（${pending.requested_at.slice(0, 10)} 提交）：请等待审批，或先撤回它。`,
      { reason: 'approval_pending', approvalId: pending.id },
    );
  }
  const now = ctx.clock.now();
  const id = randomUUID();
  const row = {
    id,
    agency_id: input.agencyId,
    subject_kind: input.kind,
    subject_id: input.subjectId,
    payload_json: JSON.stringify(input.payload),
    note: input.note ?? null,
    levels_json: JSON.stringify(levels),
    status: 'pending',
    requested_by: actor.principal.userId,
    requested_by_name: actorLabel(actor),
    requested_at: now.toISOString(),
    decided_at: null,
  };
  await repo.insertRequest(t, row);
  await recordChange(ctx, t, actor, now, {
    action: `${def.auditPrefix}.approval_submit`,
    entityType: def.entityType,
    entityId: input.subjectId,
    agencyId: input.agencyId,
    after: { approvalId: id, kind: input.kind, payload: input.payload, levels },
  });
  const record = recordOf(row);
  const [label] = [(await def.subjectLabels?.(t, [input.subjectId]))?.get(input.subjectId)];
  await notify(t, await holdersOf(t, input.agencyId, levels[0]!), now, {
    agencyId: input.agencyId,
    applicationId: def.applicationIdOf?.(record) ?? null,
    kind: 'approval_requested',
    message: `${label ? `${label}的` : ''}“${def.label}”待您审批（${levelLabel(levels[0]!)}）：${def.summary(input.payload)}`,
  });
  return id;
}

/**
 * A reviewer of the current level approves or returns. The last approval calls the kind's
 * onApproved in the same transaction; if that refuses (the subject moved on), nothing is
 * recorded and the request stays pending for its author to withdraw.
 */
export async function decide(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  requestId: string,
  input: { decision: ApprovalDecision; comment?: string | null; extra?: unknown },
): Promise<ApprovalView> {
  const comment = input.comment?.trim() || null;
  if (input.decision === 'return' && !comment) {
    throw invalidField('comment', '退回时请写明理由和需要修改之处，提请人据此修改。');
  }
  const first = await repo.findRequest(ctx.store.db, requestId);
  if (!first || first.agency_id !== agencyId) throw notFound('审批事项');
  const def = subjectKind(first.subject_kind);
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, def.lockKey(first.subject_id));
    const row = (await repo.findRequest(t, requestId))!;
    if (row.status !== 'pending') {
      throw new AppError('invalid_transition', '该审批事项已经处理完毕，不能再审批。');
    }
    if (row.requested_by === actor.principal.userId) {
      throw forbidden(
        '不能审批自己提请的事项：提请人与审批人须为不同的人（双人复核）。请由本机关该层级的其他审核人审批。',
      );
    }
    const [view] = await views(t, actor, [row]);
    const index = view!.currentLevelIndex!;
    if (view!.steps.some((s) => s.byUserId === actor.principal.userId)) {
      throw forbidden('您已在前一层级审批过该事项，不能再审批下一层级。');
    }
    if (!view!.canDecide) {
      throw forbidden(`该事项当前应由${view!.currentLevelLabel}审批，您不是本机关该层级的审核人。`);
    }
    const record = recordOf(row);
    // The level's own requirement (e.g. the 保密审查 checklist), whichever route decides.
    if (input.decision === 'approve')
      await def.beforeApprove?.(ctx, t, actor, record, index, input.extra);
    const now = ctx.clock.now();
    const at = now.toISOString();
    await repo.insertStep(t, {
      request_id: requestId,
      seq: view!.steps.length + 1,
      level_index: index,
      decision: input.decision,
      comment,
      by_user_id: actor.principal.userId,
      by_name: actorLabel(actor),
      at,
    });
    const last = index === record.levels.length - 1;
    if (input.decision === 'approve' && last) await def.onApproved(ctx, t, actor, record);
    if (input.decision === 'return') await def.onReturned?.(ctx, t, actor, record, comment!);
    const finished = input.decision === 'return' || last;
    if (finished) {
      await repo.updateRequest(t, requestId, {
        status: input.decision === 'return' ? 'returned' : 'approved',
        decided_at: at,
      });
    }
    await recordChange(ctx, t, actor, now, {
      action: `${def.auditPrefix}.approval_${input.decision}`,
      entityType: def.entityType,
      entityId: row.subject_id,
      agencyId,
      after: {
        approvalId: requestId,
        kind: row.subject_kind,
        level: view!.currentLevelLabel,
        decision: input.decision,
        comment,
        final: finished,
      },
    });
    const what = `${view!.subjectLabel ? `${view!.subjectLabel}的` : ''}“${def.label}”`;
    const applicationId = def.applicationIdOf?.(record) ?? null;
    if (finished) {
      await notify(t, [row.requested_by], now, {
        agencyId,
        applicationId,
        kind: 'approval_decided',
        message:
          input.decision === 'return'
            ? `${what}被${view!.currentLevelLabel}${actorLabel(actor)}退回：${comment}`
            : `${what}已审批通过${comment ? `（${comment}）` : ''}。`,
      });
    } else {
      const next = record.levels[index + 1]!;
      await notify(t, await holdersOf(t, agencyId, next), now, {
        agencyId,
        applicationId,
        kind: 'approval_requested',
        message: `${what}待您审批（${levelLabel(next)}）：${view!.summary}`,
      });
    }
  });
  const [view] = await views(ctx.store.db, actor, [
    (await repo.findRequest(ctx.store.db, requestId))!,
  ]);
  return view!;
}

/** The author takes a pending request back (to change it, or because the subject moved on). */
export async function withdraw(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  requestId: string,
): Promise<ApprovalView> {
  const first = await repo.findRequest(ctx.store.db, requestId);
  if (!first || first.agency_id !== agencyId) throw notFound('审批事项');
  const def = subjectKind(first.subject_kind);
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, def.lockKey(first.subject_id));
    const row = (await repo.findRequest(t, requestId))!;
    if (row.status !== 'pending') {
      throw new AppError('invalid_transition', '该审批事项已经处理完毕，不能撤回。');
    }
    if (row.requested_by !== actor.principal.userId) {
      throw forbidden(`只有提请人（${row.requested_by_name}）可以撤回该审批事项。`);
    }
    const now = ctx.clock.now();
    await repo.updateRequest(t, requestId, { status: 'withdrawn', decided_at: now.toISOString() });
    await def.onWithdrawn?.(ctx, t, actor, recordOf(row));
    await recordChange(ctx, t, actor, now, {
      action: `${def.auditPrefix}.approval_withdraw`,
      entityType: def.entityType,
      entityId: row.subject_id,
      agencyId,
      after: { approvalId: requestId, kind: row.subject_kind },
    });
  });
  const [view] = await views(ctx.store.db, actor, [
    (await repo.findRequest(ctx.store.db, requestId))!,
  ]);
  return view!;
}

/** The pending request of a kind about a subject, if any (e.g. to refuse editing meanwhile). */
export async function pendingRequest(
  db: Db,
  kind: string,
  subjectId: string,
): Promise<repo.ApprovalRequestRow | undefined> {
  return (await repo.listRequestsOfSubject(db, [kind], subjectId)).find(
    (r) => r.status === 'pending',
  );
}
