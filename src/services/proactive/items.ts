/**
 * Proactive items: drafting, the register, publishing (only after the review chain), withdrawing
 * with a reason, correcting (earlier versions kept), validity and policy ↔ interpretation links.
 * Every change is recorded in the audit trail in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError, invalidField, notFound } from '../../core/errors.js';
import {
  ARTICLE_20_KEYS,
  CHANNELS,
  hasValidity,
  INTERPRETATION_FORMS,
  ITEM_KINDS,
  type Article20Category,
  type Channel,
  type InterpretationForm,
  type ItemKind,
  type Validity,
} from '../../core/proactive/categories.js';
import { validityChangeProblems } from '../../core/proactive/validity.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { allocateIndexNumber } from './index-numbers.js';
import { bodyText, plainLine, sanitiseBody, toItem, type ProactiveItem } from './model.js';
import { indexItem, unindexItem } from './search.js';

export interface ItemInput {
  kind: ItemKind;
  title: string;
  bodyHtml: string;
  summary?: string;
  documentNumber?: string | null;
  issuingBody: string;
  writtenOn?: string | null;
  topic: string;
  genre: string;
  article20Category: Article20Category;
  channels: Channel[];
  policyId?: string | null;
  interpretationForm?: InterpretationForm | null;
  catalogueEntryId?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks and cleans an item's fields; every problem names the field as the form labels it, and
 * all of them come back at once (details.fields), so the form marks each.
 */
async function cleanInput(db: Db, agencyId: string, input: ItemInput, selfId: string | null) {
  const problems: { field: string; message: string }[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (!ITEM_KINDS.includes(input.kind)) problem('kind', '请选择信息类别。');
  const title = plainLine(input.title, 200);
  if (!title) problem('title', '请填写标题。');
  const bodyHtml = sanitiseBody(input.bodyHtml ?? '');
  const text = bodyText(bodyHtml);
  if (!text) problem('bodyHtml', '请填写正文。');
  if (!ARTICLE_20_KEYS.includes(input.article20Category))
    problem('article20Category', '请选择法定主动公开内容的类别（条例第二十条第一至十五项）。');
  const channels = [...new Set(input.channels)].filter((c) => CHANNELS.includes(c));
  if (channels.length === 0) problem('channels', '请至少选择一个公开渠道。');
  const issuingBody = plainLine(input.issuingBody, 100);
  if (!issuingBody) problem('issuingBody', '请填写发布机构。');
  const writtenOn = input.writtenOn || null;
  if (writtenOn && !DATE.test(writtenOn)) problem('writtenOn', '成文日期的格式应为 YYYY-MM-DD。');
  let policyId: string | null = null;
  let interpretationForm: InterpretationForm | null = null;
  if (input.kind === 'interpretation') {
    const policy = input.policyId ? await repo.findItem(db, agencyId, input.policyId) : undefined;
    if (!input.policyId) problem('policyId', '政策解读须选择所解读的政策文件。');
    else if (!policy || policy.id === selfId || policy.kind === 'interpretation')
      problem('policyId', '所选的政策文件不存在，请重新选择本机关的政策文件。');
    else if (policy.status === 'withdrawn')
      problem('policyId', '所选的政策文件已撤回，不能再为它解读；请选择本机关未撤回的政策文件。');
    else policyId = policy.id;
    if (!input.interpretationForm || !INTERPRETATION_FORMS.includes(input.interpretationForm))
      problem('interpretationForm', '请选择解读形式（文字解读、图解、音视频或新闻发布）。');
    else interpretationForm = input.interpretationForm;
  }
  let catalogueEntryId: string | null = null;
  if (input.catalogueEntryId) {
    const entry = await repo.findCatalogueEntry(db, agencyId, input.catalogueEntryId);
    if (!entry) problem('catalogueEntryId', '所选的标准目录事项不存在。');
    else catalogueEntryId = entry.id;
  }
  if (problems.length > 0)
    throw new AppError('validation_failed', problems.map((p) => p.message).join(''), {
      field: problems[0]!.field,
      fields: problems,
    });
  return {
    kind: input.kind,
    title,
    body_html: bodyHtml,
    body_text: text,
    summary: plainLine(input.summary ?? '', 500),
    document_number: plainLine(input.documentNumber ?? '', 100) || null,
    issuing_body: issuingBody,
    written_on: writtenOn,
    topic: plainLine(input.topic, 50) || '其他',
    genre: plainLine(input.genre, 20) || '其他',
    article20_category: input.article20Category,
    channels: JSON.stringify(channels),
    policy_id: policyId,
    interpretation_form: interpretationForm,
    catalogue_entry_id: catalogueEntryId,
  };
}

export async function getItem(db: Db, agencyId: string, id: string): Promise<ProactiveItem> {
  const row = await repo.findItem(db, agencyId, id);
  if (!row) throw notFound('主动公开信息');
  return toItem(row);
}

export async function listItems(db: Db, agencyId: string, filter: repo.ItemFilter = {}) {
  return (await repo.listItems(db, agencyId, filter)).map(toItem);
}

export const countPublished = (db: Db, agencyId: string, filter: repo.ItemFilter) =>
  repo.countItems(db, agencyId, filter);

export async function createItem(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: ItemInput,
): Promise<ProactiveItem> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const fields = await cleanInput(t, agencyId, input, null);
    const year = Number(shanghaiDate(now).slice(0, 4));
    const row = {
      id: randomUUID(),
      agency_id: agencyId,
      index_number: await allocateIndexNumber(ctx, t, agencyId, fields.article20_category, year),
      ...fields,
      published_on: null,
      validity: hasValidity(fields.kind) ? 'in_force' : null,
      validity_changed_on: null,
      successor_id: null,
      status: 'draft',
      version: 1,
      withdrawn_reason: null,
      withdrawn_at: null,
      author_user_id: actor.kind === 'user' ? actor.principal.userId : null,
      created_by: actorLabel(actor),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await repo.insertItem(t, row);
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.create',
      entityType: 'proactive_item',
      entityId: row.id,
      agencyId,
      after: { indexNumber: row.index_number, title: row.title, kind: row.kind },
    });
    return toItem(row);
  });
}

