/**
 * One agency's report of a year as its supervisor sees it: every finding with its review —
 * confirm (sent to the agency to correct, by a date) or dismiss (with the reason) — the review
 * history, the shares against the region's median, and the agency's aliases.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.js';
import { Link } from '../../router.js';
import { ErrorNotice, Field, Page } from '../../ui.js';
import { percent, ScopeBar, useScope } from './scope.js';

type Ratios = {
  withheldShare: number | null;
  unableShare: number | null;
  correctionRate: number | null;
};

interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  where: string;
  fingerprint: string;
  review: { decision: string; reason: string; dueOn: string | null; reviewedBy: string } | null;
  decisionLabel: string | null;
}

interface Detail {
  agency: { id: string; name: string; governmentName: string; level: string };
  year: number;
  stateLabel: string;
  deadline: string;
  daysLate: number | null;
  publishedOn: string | null;
  version: number;
  origin: string | null;
  portalUrl: string | null;
  findings: Finding[];
  history: {
    fingerprint: string;
    message: string;
    decisionLabel: string;
    reason: string;
    dueOn: string | null;
    reviewedAt: string;
    reviewedBy: string;
  }[];
  ratios: Ratios;
  medians: Ratios;
  aliases: { id: string; alias: string }[];
}

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

function ReviewForm({
  finding,
  onSave,
}: {
  finding: Finding;
  onSave: (body: object) => Promise<void>;
}) {
  const [decision, setDecision] = useState<'confirmed' | 'dismissed'>('confirmed');
  const [reason, setReason] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const problems =
    error instanceof ApiError
      ? ((error.body as { problems?: { field: string; message: string }[] }).problems ?? [])
      : [];
  const fieldError = (field: string) =>
    problems.find((p) => p.field === field)?.message ??
    (error instanceof ApiError && error.body.field === field ? error.body.message : null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await onSave({
        fingerprint: finding.fingerprint,
        decision,
        reason,
        ...(decision === 'confirmed' ? { dueOn } : {}),
      });
      setError(null);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form
      className="inline-form"
      onSubmit={submit}
      aria-label={`复核：${finding.message}`}
      noValidate
    >
      <label className="inline">
        <select
          value={decision}
          onChange={(e) => setDecision(e.target.value as typeof decision)}
          aria-label="复核结论"
        >
          <option value="confirmed">确认，交机关更正</option>
          <option value="dismissed">排除</option>
        </select>
      </label>
      {decision === 'confirmed' ? (
        <Field label="更正期限" error={fieldError('dueOn')}>
          <input type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </Field>
      ) : null}
      <Field
        label={decision === 'confirmed' ? '说明（可选）' : '排除理由'}
        error={fieldError('reason')}
      >
        <input
          type="text"
          value={reason}
          maxLength={2000}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <button type="submit" className="primary">
        保存复核
      </button>
      {error && !fieldError('dueOn') && !fieldError('reason') ? (
        <ErrorNotice error={error} />
      ) : null}
    </form>
  );
}

export function AgencySupervisionPage({ agencyId, year }: { agencyId: string; year: number }) {
  const scope = useScope();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [alias, setAlias] = useState('');
  const [aliasError, setAliasError] = useState<unknown>(null);
  const base = `/api/v1/supervision/${scope.regionCode}/agencies/${agencyId}/${year}`;
  const load = useCallback(async () => {
    try {
      setDetail(await api<Detail>('GET', base));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);

  async function review(body: object) {
    setDetail(await api<Detail>('POST', `${base}/reviews`, body));
  }
  async function withdraw(fingerprint: string) {
    try {
      setDetail(
        await api<Detail>('POST', `${base}/reviews`, { fingerprint, decision: 'withdrawn' }),
      );
    } catch (e) {
      setError(e);
    }
  }
  async function addAlias(e: FormEvent) {
    e.preventDefault();
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/aliases`, { alias });
      setAlias('');
      setAliasError(null);
      await load();
    } catch (err) {
      setAliasError(err);
    }
  }
  async function removeAlias(id: string) {
    await api('DELETE', `/api/v1/agencies/${agencyId}/aliases/${id}`).catch(setAliasError);
    await load();
  }

  if (!detail) {
    return (
      <Page title="审查发现">
        <ScopeBar />
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在加载…</p>}
      </Page>
    );
  }
  const ratios: [string, number | null, number | null][] = [
    ['不予公开占比', detail.ratios.withheldShare, detail.medians.withheldShare],
    ['无法提供占比', detail.ratios.unableShare, detail.medians.unableShare],
    ['复议诉讼纠错率', detail.ratios.correctionRate, detail.medians.correctionRate],
  ];
  return (
    <Page
      title={`${detail.agency.name} ${detail.year}年度报告`}
      actions={<Link to="/supervision">返回报告一览</Link>}
    >
      <ScopeBar />
      <ErrorNotice error={error} />
      <section className="card" aria-label="报告状态">
        <p>
          {detail.agency.governmentName} · {detail.agency.level} · 状态：
          <strong>{detail.stateLabel}</strong>
          {detail.daysLate !== null ? `（逾期 ${detail.daysLate} 天）` : ''} · 公布期限{' '}
          {detail.deadline}
          {detail.publishedOn ? ` · 发布日期 ${detail.publishedOn}` : ''}
          {detail.origin === 'imported' ? '（导入）' : ''}
          {detail.version > 1 ? ` · 第 ${detail.version} 版` : ''}
        </p>
        {detail.portalUrl ? (
          <p>
            <a href={detail.portalUrl} target="_blank" rel="noreferrer">
              在门户查看报告
            </a>
          </p>
        ) : null}
        <table className="data" aria-label="与本区中位数比较">
          <thead>
            <tr>
              <th>指标</th>
              <th>本机关</th>
              <th>本区中位数</th>
            </tr>
          </thead>
          <tbody>
            {ratios.map(([label, value, median]) => (
              <tr key={label}>
                <td>{label}</td>
                <td
                  className={
                    value !== null && median !== null && value > median ? 'above-median' : ''
                  }
                >
                  {percent(value)}
                </td>
                <td>{percent(median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card findings" aria-label="审查发现">
        <h2>审查发现（{detail.findings.length}）</h2>
        {detail.findings.length === 0 ? (
          <p className="muted">
            {detail.publishedOn ? '未发现问题。' : '报告尚未发布，发布或导入后才能审查。'}
          </p>
        ) : null}
        <ul>
          {detail.findings.map((f) => (
            <li key={`${f.fingerprint}-${f.message}`} className={`finding sev-${f.severity}`}>
              <span className="severity">{SEVERITY[f.severity]}</span> {f.message}
              {f.where ? <span className="muted small">（{f.where}）</span> : null}
              {f.review && f.review.decision !== 'withdrawn' ? (
                <div className="muted small">
                  {f.decisionLabel}
                  {f.review.dueOn ? `，期限 ${f.review.dueOn}` : ''}
                  {f.review.reason ? `：${f.review.reason}` : ''}（{f.review.reviewedBy}）
                  {f.review.decision === 'confirmed' ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => void withdraw(f.fingerprint)}
                      >
                        撤回确认
                      </button>
                    </>
                  ) : null}
                </div>
              ) : f.severity !== 'info' ? (
                <ReviewForm finding={f} onSave={review} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {detail.history.length > 0 ? (
        <section className="card" aria-label="复核记录">
          <h2>复核记录</h2>
          <table className="data">
            <thead>
              <tr>
                <th>时间</th>
                <th>复核人</th>
                <th>结论</th>
                <th>问题</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {detail.history.map((h, i) => (
                <tr key={i}>
                  <td>{h.reviewedAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>{h.reviewedBy}</td>
                  <td>
                    {h.decisionLabel}
                    {h.dueOn ? `（期限 ${h.dueOn}）` : ''}
                  </td>
                  <td>{h.message}</td>
                  <td>{h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="card" aria-label="机关别名">
        <h2>别名</h2>
        <p className="muted small">
          报告中印的名称与机关名称不同时（简称、曾用名），登记为别名，批量导入时即可自动识别。
        </p>
        <ul>
          {detail.aliases.map((a) => (
            <li key={a.id}>
              {a.alias}{' '}
              <button type="button" className="link" onClick={() => void removeAlias(a.id)}>
                删除
              </button>
            </li>
          ))}
        </ul>
        <form className="inline-form" onSubmit={addAlias} aria-label="登记别名">
          <Field
            label="新别名"
            error={
              aliasError instanceof ApiError && aliasError.body.field === 'alias'
                ? aliasError.body.message
                : null
            }
          >
            <input
              name="alias"
              type="text"
              value={alias}
              maxLength={100}
              onChange={(e) => setAlias(e.target.value)}
            />
          </Field>
          <button type="submit">登记</button>
        </form>
        {aliasError && !(aliasError instanceof ApiError && aliasError.body.field === 'alias') ? (
          <ErrorNotice error={aliasError} />
        ) : null}
      </section>
    </Page>
  );
}
