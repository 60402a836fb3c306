import type { ReactNode } from 'react';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  PROACTIVE_GROUPS,
} from '../core/report/format.js';

/**
 * The three tables of the annual report as grids, laid out from the format definitions. What
 * goes in each cell is the caller's: an input, a computed figure, a link to the cases behind it.
 * `derived` is true for the cells gongkai computes (each row's 总计, the （七）总计 row, the 总计
 * of 行政复议 and 行政诉讼).
 */
export type CellRenderer = (path: string, label: string, derived: boolean) => ReactNode;

/** "（三）不予公开 1.属于国家秘密" for leaf rows of an outcome group; the label itself otherwise. */
export function applicationRowLabel(row: (typeof APPLICATION_ROWS)[number]): string {
  const group = OUTCOME_GROUPS.find((g) => g.key === row.group);
  return row.group && row.key !== row.group && row.key !== 'total' && group
    ? `${group.number}${group.label} ${row.label}`
    : row.label;
}

export function ProactiveGrid({ cell }: { cell: CellRenderer }) {
  return (
    <>
      {PROACTIVE_GROUPS.map((g) => (
        <table key={g.label} className="grid" aria-label={g.label}>
          <caption>{g.label}</caption>
          <thead>
            <tr>
              <th>信息内容</th>
              {g.columns.map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {g.columns.map((c) => (
                  <td key={c.key}>
                    {cell(`proactive.${r.key}.${c.key}`, `${r.label} ${c.label}`, false)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

export function ApplicationGrid({
  cell,
  label = '收到和处理政府信息公开申请情况',
}: {
  cell: CellRenderer;
  label?: string;
}) {
  return (
    <table className="grid wide" aria-label={label}>
      <thead>
        <tr>
          <th>项目</th>
          {APPLICATION_COLUMNS.map((c) => (
            <th key={c.key}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {APPLICATION_ROWS.map((row) => {
          const rowLabel = applicationRowLabel(row);
          const derivedRow = row.key === 'total';
          return (
            <tr key={row.key} className={derivedRow ? 'derived' : ''}>
              <th scope="row">{rowLabel}</th>
              {APPLICATION_COLUMNS.map((c) => (
                <td key={c.key}>
                  {cell(
                    `applications.${row.key}.${c.key}`,
                    `${rowLabel} ${c.label}`,
                    derivedRow || c.key === 'total',
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function AppealGrid({
  cell,
  label = '行政复议、行政诉讼情况',
}: {
  cell: CellRenderer;
  label?: string;
}) {
  return (
    <table className="grid" aria-label={label}>
      <thead>
        <tr>
          <th>类别</th>
          {APPEAL_COLUMNS.map((c) => (
            <th key={c.key}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {APPEAL_GROUPS.map((g) => {
          const rowLabel = g.parent ? `${g.parent}（${g.label}）` : g.label;
          return (
            <tr key={g.key}>
              <th scope="row">{rowLabel}</th>
              {APPEAL_COLUMNS.map((c) => (
                <td key={c.key}>
                  {cell(`appeals.${g.key}.${c.key}`, `${rowLabel} ${c.label}`, c.key === 'total')}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
