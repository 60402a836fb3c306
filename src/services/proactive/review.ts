/**
 * 先审查、后公开: a proactive item is published through the agency's review chain (the one
 * engine, kind `proactive_item.publish`). The first level completes the 保密审查 checklist;
 * the last approval publishes the item; a return sends it back to its author as a draft, with
 * the comment. The 发布审查表 of each approved request is archived with the item (DOCX, PDF).
 */
import { AppError, invalidField } from '../../core/errors.js';
import { article20Label, CHANNEL_LABELS } from '../../core/proactive/categories.js';
import { reviewSheetDocx, reviewSheetPdf, type ReviewSheet } from '../../render/review-sheet.js';
import { getBlob, putBlob } from '../../store/repositories/blobs.js';
import { getAgency } from '../organisations.js';
import {
  SECRECY_ANSWER_LABELS,
  secrecyChecklist,
  secrecyProblem,
  secrecyProblems,
  type SecrecyCheck,
  type SecrecyCheckItem,
} from '../../core/proactive/secrecy.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { decide, registerSubjectKind, requestsOfSubject, submit } from '../review/engine.js';
import { getItem, markPublished } from './items.js';
import { bodyText } from './model.js';

export const PUBLISH_KIND = 'proactive_item.publish';

interface PublishPayload {
  title: string;
  indexNumber: string;
}

const lockKey = (itemId: string) => `proactive-item:${itemId}`;

export async function agencyChecklist(db: Db, agencyId: string): Promise<SecrecyCheckItem[]> {
  const settings = await repo.getSettings(db, agencyId);
  return secrecyChecklist(settings ? (JSON.parse(settings.secrecy_items) as string[]) : []);
}

export async function secrecyCheckOf(db: Db, approvalId: string) {
  const row = await db
    .selectFrom('proactive_secrecy_check')
    .selectAll()
    .where('approval_id', '=', approvalId)
    .executeTakeFirst();
  return row
    ? {
        approvalId: row.approval_id,
        checks: JSON.parse(row.checks_json) as SecrecyCheck[],
        conclusion: row.conclusion,
        by: row.by_name,
        byUserId: row.by_user_id,
        at: row.at,
      }
    : null;
}

