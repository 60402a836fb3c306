import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.js';
import { Link } from '../../router.js';
import { mayInAgency, useSession } from '../../session.js';
import { ErrorNotice, Page, ChooseAgency } from '../../ui.js';
import { AcknowledgementButton, HandoffPanel } from '../application-handoffs.js';
import { ActionForm } from './action-form.js';
import { ApprovalsCard, DueCard, LettersCard, TimelineCard } from './case-cards.js';
import type { ApprovalView, Detail } from './types.js';
import { canHandle, UrgencyBadge } from './urgency.js';

/** One case: who asked for what, its due date, its timeline, and the next steps. */

export function ApplicationDetailPage({ id }: { id: string }) {
  const { context, me } = useSession();
  const agencyId = context?.agencyId;
  const base = `/api/v1/agencies/${agencyId}/applications/${id}`;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [approvals, setApprovals] = useState<ApprovalView[]>([]);
  const [handlers, setHandlers] = useState<{ id: string; displayName: string }[]>([]);
  const [suggested, setSuggested] = useState<Record<string, string>>({});
  const [suggestedReasons, setSuggestedReasons] = useState<Record<string, string>>({});
  const [revealed, setRevealed] = useState<Record<string, string | null> | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      const [d, a] = await Promise.all([
        api<Detail>('GET', base),
        api<{ approvals: ApprovalView[] }>('GET', `${base}/approvals`),
      ]);
      setDetail(d);
      setApprovals(a.approvals);
    } catch (e) {
      setError(e);
    }
  }, [agencyId, base]);
  useEffect(() => {
    void load();
    if (!agencyId) return;
    api<{ handlers: { id: string; displayName: string }[] }>(
      'GET',
      `/api/v1/agencies/${agencyId}/application-handlers`,
    ).then((r) => setHandlers(r.handlers), setError);
    api<{ suggestedLegalBasis: Record<string, string>; suggestedReasons: Record<string, string> }>(
      'GET',
      `/api/v1/agencies/${agencyId}/application-settings`,
    ).then((r) => {
      setSuggested(r.suggestedLegalBasis);
      setSuggestedReasons(r.suggestedReasons ?? {});
    }, setError);
  }, [load, agencyId]);

  if (!agencyId) return <ChooseAgency title="申请" />;
  if (!detail)
    return (
      <Page title="申请">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在加载…</p>}
      </Page>
    );

  const handling = canHandle(context);
  // The reveal route checks application.handle, and the case's clerk (canReveal, per record).
  const canReveal = detail.canReveal && handling;
  const done = async (d: Detail, text: string) => {
    setOpen(null);
    setDetail(d);
    setMessage(text);
    const a = await api<{ approvals: ApprovalView[] }>('GET', `${base}/approvals`);
    setApprovals(a.approvals);
  };
  async function reveal() {
    setError(null);
    try {
      setRevealed(await api<Record<string, string | null>>('POST', `${base}/reveal`));
    } catch (e) {
      setError(e);
    }
  }
  async function assign(userId: string) {
    setError(null);
    try {
      await done(
        await api<Detail>('PUT', `${base}/assignee`, { userId: userId || null }),
        '经办人已更新。',
      );
    } catch (e) {
      setError(e);
    }
  }
  async function withdraw(approvalId: string) {
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/approvals/${approvalId}/withdraw`);
      await load();
    } catch (e) {
      setError(e);
    }
  }

  const allowed = detail.actions.filter((a) => a.allowed);
  const blocked = detail.actions.filter((a) => !a.allowed && a.reason);
  return (
    <Page title={`申请 ${detail.number}`} actions={<Link to="/applications">返回列表</Link>}>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {detail.historyProblem ? (
        <div className="notice notice-error">{detail.historyProblem}</div>
      ) : null}
      <div className="case-grid">
        <section className="card" aria-label="申请信息">
          <h2>
            {detail.statusLabel}{' '}
            <UrgencyBadge urgency={detail.urgency} days={detail.workingDaysLeft} />
          </h2>
          <dl className="facts">
            <dt>申请人</dt>
            <dd>
              {detail.applicantName}（{detail.applicantKindLabel}）
            </dd>
            {detail.legalRepresentative ? (
              <>
                <dt>法定代表人</dt>
                <dd>{detail.legalRepresentative}</dd>
              </>
            ) : null}
            <dt>{detail.idTypeLabel}</dt>
            <dd data-testid="id-number">{revealed?.idNumber ?? detail.idNumberMasked}</dd>
            <dt>联系电话</dt>
            <dd>{revealed?.phone ?? detail.phoneMasked}</dd>
            <dt>通信地址</dt>
            <dd>{revealed ? (revealed.address ?? '—') : detail.hasAddress ? '（已隐藏）' : '—'}</dd>
            <dt>电子邮箱</dt>
            <dd>{revealed ? (revealed.email ?? '—') : detail.hasEmail ? '（已隐藏）' : '—'}</dd>
            <dt>收到</dt>
            <dd>
              {detail.receivedOn}（{detail.channelLabel}）
            </dd>
            <dt>所需信息</dt>
            <dd>{detail.description}</dd>
            <dt>形式与方式</dt>
            <dd>
              {detail.formWantedLabel}，{detail.deliveryMethodLabel}
            </dd>
            {detail.outcomeLabel ? (
              <>
                <dt>办理结果</dt>
                <dd>
                  {detail.outcomeLabel}
                  {detail.legalBasis ? (
                    <div className="muted small">依据：{detail.legalBasis}</div>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
          {canReveal && !revealed ? (
            <button type="button" onClick={() => void reveal()}>
              显示完整证件号码和联系方式
            </button>
          ) : null}
          {!canReveal ? (
            <p className="muted small">证件号码和联系方式只对本案经办人完整显示。</p>
          ) : (
            <p className="muted small">每次查看都会记入操作留痕。</p>
          )}
          {detail.canAssign ? (
            <label className="inline">
              经办人
              <select
                aria-label="经办人"
                value={detail.assignedUserId ?? ''}
                onChange={(e) => void assign(e.target.value)}
              >
                <option value="">（未分派）</option>
                {handlers.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.displayName}
                    {h.id === me.user.id ? '（我）' : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="small">
              经办人：{detail.assignedUserName ?? '（未分派）'}
              <span className="muted">（已分派的申请，只有当前经办人或机关管理员可以改派）</span>
            </p>
          )}
        </section>
        <DueCard detail={detail} />
      </div>

      <TimelineCard
        detail={detail}
        base={base}
        handling={handling}
        onUploaded={() => void load()}
      />

      <ApprovalsCard
        approvals={approvals}
        // Withdrawing checks review.submit, and that the request is one's own (canWithdraw).
        mayWithdraw={mayInAgency(context, 'review.submit')}
        onWithdraw={(id) => void withdraw(id)}
      />

      {handling ? (
        <HandoffPanel<Detail>
          agencyId={agencyId}
          base={base}
          handling={detail.handling}
          open={!['replied', 'delivered', 'closed'].includes(detail.status)}
          onDone={(d, text) => void done(d, text)}
        />
      ) : null}
      <LettersCard detail={detail} base={base} />

      {handling ? (
        <section className="card" aria-label="办理">
          <h2>办理</h2>
          {detail.status === 'correction_review' && detail.correction?.lateSubmission ? (
            <div className="notice" role="note" aria-label="逾期补正">
              申请人于 {detail.correction.lateSubmission.on} 提交了补正，已超过补正期限（
              {detail.correction.correctBy}）。是否有正当理由由本机关审查决定（条例第三十条）：
              {detail.correction.lateSubmission.text ? (
                <div>补正内容：{detail.correction.lateSubmission.text}</div>
              ) : null}
              {detail.correction.lateSubmission.explanation ? (
                <div>申请人说明：{detail.correction.lateSubmission.explanation}</div>
              ) : null}
              <div>请选择“接受逾期补正”或“不接受逾期补正”。</div>
            </div>
          ) : null}
          <div className="action-buttons">
            {detail.letters.some((l) => l.kind === 'acknowledgement') ||
            detail.status === 'closed' ? null : (
              <AcknowledgementButton<Detail> base={base} onDone={(d, text) => void done(d, text)} />
            )}
            {allowed.map((a) => (
              <button
                key={a.action}
                type="button"
                className={open === a.action ? 'primary' : ''}
                onClick={() => setOpen(open === a.action ? null : a.action)}
              >
                {a.label}
              </button>
            ))}
          </div>
          {open ? (
            <ActionForm
              key={open}
              action={open}
              label={allowed.find((a) => a.action === open)?.label ?? open}
              base={base}
              detail={detail}
              suggested={suggested}
              suggestedReasons={suggestedReasons}
              onDone={(d) => void done(d, '已记录。')}
            />
          ) : null}
          {blocked.length > 0 ? (
            <details className="muted small">
              <summary>为什么有些步骤不能办理</summary>
              <ul>
                {blocked.map((a) => (
                  <li key={a.action}>
                    {a.label}：{a.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : (
        <p className="muted">
          办理步骤（补正、征求意见、答复等）由本机关经办人记录，这里只供查看。
        </p>
      )}
    </Page>
  );
}
