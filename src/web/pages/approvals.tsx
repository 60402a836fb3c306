import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ErrorNotice, Page, ChooseAgency } from '../ui.js';

interface ApprovalView {
  id: string;
  kind: string;
  kindLabel: string;
  subjectId: string;
  subjectLabel: string;
  summary: string;
  payload: { year?: number };
  note: string | null;
  status: string;
  currentLevelLabel: string | null;
  currentLevelIndex: number | null;
  levels: { label: string }[];
  requestedBy: string;
  requestedAt: string;
  steps: { levelLabel: string; decision: string; comment: string | null; by: string; at: string }[];
  canDecide: boolean;
}

interface ApprovalDetail extends ApprovalView {
  preview: {
    document: { title: string; html: string; url?: string } | null;
    timeline: { date: string; label: string; detail?: string | null }[];
    reasons: { label: string; text: string }[];
  } | null;
}

/** Where the subject of a request is shown in the workspace. */
function subjectLink(a: ApprovalView): string | null {
  if (a.kind.startsWith('application.')) return `/applications/${a.subjectId}`;
  if (a.kind.startsWith('report.') && a.payload.year) return `/reports/${a.payload.year}`;
  if (a.kind.startsWith('proactive_item.')) return `/proactive/${a.subjectId}`;
  return null;
}

/** One request opened: the document as it will go out, the timeline, the reasons, the decision. */
function ApprovalCard({
  agencyId,
  approval,
  onDecided,
}: {
  agencyId: string;
  approval: ApprovalView;
  onDecided: (message: string) => Promise<void>;
}) {
  const [detail, setDetail] = useState<ApprovalDetail | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const a = approval;
  const link = subjectLink(a);

  useEffect(() => {
    api<ApprovalDetail>('GET', `/api/v1/agencies/${agencyId}/approvals/${a.id}`).then(
      setDetail,
      setError,
    );
  }, [agencyId, a.id]);

  async function decide(decision: 'approve' | 'return') {
    setError(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/approvals/${a.id}/decision`, {
        decision,
        ...(comment.trim() ? { comment } : {}),
      });
      await onDecided(decision === 'approve' ? '已同意。' : '已退回，意见已送提请人并记入记录。');
    } catch (e) {
      setError(e);
    }
  }

  const preview = detail?.preview;
  return (
    <section className="card approval" aria-label={`${a.kindLabel} ${a.subjectLabel}`}>
      <h2>
        {a.kindLabel}：{link ? <Link to={link}>{a.subjectLabel}</Link> : a.subjectLabel}
      </h2>
      <p>{a.summary}</p>
      <p className="muted small">
        {a.requestedBy} 于 {a.requestedAt.slice(0, 10)} 提请 · 审核流程：
        {a.levels.map((l) => l.label).join(' → ')} · 当前：{a.currentLevelLabel ?? '—'}
      </p>
      {a.steps.map((d, i) => (
        <p key={i} className="muted small">
          {d.levelLabel} {d.by}：{d.decision === 'approve' ? '同意' : '退回'}
          {d.comment ? `（${d.comment}）` : ''}
        </p>
      ))}
      {preview ? (
        <div className="approval-preview">
          {preview.reasons.length > 0 ? (
            <dl className="facts" aria-label="理由与依据">
              {preview.reasons.map((r) => (
                <div key={r.label}>
                  <dt>{r.label}</dt>
                  <dd>{r.text}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {preview.document ? (
            <details open>
              <summary>{preview.document.title}</summary>
              {/* Rendered on the server from escaped text (render/letters, render/html). */}
              <div
                className="letter-preview"
                data-testid="approval-document"
                dangerouslySetInnerHTML={{ __html: preview.document.html }}
              />
              {preview.document.url ? (
                <a href={preview.document.url} target="_blank" rel="noreferrer">
                  在新窗口中打开
                </a>
              ) : null}
            </details>
          ) : null}
          {preview.timeline.length > 0 ? (
            <details>
              <summary>办理经过（{preview.timeline.length} 项）</summary>
              <ol className="timeline" aria-label="办理经过">
                {preview.timeline.map((t, i) => (
                  <li key={i}>
                    {t.date} {t.label}
                    {t.detail ? <span className="muted small">：{t.detail}</span> : null}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {a.canDecide && a.kind === 'proactive_item.publish' && a.currentLevelIndex === 0 ? (
        // The first level completes the 保密审查 checklist with its approval, on the item's page.
        <p>
          <Link to={`/proactive/${a.subjectId}`} className="button">
            填写保密审查清单并审查
          </Link>
        </p>
      ) : a.canDecide ? (
        <div className="approval-decision">
          <label>
            审批意见（退回时必填，将送提请人并记入记录）
            <textarea value={comment} rows={3} onChange={(e) => setComment(e.target.value)} />
          </label>
          <div className="inline-form">
            <button type="button" className="primary" onClick={() => void decide('approve')}>
              同意
            </button>
            <button type="button" onClick={() => void decide('return')}>
              退回修改
            </button>
          </div>
        </div>
      ) : (
        <p className="muted small">
          {a.status === 'pending' ? `待${a.currentLevelLabel ?? '其他层级'}审批。` : null}
        </p>
      )}
    </section>
  );
}

/** The reviewer's inbox: everything of the agency waiting for a level of its review chain. */
export function ApprovalsPage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [approvals, setApprovals] = useState<ApprovalView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      setApprovals(
        (await api<{ approvals: ApprovalView[] }>('GET', `/api/v1/agencies/${agencyId}/approvals`))
          .approvals,
      );
    } catch (e) {
      setError(e);
    }
  }, [agencyId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!agencyId) {
    return <ChooseAgency title="审批" />;
  }

  return (
    <Page title="审批">
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {approvals && approvals.length === 0 ? <p className="muted">没有待审批的事项。</p> : null}
      {(approvals ?? []).map((a) => (
        <ApprovalCard
          key={a.id}
          agencyId={agencyId}
          approval={a}
          onDecided={async (text) => {
            setMessage(text);
            await load();
          }}
        />
      ))}
    </Page>
  );
}
