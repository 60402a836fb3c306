/**
 * The applicant's pages of the portal, all without JavaScript: the application form (条例第二十
 * 九条), the acknowledgement with the application number and the query code, and "follow my
 * application" by number and code — status, what is asked (a correction, a fee), the letters.
 *
 * A rejected form comes back with everything typed and a message by each field; a form sent
 * twice (double click) returns the same application, never a second one.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dueDateFromReceipt } from '../../core/applications/clock.js';
import { AppError } from '../../core/errors.js';
import { formatChineseDate, lastDayPhrase } from '../../core/calendar/date.js';
import { submitPortalApplication } from '../../services/applications/cases.js';
import {
  applicationOfFollowToken,
  findByNumberAndCode,
  followToken,
  followView,
  submitCorrection,
  type FollowView,
} from '../../services/applications/follow.js';
import { queryCodeLimit, recordQueryCodeFailure } from '../../services/rate-limits.js';
import { notFound } from '../../core/errors.js';
import { letterDocument } from '../../services/applications/letters.js';
import {
  DELIVERY_LABELS,
  ORGANISATION_KINDS,
  type ApplicationInput,
  type FieldProblem,
} from '../../services/applications/model.js';
import { calendarFor, getSettings } from '../../services/applications/settings.js';
import type { ServiceContext } from '../../services/context.js';
import { getAgency, type Agency } from '../../services/organisations.js';
import { anonymousCsrfToken, cookieOptions } from '../access.js';
import { toErrorResponse } from '../errors.js';
import { sendDocument } from '../routes/reports.js';
import { html, portalPage, type SafeHtml } from './page.js';

const FOLLOW_COOKIE = 'gk_follow';
const FOLLOW_PATH = '/portal/follow';

const APPLY_CSS = `
fieldset { border:1px solid var(--line); border-radius:6px; padding:0.6rem 1rem 1rem; margin:1rem 0; background:#fff; }
legend { font-weight:700; padding:0 0.4rem; }
form.stack label.choice { display:inline-flex; align-items:center; gap:0.3rem; font-weight:normal; margin:0.3rem 1.2rem 0 0; }
form.stack label.choice input { width:auto; }
.field-invalid input, .field-invalid textarea, .field-invalid select { border-color:#c02c2c; }
.code { font-size:1.6rem; font-weight:700; letter-spacing:0.12em; font-family:monospace; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:0.3rem 1rem; }
dl.facts dt { color:var(--muted); }
ol.steps { padding-left:1.2rem; }
`;

const FIELD_NAMES = [
  'applicantType',
  'organisationKind',
  'name',
  'idType',
  'idNumber',
  'legalRepresentative',
  'phone',
  'address',
  'email',
  'description',
  'formWanted',
  'deliveryMethod',
] as const;
type FormValues = Partial<Record<(typeof FIELD_NAMES)[number] | 'idempotencyKey', string>>;

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

const newKey = () => randomBytes(18).toString('base64url');

function send(reply: FastifyReply, title: string, body: SafeHtml, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(portalPage(title, body, { extraCss: APPLY_CSS }));
}

// --- the application form ----------------------------------------------------------------------

function problemFor(problems: readonly FieldProblem[], field: string): string | null {
  return problems.find((p) => p.field === field)?.message ?? null;
}

function fieldBlock(
  label: string,
  name: string,
  control: SafeHtml,
  problems: readonly FieldProblem[],
  hint?: string,
): SafeHtml {
  const error = problemFor(problems, name);
  return html`<div class="${error ? 'field-invalid' : ''}">
    <label for="f-${name}">${label}${hint ? html` <span class="hint">${hint}</span>` : ''}</label>
    ${control} ${error ? html`<div class="field-error" id="e-${name}">${error}</div>` : ''}
  </div>`;
}

function input(
  name: string,
  values: FormValues,
  problems: readonly FieldProblem[],
  type = 'text',
): SafeHtml {
  const error = problemFor(problems, name);
  return html`<input
    id="f-${name}"
    name="${name}"
    type="${type}"
    value="${values[name as keyof FormValues] ?? ''}"
    ${error ? html`aria-invalid="true" aria-describedby="e-${name}"` : ''}
  />`;
}

function radio(name: string, value: string, label: string, values: FormValues): SafeHtml {
  const checked = values[name as keyof FormValues] === value;
  return html`<label class="choice"
    ><input
      type="radio"
      name="${name}"
      value="${value}"
      ${checked ? 'checked' : ''}
    />${label}</label
  >`;
}

function applicationForm(
  agency: Agency,
  csrf: string,
  values: FormValues,
  problems: readonly FieldProblem[],
  notice: string | null,
): SafeHtml {
  const v = { ...values, idempotencyKey: values.idempotencyKey || newKey() };
  const choiceError = (name: string) => {
    const error = problemFor(problems, name);
    return error ? html`<div class="field-error" id="e-${name}">${error}</div>` : '';
  };
  return html`<p><a href="/portal/agencies/${agency.id}">← ${agency.name}</a></p>
    <h1>向${agency.name}申请政府信息公开</h1>
    <p class="muted">
      依据《中华人民共和国政府信息公开条例》第二十九条，请如实填写申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的形式和方式。标
      * 的为必填项。
    </p>
    ${notice ? html`<p class="notice error" role="alert">${notice}</p>` : ''}
    ${
      problems.length > 0
        ? html`<div class="notice error" role="alert">
            <strong>申请未能提交，请修改以下 ${problems.length} 处后再提交：</strong>
            <ul>
              ${problems.map((p) => html`<li><a href="#f-${p.field}">${p.message}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <form class="stack" method="post" action="/portal/agencies/${agency.id}/apply" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}" />
      <input type="hidden" name="idempotencyKey" value="${v.idempotencyKey}" />
      <fieldset>
        <legend>申请人类型 *</legend>
        ${radio('applicantType', 'natural_person', '公民（自然人）', v)}
        ${radio('applicantType', 'organisation', '法人或者其他组织', v)}
        ${choiceError('applicantType')}
      </fieldset>
      <fieldset>
        <legend>申请人信息</legend>
        ${fieldBlock('姓名或单位名称 *', 'name', input('name', v, problems), problems)}
        <p class="muted">公民请填写：</p>
        ${fieldBlock(
          '证件类型',
          'idType',
          html`<select id="f-idType" name="idType">
            <option value="resident_id" ${v.idType !== 'other' ? 'selected' : ''}>
              居民身份证
            </option>
            <option value="other" ${v.idType === 'other' ? 'selected' : ''}>
              其他身份证件（护照、港澳台居民证件等）
            </option>
          </select>`,
          problems,
        )}
        <p class="muted">法人或者其他组织请填写：</p>
        ${fieldBlock(
          '单位类型',
          'organisationKind',
          html`<select id="f-organisationKind" name="organisationKind">
            <option value="">（请选择）</option>
            ${ORGANISATION_KINDS.map(
              (k) =>
                html`<option value="${k.key}" ${v.organisationKind === k.key ? 'selected' : ''}>
                  ${k.label}
                </option>`,
            )}
          </select>`,
          problems,
        )}
        ${fieldBlock(
          '法定代表人或负责人',
          'legalRepresentative',
          input('legalRepresentative', v, problems),
          problems,
        )}
        ${fieldBlock(
          '证件号码 *',
          'idNumber',
          input('idNumber', v, problems),
          problems,
          '公民填写 18 位公民身份号码；法人或者其他组织填写 18 位统一社会信用代码',
        )}
      </fieldset>
      <fieldset>
        <legend>联系方式</legend>
        ${fieldBlock('联系电话 *', 'phone', input('phone', v, problems, 'tel'), problems)}
        ${fieldBlock('通信地址', 'address', input('address', v, problems), problems, '选择邮寄的必填')}
        ${fieldBlock(
          '电子邮箱',
          'email',
          input('email', v, problems, 'email'),
          problems,
          '选择电子邮件的必填',
        )}
      </fieldset>
      <fieldset>
        <legend>所需信息</legend>
        ${fieldBlock(
          '所需政府信息的名称、文号或者特征性描述 *',
          'description',
          html`<textarea
            id="f-description"
            name="description"
            rows="6"
            ${problemFor(problems, 'description') ? html`aria-invalid="true" aria-describedby="e-description"` : ''}
          >
${v.description ?? ''}</textarea>`,
          problems,
        )}
        <div class="${problemFor(problems, 'formWanted') ? 'field-invalid' : ''}">
          <label>获取信息的形式 *</label>
          ${radio('formWanted', 'paper', '纸质', v)} ${radio('formWanted', 'electronic', '电子', v)}
          ${choiceError('formWanted')}
        </div>
        <div class="${problemFor(problems, 'deliveryMethod') ? 'field-invalid' : ''}">
          <label>获取信息的方式 *</label>
          ${Object.entries(DELIVERY_LABELS).map(([key, label]) => radio('deliveryMethod', key, label, v))}
          ${choiceError('deliveryMethod')}
        </div>
      </fieldset>
      <button type="submit">提交申请</button>
    </form>`;
}

function valuesOf(body: FormValues): FormValues {
  return Object.fromEntries(
    [...FIELD_NAMES, 'idempotencyKey'].map((f) => [f, body[f as keyof FormValues] ?? '']),
  ) as FormValues;
}

function inputOf(values: FormValues): ApplicationInput {
  return {
    applicantType: values.applicantType as ApplicationInput['applicantType'],
    organisationKind: (values.organisationKind ?? '') as ApplicationInput['organisationKind'],
    name: values.name ?? '',
    idType: (values.idType ?? '') as ApplicationInput['idType'],
    idNumber: values.idNumber ?? '',
    legalRepresentative: values.legalRepresentative ?? '',
    phone: values.phone ?? '',
    address: values.address ?? '',
    email: values.email ?? '',
    description: values.description ?? '',
    formWanted: (values.formWanted ?? '') as ApplicationInput['formWanted'],
    deliveryMethod: (values.deliveryMethod ?? '') as ApplicationInput['deliveryMethod'],
    idempotencyKey: values.idempotencyKey ?? '',
  };
}

/** Said after a due date counted over a year whose holiday notice is not out yet. */
const PROVISIONAL_NOTE =
  '（暂定：所涉年份的国务院节假日安排尚未公布，暂按《全国年节及纪念日放假办法》计算，公布后可能调整）';

