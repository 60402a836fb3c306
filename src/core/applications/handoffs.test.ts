import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import { dueDateOfState } from './due-date.js';
import type { ApplicationEvent, ApplicationState } from './events.js';
import { applyEvent, replayEvents } from './state-machine.js';

const calendar = defaultCalendar();
const received: ApplicationEvent = { type: 'received', date: '2025-09-01', channel: 'in_person' };
const sign = (date: string, unitId = 'office', unitName = '办公室'): ApplicationEvent => ({
  type: 'signed_for',
  date,
  unitId,
  unitName,
});
const transfer = (date: string, unitId = 'plan', unitName = '计划科'): ApplicationEvent => ({
  type: 'transferred',
  date,
  unitId,
  unitName,
});

function stateOf(events: ApplicationEvent[]): ApplicationState {
  const r = replayEvents(events, calendar);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}
function refusal(events: ApplicationEvent[], next: ApplicationEvent) {
  const r = applyEvent(stateOf(events), next, calendar);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('hand-offs (签收 → 转办 → 协办, 转送)', () => {
  it('keep the receipt date and the due date', () => {
    const plain = stateOf([received]);
    const handed = stateOf([
      received,
      sign('2025-09-02'),
      transfer('2025-09-02'),
      sign('2025-09-03', 'plan', '计划科'),
      {
        type: 'assist_requested',
        date: '2025-09-03',
        assistId: 'A1',
        unitId: 'law',
        unitName: '法规科',
        dueOn: '2025-09-10',
      },
      { type: 'assist_completed', date: '2025-09-05', assistId: 'A1' },
    ]);
    expect(handed.receipt).toEqual(plain.receipt);
    expect(dueDateOfState(handed, calendar).dueOn).toBe(dueDateOfState(plain, calendar).dueOn);
    expect(handed.phase).toBe('processing');
    expect(handed.handling).toMatchObject({
      unit: { id: 'plan', name: '计划科' },
      signedOn: '2025-09-03',
      assists: [{ id: 'A1', completedOn: '2025-09-05' }],
    });
  });

  it('a transfer waits for 签收, and only the unit holding the case signs for it', () => {
    expect(refusal([received], transfer('2025-09-02')).reason).toBe('not_signed');
    const moved = [received, sign('2025-09-02'), transfer('2025-09-02')];
    expect(refusal(moved, sign('2025-09-02')).reason).toBe('not_holding_unit');
    expect(refusal([received, sign('2025-09-02')], sign('2025-09-02')).reason).toBe(
      'already_signed',
    );
    expect(refusal([received, sign('2025-09-02')], transfer('2025-09-02', 'office')).reason).toBe(
      'same_unit',
    );
  });

  it('an assist ends by its own date, never after the case’s due date', () => {
    const due = dueDateOfState(stateOf([received]), calendar).dueOn!;
    const assist = (dueOn: string, unitId = 'law'): ApplicationEvent => ({
      type: 'assist_requested',
      date: '2025-09-02',
      assistId: 'A1',
      unitId,
      unitName: '法规科',
      dueOn,
    });
    const late = refusal([received], assist('2025-12-31'));
    expect(late).toMatchObject({ code: 'validation_failed', reason: 'due_after_main' });
    expect(late.message).toContain(due);
    expect(applyEvent(stateOf([received]), assist(due), calendar).ok).toBe(true);
    expect(refusal([received], assist('2025-09-01')).reason).toBe('due_before_request');
    expect(refusal([received, sign('2025-09-02')], assist(due, 'office')).reason).toBe(
      'assist_own_unit',
    );
  });

  it('nothing is handed on after 转送 or once the case is closed', () => {
    const forwarded: ApplicationEvent[] = [
      received,
      { type: 'forwarded', date: '2025-09-02', agencyName: '示范市教育局' },
    ];
    expect(refusal(forwarded, sign('2025-09-02')).reason).toBe('forwarded');
    const closed: ApplicationEvent[] = [received, { type: 'withdrawn', date: '2025-09-02' }];
    expect(refusal(closed, sign('2025-09-02')).reason).toBe('case_closed');
    expect(
      refusal([received], { type: 'forwarded', date: '2025-09-02', agencyName: ' ' }).code,
    ).toBe('validation_failed');
  });
});
