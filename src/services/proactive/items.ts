/**
 * Proactive items: drafting, the register, publishing (only after the review chain) and policy ↔
 * interpretation links. What happens to an item once published (withdrawing, correcting,
 * validity) is in item-changes.ts. Every change is recorded in the audit trail in the same
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../core/errors.js';
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
} from '../../core/proactive/categories.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { allocateIndexNumber } from './index-numbers.js';
import { bodyText, plainLine, sanitiseBody, toItem, type ProactiveItem } from './model.js';
import { indexItem } from './search.js';

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
export async function cleanInput(
  db: Db,
  agencyId: string,
  input: ItemInput,
  selfId: string | null,
) {
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
