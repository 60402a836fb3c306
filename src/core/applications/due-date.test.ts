import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import { AppError } from '../errors.js';
import { classifyUrgency, dueDateFromReceipt } from './clock.js';
import { dueDate, urgencyList } from './due-date.js';
import type { ApplicationEvent, ClockSettings } from './events.js';

const calendar = defaultCalendar();
const SAME_DAY: ClockSettings = { countFrom: 'same_day', feeWait: 'excluded' };
const FEE_COUNTED: ClockSettings = { countFrom: 'next_day', feeWait: 'counted' };

const received = (date: string): ApplicationEvent => ({
  type: 'received',
  date,
  channel: 'online',
});

interface Row {
  name: string;
  events: ApplicationEvent[];
  settings?: ClockSettings;
  dueOn: string;
  provisional?: boolean;
  excluded?: number;
}

/**
 * Every expected date is worked out by hand from the schedules; "n" marks the n-th counted
 * working day, [..] days off, (调休) a weekend working day, {..} days not counted.
 */
const ROWS: Row[] = [
  {
    // 2025 国庆节、中秋节 10-01–10-08 off, 09-28 and 10-11 调休.
    // 10-09 1, 10-10 2, 10-11(调休) 3, 10-13…10-17 4–8, 10-20…24 9–13, 10-27…31 14–18,
    // 11-03 19, 11-04 20.
    name: 'National Day 2025, counted from the next day',
    events: [received('2025-09-30')],
    dueOn: '2025-11-04',
  },
  {
    // Same as above with 09-30 itself as day 1: one working day earlier.
    name: 'National Day 2025, receipt day counted (same_day)',
    events: [received('2025-09-30')],
    settings: SAME_DAY,
    dueOn: '2025-11-03',
  },
  {
    // A Saturday receipt is never day 1: 09-28(调休) 1, 09-29 2, 09-30 3, [10-01–10-08],
    // 10-09 4, 10-10 5, 10-11(调休) 6, 10-13…17 7–11, 10-20…24 12–16, 10-27…30 17–20.
    name: 'received on a Saturday before National Day 2025 (same_day)',
    events: [received('2025-09-27')],
    settings: SAME_DAY,
    dueOn: '2025-10-30',
  },
  {
    // 2024: [10-01–10-07], 10-12 调休. 09-30 1, 10-08…11 2–5, 10-12(调休) 6, 10-14…18 7–11,
    // 10-21…25 12–16, 10-28…31 17–20.
    name: 'National Day 2024 (same_day)',
    events: [received('2024-09-30')],
    settings: SAME_DAY,
    dueOn: '2024-10-31',
  },
  {
    name: 'National Day 2024 (next_day): one working day later',
    events: [received('2024-09-30')],
    dueOn: '2024-11-01',
  },
  {
    // 2026 春节: 02-14 调休, [02-15–02-23], 02-28 调休. 02-11…13 1–3, 02-14(调休) 4,
    // 02-24…27 5–8, 02-28(调休) 9, 03-02…06 10–14, 03-09…13 15–19, 03-16 20.
    name: 'Spring Festival 2026',
    events: [received('2026-02-10')],
    dueOn: '2026-03-16',
  },
  {
    // 2025-12-16…19 1–4, 12-22…26 5–9, 12-29…31 10–12, [2026-01-01–01-03],
    // 01-04(调休) 13, 01-05…09 14–18, 01-12 19, 01-13 20.
    name: 'year end 2025 into 2026',
    events: [received('2025-12-15')],
    dueOn: '2026-01-13',
  },
  {
    // 2022-12-21…23 1–3, 12-26…30 4–8, [12-31–2023-01-02], 01-03…06 9–12, 01-09…13 13–17,
    // 01-16…18 18–20.
    name: 'year end 2022 into 2023 (元旦 from 12-31)',
    events: [received('2022-12-20')],
    dueOn: '2023-01-18',
  },
  {
    // Received 09-22 by letter; correction asked 09-26 (limit: 09-23 1, 24 2, 25 3, 26 4,
    // 28(调休) 5, 29 6, 30 7 → 09-30); corrected application 10-09 restarts the clock:
    // 10-10 1, 10-11(调休) 2, 10-13…17 3–7, 10-20…24 8–12, 10-27…31 13–17, 11-03…05 18–20.
    name: 'correction across National Day 2025',
    events: [
      { type: 'received', date: '2025-09-22', channel: 'letter' },
      { type: 'correction_requested', date: '2025-09-26', correctBy: '2025-10-17' },
      { type: 'correction_received', date: '2025-10-09' },
    ],
    dueOn: '2025-11-05',
  },
  {
    // Base due 11-04 (row 1), then 20 more: 11-05…07 21–23, 11-10…14 24–28, 11-17…21 29–33,
    // 11-24…28 34–38, 12-01 39, 12-02 40.
    name: 'extension of 20 working days',
    events: [
      received('2025-09-30'),
      { type: 'extension_approved', date: '2025-10-31', workingDays: 20 },
    ],
    dueOn: '2025-12-02',
  },
  {
    // 10-09 1, 10-10 2, 10-11 3, 10-13 4 (sent that day); {10-14…10-17, 10-20} not counted;
    // 10-21…24 5–8, 10-27…31 9–13, 11-03…07 14–18, 11-10 19, 11-11 20.
    name: 'third-party consultation answered after 5 working days',
    events: [
      received('2025-09-30'),
      {
        type: 'consultation_started',
        date: '2025-10-13',
        consultationId: 'A',
        party: 'third_party',
      },
      { type: 'consultation_answered', date: '2025-10-20', consultationId: 'A' },
    ],
    dueOn: '2025-11-11',
    excluded: 5,
  },
  {
    // Limit of the third party: 15th working day after 10-13 = 11-03 (10-14…17 1–4,
    // 10-20…24 5–9, 10-27…31 10–14, 11-03 15). {10-14…11-03} = 15 not counted; 11-04 + 15:
    // 11-05…07 1–3, 11-10…14 4–8, 11-17…21 9–13, 11-24 14, 11-25 15.
    name: 'consultation still open: provisional, assumes the 15 days run out',
    events: [
      received('2025-09-30'),
      {
        type: 'consultation_started',
        date: '2025-10-13',
        consultationId: 'A',
        party: 'third_party',
      },
    ],
    dueOn: '2025-11-25',
    provisional: true,
    excluded: 15,
  },
  {
    name: 'consultation lapsed without answer: the same date, no longer provisional',
    events: [
      received('2025-09-30'),
      {
        type: 'consultation_started',
        date: '2025-10-13',
        consultationId: 'A',
        party: 'third_party',
      },
      { type: 'consultation_lapsed', date: '2025-11-04', consultationId: 'A' },
    ],
    dueOn: '2025-11-25',
    excluded: 15,
  },
  {
    name: 'late answer: only the 15 days of the third party are left out',
    events: [
      received('2025-09-30'),
      {
        type: 'consultation_started',
        date: '2025-10-13',
        consultationId: 'A',
        party: 'third_party',
      },
      { type: 'consultation_answered', date: '2025-11-10', consultationId: 'A' },
    ],
    dueOn: '2025-11-25',
    excluded: 15,
  },
  {
    // 2026-01-21…23 1–3, 01-26…30 4–8, 02-02…05 9–12 (sent 02-05); {02-06, 02-09…13,
    // 02-14(调休), 02-24…26} = 10 not counted, [02-15–02-23] off anyway; 02-27 13,
    // 02-28(调休) 14, 03-02…06 15–19, 03-09 20.
    name: 'consultation of another agency across Spring Festival 2026',
    events: [
      received('2026-01-20'),
      { type: 'consultation_started', date: '2026-02-05', consultationId: 'B', party: 'agency' },
      { type: 'consultation_answered', date: '2026-02-26', consultationId: 'B' },
    ],
    dueOn: '2026-03-09',
    excluded: 10,
  },
  {
    // Two overlapping consultations: {10-14…10-17, 10-20} by A and {10-16, 10-17, 10-20…10-22}
    // by C; union {10-14…10-17, 10-20…10-22} = 7. 10-09…10-13 1–4, 10-23 5, 10-24 6,
    // 10-27…31 7–11, 11-03…07 12–16, 11-10…13 17–20.
    name: 'two overlapping consultations count the union once',
    events: [
      received('2025-09-30'),
      {
        type: 'consultation_started',
        date: '2025-10-13',
        consultationId: 'A',
        party: 'third_party',
      },
      {
        type: 'consultation_started',
        date: '2025-10-15',
        consultationId: 'C',
        party: 'third_party',
      },
      { type: 'consultation_answered', date: '2025-10-20', consultationId: 'A' },
      { type: 'consultation_answered', date: '2025-10-22', consultationId: 'C' },
    ],
    dueOn: '2025-11-13',
    excluded: 7,
  },
  {
    // Fee notice 10-13 (day 4), paid 10-22: {10-14…17, 10-20…22} = 7 not counted;
    // 10-23 5, 10-24 6, 10-27…31 7–11, 11-03…07 12–16, 11-10…13 17–20.
    name: 'fee paid: the wait is left out',
    events: [
      received('2025-09-30'),
      {
        type: 'fee_notice_issued',
        date: '2025-10-13',
        method: 'pages',
        amountFen: 72000,
        deliveredOn: '2025-10-14',
      },
      { type: 'fee_paid', date: '2025-10-22' },
    ],
    dueOn: '2025-11-13',
    excluded: 7,
  },
  {
    name: 'fee paid, agency counts the wait (feeWait: counted)',
    events: [
      received('2025-09-30'),
      {
        type: 'fee_notice_issued',
        date: '2025-10-13',
        method: 'pages',
        amountFen: 72000,
        deliveredOn: '2025-10-14',
      },
      { type: 'fee_paid', date: '2025-10-22' },
    ],
    settings: FEE_COUNTED,
    dueOn: '2025-11-04',
    excluded: 0,
  },
  {
    // Pay by: 20th working day after delivery 10-14 = 11-11. Not yet paid: {10-14…11-11} =
    // 21 working days left out; 11-04 + 21: 11-05…07 1–3, 11-10…14 4–8, 11-17…21 9–13,
    // 11-24…28 14–18, 12-01…03 19–21.
    name: 'fee not yet paid: provisional to the end of the payment period',
    events: [
      received('2025-09-30'),
      {
        type: 'fee_notice_issued',
        date: '2025-10-13',
        method: 'items',
        amountFen: 10000,
        deliveredOn: '2025-10-14',
      },
    ],
    dueOn: '2025-12-03',
    provisional: true,
    excluded: 21,
  },
  {
    // Received 01-20 in person; correction asked 01-24 (limit 02-05: 01-21…24 1–4,
    // 01-26(调休) 5, 01-27 6, [01-28–02-04], 02-05 7); corrected 02-07 restarts the clock:
    // 02-08(调休) 1, 02-10…12 2–4 (consultation sent 02-12), {02-13, 02-14, 02-17…19} = 5,
    // 02-20 5, 02-21 6, 02-24…28 7–11, 03-03…07 12–16, 03-10…14 17–21, 03-17…21 22–26,
    // 03-24…27 27–30 (20 + 10 extension).
    name: 'Spring Festival 2025 with correction, consultation and extension',
    events: [
      { type: 'received', date: '2025-01-20', channel: 'in_person' },
      { type: 'correction_requested', date: '2025-01-24', correctBy: '2025-02-14' },
      { type: 'correction_received', date: '2025-02-07' },
      {
        type: 'consultation_started',
        date: '2025-02-12',
        consultationId: 'T1',
        party: 'third_party',
      },
      { type: 'consultation_answered', date: '2025-02-19', consultationId: 'T1' },
      { type: 'extension_approved', date: '2025-03-05', workingDays: 10 },
    ],
    dueOn: '2025-03-27',
    excluded: 5,
  },
  {
    // Corrected application 2025-12-30: 12-31 1, [01-01–01-03], 01-04(调休) 2, 01-05…09 3–7,
    // 01-12…16 8–12, 01-19…23 13–17, 01-26…28 18–20.
    name: 'correction received at year end 2025',
    events: [
      received('2025-12-22'),
      { type: 'correction_requested', date: '2025-12-23', correctBy: '2026-01-09' },
      { type: 'correction_received', date: '2025-12-30' },
    ],
    dueOn: '2026-01-28',
  },
];

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

