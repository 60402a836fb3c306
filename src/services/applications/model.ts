/**
 * What the applications service hands out: the domain views of stored rows (nothing above the
 * service sees a row), the labels people read, and the checks of an application as submitted
 * on the portal or registered by staff (条例第二十九条).
 */
import { createHmac } from 'node:crypto';
import {
  APPLICATION_PHASE_LABELS,
  RECEIPT_CHANNELS,
  type ApplicationPhase,
  type ReceiptChannel,
} from '../../core/applications/events.js';
import type { OrganisationKind } from '../../core/applications/statistics.js';
import { isCalendarDate } from '../../core/calendar/date.js';
import { checkCitizenId, checkCreditCode } from '../../core/identity/identity-numbers.js';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  type ApplicantColumnKey,
  type OutcomeRowKey,
} from '../../core/report/format.js';

export type ApplicantType = 'natural_person' | 'organisation';
/** resident_id: 居民身份证 (GB 11643); other: 护照等其他身份证件; credit_code: GB 32100. */
export type IdType = 'resident_id' | 'other' | 'credit_code';
export type FormWanted = 'paper' | 'electronic';
export type DeliveryMethod = 'post' | 'pickup' | 'email' | 'online';

export const ORGANISATION_KINDS: readonly { key: OrganisationKind; label: string }[] =
  APPLICANT_COLUMNS.filter(
    (c): c is Extract<(typeof APPLICANT_COLUMNS)[number], { key: OrganisationKind }> =>
      c.key !== 'natural_person',
  );

export const FORM_LABELS: Record<FormWanted, string> = { paper: '纸质', electronic: '电子' };

export const DELIVERY_LABELS: Record<DeliveryMethod, string> = {
  post: '邮寄',
  pickup: '当面领取',
  email: '电子邮件',
  online: '网上获取',
};

export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  other: '其他身份证件',
  credit_code: '统一社会信用代码',
};

export const channelLabel = (channel: string): string =>
  RECEIPT_CHANNELS.find((c) => c.key === channel)?.label ?? channel;

export const applicantKindLabel = (kind: string): string =>
  APPLICANT_COLUMNS.find((c) => c.key === kind)?.label ?? kind;

export const phaseLabel = (phase: string): string =>
  APPLICATION_PHASE_LABELS[phase as ApplicationPhase] ?? phase;

/** 三（二）部分公开, 三（三）1. 属于国家秘密, … as a person reads an outcome. */
export function outcomeLabel(outcome: string): string {
  const row = APPLICATION_ROWS.find((r) => r.key === outcome);
  if (!row) return outcome;
  const group = OUTCOME_GROUPS.find((g) => g.key === row.group);
  if (!group || row.key === group.key) return row.label.replace(/（区分处理.*）$/, '');
  return `${group.number}${group.label}：${row.label}`;
}

// --- the application as submitted -------------------------------------------------------------

export interface ApplicationInput {
  applicantType: ApplicantType;
  organisationKind?: OrganisationKind | '';
  name: string;
  idType?: IdType | '';
  idNumber: string;
  legalRepresentative?: string;
  phone: string;
  address?: string;
  email?: string;
  description: string;
  formWanted: FormWanted | '';
  deliveryMethod: DeliveryMethod | '';
  /** A random value of the form; a second submission with it returns the first application. */
  idempotencyKey?: string;
}

export interface StaffApplicationInput extends ApplicationInput {
  channel: ReceiptChannel;
  /** The day of receipt as 条例第三十一条 sets it for the channel. */
  receivedOn: string;
  /** The clerk handling it; default the one registering. */
  assignedUserId?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** The application as it will be stored: checked, normalised, the ID number in clear. */
export interface CheckedApplication {
  applicantType: ApplicantType;
  applicantKind: ApplicantColumnKey;
  name: string;
  idType: IdType;
  idNumber: string;
  legalRepresentative: string | null;
  phone: string;
  address: string | null;
  email: string | null;
  description: string;
  formWanted: FormWanted;
  deliveryMethod: DeliveryMethod;
}

const MAX_DESCRIPTION = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s()-]{7,20}$/;

/**
 * Checks an application and lists every problem by field (the portal shows each beside its
 * field, keeping what was typed). Never throws.
 */
