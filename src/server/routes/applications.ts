import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { URGENCY_LABELS, type Urgency } from '../../core/applications/clock.js';
import { OUTCOME_ROW_KEYS } from '../../core/report/format.js';
import { LETTER_FORMATS, type LetterFormat } from '../../render/letters/documents.js';
import { approvalsOfApplication, requestApproval } from '../../services/applications/approvals.js';
import {
  assignApplication,
  getApplication,
  listApplications,
  feeQuote,
  listHandlers,
  recordEvent,
  registerApplication,
  revealIdentity,
  type EventInput,
} from '../../services/applications/cases.js';
import { letterDocument } from '../../services/applications/letters.js';
import {
  rangeOf,
  REGISTER_MEDIA_TYPES,
  recordRegisterExport,
  registerCsv,
  registerXlsx,
} from '../../services/applications/register.js';
import type { ServiceContext } from '../../services/context.js';
import { userActor } from '../access.js';
import { sendDocument } from './reports.js';
import {
  strictObject,
  literals,
  Id,
  DateText,
  AgencyParams,
  ApplicationParams,
  RegisterBody,
  EventBody,
  ApprovalBody,
  approvalRequestOf,
} from './application-schemas.js';
import { applicationAppealRoutes } from './application-appeals.js';
import { applicationSettingsRoutes } from './application-settings.js';

/**
 * The JSON API of applications: the cases of an agency (list, register, events, approvals,
 * letters, assignment, identity), then appeals and statistics, then settings, the national
 * calendar and one's notifications (registered in that order, from their own modules).
 */
