/** The urgency of cases on a day (./urgency.ts), and the list of cases it orders (./due-date.ts). */
import { describe, expect, it } from 'vitest';
import { received } from '../../../test/support/due-date-rows.js';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import { classifyUrgency } from './urgency.js';
import { urgencyList } from './due-date.js';
import type { ApplicationEvent } from './events.js';

const calendar = defaultCalendar();

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
