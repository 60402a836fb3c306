import { describe, expect, it } from 'vitest';
import {
  askCorrection,
  calendar,
  consult,
  feeNotice,
  received,
  refusal,
  reply,
  run,
} from '../../../test/support/state-machine-cases.js';
import { dueDateOfState } from './due-date.js';
import type { ApplicationEvent } from './events.js';
import { applyEvent, initialState } from './state-machine.js';

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