async function dueLine(ctx: ServiceContext, agencyId: string, receivedOn: string) {
  try {
    const [calendar, settings] = await Promise.all([
      calendarFor(ctx.store.db),
      getSettings(ctx.store.db, agencyId),
    ]);
    const computed = dueDateFromReceipt(receivedOn, calendar, settings.clock);
    const due = computed.dueOn;
    return due
      ? `本机关${lastDayPhrase(due)}${computed.provisionalYears.length > 0 ? PROVISIONAL_NOTE : ''}答复（收到申请之日起 20 个工作日，条例第三十三条）；需要补正、征求第三方意见或者依法延长期限的，会另行告知。`
      : null;
  } catch {
    return null;
  }
}

// --- follow my application ---------------------------------------------------------------------

function followForm(csrf: string, number: string, message: string | null): SafeHtml {
  return html`<h1>查询申请办理情况</h1>
    <p class="muted">请输入提交申请时获得的申请编号和查询码。</p>
    ${message ? html`<p class="notice error" role="alert">${message}</p>` : ''}
    <form class="stack card" method="post" action="${FOLLOW_PATH}">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <label for="f-number">申请编号</label>
      <input id="f-number" name="number" value="${number}" placeholder="如 2026-00012" />
      <label for="f-code">查询码</label>
      <input id="f-code" name="code" autocomplete="off" placeholder="如 ABCDE-23456" />
      <button type="submit">查询</button>
    </form>`;
}

