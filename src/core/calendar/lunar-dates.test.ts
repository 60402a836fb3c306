import { describe, expect, it } from 'vitest';
import { libraryLunarDates } from '../../../test/support/lunar-library.js';
import { LUNAR_DATES_FIRST_YEAR, LUNAR_DATES_LAST_YEAR, lunarHolidayDates } from './lunar-dates.js';

/**
 * Published almanac dates, typed in from the tables (not computed): 春节 (正月初一; 除夕 is the
 * day before) from the Chinese New Year tables, 清明 from the solar-term tables, 端午 (五月初五)
 * and 中秋 (八月十五) from the festival tables, all in Beijing time as the Hong Kong Observatory's
 * Gregorian-Lunar conversion tables and the mainland almanac give them. Some western holiday
 * sites put 中秋 2032 on 20 September and 2035 on 17 September: that is the day of the full
 * moon, not the fifteenth day of the eighth month, which is what the holiday law names.
 */
const ALMANAC: Record<
  number,
  { chunjie: string; qingming: string; duanwu: string; zhongqiu: string }
> = {
  2027: { chunjie: '02-06', qingming: '04-05', duanwu: '06-09', zhongqiu: '09-15' },
  2028: { chunjie: '01-26', qingming: '04-04', duanwu: '05-28', zhongqiu: '10-03' },
  2029: { chunjie: '02-13', qingming: '04-04', duanwu: '06-16', zhongqiu: '09-22' },
  2030: { chunjie: '02-03', qingming: '04-05', duanwu: '06-05', zhongqiu: '09-12' },
  2031: { chunjie: '01-23', qingming: '04-05', duanwu: '06-24', zhongqiu: '10-01' },
  2032: { chunjie: '02-11', qingming: '04-04', duanwu: '06-12', zhongqiu: '09-19' },
  2033: { chunjie: '01-31', qingming: '04-04', duanwu: '06-01', zhongqiu: '09-08' },
  2034: { chunjie: '02-19', qingming: '04-05', duanwu: '06-20', zhongqiu: '09-27' },
  2035: { chunjie: '02-08', qingming: '04-05', duanwu: '06-10', zhongqiu: '09-16' },
};

/** The day before, for MM-DD within one year (春节 is never on 1 January). */
function dayBefore(year: number, mmdd: string): string {
  const d = new Date(Date.UTC(year, Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(3)) - 1));
  return d.toISOString().slice(0, 10);
}

describe('the bundled lunar holiday dates', () => {
  it.each(Object.entries(ALMANAC))('%s agrees with the published almanac', (yearText, a) => {
    const year = Number(yearText);
    expect(lunarHolidayDates(year)).toEqual({
      year,
      chuxi: dayBefore(year, a.chunjie),
      qingming: `${year}-${a.qingming}`,
      duanwu: `${year}-${a.duanwu}`,
      zhongqiu: `${year}-${a.zhongqiu}`,
    });
  });

  it('agrees with lunar-javascript for every year of its range', () => {
    for (let y = LUNAR_DATES_FIRST_YEAR; y <= LUNAR_DATES_LAST_YEAR; y++) {
      expect(lunarHolidayDates(y), String(y)).toEqual(libraryLunarDates(y));
    }
  });

  it('agrees with the shipped notices for 2025 and 2026 (除夕 2025 and each lunar holiday off)', () => {
    expect(lunarHolidayDates(2025)).toMatchObject({
      chuxi: '2025-01-28',
      qingming: '2025-04-04',
      duanwu: '2025-05-31',
      zhongqiu: '2025-10-06',
    });
    expect(lunarHolidayDates(2026)).toMatchObject({
      chuxi: '2026-02-16',
      qingming: '2026-04-05',
      duanwu: '2026-06-19',
      zhongqiu: '2026-09-25',
    });
  });

  it('has nothing outside its range', () => {
    expect(lunarHolidayDates(LUNAR_DATES_FIRST_YEAR - 1)).toBeNull();
    expect(lunarHolidayDates(LUNAR_DATES_LAST_YEAR + 1)).toBeNull();
    expect(LUNAR_DATES_FIRST_YEAR).toBe(2025);
  });
});