/** Edits a draft (or an item returned to its author); published items are corrected instead. */
export async function updateItem(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  id: string,
  input: ItemInput,
): Promise<ProactiveItem> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const before = await getItem(t, agencyId, id);
    if (before.status !== 'draft') {
      throw new AppError(
        'invalid_transition',
        before.status === 'published'
          ? '已发布的信息不能直接修改；请使用“更正”，并说明更正原因（原版本保留）。'
          : `该信息${before.status === 'withdrawn' ? '已撤回' : '正在审查'}，不能修改。`,
      );
    }
    const fields = await cleanInput(t, agencyId, input, id);
    if (fields.kind !== before.kind && (hasValidity(fields.kind) || hasValidity(before.kind))) {
      Object.assign(fields, { validity: hasValidity(fields.kind) ? 'in_force' : null });
    }
    await repo.updateItem(t, id, { ...fields, updated_at: now.toISOString() });
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.update',
      entityType: 'proactive_item',
      entityId: id,
      agencyId,
      before: { title: before.title },
      after: { title: fields.title },
    });
    return getItem(t, agencyId, id);
  });
}

/**
 * 先审查、后公开: an item is published only once its review chain has approved it (status
 * `approved`); anything else is refused with 409 and the reason.
 */
export async function publishItem(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  id: string,
): Promise<ProactiveItem> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const item = await getItem(t, agencyId, id);
    if (item.status !== 'approved') {
      throw new AppError(
        'invalid_transition',
        item.status === 'published'
          ? '该信息已经发布。'
          : '该信息尚未经过完整的发布审查（保密审查及各级审核），不能发布：请先提交审查，全部审核通过后再发布。',
        { status: item.status },
      );
    }
    return markPublished(ctx, t, actor, item, shanghaiDate(now), now, 'proactive.publish');
  });
}

export async function markPublished(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  item: ProactiveItem,
  publishedOn: string,
  now: Date,
  action: string,
): Promise<ProactiveItem> {
  await repo.updateItem(t, item.id, {
    status: 'published',
    published_on: publishedOn,
    updated_at: now.toISOString(),
  });
  const published = await getItem(t, item.agencyId, item.id);
  await indexItem(ctx, t, published);
  await recordChange(ctx, t, actor, now, {
    action,
    entityType: 'proactive_item',
    entityId: item.id,
    agencyId: item.agencyId,
    after: { indexNumber: item.indexNumber, title: item.title, publishedOn },
  });
  return published;
}

/**
 * Records an item published before the system was used (or demo data): the system actor only,
 * with the date it went out. Normal publishing goes through the review chain.
 */
export async function recordPublishedItem(
  ctx: ServiceContext,
  actor: Actor & { kind: 'system' },
  agencyId: string,
  input: ItemInput & { publishedOn: string },
): Promise<ProactiveItem> {
  const created = await createItem(ctx, actor, agencyId, input);
  return ctx.store.transaction((t) =>
    markPublished(
      ctx,
      t,
      actor,
      created,
      input.publishedOn,
      ctx.clock.now(),
      'proactive.record_published',
    ),
  );
}

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
