/** The state machine (./state-machine.ts) at its edges: a year without a schedule, accepted edge cases, any sequence of events. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  askCorrection,
  calendar,
  feeNotice,
  received,
  refusal,
  reply,
  run,
} from '../../../test/support/state-machine-cases.js';
import { addDays } from '../calendar/date.js';
import { dueDateOfState } from './due-date.js';
import type { ApplicationEvent, ClockSettings } from './events.js';
import { OUTCOME_ROW_KEYS } from '../report/format.js';
import { applyEvent, initialState } from './state-machine.js';

describe('an extension into a year without a schedule', () => {
  it('is refused when asked, naming the year its new due date needs', () => {
    // Received 2026-11-20: due 12-18; 20 more working days reach into 2027.
    const error = refusal([
      { type: 'received', date: '2026-11-20', channel: 'online' },
      { type: 'extension_approved', date: '2026-12-01', workingDays: 20 },
    ]);
    expect(error).toMatchObject({ code: 'calendar_year_unknown', year: 2027 });
    expect(error.message).toContain('2027 年');
    // Three days stay within 2026 (12-21, 22, 23) and are accepted.
    expect(
      run([
        { type: 'received', date: '2026-11-20', channel: 'online' },
        { type: 'extension_approved', date: '2026-12-01', workingDays: 3 },
      ]).extension,
    ).toMatchObject({ workingDays: 3 });
  });
});

describe('accepted edge cases', () => {
  it('the 7th working day is the last for a correction request; same_day counts receipt', () => {
    // Received 2025-01-20 (Monday). next_day: 01-21…24 1–4, 01-26(调休) 5, 01-27 6,
    // [01-28–02-04], 02-05 7. same_day: 01-20 1, …, 01-27 7.
    const events = (date: string): ApplicationEvent[] => [
      { type: 'received', date: '2025-01-20', channel: 'in_person' },
      { type: 'correction_requested', date, correctBy: '2025-02-20' },
    ];
    const same: ClockSettings = { countFrom: 'same_day', feeWait: 'excluded' };
    expect(run(events('2025-02-05')).phase).toBe('awaiting_correction');
    expect(refusal(events('2025-02-06')).reason).toBe('correction_too_late');
    expect(run(events('2025-01-27'), same).phase).toBe('awaiting_correction');
    expect(refusal(events('2025-02-05'), same).message).toContain('最迟于2025年1月27日（含当日）');
  });

  it('a late correction with a good reason restarts the clock', () => {
    const state = run([
      received,
      askCorrection,
      { type: 'correction_received', date: '2025-10-27', lateReason: '申请人住院' },
    ]);
    expect(state.correction).toMatchObject({ receivedOn: '2025-10-27', lateReason: '申请人住院' });
    expect(state.phase).toBe('processing');
  });

  it('a reply on the day of receipt (当场答复)', () => {
    expect(run([received, reply('2025-09-30')]).outcome).toBe('disclosed');
  });

  it('a late reply is recorded (and shown late), not refused', () => {
    const state = run([received, reply('2025-11-20')]);
    expect(dueDateOfState(state, calendar)).toMatchObject({ dueOn: '2025-11-04', late: true });
  });

  it.each<[string, ApplicationEvent[], string, string]>([
    [
      'no correction in time',
      [received, askCorrection, { type: 'correction_lapsed', date: '2025-10-27' }],
      'other.no_correction',
      '2025-10-27',
    ],
    [
      'no payment in time',
      [received, feeNotice, { type: 'fee_lapsed', date: '2025-11-12' }],
      'other.fee_unpaid',
      '2025-11-12',
    ],
    [
      'withdrawal',
      [received, { type: 'withdrawn', date: '2025-10-10' }],
      'other.other',
      '2025-10-10',
    ],
  ])('%s closes the case as %s', (_what, events, outcome, on) => {
    const state = run(events);
    expect(state).toMatchObject({ phase: 'closed', outcome, outcomeOn: on, closedOn: on });
  });

  it('still unclear after a correction is a valid reply', () => {
    const state = run([
      received,
      askCorrection,
      { type: 'correction_received', date: '2025-10-13' },
      reply('2025-10-20', 'unable.still_unclear'),
    ]);
    expect(state.outcome).toBe('unable.still_unclear');
  });
});

describe('any sequence of events', () => {
  const types = [
    'received',
    'correction_requested',
    'correction_received',
    'correction_submitted_late',
    'correction_lapsed',
    'extension_approved',
    'consultation_started',
    'consultation_answered',
    'consultation_lapsed',
    'fee_notice_issued',
    'fee_paid',
    'fee_lapsed',
    'replied',
    'delivered',
    'closed',
    'withdrawn',
  ] as const;
  const arbitraryEvent = fc
    .record({
      type: fc.constantFrom(...types),
      offset: fc.integer({ min: 0, max: 400 }),
      later: fc.integer({ min: 1, max: 40 }),
      days: fc.integer({ min: 0, max: 25 }),
      id: fc.constantFrom('A', 'B'),
      outcome: fc.constantFrom(...OUTCOME_ROW_KEYS),
      reason: fc.constantFrom('', '正当理由'),
    })
    .map(({ type, offset, later, days, id, outcome, reason }) => {
      const date = addDays('2024-06-01', offset);
      return {
        type,
        date,
        channel: 'online',
        correctBy: addDays(date, later),
        lateReason: reason,
        workingDays: days,
        consultationId: id,
        party: 'third_party',
        method: 'items',
        amountFen: 10000,
        deliveredOn: addDays(date, later % 3),
        outcome,
        legalBasis: '条例第三十六条',
      } as unknown as ApplicationEvent;
    });

  it('never throws, keeps dates in order and has an outcome exactly when finished', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 25 }), (events) => {
        let state = initialState();
        for (const e of [...events].sort((a, b) => (a.date < b.date ? -1 : 1))) {
          const r = applyEvent(state, e, calendar);
          if (r.ok) state = r.state;
          else expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
        }
        const dates = state.events.map((e) => e.date);
        expect(dates).toEqual([...dates].sort());
        const finished = ['replied', 'delivered'].includes(state.phase) || state.phase === 'closed';
        expect(state.outcome !== null).toBe(finished);
        expect(state.outcomeOn !== null).toBe(finished);
        if (state.receipt && state.outcomeOn)
          expect(state.outcomeOn >= state.receipt.on).toBe(true);
        if (state.receipt) expect(() => dueDateOfState(state, calendar)).not.toThrow();
      }),
      { seed: 33, numRuns: 400 },
    );
  });
});
