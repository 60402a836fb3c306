/**
 * Numbers as Chinese reports write them: ASCII or full-width digits, or Chinese numerals
 * (一件, 两件, 十二件, 一百零五件). Used to read counts stated in the narrative.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral may contain. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

const FULL_WIDTH_DIGIT = /[０-９]/;

/** Full-width digits (０–９) to ASCII; everything else unchanged. */
export function normaliseDigits(text: string): string {
  // Most text has none: a test is much cheaper than a copy.
  if (!FULL_WIDTH_DIGIT.test(text)) return text;
  // A sentence's length (the usual case): its code units copied once, each digit changed on the
  // way, rather than a replace calling back for each digit. (fromCharCode takes them as arguments,
  // so a long text, which is rare, is replaced.)
  if (text.length > MAX_ARGUMENTS)
    return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes[i] = c >= 0xff10 && c <= 0xff19 ? c - 0xfee0 : c;
  }
  return String.fromCharCode(...codes);
}

const MAX_ARGUMENTS = 2048;

/**
 * Parses "12", "１２", "十二", "一百零五", "两万三千" and the like; null when it is not a
 * number.
 *
 * @example parseCount('一百零五') // 105
 */
export function parseCount(text: string): number | null {
  const s = normaliseDigits(text.trim());
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '' || ![...s].every((c) => CHINESE_NUMERAL_CHARS.includes(c))) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c]!;
    } else if (c in UNITS) {
      section += (digit ?? 1) * UNITS[c]!;
      digit = null;
    } else if (c === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}
