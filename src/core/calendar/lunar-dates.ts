/**
 * The dates the holiday law (《全国年节及纪念日放假办法》) ties to the Chinese calendar, for each
 * Gregorian year a provisional calendar can be computed for: 除夕 (the last day of the lunar
 * year that ends in this Gregorian year), 清明 (the solar term's day, Beijing time), 端午 (lunar
 * 5/5) and 中秋 (lunar 8/15).
 *
 * A bundled table, not an algorithm, so the core stays small, pure and exact: generated from
 * the maintained library lunar-javascript (test/support/generate-lunar-dates.ts), checked
 * against it for every year and against published almanac dates for 2027–2035
 * (lunar-dates.test.ts).
 *
 * The range: from 2025, when the holiday law as amended in 2024 (国务院令第795号) took effect;
 * to 2088, because the new moon that begins the eighth lunar month of 2089 (4 September) falls
 * so close to midnight that almanacs may differ by a day on that year's 中秋 (Hong Kong
 * Observatory, Gregorian-Lunar Calendar Conversion Table, notes).
 */
import { parseCalendarDate } from './date.js';

export const LUNAR_DATES_FIRST_YEAR = 2025;
export const LUNAR_DATES_LAST_YEAR = 2088;

export interface LunarHolidayDates {
  year: number;
  /** 除夕: the day before 正月初一. */
  chuxi: string;
  qingming: string;
  duanwu: string;
  zhongqiu: string;
}

/** Year → 'MMDD MMDD MMDD MMDD': 除夕, 清明, 端午, 中秋. */
const TABLE: Record<number, string> = {
  2025: '0128 0404 0531 1006',
  2026: '0216 0405 0619 0925',
  2027: '0205 0405 0609 0915',
  2028: '0125 0404 0528 1003',
  2029: '0212 0404 0616 0922',
  2030: '0202 0405 0605 0912',
  2031: '0122 0405 0624 1001',
  2032: '0210 0404 0612 0919',
  2033: '0130 0404 0601 0908',
  2034: '0218 0405 0620 0927',
  2035: '0207 0405 0610 0916',
  2036: '0127 0404 0530 1004',
  2037: '0214 0404 0618 0924',
  2038: '0203 0405 0607 0913',
  2039: '0123 0405 0527 1002',
  2040: '0211 0404 0614 0920',
  2041: '0131 0404 0603 0910',
  2042: '0121 0404 0622 0928',
  2043: '0209 0405 0611 0917',
  2044: '0129 0404 0531 1005',
  2045: '0216 0404 0619 0925',
  2046: '0205 0404 0608 0915',
  2047: '0125 0405 0529 1004',
  2048: '0213 0404 0615 0922',
  2049: '0201 0404 0604 0911',
  2050: '0122 0404 0623 0930',
  2051: '0210 0405 0613 0919',
  2052: '0131 0404 0601 0907',
  2053: '0218 0404 0620 0926',
  2054: '0207 0404 0610 0916',
  2055: '0127 0405 0530 1005',
  2056: '0214 0404 0617 0924',
  2057: '0203 0404 0606 0913',
  2058: '0123 0404 0625 1002',
  2059: '0211 0405 0614 0921',
  2060: '0201 0404 0603 0909',
  2061: '0120 0404 0622 0928',
  2062: '0208 0404 0611 0917',
  2063: '0128 0405 0601 1006',
  2064: '0216 0404 0619 0925',
  2065: '0204 0404 0608 0915',
  2066: '0125 0404 0528 1003',
  2067: '0213 0405 0616 0923',
  2068: '0202 0404 0604 0911',
  2069: '0122 0404 0623 0929',
  2070: '0210 0404 0613 0919',
  2071: '0130 0405 0602 0908',
  2072: '0218 0404 0620 0926',
  2073: '0206 0404 0610 0916',
  2074: '0126 0404 0530 1005',
  2075: '0214 0404 0617 0924',
  2076: '0204 0404 0606 0912',
  2077: '0123 0404 0624 1001',
  2078: '0211 0404 0614 0920',
  2079: '0201 0404 0604 0910',
  2080: '0121 0404 0622 0928',
  2081: '0208 0404 0611 0917',
  2082: '0128 0404 0601 1006',
  2083: '0216 0404 0619 0926',
  2084: '0205 0404 0607 0914',
  2085: '0125 0404 0527 1003',
  2086: '0213 0404 0615 0922',
  2087: '0202 0404 0605 0911',
  2088: '0123 0404 0623 0929',
};

/**
 * The lunar holiday dates of `year`, or null outside LUNAR_DATES_FIRST_YEAR–LUNAR_DATES_LAST_YEAR.
 *
 * @example lunarHolidayDates(2027) // { year: 2027, chuxi: '2027-02-05', qingming: '2027-04-05', duanwu: '2027-06-09', zhongqiu: '2027-09-15' }
 */
export function lunarHolidayDates(year: number): LunarHolidayDates | null {
  const row = TABLE[year];
  if (row === undefined) return null;
  const [chuxi, qingming, duanwu, zhongqiu] = row
    .split(' ')
    .map((md) => `${year}-${md.slice(0, 2)}-${md.slice(2)}`);
  for (const d of [chuxi, qingming, duanwu, zhongqiu]) {
    if (!d || !parseCalendarDate(d)) throw new Error(`lunar-dates: bad entry for ${year}`);
  }
  return { year, chuxi: chuxi!, qingming: qingming!, duanwu: duanwu!, zhongqiu: zhongqiu! };
}
