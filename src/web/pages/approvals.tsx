import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ErrorNotice, Page, ChooseAgency } from '../ui.js';

interface ApprovalView {
  id: string;
  applicationId: string;
  applicationNumber: string;
  applicantName: string;
  kindLabel: string;
  summary: string;
  note: string | null;
  status: string;
  currentLevel: string | null;
  levels: { level: string; label: string }[];
  requestedBy: string;
  requestedAt: string;
  decisions: { levelLabel: string; decision: string; comment: string | null; by: string }[];
  canDecide: boolean;
}

/** The reviewer's inbox: extensions and replies waiting for their level of the review chain. */
export function ApprovalsPage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [approvals, setApprovals] = useState<ApprovalView[] | null>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
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

  async function decide(id: string, decision: 'approve' | 'reject') {
    setError(null);
    setMessage(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/approvals/${id}/decision`, {
        decision,
        ...(comments[id] ? { comment: comments[id] } : {}),
      });
      setMessage(decision === 'approve' ? '已同意。' : '已退回。');
      await load();
    } catch (e) {
      setError(e);
    }
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
        <section
          key={a.id}
          className="card approval"
          aria-label={`${a.kindLabel} ${a.applicationNumber}`}
        >
          <h2>
            {a.kindLabel}：
            <Link to={`/applications/${a.applicationId}`}>{a.applicationNumber}</Link>{' '}
            {a.applicantName}
          </h2>
          <p>{a.summary}</p>
          {a.note ? <p className="note">{a.note}</p> : null}
          <p className="muted small">
            {a.requestedBy} 于 {a.requestedAt.slice(0, 10)} 提交 · 审核流程：
            {a.levels.map((l) => l.label).join(' → ')} · 当前：
            {a.levels.find((l) => l.level === a.currentLevel)?.label}
          </p>
          {a.decisions.map((d, i) => (
            <p key={i} className="muted small">
              {d.levelLabel} {d.by}：{d.decision === 'approve' ? '同意' : '退回'}
              {d.comment ? `（${d.comment}）` : ''}
            </p>
          ))}
          {a.canDecide ? (
            <div className="inline-form">
              <input
                aria-label="审批意见"
                placeholder="审批意见（退回时必填）"
                value={comments[a.id] ?? ''}
                onChange={(e) => setComments({ ...comments, [a.id]: e.target.value })}
              />
              <button
                type="button"
                className="primary"
                onClick={() => void decide(a.id, 'approve')}
              >
                同意
              </button>
              <button type="button" onClick={() => void decide(a.id, 'reject')}>
                退回
              </button>
            </div>
          ) : (
            <p className="muted small">待其他层级审批。</p>
          )}
        </section>
      ))}
    </Page>
  );
}