describe('urgencyList', () => {
  // Due dates by hand (next_day): received 09-26 → 10-30; 09-29 → 11-03; 09-30 → 11-04;
  // 10-09 → 11-05; 10-10 → 11-06; 10-13 → 11-10.
  const cases = [
    { id: 'r6', events: [received('2025-10-13')] },
    { id: 'r1', events: [received('2025-09-30')] },
    { id: 'r4', events: [received('2025-09-26')] },
    { id: 'r3', events: [received('2025-10-09')] },
    { id: 'r2', events: [received('2025-09-29')] },
    { id: 'r5', events: [received('2025-10-10')] },
    {
      id: 'replied',
      events: [
        received('2025-09-01'),
        { type: 'replied', date: '2025-09-05', outcome: 'disclosed', legalBasis: '条例第三十六条' },
      ] as ApplicationEvent[],
    },
    {
      id: 'correcting',
      events: [
        received('2025-10-20'),
        { type: 'correction_requested', date: '2025-10-21', correctBy: '2025-11-10' },
      ] as ApplicationEvent[],
    },
    { id: 'next-year', events: [received('2026-12-20')] },
    { id: 'broken', events: [{ type: 'closed', date: '2025-10-01' }] as ApplicationEvent[] },
  ];

  it('orders open cases by due date and classifies them on a given day', () => {
    const { entries, problems } = urgencyList(cases, '2025-11-03', calendar);
    expect(entries.map((e) => [e.id, e.dueOn, e.urgency, e.workingDaysLeft])).toEqual([
      ['r4', '2025-10-30', 'overdue', -2],
      ['r2', '2025-11-03', 'due_today', 0],
      ['r1', '2025-11-04', 'due_soon', 1],
      ['r3', '2025-11-05', 'due_soon', 2],
      ['r5', '2025-11-06', 'due_soon', 3],
      ['r6', '2025-11-10', 'on_track', 5],
    ]);
    expect(problems.map((p) => [p.id, p.error.code, p.error.year])).toEqual([
      ['next-year', 'calendar_year_unknown', 2027],
      ['broken', 'invalid_transition', undefined],
    ]);
  });

  it('counts a weekend after the due date as overdue with no working day passed', () => {
    // Received Sunday 09-28 (调休): 09-29 1, 09-30 2, 10-09 3, …, 10-31 20, a Friday.
    const { entries } = urgencyList(
      [{ id: 'sunday', events: [received('2025-09-28')] }],
      '2025-11-01',
      calendar,
    );
    expect(entries[0]).toMatchObject({
      dueOn: '2025-10-31',
      urgency: 'overdue',
      workingDaysLeft: 0,
    });
  });
});

