/**
 * 基层政务公开标准目录 (国办发〔2019〕54号): an entry says what is published, on what basis,
 * by whom, where and within what time. An entry whose time limit passed in the current cycle
 * without a published item is overdue.
 */

export const CATALOGUE_CYCLES = ['once', 'yearly', 'quarterly', 'monthly'] as const;
export type CatalogueCycle = (typeof CATALOGUE_CYCLES)[number];
export const CATALOGUE_CYCLE_LABELS: Record<CatalogueCycle, string> = {
  once: '一次性',
  yearly: '每年',
  quarterly: '每季度',
  monthly: '每月',
};

export interface CatalogueDue {
  cycle: CatalogueCycle;
  /** The first day the entry applies (once: the day the information was formed). */
  startsOn: string;
  /** Calendar days after the cycle starts within which an item must be published. */
  dueDays: number;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The start of the cycle that contains `today` (never before the entry starts). */
export function cycleStart(due: CatalogueDue, today: string): string {
  if (due.cycle === 'once' || today < due.startsOn) return due.startsOn;
  const y = today.slice(0, 4);
  const m = Number(today.slice(5, 7));
  const start =
    due.cycle === 'yearly'
      ? `${y}-01-01`
      : due.cycle === 'quarterly'
        ? `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
        : `${y}-${String(m).padStart(2, '0')}-01`;
  return start < due.startsOn ? due.startsOn : start;
}

export interface CatalogueStatus {
  cycleStart: string;
  dueOn: string;
  overdue: boolean;
  /** Published within the current cycle. */
  satisfied: boolean;
}

/** Whether the entry is overdue on `today`, given the publication dates of its items. */
export function catalogueStatus(
  due: CatalogueDue,
  publishedOn: readonly string[],
  today: string,
): CatalogueStatus {
  const start = cycleStart(due, today);
  const dueOn = addDays(start, due.dueDays);
  const satisfied = publishedOn.some((d) => d >= start);
  return { cycleStart: start, dueOn, satisfied, overdue: !satisfied && today > dueOn };
}
