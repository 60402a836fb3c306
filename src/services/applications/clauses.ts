/**
 * An agency's clause library of replies: per outcome row, the legal basis and the standard
 * wording of the reasons offered when a clerk chooses that outcome — the defaults gongkai ships
 * (core/applications/clauses.ts) until the agency admin edits them. Each edit is audited.
 */
import { DEFAULT_CLAUSES, isRefusal, type Clause } from '../../core/applications/clauses.js';
import { invalidField } from '../../core/errors.js';
import { OUTCOME_ROW_KEYS, type OutcomeRowKey } from '../../core/report/format.js';
import type { Db } from '../../store/database.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { outcomeLabel } from './model.js';

export interface ClauseView extends Clause {
  outcome: OutcomeRowKey;
  outcomeLabel: string;
  /** Whether a reply of this row needs its reasons and legal basis. */
  refusal: boolean;
  isDefault: boolean;
  defaults: Clause;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function listClauses(db: Db, agencyId: string): Promise<ClauseView[]> {
  const rows = await db
    .selectFrom('agency_reply_clause')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .execute();
  return OUTCOME_ROW_KEYS.map((outcome) => {
    const row = rows.find((r) => r.outcome === outcome);
    const defaults = DEFAULT_CLAUSES[outcome];
    return {
      outcome,
      outcomeLabel: outcomeLabel(outcome),
      refusal: isRefusal(outcome),
      legalBasis: row?.legal_basis ?? defaults.legalBasis,
      reasons: row?.reasons ?? defaults.reasons,
      isDefault: !row,
      defaults,
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by ?? null,
    };
  });
}

export async function updateClause(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  outcome: string,
  input: Clause,
): Promise<ClauseView> {
  if (!(OUTCOME_ROW_KEYS as readonly string[]).includes(outcome)) {
    throw invalidField('outcome', '请从年度报告表三的办理结果类别中选择一项。');
  }
  const key = outcome as OutcomeRowKey;
  const legalBasis = input.legalBasis.trim();
  const reasons = input.reasons.trim();
  if (isRefusal(key) && !legalBasis) {
    throw invalidField('legalBasis', `“${outcomeLabel(key)}”的答复须载明法律依据，请填写。`);
  }
  if (isRefusal(key) && !reasons) {
    throw invalidField('reasons', `“${outcomeLabel(key)}”的答复须说明理由，请填写标准表述。`);
  }
  await ctx.store.transaction(async (t) => {
    const before = (await listClauses(t, agencyId)).find((c) => c.outcome === key)!;
    const now = ctx.clock.now().toISOString();
    await t
      .insertInto('agency_reply_clause')
      .values({
        agency_id: agencyId,
        outcome: key,
        legal_basis: legalBasis,
        reasons,
        updated_at: now,
        updated_by: actorLabel(actor),
      })
      .onConflict((oc) =>
        oc.columns(['agency_id', 'outcome']).doUpdateSet({
          legal_basis: legalBasis,
          reasons,
          updated_at: now,
          updated_by: actorLabel(actor),
        }),
      )
      .execute();
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'application_clause.update',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      before: { outcome: key, legalBasis: before.legalBasis, reasons: before.reasons },
      after: { outcome: key, legalBasis, reasons },
    });
  });
  return (await listClauses(ctx.store.db, agencyId)).find((c) => c.outcome === key)!;
}
