/**
 * The applicant's side, on the portal: find the application by its number and query code,
 * see where it stands and what is asked of them, answer a correction request, read the letters.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dueDateOfState } from '../../core/applications/due-date.js';
import { APPLICATION_EVENT_LABELS, INTERNAL_EVENTS } from '../../core/applications/events.js';
import { AppError, notFound } from '../../core/errors.js';
import { formatYuan } from '../../core/fees/processing-fee.js';
import * as repo from '../../store/repositories/applications.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import { appendEvent, caseEnv, loadCase } from './cases.js';
import { listLetterViews, type LetterView } from './letters.js';
import { normaliseQueryCode, outcomeLabel, phaseLabel, queryCodeHash } from './model.js';
import { clerksOf, notify } from './notifications.js';

const FOLLOW_TTL_SECONDS = 2 * 3600;

/** The application with this number whose query code matches, or null. */
export async function findByNumberAndCode(
  ctx: ServiceContext,
  number: string,
  code: string,
): Promise<repo.ApplicationRow | null> {
  const trimmed = number.trim();
  if (!/^\d{4}-\d{1,9}$/.test(trimmed) || normaliseQueryCode(code).length !== 10) return null;
  const candidates = await repo.findByNumber(ctx.store.db, trimmed);
  for (const row of candidates) {
    const expected = Buffer.from(row.query_code_hash, 'hex');
    const given = Buffer.from(queryCodeHash(ctx.secretKey, row.id, code), 'hex');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return row;
  }
  return null;
}

/** A short-lived token that lets the browser that gave the right code keep following the case. */
export function followToken(ctx: ServiceContext, applicationId: string): string {
  const expires = Math.floor(ctx.clock.now().getTime() / 1000) + FOLLOW_TTL_SECONDS;
  const mac = createHmac('sha256', ctx.secretKey)
    .update(`follow:${applicationId}:${expires}`)
    .digest('base64url');
  return `${applicationId}.${expires}.${mac}`;
}

export function applicationOfFollowToken(
  ctx: ServiceContext,
  token: string | undefined,
): string | null {
  if (!token) return null;
  const [id, expires, mac] = token.split('.');
  if (!id || !expires || !mac || !/^\d+$/.test(expires)) return null;
  if (Number(expires) < ctx.clock.now().getTime() / 1000) return null;
  const expected = createHmac('sha256', ctx.secretKey)
    .update(`follow:${id}:${expires}`)
    .digest('base64url');
  const a = Buffer.from(mac);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b) ? id : null;
}

export interface FollowView {
  id: string;
  number: string;
  agencyId: string;
  agencyName: string;
  agencyPhone: string;
  applicantName: string;
  receivedOn: string;
  description: string;
  statusLabel: string;
  outcomeLabel: string | null;
  /** The reply due date while the clock runs. */
  dueOn: string | null;
  /** 暂定: counted over a year whose State Council holiday notice is not out yet. */
  dueProvisional: boolean;
  /** What the applicant is asked to do now. */
  asked:
    | {
        kind: 'correction';
        requestedOn: string;
        correctBy: string;
        request: string;
        overdue: boolean;
      }
    | { kind: 'correction_review'; submittedOn: string; correctBy: string }
    | { kind: 'fee'; amountYuan: string; payBy: string }
    | null;
  steps: { label: string; date: string }[];
  letters: LetterView[];
}

