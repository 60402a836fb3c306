/**
 * The due dates of src/core/applications/due-date.test.ts, worked out by hand: each row a
 * history of events and the day its reply is due (also read by the rule and urgency tests).
 */
import type { ApplicationEvent, ClockSettings } from '../../src/core/applications/events.js';

export const SAME_DAY: ClockSettings = { countFrom: 'same_day', feeWait: 'excluded' };
const FEE_COUNTED: ClockSettings = { countFrom: 'next_day', feeWait: 'counted' };

export const received = (date: string): ApplicationEvent => ({
  type: 'received',
  date,
  channel: 'online',
});

export interface Row {
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
export const ROWS: Row[] = [
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
