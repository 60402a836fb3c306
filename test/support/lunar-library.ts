/**
 * The maintained lunar-calendar library the bundled table (src/core/calendar/lunar-dates.ts) is
 * generated from and checked against: lunar-javascript (6tail, no dependencies, MIT), a dev
 * dependency only. It ships no type declarations, so the little used here is typed here.
 */
import { createRequire } from 'node:module';

interface LibSolar {
  toYmd(): string;
  next(days: number): LibSolar;
}
interface LibLunar {
  getSolar(): LibSolar;
  getJieQiTable(): Record<string, LibSolar>;
}
interface LunarJavascript {
  Lunar: { fromYmd(year: number, month: number, day: number): LibLunar };
}

const { Lunar } = createRequire(import.meta.url)('lunar-javascript') as LunarJavascript;

/** The four dates of a Gregorian year the holiday law needs, per lunar-javascript. */
export function libraryLunarDates(year: number) {
  const newYear = Lunar.fromYmd(year, 1, 1);
  const qingming = newYear.getJieQiTable()['清明'];
  if (!qingming) throw new Error(`lunar-javascript has no 清明 for ${year}`);
  return {
    year,
    chuxi: newYear.getSolar().next(-1).toYmd(),
    qingming: qingming.toYmd(),
    duanwu: Lunar.fromYmd(year, 5, 5).getSolar().toYmd(),
    zhongqiu: Lunar.fromYmd(year, 8, 15).getSolar().toYmd(),
  };
}