describe('classifyUrgency at year end, without next year’s schedule', () => {
  // The shipped calendar ends with 2026: from 2026-12-25 on, a working-day count needs 2027.
  it('an overdue case is overdue without counting working days', () => {
    expect(classifyUrgency('2026-12-17', '2026-12-28', calendar)).toEqual({
      urgency: 'overdue',
      workingDaysLeft: null,
      unknownYear: 2027,
    });
  });

  it('due today needs no calendar either', () => {
    expect(classifyUrgency('2026-12-28', '2026-12-28', calendar)).toMatchObject({
      urgency: 'due_today',
      workingDaysLeft: 0,
    });
  });

  it('within 3 calendar days is within 3 working days whatever the schedule', () => {
    expect(classifyUrgency('2026-12-30', '2026-12-28', calendar)).toMatchObject({
      urgency: 'due_soon',
      workingDaysLeft: null,
      unknownYear: 2027,
    });
  });

  it('further off, says it cannot tell instead of failing', () => {
    expect(classifyUrgency('2027-01-08', '2026-12-28', calendar)).toEqual({
      urgency: 'undetermined',
      workingDaysLeft: null,
      unknownYear: 2027,
    });
  });

  it('the case list keeps an overdue case at year end', () => {
    const { entries, problems } = urgencyList(
      [{ id: 'late', events: [received('2026-11-19')] }],
      '2026-12-28',
      calendar,
    );
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      expect.objectContaining({ id: 'late', dueOn: '2026-12-17', urgency: 'overdue' }),
    ]);
  });
});

