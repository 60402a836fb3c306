import type { Command } from 'commander';
import { DEFAULT_CLOCK_SETTINGS } from '../../core/applications/events.js';
import type { CalendarOptions } from './calendar-answers.js';
import type { RegisterCommand } from './index.js';

/** The calendar is loaded when a calendar command runs, not for every gongkai command. */
const answers = () => import('./calendar-answers.js');

const collect = (value: string, previous: string[] = []) => [...previous, value];

function scheduleOption(command: Command): Command {
  return command.option(
    '--schedule <file>',
    '另外使用的节假日安排 JSON 文件（{ year, notice, holidays, workdays }），可重复；内置 2019–2026 年，其后没有安排的年份按《全国年节及纪念日放假办法》推算（暂定）',
    collect,
  );
}

export const registerCalendar: RegisterCommand = (program, io) => {
  const calendar = program
    .command('calendar')
    .description(
      '工作日历（法定节假日和调休）。退出码：0 正常；1 缺少所需年份的节假日安排；2 参数有误',
    );

  scheduleOption(
    calendar
      .command('is-working-day')
      .description('判断某日是否为工作日，输出 true 或 false（第二行说明依据；暂定时注明）')
      .argument('<date>', '日期 YYYY-MM-DD'),
  ).action(async (dateText: string, options: CalendarOptions) =>
    (await answers()).isWorkingDay(io, dateText, options),
  );

  scheduleOption(
    calendar
      .command('add-working-days')
      .description('输出某日之后的第 N 个工作日（当日不计）')
      .argument('<date>', '日期 YYYY-MM-DD')
      .argument('<n>', '工作日数（不小于 0 的整数）'),
  ).action(async (dateText: string, nText: string, options: CalendarOptions) =>
    (await answers()).addWorkingDays(io, dateText, nText, options),
  );

  scheduleOption(
    calendar
      .command('due')
      .description('某日收到的政府信息公开申请的答复期限：第一行为截止日期，其后为所依据的规则')
      .argument('<date>', '收到申请之日 YYYY-MM-DD')
      .option(
        '--count-from <rule>',
        '期限起算：next_day 自次日起算（默认），same_day 收到之日为工作日的计为第 1 日',
        DEFAULT_CLOCK_SETTINGS.countFrom,
      ),
  ).action(async (dateText: string, options: CalendarOptions & { countFrom: string }) =>
    (await answers()).dueDate(io, dateText, options),
  );
};
