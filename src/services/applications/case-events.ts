/**
 * Moving a case on: events checked by the core's state machine, backdating, fee quotes and
 * waivers. Appending an event is in ./case-append.ts, the fee quote in ./case-fees.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  BACKDATABLE_EVENTS,
  LETTER_EVENTS,
  type ApplicationEvent,
  type ApplicationEventType,
  type ConsultedParty,
} from '../../core/applications/events.js';
import { applyEvent } from '../../core/applications/state-machine.js';
import { isCalendarDate } from '../../core/calendar/date.js';
import { invalidField } from '../../core/errors.js';
import type { FeeMethod, ProcessingFee } from '../../core/fees/processing-fee.js';
import type { Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { appendEvent, transitionError } from './case-append.js';
import { quoteFee } from './case-fees.js';
import {
  type ApplicationDetail,
  type CaseEnv,
  caseEnv,
  type LoadedCase,
  loadCase,
} from './case-views.js';
import { type DirectEventType, ACTION_LABELS, getApplication } from './case-detail.js';

// --- events ------------------------------------------------------------------------------------

export interface EventInput {
  type: DirectEventType | 'fee_waived';
  date: string;
  note?: string;
  correctBy?: string;
  lateReason?: string;
  /** The corrected application (correction_received). */
  text?: string;
  consultationId?: string;
  party?: ConsultedParty;
  name?: string;
  method?: FeeMethod;
  quantity?: number;
  deliveredOn?: string;
  waivedReason?: string;
}

const EVENT_FIELDS: Record<EventInput['type'], readonly (keyof EventInput)[]> = {
  correction_requested: ['correctBy', 'note'],
  correction_received: ['lateReason', 'text', 'note'],
  correction_lapsed: ['note'],
  consultation_started: ['party', 'name', 'consultationId', 'note'],
  consultation_answered: ['consultationId', 'note'],
  consultation_lapsed: ['consultationId', 'note'],
  fee_notice_issued: ['method', 'quantity', 'deliveredOn', 'note'],
  fee_waived: ['method', 'quantity', 'waivedReason', 'note'],
  fee_paid: ['note'],
  fee_lapsed: ['note'],
  delivered: ['note'],
  closed: ['note'],
  withdrawn: ['note'],
};

function required<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    throw invalidField(field, message);
  }
  return value;
}

/** Refuses a step dated before today unless it may be recorded late (BACKDATABLE_EVENTS). */
function checkBackdating(
  type: ApplicationEventType | 'fee_waived',
  date: string,
  today: string,
  note: string | null,
): void {
  if (date >= today) return;
  const label = ACTION_LABELS[type] ?? type;
  if (type === 'fee_waived' || !BACKDATABLE_EVENTS.includes(type)) {
    const letter = type !== 'fee_waived' && LETTER_EVENTS.includes(type);
    throw invalidField(
      'date',
      `“${label}”是本机关的${letter ? '文书，日期即告知申请人之日' : '办理决定'}，只能以记录的当天（${today}）为日期，不能补记为 ${date}：${letter ? '倒签的文书会让申请人的期限早于其收到文书之日起算。' : ''}请以今天为日期记录。`,
    );
  }
  if (!note) {
    throw invalidField(
      'note',
      `补记 ${date} 发生的“${label}”，请在备注中写明实际日期的依据（如邮件签收、到账凭证、回执），办理过程会标明为补记。`,
    );
  }
}

