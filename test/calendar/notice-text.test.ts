/**
 * The holiday notice as a system admin pastes it: the real notices of 2023–2026 read back into
 * the shipped schedules, a malformed line reported by its line, and a notice whose days
 * contradict the holiday law's count refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYearSchedule } from '../../src/core/calendar/schedule.js';
import { SHIPPED_SCHEDULES } from '../../src/core/calendar/schedules.js';
import {
  checkAgainstHolidayLaw,
  readNoticeText,
  scheduleOfNotice,
} from '../../src/core/calendar/notice-text.js';

const fixture = (year: number) =>
  readFileSync(new URL(`../fixtures/notices/${year}.txt`, import.meta.url), 'utf8');

describe('reading a pasted notice', () => {
  it.each([2023, 2024, 2025, 2026])('%s reads back into the shipped schedule', (year) => {
    const read = readNoticeText(fixture(year));
    expect(read.problems).toEqual([]);
    expect(read.year).toBe(year);
    const shipped = SHIPPED_SCHEDULES.find((s) => s.year === year)!;
    const schedule = scheduleOfNotice(read, read.notice ?? shipped.notice)!;
    const { schedule: checked, problems } = parseYearSchedule(schedule);
    expect(problems).toEqual([]);
    expect(checked!.holidays.map((h) => [h.from, h.to])).toEqual(
      shipped.holidays.map((h) => [h.from, h.to]),
    );
    expect(checked!.workdays).toEqual(shipped.workdays);
    // The title, greeting and closing words are set aside, not reported.
    expect(read.ignored.map((l) => l.text)).toContain(
      `国务院办公厅关于${year}年部分节假日安排的通知`,
    );
  });

  it('finds the 文号 and the year in the text', () => {
    expect(readNoticeText(fixture(2025))).toMatchObject({
      year: 2025,
      notice: '国办发明电〔2024〕12号',
    });
    expect(readNoticeText(fixture(2026)).notice).toBeNull();
  });

  it('reads the example line of the form, and items pasted onto one line', () => {
    const read = readNoticeText(
      '一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。',
      2027,
    );
    expect(read.problems).toEqual([]);
    expect(read.items.map((i) => [i.name, i.from, i.to, i.statedDays, i.workdays])).toEqual([
      ['元旦', '2027-01-01', '2027-01-03', 3, []],
      ['春节', '2027-02-05', '2027-02-11', 7, ['2027-02-13']],
    ]);
  });

  it('says what it did not understand, line by line, and keeps the rest', () => {
    const read = readNoticeText(
      [
        '一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。',
        '二、春节：2月5日至放假。',
        '三、清明节：4月3日至5日放假，共4天。',
        '四、劳动节：5月1日至5日放假调休，共5天。5月32日上班。',
        '另定于2月20日开会。',
        '五、端午节：6月9日放假。',
      ].join('\n'),
      2027,
    );
    expect(read.items.map((i) => i.name)).toEqual(['元旦', '端午节']);
    expect(read.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(read.problems[0]!.message).toContain('放假日期“2月5日至放假”没有看懂');
    expect(read.problems[1]!.message).toContain(
      '写明“共4天”，但 2027年4月3日至2027年4月5日是 3 天',
    );
    expect(read.problems[2]!.message).toContain('调休上班日期“5月32日上班”没有看懂');
    expect(read.problems[3]!.message).toContain('没有看懂这一行');
  });

  it('asks for the year when neither the text nor the form gives it', () => {
    const read = readNoticeText('一、元旦：1月1日放假。');
    expect(read.year).toBeNull();
    expect(read.problems[0]!.message).toContain('不知道这份通知是哪一年的');
  });
});

describe('checking a notice against the holiday law', () => {
  it.each([2025, 2026])('%s (a real notice) agrees with the law, item by item', (year) => {
    const read = readNoticeText(fixture(year));
    expect(checkAgainstHolidayLaw(year, read.items)).toEqual([]);
  });

  it('agrees with the shipped 2025 and 2026 schedules as a whole (no item owns a 调休 day)', () => {
    for (const year of [2025, 2026]) {
      const s = SHIPPED_SCHEDULES.find((x) => x.year === year)!;
      expect(checkAgainstHolidayLaw(year, s.holidays, s.workdays)).toEqual([]);
    }
  });

  it('refuses a 春节 that leaves out 除夕, and a break one weekday short', () => {
    const read = readNoticeText(
      [
        '一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。',
        '二、春节：2月6日（周六）至11日（周四）放假调休，共6天。',
        '三、清明节：4月3日至5日放假，共3天。',
        '四、劳动节：5月1日至5日放假调休，共5天。5月8日（周六）、5月9日（周日）上班。',
        '五、端午节：6月9日放假。',
        '六、中秋节：9月15日放假。',
        '七、国庆节：10月1日至7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班。',
      ].join('\n'),
      2027,
    );
    expect(read.problems).toEqual([]);
    const problems = checkAgainstHolidayLaw(2027, read.items);
    expect(problems.map((p) => p.line)).toEqual([null, 4]);
    expect(problems[0]!.message).toContain(
      '春节的农历除夕是2027年2月5日（星期五），通知中没有把这一天列为放假日',
    );
    expect(problems[1]!.message).toContain(
      '“劳动节”（2027年5月1日至2027年5月5日）放假的星期一至星期五共 3 天，调休上班 2 天，净占用工作日 1 天；《全国年节及纪念日放假办法》规定劳动节放假 2 天',
    );
  });

  it('counts 中秋 within 国庆 as four days (2028)', () => {
    const items = [
      { name: '元旦', from: '2028-01-01', to: '2028-01-03', workdays: [] },
      {
        name: '春节',
        from: '2028-01-25',
        to: '2028-01-31',
        workdays: ['2028-02-05'],
      },
      { name: '清明节', from: '2028-04-04', to: '2028-04-04', workdays: [] },
      { name: '劳动节', from: '2028-04-29', to: '2028-05-03', workdays: ['2028-05-06'] },
      { name: '端午节', from: '2028-05-27', to: '2028-05-29', workdays: [] },
      {
        name: '国庆节、中秋节',
        from: '2028-09-30',
        to: '2028-10-08',
        workdays: ['2028-09-24', '2028-10-14'],
      },
    ];
    // 国庆 and 中秋: weekdays 10-02–06 = 5, 调休 2 → 3: one short of the law's 3 + 1.
    const problems = checkAgainstHolidayLaw(2028, items);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('规定国庆节、中秋节放假 4 天');
  });
});
