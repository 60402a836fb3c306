/** An agency's cases, most urgent first, with the filters of the workspace list. */
import { URGENCY_LABELS, URGENCY_PRIORITY, type Urgency } from '../../core/applications/clock.js';
import * as repo from '../../store/repositories/applications.js';
import { shanghaiDate, type ServiceContext } from '../context.js';
import { coreEventsOf, replay } from './events.js';
import { isProvisional } from './recompute.js';
import {
  type ApplicationSummary,
  caseEnv,
  userNames,
  dueOf,
  OPEN_PHASES,
  urgencyOf,
  NO_CLOCK,
  summaryOf,
} from './case-views.js';

export interface ListFilter {
  /** open (default), closed or all. */
  scope?: 'open' | 'closed' | 'all';
  urgency?: Urgency;
  /** A user id, or 'unassigned'. */
  assignee?: string;
  text?: string;
  receivedFrom?: string;
  receivedTo?: string;
  outcome?: string;
}

export interface ApplicationList {
  applications: ApplicationSummary[];
  counts: Record<Urgency, number>;
  /** Cases whose due date cannot be derived (a missing holiday schedule, say). */
  problems: { id: string; number: string; message: string }[];
}

/**
 * The cases of an agency, most urgent first (the core's URGENCY_PRIORITY on the agency's
 * calendar: overdue, due today, a correction or payment period past, due within 3 working
 * days, …), then by the date each is about.
 */
export async function listApplications(
  ctx: ServiceContext,
  agencyId: string,
  filter: ListFilter = {},
): Promise<ApplicationList> {
  const db = ctx.store.db;
  const scope = filter.scope ?? 'open';
  const status =
    scope === 'open'
      ? [
          'processing',
          'awaiting_correction',
          'correction_review',
          'consulting',
          'awaiting_fee',
          'replied',
          'delivered',
        ]
      : scope === 'closed'
        ? ['closed']
        : undefined;
  const rows = await repo.listApplications(db, agencyId, {
    ...(status ? { status } : {}),
    ...(filter.assignee && filter.assignee !== 'unassigned'
      ? { assignedUserId: filter.assignee }
      : {}),
    ...(filter.text ? { text: filter.text } : {}),
    ...(filter.receivedFrom ? { receivedFrom: filter.receivedFrom } : {}),
    ...(filter.receivedTo ? { receivedTo: filter.receivedTo } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
  });
  const selected =
    filter.assignee === 'unassigned' ? rows.filter((r) => r.assigned_user_id === null) : rows;
  const env = await caseEnv(db, agencyId);
  const today = shanghaiDate(ctx.clock.now());
  const open = selected.filter((r) => OPEN_PHASES.includes(r.status));
  const eventRows = await repo.listEventsOf(
    db,
    open.map((r) => r.id),
  );
  const byApplication = new Map<string, repo.ApplicationEventRow[]>();
  for (const e of eventRows) {
    const list = byApplication.get(e.application_id) ?? [];
    list.push(e);
    byApplication.set(e.application_id, list);
  }
  const names = await userNames(
    db,
    selected.map((r) => r.assigned_user_id),
  );
  const counts = Object.fromEntries(Object.keys(URGENCY_LABELS).map((k) => [k, 0])) as Record<
    Urgency,
    number
  >;
  const problems: ApplicationList['problems'] = [];
  const summaries = selected.map((row) => {
    let clock: Parameters<typeof summaryOf>[2] = NO_CLOCK;
    const rowsOf = byApplication.get(row.id);
    if (rowsOf) {
      const replayed = replay(coreEventsOf(rowsOf), env.calendar, env.settings.clock);
      const due = dueOf(replayed.state, env);
      if (due.error) problems.push({ id: row.id, number: row.number, message: due.error });
      clock = {
        dueOn: due.dueOn,
        dueProvisional: isProvisional(due),
        ...urgencyOf(replayed.state, due, today, env.calendar),
      };
      if (clock.urgency) counts[clock.urgency]++;
    }
    return summaryOf(row, names, clock);
  });
  const filtered = filter.urgency
    ? summaries.filter((s) => s.urgency === filter.urgency)
    : summaries;
  filtered.sort((a, b) => {
    const ua = a.urgency ? URGENCY_PRIORITY[a.urgency] : 99;
    const ub = b.urgency ? URGENCY_PRIORITY[b.urgency] : 99;
    if (ua !== ub) return ua - ub;
    const da = a.deadline?.on ?? a.dueOn;
    const db2 = b.deadline?.on ?? b.dueOn;
    if (da && db2 && da !== db2) return da < db2 ? -1 : 1;
    return a.number < b.number ? 1 : -1;
  });
  return { applications: filtered, counts, problems };
}
