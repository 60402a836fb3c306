/**
 * The state machine (./state-machine.ts) over time: a recorded history keeps its rules, a late
 * correction, the consulted party's period under the agency's countFrom.
 */
import { describe, expect, it } from 'vitest';
import {
  askCorrection,
  calendar,
  consult,
  received,
  refusal,
  reply,
  run,
} from '../../../test/support/state-machine-cases.js';
import { SHIPPED_SCHEDULES } from '../calendar/schedules.js';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import { dueDateOfState } from './due-date.js';
import type { ApplicationEvent, ClockSettings } from './events.js';
import { applyEvent, replayEvents } from './state-machine.js';

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
