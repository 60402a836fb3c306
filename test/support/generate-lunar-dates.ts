/**
 * Prints the rows of the bundled table of lunar holiday dates (run by hand; paste the output
 * into TABLE in src/core/calendar/lunar-dates.ts):
 *
 *   npx tsx test/support/generate-lunar-dates.ts
 *
 * src/core/calendar/lunar-dates.test.ts checks the committed table against the library for
 * every year, and against published almanac dates for 2027–2035.
 */
import {
  LUNAR_DATES_FIRST_YEAR,
  LUNAR_DATES_LAST_YEAR,
} from '../../src/core/calendar/lunar-dates.js';
import { libraryLunarDates } from './lunar-library.js';

const md = (date: string) => date.slice(5).replace('-', '');
const rows: string[] = [];
for (let y = LUNAR_DATES_FIRST_YEAR; y <= LUNAR_DATES_LAST_YEAR; y++) {
  const d = libraryLunarDates(y);
  rows.push(`  ${y}: '${md(d.chuxi)} ${md(d.qingming)} ${md(d.duanwu)} ${md(d.zhongqiu)}',`);
}
process.stdout.write(rows.join('\n') + '\n');