describe('urgency of the periods the applicant must keep', () => {
  const asked = (correctBy: string): ApplicationEvent[] => [
    received('2025-10-20'),
    { type: 'correction_requested', date: '2025-10-21', correctBy },
  ];
  const fee = (deliveredOn: string): ApplicationEvent[] => [
    received('2025-10-20'),
    {
      type: 'fee_notice_issued',
      date: '2025-10-21',
      method: 'pages',
      amountFen: 72000,
      deliveredOn,
    },
  ];

  it('flags an expired or expiring correction period and a late correction awaiting decision', () => {
    const { entries } = urgencyList(
      [
        { id: 'expired', events: asked('2025-10-31') },
        { id: 'expiring', events: asked('2025-11-06') },
        { id: 'far', events: asked('2025-11-20') },
        {
          id: 'review',
          events: [
            ...asked('2025-10-31'),
            { type: 'correction_submitted_late', date: '2025-11-03', text: '补正' },
          ],
        },
      ],
      '2025-11-03',
      calendar,
    );
    expect(entries.map((e) => [e.id, e.urgency, e.deadline])).toEqual([
      ['expired', 'correction_expired', { kind: 'correction', on: '2025-10-31' }],
      ['review', 'correction_expired', { kind: 'correction', on: '2025-10-31' }],
      ['expiring', 'correction_expiring', { kind: 'correction', on: '2025-11-06' }],
    ]);
  });

  it('flags an expired or expiring payment period', () => {
    // Delivered 10-21: 20 working days from 10-22 → 11-18. Delivered 10-24 → 11-21.
    const { entries } = urgencyList(
      [
        { id: 'unpaid', events: fee('2025-10-21') },
        { id: 'soon', events: fee('2025-10-24') },
      ],
      '2025-11-19',
      calendar,
    );
    expect(entries.map((e) => [e.id, e.urgency, e.deadline])).toEqual([
      ['unpaid', 'fee_expired', { kind: 'fee', on: '2025-11-18' }],
      ['soon', 'fee_expiring', { kind: 'fee', on: '2025-11-21' }],
    ]);
  });
});
