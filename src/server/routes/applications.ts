import { Type, type TProperties } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { URGENCY_LABELS, type Urgency } from '../../core/applications/clock.js';
import { RECEIPT_CHANNEL_KEYS } from '../../core/applications/events.js';
import { primaryOutcome } from '../../core/applications/outcomes.js';
import { REVIEW_LEVELS } from '../../core/auth/roles.js';
import { invalidField } from '../../core/errors.js';
import { OUTCOME_ROW_KEYS } from '../../core/report/format.js';
import { LETTER_FORMATS, type LetterFormat } from '../../render/letters/documents.js';
import { SUGGESTED_LEGAL_BASIS } from '../../render/letters/templates.js';
import { createAppeal, listAppeals, updateAppeal } from '../../services/applications/appeals.js';
import {
  approvalsOfApplication,
  requestApproval,
  type ApprovalRequest,
} from '../../services/applications/approvals.js';
import {
  assignApplication,
  DIRECT_EVENT_TYPES,
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
  DELIVERY_LABELS,
  ORGANISATION_KINDS,
  outcomeLabel,
} from '../../services/applications/model.js';
import { listNotifications, markRead } from '../../services/applications/notifications.js';
import {
  rangeOf,
  REGISTER_MEDIA_TYPES,
  recordRegisterExport,
  registerCsv,
  registerXlsx,
} from '../../services/applications/register.js';
import {
  getSettings,
  listCalendarYears,
  updateSettings,
} from '../../services/applications/settings.js';
import {
  appealsTableOf,
  applicationTableOf,
  cellCases,
} from '../../services/applications/statistics.js';
import { enterHolidayNotice } from '../../services/calendar-notices.js';
import type { ServiceContext } from '../../services/context.js';
import { grantsWith } from '../../core/auth/roles.js';
import { userActor } from '../access.js';
import { sendDocument } from './reports.js';

const strictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateText = Type.String({ minLength: 1, maxLength: 20 });
const AgencyParams = Type.Object({ agencyId: Id });
const ApplicationParams = Type.Object({ agencyId: Id, applicationId: Id });

