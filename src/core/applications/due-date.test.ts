import { describe, expect, it } from 'vitest';
import { ROWS, received, SAME_DAY } from '../../../test/support/due-date-rows.js';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import { AppError } from '../errors.js';
import { dueDateFromReceipt } from './clock.js';
import { dueDate } from './due-date.js';
import type { ApplicationEvent } from './events.js';

const calendar = defaultCalendar();

describe('dueDate, table-driven', () => {
  it.each(ROWS)('$name → $dueOn', (row) => {
    const due = dueDate(row.events, calendar, row.settings);
    expect(due.dueOn).toBe(row.dueOn);
    expect(due.provisional).toBe(row.provisional ?? false);
    if (row.excluded !== undefined) expect(due.excludedWorkingDays).toBe(row.excluded);
    expect(due.rule.length).toBeGreaterThan(2);
  });
});

describe('the rule applied', () => {
  it('explains a plain receipt', () => {
    const due = dueDate([received('2025-09-30')], calendar);
    expect(due.rule).toEqual([
      '收到申请之日：2025-09-30（互联网渠道，以双方确认之日为收到申请之日，条例第三十一条）',
      '答复期限：自收到申请之日起 20 个工作日（条例第三十三条第二款）',
      '起算：收到之日不计入，自次日起计算第 1 个工作日（本机关设置；条例对此未作规定，按通行做法）',
      '工作日按国务院办公厅节假日安排计算：2025 年依国办发明电〔2024〕12号',
    ]);
    expect(due).toMatchObject({ countedFrom: '2025-09-30', workingDays: 20, waiting: null });
  });

  it('explains correction, consultation and extension', () => {
    const row = ROWS.find((r) => r.name.startsWith('Spring Festival 2025'))!;
    const { rule } = dueDate(row.events, calendar);
    expect(rule).toEqual([
      '收到申请之日：2025-01-20（当面提交，以提交之日为收到申请之日，条例第三十一条）',
      '2025-01-24 告知补正，补正期限：最迟于2025年2月14日（含当日）（条例第三十条）',
      '收到补正后的申请之日：2025-02-07，答复期限自该日起重新计算（条例第三十条）',
      '答复期限：自收到补正后的申请之日起 20 个工作日（条例第三十三条第二款）',
      '起算：收到之日不计入，自次日起计算第 1 个工作日（本机关设置；条例对此未作规定，按通行做法）',
      '延长答复期限 10 个工作日（2025-03-05 经批准并告知申请人，条例第三十三条第二款）',
      '征求第三方意见：2025-02-12 发出，2025-02-19 收到意见；5 个工作日不计入答复期限（条例第三十二条、第三十三条第三款）',
      '工作日按国务院办公厅节假日安排计算：2025 年依国办发明电〔2024〕12号',
    ]);
  });

  it('says when a consultation is still open, and what the case waits for', () => {
    const row = ROWS.find((r) => r.name.startsWith('consultation still open'))!;
    const due = dueDate(row.events, calendar);
    expect(due.waiting).toEqual({ kind: 'consultation', until: '2025-11-03' });
    expect(due.rule).toContain(
      '征求第三方意见：2025-10-13 发出，尚未答复，暂按对方答复期限 2025-11-03 届满计算；15 个工作日不计入答复期限（条例第三十二条、第三十三条第三款）',
    );
  });

  it('names another agency consulted under 第三十四条 and each notice used', () => {
    const row = ROWS.find((r) => r.name.startsWith('consultation of another agency'))!;
    const { rule } = dueDate(row.events, calendar);
    expect(rule.join('\n')).toContain(
      '征求其他机关意见：2026-02-05 发出，2026-02-26 收到意见；10 个工作日不计入答复期限（条例第三十四条',
    );
    const spanning = dueDate([received('2025-12-15')], calendar).rule.at(-1);
    expect(spanning).toBe(
      '工作日按国务院办公厅节假日安排计算：2025 年依国办发明电〔2024〕12号；2026 年依国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    );
  });

  it('shows the fee wait and the same_day rule', () => {
    const fee = ROWS.find((r) => r.name.startsWith('fee not yet paid'))!;
    const due = dueDate(fee.events, calendar);
    expect(due.waiting).toEqual({ kind: 'fee', until: '2025-11-11' });
    expect(due.rule).toContain(
      '收费通知：2025-10-13 发出，尚未缴费，暂按缴费期限 2025-11-11 届满计算；21 个工作日不计入答复期限（国办函〔2020〕109号；本机关设置）',
    );
    expect(dueDate([received('2025-09-30')], calendar, SAME_DAY).rule).toContain(
      '起算：收到之日为工作日的，计为第 1 个工作日（本机关设置）',
    );
  });

  it('has no due date while waiting for a correction, nor after an end without reply', () => {
    const waiting = dueDate(
      [
        received('2025-09-22'),
        { type: 'correction_requested', date: '2025-09-26', correctBy: '2025-10-17' },
      ],
      calendar,
    );
    expect(waiting).toMatchObject({
      dueOn: null,
      waiting: { kind: 'correction', until: '2025-10-17' },
    });
    expect(waiting.rule.at(-1)).toBe(
      '答复期限自收到补正后的申请之日起重新计算，尚未开始（条例第三十条）',
    );

    const lapsed = dueDate(
      [
        received('2025-09-22'),
        { type: 'correction_requested', date: '2025-09-26', correctBy: '2025-10-17' },
        { type: 'correction_lapsed', date: '2025-10-20' },
      ],
      calendar,
    );
    expect(lapsed).toMatchObject({ dueOn: null, waiting: null });
    expect(lapsed.rule.at(-1)).toContain('逾期不补正');

    const withdrawn = dueDate(
      [received('2025-09-22'), { type: 'withdrawn', date: '2025-09-24' }],
      calendar,
    );
    expect(withdrawn.rule.at(-1)).toBe('申请人已于 2025-09-24 撤回申请');
  });

  it('says whether a reply was in time', () => {
    const reply = (date: string): ApplicationEvent => ({
      type: 'replied',
      date,
      outcome: 'disclosed',
      legalBasis: '条例第三十六条第（二）项',
    });
    const inTime = dueDate([received('2025-09-30'), reply('2025-11-04')], calendar);
    expect(inTime).toMatchObject({ dueOn: '2025-11-04', repliedOn: '2025-11-04', late: false });
    expect(inTime.rule.at(-1)).toBe('2025-11-04 答复，在答复期限内');
    const late = dueDate([received('2025-09-30'), reply('2025-11-05')], calendar);
    expect(late).toMatchObject({ late: true });
    expect(late.rule.at(-1)).toBe('2025-11-05 答复，已超过答复期限');
  });
});

describe('dueDate errors', () => {
  it('names the year whose schedule is missing', () => {
    try {
      dueDate([received('2026-12-01')], calendar);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('calendar_year_unknown');
      expect((e as AppError).message).toContain('2027 年');
    }
    expect(() => dueDateFromReceipt('2027-03-01', calendar)).toThrow(/没有 2027 年的节假日安排/);
  });

  it('refuses an invalid history, saying which step', () => {
    expect(() => dueDate([{ type: 'delivered', date: '2025-09-30' }], calendar)).toThrow(
      /第 1 个办理步骤无效：尚未登记收到申请/,
    );
  });

  it('agrees with dueDateFromReceipt for a bare receipt', () => {
    for (const row of ROWS.filter((r) => r.events.length === 1)) {
      expect(dueDateFromReceipt(row.events[0]!.date, calendar, row.settings).dueOn).toBe(row.dueOn);
    }
  });
});
