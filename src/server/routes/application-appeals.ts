import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { createAppeal, listAppeals, updateAppeal } from '../../services/applications/appeals.js';
import {
  appealsTableOf,
  applicationTableOf,
  cellCases,
} from '../../services/applications/statistics.js';
import type { ServiceContext } from '../../services/context.js';
import { userActor } from '../access.js';
import { strictObject, literals, Id, AgencyParams, AppealFields } from './application-schemas.js';

/** Appeals (复议、诉讼) and the statistics of applications (表三、表四) with the cases behind a cell. */
export async function applicationAppealRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = { kind: 'permission', permission: 'application.read', target: 'agency' } as const;
  const handle = {
    kind: 'permission',
    permission: 'application.handle',
    target: 'agency',
  } as const;
  const tags = ['依申请公开'];
  const base = '/api/v1/agencies/:agencyId';

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
}
