/**
 * The review-chain engine (审核流程): everything an agency approves before it takes effect —
 * a reply, an extension, publishing or correcting the annual report, a proactive item — goes
 * through one mechanism.
 *
 * API (stable; other modules plug in here):
 * - `registerSubjectKind(def)` once at module load, per kind (e.g. 'application.reply',
 *   'report.publish', 'proactive_item.publish'): its label, default chain (levels of roles),
 *   the lock key and audit entity of a subject, a summary of a payload, and `onApproved` (which
 *   makes the change, in the deciding transaction). Optional: `onReturned`, `preview` (what the
 *   reviewer sees: the document as it will go out, the timeline, the reasons), `subjectLabels`,
 *   `applicationIdOf` (links notifications to a case). Add the module to ./kinds.ts so that the
 *   routes see it.
 * - `chainFor(db, agencyId, kind)` / `listChains` / `setChain(ctx, actor, agencyId, kind,
 *   levels)`: a chain per agency per kind; absent = the kind's default.
 * - `submit(ctx, t, actor, {agencyId, kind, subjectId, payload, note?})` inside the caller's
 *   transaction (holding the subject's lock): returns the new request's id, or null when the
 *   chain is empty — then the caller makes the change itself, at once. One pending request per
 *   kind and subject.
 * - `decide(ctx, actor, agencyId, requestId, {decision: 'approve'|'return', comment, extra?})`: a
 *   reviewer of the current level decides; no one decides their own submission, nor two levels
 *   of one request; a return needs a comment, ends the request and goes back to the author (in
 *   the notifications and the record); every approval first passes the kind's `beforeApprove`
 *   for its level (with `extra`, e.g. a checklist), the last one then calls `onApproved`.
 * - `withdraw(ctx, actor, agencyId, requestId)`: the author takes a pending request back
 *   (`onWithdrawn` lets the subject follow).
 * - `listRequests` (the inbox: `{ scope: 'inbox' }` = what the person may decide now),
 *   `requestsOfSubject`, `requestDetail` (with the kind's preview).
 * Every state change is in the audit trail: `${auditPrefix}.approval_submit|approve|return|
 * withdraw` and `review_chain.update`.
 */
