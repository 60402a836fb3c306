/**
 * Administrative reviews and lawsuits about an application (table 四): filed date, the review
 * body or court, the result (upheld / corrected / other / pending), and for a lawsuit whether
 * it followed a review.
 */
import { randomUUID } from 'node:crypto';
import { appealGroupOf } from '../../core/applications/statistics.js';
import { isCalendarDate } from '../../core/calendar/date.js';
import { invalidField, notFound } from '../../core/errors.js';
import { APPEAL_COLUMNS, APPEAL_GROUPS, type AppealOutcomeKey } from '../../core/report/format.js';
import * as repo from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';

export interface AppealInput {
  applicationId: string;
  kind: 'review' | 'lawsuit';
  afterReview?: boolean;
  filedOn: string;
  body: string;
  caseNumber?: string | null;
  outcome: AppealOutcomeKey;
  decidedOn?: string | null;
  note?: string | null;
}

export interface Appeal {
  id: string;
  applicationId: string;
  applicationNumber: string;
  applicantName: string;
  kind: 'review' | 'lawsuit';
  kindLabel: string;
  afterReview: boolean;
  /** The table 四 row it counts in. */
  group: string;
  groupLabel: string;
  filedOn: string;
  body: string;
  caseNumber: string | null;
  outcome: AppealOutcomeKey;
  outcomeLabel: string;
  decidedOn: string | null;
  note: string | null;
  createdBy: string;
  updatedAt: string;
}

const OUTCOMES: readonly AppealOutcomeKey[] = ['upheld', 'corrected', 'other', 'pending'];

function toAppeal(row: repo.AppealRow, application: repo.ApplicationRow | undefined): Appeal {
  const kind = row.kind as Appeal['kind'];
  const afterReview = row.after_review === 1;
  const group = appealGroupOf({ kind, afterReview });
  const groupDef = APPEAL_GROUPS.find((g) => g.key === group)!;
  return {
    id: row.id,
    applicationId: row.application_id,
    applicationNumber: application?.number ?? '',
    applicantName: application?.applicant_name ?? '',
    kind,
    kindLabel: kind === 'review' ? '行政复议' : '行政诉讼',
    afterReview,
    group,
    groupLabel: groupDef.parent ? `${groupDef.parent}（${groupDef.label}）` : groupDef.label,
    filedOn: row.filed_on,
    body: row.body,
    caseNumber: row.case_number,
    outcome: row.outcome as AppealOutcomeKey,
    outcomeLabel: APPEAL_COLUMNS.find((c) => c.key === row.outcome)?.label ?? row.outcome,
    decidedOn: row.decided_on,
    note: row.note,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

function check(input: AppealInput, today: string) {
  if (input.kind !== 'review' && input.kind !== 'lawsuit') {
    throw invalidField('kind', '请选择类别：行政复议或行政诉讼。');
  }
  if (!isCalendarDate(input.filedOn)) {
    throw invalidField('filedOn', '申请复议或起诉的日期无效：请按 YYYY-MM-DD 填写。');
  }
  if (input.filedOn > today) throw invalidField('filedOn', '申请复议或起诉的日期晚于今天。');
  const body = input.body.trim();
  if (!body) {
    throw invalidField(
      'body',
      input.kind === 'review' ? '请填写复议机关。' : '请填写受理的人民法院。',
    );
  }
  if (!OUTCOMES.includes(input.outcome)) {
    throw invalidField('outcome', '请选择结果：维持、纠正、其他或尚未审结。');
  }
  const decidedOn = input.decidedOn?.trim() || null;
  if (input.outcome === 'pending' && decidedOn) {
    throw invalidField('decidedOn', '尚未审结的案件不填审结日期。');
  }
  if (input.outcome !== 'pending') {
    if (!decidedOn || !isCalendarDate(decidedOn)) {
      throw invalidField('decidedOn', '已审结的案件请填写审结日期（YYYY-MM-DD）。');
    }
    if (decidedOn < input.filedOn) {
      throw invalidField(
        'decidedOn',
        `审结日期 ${decidedOn} 早于申请复议或起诉的日期 ${input.filedOn}。`,
      );
    }
    if (decidedOn > today) throw invalidField('decidedOn', '审结日期晚于今天。');
  }
  if (input.kind === 'review' && input.afterReview) {
    throw invalidField('afterReview', '“复议后起诉”只适用于行政诉讼。');
  }
  return {
    kind: input.kind,
    after_review: input.kind === 'lawsuit' && input.afterReview ? 1 : 0,
    filed_on: input.filedOn,
    body,
    case_number: input.caseNumber?.trim() || null,
    outcome: input.outcome,
    decided_on: decidedOn,
    note: input.note?.trim() || null,
  };
}

export async function listAppeals(ctx: ServiceContext, agencyId: string): Promise<Appeal[]> {
  const rows = await repo.listAppealsOfAgency(ctx.store.db, agencyId);
  const applications = await repo.listApplicationsByIds(ctx.store.db, [
    ...new Set(rows.map((r) => r.application_id)),
  ]);
  return rows.map((r) =>
    toAppeal(
      r,
      applications.find((a) => a.id === r.application_id),
    ),
  );
}

export async function createAppeal(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: AppealInput,
): Promise<Appeal> {
  const today = shanghaiDate(ctx.clock.now());
  const values = check(input, today);
  return ctx.store.transaction(async (t) => {
    const application = await repo.findApplicationOfAgency(t, agencyId, input.applicationId);
    if (!application)
      throw invalidField('applicationId', '本机关没有这件申请：请从申请列表中选择。');
    const now = ctx.clock.now();
    const id = randomUUID();
    const row: repo.AppealRow = {
      id,
      agency_id: agencyId,
      application_id: application.id,
      ...values,
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
      updated_at: now.toISOString(),
    };
    await repo.insertAppeal(t, row);
    await recordChange(ctx, t, actor, now, {
      action: 'appeal.create',
      entityType: 'application_appeal',
      entityId: id,
      agencyId,
      after: { ...values, applicationId: application.id },
    });
    return toAppeal(row, application);
  });
}

export async function updateAppeal(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  appealId: string,
  input: Omit<AppealInput, 'applicationId'>,
): Promise<Appeal> {
  const today = shanghaiDate(ctx.clock.now());
  const values = check({ ...input, applicationId: '' }, today);
  return ctx.store.transaction(async (t) => {
    const before = await repo.findAppealOfAgency(t, agencyId, appealId);
    if (!before) throw notFound('复议诉讼记录');
    const now = ctx.clock.now();
    await repo.updateAppeal(t, appealId, { ...values, updated_at: now.toISOString() });
    await recordChange(ctx, t, actor, now, {
      action: 'appeal.update',
      entityType: 'application_appeal',
      entityId: appealId,
      agencyId,
      before,
      after: values,
    });
    const after = (await repo.findAppealOfAgency(t, agencyId, appealId))!;
    return toAppeal(after, await repo.findApplication(t, after.application_id));
  });
}
