/**
 * The events and helpers of the state machine's tests (src/core/applications/state-machine*.test.ts):
 * a case received on 2025-09-30 and the steps it may take. (Each event keeps its own type, so
 * that a test may spread it and change one field.)
 */
import { defaultCalendar } from '../../src/core/calendar/working-day-calendar.js';
import type {
  ApplicationEvent,
  ApplicationState,
  ClockSettings,
  RepliedEvent,
  TransitionError,
} from '../../src/core/applications/events.js';
import { applyEvent, replayEvents } from '../../src/core/applications/state-machine.js';

export const calendar = defaultCalendar();

export function run(events: ApplicationEvent[], settings?: ClockSettings): ApplicationState {
  const r = replayEvents(events, calendar, settings);
  if (!r.ok) throw new Error(`step ${r.index + 1}: ${r.error.message}`);
  return r.state;
}

/** The error of the last event after the others were accepted. */
export function refusal(events: ApplicationEvent[], settings?: ClockSettings): TransitionError {
  const state = run(events.slice(0, -1), settings);
  const r = applyEvent(state, events.at(-1)!, calendar, settings);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

export const received: Extract<ApplicationEvent, { type: 'received' }> = {
  type: 'received',
  date: '2025-09-30',
  channel: 'online',
};
export const reply = (
  date: string,
  outcome: RepliedEvent['outcome'] = 'disclosed',
): ApplicationEvent => ({
  type: 'replied',
  date,
  outcome,
  legalBasis: '条例第三十六条第（二）项',
});
export const askCorrection: Extract<ApplicationEvent, { type: 'correction_requested' }> = {
  type: 'correction_requested',
  date: '2025-10-09',
  correctBy: '2025-10-24',
};
export const consult = (date: string, id = 'A'): ApplicationEvent => ({
  type: 'consultation_started',
  date,
  consultationId: id,
  party: 'third_party',
  name: '某科技有限公司',
});
export const feeNotice: Extract<ApplicationEvent, { type: 'fee_notice_issued' }> = {
  type: 'fee_notice_issued',
  date: '2025-10-13',
  method: 'pages',
  amountFen: 72000,
  deliveredOn: '2025-10-14',
};
