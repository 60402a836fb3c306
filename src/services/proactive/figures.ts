/**
 * Table 二 from the register: 第二十条（一） computed (and traceable to its documents); the
 * （五）（六）（八） figures entered per year or imported, with their source; the section 一
 * sentence offered to the clerk.
 */
import { invalidField } from '../../core/errors.js';
import type { Channel, ItemKind, Validity } from '../../core/proactive/categories.js';
import {
  computeTable2Item1,
  sectionOneSentence,
  type RegisterEntry,
} from '../../core/proactive/figures.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';

export async function register(db: Db, agencyId: string): Promise<RegisterEntry[]> {
  return (await repo.listRegister(db, agencyId)).map((r) => ({
    id: r.id,
    kind: r.kind as ItemKind,
    status: r.status,
    publishedOn: r.published_on,
    writtenOn: r.written_on,
    validity: r.validity as Validity | null,
    validityChangedOn: r.validity_changed_on,
    article20Category: r.article20_category,
    channels: JSON.parse(r.channels) as Channel[],
  }));
}

export interface YearFigures {
  licensing: number;
  penalty: number;
  coercion: number;
  feesFen: number;
  source: string;
  enteredAt: string;
  enteredBy: string;
}

export async function proactiveFigures(db: Db, agencyId: string, year: number) {
  const entries = await register(db, agencyId);
  const manual = await db
    .selectFrom('proactive_year_figures')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
  return {
    year,
    item1: computeTable2Item1(entries, year),
    entered: manual
      ? ({
          licensing: manual.licensing,
          penalty: manual.penalty,
          coercion: manual.coercion,
          feesFen: manual.fees_fen,
          source: manual.source,
          enteredAt: manual.entered_at,
          enteredBy: manual.entered_by,
        } satisfies YearFigures)
      : null,
    sectionOne: sectionOneSentence(entries, year),
  };
}

/** 行政许可/处罚/强制 decisions and fees (in fen; the report shows 万元), with their source. */
export async function enterYearFigures(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
  input: { licensing: number; penalty: number; coercion: number; feesFen: number; source: string },
): Promise<void> {
  for (const [k, label] of [
    ['licensing', '行政许可'],
    ['penalty', '行政处罚'],
    ['coercion', '行政强制'],
    ['feesFen', '行政事业性收费'],
  ] as const) {
    const v = input[k];
    if (!Number.isInteger(v) || v < 0 || v > 1e12)
      throw invalidField(k, `${label}须为不小于 0 的整数。`);
  }
  const source = input.source.trim().slice(0, 200);
  if (!source)
    throw invalidField('source', '请写明数据来源，例如“市政务服务平台导出，2027-01-05”。');
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    const row = {
      agency_id: agencyId,
      year,
      licensing: input.licensing,
      penalty: input.penalty,
      coercion: input.coercion,
      fees_fen: input.feesFen,
      source,
      entered_at: now.toISOString(),
      entered_by: actorLabel(actor),
    };
    await t
      .insertInto('proactive_year_figures')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['agency_id', 'year']).doUpdateSet({
          licensing: row.licensing,
          penalty: row.penalty,
          coercion: row.coercion,
          fees_fen: row.fees_fen,
          source: row.source,
          entered_at: row.entered_at,
          entered_by: row.entered_by,
        }),
      )
      .execute();
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.year_figures',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      after: { year, ...input, source },
    });
  });
}
