/**
 * What the review-chain engine (see ./engine.ts) shows of its requests: a request with its levels,
 * its steps and whether the person asking may decide or withdraw it; the inbox, the requests of a
 * subject and one request with the kind's preview.
 */
import { notFound } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/review.js';
import type { Actor, ServiceContext } from '../context.js';
import { holds, kinds, labelled, levelLabel, parseLevels, type ChainLevel } from './chains.js';
import type { ApprovalRecord, ReviewPreview } from './registry.js';

export type ApprovalStatus = 'pending' | 'approved' | 'returned' | 'withdrawn';
export type ApprovalDecision = 'approve' | 'return';

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

export const recordOf = (r: repo.ApprovalRequestRow): ApprovalRecord<unknown> => ({
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

export async function views(
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
