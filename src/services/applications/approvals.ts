/**
 * Extensions and replies go through the agency's review chain (services/review/engine.ts): the
 * case's assigned clerk requests; each level approves in turn; the last approval records the
 * event (extension_approved or replied) dated that day, and the letter follows. A request the
 * state machine would refuse is refused when made (409). Three chains: extensions (条例第三十三条
 * requires one approval), replies that withhold anything (部分公开, 不予公开, 无法提供, 不予处理;
 * one level by default) and other replies (none by default).
 */
import type { ApplicationEvent } from '../../core/applications/events.js';
import { MAX_EXTENSION_WORKING_DAYS } from '../../core/applications/clock.js';
import { dueDateOfState } from '../../core/applications/due-date.js';
import { applyEvent } from '../../core/applications/state-machine.js';
import { AppError, forbidden, invalidField } from '../../core/errors.js';
import { OUTCOME_ROW_KEYS, type OutcomeRowKey } from '../../core/report/format.js';
import { renderLetterArticle } from '../../render/letters/documents.js';
import { extensionLetter, replyLetter } from '../../render/letters/templates.js';
import * as repo from '../../store/repositories/applications.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import { registerSubjectKind } from '../review/registry.js';
import {
  requestsOfSubject,
  submit,
  type ApprovalRecord,
  type ApprovalView,
  type ChainLevel,
  type SubjectKindDef,
} from '../review/engine.js';
import { appendEvent, caseEnv, getApplication, loadCase, type ApplicationDetail } from './cases.js';
import { letterCaseOf } from './letters.js';
import { outcomeLabel } from './model.js';
import { requireRemedy } from './settings.js';

export type ApprovalKind = 'extension' | 'reply';

export type ApprovalRequest =
  | { kind: 'extension'; workingDays: number; reason: string }
  | { kind: 'reply'; outcome: OutcomeRowKey; legalBasis: string; details?: string };

export type { ApprovalView };

export const APPLICATION_SUBJECT_KINDS = [
  'application.extension',
  'application.reply_withholding',
  'application.reply',
] as const;
export type ApplicationSubjectKind = (typeof APPLICATION_SUBJECT_KINDS)[number];

/** The outcome groups that withhold something from the applicant (条例第三十六条第（三）至（七）项等). */
const WITHHOLDING_GROUPS = ['partially_disclosed', 'withheld', 'unable', 'not_processed'];

export const withholds = (outcome: OutcomeRowKey): boolean =>
  WITHHOLDING_GROUPS.includes(outcome.split('.')[0]!);

export function subjectKindOf(payload: ApprovalRequest): ApplicationSubjectKind {
  if (payload.kind === 'extension') return 'application.extension';
  return withholds(payload.outcome) ? 'application.reply_withholding' : 'application.reply';
}

function summaryOf(payload: ApprovalRequest): string {
  return payload.kind === 'extension'
    ? `延长答复期限 ${payload.workingDays} 个工作日：${payload.reason}`
    : `答复：${outcomeLabel(payload.outcome)}；法律依据：${payload.legalBasis}`;
}

function eventOf(payload: ApprovalRequest, date: string): ApplicationEvent {
  return payload.kind === 'extension'
    ? {
        type: 'extension_approved',
        date,
        workingDays: payload.workingDays,
        reason: payload.reason,
      }
    : { type: 'replied', date, outcome: payload.outcome, legalBasis: payload.legalBasis };
}

const noteOf = (payload: ApprovalRequest): string | null =>
  payload.kind === 'reply' ? payload.details?.trim() || null : payload.reason.trim() || null;

