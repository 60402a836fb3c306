/**
 * Appending an event to a case (see ./case-events.ts for recording one): checked by the core's
 * state machine, with the case's projections, fee record, letter and audit record.
 */
import { randomUUID } from 'node:crypto';
import type { ApplicationEvent, ApplicationState } from '../../core/applications/events.js';
import { applyEvent } from '../../core/applications/state-machine.js';
import { AppError } from '../../core/errors.js';
import type { ProcessingFee } from '../../core/fees/processing-fee.js';
import type { Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { REMEDY_EVENTS } from './case-detail.js';
import type { CaseEnv, LoadedCase } from './case-views.js';
import { payloadOf } from './events.js';
import { issueLetter } from './letters.js';
import { requireRemedy } from './settings.js';

export function transitionError(error: {
  code: AppError['code'];
  reason: string;
  message: string;
  year?: number;
}): AppError {
  return new AppError(error.code, error.message, {
    reason: error.reason,
    ...(error.year === undefined ? {} : { year: error.year }),
  });
}

/**
 * Appends an event the state machine accepts, inside the caller's transaction: the event row,
 * the case's projections (status, outcome), its letter, fee record and notifications, and the
 * audit record. Returns the new state.
 */
export async function appendEvent(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  loaded: LoadedCase,
  env: CaseEnv,
  event: ApplicationEvent,
  note: string | null,
  extras: { fee?: { quantity: number; priorItems: number; fee: ProcessingFee } } = {},
): Promise<ApplicationState> {
  const { row, replayed } = loaded;
  if (replayed.problem) {
    throw new AppError(
      'conflict',
      `本申请的办理记录在当前设置下不再成立（第 ${replayed.problem.index + 1} 步：${replayed.problem.message}），请联系机关管理员核对节假日安排和答复期限设置。`,
    );
  }
  const result = applyEvent(replayed.state, event, env.calendar, env.settings.clock);
  if (!result.ok) throw transitionError(result.error);
  if (REMEDY_EVENTS.includes(event.type)) requireRemedy(env.settings);
  const state = result.state;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const seq = loaded.eventRows.length + 1;
  const stored: ApplicationEvent = {
    ...event,
    ...(actor.kind === 'user' ? { by: actor.principal.userId } : {}),
  };
  await repo.insertEvent(t, {
    application_id: row.id,
    seq,
    type: event.type,
    date: event.date,
    payload_json: payloadOf(stored),
    note,
    actor_user_id: actor.kind === 'user' ? actor.principal.userId : null,
    actor: actorLabel(actor),
    at,
  });
  await repo.updateApplication(t, row.id, {
    status: state.phase,
    outcome: state.outcome,
    outcome_on: state.outcomeOn,
    legal_basis: state.reply?.legalBasis ?? null,
    event_count: seq,
    updated_at: at,
    ...(extras.fee && event.type === 'fee_notice_issued' && event.method === 'items'
      ? { item_count: extras.fee.quantity }
      : {}),
  });

  if (event.type === 'fee_notice_issued' && extras.fee && state.fee) {
    await repo.insertFee(t, {
      id: randomUUID(),
      application_id: row.id,
      method: event.method,
      quantity: extras.fee.quantity,
      prior_items: extras.fee.priorItems,
      amount_fen: event.amountFen,
      bands_json: JSON.stringify(extras.fee.fee.bands),
      status: 'notified',
      notice_on: event.date,
      delivered_on: event.deliveredOn,
      pay_by: state.fee.payBy,
      paid_on: null,
      lapsed_on: null,
      waived_reason: null,
      created_at: at,
      created_by: actorLabel(actor),
      updated_at: at,
    });
  }
  if (event.type === 'fee_paid' || event.type === 'fee_lapsed') {
    const notified = (await repo.listFees(t, row.id)).find((f) => f.status === 'notified');
    if (notified) {
      await repo.updateFee(t, notified.id, {
        status: event.type === 'fee_paid' ? 'paid' : 'lapsed',
        ...(event.type === 'fee_paid' ? { paid_on: event.date } : { lapsed_on: event.date }),
        updated_at: at,
      });
    }
  }

  await issueLetter(ctx, t, actor, {
    row,
    state,
    event,
    seq,
    note,
    env,
    ...(extras.fee ? { fee: extras.fee } : {}),
  });

  await recordChange(ctx, t, actor, now, {
    action: `application.event.${event.type}`,
    entityType: 'application',
    entityId: row.id,
    agencyId: row.agency_id,
    before: { status: replayed.state.phase, outcome: replayed.state.outcome },
    after: { seq, event: stored, note, status: state.phase, outcome: state.outcome },
  });
  return state;
}