export async function followView(ctx: ServiceContext, applicationId: string): Promise<FollowView> {
  const db = ctx.store.db;
  const row = await repo.findApplication(db, applicationId);
  if (!row) throw notFound('申请');
  const env = await caseEnv(db, row.agency_id);
  const loaded = await loadCase(db, row.agency_id, row.id, env);
  const state = loaded.replayed.state;
  const agency = await getAgency(db, row.agency_id);
  const today = shanghaiDate(ctx.clock.now());
  let dueOn: string | null = null;
  let dueProvisional = false;
  try {
    if (['processing', 'consulting', 'awaiting_fee'].includes(state.phase)) {
      const due = dueDateOfState(state, env.calendar);
      dueOn = due.dueOn;
      dueProvisional = due.provisionalYears.length > 0;
    }
  } catch {
    dueOn = null;
  }
  let asked: FollowView['asked'] = null;
  if (state.phase === 'awaiting_correction' && state.correction) {
    const request = loaded.eventRows.filter((e) => e.type === 'correction_requested').at(-1);
    asked = {
      kind: 'correction',
      requestedOn: state.correction.requestedOn,
      correctBy: state.correction.correctBy,
      request: request?.note ?? '',
      overdue: today > state.correction.correctBy,
    };
  } else if (state.phase === 'correction_review' && state.correction?.lateSubmission) {
    asked = {
      kind: 'correction_review',
      submittedOn: state.correction.lateSubmission.on,
      correctBy: state.correction.correctBy,
    };
  } else if (state.phase === 'awaiting_fee' && state.fee) {
    asked = { kind: 'fee', amountYuan: formatYuan(state.fee.amountFen), payBy: state.fee.payBy };
  }
  return {
    id: row.id,
    number: row.number,
    agencyId: row.agency_id,
    agencyName: agency.name,
    agencyPhone: agency.phone,
    applicantName: row.applicant_name,
    receivedOn: row.received_on,
    description: row.description,
    statusLabel: phaseLabel(row.status),
    outcomeLabel: row.outcome ? outcomeLabel(row.outcome) : null,
    dueOn,
    dueProvisional,
    asked,
    // Hand-offs inside the agency are not the applicant's business; the letter to a consulted
    // third party is addressed to it (and names it), not to the applicant.
    steps: loaded.events
      .filter((e) => !INTERNAL_EVENTS.includes(e.type))
      .map((e) => ({ label: APPLICATION_EVENT_LABELS[e.type], date: e.date })),
    letters: (await listLetterViews(db, row.agency_id, row.id)).filter(
      (l) => l.kind !== 'consultation',
    ),
  };
}

/**
 * The applicant sends the corrected application through the portal. In time, it is received
 * today and the reply period restarts (条例第三十条). After the period set, whether there is
 * 正当理由 is for the agency to judge: it is recorded as submitted late, with what the applicant
 * says about the delay, and waits for the clerk to accept it or not. Returns which it was.
 */
export async function submitCorrection(
  ctx: ServiceContext,
  applicationId: string,
  input: { text: string; explanation?: string },
  requestId?: string,
): Promise<'received' | 'submitted_late'> {
  const text = input.text.trim();
  if (!text) {
    throw new AppError('validation_failed', '请填写补正的内容。', { field: 'text' });
  }
  if (text.length > 5000) {
    throw new AppError('validation_failed', '补正内容过长：最多 5000 个字。', { field: 'text' });
  }
  const db = ctx.store.db;
  const row = await repo.findApplication(db, applicationId);
  if (!row) throw notFound('申请');
  const actor: Actor = {
    kind: 'anonymous',
    label: `申请人 ${row.applicant_name}（网上补正）`,
    ...(requestId ? { requestId } : {}),
  };
  const env = await caseEnv(db, row.agency_id);
  const today = shanghaiDate(ctx.clock.now());
  const explanation = input.explanation?.trim().slice(0, 2000);
  return ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const loaded = await loadCase(t, row.agency_id, applicationId, env);
    const correction = loaded.replayed.state.correction;
    const late =
      loaded.replayed.state.phase === 'correction_review' ||
      (correction !== null && correction.receivedOn === null && today > correction.correctBy);
    await appendEvent(
      ctx,
      t,
      actor,
      loaded,
      env,
      late
        ? {
            type: 'correction_submitted_late',
            date: today,
            text,
            ...(explanation ? { explanation } : {}),
          }
        : { type: 'correction_received', date: today, text },
      null,
    );
    const to = row.assigned_user_id ? [row.assigned_user_id] : await clerksOf(t, row.agency_id);
    await notify(t, to, ctx.clock.now(), {
      agencyId: row.agency_id,
      applicationId,
      kind: 'applicant_correction',
      message: late
        ? `申请 ${row.number}（${row.applicant_name}）的申请人在补正期限（${correction?.correctBy}）届满后于今天（${today}）逾期提交了补正：请审查是否有正当理由，决定接受（答复期限自 ${today} 起重新计算）或不接受（按逾期未补正办结）。`
        : `申请 ${row.number}（${row.applicant_name}）的申请人已在网上提交补正，答复期限自今天（${today}）起重新计算。`,
    });
    return late ? 'submitted_late' : 'received';
  });
}
