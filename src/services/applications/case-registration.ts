/** Registering an application (by staff, for a letter, fax, visit…) and submitting one on the portal. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApplicationEvent, ReceiptChannel } from '../../core/applications/events.js';
import { AppError, invalidField } from '../../core/errors.js';
import { maskIdNumber, maskPhone } from '../../core/identity/identity-numbers.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import type { ApplicationRow } from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { secretBoxOf } from '../secrets.js';
import { payloadOf } from './events.js';
import {
  applicantKey,
  channelLabel,
  checkApplicationInput,
  checkReceipt,
  derivedQueryCode,
  formatQueryCode,
  queryCodeHash,
  type ApplicationInput,
  type CheckedApplication,
  type FieldProblem,
  type StaffApplicationInput,
} from './model.js';
import { clerksOf, notify } from './notifications.js';
import { getSettings } from './settings.js';
import { type ApplicationSummary, NO_CLOCK, summaryOf } from './case-views.js';

// --- registration ------------------------------------------------------------------------------

export interface Registered {
  application: ApplicationSummary;
  /** Shown once: only its hash is kept. */
  queryCode: string;
  /** True when this was a repeat of an earlier submission with the same idempotency key. */
  duplicate: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function invalidInput(problems: FieldProblem[]): AppError {
  const first = problems[0]!;
  return new AppError('validation_failed', first.message, { field: first.field, problems });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || (e.code ?? '').startsWith('SQLITE_CONSTRAINT');
}

interface NewCase {
  checked: CheckedApplication;
  channel: ReceiptChannel;
  receivedOn: string;
  assignedUserId: string | null;
  idempotencyKey: string | null;
}

async function insertCase(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  agencyId: string,
  input: NewCase,
): Promise<Registered> {
  const { checked } = input;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const keyHash = input.idempotencyKey ? sha256(`${agencyId}:${input.idempotencyKey}`) : null;
  const fingerprint = sha256(
    JSON.stringify([checked, input.channel, input.receivedOn, input.assignedUserId]),
  );
  // Numbers are given one at a time per agency; SQLite has one writer anyway.
  await ctx.store.lock(t, `application.number:${agencyId}`);
  if (keyHash) {
    const existing = await repo.findByIdempotencyKey(t, agencyId, keyHash);
    if (existing) return repeatOf(ctx, existing, fingerprint, agencyId, input.idempotencyKey!);
  }
  const year = Number(shanghaiDate(now).slice(0, 4));
  const seq = (await repo.lastNumberSeq(t, agencyId, year)) + 1;
  const id = randomUUID();
  const number = `${year}-${String(seq).padStart(5, '0')}`;
  const queryCode = input.idempotencyKey
    ? derivedQueryCode(ctx.secretKey, agencyId, input.idempotencyKey)
    : formatQueryCode(randomBytes(10));
  const box = secretBoxOf(ctx);
  const row: ApplicationRow = {
    id,
    agency_id: agencyId,
    number,
    number_year: year,
    number_seq: seq,
    query_code_hash: queryCodeHash(ctx.secretKey, id, queryCode),
    channel: input.channel,
    received_on: input.receivedOn,
    applicant_type: checked.applicantType,
    applicant_kind: checked.applicantKind,
    applicant_name: checked.name,
    applicant_key: applicantKey(ctx.secretKey, checked.idType, checked.idNumber),
    id_type: checked.idType,
    id_number_sealed: box.encrypt(checked.idNumber),
    id_number_masked: maskIdNumber(checked.idNumber),
    legal_representative: checked.legalRepresentative,
    phone_sealed: box.encrypt(checked.phone),
    phone_masked: maskPhone(checked.phone),
    address_sealed: checked.address ? box.encrypt(checked.address) : null,
    email_sealed: checked.email ? box.encrypt(checked.email) : null,
    description: checked.description,
    form_wanted: checked.formWanted,
    delivery_method: checked.deliveryMethod,
    item_count: 1,
    assigned_user_id: input.assignedUserId,
    status: 'processing',
    outcome: null,
    outcome_on: null,
    legal_basis: null,
    event_count: 1,
    idempotency_key: keyHash,
    submission_sha256: fingerprint,
    created_at: at,
    created_by: actorLabel(actor),
    updated_at: at,
  };
  await repo.insertApplication(t, row);
  // The case keeps the clock settings in effect today; a later change applies to new cases.
  const { clock } = await getSettings(t, agencyId);
  const received: ApplicationEvent = {
    type: 'received',
    date: input.receivedOn,
    channel: input.channel,
    clock,
  };
  await repo.insertEvent(t, {
    application_id: id,
    seq: 1,
    type: received.type,
    date: received.date,
    payload_json: payloadOf(received),
    note: null,
    actor_user_id: actor.kind === 'user' ? actor.principal.userId : null,
    actor: actorLabel(actor),
    at,
  });
  await recordChange(ctx, t, actor, now, {
    action: 'application.register',
    entityType: 'application',
    entityId: id,
    agencyId,
    // Personal data stays out of the audit trail: masked forms only.
    after: {
      number,
      channel: input.channel,
      receivedOn: input.receivedOn,
      applicantType: checked.applicantType,
      applicantKind: checked.applicantKind,
      applicantName: checked.name,
      idNumber: row.id_number_masked,
      assignedUserId: input.assignedUserId,
    },
  });
  const who = `${checked.name}（${channelLabel(input.channel)}，${input.receivedOn} 收到）`;
  if (input.assignedUserId) {
    if (actor.kind !== 'user' || actor.principal.userId !== input.assignedUserId) {
      await notify(t, [input.assignedUserId], now, {
        agencyId,
        applicationId: id,
        kind: 'new_case',
        message: `新申请 ${number}：${who}，已分派给您办理。`,
      });
    }
  } else {
    await notify(t, await clerksOf(t, agencyId), now, {
      agencyId,
      applicationId: id,
      kind: 'new_case',
      message: `新申请 ${number}：${who}，尚未分派经办人。`,
    });
  }
  return {
    application: summaryOf(row, new Map(), NO_CLOCK),
    queryCode,
    duplicate: false,
  };
}