registerSubjectKind<PublishPayload>({
  kind: PUBLISH_KIND,
  label: '发布主动公开信息',
  defaultLevels: [
    { role: 'reviewer', reviewLevel: 'section_head' },
    { role: 'reviewer', reviewLevel: 'deputy' },
  ],
  minLevels: 1,
  minLevelsReason: '主动公开信息须“先审查、后公开”，发布前至少经过一级审查（含保密审查）。',
  auditPrefix: 'proactive_item',
  entityType: 'proactive_item',
  lockKey,
  summary: (p) => `发布《${p.title}》（索引号 ${p.indexNumber}）`,
  async subjectLabels(db, ids) {
    const rows =
      ids.length === 0
        ? []
        : await db
            .selectFrom('proactive_item')
            .select(['id', 'title'])
            .where('id', 'in', [...ids])
            .execute();
    return new Map(rows.map((r) => [r.id, `《${r.title}》`]));
  },
  // 保密审查: the first level approves only with the completed checklist, recorded with its
  // decision in the same transaction — through this module's route or the generic one alike.
  async beforeApprove(ctx, t, actor, request, levelIndex, extra) {
    if (levelIndex !== 0) return;
    const given = (extra as { checks?: SecrecyCheck[] } | undefined)?.checks;
    if (!given)
      throw new AppError(
        'validation_failed',
        '第一级审核须先完成保密审查清单：请在“主动公开”中打开该信息，逐项填写保密审查清单后再同意。',
        { field: 'checks' },
      );
    const checklist = await agencyChecklist(t, request.agencyId);
    const checks = given.map((c) => ({
      key: String(c.key),
      answer: c.answer,
      note: c.note?.trim().slice(0, 500) ?? '',
    }));
    const problems = secrecyProblems(checklist, checks);
    if (problems.length > 0)
      throw new AppError('validation_failed', problems.map((p) => p.message).join(''), {
        field: problems[0]!.field,
        fields: problems,
      });
    const now = ctx.clock.now();
    await t.deleteFrom('proactive_secrecy_check').where('approval_id', '=', request.id).execute();
    await t
      .insertInto('proactive_secrecy_check')
      .values({
        approval_id: request.id,
        item_id: request.subjectId,
        checks_json: JSON.stringify(checks),
        conclusion: '经审查，不涉及不宜公开的内容，同意公开。',
        by_user_id: actor.kind === 'user' ? actor.principal.userId : '',
        by_name: actorLabel(actor),
        at: now.toISOString(),
      })
      .execute();
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.secrecy_check',
      entityType: 'proactive_item',
      entityId: request.subjectId,
      agencyId: request.agencyId,
      after: { approvalId: request.id, checks },
    });
  },
  async onApproved(ctx, t, actor, request) {
    const check = await secrecyCheckOf(t, request.id);
    const checklist = await agencyChecklist(t, request.agencyId);
    const problem = check
      ? secrecyProblem(checklist, check.checks)
      : '第一级审核人尚未完成保密审查清单。';
    if (problem) throw new AppError('conflict', `不能发布：${problem}请退回后重新提交审查。`);
    const item = await getItem(t, request.agencyId, request.subjectId);
    if (item.status !== 'in_review')
      throw new AppError('invalid_transition', '该信息不在审查中，不能发布。');
    const now = ctx.clock.now();
    await markPublished(ctx, t, actor, item, shanghaiDate(now), now, 'proactive.publish');
  },
  async onReturned(ctx, t, _actor, request) {
    await repo.updateItem(t, request.subjectId, {
      status: 'draft',
      updated_at: ctx.clock.now().toISOString(),
    });
  },
  // The author took the request back: the item is a draft again, to be changed and resubmitted.
  async onWithdrawn(ctx, t, _actor, request) {
    await t
      .updateTable('proactive_item')
      .set({ status: 'draft', updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', request.subjectId)
      .where('status', '=', 'in_review')
      .execute();
  },
  async preview(ctx, _actor, request) {
    const item = await getItem(ctx.store.db, request.agencyId, request.subjectId);
    const check = await secrecyCheckOf(ctx.store.db, request.id);
    const checklist = await agencyChecklist(ctx.store.db, request.agencyId);
    return {
      document: { title: item.title, html: item.bodyHtml },
      timeline: [
        { date: item.createdAt.slice(0, 10), label: '起草', detail: item.createdBy },
        {
          date: request.requestedAt.slice(0, 10),
          label: '提交审查',
          detail: request.requestedByName,
        },
      ],
      reasons: check
        ? checklist.map((c) => {
            const answer = check.checks.find((x) => x.key === c.key);
            return {
              label: c.label,
              text: answer
                ? `${SECRECY_ANSWER_LABELS[answer.answer]}${answer.note ? `：${answer.note}` : ''}`
                : '未回答',
            };
          })
        : [{ label: '保密审查', text: '尚未完成（由第一级审核人填写）' }],
    };
  },
});

/** The item's pending publish request, if any. */
async function pendingRequest(db: Db, actor: Actor, agencyId: string, itemId: string) {
  const views = await requestsOfSubject(db, actor, agencyId, [PUBLISH_KIND], itemId);
  return views.find((v) => v.status === 'pending') ?? null;
}

/** The author submits a draft for review along the agency's chain. */
export async function submitForReview(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  itemId: string,
  note?: string | null,
): Promise<{ approvalId: string }> {
  return ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, lockKey(itemId));
    const item = await getItem(t, agencyId, itemId);
    const stale =
      item.status === 'in_review' && !(await pendingRequest(t, actor, agencyId, itemId));
    if (item.status !== 'draft' && !stale)
      throw new AppError(
        'invalid_transition',
        item.status === 'in_review' ? '该信息已在审查中。' : '只有草稿可以提交审查。',
      );
    if (!bodyText(item.bodyHtml)) throw invalidField('bodyHtml', '正文为空，不能提交审查。');
    const approvalId = await submit<PublishPayload>(ctx, t, actor, {
      agencyId,
      kind: PUBLISH_KIND,
      subjectId: itemId,
      payload: { title: item.title, indexNumber: item.indexNumber },
      note: note ?? null,
    });
    if (!approvalId)
      throw new AppError(
        'conflict',
        '本机关的发布审核流程为空：主动公开信息须经审查后才能发布，请机关管理员设置审核流程。',
      );
    await repo.updateItem(t, itemId, {
      status: 'in_review',
      updated_at: ctx.clock.now().toISOString(),
    });
    return { approvalId };
  });
}

/**
 * A reviewer decides on the item's pending request; at the first level an approval needs the
 * completed 保密审查 checklist, which the kind's beforeApprove checks and records with the
 * decision.
 */
