import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import { Link, useRouter } from '../../router.js';
import { useSession } from '../../session.js';
import { ErrorNotice, Page, ChooseAgency } from '../../ui.js';
import { shanghaiToday } from '../../format.js';
import { CorrectionRequests } from '../supervision/corrections.js';
import { canEdit, type ReportListItem } from './types.js';

/** The agency's annual reports, and a new one. */

export function ReportsPage() {
  const { context } = useSession();
  const { navigate } = useRouter();
  const agencyId = context?.agencyId;
  const [reports, setReports] = useState<ReportListItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear - 1);

  useEffect(() => {
    if (!agencyId) return;
    api<{ reports: ReportListItem[] }>('GET', `/api/v1/agencies/${agencyId}/reports`).then(
      (r) => setReports(r.reports),
      setError,
    );
  }, [agencyId]);

  if (!agencyId) {
    return <ChooseAgency title="年度报告" />;
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/reports`, { year });
      navigate(`/reports/${year}`);
    } catch (e) {
      setError(e);
    }
  }

  const years = Array.from({ length: thisYear - 2019 + 1 }, (_, i) => thisYear - i);
  return (
    <Page title="政府信息公开工作年度报告">
      <ErrorNotice error={error} />
      <CorrectionRequests agencyId={agencyId} />
      <table className="data" aria-label="年度报告列表">
        <thead>
          <tr>
            <th>年度</th>
            <th>状态</th>
            <th>发布日期</th>
          </tr>
        </thead>
        <tbody>
          {(reports ?? []).map((r) => (
            <tr key={r.year}>
              <td>
                <Link to={`/reports/${r.year}`}>{r.year}年度</Link>
              </td>
              <td>
                {r.latestVersion > 0 ? `已发布（第 ${r.latestVersion} 版）` : '草稿'}
                {r.hasDraft && r.latestVersion > 0 ? '，正在更正' : ''}
              </td>
              <td>{r.publishedOn ?? '—'}</td>
            </tr>
          ))}
          {reports && reports.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                还没有年度报告。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {canEdit(context) ? (
        <form className="card form inline-form" onSubmit={create} aria-label="新建年度报告">
          <label className="inline">
            年度
            <select name="year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            新建年度报告
          </button>
          <p className="muted small">
            条例第四十九条：部门于次年1月31日前、政府于次年3月31日前公布上一年度的报告。
          </p>
        </form>
      ) : null}
    </Page>
  );
}
