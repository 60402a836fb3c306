/**
 * What changed between two versions of a report — shown beside a correction, so readers see
 * exactly which figures and which passages the agency corrected.
 */
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
} from './format.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
  proactiveCellName,
} from './labels.js';
import type { AnnualReport, Cell } from './model.js';

export type ReportChange =
  | {
      kind: 'figure';
      path: string;
      label: string;
      before: Cell | undefined;
      after: Cell | undefined;
    }
  | { kind: 'text'; part: string; label: string; before: string; after: string };

export function diffReports(before: AnnualReport, after: AnnualReport): ReportChange[] {
  const changes: ReportChange[] = [];
  const text = (part: string, label: string, a: string, b: string) => {
    if (a !== b) changes.push({ kind: 'text', part, label, before: a, after: b });
  };
  text('title', '标题', before.title ?? '', after.title ?? '');
  text('preamble', '引言', before.preamble, after.preamble);
  const sectionKeys = [
    ...new Set([...before.sections, ...after.sections].map((s) => `${s.number}`)),
  ];
  for (const number of sectionKeys) {
    const a = before.sections.find((s) => s.number === number);
    const b = after.sections.find((s) => s.number === number);
    text(`section.${number}`, `${number}、${(b ?? a)?.title ?? ''}`, a?.text ?? '', b?.text ?? '');
  }
  text('closing', '落款', before.closing, after.closing);

  const figure = (path: string, label: string, a: Cell | undefined, b: Cell | undefined) => {
    if (a !== b) changes.push({ kind: 'figure', path, label, before: a, after: b });
  };
  for (const group of PROACTIVE_GROUPS) {
    for (const r of group.rows) {
      for (const c of group.columns) {
        const read = (rep: AnnualReport) =>
          (rep.tables.proactive[r.key] as Record<string, Cell | undefined> | undefined)?.[c.key];
        figure(
          `proactive.${r.key}.${c.key}`,
          `表二 ${proactiveCellName(r.key, c.key)}`,
          read(before),
          read(after),
        );
      }
    }
  }
  for (const r of APPLICATION_ROW_KEYS) {
    for (const c of APPLICATION_COLUMN_KEYS) {
      figure(
        `applications.${r}.${c}`,
        `表三 ${applicationRowName(r)} · ${applicationColumnName(c)}`,
        before.tables.applications[r]?.[c],
        after.tables.applications[r]?.[c],
      );
    }
  }
  for (const g of APPEAL_GROUP_KEYS) {
    for (const c of APPEAL_COLUMN_KEYS) {
      figure(
        `appeals.${g}.${c}`,
        `表四 ${appealGroupName(g)} · ${appealColumnName(c)}`,
        before.tables.appeals[g]?.[c],
        after.tables.appeals[g]?.[c],
      );
    }
  }
  return changes;
}
