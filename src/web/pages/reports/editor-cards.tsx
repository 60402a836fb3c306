import { describeLocation, type Finding } from '../../../core/report/findings.js';
import { FindingTitle } from '../../finding-title.js';
import { FORMAT_NAMES, SEVERITY_NAMES, type ReportDetail } from './types.js';

/** The editor's cards around the draft: the review chain's state, the findings, the versions. */

export function ApprovalNotice({ detail }: { detail: ReportDetail }) {
  if (!detail.approval || detail.approval.status === 'approved') return null;
  return (
    <div
      className={`notice ${detail.approval.status === 'returned' ? 'notice-error' : 'notice-info'}`}
      data-testid="report-approval"
    >
      {detail.approval.status === 'pending'
        ? `${detail.approval.requestedBy} 于 ${detail.approval.requestedAt.slice(0, 10)} 提请发布，待${detail.approval.currentLevelLabel ?? '审核人'}审批；审批期间草稿不能修改。`
        : detail.approval.status === 'returned'
          ? `发布申请被退回：${detail.approval.steps
              .filter((s) => s.decision === 'return')
              .map((s) => `${s.levelLabel} ${s.by}：${s.comment ?? ''}`)
              .join('；')}`
          : '发布申请已撤回。'}
    </div>
  );
}

export function FindingsCard({ findings }: { findings: Finding[] }) {
  const errors = findings.filter((f) => f.severity === 'error');
  return (
    <section className="card findings" aria-label="审查结果">
      <h2>
        审查结果：{errors.length} 个错误，
        {findings.filter((f) => f.severity === 'warning').length} 个警告
      </h2>
      {findings.length === 0 ? <p className="muted">未发现问题。</p> : null}
      <ul>
        {findings.map((f, i) => (
          <li key={i} className={`finding finding-${f.severity}`}>
            <span className="severity">{SEVERITY_NAMES[f.severity]}</span>
            <FindingTitle code={f.code} /> {describeLocation(f.location)}：{f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VersionsCard({
  detail,
  base,
  draft,
  reason,
  setReason,
}: {
  detail: ReportDetail;
  base: string;
  draft: boolean;
  reason: string;
  setReason: (reason: string) => void;
}) {
  return (
    <section className="card" aria-label="已发布版本">
      <h2>已发布版本</h2>
      <ul>
        {detail.versions.map((v) => (
          <li key={v.version}>
            第 {v.version} 版，{v.publishedOn}，{v.publishedBy}
            {v.correctionReason ? `，更正原因：${v.correctionReason}` : ''} ·{' '}
            {FORMAT_NAMES.map(([f, name]) => (
              <a key={f} href={`${base}/versions/${v.version}/document.${f}`} className="download">
                {name}
              </a>
            ))}
          </li>
        ))}
      </ul>
      {draft && detail.versions.length > 0 ? (
        <label className="field">
          <span className="field-label">更正原因（发布更正版本时必填，将与新旧版本一同公开）</span>
          <textarea
            name="correctionReason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
          />
        </label>
      ) : null}
    </section>
  );
}
