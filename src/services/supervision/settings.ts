/** A region's supervision settings: the year-on-year factor (audited when changed). */
import { invalidField } from '../../core/errors.js';
import * as repo from '../../store/repositories/supervision.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { yearOnYearFactor } from './region-data.js';
import { regionScope } from './scope.js';

export interface SupervisionSettings {
  regionCode: string;
  yearOnYearFactor: number;
}

export async function getSupervisionSettings(
  ctx: ServiceContext,
  regionCode: string,
): Promise<SupervisionSettings> {
  const scope = await regionScope(ctx.store.db, regionCode);
  return { regionCode, yearOnYearFactor: await yearOnYearFactor(ctx.store.db, scope) };
}

export async function updateSupervisionSettings(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  input: { yearOnYearFactor: number },
): Promise<SupervisionSettings> {
  const factor = input.yearOnYearFactor;
  if (!Number.isFinite(factor) || factor < 1.5 || factor > 100) {
    throw invalidField(
      'yearOnYearFactor',
      '倍数应在 1.5 至 100 之间（如 3 表示与上年相比增减超过 3 倍时提示）。',
    );
  }
  const before = await getSupervisionSettings(ctx, regionCode);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    await repo.putSetting(t, {
      region_code: regionCode,
      year_on_year_factor: factor,
      updated_at: now.toISOString(),
      updated_by: actorLabel(actor),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'supervision.settings_update',
      entityType: 'region',
      entityId: regionCode,
      before,
      after: { regionCode, yearOnYearFactor: factor },
    });
  });
  return getSupervisionSettings(ctx, regionCode);
}