export async function applicationRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = { kind: 'permission', permission: 'application.read', target: 'agency' } as const;
  const handle = {
    kind: 'permission',
    permission: 'application.handle',
    target: 'agency',
  } as const;
  const tags = ['依申请公开'];
  const base = '/api/v1/agencies/:agencyId';

  r.get(
    `${base}/applications`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '申请列表：按紧急程度（已超期、今日到期、3 个工作日内到期）排列',
        params: AgencyParams,
        querystring: strictObject({
          scope: Type.Optional(literals(['open', 'closed', 'all'] as const)),
          urgency: Type.Optional(literals(Object.keys(URGENCY_LABELS) as Urgency[])),
          assignee: Type.Optional(Type.String({ maxLength: 64 })),
          text: Type.Optional(Type.String({ maxLength: 100 })),
          receivedFrom: Type.Optional(DateText),
          receivedTo: Type.Optional(DateText),
          outcome: Type.Optional(literals(OUTCOME_ROW_KEYS)),
        }),
      },
    },
    async (request) => listApplications(ctx, request.params.agencyId, request.query),
  );

  r.post(
    `${base}/applications`,
    {
      config: { access: handle },
      schema: {
        tags,
        summary: '登记来信、当面、传真、电子邮件等渠道收到的申请（条例第三十一条定收到日期）',
        params: AgencyParams,
        body: RegisterBody,
      },
    },
    async (request, reply) => {
      const result = await registerApplication(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.body,
      );
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );

  r.get(
    `${base}/applications/:applicationId`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '申请详情：办理步骤、由步骤推算的答复期限（附计算规则）、当前可办理的步骤',
        params: ApplicationParams,
      },
    },
    async (request) =>
      getApplication(ctx, request.actor, request.params.agencyId, request.params.applicationId),
  );

  r.post(
    `${base}/applications/:applicationId/events`,
    {
      config: { access: handle },
      schema: {
        tags,
        summary:
          '记录办理步骤（补正、征求意见、收费、送达、办结、撤回）；不允许的步骤返回 409 及原因',
        params: ApplicationParams,
        body: EventBody,
      },
    },
    async (request) =>
      recordEvent(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.applicationId,
        request.body as EventInput,
      ),
  );

  r.post(
    `${base}/applications/:applicationId/approvals`,
    {
      config: { access: handle },
      schema: {
        tags,
        summary: '提请延长答复期限或答复，按本机关的审核流程审批',
        params: ApplicationParams,
        body: ApprovalBody,
      },
    },
    async (request) =>
      requestApproval(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.applicationId,
        approvalRequestOf(request.body),
      ),
  );

  r.get(
    `${base}/applications/:applicationId/approvals`,
    {
      config: { access: read },
      schema: { tags, summary: '本申请的审批事项', params: ApplicationParams },
    },
    async (request) => ({
      approvals: await approvalsOfApplication(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.applicationId,
      ),
    }),
  );

  r.put(
    `${base}/applications/:applicationId/assignee`,
    {
      config: {
        access: { kind: 'permission', permission: 'application.assign', target: 'agency' },
      },
      schema: {
        tags,
        summary:
          '分派经办人：未分派的申请，本机关经办人均可领办或分派；已分派的，只有当前经办人（移交）或机关管理员可以改派',
        params: ApplicationParams,
        body: strictObject({ userId: Type.Union([Id, Type.Null()]) }),
      },
    },
    async (request) =>
      assignApplication(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.applicationId,
        request.body.userId,
      ),
  );

  r.post(
    `${base}/applications/:applicationId/reveal`,
    {
      // A sensitive act: the password or a code within the last few minutes.
      config: { access: { ...handle, recentAuth: true } },
      schema: {
        tags,
        summary: '查看完整的证件号码和联系方式（仅本案经办人；每次查看都留痕）',
        params: ApplicationParams,
      },
    },
    async (request) =>
      revealIdentity(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.applicationId,
      ),
  );

  r.get(
    `${base}/applications/:applicationId/fee-quote`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '试算信息处理费（国办函〔2020〕109号：按件按月累计，按量按申请）',
        params: ApplicationParams,
        querystring: strictObject({
          method: literals(['items', 'pages'] as const),
          quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
        }),
      },
    },
    async (request) =>
      feeQuote(
        ctx,
        request.params.agencyId,
        request.params.applicationId,
        request.query.method,
        request.query.quantity,
      ),
  );

  r.get(
    `${base}/applications/:applicationId/letters/:letterId/document.:format`,
    {
      config: { access: read },
      schema: {
        tags,
        summary:
          '下载文书（答复告知书、补正告知书、延期答复告知书、缴费通知书、不再处理告知书）：pdf、docx、html',
        params: Type.Object({
          agencyId: Id,
          applicationId: Id,
          letterId: Id,
          format: literals(LETTER_FORMATS),
        }),
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        await letterDocument(
          ctx,
          request.params.agencyId,
          request.params.applicationId,
          request.params.letterId,
          request.params.format as LetterFormat,
        ),
        request.params.format === 'html',
      ),
  );

  r.get(
    `${base}/application-register.:format`,
    {
      config: { access: { ...read, recentAuth: true } },
      schema: {
        tags,
        summary: '导出申请登记台账（xlsx、csv；证件号码已隐去部分）',
        params: Type.Object({ agencyId: Id, format: literals(['xlsx', 'csv'] as const) }),
        querystring: strictObject({
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          from: Type.Optional(DateText),
          to: Type.Optional(DateText),
        }),
      },
    },
    async (request, reply) => {
      const range = rangeOf(request.query);
      const format = request.params.format;
      const file =
        format === 'xlsx'
          ? await registerXlsx(ctx, request.params.agencyId, range)
          : await registerCsv(ctx, request.params.agencyId, range);
      await recordRegisterExport(ctx, request.actor, request.params.agencyId, format, range);
      return sendDocument(reply, { ...file, mediaType: REGISTER_MEDIA_TYPES[format] });
    },
  );

  r.get(
    `${base}/application-handlers`,
    {
      config: { access: read },
      schema: { tags, summary: '本机关的经办人（分派用）', params: AgencyParams },
    },
    async (request) => ({ handlers: await listHandlers(ctx, request.params.agencyId) }),
  );

  await applicationAppealRoutes(app, ctx);
  await applicationSettingsRoutes(app, ctx);
}
