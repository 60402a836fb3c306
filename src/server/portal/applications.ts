/**
 * The applicant's pages of the portal, all without JavaScript: the application form (条例第二十
 * 九条), the acknowledgement with the application number and the query code, and "follow my
 * application" by number and code — status, what is asked (a correction, a fee), the letters.
 *
 * A rejected form comes back with everything typed and a message by each field; a form sent
 * twice (double click) returns the same application, never a second one.
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { formatChineseDate } from '../../core/calendar/date.js';
import { submitPortalApplication } from '../../services/applications/cases.js';
import {
  applicationOfFollowToken,
  findByNumberAndCode,
  followToken,
  followView,
  submitCorrection,
} from '../../services/applications/follow.js';
import { queryCodeLimit, recordQueryCodeFailure } from '../../services/rate-limits.js';
import { notFound } from '../../core/errors.js';
import { letterDocument } from '../../services/applications/letters.js';
import type { ServiceContext } from '../../services/context.js';
import { getAgency } from '../../services/organisations.js';
import { anonymousCsrfToken, cookieOptions } from '../access.js';
import { toErrorResponse } from '../errors.js';
import { sendDocument } from '../routes/reports.js';
import { html } from './page.js';
import {
  FIELD_NAMES,
  type FormValues,
  newKey,
  send,
  applicationForm,
  valuesOf,
  inputOf,
} from './application-form.js';
import {
  FOLLOW_COOKIE,
  FOLLOW_PATH,
  dueLine,
  followForm,
  casePage,
} from './application-follow-page.js';

const FormBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    idempotencyKey: Type.Optional(Type.String({ maxLength: 100 })),
    ...Object.fromEntries(
      FIELD_NAMES.map((f) => [f, Type.Optional(Type.String({ maxLength: 20_000 }))]),
    ),
  },
  { additionalProperties: false },
);

const AgencyParams = Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 64 }) });

export async function applicationPortalRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const access = { access: { kind: 'public' } } as const;
  const hidden = { hide: true };

  app.setErrorHandler(async (error, request, reply) => {
    const { status, body } = toErrorResponse(error as Error, request);
    // A stale form (CSRF) comes back with what was typed, under a fresh token.
    const params = request.params as { agencyId?: string };
    if (body.error.code === 'csrf_invalid' && request.method === 'POST' && params.agencyId) {
      const agency = await getAgency(ctx.store.db, params.agencyId).catch(() => null);
      if (agency) {
        const values = valuesOf((request.body ?? {}) as FormValues);
        return send(
          reply,
          '申请政府信息公开',
          applicationForm(
            agency,
            anonymousCsrfToken(request, reply),
            values,
            [],
            '页面已过期，请核对后再次提交；您填写的内容已保留。',
          ),
          403,
        );
      }
    }
    const title = status === 404 ? '找不到页面' : status >= 500 ? '服务器出错了' : '请求无法处理';
    return send(
      reply,
      title,
      html`<h1>${title}</h1>
        <p class="notice error">${body.error.message}</p>
        <p><a href="/portal">返回机关目录</a></p>`,
      status,
    );
  });

  r.get(
    '/portal/agencies/:agencyId/apply',
    { config: access, schema: { ...hidden, params: AgencyParams } },
    async (request, reply) => {
      const agency = await getAgency(ctx.store.db, request.params.agencyId);
      return send(
        reply,
        '申请政府信息公开',
        applicationForm(agency, anonymousCsrfToken(request, reply), {}, [], null),
      );
    },
  );

  r.post(
    '/portal/agencies/:agencyId/apply',
    { config: access, schema: { ...hidden, params: AgencyParams, body: FormBody } },
    async (request, reply) => {
      const agency = await getAgency(ctx.store.db, request.params.agencyId);
      const values = valuesOf(request.body as FormValues);
      const csrf = anonymousCsrfToken(request, reply);
      let result: Awaited<ReturnType<typeof submitPortalApplication>>;
      try {
        result = await submitPortalApplication(ctx, request.actor, agency.id, inputOf(values));
      } catch (error) {
        if (error instanceof AppError && error.code === 'duplicate_submission') {
          return send(
            reply,
            '申请政府信息公开',
            applicationForm(
              agency,
              csrf,
              { ...values, idempotencyKey: newKey() },
              [],
              error.message,
            ),
            409,
          );
        }
        throw error;
      }
      if (!result.ok) {
        return send(
          reply,
          '申请政府信息公开',
          applicationForm(agency, csrf, values, result.problems, null),
          400,
        );
      }
      const { application, queryCode, duplicate } = result.registered;
      const due = await dueLine(ctx, agency.id, application.receivedOn);
      return send(
        reply,
        '申请已提交',
        html`<h1>申请已提交</h1>
          ${
            duplicate
              ? html`<p class="notice" role="status">
                  这份申请此前已经提交成功，本次是重复提交，没有重复登记。以下是原申请的编号和查询码。
                </p>`
              : ''
          }
          <section class="card" aria-label="申请回执">
            <p>
              ${agency.name}已于${formatChineseDate(application.receivedOn)}收到您的政府信息公开申请。
            </p>
            <dl class="facts">
              <dt>申请编号</dt>
              <dd class="code" data-testid="application-number">${application.number}</dd>
              <dt>查询码</dt>
              <dd class="code" data-testid="query-code">${queryCode}</dd>
            </dl>
            <p class="notice">
              请记下申请编号和查询码：凭它们查询办理情况、提交补正、下载答复告知书。查询码只显示这一次，本机关不保存查询码本身，无法找回。
            </p>
            ${due ? html`<p>${due}</p>` : ''}
            <p><a href="${FOLLOW_PATH}">查询申请办理情况</a></p>
          </section>`,
      );
    },
  );

  r.get(FOLLOW_PATH, { config: access, schema: hidden }, async (request, reply) =>
    send(reply, '查询申请', followForm(anonymousCsrfToken(request, reply), '', null)),
  );

  r.post(
    FOLLOW_PATH,
    {
      config: access,
      schema: {
        ...hidden,
        body: Type.Object(
          {
            _csrf: Type.Optional(Type.String({ maxLength: 200 })),
            number: Type.Optional(Type.String({ maxLength: 40 })),
            code: Type.Optional(Type.String({ maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const number = request.body.number?.trim() ?? '';
      const now = ctx.clock.now();
      const csrf = anonymousCsrfToken(request, reply);
      // The right code always opens the application: it is checked before any limit, so
      // wrong guesses from the same address (an office, a carrier's NAT) never lock an
      // applicant out. The limits (kept in the database, see rate-limits.ts) bound the guesser.
      const row = await findByNumberAndCode(ctx, number, request.body.code ?? '');
      if (!row) {
        const limit = await queryCodeLimit(ctx.store.db, request.ip, number, now);
        if (limit.limited) {
          void reply.header('retry-after', String(limit.retryAfterSeconds));
          return send(
            reply,
            '查询申请',
            followForm(
              csrf,
              number,
              `申请编号或查询码不正确。从您所在的网络地址查询失败的次数过多，请 ${Math.ceil(limit.retryAfterSeconds / 60)} 分钟后再试；请核对回执上的申请编号和查询码（查询码形如 ABCDE-FGHJK）。`,
            ),
            429,
          );
        }
        await recordQueryCodeFailure(ctx.store.db, request.ip, number, now);
        return send(
          reply,
          '查询申请',
          followForm(csrf, number, '申请编号或查询码不正确，请核对后再试。'),
          400,
        );
      }
      reply.setCookie(FOLLOW_COOKIE, followToken(ctx, row.id), {
        ...cookieOptions(request, 2 * 3600),
        path: FOLLOW_PATH,
        sameSite: 'strict',
      });
      return reply.redirect(`${FOLLOW_PATH}/case`, 303);
    },
  );

  const followed = (request: FastifyRequest): string => {
    const id = applicationOfFollowToken(ctx, request.cookies[FOLLOW_COOKIE]);
    if (!id) {
      throw new AppError('unauthenticated', '查询已过期，请重新输入申请编号和查询码。');
    }
    return id;
  };

  r.get(
    `${FOLLOW_PATH}/case`,
    {
      config: access,
      schema: {
        ...hidden,
        querystring: Type.Object(
          { done: Type.Optional(Type.String({ maxLength: 20 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const id = applicationOfFollowToken(ctx, request.cookies[FOLLOW_COOKIE]);
      const csrf = anonymousCsrfToken(request, reply);
      if (!id) {
        return send(
          reply,
          '查询申请',
          followForm(csrf, '', '查询已过期，请重新输入申请编号和查询码。'),
          401,
        );
      }
      const view = await followView(ctx, id);
      const flash =
        request.query.done === 'correction'
          ? '补正已提交。答复期限自今天起重新计算。'
          : request.query.done === 'late_correction'
            ? '补正已提交。因已超过补正期限，本机关将审查是否接受，审查结果会告知您。'
            : null;
      return send(reply, `申请 ${view.number}`, casePage(view, csrf, flash, null));
    },
  );

  r.post(
    `${FOLLOW_PATH}/case/correction`,
    {
      config: access,
      schema: {
        ...hidden,
        body: Type.Object(
          {
            _csrf: Type.Optional(Type.String({ maxLength: 200 })),
            text: Type.Optional(Type.String({ maxLength: 20_000 })),
            explanation: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const id = followed(request);
      const text = request.body.text ?? '';
      const explanation = request.body.explanation ?? '';
      let outcome: Awaited<ReturnType<typeof submitCorrection>>;
      try {
        outcome = await submitCorrection(ctx, id, { text, explanation }, String(request.id));
      } catch (error) {
        if (
          error instanceof AppError &&
          ['validation_failed', 'invalid_transition'].includes(error.code)
        ) {
          const view = await followView(ctx, id);
          return send(
            reply,
            `申请 ${view.number}`,
            casePage(view, anonymousCsrfToken(request, reply), null, {
              text,
              explanation,
              error: error.message,
            }),
            error.code === 'validation_failed' ? 400 : 409,
          );
        }
        throw error;
      }
      return reply.redirect(
        `${FOLLOW_PATH}/case?done=${outcome === 'received' ? 'correction' : 'late_correction'}`,
        303,
      );
    },
  );

  r.get(
    `${FOLLOW_PATH}/case/letters/:letterId/download.:format`,
    {
      config: access,
      schema: {
        ...hidden,
        params: Type.Object({
          letterId: Type.String({ minLength: 1, maxLength: 64 }),
          format: Type.Union([Type.Literal('pdf'), Type.Literal('docx')]),
        }),
      },
    },
    async (request, reply) => {
      const id = followed(request);
      const view = await followView(ctx, id);
      // Only the letters addressed to the applicant (not the one to a consulted third party).
      if (!view.letters.some((l) => l.id === request.params.letterId)) throw notFound('文书');
      return sendDocument(
        reply,
        await letterDocument(
          ctx,
          view.agencyId,
          id,
          request.params.letterId,
          request.params.format,
        ),
      );
    },
  );
}
