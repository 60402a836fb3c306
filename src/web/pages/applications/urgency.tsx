import type { Urgency } from './types.js';
import { mayInAgency, type WorkContext } from '../../session.js';

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: '已超期',
  due_today: '今日到期',
  due_soon: '3 个工作日内到期',
  on_track: '未到期',
  undetermined: '无法判断是否临近到期',
  correction_expired: '补正期限已过',
  correction_expiring: '补正期限将届满',
  fee_expired: '缴费期限已过',
  fee_expiring: '缴费期限将届满',
};

/** The tiles above the list: what needs doing now. */
export const URGENT_TILES: Urgency[] = [
  'overdue',
  'due_today',
  'due_soon',
  'correction_expired',
  'fee_expired',
];

export const DEADLINE_LABELS = {
  reply: '答复期限',
  correction: '补正期限',
  fee: '缴费期限',
} as const;

export function UrgencyBadge({
  urgency,
  days,
  note,
}: {
  urgency: Urgency | null;
  days?: number | null;
  note?: string | null;
}) {
  if (!urgency) return null;
  const extra =
    (urgency === 'overdue' || urgency.endsWith('_expired')) && days
      ? `（${-days} 个工作日）`
      : (urgency === 'due_soon' || urgency.endsWith('_expiring')) && days
        ? `（剩 ${days} 个工作日）`
        : '';
  return (
    <span className={`badge badge-${urgency}`} title={note ?? undefined}>
      {URGENCY_LABELS[urgency]}
      {extra}
    </span>
  );
}

/**
 * Registers and handles applications (the steps, hand-offs, receipts, scans): the routes check
 * application.handle — the clerk's — over every grant of the person.
 */
export const canHandle = (context: WorkContext | null) =>
  mayInAgency(context, 'application.handle');