function checkRequest(payload: ApprovalRequest): ApprovalRequest {
  if (payload.kind === 'extension') {
    if (!Number.isInteger(payload.workingDays) || payload.workingDays < 1) {
      throw invalidField('workingDays', '延长的工作日数应为 1 至 20 之间的整数。');
    }
    if (payload.workingDays > MAX_EXTENSION_WORKING_DAYS) {
      throw new AppError(
        'invalid_transition',
        `延长 ${payload.workingDays} 个工作日超过了上限：条例第三十三条规定延长的期限最长不得超过 20 个工作日。`,
        { field: 'workingDays', reason: 'extension_too_long' },
      );
    }
    const reason = payload.reason?.trim() ?? '';
    if (!reason) throw invalidField('reason', '请写明需要延长答复期限的理由，告知书会载明。');
    return { kind: 'extension', workingDays: payload.workingDays, reason };
  }
  if (!OUTCOME_ROW_KEYS.includes(payload.outcome)) {
    throw invalidField('outcome', '请从年度报告表三的办理结果类别中选择一项。');
  }
  const legalBasis = payload.legalBasis?.trim() ?? '';
  if (!legalBasis) {
    throw invalidField('legalBasis', '请填写答复的法律依据（如 条例第三十六条第（二）项）。');
  }
  return {
    kind: 'reply',
    outcome: payload.outcome,
    legalBasis,
    ...(payload.details?.trim() ? { details: payload.details.trim() } : {}),
  };
}

/** Only the case's assigned clerk replies or asks for more time; an admin reassigns first. */
async function requireAssignedClerk(
  actor: Extract<Actor, { kind: 'user' }>,
  row: repo.ApplicationRow,
  db: Parameters<typeof repo.userNames>[0],
): Promise<void> {
  if (row.assigned_user_id === actor.principal.userId) return;
  if (!row.assigned_user_id) {
    throw forbidden(
      '本申请尚未分派经办人：请先在“经办人”处接手本申请（或由机关管理员分派），再提请答复或延期。',
    );
  }
  const name = (await repo.userNames(db, [row.assigned_user_id])).get(row.assigned_user_id);
  throw forbidden(
    `本申请由${name ?? '其他经办人'}经办，只有经办人可以提请答复或延期。如需接手，请由机关管理员改派（改派会记入办理记录）。`,
  );
}

/**
 * The clerk asks for an extension or a reply. With no review level configured for it, the
 * event is recorded at once; otherwise a request waits for the first level.
 */
export async function requestApproval(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
  input: ApprovalRequest,
): Promise<ApplicationDetail> {
  const payload = checkRequest(input);
  const env = await caseEnv(ctx.store.db, agencyId);
  const today = shanghaiDate(ctx.clock.now());
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const loaded = await loadCase(t, agencyId, applicationId, env);
    await requireAssignedClerk(actor, loaded.row, t);
    const event = eventOf(payload, today);
    const probe = applyEvent(loaded.replayed.state, event, env.calendar, env.settings.clock);
    if (!probe.ok) {
      const { code, message, reason, year } = probe.error;
      throw new AppError(code, message, { reason, ...(year === undefined ? {} : { year }) });
    }
    if (payload.kind === 'reply') requireRemedy(env.settings);
    // One pending request of each sort (extension, reply) per case, whichever chain it took.
    const sameSort = APPLICATION_SUBJECT_KINDS.filter((k) =>
      payload.kind === 'extension' ? k === 'application.extension' : k !== 'application.extension',
    );
    const pending = (await requestsOfSubject(t, actor, agencyId, sameSort, applicationId)).find(
      (a) => a.status === 'pending',
    );
    if (pending) {
      throw new AppError(
        'conflict',
        `已有一份待审批的“${pending.kindLabel}”（${pending.requestedAt.slice(0, 10)} 提交）：请等待审批，或先撤回它。`,
        { reason: 'approval_pending', approvalId: pending.id },
      );
    }
    const id = await submit(ctx, t, actor, {
      agencyId,
      kind: subjectKindOf(payload),
      subjectId: applicationId,
      payload,
      note: noteOf(payload),
    });
    if (id === null) await appendEvent(ctx, t, actor, loaded, env, event, noteOf(payload));
  });
  return getApplication(ctx, actor, agencyId, applicationId);
}

/** The approvals of one case, oldest first. */
export async function approvalsOfApplication(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  applicationId: string,
): Promise<ApprovalView[]> {
  // Another agency's application is not found here, not an empty list.
  if (!(await repo.findApplicationOfAgency(ctx.store.db, agencyId, applicationId))) {
    throw new AppError('not_found', '申请不存在，或您无权查看。');
  }
  return requestsOfSubject(ctx.store.db, actor, agencyId, APPLICATION_SUBJECT_KINDS, applicationId);
}

