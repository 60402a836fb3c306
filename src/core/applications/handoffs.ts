/**
 * Hand-offs inside the agency (签收 → 转办 → 协办) and 转送 to another agency, as steps of the
 * case. None of them moves the clock: the receipt date stays the day 条例第三十一条 sets, and a
 * unit assisting (协办) answers by its own date inside the case's reply period.
 */
import { isCalendarDate } from '../calendar/date.js';
import type { ApplicationState, Handling, HandoffEvent } from './events.js';

export const INITIAL_HANDLING: Handling = {
  unit: null,
  signedOn: null,
  assists: [],
  forwarded: null,
};

export type HandoffResult =
  | { ok: true; handling: Handling }
  | { ok: false; reason: string; message: string; invalid?: boolean };

const no = (reason: string, message: string): HandoffResult => ({ ok: false, reason, message });
const bad = (reason: string, message: string): HandoffResult => ({
  ok: false,
  reason,
  message,
  invalid: true,
});

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * The handling after a hand-off, or why it is refused. `mainDueOn` is the case's reply due date
 * (null while the clock stands still); an assist's own date may not run past it. `strict`
 * applies that limit (a recorded history is not judged again on a changed calendar).
 *
 * @example applyHandoff(state, { type: 'signed_for', date: '2026-12-07', unitId: 'u1', unitName: '办公室' }, '2027-01-05', true)
 */
export function applyHandoff(
  state: ApplicationState,
  event: HandoffEvent,
  mainDueOn: string | null,
  strict: boolean,
): HandoffResult {
  const h = state.handling;
  if (state.handling.forwarded && event.type !== 'assist_completed') {
    return no(
      'forwarded',
      `本申请已于 ${h.forwarded!.on} 转送${h.forwarded!.agencyName}，不能再签收、转办或协办。`,
    );
  }
  switch (event.type) {
    case 'signed_for': {
      const unitId = text(event.unitId);
      const unitName = text(event.unitName);
      if (!unitId || !unitName) return bad('unit_missing', '请选择签收的科室。');
      if (h.unit && h.unit.id !== unitId) {
        return no(
          'not_holding_unit',
          `本申请现由${h.unit.name}办理，应由${h.unit.name}签收，而不是${unitName}。`,
        );
      }
      if (h.signedOn) {
        return no('already_signed', `${h.unit?.name ?? unitName}已于 ${h.signedOn} 签收本申请。`);
      }
      return {
        ok: true,
        handling: { ...h, unit: { id: unitId, name: unitName }, signedOn: event.date },
      };
    }
    case 'transferred': {
      const unitId = text(event.unitId);
      const unitName = text(event.unitName);
      if (!unitId || !unitName) return bad('unit_missing', '请选择转办的承办科室。');
      if (!h.unit || !h.signedOn) {
        return no('not_signed', '本申请尚未签收：请先签收，再转办。');
      }
      if (h.unit.id === unitId) {
        return no('same_unit', `本申请已由${unitName}办理，不需要转办给同一科室。`);
      }
      return {
        ok: true,
        handling: { ...h, unit: { id: unitId, name: unitName }, signedOn: null },
      };
    }
    case 'assist_requested': {
      const assistId = text(event.assistId);
      const unitId = text(event.unitId);
      const unitName = text(event.unitName);
      if (!assistId) return bad('assist_id_missing', '请为这次协办填写编号。');
      if (!unitId || !unitName) return bad('unit_missing', '请选择协办科室。');
      if (!isCalendarDate(event.dueOn)) {
        return bad('invalid_due', '请填写协办期限（协办科室最迟回复的日期）。');
      }
      if (h.assists.some((a) => a.id === assistId)) {
        return no('assist_exists', `协办“${assistId}”已经登记过：每次协办使用不同的编号。`);
      }
      if (h.unit?.id === unitId) {
        return no('assist_own_unit', `${unitName}是本申请的承办科室，不能同时作为协办科室。`);
      }
      if (h.assists.some((a) => a.unitId === unitId && a.completedOn === null)) {
        return no('assist_open', `${unitName}的协办尚未完成，不能重复请其协办。`);
      }
      if (event.dueOn < event.date) {
        return bad('due_before_request', `协办期限 ${event.dueOn} 早于今天，请另选日期。`);
      }
      if (strict && mainDueOn !== null && event.dueOn > mainDueOn) {
        return bad(
          'due_after_main',
          `协办期限 ${event.dueOn} 晚于本申请的答复期限 ${mainDueOn}：协办期限须在答复期限之内。`,
        );
      }
      return {
        ok: true,
        handling: {
          ...h,
          assists: [
            ...h.assists,
            {
              id: assistId,
              unitId,
              unitName,
              requestedOn: event.date,
              dueOn: event.dueOn,
              completedOn: null,
            },
          ],
        },
      };
    }
    case 'assist_completed': {
      const a = h.assists.find((x) => x.id === event.assistId);
      if (!a || a.completedOn !== null) {
        return no(
          'no_open_assist',
          `没有尚未完成的协办“${String(event.assistId)}”：请检查协办编号。`,
        );
      }
      return {
        ok: true,
        handling: {
          ...h,
          assists: h.assists.map((x) => (x.id === a.id ? { ...x, completedOn: event.date } : x)),
        },
      };
    }
    case 'forwarded': {
      const agencyName = text(event.agencyName);
      if (!agencyName) return bad('agency_missing', '请填写负责公开该信息的行政机关名称。');
      return {
        ok: true,
        handling: {
          ...h,
          forwarded: { on: event.date, agencyName, contact: text(event.contact) },
        },
      };
    }
  }
}
