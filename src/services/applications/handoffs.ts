/**
 * 签收 → 转办 → 协办, and 转送 to another agency: steps of the case recorded through the same
 * path as every other (the core's state machine, the event list, the audit trail, the letter a
 * step calls for). They are the agency's own acts, dated the day they are recorded, and none of
 * them changes the receipt date or the reply period.
 */
import type { HandoffEvent } from '../../core/applications/events.js';
import { AppError, invalidField } from '../../core/errors.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { appendEvent, caseEnv, getApplication, loadCase, type ApplicationDetail } from './cases.js';
import { unitOf } from './units.js';

export interface HandoffInput {
  type: HandoffEvent['type'];
  /** 签收、转办、协办: the unit. */
  unitId?: string;
  /** 协办: the assisting unit's due date. */
  dueOn?: string;
  /** 协办完成: which assist. */
  assistId?: string;
  /** 转送: the agency responsible, and its contact as the letter gives it. */
  agencyName?: string;
  contact?: string;
  note?: string;
}

/** The fields each hand-off takes, named as the form labels them (for errors). */
const FIELDS: Record<HandoffInput['type'], Partial<Record<keyof HandoffInput, string>>> = {
  signed_for: { unitId: '签收科室', note: '备注' },
  transferred: { unitId: '承办科室', note: '备注' },
  assist_requested: { unitId: '协办科室', dueOn: '协办期限', note: '协办事项' },
  assist_completed: { assistId: '协办', note: '协办意见' },
  forwarded: { agencyName: '负责公开的机关', contact: '该机关的联系方式', note: '说明' },
};

const FIELD_OF_REASON: Record<string, keyof HandoffInput> = {
  unit_missing: 'unitId',
  not_holding_unit: 'unitId',
  same_unit: 'unitId',
  assist_own_unit: 'unitId',
  assist_open: 'unitId',
  invalid_due: 'dueOn',
  due_before_request: 'dueOn',
  due_after_main: 'dueOn',
  no_open_assist: 'assistId',
  agency_missing: 'agencyName',
};

const LABELS: Record<HandoffInput['type'], string> = {
  signed_for: '签收',
  transferred: '转办',
  assist_requested: '协办',
  assist_completed: '协办完成',
  forwarded: '转送',
};

export async function recordHandoff(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
  input: HandoffInput,
): Promise<ApplicationDetail> {
  const fields = FIELDS[input.type];
  for (const key of Object.keys(input) as (keyof HandoffInput)[]) {
    if (key !== 'type' && input[key] !== undefined && !(key in fields)) {
      throw invalidField(key, `“${LABELS[input.type]}”不需要填写这一项。`);
    }
  }
  const need = (key: keyof HandoffInput): string => {
    const value = input[key]?.trim();
    if (!value) throw invalidField(key, `请填写“${fields[key] ?? key}”。`);
    return value;
  };
  const date = shanghaiDate(ctx.clock.now());
  const note = input.note?.trim() || null;
  const db = ctx.store.db;
  const env = await caseEnv(db, agencyId);
  const unit = fields.unitId ? await unitOf(db, agencyId, need('unitId')) : null;

  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const loaded = await loadCase(t, agencyId, applicationId, env);
    let event: HandoffEvent;
    switch (input.type) {
      case 'signed_for':
      case 'transferred':
        event = { type: input.type, date, unitId: unit!.id, unitName: unit!.name };
        break;
      case 'assist_requested': {
        const dueOn = need('dueOn');
        const n = loaded.replayed.state.handling.assists.length + 1;
        event = {
          type: input.type,
          date,
          assistId: `A${n}`,
          unitId: unit!.id,
          unitName: unit!.name,
          dueOn,
        };
        break;
      }
      case 'assist_completed':
        event = { type: input.type, date, assistId: need('assistId') };
        break;
      case 'forwarded':
        event = {
          type: input.type,
          date,
          agencyName: need('agencyName'),
          ...(input.contact?.trim() ? { contact: input.contact.trim() } : {}),
        };
        break;
    }
    try {
      await appendEvent(ctx, t, actor, loaded, env, event, note);
    } catch (e) {
      // The core's reason names the field at fault: the form shows the message beside it.
      const field = e instanceof AppError ? FIELD_OF_REASON[String(e.details.reason)] : undefined;
      if (e instanceof AppError && field) {
        throw new AppError(e.code, e.message, { ...e.details, field });
      }
      throw e;
    }
  });
  return getApplication(ctx, actor, agencyId, applicationId);
}