export function checkApplicationInput(
  input: ApplicationInput,
  today: string,
): { value: CheckedApplication | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  const text = (v: string | undefined) => (v ?? '').trim();

  const applicantType = input.applicantType;
  if (applicantType !== 'natural_person' && applicantType !== 'organisation') {
    problem('applicantType', '请选择申请人类型：公民，或法人或者其他组织。');
  }
  const name = text(input.name);
  if (!name) {
    problem('name', applicantType === 'organisation' ? '请填写单位名称。' : '请填写申请人姓名。');
  } else if (name.length > 100) problem('name', '名称过长：最多 100 个字。');

  let applicantKind: ApplicantColumnKey = 'natural_person';
  let idType: IdType = 'resident_id';
  let idNumber = text(input.idNumber);
  let legalRepresentative: string | null = null;
  if (applicantType === 'organisation') {
    const kind = input.organisationKind;
    if (!kind || !ORGANISATION_KINDS.some((k) => k.key === kind)) {
      problem(
        'organisationKind',
        '请选择单位类型：商业企业、科研机构、社会公益组织、法律服务机构或其他。',
      );
    } else applicantKind = kind;
    idType = 'credit_code';
    const checked = checkCreditCode(idNumber);
    if (checked.ok) idNumber = checked.value;
    else problem('idNumber', checked.message);
    legalRepresentative = text(input.legalRepresentative) || null;
    if (!legalRepresentative) problem('legalRepresentative', '请填写法定代表人或负责人姓名。');
    else if (legalRepresentative.length > 50) {
      problem('legalRepresentative', '法定代表人姓名过长：最多 50 个字。');
    }
  } else if (applicantType === 'natural_person') {
    idType = input.idType === 'other' ? 'other' : 'resident_id';
    if (idType === 'resident_id') {
      const checked = checkCitizenId(idNumber, { today });
      if (checked.ok) idNumber = checked.value.number;
      else problem('idNumber', checked.message);
    } else {
      idNumber = idNumber.toUpperCase().replace(/\s/g, '');
      if (!idNumber) problem('idNumber', '请填写身份证件号码。');
      else if (!/^[A-Z0-9-]{5,30}$/.test(idNumber)) {
        problem('idNumber', '证件号码应为 5–30 位字母或数字：请核对。');
      }
    }
  }

  const phone = text(input.phone);
  if (!phone) problem('phone', '请填写联系电话，以便机关与您联系（条例第二十九条）。');
  else if (!PHONE.test(phone)) problem('phone', '联系电话格式不正确：请填写 7–20 位数字。');

  const email = text(input.email) || null;
  if (email && (!EMAIL.test(email) || email.length > 200)) {
    problem('email', '电子邮箱格式不正确，如 name@example.com。');
  }
  const address = text(input.address) || null;
  if (address && address.length > 300) problem('address', '通信地址过长：最多 300 个字。');

  const description = text(input.description);
  if (!description) {
    problem(
      'description',
      '请填写所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）。',
    );
  } else if (description.length > MAX_DESCRIPTION) {
    problem(
      'description',
      `描述过长：最多 ${MAX_DESCRIPTION} 个字，现为 ${description.length} 个字。`,
    );
  }

  const formWanted = input.formWanted;
  if (formWanted !== 'paper' && formWanted !== 'electronic') {
    problem('formWanted', '请选择获取信息的形式：纸质或电子。');
  }
  const deliveryMethod = input.deliveryMethod;
  if (!deliveryMethod || !(deliveryMethod in DELIVERY_LABELS)) {
    problem('deliveryMethod', '请选择获取信息的方式：邮寄、当面领取、电子邮件或网上获取。');
  } else if (deliveryMethod === 'post' && !address) {
    problem('address', '选择邮寄的，请填写通信地址。');
  } else if (deliveryMethod === 'email' && !email) {
    problem('email', '选择电子邮件的，请填写电子邮箱。');
  }

  if (problems.length > 0) return { value: null, problems };
  return {
    value: {
      applicantType,
      applicantKind,
      name,
      idType,
      idNumber,
      legalRepresentative,
      phone,
      address,
      email,
      description,
      formWanted: formWanted as FormWanted,
      deliveryMethod: deliveryMethod as DeliveryMethod,
    },
    problems,
  };
}

export function checkReceipt(channel: string, receivedOn: string, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!RECEIPT_CHANNELS.some((c) => c.key === channel)) {
    problems.push({ field: 'channel', message: '请选择申请渠道。' });
  }
  if (!isCalendarDate(receivedOn)) {
    problems.push({ field: 'receivedOn', message: '收到申请的日期无效：请按 YYYY-MM-DD 填写。' });
  } else if (receivedOn > today) {
    problems.push({ field: 'receivedOn', message: `收到申请的日期 ${receivedOn} 晚于今天。` });
  }
  return problems;
}

// --- secrets derived with the server's key ---------------------------------------------------

const hmac = (key: Uint8Array, text: string) =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** 32 characters without 0/O and 1/I, so a code read over the phone is not mistaken. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Ten characters shown as two groups of five: 50 bits. */
export function formatQueryCode(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[bytes[i]! % 32];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The query code of a submission with an idempotency key: derived from the key under the
 * server's secret, so a repeated submission (a double click) can show the same code again
 * although only its hash is stored.
 */
export function derivedQueryCode(key: Uint8Array, agencyId: string, idempotencyKey: string) {
  return formatQueryCode(hmac(key, `query-code:${agencyId}:${idempotencyKey}`));
}

export function normaliseQueryCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function queryCodeHash(key: Uint8Array, applicationId: string, code: string): string {
  return hmac(key, `query-code-hash:${applicationId}:${normaliseQueryCode(code)}`).toString('hex');
}

/** The same applicant across applications (their ID number), without storing it in clear. */
export function applicantKey(key: Uint8Array, idType: IdType, idNumber: string): string {
  return hmac(key, `applicant:${idType}:${idNumber}`).toString('hex');
}

export const isOutcome = (value: string | null): value is OutcomeRowKey =>
  value !== null && APPLICATION_ROWS.some((r) => r.key === value);
