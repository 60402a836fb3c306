import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  ARTICLE_20_KEYS,
  CHANNELS,
  INTERPRETATION_FORMS,
  ITEM_KINDS,
  VALIDITIES,
} from '../../core/proactive/categories.js';
import type { ServiceContext } from '../../services/context.js';
import {
  addAttachment,
  attachmentFile,
  removeItemAttachment,
} from '../../services/proactive/attachments.js';
import { itemDetail } from '../../services/proactive/detail.js';
import {
  createItem,
  listItems,
  publishItem,
  updateItem,
  type ItemInput,
} from '../../services/proactive/items.js';
import {
  changeValidity,
  correctItem,
  withdrawItem,
} from '../../services/proactive/item-changes.js';
import { sendDocument } from './reports.js';
import { AgencyParams, Id, base, lit, perm, tags, Text, uploadedFile } from './proactive-common.js';
import { proactiveSettingsRoutes } from './proactive-settings.js';
import { actionPerm, allowedActions } from './proactive-actions.js';
import { userActor } from '../access.js';
import { SECRECY_ANSWERS } from '../../core/proactive/secrecy.js';
import {
  agencyChecklist,
  itemReviews,
  reviewItem,
  reviewSheetDocument,
  submitForReview,
} from '../../services/proactive/review.js';

