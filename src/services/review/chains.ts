/**
 * The review chains of the review-chain engine (see ./engine.ts): the levels of one chain, an
 * agency's chain per subject kind (absent = the kind's default), the checks a chain passes before
 * it is saved, and who holds a level.
 */
import {
  REVIEW_LEVEL_LABELS,
  REVIEW_LEVELS,
  ROLE_LABELS,
  type ReviewLevel,
} from '../../core/auth/roles.js';
import { invalidField } from '../../core/errors.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/review.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { subjectKind, subjectKinds, type SubjectKindDef } from './registry.js';

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

export const kinds = { get: (kind: string) => subjectKinds().find((d) => d.kind === kind) };

export function parseLevels(json: string): ChainLevel[] {
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

export const labelled = (levels: ChainLevel[]) =>
  levels.map((l) => ({ ...l, label: levelLabel(l) }));

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

export function holds(actor: Actor, agencyId: string, level: ChainLevel): boolean {
  if (actor.kind !== 'user') return false;
  return actor.principal.grants.some(
    (g) =>
      g.agencyId === agencyId &&
      g.role === level.role &&
      (level.role !== 'reviewer' || g.reviewLevel === level.reviewLevel),
  );
}

export async function holdersOf(db: Db, agencyId: string, level: ChainLevel): Promise<string[]> {
  return (await repo.holdersOfRole(db, agencyId, level.role))
    .filter((u) => level.role !== 'reviewer' || u.review_level === level.reviewLevel)
    .map((u) => u.user_id);
}