/** Records one event of a case (a correction request, a consultation, a payment, …). */
export async function recordEvent(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
  input: EventInput,
): Promise<ApplicationDetail> {
  const fields = EVENT_FIELDS[input.type];
  for (const key of Object.keys(input) as (keyof EventInput)[]) {
    if (key !== 'type' && key !== 'date' && input[key] !== undefined && !fields.includes(key)) {
      throw invalidField(key, `“${ACTION_LABELS[input.type]}”不需要填写字段“${key}”。`);
    }
  }
  const today = shanghaiDate(ctx.clock.now());
  if (!isCalendarDate(input.date)) {
    throw invalidField('date', '日期无效：请按 YYYY-MM-DD 填写一个存在的日期。');
  }
  if (input.date > today) throw invalidField('date', `日期 ${input.date} 晚于今天：不能预先记录。`);
  const note = input.note?.trim() || null;
  const db = ctx.store.db;
  const env = await caseEnv(db, agencyId);

  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const loaded = await loadCase(t, agencyId, applicationId, env);
    const state = loaded.replayed.state;
    const date = input.date;
    let event: ApplicationEvent;
    let fee: { quantity: number; priorItems: number; fee: ProcessingFee } | undefined;
    switch (input.type) {
      case 'correction_requested':
        event = {
          type: input.type,
          date,
          correctBy: required(
            input.correctBy,
            'correctBy',
            '请填写补正期限（申请人最迟补正的日期）。',
          ),
        };
        required(input.note, 'note', '请写明需要申请人补正的内容（条例第三十条：一次性告知）。');
        break;
      case 'correction_received':
        event = {
          type: input.type,
          date,
          ...(input.text?.trim() ? { text: input.text.trim() } : {}),
          ...(input.lateReason?.trim() ? { lateReason: input.lateReason.trim() } : {}),
        };
        break;
      case 'consultation_started': {
        const party = required(input.party, 'party', '请选择征求意见的对象：第三方或其他机关。');
        const id = input.consultationId?.trim() || `C${state.consultations.length + 1}`;
        event = {
          type: input.type,
          date,
          consultationId: id,
          party,
          ...(input.name?.trim() ? { name: input.name.trim() } : {}),
        };
        break;
      }
      case 'consultation_answered':
      case 'consultation_lapsed': {
        const id =
          input.consultationId?.trim() ||
          state.consultations.find((c) => c.endedOn === null)?.id ||
          '';
        event = { type: input.type, date, consultationId: id };
        break;
      }
      case 'fee_notice_issued': {
        const method = required(input.method, 'method', '请选择收费方式：按件或按量。');
        const quote = await quoteFee(
          t,
          loaded.row,
          method,
          required(input.quantity, 'quantity', '请填写件数或页数。'),
        );
        if (quote.fee.totalFen === 0) {
          throw invalidField(
            'quantity',
            method === 'items'
              ? `按件计算，该申请人本月此前已有 ${quote.priorItems} 件，本次 ${input.quantity} 件仍在免费范围内（每月 10 件以内不收费），不能发出收费通知。`
              : `按量计算，${input.quantity} 页在免费范围内（30 页以内不收费），不能发出收费通知。`,
          );
        }
        fee = { quantity: input.quantity!, priorItems: quote.priorItems, fee: quote.fee };
        event = {
          type: input.type,
          date,
          method,
          amountFen: quote.fee.totalFen,
          deliveredOn: required(
            input.deliveredOn,
            'deliveredOn',
            '请填写申请人收到收费通知的日期。',
          ),
        };
        break;
      }
      case 'fee_waived':
        checkBackdating('fee_waived', date, today, note);
        await waiveFee(ctx, t, actor, loaded, env, input, today);
        return;
      case 'correction_lapsed':
        if (state.phase === 'correction_review') {
          required(
            input.note,
            'note',
            '不接受逾期补正的，请写明理由（为何不属于正当理由），不再处理告知书会载明。',
          );
        }
        event = { type: input.type, date };
        break;
      case 'withdrawn':
        event = { type: input.type, date, ...(note ? { reason: note } : {}) };
        break;
      default:
        event = { type: input.type, date } as ApplicationEvent;
    }
    // The state machine's reason first (a step out of order), then whether it may be backdated.
    const probe = applyEvent(state, event, env.calendar, env.settings.clock);
    if (!probe.ok) throw transitionError(probe.error);
    checkBackdating(event.type, date, today, note);
    await appendEvent(ctx, t, actor, loaded, env, event, note, fee ? { fee } : {});
  });
  return getApplication(ctx, actor, agencyId, applicationId);
}

/** 不收费: the agency decides not to charge (a configurable waiver with its reason). */
async function waiveFee(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  loaded: LoadedCase,
  env: CaseEnv,
  input: EventInput,
  today: string,
): Promise<void> {
  const probe = applyEvent(
    loaded.replayed.state,
    {
      type: 'fee_notice_issued',
      date: input.date,
      method: 'pages',
      amountFen: 1,
      deliveredOn: today,
    },
    env.calendar,
    env.settings.clock,
  );
  if (!probe.ok && probe.error.code === 'invalid_transition') throw transitionError(probe.error);
  const method = required(input.method, 'method', '请选择收费方式：按件或按量。');
  const reason = required(input.waivedReason, 'waivedReason', '请写明不收费的理由。').trim();
  const quote = await quoteFee(
    t,
    loaded.row,
    method,
    required(input.quantity, 'quantity', '请填写件数或页数。'),
  );
  const now = ctx.clock.now();
  const id = randomUUID();
  await repo.insertFee(t, {
    id,
    application_id: loaded.row.id,
    method,
    quantity: input.quantity!,
    prior_items: quote.priorItems,
    amount_fen: quote.fee.totalFen,
    bands_json: JSON.stringify(quote.fee.bands),
    status: 'waived',
    notice_on: null,
    delivered_on: null,
    pay_by: null,
    paid_on: null,
    lapsed_on: null,
    waived_reason: reason,
    created_at: now.toISOString(),
    created_by: actorLabel(actor),
    updated_at: now.toISOString(),
  });
  await recordChange(ctx, t, actor, now, {
    action: 'application.fee_waived',
    entityType: 'application',
    entityId: loaded.row.id,
    agencyId: loaded.row.agency_id,
    after: { feeId: id, method, quantity: input.quantity, amountFen: quote.fee.totalFen, reason },
  });
}
