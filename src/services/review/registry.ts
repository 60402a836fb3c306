/**
 * The registry of subject kinds of the review-chain engine (see ./engine.ts). No runtime
 * imports: a module that registers its kind at load time can never meet it half-initialised.
 */
import type { ChainLevel } from './chains.js';
import type { Actor, ServiceContext } from '../context.js';
import type { Db, Trx } from '../../store/database.js';

export interface ApprovalRecord<P> {
  id: string;
  agencyId: string;
  kind: string;
  subjectId: string;
  payload: P;
  note: string | null;
  levels: ChainLevel[];
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
}

/** What a reviewer sees besides the summary: the document, the timeline, the reasons. */
export interface ReviewPreview {
  /**
   * The document as it will go out (sanitised HTML, or a url of the workspace's API that renders
   * it), with its title; null when none.
   */
  document: { title: string; html: string; url?: string } | null;
  timeline: { date: string; label: string; detail?: string | null }[];
  reasons: { label: string; text: string }[];
}

export interface SubjectKindDef<P = unknown> {
  kind: string;
  /** 答复, 延长答复期限, 发布年度报告 … */
  label: string;
  /** The chain an agency has until its admin sets one. */
  defaultLevels: ChainLevel[];
  /** The fewest levels an agency may set (e.g. 1 where the law requires an approval). */
  minLevels?: number;
  /** Why at least minLevels: shown when an admin sets fewer. */
  minLevelsReason?: string;
  /** Prefix of the audit actions (application, report, proactive_item). */
  auditPrefix: string;
  /** The audit entity of a subject. */
  entityType: string;
  /** Serialises decisions with other changes to the subject. */
  lockKey(subjectId: string): string;
  summary(payload: P): string;
  /** A short name per subject (申请 2026-0001 李申请, 2025年度报告). */
  subjectLabels?(db: Db, subjectIds: readonly string[]): Promise<Map<string, string>>;
  /** The case a notification links to, when the subject is (part of) one. */
  applicationIdOf?(request: ApprovalRecord<P>): string | null;
  /**
   * What one level needs before it may approve (e.g. the 保密审查 checklist at the first level of
   * proactive_item.publish), called in the deciding transaction for every approval, whichever
   * route it comes through: `extra` is what the decision carried besides decision and comment
   * (undefined from a route that has nothing more). It checks and records; throwing refuses the
   * approval and records nothing.
   */
  beforeApprove?(
    ctx: ServiceContext,
    t: Trx,
    actor: Actor,
    request: ApprovalRecord<P>,
    levelIndex: number,
    extra: unknown,
  ): Promise<void>;
  /** Makes the change after the last approval; throwing refuses the approval (it stays pending). */
  onApproved(ctx: ServiceContext, t: Trx, actor: Actor, request: ApprovalRecord<P>): Promise<void>;
  onReturned?(
    ctx: ServiceContext,
    t: Trx,
    actor: Actor,
    request: ApprovalRecord<P>,
    comment: string,
  ): Promise<void>;
  /** The author withdrew the pending request (e.g. the subject goes back to being a draft). */
  onWithdrawn?(
    ctx: ServiceContext,
    t: Trx,
    actor: Actor,
    request: ApprovalRecord<P>,
  ): Promise<void>;
  preview?(ctx: ServiceContext, actor: Actor, request: ApprovalRecord<P>): Promise<ReviewPreview>;
}

const kinds = new Map<string, SubjectKindDef>();

export function registerSubjectKind<P>(def: SubjectKindDef<P>): void {
  kinds.set(def.kind, def as unknown as SubjectKindDef);
}

export function subjectKind(kind: string): SubjectKindDef {
  const def = kinds.get(kind);
  if (!def) throw new Error(`review chain: unknown subject kind ${kind}`);
  return def;
}

export const subjectKinds = (): SubjectKindDef[] => [...kinds.values()];
