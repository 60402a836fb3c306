/**
 * Changes to a published proactive item: withdrawing with a reason, correcting (earlier versions
 * kept and readable), and the validity of 规章 and 行政规范性文件. Every change is recorded in the
 * audit trail in the same transaction.
 */
import { AppError, invalidField } from '../../core/errors.js';
import { hasValidity, type Validity } from '../../core/proactive/categories.js';
import { validityChangeProblems } from '../../core/proactive/validity.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { cleanInput, getItem, type ItemInput } from './items.js';
import { plainLine, type ProactiveItem } from './model.js';
import { indexItem, unindexItem } from './search.js';

/** 撤回: the item leaves the portal (and search) and stays in the archive with the reason. */
export async function withdrawItem(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  id: string,
  reasonInput: string,
): Promise<ProactiveItem> {
  const reason = plainLine(reasonInput, 500);
  if (!reason) throw invalidField('reason', '请填写撤回原因。');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const item = await getItem(t, agencyId, id);
    if (item.status !== 'published')
      throw new AppError('invalid_transition', '只有已发布的信息可以撤回。');
    await repo.updateItem(t, id, {
      status: 'withdrawn',
      withdrawn_reason: reason,
      withdrawn_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await unindexItem(ctx, t, id);
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.withdraw',
      entityType: 'proactive_item',
      entityId: id,
      agencyId,
      before: { status: 'published' },
      after: { status: 'withdrawn', reason },
    });
    return getItem(t, agencyId, id);
  });
}

/** 更正: a published item gets new content; the version before is kept and stays readable. */
export async function correctItem(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  id: string,
  input: ItemInput & { reason: string },
): Promise<ProactiveItem> {
  const reason = plainLine(input.reason ?? '', 500);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const before = await getItem(t, agencyId, id);
    if (before.status !== 'published')
      throw new AppError('invalid_transition', '只有已发布的信息可以更正。');
    // A missing reason is named together with the fields' problems, all at once.
    const noReason = { field: 'reason', message: '请填写更正原因。' };
    const fields = await cleanInput(t, agencyId, { ...input, kind: before.kind }, id).catch(
      (e: unknown) => {
        if (reason || !(e instanceof AppError) || e.code !== 'validation_failed') throw e;
        const others = (e.details.fields as { field: string; message: string }[]) ?? [];
        throw new AppError('validation_failed', `${noReason.message}${e.message}`, {
          field: 'reason',
          fields: [noReason, ...others],
        });
      },
    );
    if (!reason) throw invalidField(noReason.field, noReason.message);
    await repo.insertVersion(t, {
      item_id: id,
      version: before.version,
      snapshot_json: JSON.stringify(before),
      reason,
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
    });
    await repo.updateItem(t, id, {
      ...fields,
      version: before.version + 1,
      updated_at: now.toISOString(),
    });
    const after = await getItem(t, agencyId, id);
    await indexItem(ctx, t, after);
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.correct',
      entityType: 'proactive_item',
      entityId: id,
      agencyId,
      before: { version: before.version, title: before.title },
      after: { version: after.version, title: after.title, reason },
    });
    return after;
  });
}

/** A 规章 or 行政规范性文件 is amended, repealed or expires (with the date and the successor). */
export async function changeValidity(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  id: string,
  input: { validity: Validity; changedOn: string; successorId?: string | null },
): Promise<ProactiveItem> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const item = await getItem(t, agencyId, id);
    if (!hasValidity(item.kind) || !item.validity)
      throw new AppError('invalid_transition', '只有规章和行政规范性文件有有效性。');
    if (item.status !== 'published')
      throw new AppError(
        'invalid_transition',
        item.status === 'withdrawn'
          ? '该文件已撤回，不能再变更有效性。'
          : '该文件尚未发布，不能变更有效性；请先提交审查并发布，再登记修改、废止或失效。',
      );
    const successorId = input.successorId || null;
    if (successorId && !(await repo.findItem(t, agencyId, successorId)))
      throw invalidField('successorId', '所选的新文件不存在，请选择本机关已登记的文件。');
    const problems = validityChangeProblems(
      item.validity,
      input.validity,
      input.changedOn,
      item.writtenOn,
      successorId,
      id,
    );
    if (problems.length > 0)
      throw new AppError('validation_failed', problems.map((p) => p.message).join(''), {
        field: problems[0]!.field,
        fields: problems,
      });
    await repo.updateItem(t, id, {
      validity: input.validity,
      validity_changed_on: input.changedOn,
      successor_id: successorId,
      updated_at: now.toISOString(),
    });
    const after = await getItem(t, agencyId, id);
    if (after.status === 'published') await indexItem(ctx, t, after);
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.validity',
      entityType: 'proactive_item',
      entityId: id,
      agencyId,
      before: { validity: item.validity },
      after: { validity: input.validity, changedOn: input.changedOn, successorId },
    });
    return after;
  });
}

/** The item's versions before the current one (corrections), oldest first. */
export async function itemVersions(db: Db, agencyId: string, id: string) {
  await getItem(db, agencyId, id);
  return versionsOf(db, id);
}

/** itemVersions of an item already read (its agency checked). */
export async function versionsOf(db: Db, id: string) {
  return (await repo.listVersions(db, id)).map((v) => ({
    version: v.version,
    reason: v.reason,
    replacedAt: v.created_at,
    replacedBy: v.created_by,
    item: JSON.parse(v.snapshot_json) as ProactiveItem,
  }));
}
