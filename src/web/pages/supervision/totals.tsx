/**
 * 汇总与图表: the region's tables 二, 三 and 四 summed over its agencies' published reports (a
 * figure opens the agencies that make it), the mixes, the live figures of applications handled
 * in gongkai, and the charts — each with its table beside it, a PNG and its data as XLSX.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.js';
import { Chart, type ChartSpec } from '../../chart.js';
import { AppealGrid, ApplicationGrid, ProactiveGrid } from '../../report-grid.js';
import { ErrorNotice, Page } from '../../ui.js';
import { ScopeBar, useScope } from './scope.js';

interface Mix {
  key: string;
  label: string;
  value: number;
}

interface Totals {
  region: { code: string; name: string };
  year: number;
  agencies: number;
  reporting: number;
  cells: Record<string, { value: number; reporting: number }>;
  outcomeMix: Mix[];
  applicantMix: Mix[];
  appealOutcomes: Mix[];
  charts: {
    onTime: { label: string; onTime: number; late: number; missing: number; pending: number }[];
    outcomesOverYears: { year: number; values: Mix[] }[];
    applicationsByMonth: { month: number; count: number }[];
  };
  live: {
    agencies: {
      agencyId: string;
      agencyName: string;
      open: number;
      overdue: number;
      dueSoon: number;
      medianWorkingDays: number | null;
      replies: number;
    }[];
    open: number;
    overdue: number;
    dueSoon: number;
    medianWorkingDays: number | null;
    uncounted: number;
  };
}

interface Trace {
  name: string;
  value: number;
  contributors: { agencyId: string; agencyName: string; value: number }[];
  missing: { agencyName: string }[];
}

function MixTable({ label, mix }: { label: string; mix: Mix[] }) {
  const total = mix.reduce((s, m) => s + m.value, 0);
  return (
    <table className="data" aria-label={label}>
      <caption>{label}</caption>
      <tbody>
        {mix.map((m) => (
          <tr key={m.key}>
            <th scope="row">{m.label}</th>
            <td>{m.value}</td>
            <td className="muted">
              {total > 0 ? `${((m.value / total) * 100).toFixed(1)}%` : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SupervisionTotalsPage() {
  const scope = useScope();
  const [totals, setTotals] = useState<Totals | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [trace, setTrace] = useState<Trace | null>(null);
  const base = `/api/v1/supervision/${scope.regionCode}`;

  useEffect(() => {
    let current = true;
    setTotals(null);
    api<Totals>('GET', `${base}/totals/${scope.year}`).then(
      (t) => current && setTotals(t),
      (e) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [base, scope.year]);

  const specs = useMemo(() => {
    if (!totals) return null;
    const onTime: ChartSpec = {
      kind: 'bar',
      horizontal: true,
      categories: totals.charts.onTime.map((r) => r.label),
      series: [
        { name: '按时发布', values: totals.charts.onTime.map((r) => r.onTime), stack: 's' },
        { name: '逾期发布', values: totals.charts.onTime.map((r) => r.late), stack: 's' },
        { name: '逾期未发布', values: totals.charts.onTime.map((r) => r.missing), stack: 's' },
        { name: '尚未到期', values: totals.charts.onTime.map((r) => r.pending), stack: 's' },
      ],
    };
    const years = totals.charts.outcomesOverYears;
    const outcomes: ChartSpec = {
      kind: 'bar',
      categories: years.map((y) => `${y.year}`),
      series: (years[0]?.values ?? []).map((v, i) => ({
        name: v.label,
        values: years.map((y) => y.values[i]?.value ?? 0),
        stack: 'o',
      })),
    };
    const months: ChartSpec = {
      kind: 'line',
      categories: totals.charts.applicationsByMonth.map((m) => `${m.month}月`),
      series: [{ name: '收到申请', values: totals.charts.applicationsByMonth.map((m) => m.count) }],
    };
    return { onTime, outcomes, months };
  }, [totals]);

  async function openTrace(key: string) {
    try {
      setTrace(await api<Trace>('GET', `${base}/totals/${scope.year}/cells/${key}`));
    } catch (e) {
      setError(e);
    }
  }
  const cell = (path: string) => {
    const c = totals?.cells[path];
    if (!c) return '—';
    return (
      <button
        type="button"
        className="link"
        onClick={() => void openTrace(path)}
        title="查看由哪些机关构成"
      >
        {c.value}
      </button>
    );
  };

  return (
    <Page title="汇总与图表">
      <ScopeBar />
      <ErrorNotice error={error} />
      {!totals || !specs ? (
        error ? null : (
          <p className="muted">正在加载…</p>
        )
      ) : (
        <>
          <p className="muted">
            {totals.region.name}（含下级）共 {totals.agencies} 个机关，其中 {totals.reporting}{' '}
            个已发布或导入 {totals.year}{' '}
            年度报告；下列合计只含这些报告。点击数字可查看构成它的机关。
          </p>
          <Chart
            title="各地区报告按时发布情况"
            spec={specs.onTime}
            xlsxUrl={`${base}/charts/on-time/${totals.year}.xlsx`}
            pngName={`${totals.region.name}${totals.year}年度报告按时发布情况.png`}
            table={
              <table className="data" aria-label="各地区报告按时发布情况（表）">
                <thead>
                  <tr>
                    <th>地区</th>
                    <th>按时发布</th>
                    <th>逾期发布</th>
                    <th>逾期未发布</th>
                    <th>尚未到期</th>
                  </tr>
                </thead>
                <tbody>
                  {totals.charts.onTime.map((r) => (
                    <tr key={r.label}>
                      <th scope="row">{r.label}</th>
                      <td>{r.onTime}</td>
                      <td>{r.late}</td>
                      <td>{r.missing}</td>
                      <td>{r.pending}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <Chart
            title="历年依申请公开办理结果"
            spec={specs.outcomes}
            xlsxUrl={`${base}/charts/outcomes/${totals.year}.xlsx`}
            pngName={`${totals.region.name}历年办理结果.png`}
            table={
              <table className="data" aria-label="历年依申请公开办理结果（表）">
                <thead>
                  <tr>
                    <th>年度</th>
                    {(totals.charts.outcomesOverYears[0]?.values ?? []).map((v) => (
                      <th key={v.key}>{v.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {totals.charts.outcomesOverYears.map((y) => (
                    <tr key={y.year}>
                      <th scope="row">{y.year}</th>
                      {y.values.map((v) => (
                        <td key={v.key}>{v.value}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <Chart
            title={`${totals.year}年逐月收到的申请（本系统办理）`}
            spec={specs.months}
            xlsxUrl={`${base}/charts/months/${totals.year}.xlsx`}
            pngName={`${totals.region.name}${totals.year}年逐月收到申请.png`}
            table={
              <table className="data" aria-label="逐月收到的申请（表）">
                <thead>
                  <tr>
                    <th>月份</th>
                    <th>收到申请（件）</th>
                  </tr>
                </thead>
                <tbody>
                  {totals.charts.applicationsByMonth.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.month}月</th>
                      <td>{m.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <section className="card" aria-label="结构分析">
            <h2>结构分析</h2>
            <div className="chart-body">
              <MixTable label="办理结果" mix={totals.outcomeMix} />
              <MixTable label="申请人" mix={totals.applicantMix} />
              <MixTable label="复议、诉讼结果" mix={totals.appealOutcomes} />
            </div>
          </section>
          <section className="card" aria-label="在办申请">
            <h2>在办申请（本系统办理，不含个人信息）</h2>
            <p>
              在办 {totals.live.open} 件，已超期 {totals.live.overdue} 件，3 个工作日内到期{' '}
              {totals.live.dueSoon} 件；
              {totals.year} 年答复用时中位数{' '}
              {totals.live.medianWorkingDays === null
                ? '—'
                : `${totals.live.medianWorkingDays} 个工作日`}
              {totals.live.uncounted > 0
                ? `（${totals.live.uncounted} 件因缺少节假日安排未计入）`
                : ''}
              。 <a href={`${base}/charts/live/${totals.year}.xlsx`}>下载（XLSX）</a>
            </p>
            <table className="data" aria-label="各机关在办申请">
              <thead>
                <tr>
                  <th>机关</th>
                  <th>在办</th>
                  <th>已超期</th>
                  <th>3个工作日内到期</th>
                  <th>答复用时中位数（工作日）</th>
                  <th>本年答复</th>
                </tr>
              </thead>
              <tbody>
                {totals.live.agencies.map((a) => (
                  <tr key={a.agencyId}>
                    <td>{a.agencyName}</td>
                    <td>{a.open}</td>
                    <td className={a.overdue > 0 ? 'above-median' : ''}>{a.overdue}</td>
                    <td>{a.dueSoon}</td>
                    <td>{a.medianWorkingDays ?? '—'}</td>
                    <td>{a.replies}</td>
                  </tr>
                ))}
                {totals.live.agencies.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="muted">
                      本辖区还没有在本系统办理的申请。
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
          {trace ? (
            <section className="card" aria-label="数字构成" role="dialog">
              <h2>
                {trace.name}：{trace.value}
              </h2>
              <table className="data">
                <tbody>
                  {trace.contributors.map((c) => (
                    <tr key={c.agencyId}>
                      <td>{c.agencyName}</td>
                      <td>{c.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {trace.contributors.length === 0 ? <p className="muted">各机关均为 0。</p> : null}
              {trace.missing.length > 0 ? (
                <p className="muted small">
                  报告中缺少或无法识别该数字（未计入）：
                  {trace.missing.map((m) => m.agencyName).join('、')}
                </p>
              ) : null}
              <button type="button" onClick={() => setTrace(null)}>
                关闭
              </button>
            </section>
          ) : null}
          <section className="card" aria-label="汇总表格">
            <h2>表二 主动公开政府信息情况（合计）</h2>
            <ProactiveGrid cell={cell} />
            <h2>表三 收到和处理政府信息公开申请情况（合计）</h2>
            <ApplicationGrid cell={cell} label="表三合计" />
            <h2>表四 政府信息公开行政复议、行政诉讼情况（合计）</h2>
            <AppealGrid cell={cell} />
          </section>
        </>
      )}
    </Page>
  );
}
