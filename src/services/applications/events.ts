/**
 * Stored event rows ↔ the core's events, and the event list replayed into a state.
 */
import type { ApplicationEvent, ApplicationState } from '../../core/applications/events.js';
import type { ClockSettings } from '../../core/applications/events.js';
import { replayEvents, initialState } from '../../core/applications/state-machine.js';
import type { WorkingDayCalendar } from '../../core/calendar/working-day-calendar.js';
import type { ApplicationEventRow } from '../../store/repositories/applications.js';

/** The core's event of a stored row: type and date in columns, the rest in payload_json. */
export function coreEventOf(row: ApplicationEventRow): ApplicationEvent {
  const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
  return {
    ...payload,
    type: row.type,
    date: row.date,
    ...(row.actor_user_id ? { by: row.actor_user_id } : {}),
  } as ApplicationEvent;
}

export const coreEventsOf = (rows: readonly ApplicationEventRow[]): ApplicationEvent[] =>
  rows.map(coreEventOf);

/** What goes in payload_json: the event without type, date and who. */
export function payloadOf(event: ApplicationEvent): string {
  const { type: _type, date: _date, by: _by, ...rest } = event;
  return JSON.stringify(rest);
}

export interface Replayed {
  state: ApplicationState;
  /**
   * Set when the stored history no longer replays (an agency setting or a holiday schedule
   * changed since): the state is the one before the refused event.
   */
  problem: { index: number; message: string } | null;
}

export function replay(
  events: readonly ApplicationEvent[],
  calendar: WorkingDayCalendar,
  settings: ClockSettings,
): Replayed {
  const result = replayEvents(events, calendar, settings);
  if (result.ok) return { state: result.state, problem: null };
  const before = replayEvents(events.slice(0, result.index), calendar, settings);
  return {
    state: before.ok ? before.state : initialState(),
    problem: { index: result.index, message: result.error.message },
  };
}
