/**
 * The two identity numbers an application carries (条例第二十九条: proof of identity): the
 * citizen identity number of GB 11643 and the unified social credit code of GB 32100. Checks
 * return a result, never throw, and say in Chinese what is wrong — without revealing the
 * expected check character, which would invite "fixing" the wrong position.
 */
import { parseCalendarDate } from '../calendar/date.js';

export type IdCheckResult<T> = { ok: true; value: T } | { ok: false; message: string };

export interface CitizenId {
  /** The 18 characters, upper case. */
  number: string;
  /** 6-digit administrative division code of the place of first registration. */
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** Full-width digits and letters (typed with a Chinese input method) to ASCII; spaces removed. */
function normalise(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

// GB 11643-1999: weights 2^(17−i) mod 11; check = CHECK[sum mod 11].
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Province-level codes (GB/T 2260), with 71 台湾 and 81/82/83 of the residence permits of 港澳台居民. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** The GB 11643 check character for the first 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('citizenIdCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/**
 * Checks a 公民身份号码 (GB 11643): 18 characters, a province code, an existing birth date not
 * after `today` (when given), and the check character.
 *
 * @example checkCitizenId('11010519491231002X').ok // true
 */
export function checkCitizenId(
  input: string,
  options: { today?: string } = {},
): IdCheckResult<CitizenId> {
  const id = normalise(input);
  const fail = (message: string): IdCheckResult<CitizenId> => ({ ok: false, message });
  if (id === '') return fail('请填写公民身份号码。');
  if (/^\d{15}$/.test(id)) {
    return fail('这是 15 位的旧身份证号码，已停止使用：请填写 18 位公民身份号码。');
  }
  if (id.length !== 18) return fail(`公民身份号码应为 18 位，现为 ${id.length} 位：请核对。`);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return fail('公民身份号码的前 17 位应为数字，最后一位为数字或 X：请核对。');
  }
  if (!PROVINCE_CODES.has(id.slice(0, 2))) {
    return fail(`公民身份号码的前两位“${id.slice(0, 2)}”不是有效的省级行政区划代码：请核对。`);
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const year = Number(id.slice(6, 10));
  if (!parseCalendarDate(birth) || year < 1900) {
    return fail(`公民身份号码第 7–14 位的出生日期“${id.slice(6, 14)}”不存在：请核对。`);
  }
  if (options.today !== undefined && birth > options.today) {
    return fail(`公民身份号码中的出生日期 ${birth} 晚于今天：请核对。`);
  }
  if (citizenIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return fail('公民身份号码的校验码（第 18 位）不符，号码中有错字：请逐位核对。');
  }
  return {
    ok: true,
    value: {
      number: id,
      regionCode: id.slice(0, 6),
      birthDate: birth,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

// GB 32100-2015: 31 characters (no I, O, Z, S, V); weights 3^i mod 31; check = 31 − sum mod 31.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** 登记管理部门代码: 1 机构编制 … 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他. */
const USCC_AUTHORITIES = '123456789ANY';

/** The GB 32100 check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error('creditCodeCheckChar needs 17 characters of the GB 32100 set');
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks a 统一社会信用代码 (GB 32100): 18 characters of the official set, a registration
 * authority code, a 6-digit division code and the check character.
 *
 * @example checkCreditCode('91350100M000100Y43').ok // true
 */
export function checkCreditCode(input: string): IdCheckResult<string> {
  const code = normalise(input);
  const fail = (message: string): IdCheckResult<string> => ({ ok: false, message });
  if (code === '') return fail('请填写统一社会信用代码。');
  if (code.length !== 18) {
    const hint =
      code.length === 15 || code.length === 9 || code.length === 10
        ? '旧的营业执照注册号或组织机构代码不能代替统一社会信用代码，'
        : '';
    return fail(`统一社会信用代码应为 18 位，现为 ${code.length} 位：${hint}请核对。`);
  }
  for (let i = 0; i < 18; i++) {
    const c = code[i]!;
    if (!USCC_CHARS.includes(c)) {
      return fail(
        `统一社会信用代码第 ${i + 1} 位“${c}”不是允许的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）：请核对。`,
      );
    }
  }
  if (!USCC_AUTHORITIES.includes(code[0]!)) {
    return fail(`统一社会信用代码第 1 位“${code[0]}”不是有效的登记管理部门代码：请核对。`);
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return fail('统一社会信用代码第 3–8 位应为 6 位数字的行政区划代码：请核对。');
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return fail('统一社会信用代码的校验码（第 18 位）不符，代码中有错字：请逐位核对。');
  }
  return { ok: true, value: code };
}

/**
 * An identity number as shown to anyone but the clerk handling the case: the first 6 and last
 * 4 characters kept, the rest starred (110101********123X). Short values keep less.
 */
export function maskIdNumber(value: string): string {
  const v = normalise(value);
  if (v.length >= 12) return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
  if (v.length >= 3) return `${v[0]}${'*'.repeat(v.length - 2)}${v.slice(-1)}`;
  return '*'.repeat(v.length);
}

/** A phone number with its middle starred: 138****5678; other numbers keep their last 4 digits. */
export function maskPhone(value: string): string {
  const v = value.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(v)) return `${v.slice(0, 3)}****${v.slice(7)}`;
  if (v.length <= 4) return '*'.repeat(v.length);
  return `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;
}
