/** The request schemas of the applications API, and an approval request read from its body. */
import { Type, type TProperties } from '@sinclair/typebox';
import { RECEIPT_CHANNEL_KEYS } from '../../core/applications/events.js';
import { primaryOutcome } from '../../core/applications/outcomes.js';
import { REVIEW_LEVELS } from '../../core/auth/roles.js';
import { invalidField } from '../../core/errors.js';
import { OUTCOME_ROW_KEYS } from '../../core/report/format.js';
import type { ApprovalRequest } from '../../services/applications/approvals.js';
import { DIRECT_EVENT_TYPES } from '../../services/applications/cases.js';
import {
  DELIVERY_LABELS,
  ORGANISATION_KINDS,
  outcomeLabel,
} from '../../services/applications/model.js';

export const strictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
export const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const DateText = Type.String({ minLength: 1, maxLength: 20 });
export const AgencyParams = Type.Object({ agencyId: Id });
export const ApplicationParams = Type.Object({ agencyId: Id, applicationId: Id });

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

export const RegisterBody = strictObject({
  ...ApplicantFields,
  channel: literals(RECEIPT_CHANNEL_KEYS),
  receivedOn: DateText,
  assignedUserId: Type.Optional(Type.Union([Id, Type.Null()])),
});

export const EventBody = strictObject({
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

export const ApprovalBody = strictObject({
  kind: literals(['extension', 'reply'] as const),
  workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  outcome: Type.Optional(literals(OUTCOME_ROW_KEYS)),
  /** The outcome of each part when parts were decided differently: the statistics count one. */
  parts: Type.Optional(Type.Array(literals(OUTCOME_ROW_KEYS), { minItems: 1, maxItems: 21 })),
  legalBasis: Type.Optional(Type.String({ maxLength: 1000 })),
  /** Why anything is withheld (部分公开, 不予公开, 无法提供, 不予处理 require it). */
  reasons: Type.Optional(Type.String({ maxLength: 10_000 })),
  details: Type.Optional(Type.String({ maxLength: 10_000 })),
});

export const AppealFields = {
  kind: literals(['review', 'lawsuit'] as const),
  afterReview: Type.Optional(Type.Boolean()),
  filedOn: DateText,
  body: Type.String({ maxLength: 200 }),
  caseNumber: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  outcome: literals(['upheld', 'corrected', 'other', 'pending'] as const),
  decidedOn: Type.Optional(Type.Union([DateText, Type.Null()])),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
};

export const SettingsBody = strictObject({
  reviewBody: Type.String({ maxLength: 200 }),
  court: Type.String({ maxLength: 200 }),
  countFrom: literals(['next_day', 'same_day'] as const),
  feeWait: literals(['excluded', 'counted'] as const),
  extensionLevels: Type.Array(literals(REVIEW_LEVELS), { maxItems: 3 }),
  replyLevels: Type.Array(literals(REVIEW_LEVELS), { maxItems: 3 }),
  replyWithholdingLevels: Type.Optional(Type.Array(literals(REVIEW_LEVELS), { maxItems: 3 })),
});

export function approvalRequestOf(body: typeof ApprovalBody.static): ApprovalRequest {
  const forKind =
    body.kind === 'extension'
      ? ['workingDays', 'reason']
      : ['outcome', 'parts', 'legalBasis', 'reasons', 'details'];
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
    ...(body.reasons !== undefined ? { reasons: body.reasons } : {}),
    ...(body.details !== undefined ? { details: body.details } : {}),
  };
}
