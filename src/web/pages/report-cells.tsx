import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
} from '../../core/report/format.js';
import { api } from '../api.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';
import { ErrorNotice, Page } from '../ui.js';

interface CellCases {
  count: number;
  cases: {
    id: string;
    number: string;
    applicantName: string;
    applicantKindLabel: string;
    receivedOn: string;
    status: string;
    outcomeLabel: string | null;
    outcomeOn: string | null;
    appeal: { kind: string; filedOn: string; body: string; decidedOn: string | null } | null;
  }[];
}

/** The path of the page listing the cases of one cell of table 三 or 四. */
export function cellPath(
  year: number,
  table: 'applications' | 'appeals',
  row: string,
  column: string,
) {
  return `/reports/${year}/cells/${table}/${encodeURIComponent(row)}/${column}`;
}

function cellLabel(table: string, row: string, column: string): string {
  if (table === 'applications') {
    const r = APPLICATION_ROWS.find((x) => x.key === row)?.label ?? row;
    const c = APPLICATION_COLUMNS.find((x) => x.key === column)?.label ?? column;
    return `表三 ${r} · ${c}`;
  }
  const g = APPEAL_GROUPS.find((x) => x.key === row);
  const c = APPEAL_COLUMNS.find((x) => x.key === column)?.label ?? column;
  return `表四 ${g?.parent ? `${g.parent}（${g.label}）` : (g?.label ?? row)} · ${c}`;
}

/** Click-through from the report: which applications (or appeals) make up a cell. */
export function ReportCellPage({
  year,
  table,
  row,
  column,
}: {
  year: number;
  table: 'applications' | 'appeals';
  row: string;
  column: string;
}) {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [data, setData] = useState<CellCases | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!agencyId) return;
    const q = new URLSearchParams({ table, row, column });
    api<CellCases>(
      'GET',
      `/api/v1/agencies/${agencyId}/application-statistics/${year}/cell?${q}`,
    ).then(setData, setError);
  }, [agencyId, year, table, row, column]);

  return (
    <Page
      title={`${year}年度 ${cellLabel(table, row, column)}`}
      actions={<Link to={`/reports/${year}`}>返回报告</Link>}
    >
      <ErrorNotice error={error} />
      {data ? <p>共 {data.count} 件，由本机关的办理记录统计。</p> : null}
      <table className="data" aria-label="构成该数字的申请">
        <thead>
          <tr>
            <th>申请编号</th>
            <th>申请人</th>
            <th>收到日期</th>
            <th>状态</th>
            <th>办理结果</th>
            {table === 'appeals' ? <th>复议、诉讼</th> : null}
          </tr>
        </thead>
        <tbody>
          {(data?.cases ?? []).map((c, i) => (
            <tr key={`${c.id}-${i}`}>
              <td>
                <Link to={`/applications/${c.id}`}>{c.number}</Link>
              </td>
              <td>
                {c.applicantName}
                <div className="muted small">{c.applicantKindLabel}</div>
              </td>
              <td>{c.receivedOn}</td>
              <td>{c.status}</td>
              <td>
                {c.outcomeLabel ?? '—'}
                {c.outcomeOn ? <div className="muted small">{c.outcomeOn}</div> : null}
              </td>
              {table === 'appeals' ? (
                <td>
                  {c.appeal?.kind === 'review' ? '行政复议' : '行政诉讼'} {c.appeal?.filedOn}{' '}
                  {c.appeal?.body}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

/**
 * Set by the report editor when tables 三 and 四 are computed from the records: every cell then
 * links to the cases that make it up.
 */
export const CellLinks = createContext<((path: string) => string) | null>(null);

/** `applications.withheld.state_secret.natural_person` → its click-through page. */
export function cellPathOf(year: number, path: string): string | null {
  const [table, ...rest] = path.split('.');
  const column = rest.pop();
  const row = rest.join('.');
  if ((table !== 'applications' && table !== 'appeals') || !row || !column) return null;
  return cellPath(year, table, row, column);
}

/** A computed figure as a link to its cases, or the figure as it was when not computed. */
export function CellValue({
  path,
  label,
  children,
}: {
  path: string;
  label: string;
  children: ReactNode;
}) {
  const link = useContext(CellLinks);
  const { navigate } = useRouter();
  const to = link?.(path);
  if (!to) return <output aria-label={label}>{children}</output>;
  return (
    <a
      href={`/workspace${to}`}
      className="cell-link"
      aria-label={label}
      title="查看构成这个数字的申请"
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
