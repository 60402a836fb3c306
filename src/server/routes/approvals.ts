/**
 * The review-chain engine's routes (services/review/engine.ts): an agency's approval requests
 * of every kind (replies, extensions, the annual report, …), one request with what the reviewer
 * needs to judge it, the decision, the author's withdrawal, and the chains an agency admin sets.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { REVIEW_LEVELS } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../services/context.js';
import {
  CHAIN_ROLES,
  decide,
  listChains,
  listRequests,
  requestDetail,
  setChain,
  withdraw,
  type ChainLevel,
} from '../../services/review/engine.js';
import '../../services/review/kinds.js';
import { userActor } from '../access.js';

const strictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

const Id = Type.String({ minLength: 1, maxLength: 64 });
const AgencyParams = Type.Object({ agencyId: Id });
const ApprovalParams = Type.Object({ agencyId: Id, approvalId: Id });

export async function approvalRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const access = (
    permission: 'review.read' | 'review.decide' | 'review.submit' | 'review.configure',
  ) => ({ kind: 'permission', permission, target: 'agency' }) as const;
  const tags = ['审批'];
  const base = '/api/v1/agencies/:agencyId';

  r.get(
    `${base}/approvals`,
    {
      config: { access: access('review.read') },
      schema: {
        tags,
        summary: '审批事项（默认只列待审批的；scope=inbox 只列本人可以审批的）',
        params: AgencyParams,
        querystring: strictObject({
          status: Type.Optional(literals(['pending', 'all'] as const)),
          scope: Type.Optional(literals(['agency', 'inbox'] as const)),
        }),
      },
    },
    async (request) => ({
      approvals: await listRequests(ctx, request.actor, request.params.agencyId, {
        status: request.query.status ?? 'pending',
        scope: request.query.scope ?? 'agency',
      }),
    }),
  );

  r.get(
    `${base}/approvals/:approvalId`,
    {
      config: { access: access('review.read') },
      schema: {
        tags,
        summary: '一件审批事项：文书草稿（按申请人收到的样式）、办理经过与理由',
        params: ApprovalParams,
      },
    },
    async (request) =>
      requestDetail(ctx, request.actor, request.params.agencyId, request.params.approvalId),
  );

  r.post(
    `${base}/approvals/:approvalId/decision`,
    {
      config: { access: access('review.decide') },
      schema: {
        tags,
        summary: '审批：同意或退回（退回须写明意见，意见送提请人并记入记录）',
        params: ApprovalParams,
        body: strictObject({
          // 'reject' is the older name of 'return'.
          decision: literals(['approve', 'return', 'reject'] as const),
          comment: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (request) =>
      decide(ctx, userActor(request), request.params.agencyId, request.params.approvalId, {
        decision: request.body.decision === 'approve' ? 'approve' : 'return',
        comment: request.body.comment ?? null,
      }),
  );

  r.post(
    `${base}/approvals/:approvalId/withdraw`,
    {
      config: { access: access('review.submit') },
      schema: { tags, summary: '撤回本人提请的、待审批的事项', params: ApprovalParams },
    },
    async (request) =>
      withdraw(ctx, userActor(request), request.params.agencyId, request.params.approvalId),
  );

  r.get(
    `${base}/review-chains`,
    {
      config: { access: access('review.read') },
      schema: { tags, summary: '本机关各类事项的审核流程', params: AgencyParams },
    },
    async (request) => ({ chains: await listChains(ctx.store.db, request.params.agencyId) }),
  );

  r.put(
    `${base}/review-chains/:kind`,
    {
      config: { access: access('review.configure') },
      schema: {
        tags,
        summary: '设置一类事项的审核流程（各层级由低到高）',
        params: Type.Object({ agencyId: Id, kind: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: strictObject({
          levels: Type.Array(
            strictObject({
              role: literals(CHAIN_ROLES),
              reviewLevel: Type.Optional(Type.Union([literals(REVIEW_LEVELS), Type.Null()])),
            }),
            { maxItems: 4 },
          ),
        }),
      },
    },
    async (request) =>
      setChain(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.kind,
        request.body.levels as ChainLevel[],
      ),
  );
}
