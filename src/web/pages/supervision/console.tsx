/**
 * 报告一览: every agency and government of the region for the year — state, deadline countdown,
 * findings awaiting review, shares against the region's median — sorted, filtered and searched.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api.js';
import { Link } from '../../router.js';
import { ErrorNotice, Page } from '../../ui.js';
import { percent, ScopeBar, useScope } from './scope.js';

type Ratios = {
  withheldShare: number | null;
  unableShare: number | null;
  correctionRate: number | null;
};

interface ViewRow {
  agencyId: string;
  agencyName: string;
  regionName: string;
  levelLabel: string;
  state: string;
  stateLabel: string;
  deadline: string;
  daysLate: number | null;
  daysLeft: number | null;
  hasDraft: boolean;
  publishedOn: string | null;
  correctedOn: string | null;
  errors: number;
  warnings: number;
  unreviewed: number;
  confirmed: number;
  worst: { code: string; severity: string; message: string; where: string }[];
  ratios: Ratios;
}

interface RegionView {
  region: { code: string; name: string };
  year: number;
  today: string;
  countdown: { department: number | null; government: number | null };
  counts: Record<string, number>;
  medians: Ratios;
  rows: ViewRow[];
  matching: number;
  page: number;
  pageSize: number;
  emptyYear: boolean;
}

const FILTERS = [
  ['all', '全部'],
  ['late', '逾期发布'],
  ['missing', '逾期未发布'],
  ['errors', '有错误'],
  ['unreviewed', '有待复核的问题'],
  ['confirmed', '待机关更正'],
] as const;

const SORTS = [
  ['state', '按状态'],
  ['name', '按名称'],
  ['errors', '按错误数'],
  ['late', '按逾期天数'],
  ['published', '按发布日期'],
  ['withheld', '按不予公开占比'],
  ['unable', '按无法提供占比'],
  ['correction', '按纠错率'],
] as const;

function stateText(row: ViewRow): string {
  if (row.state === 'missing') return `${row.stateLabel}（已逾期 ${row.daysLate} 天）`;
  if (row.daysLate !== null) return `${row.stateLabel}（逾期 ${row.daysLate} 天）`;
  if (row.daysLeft !== null) return `${row.stateLabel}（距期限 ${row.daysLeft} 天）`;
  return row.stateLabel;
}

function Share({ value, median }: { value: number | null; median: number | null }) {
  const above = value !== null && median !== null && value > median;
  return (
    <span className={above ? 'above-median' : ''} title={`本区中位数 ${percent(median)}`}>
      {percent(value)}
    </span>
  );
}

export function SupervisionPage() {
  const scope = useScope();
  const [filter, setFilter] = useState('all');
  const [sort, setSort] = useState('state');
  const [q, setQ] = useState('');
  const [level, setLevel] = useState('');
  const [page, setPage] = useState(1);
  const [view, setView] = useState<RegionView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setPage(1);
  }, [scope.regionCode, scope.year, filter, sort, q, level]);
  useEffect(() => {
    const params = new URLSearchParams({
      year: String(scope.year),
      filter,
      sort,
      page: String(page),
      ...(q.trim() ? { q: q.trim() } : {}),
      ...(level ? { level } : {}),
    });
    let current = true;
    api<RegionView>('GET', `/api/v1/supervision/${scope.regionCode}/view?${params}`).then(
      (v) => {
        if (current) {
          setView(v);
          setError(null);
        }
      },
      (e) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [scope.regionCode, scope.year, filter, sort, q, level, page]);

  const pages = view ? Math.max(1, Math.ceil(view.matching / view.pageSize)) : 1;
  return (
    <Page title="监督汇总">
      <ScopeBar />
      <ErrorNotice error={error} />
      {view ? (
        <>
          <div className="countdown" aria-label="公布期限">
            <div className="tile-figure">
              部门报告（1月31日前）
              <strong>
                {view.countdown.department === null
                  ? '已过期限'
                  : `还有 ${view.countdown.department} 天`}
              </strong>
            </div>
            <div className="tile-figure">
              政府报告（3月31日前）
              <strong>
                {view.countdown.government === null
                  ? '已过期限'
                  : `还有 ${view.countdown.government} 天`}
              </strong>
            </div>
            <div className="tile-figure">
              已发布
              <strong>
                {(view.counts.published_on_time ?? 0) +
                  (view.counts.published_late ?? 0) +
                  (view.counts.imported ?? 0)}{' '}
                / {view.counts.total}
              </strong>
            </div>
            <div className="tile-figure">
              逾期未发布<strong>{view.counts.missing ?? 0}</strong>
            </div>
            <div className="tile-figure">
              逾期发布<strong>{view.counts.published_late ?? 0}</strong>
            </div>
            <div className="tile-figure">
              有错误<strong>{view.counts.withErrors ?? 0}</strong>
            </div>
            <div className="tile-figure">
              待复核<strong>{view.counts.unreviewed ?? 0}</strong>
            </div>
          </div>
          {view.emptyYear ? (
            <p className="notice notice-info" role="status">
              {view.region.name}各机关 {view.year}{' '}
              年度还没有任何报告（没有草稿，也没有发布或导入的报告）。
            </p>
          ) : null}
          <div className="scope-bar">
            <label>
              筛选
              <select value={filter} onChange={(e) => setFilter(e.target.value)}>
                {FILTERS.map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              层级
              <select value={level} onChange={(e) => setLevel(e.target.value)}>
                <option value="">部门和人民政府</option>
                <option value="department">部门（1月31日前）</option>
                <option value="government">人民政府（3月31日前）</option>
              </select>
            </label>
            <label>
              排序
              <select value={sort} onChange={(e) => setSort(e.target.value)}>
                {SORTS.map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              搜索机关
              <input
                type="search"
                value={q}
                maxLength={100}
                placeholder="机关或地区名称"
                onChange={(e) => setQ(e.target.value)}
              />
            </label>
          </div>
          <table className="data" aria-label="辖区各机关年度报告">
            <thead>
              <tr>
                <th>机关</th>
                <th>地区</th>
                <th>状态</th>
                <th>发布日期</th>
                <th>错误 / 警告</th>
                <th>待复核</th>
                <th>主要问题</th>
                <th>不予公开占比（中位数 {percent(view.medians.withheldShare)}）</th>
                <th>无法提供占比（中位数 {percent(view.medians.unableShare)}）</th>
                <th>复议诉讼纠错率（中位数 {percent(view.medians.correctionRate)}）</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.agencyId}>
                  <td>
                    <Link to={`/supervision/agencies/${row.agencyId}/${view.year}`}>
                      {row.agencyName}
                    </Link>
                    <div className="muted small">{row.levelLabel}</div>
                  </td>
                  <td>{row.regionName}</td>
                  <td className={`state-${row.state}`}>{stateText(row)}</td>
                  <td>
                    {row.publishedOn ?? '—'}
                    {row.correctedOn ? (
                      <div className="muted small">更正 {row.correctedOn}</div>
                    ) : null}
                  </td>
                  <td>
                    {row.errors} / {row.warnings}
                  </td>
                  <td>{row.unreviewed}</td>
                  <td>
                    {row.worst.length > 0 ? (
                      <ul className="worst">
                        {row.worst.map((f, i) => (
                          <li key={i} className={`sev-${f.severity}`}>
                            {f.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <Share value={row.ratios.withheldShare} median={view.medians.withheldShare} />
                  </td>
                  <td>
                    <Share value={row.ratios.unableShare} median={view.medians.unableShare} />
                  </td>
                  <td>
                    <Share value={row.ratios.correctionRate} median={view.medians.correctionRate} />
                  </td>
                </tr>
              ))}
              {view.rows.length === 0 ? (
                <tr>
                  <td colSpan={10} className="muted">
                    没有符合条件的机关。
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <p className="muted small">
            共 {view.matching} 个机关
            {pages > 1 ? (
              <>
                ，第 {view.page} / {pages} 页{' '}
                <button
                  type="button"
                  disabled={view.page <= 1}
                  onClick={() => setPage(view.page - 1)}
                >
                  上一页
                </button>{' '}
                <button
                  type="button"
                  disabled={view.page >= pages}
                  onClick={() => setPage(view.page + 1)}
                >
                  下一页
                </button>
              </>
            ) : null}
            。占比高于本区中位数的以红色标出。{' '}
            <a href={`/api/v1/supervision/${scope.regionCode}/dataset/${scope.year}.xlsx`}>
              导出数据集（XLSX）
            </a>{' '}
            <a href={`/api/v1/supervision/${scope.regionCode}/dataset/${scope.year}.csv`}>
              导出数据集（CSV）
            </a>
          </p>
        </>
      ) : error ? null : (
        <p className="muted">正在加载…</p>
      )}
    </Page>
  );
}