function repeatOf(
  ctx: ServiceContext,
  existing: ApplicationRow,
  fingerprint: string,
  agencyId: string,
  idempotencyKey: string,
): Registered {
  if (existing.submission_sha256 !== fingerprint) {
    throw new AppError(
      'duplicate_submission',
      `这份表单已于 ${existing.created_at.slice(0, 10)} 提交过（申请编号 ${existing.number}），本次提交的内容与之不同：如需再提出一份申请，请重新打开申请表填写。`,
      { number: existing.number },
    );
  }
  return {
    application: summaryOf(existing, new Map(), NO_CLOCK),
    queryCode: derivedQueryCode(ctx.secretKey, agencyId, idempotencyKey),
    duplicate: true,
  };
}

async function createCase(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: NewCase,
): Promise<Registered> {
  try {
    return await ctx.store.transaction((t) => insertCase(ctx, t, actor, agencyId, input));
  } catch (error) {
    // Two submissions of one form racing on another node: the loser returns the winner's.
    if (input.idempotencyKey && isUniqueViolation(error)) {
      return ctx.store.transaction((t) => insertCase(ctx, t, actor, agencyId, input));
    }
    throw error;
  }
}

export async function checkAssignee(db: Db, agencyId: string, userId: string): Promise<void> {
  const clerks = await clerksOf(db, agencyId);
  if (!clerks.includes(userId)) {
    throw invalidField('assignedUserId', '只能分派给本机关的经办人。');
  }
}

/** Staff register an application that came by letter, in person, fax or e-mail (条例第三十一条). */
export async function registerApplication(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  input: StaffApplicationInput,
): Promise<Registered> {
  const today = shanghaiDate(ctx.clock.now());
  const { value, problems } = checkApplicationInput(input, today);
  const all = [...checkReceipt(input.channel, input.receivedOn, today), ...problems];
  if (!value || all.length > 0) throw invalidInput(all);
  let assignedUserId: string | null = input.assignedUserId ?? null;
  if (input.assignedUserId === undefined) {
    const clerks = await clerksOf(ctx.store.db, agencyId);
    assignedUserId = clerks.includes(actor.principal.userId) ? actor.principal.userId : null;
  } else if (assignedUserId) await checkAssignee(ctx.store.db, agencyId, assignedUserId);
  return createCase(ctx, actor, agencyId, {
    checked: value,
    channel: input.channel,
    receivedOn: input.receivedOn,
    assignedUserId,
    idempotencyKey: input.idempotencyKey?.trim() || null,
  });
}

/**
 * An application submitted on the portal. Received the day it is submitted: the system
 * confirms receipt at once with the acknowledgement (条例第三十一条, 互联网渠道).
 */
export async function submitPortalApplication(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: ApplicationInput,
): Promise<{ ok: true; registered: Registered } | { ok: false; problems: FieldProblem[] }> {
  const today = shanghaiDate(ctx.clock.now());
  const { value, problems } = checkApplicationInput(input, today);
  if (!value) return { ok: false, problems };
  const applicant: Actor = {
    ...actor,
    kind: 'anonymous',
    label: `网上申请（${actorLabel(actor)}）`,
  };
  const registered = await createCase(ctx, applicant, agencyId, {
    checked: value,
    channel: 'online',
    receivedOn: today,
    assignedUserId: null,
    idempotencyKey: input.idempotencyKey?.trim() || null,
  });
  return { ok: true, registered };
}
