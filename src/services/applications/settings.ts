/**
 * The agency's settings for applications: its working-day calendar (the shipped State Council
 * schedules plus the years its admin entered), the clock settings, the review chain that must
 * approve extensions and replies, and the review body and court named in reply letters.
 */
import type { ReviewLevel } from '../../core/auth/roles.js';
import type { YearSchedule } from '../../core/calendar/schedule.js';
import { SHIPPED_SCHEDULES } from '../../core/calendar/schedules.js';
import {
  defaultCalendar,
  type WorkingDayCalendar,
} from '../../core/calendar/working-day-calendar.js';
import { DEFAULT_CLOCK_SETTINGS, type ClockSettings } from '../../core/applications/events.js';
import { AppError, invalidField } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import {
  chainFor,
  chainProblem,
  setChain,
  subjectKind,
  type ChainLevel,
} from '../review/engine.js';
// Registers the applications' kinds of the review chain (their defaults are read here).
import './approvals.js';

/** The review levels of the applications' chains (kept by the review-chain engine). */
export interface ReviewChain {
  /** Levels that must approve an extension, in order (条例第三十三条: 经政府信息公开工作机构负责人同意). */
  extension: ReviewLevel[];
  /** Levels that must approve a reply that withholds anything (部分公开, 不予公开, 无法提供, 不予处理). */
  replyWithholding: ReviewLevel[];
  /** Levels that must approve any other reply, in order; empty = the clerk replies directly. */
  reply: ReviewLevel[];
}

export interface ApplicationSettings {
  /** 复议机关 named in the remedy notice; '' = the default below. */
  reviewBody: string;
  /** The review body letters name: the setting, or for a department its own government. */
  effectiveReviewBody: string;
  /** 人民法院 named in the remedy notice; must be set before a reply or a lapse letter. */
  court: string;
  /**
   * Why letters with a remedy notice cannot go out yet (the review body or the court is not
   * set), in Chinese; null when both are known.
   */
  remedyProblem: string | null;
  clock: ClockSettings;
  reviewChain: ReviewChain;
  updatedAt: string | null;
  updatedBy: string | null;
}

const reviewerLevels = (levels: ChainLevel[]): ReviewLevel[] =>
  levels.flatMap((l) => (l.role === 'reviewer' ? [l.reviewLevel] : []));

async function reviewChainOf(db: Db, agencyId: string): Promise<ReviewChain> {
  const [extension, replyWithholding, reply] = await Promise.all(
    (['application.extension', 'application.reply_withholding', 'application.reply'] as const).map(
      async (kind) => reviewerLevels(await chainFor(db, agencyId, kind)),
    ),
  );
  return { extension: extension!, replyWithholding: replyWithholding!, reply: reply! };
}

/**
 * 条例第五十一条 and the letters' remedy notice: the applicant must be told where to apply for
 * administrative review and which court to sue in. "有管辖权的……" tells them nothing, so a
 * reply or a lapse letter waits until the agency has set both.
 */
export function remedyProblemOf(effectiveReviewBody: string, court: string): string | null {
  const missing = [
    ...(effectiveReviewBody.trim() ? [] : ['行政复议机关（复议机关）']),
    ...(court.trim() ? [] : ['受理行政诉讼的人民法院']),
  ];
  if (missing.length === 0) return null;
  return `答复告知书和不再处理告知书须载明申请人可以申请行政复议的机关和提起行政诉讼的人民法院，本机关尚未设置${missing.join('和')}：请机关管理员在“依申请公开设置”中填写后再办理。`;
}

/** Throws a 409 with what to set when the remedy notice cannot name its bodies yet. */
export function requireRemedy(settings: ApplicationSettings): void {
  if (settings.remedyProblem) {
    throw new AppError('conflict', settings.remedyProblem, { reason: 'remedy_not_configured' });
  }
}