export async function reviewItem(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  itemId: string,
  input: { decision: 'approve' | 'return'; comment?: string | null; checks?: SecrecyCheck[] },
) {
  const pending = await pendingRequest(ctx.store.db, actor, agencyId, itemId);
  if (!pending) throw new AppError('invalid_transition', '该信息没有待审批的发布审查。');
  if (!pending.canDecide) {
    if (pending.requestedByUserId === actor.principal.userId)
      throw new AppError('forbidden', '不能审批自己提交的信息：提请人与审批人须为不同的人。');
    throw new AppError(
      'invalid_transition',
      `该信息现在由${pending.currentLevelLabel ?? '其他层级'}审批，您不是这一层级的审核人。`,
    );
  }
  return decide(ctx, actor, agencyId, pending.id, {
    decision: input.decision,
    comment: input.comment ?? null,
    extra: { checks: input.checks ?? [] },
  });
}

/** The item's review history: every request with its steps and checklist. */
export async function itemReviews(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  itemId: string,
) {
  await getItem(ctx.store.db, agencyId, itemId);
  const views = await requestsOfSubject(ctx.store.db, actor, agencyId, [PUBLISH_KIND], itemId);
  return Promise.all(
    views.map(async (v) => ({ ...v, secrecyCheck: await secrecyCheckOf(ctx.store.db, v.id) })),
  );
}

const SHEET_MEDIA: Record<'docx' | 'pdf', string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * The 发布审查表 of the item's approved review, archived with the item on first export (the
 * decisions it records never change, so the archived file is the record).
 */
export async function reviewSheetDocument(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  itemId: string,
  format: 'docx' | 'pdf',
): Promise<{ filename: string; mediaType: string; bytes: Uint8Array }> {
  const item = await getItem(ctx.store.db, agencyId, itemId);
  const reviews = await itemReviews(ctx, actor, agencyId, itemId);
  const approved = reviews.filter((r) => r.status === 'approved').at(-1);
  if (!approved) throw new AppError('not_found', '该信息还没有审查通过的发布审查，暂无审查表。');
  const filename = `发布审查表-${item.indexNumber.replace(/[\\/]/g, '-')}.${format}`;
  const archived = await ctx.store.db
    .selectFrom('proactive_review_sheet')
    .select('sha256')
    .where('approval_id', '=', approved.id)
    .where('format', '=', format)
    .executeTakeFirst();
  if (archived) {
    const blob = await getBlob(ctx.store.db, archived.sha256);
    if (blob)
      return { filename, mediaType: SHEET_MEDIA[format], bytes: new Uint8Array(blob.bytes) };
  }
  const agency = await getAgency(ctx.store.db, agencyId);
  const checklist = await agencyChecklist(ctx.store.db, agencyId);
  const sheet: ReviewSheet = {
    agencyName: agency.name,
    fields: [
      ['标题', item.title],
      ['索引号', item.indexNumber],
      ['文号', item.documentNumber ?? ''],
      ['发布机构', item.issuingBody],
      ['公开类别', article20Label(item.article20Category)],
      ['公开渠道', item.channels.map((c) => CHANNEL_LABELS[c]).join('、')],
      ['起草人', item.createdBy],
      [
        '提交审查',
        `${approved.requestedBy}，${approved.requestedAt.slice(0, 16).replace('T', ' ')}`,
      ],
      ['发布日期', item.publishedOn ?? ''],
    ],
    checks: checklist.map((c) => {
      const a = approved.secrecyCheck?.checks.find((x) => x.key === c.key);
      return {
        label: c.label,
        answer: a ? SECRECY_ANSWER_LABELS[a.answer] : '未回答',
        note: a?.note ?? '',
      };
    }),
    checkedBy: approved.secrecyCheck
      ? `${approved.secrecyCheck.by}，${approved.secrecyCheck.at.slice(0, 16).replace('T', ' ')}`
      : '',
    // Every step of every round up to the approving one: a return and its comment included.
    steps: reviews
      .filter((r) => r.requestedAt <= approved.requestedAt)
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
      .flatMap((r) => r.steps)
      .map((s) => ({
        level: s.levelLabel,
        decision: s.decision === 'approve' ? '同意' : '退回',
        comment: s.comment ?? '',
        by: s.by,
        at: s.at.slice(0, 16).replace('T', ' '),
      })),
  };
  const bytes = format === 'docx' ? await reviewSheetDocx(sheet) : await reviewSheetPdf(sheet);
  const now = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (t) => {
    const sha256 = await putBlob(t, bytes, SHEET_MEDIA[format], now);
    await t
      .insertInto('proactive_review_sheet')
      .values({ approval_id: approved.id, format, item_id: itemId, sha256, created_at: now })
      .onConflict((oc) => oc.columns(['approval_id', 'format']).doNothing())
      .execute();
  });
  return { filename, mediaType: SHEET_MEDIA[format], bytes };
}