const ApplicantFields = {
  applicantType: literals(['natural_person', 'organisation'] as const),
  organisationKind: Type.Optional(
    Type.Union([literals(ORGANISATION_KINDS.map((k) => k.key)), Type.Literal('')]),
  ),
  name: Type.String({ maxLength: 200 }),
  idType: Type.Optional(
    Type.Union([literals(['resident_id', 'other', 'credit_code'] as const), Type.Literal('')]),
  ),
  idNumber: Type.String({ maxLength: 60 }),
  legalRepresentative: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.String({ maxLength: 40 }),
  address: Type.Optional(Type.String({ maxLength: 400 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.String({ maxLength: 10_000 }),
  formWanted: Type.Union([literals(['paper', 'electronic'] as const), Type.Literal('')]),
  deliveryMethod: Type.Union([
    literals(Object.keys(DELIVERY_LABELS) as (keyof typeof DELIVERY_LABELS)[]),
    Type.Literal(''),
  ]),
  idempotencyKey: Type.Optional(Type.String({ maxLength: 100 })),
};

const RegisterBody = strictObject({
  ...ApplicantFields,
  channel: literals(RECEIPT_CHANNEL_KEYS),
  receivedOn: DateText,
  assignedUserId: Type.Optional(Type.Union([Id, Type.Null()])),
});

const EventBody = strictObject({
  type: literals([...DIRECT_EVENT_TYPES, 'fee_waived'] as const),
  date: DateText,
  note: Type.Optional(Type.String({ maxLength: 5000 })),
  correctBy: Type.Optional(DateText),
  lateReason: Type.Optional(Type.String({ maxLength: 1000 })),
  text: Type.Optional(Type.String({ maxLength: 5000 })),
  consultationId: Type.Optional(Type.String({ maxLength: 40 })),
  party: Type.Optional(literals(['third_party', 'agency'] as const)),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  method: Type.Optional(literals(['items', 'pages'] as const)),
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  deliveredOn: Type.Optional(DateText),
  waivedReason: Type.Optional(Type.String({ maxLength: 1000 })),
});

const ApprovalBody = strictObject({
  kind: literals(['extension', 'reply'] as const),
  workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  outcome: Type.Optional(literals(OUTCOME_ROW_KEYS)),
  /** The outcome of each part when parts were decided differently: the statistics count one. */
  parts: Type.Optional(Type.Array(literals(OUTCOME_ROW_KEYS), { minItems: 1, maxItems: 21 })),
  legalBasis: Type.Optional(Type.String({ maxLength: 1000 })),
  details: Type.Optional(Type.String({ maxLength: 10_000 })),
});

const AppealFields = {
  kind: literals(['review', 'lawsuit'] as const),
  afterReview: Type.Optional(Type.Boolean()),
  filedOn: DateText,
  body: Type.String({ maxLength: 200 }),
  caseNumber: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  outcome: literals(['upheld', 'corrected', 'other', 'pending'] as const),
  decidedOn: Type.Optional(Type.Union([DateText, Type.Null()])),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
};

const SettingsBody = strictObject({
  reviewBody: Type.String({ maxLength: 200 }),
  court: Type.String({ maxLength: 200 }),
  countFrom: literals(['next_day', 'same_day'] as const),
  feeWait: literals(['excluded', 'counted'] as const),
  extensionLevels: Type.Array(literals(REVIEW_LEVELS), { maxItems: 3 }),
  replyLevels: Type.Array(literals(REVIEW_LEVELS), { maxItems: 3 }),
  replyWithholdingLevels: Type.Optional(Type.Array(literals(REVIEW_LEVELS), { maxItems: 3 })),
});

function approvalRequestOf(body: typeof ApprovalBody.static): ApprovalRequest {
  const forKind =
    body.kind === 'extension'
      ? ['workingDays', 'reason']
      : ['outcome', 'parts', 'legalBasis', 'details'];
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'kind' && value !== undefined && !forKind.includes(key)) {
      throw invalidField(
        key,
        `${body.kind === 'extension' ? '延长答复期限' : '答复'}不需要填写字段“${key}”。`,
      );
    }
  }
  if (body.kind === 'extension') {
    if (body.workingDays === undefined) {
      throw invalidField('workingDays', '请填写延长的工作日数（1 至 20）。');
    }
    return { kind: 'extension', workingDays: body.workingDays, reason: body.reason ?? '' };
  }
  // 部分公开（区分处理的，只计这一情形）: with parts decided differently, one outcome counts.
  const outcome = body.parts ? primaryOutcome(body.parts) : body.outcome;
  if (outcome === undefined) {
    throw invalidField('outcome', '请从年度报告表三的办理结果类别中选择一项。');
  }
  if (body.parts && body.outcome !== undefined && body.outcome !== outcome) {
    throw invalidField(
      'outcome',
      `按各部分的处理结果，本申请在年度报告中应计为“${outcomeLabel(outcome)}”，与所选的“${outcomeLabel(body.outcome)}”不一致。`,
    );
  }
  return {
    kind: 'reply',
    outcome,
    legalBasis: body.legalBasis ?? '',
    ...(body.details !== undefined ? { details: body.details } : {}),
  };
}

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

  // --- appeals --------------------------------------------------------------------------------

  r.get(
    `${base}/appeals`,
    {
      config: { access: read },
      schema: { tags, summary: '行政复议、行政诉讼记录', params: AgencyParams },
    },
    async (request) => ({ appeals: await listAppeals(ctx, request.params.agencyId) }),
  );

  r.post(
    `${base}/appeals`,
    {
      config: { access: handle },
      schema: {
        tags,
        summary: '登记行政复议或行政诉讼',
        params: AgencyParams,
        body: strictObject({ applicationId: Id, ...AppealFields }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createAppeal(ctx, userActor(request), request.params.agencyId, request.body)),
  );

  r.put(
    `${base}/appeals/:appealId`,
    {
      config: { access: handle },
      schema: {
        tags,
        summary: '更新行政复议或行政诉讼（如审结结果）',
        params: Type.Object({ agencyId: Id, appealId: Id }),
        body: strictObject(AppealFields),
      },
    },
    async (request) =>
      updateAppeal(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.appealId,
        request.body,
      ),
  );

  // --- statistics -----------------------------------------------------------------------------

  r.get(
    `${base}/application-statistics/:year`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '由办理记录计算的年度报告表三、表四',
        params: Type.Object({ agencyId: Id, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      },
    },
    async (request) => {
      const { agencyId, year } = request.params;
      const [applications, appeals] = await Promise.all([
        applicationTableOf(ctx.store.db, agencyId, year),
        appealsTableOf(ctx.store.db, agencyId, year),
      ]);
      return {
        year,
        applications: applications.table,
        appeals: appeals.table,
      };
    },
  );

  r.get(
    `${base}/application-statistics/:year/cell`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '表三、表四某一格由哪些申请构成',
        params: Type.Object({ agencyId: Id, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        querystring: strictObject({
          table: literals(['applications', 'appeals'] as const),
          row: Type.String({ minLength: 1, maxLength: 60 }),
          column: Type.String({ minLength: 1, maxLength: 40 }),
        }),
      },
    },
    async (request) =>
      cellCases(
        ctx,
        request.params.agencyId,
        request.params.year,
        request.query.table,
        request.query.row,
        request.query.column,
      ),
  );

  // --- settings and calendar ------------------------------------------------------------------

  r.get(
    `${base}/application-settings`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '依申请公开设置：审核流程、复议机关和法院、答复期限的起算',
        params: AgencyParams,
      },
    },
    async (request) => ({
      settings: await getSettings(ctx.store.db, request.params.agencyId),
      suggestedLegalBasis: SUGGESTED_LEGAL_BASIS,
    }),
  );

  r.put(
    `${base}/application-settings`,
    {
      config: {
        access: { kind: 'permission', permission: 'application.configure', target: 'agency' },
      },
      schema: { tags, summary: '修改依申请公开设置', params: AgencyParams, body: SettingsBody },
    },
    async (request) => ({
      settings: await updateSettings(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.body,
      ),
    }),
  );

  // The holiday schedule is national: one calendar for every agency, entered by a system admin
  // (calendar.manage over everything; an agency admin's grant does not reach `global`).
  r.get(
    '/api/v1/calendar/years',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags,
        summary:
          '工作日历：系统提供的国务院节假日安排和系统管理员录入的年份（全国统一，适用于所有机关）',
      },
    },
    async () => ({ years: await listCalendarYears(ctx.store.db) }),
  );

  r.put(
    '/api/v1/calendar/years/:year',
    {
      config: { access: { kind: 'permission', permission: 'calendar.manage', target: 'global' } },
      schema: {
        tags,
        summary: '系统管理员录入（或更正）系统未提供年份的国务院节假日安排，适用于所有机关',
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        body: strictObject({
          year: Type.Integer(),
          notice: Type.String({ maxLength: 200 }),
          holidays: Type.Array(
            Type.Union([
              Type.String({ maxLength: 20 }),
              strictObject({
                name: Type.Optional(Type.String({ maxLength: 40 })),
                from: Type.Optional(DateText),
                to: Type.Optional(DateText),
                date: Type.Optional(DateText),
              }),
            ]),
            { maxItems: 60 },
          ),
          workdays: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 30 }),
        }),
      },
    },
    async (request) =>
      enterHolidayNotice(ctx, userActor(request), request.params.year, { schedule: request.body }),
  );

  // --- notifications (the signed-in person's own) ---------------------------------------------

  r.get(
    '/api/v1/notifications',
    {
      config: { access: { kind: 'signed-in' } },
      schema: { tags, summary: '我的通知：新申请、即将到期和已超期的申请、审批' },
    },
    async (request) => {
      const actor = userActor(request);
      const agencyIds = grantsWith(actor.principal, 'application.handle').flatMap((g) =>
        g.agencyId ? [g.agencyId] : [],
      );
      return listNotifications(ctx, actor.principal.userId, agencyIds);
    },
  );

  r.post(
    '/api/v1/notifications/read',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags,
        summary: '把通知标为已读',
        body: strictObject({ ids: Type.Array(Id, { maxItems: 500 }) }),
      },
    },
    async (request) => {
      const actor = userActor(request);
      return markRead(ctx, actor, request.body.ids);
    },
  );
}
