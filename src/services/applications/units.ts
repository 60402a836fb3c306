/**
 * An agency's internal units (科室): the general office that signs for what arrives, and the
 * units a case is transferred to (转办) or assisted by (协办). The minimum the hand-offs need —
 * a name, and which one is the general office; people are not tied to units.
 */
import { randomUUID } from 'node:crypto';
import { invalidField, notFound } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/letter-numbers.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';

export interface UnitView {
  id: string;
  name: string;
  generalOffice: boolean;
}

export async function listUnits(db: Db, agencyId: string): Promise<UnitView[]> {
  return (await repo.listUnits(db, agencyId)).map((u) => ({
    id: u.id,
    name: u.name,
    generalOffice: Number(u.is_general_office) === 1,
  }));
}

export async function unitOf(db: Db, agencyId: string, unitId: string): Promise<UnitView> {
  const u = await repo.findUnit(db, agencyId, unitId);
  if (!u) throw invalidField('unitId', '所选科室不是本机关的科室，请重新选择。');
  return { id: u.id, name: u.name, generalOffice: Number(u.is_general_office) === 1 };
}

export async function createUnit(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: { name: string; generalOffice?: boolean },
): Promise<UnitView[]> {
  const name = input.name.trim();
  if (!name) throw invalidField('name', '请填写科室名称。');
  if (name.length > 60) throw invalidField('name', '科室名称不能超过 60 个字。');
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `agency-units:${agencyId}`);
    const agency = await t
      .selectFrom('agency')
      .select('id')
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!agency) throw notFound('机关');
    const existing = await repo.listUnits(t, agencyId);
    if (existing.some((u) => u.name === name)) {
      throw invalidField('name', `本机关已有名为“${name}”的科室。`);
    }
    // One general office per agency: naming a new one moves the role to it.
    if (input.generalOffice) await repo.clearGeneralOffice(t, agencyId);
    const id = randomUUID();
    await repo.insertUnit(t, {
      id,
      agency_id: agencyId,
      name,
      is_general_office: input.generalOffice ? 1 : 0,
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'agency.unit.create',
      entityType: 'agency_unit',
      entityId: id,
      agencyId,
      after: { name, generalOffice: Boolean(input.generalOffice) },
    });
  });
  return listUnits(ctx.store.db, agencyId);
}
