import { lastDayPhrase } from '../../../core/calendar/date.js';
import { formatInstant } from '../../format.js';
import { AttachmentItems, AttachmentUpload } from '../application-handoffs.js';
import type { ApprovalView, Detail } from './types.js';

/** The cards of one case's page: its due date, its timeline, its approvals, its letters. */

export function DueCard({ detail }: { detail: Detail }) {
  return (
    <section className="card" aria-label="答复期限">
      <h2>
        答复期限：{detail.due.dueOn ? lastDayPhrase(detail.due.dueOn) : '—'}
        {detail.dueProvisional ? <span className="badge badge-undetermined">暂定</span> : null}
      </h2>
      {detail.due.error ? <div className="notice notice-error">{detail.due.error}</div> : null}
      {detail.due.provisional ? (
        <p className="muted small">征求意见或等待缴费尚未结束，期限按对方期限届满暂算。</p>
      ) : null}
      <ul className="rule">
        {detail.due.rule.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {detail.dueDays && detail.dueDays.length > 0 ? (
        <details>
          <summary className="small">各日依据（通知、放假办法、周末）</summary>
          <ul className="rule small" aria-label="各日依据">
            {detail.dueDays.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {detail.dueChanges && detail.dueChanges.length > 0 ? (
        <>
          <h3>期限变化</h3>
          <ul className="small" aria-label="期限变化">
            {detail.dueChanges.map((c, i) => (
              <li key={i}>
                {formatInstant(c.at)} {c.text}（{c.by}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function TimelineCard({
  detail,
  base,
  handling,
  onUploaded,
}: {
  detail: Detail;
  base: string;
  handling: boolean;
  onUploaded: () => void;
}) {
  return (
    <section className="card" aria-label="办理过程">
      <h2>办理过程</h2>
      <ol className="timeline">
        {detail.events.map((e) => (
          <li key={e.seq}>
            <strong>{e.date}</strong> {e.label}
            {e.backdated ? (
              <span className="badge badge-undetermined" title="补记">
                补记（{e.recordedOn} 记录）
              </span>
            ) : null}
            {e.details.map((d, i) => (
              <div key={i} className="small">
                {d}
              </div>
            ))}
            {e.note ? <div className="note">{e.note}</div> : null}
            <div className="muted small">{e.actor}</div>
          </li>
        ))}
        <AttachmentItems base={base} attachments={detail.attachments} />
      </ol>
      {handling ? <AttachmentUpload base={base} onDone={onUploaded} /> : null}
      {detail.assignments.length > 0 ? (
        <>
          <h3>经办人变更</h3>
          <ul className="small" aria-label="经办人变更">
            {detail.assignments.map((a, i) => (
              <li key={i}>
                {formatInstant(a.at)} {a.from ?? '（未分派）'} → {a.to ?? '（未分派）'}
                <span className="muted">，操作人：{a.by}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ApprovalsCard({
  approvals,
  mayWithdraw,
  onWithdraw,
}: {
  approvals: ApprovalView[];
  mayWithdraw: boolean;
  onWithdraw: (id: string) => void;
}) {
  if (approvals.length === 0) return null;
  return (
    <section className="card" aria-label="审批">
      <h2>审批</h2>
      <ul>
        {approvals.map((a) => (
          <li key={a.id}>
            {a.kindLabel}：{a.summary} ·{' '}
            {a.status === 'pending'
              ? `待${a.currentLevelLabel ?? ''}审批`
              : { approved: '已同意', returned: '已退回', withdrawn: '已撤回' }[a.status]}
            {a.steps
              .filter((d) => d.comment)
              .map((d, i) => (
                <div key={i} className="muted small" data-testid="approval-comment">
                  {d.levelLabel} {d.by}
                  {d.decision === 'return' ? '退回' : '同意'}：{d.comment}
                </div>
              ))}
            {a.canWithdraw && mayWithdraw ? (
              <button type="button" className="link" onClick={() => onWithdraw(a.id)}>
                撤回
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LettersCard({ detail, base }: { detail: Detail; base: string }) {
  const letterBase = `${base}/letters`;
  if (detail.letters.length === 0 && detail.fees.length === 0) return null;
  return (
    <section className="card" aria-label="文书">
      <h2>文书</h2>
      <ul>
        {detail.letters.map((l) => (
          <li key={l.id}>
            {l.title}
            {l.documentNumber ? (
              <span data-testid="document-number">（{l.documentNumber}）</span>
            ) : null}
            （{l.issuedOn}）·{' '}
            <a className="download" href={`${letterBase}/${l.id}/document.pdf`}>
              PDF
            </a>
            <a className="download" href={`${letterBase}/${l.id}/document.docx`}>
              Word
            </a>
            <a
              className="download"
              href={`${letterBase}/${l.id}/document.html`}
              target="_blank"
              rel="noreferrer"
            >
              预览
            </a>
          </li>
        ))}
        {detail.fees.map((f) => (
          <li key={f.id}>
            信息处理费 {f.method === 'items' ? '按件' : '按量'} {f.quantity}
            {f.method === 'items' ? '件' : '页'}，{f.amountYuan} 元：
            {
              {
                notified: `待缴（期限 ${f.payBy}）`,
                paid: '已缴',
                lapsed: '逾期未缴',
                waived: `不收费（${f.waivedReason}）`,
              }[f.status]
            }
          </li>
        ))}
      </ul>
    </section>
  );
}
