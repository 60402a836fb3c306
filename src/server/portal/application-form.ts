/** The portal's application form (条例第二十九条): every field with its message, kept as typed when the form comes back. */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import {
  DELIVERY_LABELS,
  ORGANISATION_KINDS,
  type ApplicationInput,
  type FieldProblem,
} from '../../services/applications/model.js';
import type { Agency } from '../../services/organisations.js';
import { html, portalPage, type SafeHtml } from './page.js';

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

export const FIELD_NAMES = [
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
export type FormValues = Partial<Record<(typeof FIELD_NAMES)[number] | 'idempotencyKey', string>>;

export const newKey = () => randomBytes(18).toString('base64url');

export function send(
  reply: FastifyReply,
  title: string,
  body: SafeHtml,
  status = 200,
): FastifyReply {
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

export function applicationForm(
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

export function valuesOf(body: FormValues): FormValues {
  return Object.fromEntries(
    [...FIELD_NAMES, 'idempotencyKey'].map((f) => [f, body[f as keyof FormValues] ?? '']),
  ) as FormValues;
}

export function inputOf(values: FormValues): ApplicationInput {
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