export async function getSettings(db: Db, agencyId: string): Promise<ApplicationSettings> {
  const agency = await getAgency(db, agencyId);
  const row = await repo.findSettings(db, agencyId);
  const reviewChain = await reviewChainOf(db, agencyId);
  // 行政复议法（2023年修订）第二十四条: the government at the same level reviews its departments.
  const defaultBody = agency.isGovernment ? '' : agency.governmentName;
  if (!row) {
    return {
      reviewBody: '',
      effectiveReviewBody: defaultBody,
      court: '',
      remedyProblem: remedyProblemOf(defaultBody, ''),
      clock: DEFAULT_CLOCK_SETTINGS,
      reviewChain,
      updatedAt: null,
      updatedBy: null,
    };
  }
  return {
    reviewBody: row.review_body,
    effectiveReviewBody: row.review_body || defaultBody,
    court: row.court,
    remedyProblem: remedyProblemOf(row.review_body || defaultBody, row.court),
    clock: {
      countFrom: row.count_from === 'same_day' ? 'same_day' : 'next_day',
      feeWait: row.fee_wait === 'counted' ? 'counted' : 'excluded',
    },
    reviewChain,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export interface SettingsInput {
  reviewBody: string;
  court: string;
  countFrom: ClockSettings['countFrom'];
  feeWait: ClockSettings['feeWait'];
  extensionLevels: ReviewLevel[];
  replyLevels: ReviewLevel[];
  /** Omitted: unchanged. */
  replyWithholdingLevels?: ReviewLevel[];
}

const asChain = (levels: readonly ReviewLevel[]): ChainLevel[] =>
  levels.map((reviewLevel) => ({ role: 'reviewer', reviewLevel }));

function checkChain(kind: string, levels: readonly ReviewLevel[], field: string): void {
  const problem = chainProblem(subjectKind(kind), asChain(levels));
  if (problem) throw invalidField(field, problem);
}

export async function updateSettings(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: SettingsInput,
): Promise<ApplicationSettings> {
  checkChain('application.extension', input.extensionLevels, 'extensionLevels');
  checkChain('application.reply', input.replyLevels, 'replyLevels');
  if (input.replyWithholdingLevels) {
    checkChain(
      'application.reply_withholding',
      input.replyWithholdingLevels,
      'replyWithholdingLevels',
    );
  }
  return ctx.store.transaction(async (t) => {
    const before = await getSettings(t, agencyId);
    const now = ctx.clock.now();
    await repo.upsertSettings(t, {
      agency_id: agencyId,
      review_body: input.reviewBody.trim(),
      court: input.court.trim(),
      count_from: input.countFrom,
      fee_wait: input.feeWait,
      updated_at: now.toISOString(),
      updated_by: actorLabel(actor),
    });
    // The chains are the review-chain engine's (each change recorded there as well).
    await setChain(
      ctx,
      actor,
      agencyId,
      'application.extension',
      asChain(input.extensionLevels),
      t,
    );
    await setChain(ctx, actor, agencyId, 'application.reply', asChain(input.replyLevels), t);
    if (input.replyWithholdingLevels) {
      await setChain(
        ctx,
        actor,
        agencyId,
        'application.reply_withholding',
        asChain(input.replyWithholdingLevels),
        t,
      );
    }
    const after = await getSettings(t, agencyId);
    await recordChange(ctx, t, actor, now, {
      action: 'application_settings.update',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      before,
      after,
    });
    return after;
  });
}

// --- calendar ----------------------------------------------------------------------------------

/**
 * The holiday schedule is national: the State Council's notice for a year applies to every
 * agency, so a year gongkai does not ship is entered once, by a system admin, and agencies
 * cannot diverge from it.
 */
export interface CalendarYearView {
  year: number;
  notice: string;
  /** shipped with gongkai (cannot be changed) or entered by a system admin. */
  source: 'shipped' | 'system';
  enteredBy: string | null;
  enteredAt: string | null;
  schedule: YearSchedule;
}

async function enteredSchedules(db: Db) {
  const rows = await repo.listCalendarYears(db);
  return rows.map((r) => ({ row: r, schedule: JSON.parse(r.schedule_json) as YearSchedule }));
}

/**
 * Calendars are immutable and building one checks every schedule: keep the few distinct ones
 * instead of rebuilding on every request.
 */
const calendars = new Map<string, WorkingDayCalendar>();

/** The working-day calendar: the shipped schedules plus the years a system admin entered. */
export async function calendarFor(db: Db): Promise<WorkingDayCalendar> {
  const rows = await repo.listCalendarYears(db);
  const key = rows.map((r) => r.schedule_json).join('\n');
  let calendar = calendars.get(key);
  if (!calendar) {
    // A year without a notice is computed from the holiday law and every date over it is 暂定.
    calendar = defaultCalendar(
      rows.map((r) => JSON.parse(r.schedule_json) as YearSchedule),
      { holidayLaw: true },
    );
    if (calendars.size >= 100) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

export async function listCalendarYears(db: Db): Promise<CalendarYearView[]> {
  const entered = await enteredSchedules(db);
  const shipped: CalendarYearView[] = SHIPPED_SCHEDULES.map((s) => ({
    year: s.year,
    notice: s.notice,
    source: 'shipped',
    enteredBy: null,
    enteredAt: null,
    schedule: s,
  }));
  const own: CalendarYearView[] = entered.map(({ row, schedule }) => ({
    year: schedule.year,
    notice: schedule.notice,
    source: 'system',
    enteredBy: row.created_by,
    enteredAt: row.created_at,
    schedule,
  }));
  return [...shipped, ...own].sort((a, b) => a.year - b.year);
}