// --- the kinds ---------------------------------------------------------------------------------

async function applicationLabels(
  db: Parameters<typeof repo.listApplicationsByIds>[0],
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await repo.listApplicationsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, `申请 ${r.number}（${r.applicant_name}）`]));
}

/** The letter as the applicant will get it, the case's timeline and the reasons. */
async function previewOf(
  ctx: ServiceContext,
  actor: Actor,
  request: ApprovalRecord<ApprovalRequest>,
) {
  const db = ctx.store.db;
  const env = await caseEnv(db, request.agencyId);
  const loaded = await loadCase(db, request.agencyId, request.subjectId, env);
  const detail = await getApplication(ctx, actor, request.agencyId, request.subjectId);
  const agency = await getAgency(db, request.agencyId);
  const today = shanghaiDate(ctx.clock.now());
  const payload = request.payload;
  const c = letterCaseOf(loaded.row, loaded.replayed.state);
  let letter;
  if (payload.kind === 'reply') {
    letter = replyLetter({
      agency,
      case: c,
      issuedOn: today,
      outcome: payload.outcome,
      legalBasis: payload.legalBasis,
      details: payload.details ?? null,
      reviewBody: env.settings.effectiveReviewBody,
      court: env.settings.court,
    });
  } else {
    const applied = applyEvent(
      loaded.replayed.state,
      eventOf(payload, today),
      env.calendar,
      env.settings.clock,
    );
    const newDueOn = applied.ok ? dueDateOfState(applied.state, env.calendar).dueOn : null;
    letter = extensionLetter({
      agency,
      case: c,
      issuedOn: today,
      workingDays: payload.workingDays,
      newDueOn: newDueOn ?? today,
      reason: payload.reason,
    });
  }
  return {
    document: {
      title: `${letter.title}（草稿，审批通过后以通过之日出具）`,
      html: renderLetterArticle(letter),
    },
    timeline: detail.events.map((e) => ({
      date: e.date,
      label: e.label,
      detail: [...e.details, ...(e.note ? [e.note] : [])].join('；') || null,
    })),
    reasons:
      payload.kind === 'reply'
        ? [
            { label: '办理结果', text: outcomeLabel(payload.outcome) },
            { label: '理由', text: payload.details ?? '（未填写）' },
            { label: '法律依据', text: payload.legalBasis },
          ]
        : [
            { label: '延长', text: `${payload.workingDays} 个工作日` },
            { label: '理由', text: payload.reason },
          ],
  };
}

async function onApproved(
  ctx: ServiceContext,
  t: Parameters<SubjectKindDef['onApproved']>[1],
  actor: Actor,
  request: ApprovalRecord<ApprovalRequest>,
): Promise<void> {
  const env = await caseEnv(t, request.agencyId);
  const loaded = await loadCase(t, request.agencyId, request.subjectId, env);
  if (actor.kind !== 'user') throw forbidden();
  await appendEvent(
    ctx,
    t,
    actor,
    loaded,
    env,
    eventOf(request.payload, shanghaiDate(ctx.clock.now())),
    request.note,
  );
}

const section: ChainLevel = { role: 'reviewer', reviewLevel: 'section_head' };

const common = {
  auditPrefix: 'application',
  entityType: 'application',
  lockKey: (id: string) => `application:${id}`,
  summary: summaryOf,
  subjectLabels: applicationLabels,
  applicationIdOf: (r: ApprovalRecord<ApprovalRequest>) => r.subjectId,
  onApproved,
  preview: previewOf,
};

registerSubjectKind<ApprovalRequest>({
  ...common,
  kind: 'application.extension',
  label: '延长答复期限',
  defaultLevels: [section],
  minLevels: 1,
  minLevelsReason:
    '延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条），请至少选择一个审核层级。',
});
registerSubjectKind<ApprovalRequest>({
  ...common,
  kind: 'application.reply_withholding',
  label: '答复（部分公开、不予公开、无法提供、不予处理）',
  defaultLevels: [section],
});
registerSubjectKind<ApprovalRequest>({
  ...common,
  kind: 'application.reply',
  label: '答复（予以公开及其他）',
  defaultLevels: [],
});