function casePage(
  view: FollowView,
  csrf: string,
  flash: string | null,
  correction: { text: string; explanation: string; error: string | null } | null,
): SafeHtml {
  const asked = view.asked;
  return html`<h1>申请 ${view.number}</h1>
    ${flash ? html`<p class="notice" role="status">${flash}</p>` : ''}
    <section class="card">
      <dl class="facts">
        <dt>受理机关</dt>
        <dd>${view.agencyName}</dd>
        <dt>申请人</dt>
        <dd>${view.applicantName}</dd>
        <dt>收到申请日期</dt>
        <dd>${formatChineseDate(view.receivedOn)}</dd>
        <dt>所需信息</dt>
        <dd>${view.description}</dd>
        <dt>办理状态</dt>
        <dd><strong>${view.statusLabel}</strong></dd>
        ${
          view.outcomeLabel
            ? html`<dt>办理结果</dt>
                <dd>${view.outcomeLabel}</dd>`
            : ''
        }
        ${
          view.dueOn
            ? html`<dt>答复期限</dt>
                <dd>${lastDayPhrase(view.dueOn)}${view.dueProvisional ? PROVISIONAL_NOTE : ''}</dd>`
            : ''
        }
      </dl>
    </section>
    ${
      asked?.kind === 'correction'
        ? html`<section class="card" aria-label="需要您补正">
            <h2>需要您补正申请</h2>
            <p>
              本机关于${formatChineseDate(asked.requestedOn)}告知您补正，请您${lastDayPhrase(asked.correctBy)}补正（条例第三十条）。需要补正的内容：
            </p>
            <blockquote>${asked.request}</blockquote>
            ${
              correction?.error
                ? html`<p class="notice error" role="alert">${correction.error}</p>`
                : ''
            }
            <form class="stack" method="post" action="${FOLLOW_PATH}/case/correction">
              <input type="hidden" name="_csrf" value="${csrf}" />
              <label for="f-text">补正内容</label>
              <textarea id="f-text" name="text" rows="6">${correction?.text ?? ''}</textarea>
              ${
                asked.overdue
                  ? html`<p class="notice">
                        补正期限已过。您仍可以提交补正，并说明逾期的原因；是否属于正当理由由本机关审查决定（条例第三十条），审查结果会告知您。
                      </p>
                      <label for="f-explanation"
                        >逾期原因说明 <span class="hint">由本机关审查是否属于正当理由</span></label
                      >
                      <textarea id="f-explanation" name="explanation" rows="3">
${correction?.explanation ?? ''}</textarea>`
                  : ''
              }
              <button type="submit">提交补正</button>
            </form>
          </section>`
        : ''
    }
    ${
      asked?.kind === 'correction_review'
        ? html`<section class="card notice" aria-label="补正审查中">
            <h2>补正正在审查</h2>
            <p>
              您于${formatChineseDate(asked.submittedOn)}提交的补正已超过补正期限（${lastDayPhrase(asked.correctBy)}），本机关正在审查是否接受。接受的，答复期限自${formatChineseDate(asked.submittedOn)}起重新计算；不接受的，本机关将书面告知您。
            </p>
          </section>`
        : ''
    }
    ${
      asked?.kind === 'fee'
        ? html`<section class="card notice">
            <h2>需要您缴纳信息处理费</h2>
            <p>
              应缴 ${asked.amountYuan}
              元，请${lastDayPhrase(asked.payBy)}缴纳；缴费方式见收费通知书，或致电
              ${view.agencyPhone}。
            </p>
          </section>`
        : ''
    }
    <section class="card">
      <h2>文书</h2>
      ${
        view.letters.length === 0
          ? html`<p class="muted">暂无。</p>`
          : html`<ul>
              ${view.letters.map(
                (l) =>
                  html`<li>
                    ${l.title}（${formatChineseDate(l.issuedOn)}）：
                    <a href="${FOLLOW_PATH}/case/letters/${l.id}/download.pdf">下载 PDF</a>
                    <a href="${FOLLOW_PATH}/case/letters/${l.id}/download.docx">下载 Word</a>
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <section class="card">
      <h2>办理过程</h2>
      <ol class="steps">
        ${view.steps.map((s) => html`<li>${formatChineseDate(s.date)} ${s.label}</li>`)}
      </ol>
    </section>`;
}

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