import { randomUUID } from 'node:crypto';
import {
  REVIEW_LEVEL_LABELS,
  REVIEW_LEVELS,
  ROLE_LABELS,
  type ReviewLevel,
} from '../../core/auth/roles.js';
import { AppError, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/review.js';
import { notify } from '../applications/notifications.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';

// --- chains and kinds --------------------------------------------------------------------------

/** Who decides at one level: a reviewer of a review level, or the agency's admin. */
export type ChainLevel =
  { role: 'reviewer'; reviewLevel: ReviewLevel } | { role: 'agency_admin'; reviewLevel?: null };

export const CHAIN_ROLES = ['reviewer', 'agency_admin'] as const;

export function levelLabel(level: ChainLevel): string {
  return level.role === 'reviewer'
    ? REVIEW_LEVEL_LABELS[level.reviewLevel]
    : ROLE_LABELS.agency_admin;
}

const sameLevel = (a: ChainLevel, b: ChainLevel) =>
  a.role === b.role && (a.role !== 'reviewer' || a.reviewLevel === b.reviewLevel);

export type ApprovalStatus = 'pending' | 'approved' | 'returned' | 'withdrawn';
export type ApprovalDecision = 'approve' | 'return';

/** A request as the kind's hooks get it. */
import {
  registerSubjectKind,
  subjectKind,
  subjectKinds,
  type ApprovalRecord,
  type ReviewPreview,
  type SubjectKindDef,
} from './registry.js';

export {
  registerSubjectKind,
  subjectKind,
  subjectKinds,
  type ApprovalRecord,
  type ReviewPreview,
  type SubjectKindDef,
};

const kinds = { get: (kind: string) => subjectKinds().find((d) => d.kind === kind) };

function parseLevels(json: string): ChainLevel[] {
  return (JSON.parse(json) as ChainLevel[]).filter(
    (l) =>
      l.role === 'agency_admin' ||
      (l.role === 'reviewer' && (REVIEW_LEVELS as readonly string[]).includes(l.reviewLevel)),
  );
}

export interface ChainView {
  kind: string;
  label: string;
  levels: (ChainLevel & { label: string })[];
  isDefault: boolean;
  minLevels: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

const labelled = (levels: ChainLevel[]) => levels.map((l) => ({ ...l, label: levelLabel(l) }));

export async function chainFor(db: Db, agencyId: string, kind: string): Promise<ChainLevel[]> {
  const row = await repo.findChain(db, agencyId, kind);
  return row ? parseLevels(row.levels_json) : subjectKind(kind).defaultLevels;
}

export async function listChains(db: Db, agencyId: string): Promise<ChainView[]> {
  const rows = await repo.listChains(db, agencyId);
  return subjectKinds().map((def) => {
    const row = rows.find((r) => r.subject_kind === def.kind);
    return {
      kind: def.kind,
      label: def.label,
      levels: labelled(row ? parseLevels(row.levels_json) : def.defaultLevels),
      isDefault: !row,
      minLevels: def.minLevels ?? 0,
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by ?? null,
    };
  });
}

/** Checks a chain: known roles, no level twice, reviewers lowest first, at least minLevels. */
export function chainProblem(def: SubjectKindDef, levels: readonly ChainLevel[]): string | null {
  for (const l of levels) {
    if (!(CHAIN_ROLES as readonly string[]).includes(l.role))
      return '审核层级只能是审核人或机关管理员。';
    if (l.role === 'reviewer' && !(REVIEW_LEVELS as readonly string[]).includes(l.reviewLevel)) {
      return '请为每个审核人层级选择股室负责人、分管领导或主要领导。';
    }
  }
  if (levels.some((l, i) => levels.findIndex((m) => sameLevel(l, m)) !== i)) {
    return `“${def.label}”的审核层级不能重复。`;
  }
  const order = levels.flatMap((l) =>
    l.role === 'reviewer' ? [REVIEW_LEVELS.indexOf(l.reviewLevel)] : [],
  );
  if (order.some((o, i) => i > 0 && o < order[i - 1]!)) {
    return `“${def.label}”的审核层级应由低到高排列：股室负责人、分管领导、主要领导。`;
  }
  if (levels.length < (def.minLevels ?? 0)) {
    return def.minLevelsReason ?? `“${def.label}”至少需要 ${def.minLevels} 个审核层级。`;
  }
  return null;
}

/** The agency admin sets one kind's chain (in the caller's transaction when given). */
export async function setChain(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  kind: string,
  levels: ChainLevel[],
  t?: Trx,
): Promise<ChainView> {
  const def = kinds.get(kind);
  if (!def) throw invalidField('kind', '没有这种审核事项。');
  const clean: ChainLevel[] = levels.map((l) =>
    l.role === 'reviewer'
      ? { role: 'reviewer', reviewLevel: l.reviewLevel }
      : { role: 'agency_admin', reviewLevel: null },
  );
  const problem = chainProblem(def, clean);
  if (problem) throw invalidField('levels', problem);
  const run = async (tx: Trx) => {
    const before = await chainFor(tx, agencyId, kind);
    const now = ctx.clock.now();
    await repo.upsertChain(tx, {
      agency_id: agencyId,
      subject_kind: kind,
      levels_json: JSON.stringify(clean),
      updated_at: now.toISOString(),
      updated_by: actorLabel(actor),
    });
    if (JSON.stringify(before) !== JSON.stringify(clean)) {
      await recordChange(ctx, tx, actor, now, {
        action: 'review_chain.update',
        entityType: 'agency',
        entityId: agencyId,
        agencyId,
        before: { kind, levels: before },
        after: { kind, levels: clean },
      });
    }
  };
  if (t) await run(t);
  else await ctx.store.transaction(run);
  return (await listChains(t ?? ctx.store.db, agencyId)).find((c) => c.kind === kind)!;
}

// --- who decides -------------------------------------------------------------------------------

function holds(actor: Actor, agencyId: string, level: ChainLevel): boolean {
  if (actor.kind !== 'user') return false;
  return actor.principal.grants.some(
    (g) =>
      g.agencyId === agencyId &&
      g.role === level.role &&
      (level.role !== 'reviewer' || g.reviewLevel === level.reviewLevel),
  );
}

async function holdersOf(db: Db, agencyId: string, level: ChainLevel): Promise<string[]> {
  return (await repo.holdersOfRole(db, agencyId, level.role))
    .filter((u) => level.role !== 'reviewer' || u.review_level === level.reviewLevel)
    .map((u) => u.user_id);
}

// --- views -------------------------------------------------------------------------------------

export interface ApprovalStepView {
  levelIndex: number;
  levelLabel: string;
  decision: ApprovalDecision;
  comment: string | null;
  by: string;
  byUserId: string;
  at: string;
}

export interface ApprovalView<P = unknown> {
  id: string;
  agencyId: string;
  kind: string;
  kindLabel: string;
  subjectId: string;
  /** 申请 2026-0001 李申请; 2025年度报告 … */
  subjectLabel: string;
  summary: string;
  payload: P;
  note: string | null;
  levels: (ChainLevel & { label: string })[];
  /** Index into levels of the level that decides next; null once decided. */
  currentLevelIndex: number | null;
  currentLevelLabel: string | null;
  status: ApprovalStatus;
  requestedBy: string;
  requestedByUserId: string;
  requestedAt: string;
  decidedAt: string | null;
  steps: ApprovalStepView[];
  /** Whether the person asking may decide it now. */
  canDecide: boolean;
  /** Whether the person asking may withdraw it (the author, while pending). */
  canWithdraw: boolean;
}

const recordOf = (r: repo.ApprovalRequestRow): ApprovalRecord<unknown> => ({
  id: r.id,
  agencyId: r.agency_id,
  kind: r.subject_kind,
  subjectId: r.subject_id,
  payload: JSON.parse(r.payload_json) as unknown,
  note: r.note,
  levels: parseLevels(r.levels_json),
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at,
});

async function views(
  db: Db,
  actor: Actor,
  rows: repo.ApprovalRequestRow[],
): Promise<ApprovalView[]> {
  const steps = await repo.listSteps(
    db,
    rows.map((r) => r.id),
  );
  const labels = new Map<string, Map<string, string>>();
  for (const kind of new Set(rows.map((r) => r.subject_kind))) {
    const def = kinds.get(kind);
    const ids = rows.filter((r) => r.subject_kind === kind).map((r) => r.subject_id);
    labels.set(kind, (await def?.subjectLabels?.(db, ids)) ?? new Map());
  }
  const userId = actor.kind === 'user' ? actor.principal.userId : null;
  return rows.map((r) => {
    const def = kinds.get(r.subject_kind);
    const record = recordOf(r);
    const own = steps.filter((s) => s.request_id === r.id);
    const approved = own.filter((s) => s.decision === 'approve').length;
    const current = r.status === 'pending' && approved < record.levels.length ? approved : null;
    const currentLevel = current === null ? null : record.levels[current]!;
    return {
      id: r.id,
      agencyId: r.agency_id,
      kind: r.subject_kind,
      kindLabel: def?.label ?? r.subject_kind,
      subjectId: r.subject_id,
      subjectLabel: labels.get(r.subject_kind)?.get(r.subject_id) ?? '',
      summary: def ? def.summary(record.payload) : '',
      payload: record.payload,
      note: r.note,
      levels: labelled(record.levels),
      currentLevelIndex: current,
      currentLevelLabel: currentLevel ? levelLabel(currentLevel) : null,
      status: r.status as ApprovalStatus,
      requestedBy: r.requested_by_name,
      requestedByUserId: r.requested_by,
      requestedAt: r.requested_at,
      decidedAt: r.decided_at,
      steps: own.map((s) => ({
        levelIndex: Number(s.level_index),
        levelLabel: record.levels[Number(s.level_index)]
          ? levelLabel(record.levels[Number(s.level_index)]!)
          : '',
        decision: s.decision as ApprovalDecision,
        comment: s.comment,
        by: s.by_name,
        byUserId: s.by_user_id,
        at: s.at,
      })),
      // Four eyes: whoever submitted never decides, whatever other roles they hold; one person
      // decides one level of a request only.
      canDecide:
        currentLevel !== null &&
        r.requested_by !== userId &&
        holds(actor, r.agency_id, currentLevel) &&
        !own.some((s) => s.by_user_id === userId),
      canWithdraw: r.status === 'pending' && r.requested_by === userId,
    };
  });
}

/** Requests of an agency: pending (default), all, or the person's inbox (what they may decide). */
export async function listRequests(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  options: { status?: 'pending' | 'all'; scope?: 'agency' | 'inbox'; kinds?: string[] } = {},
): Promise<ApprovalView[]> {
  const rows = (
    await repo.listRequestsOfAgency(
      ctx.store.db,
      agencyId,
      options.scope === 'inbox' || options.status !== 'all' ? 'pending' : null,
    )
  ).filter((r) => !options.kinds || options.kinds.includes(r.subject_kind));
  const all = await views(ctx.store.db, actor, rows);
  return options.scope === 'inbox' ? all.filter((v) => v.canDecide) : all;
}

/** The requests about one subject (e.g. every reply and extension of a case), oldest first. */
export async function requestsOfSubject(
  db: Db,
  actor: Actor,
  agencyId: string,
  kindsOf: readonly string[],
  subjectId: string,
): Promise<ApprovalView[]> {
  const rows = await repo.listRequestsOfSubject(db, kindsOf, subjectId);
  return views(
    db,
    actor,
    rows.filter((r) => r.agency_id === agencyId),
  );
}

export interface ApprovalDetail extends ApprovalView {
  preview: ReviewPreview | null;
}

/** One request with what the reviewer needs to judge it (the kind's preview). */
export async function requestDetail(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  requestId: string,
): Promise<ApprovalDetail> {
  const row = await repo.findRequest(ctx.store.db, requestId);
  if (!row || row.agency_id !== agencyId) throw notFound('审批事项');
  const [view] = await views(ctx.store.db, actor, [row]);
  const def = kinds.get(row.subject_kind);
  const preview = def?.preview ? await def.preview(ctx, actor, recordOf(row)) : null;
  return { ...view!, preview };
}

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
