import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/date.js';
import { SHIPPED_SCHEDULES } from '../calendar/schedules.js';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import { OUTCOME_ROW_KEYS } from '../report/format.js';
import { dueDateOfState } from './due-date.js';
import type {
  ApplicationEvent,
  ApplicationState,
  ClockSettings,
  RepliedEvent,
  TransitionError,
} from './events.js';
import { applyEvent, initialState, replayEvents } from './state-machine.js';

const calendar = defaultCalendar();

function run(events: ApplicationEvent[], settings?: ClockSettings): ApplicationState {
  const r = replayEvents(events, calendar, settings);
  if (!r.ok) throw new Error(`step ${r.index + 1}: ${r.error.message}`);
  return r.state;
}

/** The error of the last event after the others were accepted. */
function refusal(events: ApplicationEvent[], settings?: ClockSettings): TransitionError {
  const state = run(events.slice(0, -1), settings);
  const r = applyEvent(state, events.at(-1)!, calendar, settings);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

const received: ApplicationEvent = { type: 'received', date: '2025-09-30', channel: 'online' };
const reply = (date: string, outcome: RepliedEvent['outcome'] = 'disclosed'): ApplicationEvent => ({
  type: 'replied',
  date,
  outcome,
  legalBasis: '条例第三十六条第（二）项',
});
const askCorrection: ApplicationEvent = {
  type: 'correction_requested',
  date: '2025-10-09',
  correctBy: '2025-10-24',
};
const consult = (date: string, id = 'A'): ApplicationEvent => ({
  type: 'consultation_started',
  date,
  consultationId: id,
  party: 'third_party',
  name: '某科技有限公司',
});
const feeNotice: ApplicationEvent = {
  type: 'fee_notice_issued',
  date: '2025-10-13',
  method: 'pages',
  amountFen: 72000,
  deliveredOn: '2025-10-14',
};

describe('a whole case', () => {
  it('runs from receipt through correction, consultation, fee and reply to closure', () => {
    const events: ApplicationEvent[] = [
      { type: 'received', date: '2025-09-22', channel: 'letter', by: 'clerk-1' },
      { type: 'correction_requested', date: '2025-09-26', correctBy: '2025-10-17' },
      { type: 'correction_received', date: '2025-10-09' },
      consult('2025-10-10'),
      { type: 'consultation_answered', date: '2025-10-15', consultationId: 'A' },
      { ...feeNotice, date: '2025-10-16', deliveredOn: '2025-10-16' },
      { type: 'fee_paid', date: '2025-10-20' },
      { type: 'extension_approved', date: '2025-11-03', workingDays: 5 },
      reply('2025-11-10', 'partially_disclosed'),
      { type: 'delivered', date: '2025-11-12' },
      { type: 'closed', date: '2025-11-12' },
    ];
    const phases: string[] = [];
    let state = initialState();
    for (const e of events) {
      const r = applyEvent(state, e, calendar);
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
      phases.push(state.phase);
    }
    expect(phases).toEqual([
      'processing',
      'awaiting_correction',
      'processing',
      'consulting',
      'processing',
      'awaiting_fee',
      'processing',
      'processing',
      'replied',
      'delivered',
      'closed',
    ]);
    expect(state).toMatchObject({
      receipt: { on: '2025-09-22', channel: 'letter' },
      correction: { requestedOn: '2025-09-26', receivedOn: '2025-10-09', lapsedOn: null },
      extension: { approvedOn: '2025-11-03', workingDays: 5 },
      fee: { issuedOn: '2025-10-16', paidOn: '2025-10-20', payBy: '2025-11-13', amountFen: 72000 },
      reply: { on: '2025-11-10', outcome: 'partially_disclosed' },
      deliveredOn: '2025-11-12',
      closedOn: '2025-11-12',
      outcome: 'partially_disclosed',
      outcomeOn: '2025-11-10',
    });
    expect(state.events).toEqual(events);
    expect(state.consultations).toEqual([
      {
        id: 'A',
        party: 'third_party',
        name: '某科技有限公司',
        startedOn: '2025-10-10',
        limitOn: '2025-10-30',
        endedOn: '2025-10-15',
        answered: true,
      },
    ]);
    // Consultation limit: 10-11(调休) 1, 10-13…17 2–6, 10-20…24 7–11, 10-27…30 12–15.
    // Clock from 10-09: 10-10 1 (consultation sent); {10-11(调休), 10-13…10-15} by the
    // consultation; 10-16 2 (fee notice); {10-17, 10-20} by the fee wait; 10-21…24 3–6,
    // 10-27…31 7–11, 11-03…07 12–16, 11-10…13 17–20, 11-14 21, 11-17…20 22–25 (20 + 5).
    expect(dueDateOfState(state, calendar)).toMatchObject({
      dueOn: '2025-11-20',
      excludedWorkingDays: 6,
      late: false,
    });
  });

  it('does not change the state it was given', () => {
    const state = run([received]);
    const before = structuredClone(state);
    applyEvent(state, reply('2025-10-09'), calendar);
    expect(state).toEqual(before);
  });
});

describe('refused transitions', () => {
  it.each<[string, ApplicationEvent[], string, RegExp]>([
    ['a reply before receipt', [reply('2025-10-09')], 'not_received', /尚未登记收到申请/],
    ['a second receipt', [received, received], 'already_received', /不能再次登记收到/],
    [
      'a step dated before the previous one',
      [received, { type: 'extension_approved', date: '2025-09-29', workingDays: 5 }],
      'date_before_previous',
      /早于上一步“收到申请”的日期 2025-09-30/,
    ],
    [
      'a second correction request (第三十条: once)',
      [
        received,
        askCorrection,
        { type: 'correction_received', date: '2025-10-10' },
        { ...askCorrection, date: '2025-10-10' },
      ],
      'correction_already_requested',
      /只能一次性告知/,
    ],
    [
      'a correction request after 7 working days',
      // 10-09 1, 10-10 2, 10-11 3, 10-13…16 4–7: the limit is 10-16.
      [received, { ...askCorrection, date: '2025-10-17' }],
      'correction_too_late',
      /即最迟于2025年10月16日（含当日）/,
    ],
    [
      'a correction request after an extension',
      [received, { type: 'extension_approved', date: '2025-10-09', workingDays: 5 }, askCorrection],
      'correction_after_processing',
      /补正应在收到申请后 7 个工作日内/,
    ],
    [
      'a late correction without a good reason',
      [received, askCorrection, { type: 'correction_received', date: '2025-10-27' }],
      'correction_overdue',
      /补正期限 2025-10-24 已过/,
    ],
    [
      'a lapse recorded before the correction period ends',
      [received, askCorrection, { type: 'correction_lapsed', date: '2025-10-24' }],
      'correction_period_running',
      /尚未届满/,
    ],
    [
      'a correction received with none requested',
      [received, { type: 'correction_received', date: '2025-10-09' }],
      'no_correction_pending',
      /没有待补正/,
    ],
    [
      'a reply while waiting for the correction',
      [received, askCorrection, reply('2025-10-10')],
      'awaiting_correction',
      /正在等待申请人补正（补正期限：最迟于2025年10月24日（含当日））/,
    ],
    [
      'an extension while waiting for the correction',
      [received, askCorrection, { type: 'extension_approved', date: '2025-10-10', workingDays: 5 }],
      'awaiting_correction',
      /等待申请人补正/,
    ],
    [
      'an extension beyond 20 working days (第三十三条)',
      [received, { type: 'extension_approved', date: '2025-10-09', workingDays: 21 }],
      'extension_too_long',
      /最长不得超过 20 个工作日/,
    ],
    [
      'a second extension',
      [
        received,
        { type: 'extension_approved', date: '2025-10-09', workingDays: 5 },
        { type: 'extension_approved', date: '2025-10-10', workingDays: 5 },
      ],
      'extension_already_approved',
      /延长只能一次/,
    ],
    [
      'an extension after the due date',
      [received, { type: 'extension_approved', date: '2025-11-05', workingDays: 5 }],
      'extension_after_due',
      /答复期限已于 2025-11-04 届满/,
    ],
    [
      'a consultation after the due date',
      [received, consult('2025-11-05')],
      'consultation_after_due',
      /2025-11-04 届满/,
    ],
    [
      'two consultations with one id',
      [received, consult('2025-10-13'), consult('2025-10-14')],
      'consultation_exists',
      /已经登记过/,
    ],
    [
      'an answer to a consultation never started',
      [
        received,
        consult('2025-10-13'),
        { type: 'consultation_answered', date: '2025-10-14', consultationId: 'Z' },
      ],
      'no_open_consultation',
      /没有正在进行的征求意见“Z”：正在进行的是 A，请检查编号/,
    ],
    [
      'an answer when no consultation is open (the reason shown beside the greyed step)',
      [received, { type: 'consultation_answered', date: '2025-10-14', consultationId: '' }],
      'no_open_consultation',
      /^目前没有正在进行的征求意见：请先登记征求意见。$/,
    ],
    [
      'a consultation lapse within the 15 days',
      [
        received,
        consult('2025-10-13'),
        { type: 'consultation_lapsed', date: '2025-11-03', consultationId: 'A' },
      ],
      'consultation_period_running',
      /对方答复期限：最迟于2025年11月3日（含当日）/,
    ],
    [
      'a reply while a consultation is open',
      [received, consult('2025-10-13'), reply('2025-10-20')],
      'consultation_open',
      /征求意见尚未结束（A）/,
    ],
    [
      'a fee notice while a consultation is open',
      [received, consult('2025-10-13'), feeNotice],
      'consultation_open',
      /再发出收费通知/,
    ],
    [
      'a second fee notice',
      [
        received,
        feeNotice,
        { type: 'fee_paid', date: '2025-10-15' },
        { ...feeNotice, date: '2025-10-16', deliveredOn: '2025-10-16' },
      ],
      'fee_already_issued',
      /不能再次发出/,
    ],
    [
      'a payment after the payment period',
      [received, feeNotice, { type: 'fee_paid', date: '2025-11-12' }],
      'fee_overdue',
      /缴费期限 2025-11-11 已过/,
    ],
    [
      'a fee lapse within the payment period',
      [received, feeNotice, { type: 'fee_lapsed', date: '2025-11-11' }],
      'fee_period_running',
      /尚未届满/,
    ],
    [
      'a reply while waiting for payment',
      [received, feeNotice, reply('2025-10-20')],
      'awaiting_fee',
      /正在等待申请人缴费（缴费期限：最迟于2025年11月11日（含当日））/,
    ],
    [
      'a reply with an outcome only a lapse can give',
      [received, reply('2025-10-09', 'other.no_correction')],
      'outcome_by_lapse_only',
      /由记录逾期步骤产生/,
    ],
    [
      '“still unclear after correction” without a correction',
      [received, reply('2025-10-09', 'unable.still_unclear')],
      'still_unclear_without_correction',
      /只适用于告知补正并收到补正后的申请/,
    ],
    [
      'a second reply',
      [received, reply('2025-10-09'), reply('2025-10-10')],
      'already_replied',
      /已于 2025-10-09 答复/,
    ],
    [
      'delivery before a reply',
      [received, { type: 'delivered', date: '2025-10-09' }],
      'not_replied',
      /请先记录答复/,
    ],
    [
      'closure before delivery',
      [received, reply('2025-10-09'), { type: 'closed', date: '2025-10-10' }],
      'not_delivered',
      /答复尚未送达/,
    ],
    [
      'withdrawal after a reply',
      [received, reply('2025-10-09'), { type: 'withdrawn', date: '2025-10-10' }],
      'withdraw_after_reply',
      /不能再撤回/,
    ],
    [
      'anything after closure',
      [received, { type: 'withdrawn', date: '2025-10-09' }, reply('2025-10-10')],
      'case_closed',
      /已于 2025-10-09 办结/,
    ],
  ])('%s', (_what, events, reason, message) => {
    const error = refusal(events);
    expect(error.code).toBe('invalid_transition');
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
  });

  it.each<[string, ApplicationEvent[], string, RegExp]>([
    [
      'a malformed date',
      [{ ...received, date: '2025-9-30' }],
      'invalid_date',
      /日期“2025-9-30”无效/,
    ],
    [
      'an unknown channel',
      [{ ...received, channel: 'pigeon' as never }],
      'invalid_channel',
      /申请渠道/,
    ],
    [
      'a correction deadline not after the request',
      [received, { ...askCorrection, correctBy: '2025-10-09' }],
      'correction_period_invalid',
      /应晚于告知补正之日/,
    ],
    [
      'an extension of 0 or a fraction',
      [received, { type: 'extension_approved', date: '2025-10-09', workingDays: 1.5 }],
      'extension_invalid',
      /1 至 20 之间的整数/,
    ],
    [
      'a fee of nothing',
      [received, { ...feeNotice, amountFen: 0 }],
      'invalid_fee_amount',
      /大于 0 的整数/,
    ],
    [
      'a fee notice delivered before it was issued',
      [received, { ...feeNotice, deliveredOn: '2025-10-10' }],
      'fee_delivery_before_notice',
      /早于发出日期/,
    ],
    [
      'a reply without legal basis',
      [received, { ...reply('2025-10-09'), legalBasis: ' ' } as ApplicationEvent],
      'legal_basis_missing',
      /法律依据/,
    ],
    [
      'an outcome not in table 三',
      [received, reply('2025-10-09', 'maybe' as never)],
      'unknown_outcome',
      /不是年度报告表三/,
    ],
  ])('refuses %s as invalid input', (_what, events, reason, message) => {
    const error = refusal(events);
    expect(error.code).toBe('validation_failed');
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
  });

  it('reports a missing holiday schedule with its year, and never refuses a receipt for it', () => {
    const state = run([{ type: 'received', date: '2027-01-05', channel: 'in_person' }]);
    expect(state.phase).toBe('processing');
    const error = refusal([
      { type: 'received', date: '2026-12-18', channel: 'online' },
      { type: 'correction_requested', date: '2026-12-21', correctBy: '2027-01-08' },
    ]);
    expect(error).toMatchObject({ code: 'calendar_year_unknown', year: 2027 });
    expect(error.message).toContain('没有 2027 年的节假日安排');
  });
});

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

describe('a recorded history keeps the rules it was recorded under', () => {
  const NEXT: ClockSettings = { countFrom: 'next_day', feeWait: 'excluded' };
  const SAME: ClockSettings = { countFrom: 'same_day', feeWait: 'excluded' };

  it('reads the clock settings from the received event, whatever the agency has set since', () => {
    const snapshot: ApplicationEvent = {
      type: 'received',
      date: '2025-09-30',
      channel: 'online',
      clock: SAME,
    };
    // 2025-09-30 counted as day 1 (same_day) → 11-03; from the next day → 11-04.
    expect(dueDateOfState(run([snapshot], NEXT), calendar).dueOn).toBe('2025-11-03');
    expect(run([snapshot], NEXT).clock).toEqual(SAME);
    // A case registered before snapshots existed falls back to the settings given.
    expect(dueDateOfState(run([received], NEXT), calendar).dueOn).toBe('2025-11-04');
    expect(dueDateOfState(run([received], SAME), calendar).dueOn).toBe('2025-11-03');
  });

  it('a correction requested on the 7th working day stays valid when countFrom changes later', () => {
    // Received Monday 2025-09-22; next_day: 09-23…26 1–4, 09-28(调休) 5, 09-29 6, 09-30 7.
    const receivedOn = (clock: ClockSettings): ApplicationEvent => ({
      type: 'received',
      date: '2025-09-22',
      channel: 'in_person',
      clock,
    });
    const events: ApplicationEvent[] = [
      receivedOn(NEXT),
      { type: 'correction_requested', date: '2025-09-30', correctBy: '2025-10-20' },
    ];
    const replayed = replayEvents(events, calendar, SAME);
    expect(replayed.ok).toBe(true);
    // The same request on a case that started under same_day is too late (limit 09-29).
    const underSame = run([receivedOn(SAME)]);
    const r = applyEvent(underSame, events[1]!, calendar, NEXT);
    expect(r.ok ? null : r.error.reason).toBe('correction_too_late');
  });

  it('does not re-judge recorded time limits when a holiday schedule is corrected', () => {
    const shipped2025 = SHIPPED_SCHEDULES.find((s) => s.year === 2025)!;
    const corrected = defaultCalendar([
      {
        ...shipped2025,
        holidays: [...shipped2025.holidays, { name: '测试', from: '2025-10-27', to: '2025-10-29' }],
      },
    ]);
    // Consulted 10-10: 15 working days end 10-31 on the shipped calendar, 11-05 on the other.
    const events: ApplicationEvent[] = [
      { type: 'received', date: '2025-10-09', channel: 'online', clock: NEXT },
      consult('2025-10-10'),
      { type: 'consultation_lapsed', date: '2025-11-03', consultationId: 'A' },
    ];
    expect(replayEvents(events, calendar).ok).toBe(true);
    const replayed = replayEvents(events, corrected);
    expect(replayed.ok).toBe(true);
    // A new step is still judged by the calendar of today.
    const before = replayEvents(events.slice(0, 2), corrected);
    if (!before.ok) throw new Error(before.error.message);
    const fresh = applyEvent(before.state, events[2]!, corrected);
    expect(fresh.ok ? null : fresh.error.reason).toBe('consultation_period_running');
  });
});

describe('a correction that arrives after its period (条例第三十条: the agency judges 正当理由)', () => {
  // Asked 10-09 to correct by 10-24; the applicant sends it on 10-28, the clerk decides 10-30.
  const late: ApplicationEvent = {
    type: 'correction_submitted_late',
    date: '2025-10-28',
    text: '2025年科技项目资金分配结果',
    explanation: '出差未能及时查看',
  };

  it('waits for the clerk: the clock does not restart on the applicant’s say-so', () => {
    const state = run([received, askCorrection, late]);
    expect(state.phase).toBe('correction_review');
    expect(state.correction).toMatchObject({
      receivedOn: null,
      lateSubmission: {
        on: '2025-10-28',
        text: '2025年科技项目资金分配结果',
        explanation: '出差未能及时查看',
      },
    });
    const due = dueDateOfState(state, calendar);
    expect(due.dueOn).toBeNull();
    expect(due.rule.join('\n')).toContain('2025-10-28 逾期提交补正');
    expect(refusal([received, askCorrection, late, reply('2025-10-30')]).reason).toBe(
      'correction_under_review',
    );
  });

  it('the clerk accepts it with the agency’s reason: the clock restarts from the day it arrived', () => {
    const noReason = refusal([
      received,
      askCorrection,
      late,
      { type: 'correction_received', date: '2025-10-30' },
    ]);
    expect(noReason.reason).toBe('correction_overdue');
    const state = run([
      received,
      askCorrection,
      late,
      { type: 'correction_received', date: '2025-10-30', lateReason: '申请人出差，有正当理由' },
    ]);
    expect(state.phase).toBe('processing');
    expect(state.correction).toMatchObject({
      receivedOn: '2025-10-28',
      text: '2025年科技项目资金分配结果',
      lateReason: '申请人出差，有正当理由',
    });
    // From 10-28, next day first: 10-29 1 … 11-25 20.
    expect(dueDateOfState(state, calendar).dueOn).toBe('2025-11-25');
  });

  it('the clerk rejects it: the case ends as other.no_correction', () => {
    const state = run([
      received,
      askCorrection,
      late,
      { type: 'correction_lapsed', date: '2025-10-30' },
    ]);
    expect(state).toMatchObject({ phase: 'closed', outcome: 'other.no_correction' });
  });

  it('is only for a correction after the period, and only once', () => {
    expect(
      refusal([received, askCorrection, { ...late, date: '2025-10-24' } as ApplicationEvent])
        .reason,
    ).toBe('correction_not_late');
    expect(refusal([received, late]).reason).toBe('no_correction_pending');
    expect(
      refusal([received, askCorrection, late, { ...late, date: '2025-10-29' } as ApplicationEvent])
        .reason,
    ).toBe('correction_under_review');
  });
});

describe('the consulted party’s 15 working days follow the agency’s countFrom', () => {
  // 第三十二条 “自收到征求意见书之日起15个工作日内” has the form of 第三十三条 “自收到申请之日起
  // 20个工作日内”: one reading of “自…之日起” for both. Consulted Friday 2025-10-10; next_day:
  // 10-11(调休) 1, 10-13…17 2–6, 10-20…24 7–11, 10-27…30 12–15. same_day: 10-10 is day 1.
  const start = (clock: ClockSettings): ApplicationEvent[] => [
    { type: 'received', date: '2025-10-09', channel: 'online', clock },
    consult('2025-10-10'),
  ];
  const lapse: ApplicationEvent = {
    type: 'consultation_lapsed',
    date: '2025-10-30',
    consultationId: 'A',
  };

  it('next_day: the day sent is not counted', () => {
    const state = run(start({ countFrom: 'next_day', feeWait: 'excluded' }));
    expect(state.consultations[0]!.limitOn).toBe('2025-10-30');
    const r = applyEvent(state, lapse, calendar);
    expect(r.ok ? null : r.error.reason).toBe('consultation_period_running');
  });

  it('same_day: the day sent (a working day) is day 1, as for the reply period', () => {
    const state = run(start({ countFrom: 'same_day', feeWait: 'excluded' }));
    expect(state.consultations[0]!.limitOn).toBe('2025-10-29');
    const r = applyEvent(state, lapse, calendar);
    expect(r.ok && r.state.phase).toBe('processing');
  });
});
