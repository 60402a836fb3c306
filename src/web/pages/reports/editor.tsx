import { useCallback, useEffect, useMemo, useState } from 'react';
import { reportFromDraft, setFigureAt, type ReportDraft } from '../../../core/report/draft.js';
import { validateReport } from '../../../core/report/validate.js';
import { api } from '../../api.js';
import { useUnsavedWarning } from '../../router.js';
import { useSession } from '../../session.js';
import { ErrorNotice, Page, ChooseAgency } from '../../ui.js';
import { formatInstant, shanghaiToday } from '../../format.js';
import { DraftForm } from './draft-form.js';
import { clearLocalDraft, useFoundLocalDraft, useLocalDraft } from './local-draft.js';
import { ApprovalNotice, FindingsCard, VersionsCard } from './editor-cards.js';
import { canEdit, canPublish, type ReportDetail } from './types.js';

/** One year's report: the draft edited and checked at every keystroke, published, corrected. */

export function ReportEditorPage({ year }: { year: number }) {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [detail, setDetail] = useState<ReportDetail | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [invalidPaths, setInvalidPaths] = useState<Set<string>>(new Set());
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const editable = canEdit(context) && !!draft && detail?.approval?.status !== 'pending';
  const base = `/api/v1/agencies/${agencyId}/reports/${year}`;

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      const d = await api<ReportDetail>('GET', base);
      setDetail(d);
      setDraft(d.draft);
      setDirty(false);
    } catch (e) {
      setError(e);
    }
  }, [agencyId, base]);
  useEffect(() => {
    void load();
  }, [load]);

  // Unsaved edits: closing the tab or following a link asks first, and a copy stays in this
  // browser until saved.
  useUnsavedWarning(dirty);
  useLocalDraft(agencyId, year, draft, dirty, detail?.draftUpdatedAt ?? null);
  const [local, setLocal] = useFoundLocalDraft(agencyId, year);
  const [restored, setRestored] = useState(0);

  /** The report as typed so far, judged by the same rules as on the server, at every keystroke. */
  const live = useMemo(() => {
    if (!draft || !detail || invalidPaths.size > 0) return null;
    const report = reportFromDraft(draft, {
      agency: detail.agencyName,
      level: detail.report.agencyLevel ?? 'department',
      year,
      publishedOn: null,
    });
    return { report, findings: validateReport(report, { today: shanghaiToday() }) };
  }, [draft, detail, invalidPaths, year]);

  if (!agencyId) return <ChooseAgency title="年度报告" />;
  if (!detail)
    return (
      <Page title={`${year}年度报告`}>
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在加载…</p>}
      </Page>
    );

  const update = (mutate: (d: ReportDraft) => void) => {
    if (!draft) return;
    const next = structuredClone(draft);
    mutate(next);
    setDraft(next);
    setDirty(true);
    setMessage(null);
  };

  const setFigure = (path: string, raw: string) => {
    const trimmed = raw
      .trim()
      .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const value = trimmed === '' ? Number.NaN : Number(trimmed);
    const next = new Set(invalidPaths);
    const fee = path === 'proactive.administrative_fees.amount_wan_yuan';
    const ok = Number.isFinite(value) && value >= 0 && (fee || Number.isInteger(value));
    if (ok) next.delete(path);
    else next.add(path);
    setInvalidPaths(next);
    update((d) => setFigureAt(d.figures, path, value));
  };

  /** Figures from elsewhere (the 主动公开 register), all in one edit; valid by construction. */
  const setFigures = (values: { path: string; value: number }[]) => {
    if (values.length === 0) return;
    const next = new Set(invalidPaths);
    for (const { path } of values) next.delete(path);
    setInvalidPaths(next);
    update((d) => values.forEach(({ path, value }) => setFigureAt(d.figures, path, value)));
  };

  async function save(): Promise<boolean> {
    if (!draft) return false;
    if (invalidPaths.size > 0) {
      setError(
        new Error(
          '有的数字填写得不对（标红的格子）：件数须为非负整数，收费金额为非负数。请改正后再保存。',
        ),
      );
      return false;
    }
    setBusy(true);
    setError(null);
    try {
      const { figureSources: _sources, ...edit } = draft;
      const d = await api<ReportDetail>('PUT', `${base}/draft`, edit);
      setDetail(d);
      setDraft(d.draft);
      setDirty(false);
      clearLocalDraft(agencyId!, year);
      setLocal(null);
      setMessage('草稿已保存。');
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (dirty && !(await save())) return;
    const correcting = detail!.versions.length > 0;
    if (
      !window.confirm(
        correcting
          ? '确定发布更正版本吗？原版本仍会公开，并标明已更正。'
          : '确定发布吗？发布后报告不能修改，只能发布更正版本。',
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      const d = await api<ReportDetail>(
        'POST',
        `${base}/publish`,
        correcting ? { correctionReason: reason } : {},
      );
      setDetail(d);
      setDraft(d.draft);
      setMessage(
        d.approval?.status === 'pending'
          ? `已提请审批，待${d.approval.currentLevelLabel ?? '审核人'}同意后发布。`
          : `已发布第 ${d.versions.at(-1)!.version} 版。`,
      );
      setReason('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function withdrawApproval() {
    if (!detail?.approval) return;
    setError(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/approvals/${detail.approval.id}/withdraw`);
      const d = await api<ReportDetail>('GET', base);
      setDetail(d);
      setDraft(d.draft);
      setMessage('已撤回审批，可以继续修改草稿。');
    } catch (e) {
      setError(e);
    }
  }

  async function startCorrection() {
    setError(null);
    try {
      const d = await api<ReportDetail>('POST', `${base}/correction`);
      setDetail(d);
      setDraft(d.draft);
      setMessage('已以最新版本为底稿建立更正草稿。');
    } catch (e) {
      setError(e);
    }
  }

  const findings = live?.findings ?? detail.findings;
  const latest = detail.versions.at(-1);
  const pendingApproval = detail.approval?.status === 'pending';
  const errors = findings.filter((f) => f.severity === 'error');
  const view = draft ?? null;
  const tables = live?.report.tables ?? detail.report.tables;

  return (
    <Page
      title={`${detail.agencyName}${year}年度报告`}
      actions={
        <>
          {draft ? (
            <a
              className="button"
              href={`${base}/draft/document.html`}
              target="_blank"
              rel="noreferrer"
              onClick={(event) => {
                // The preview is of the saved draft: save unsaved edits first.
                if (!dirty) return;
                event.preventDefault();
                void save().then((ok) => {
                  if (ok) window.open(`${base}/draft/document.html`, '_blank', 'noreferrer');
                });
              }}
            >
              预览{dirty ? '（先保存）' : ''}
            </a>
          ) : null}
          {editable ? (
            <button type="button" onClick={() => void save()} disabled={busy || !dirty}>
              保存草稿
            </button>
          ) : null}
          {draft && canPublish(context) && !pendingApproval ? (
            <button
              type="button"
              className="primary"
              onClick={() => void publish()}
              disabled={busy || errors.length > 0}
            >
              {detail.versions.length > 0 ? '发布更正版本' : '发布'}
            </button>
          ) : null}
          {pendingApproval && detail.approval?.canWithdraw ? (
            <button type="button" onClick={() => void withdrawApproval()}>
              撤回审批
            </button>
          ) : null}
          {!draft && latest && canEdit(context) ? (
            <button type="button" onClick={() => void startCorrection()}>
              发起更正
            </button>
          ) : null}
        </>
      }
    >
      <p className="muted">
        {draft
          ? `草稿${dirty ? '（有未保存的修改）' : ''}`
          : `已发布第 ${latest?.version} 版（${latest?.publishedOn}）`}
        {latest && draft ? `；已发布第 ${latest.version} 版，正在更正` : ''}
      </p>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      {draft ? <ApprovalNotice detail={detail} /> : null}
      <ErrorNotice error={error} />
      {local && editable ? (
        <div className="notice notice-info" role="status" aria-label="本机保存的修改">
          本浏览器中有 {formatInstant(local.at)} 尚未保存的修改
          {local.base !== detail.draftUpdatedAt
            ? '（此后草稿已在别处保存过，恢复将覆盖那些修改）'
            : ''}
          。{' '}
          <button
            type="button"
            onClick={() => {
              setDraft(local.draft);
              setDirty(true);
              setLocal(null);
              setRestored((n) => n + 1);
              setMessage('已恢复本机保存的修改，请检查后保存草稿。');
            }}
          >
            恢复这些修改
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              clearLocalDraft(agencyId, year);
              setLocal(null);
            }}
          >
            放弃
          </button>
        </div>
      ) : null}

      <FindingsCard findings={findings} />

      {latest ? (
        <VersionsCard
          detail={detail}
          base={base}
          draft={!!draft}
          reason={reason}
          setReason={setReason}
        />
      ) : null}

      {view ? (
        <DraftForm
          key={restored}
          view={view}
          year={year}
          tables={tables}
          editable={editable}
          update={update}
          setFigure={setFigure}
          setFigures={setFigures}
          invalidPaths={invalidPaths}
        />
      ) : (
        <section className="card" aria-label="报告全文">
          <p>
            <a
              href={`${base}/versions/${latest?.version}/document.html`}
              target="_blank"
              rel="noreferrer"
            >
              查看已发布的报告全文
            </a>
          </p>
        </section>
      )}
    </Page>
  );
}
