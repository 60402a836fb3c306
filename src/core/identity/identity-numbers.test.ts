import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCitizenId,
  checkCreditCode,
  citizenIdCheckChar,
  creditCodeCheckChar,
  maskIdNumber,
  maskPhone,
} from './identity-numbers.js';

// Valid examples are computed from the algorithms (and the standards' own published examples);
// none is a real person's number.
const VALID_IDS = [
  '11010519491231002X', // the example of GB 11643-1999 itself
  '110101199003070011',
  '440300200002290027', // born on a leap day
  '510107201010100031',
];

const VALID_CODES = [
  '91350100M000100Y43', // the example of GB 32100-2015 itself
  '91110000000000000E',
  '52440300000000001J',
  '12100000000000001J',
];

describe('checkCitizenId (GB 11643)', () => {
  it.each(VALID_IDS)('accepts %s', (id) => {
    const r = checkCitizenId(id);
    expect(r.ok).toBe(true);
  });

  it('returns the parts of the number', () => {
    expect(checkCitizenId('11010519491231002X')).toEqual({
      ok: true,
      value: {
        number: '11010519491231002X',
        regionCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
      },
    });
    expect(checkCitizenId('110101199003070011')).toMatchObject({ value: { sex: 'male' } });
  });

  it('accepts a lower-case x, full-width characters and spaces', () => {
    expect(checkCitizenId(' 110105 19491231 002x ')).toMatchObject({
      ok: true,
      value: { number: '11010519491231002X' },
    });
    expect(checkCitizenId('１１０１０５１９４９１２３１００２Ｘ').ok).toBe(true);
  });

  it.each([
    ['', /请填写公民身份号码/],
    ['110105491231002', /15 位的旧身份证号码/],
    ['1101051949123100', /应为 18 位，现为 16 位/],
    ['11010519491231002Y', /前 17 位应为数字，最后一位为数字或 X/],
    ['1101051949123X0021', /前 17 位应为数字/],
    [`99${'0105194912310021'}`, /前两位“99”不是有效的省级行政区划代码/],
    ['110105199002300020', /出生日期“19900230”不存在/],
    ['110105189901010020', /出生日期“18990101”不存在/],
    ['110105194912310021', /校验码（第 18 位）不符/],
  ])('rejects %j', (input, message) => {
    const r = checkCitizenId(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('rejects a birth date after today when today is given', () => {
    const first17 = '11010120300101001';
    const id = first17 + citizenIdCheckChar(first17);
    expect(checkCitizenId(id).ok).toBe(true);
    const r = checkCitizenId(id, { today: '2025-10-09' });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/晚于今天/) });
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_IDS),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, position, delta) => {
          const digit = (Number(id[position]) + delta) % 10;
          const typo = id.slice(0, position) + String(digit) + id.slice(position + 1);
          expect(checkCitizenId(typo).ok).toBe(false);
        },
      ),
      { seed: 11643, numRuns: 300 },
    );
  });
});

describe('checkCreditCode (GB 32100)', () => {
  it.each(VALID_CODES)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('normalises case and spacing', () => {
    expect(checkCreditCode(' 91350100m000100y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
    });
  });

  it.each([
    ['', /请填写统一社会信用代码/],
    ['350100400000001', /现为 15 位：旧的营业执照注册号或组织机构代码不能代替/],
    ['M000100Y4', /现为 9 位：旧的/],
    ['91350100M000100Y4', /应为 18 位，现为 17 位/],
    ['91350100M00010OY43', /第 15 位“O”不是允许的字符/],
    ['91350100M000100I43', /第 16 位“I”不是允许的字符/],
    ['B1350100M000100Y43', /第 1 位“B”不是有效的登记管理部门代码/],
    ['9135A100M000100Y43', /第 3–8 位应为 6 位数字的行政区划代码/],
    ['91350100M000100Y44', /校验码（第 18 位）不符/],
  ])('rejects %j', (input, message) => {
    const r = checkCreditCode(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('catches every single-character substitution', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_CODES),
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, position, delta) => {
          const c = chars[(chars.indexOf(code[position]!) + delta) % 31]!;
          const typo = code.slice(0, position) + c + code.slice(position + 1);
          expect(checkCreditCode(typo).ok).toBe(false);
        },
      ),
      { seed: 32100, numRuns: 300 },
    );
  });

  it('computes the check character of the standard example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 characters of an identity number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('91350100M000100Y43')).toBe('913501********0Y43');
    expect(maskIdNumber('12345')).toBe('1***5');
    expect(maskIdNumber('12')).toBe('**');
  });

  it('stars the middle of a mobile number and all but the last 4 digits of others', () => {
    expect(maskPhone('138 0013 8000')).toBe('138****8000');
    expect(maskPhone('010-12345678')).toBe('*******5678');
    expect(maskPhone('110')).toBe('***');
  });
});