const ItemParams = Type.Object({ agencyId: Id, itemId: Id });
const AttachmentParams = Type.Object({ agencyId: Id, itemId: Id, attachmentId: Id });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const ItemBody = Type.Object(
  {
    kind: lit(ITEM_KINDS),
    title: Type.String({ maxLength: 500 }),
    bodyHtml: Type.String({ maxLength: 500_000 }),
    summary: Type.Optional(Type.String({ maxLength: 2000 })),
    documentNumber: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    issuingBody: Type.String({ maxLength: 200 }),
    writtenOn: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
    topic: Type.String({ maxLength: 100 }),
    genre: Type.String({ maxLength: 50 }),
    article20Category: lit(ARTICLE_20_KEYS),
    channels: Type.Array(lit(CHANNELS), { maxItems: 10 }),
    policyId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    interpretationForm: Type.Optional(Type.Union([lit(INTERPRETATION_FORMS), Type.Null()])),
    catalogueEntryId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);
const toInput = (b: Static<typeof ItemBody>): ItemInput => b as ItemInput;

/** 主动公开 in the workspace: items, attachments, settings, catalogue, guide, figures. */
export async function proactiveRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  uploadLimitBytes: number,
): Promise<void> {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: uploadLimitBytes },
    (_request, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    `${base}/items`,
    {
      config: perm('proactive.read'),
      schema: {
        tags,
        summary: '本机关的主动公开信息（含草稿、已撤回）',
        params: AgencyParams,
        querystring: Type.Object({
          status: Type.Optional(lit(['draft', 'in_review', 'approved', 'published', 'withdrawn'])),
          kind: Type.Optional(lit(ITEM_KINDS)),
        }),
      },
    },
    async (request) => ({
      items: await listItems(ctx.store.db, request.params.agencyId, {
        ...(request.query.status ? { status: [request.query.status] } : {}),
        ...(request.query.kind ? { kind: [request.query.kind] } : {}),
      }),
    }),
  );

  r.post(
    `${base}/items`,
    {
      config: perm('proactive.edit'),
      schema: { tags, summary: '起草一条主动公开信息', params: AgencyParams, body: ItemBody },
    },
    async (request, reply) =>
      reply.code(201).send({
        item: await createItem(ctx, request.actor, request.params.agencyId, toInput(request.body)),
      }),
  );

  r.get(
    `${base}/items/:itemId`,
    {
      config: perm('proactive.read'),
      schema: {
        tags,
        summary:
          '一条信息：附件、历史版本、解读与被解读、有效性，及当前用户对它可做的操作（allowedActions）',
        params: ItemParams,
      },
    },
    async (request) => {
      const { agencyId, itemId } = request.params;
      const detail = await itemDetail(ctx.store.db, agencyId, itemId);
      const reviews = await itemReviews(ctx, request.actor, agencyId, itemId);
      const pending = reviews.find((v) => v.status === 'pending') ?? null;
      return {
        ...detail,
        allowedActions: await allowedActions(ctx, request, agencyId, detail.item, pending),
      };
    },
  );

  r.put(
    `${base}/items/:itemId`,
    {
      config: actionPerm('edit'),
      schema: { tags, summary: '修改草稿', params: ItemParams, body: ItemBody },
    },
    async (request) => ({
      item: await updateItem(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.itemId,
        toInput(request.body),
      ),
    }),
  );

  r.post(
    `${base}/items/:itemId/attachments`,
    {
      config: actionPerm('attach'),
      bodyLimit: uploadLimitBytes,
      schema: {
        tags,
        summary:
          '上传附件（PDF、DOCX、XLSX、图片；请求体为文件内容，文件名放在 x-file-name 头，URI 编码）',
        params: ItemParams,
        headers: Type.Object({ 'x-file-name': Type.String({ minLength: 1, maxLength: 1000 }) }),
      },
    },
    async (request, reply) => {
      const { name, bytes } = uploadedFile(request);
      const attachment = await addAttachment(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.itemId,
        { name, bytes },
      );
      return reply.code(201).send({ attachment });
    },
  );

  r.get(
    `${base}/items/:itemId/attachments/:attachmentId`,
    {
      config: perm('proactive.read'),
      schema: { tags, summary: '下载附件', params: AttachmentParams },
    },
    async (request, reply) => {
      await itemDetail(ctx.store.db, request.params.agencyId, request.params.itemId);
      const file = await attachmentFile(
        ctx.store.db,
        request.params.itemId,
        request.params.attachmentId,
      );
      return sendDocument(reply, file);
    },
  );

  r.delete(
    `${base}/items/:itemId/attachments/:attachmentId`,
    {
      config: actionPerm('attach'),
      schema: { tags, summary: '删除草稿的附件', params: AttachmentParams },
    },
    async (request, reply) => {
      await removeItemAttachment(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.itemId,
        request.params.attachmentId,
      );
      return reply.code(204).send();
    },
  );

  r.post(
    `${base}/items/:itemId/publish`,
    {
      config: perm('proactive.publish'),
      schema: {
        tags,
        summary: '发布经审查通过的信息（未经完整审查的返回 409）',
        params: ItemParams,
      },
    },
    async (request) => ({
      item: await publishItem(ctx, request.actor, request.params.agencyId, request.params.itemId),
    }),
  );

  r.post(
    `${base}/items/:itemId/withdraw`,
    {
      config: actionPerm('withdraw'),
      schema: {
        tags,
        summary: '撤回已发布的信息（须写明原因；撤回后离开门户，保留在档案中）',
        params: ItemParams,
        body: Type.Object({ reason: Text(1000) }, { additionalProperties: false }),
      },
    },
    async (request) => ({
      item: await withdrawItem(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.itemId,
        request.body.reason,
      ),
    }),
  );

  r.post(
    `${base}/items/:itemId/correction`,
    {
      config: actionPerm('correct'),
      schema: {
        tags,
        summary: '更正已发布的信息（原版本保留并可查看）',
        params: ItemParams,
        body: Type.Composite([Type.Omit(ItemBody, ['kind']), Type.Object({ reason: Text(1000) })], {
          additionalProperties: false,
        }),
      },
    },
    async (request) => ({
      item: await correctItem(ctx, request.actor, request.params.agencyId, request.params.itemId, {
        ...(request.body as unknown as ItemInput),
        reason: request.body.reason,
      }),
    }),
  );

  r.post(
    `${base}/items/:itemId/validity`,
    {
      config: actionPerm('validity'),
      schema: {
        tags,
        summary: '规章、行政规范性文件的有效性变化（修改、废止、失效），可指明新文件',
        params: ItemParams,
        body: Type.Object(
          {
            validity: lit(VALIDITIES),
            changedOn: Text(10),
            successorId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      item: await changeValidity(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.itemId,
        request.body,
      ),
    }),
  );

  r.post(
    `${base}/items/:itemId/submit`,
    {
      config: actionPerm('submit'),
      schema: {
        tags,
        summary: '提交发布审查（按本机关的审核流程，第一级填写保密审查清单）',
        params: ItemParams,
        body: Type.Optional(
          Type.Object({ note: Type.Optional(Text(1000)) }, { additionalProperties: false }),
        ),
      },
    },
    async (request) =>
      submitForReview(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.itemId,
        request.body?.note ?? null,
      ),
  );

  r.post(
    `${base}/items/:itemId/review`,
    {
      config: actionPerm('review'),
      schema: {
        tags,
        summary: '审查：同意（第一级须填保密审查清单）或退回（须写理由）；不能审查自己提交的信息',
        params: ItemParams,
        body: Type.Object(
          {
            decision: lit(['approve', 'return'] as const),
            comment: Type.Optional(Nullable(Text(2000))),
            checks: Type.Optional(
              Type.Array(
                Type.Object({
                  key: Text(40),
                  answer: lit(SECRECY_ANSWERS),
                  note: Type.Optional(Text(500)),
                }),
                { maxItems: 40 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      approval: await reviewItem(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.itemId,
        request.body,
      ),
    }),
  );

  r.get(
    `${base}/items/:itemId/reviews`,
    {
      config: perm('proactive.read'),
      schema: { tags, summary: '发布审查记录（各级意见、保密审查清单）', params: ItemParams },
    },
    async (request) => ({
      checklist: await agencyChecklist(ctx.store.db, request.params.agencyId),
      reviews: await itemReviews(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.itemId,
      ),
    }),
  );

  r.get(
    `${base}/items/:itemId/review-sheet.:format`,
    {
      config: perm('proactive.read'),
      schema: {
        tags,
        summary: '发布审查表（DOCX 或 PDF），随信息存档',
        params: Type.Object({ agencyId: Id, itemId: Id, format: lit(['docx', 'pdf']) }),
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        await reviewSheetDocument(
          ctx,
          request.actor,
          request.params.agencyId,
          request.params.itemId,
          request.params.format as 'docx' | 'pdf',
        ),
      ),
  );

  proactiveSettingsRoutes(app, ctx);
}
