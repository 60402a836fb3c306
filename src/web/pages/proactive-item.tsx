/**
 * One proactive item in the workspace: attachments, submitting for review (and taking it back),
 * the reviewer's 保密审查 checklist and decision, the 发布审查表, withdrawal.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  SECRECY_ANSWER_LABELS,
  SECRECY_ANSWERS,
  type SecrecyAnswer,
} from '../../core/proactive/secrecy.js';
import { api, ApiError } from '../api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, Page } from '../ui.js';
import { VALIDITY_LABELS } from '../../core/proactive/categories.js';
import { InterpretationLinks, ItemVersions } from './proactive-links.js';
import type { ItemAction } from '../../server/routes/proactive-actions.js';
import { STATUS_LABELS, type Item, type ItemDetail, type Review } from './proactive-model.js';
import { ValidityForm } from './proactive-validity.js';

/** The attachment size limit (services/proactive/attachments.ts ATTACHMENT_MAX_BYTES). */
const ATTACHMENT_LIMIT_MB = 20;

export function ProactiveItemPage({ id }: { id: string }) {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [item, setItem] = useState<Item | null>(null);
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [attachments, setAttachments] = useState<{ id: string; filename: string; size: number }[]>(
    [],
  );
  const [reviews, setReviews] = useState<Review[]>([]);
  const [checklist, setChecklist] = useState<{ key: string; label: string }[]>([]);
  const [answers, setAnswers] = useState<
    Record<string, { answer: SecrecyAnswer | ''; note: string }>
  >({});
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/v1/agencies/${agencyId}/proactive/items/${id}`;
  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      const d = await api<ItemDetail>('GET', base);
      setDetail(d);
      setItem(d.item);
      setAttachments(d.attachments);
      const r = await api<{ reviews: Review[]; checklist: typeof checklist }>(
        'GET',
        `${base}/reviews`,
      );
      setReviews(r.reviews);
      setChecklist(r.checklist);
    } catch (err) {
      setError(err);
    }
  }, [agencyId, base]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agencyId) return <ChooseAgency title="主动公开信息" />;
  if (!item || !detail)
    return (
      <Page title="主动公开信息">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
      setNotice(done);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const upload = async (file: File) => {
    // Refused here already, with the file named, rather than by the server's size limit.
    if (file.size > ATTACHMENT_LIMIT_MB * 1024 * 1024)
      throw new ApiError(413, {
        code: 'body_too_large',
        field: 'file',
        message: `“${file.name}”有 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过附件大小上限 ${ATTACHMENT_LIMIT_MB} MB；请压缩或拆分后再上传。`,
      });
    const csrf = await api<{ csrfToken: string }>('GET', '/api/v1/auth/csrf');
    const response = await fetch(`${base}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
        'x-csrf-token': csrf.csrfToken,
      },
      body: file,
    });
    if (!response.ok) {
      const body = (await response.json()) as { error: { code: string; message: string } };
      throw new ApiError(response.status, body.error);
    }
  };
  const pending = reviews.find((r) => r.status === 'pending');
  /** What the API would allow this person on this item (the route guards' own check). */
  const allowed = (action: ItemAction) => detail.allowedActions.includes(action);
  const approvedOnce = reviews.some((r) => r.status === 'approved');
  const firstLevel = pending?.currentLevelIndex === 0;
  return (
    <Page title={item.title}>
      <ErrorNotice error={error} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <dl className="meta">
        <dt>索引号</dt>
        <dd>{item.indexNumber}</dd>
        <dt>状态</dt>
        <dd data-testid="item-status">{STATUS_LABELS[item.status] ?? item.status}</dd>
        <dt>文号</dt>
        <dd>{item.documentNumber ?? '—'}</dd>
        <dt>发布日期</dt>
        <dd>{item.publishedOn ?? '—'}</dd>
        {item.validity ? (
          <>
            <dt>有效性</dt>
            <dd data-testid="item-validity">
              {VALIDITY_LABELS[item.validity]}
              {item.validityChangedOn ? `（${item.validityChangedOn}起）` : ''}
            </dd>
          </>
        ) : null}
        {item.withdrawnReason ? (
          <>
            <dt>撤回原因</dt>
            <dd>{item.withdrawnReason}</dd>
          </>
        ) : null}
      </dl>
      {item.status === 'published' ? (
        <p>
          <a
            href={`/portal/agencies/${agencyId}/items/${item.id}`}
            target="_blank"
            rel="noreferrer"
          >
            在门户查看
          </a>
          {allowed('correct') ? (
            <>
              {' · '}
              <Link to={`/proactive/${item.id}/correct`}>更正</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <div className="item-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      <h2>附件</h2>
      {attachments.length === 0 ? <p className="muted">暂无附件。</p> : null}
      <ul>
        {attachments.map((a) => (
          <li key={a.id}>
            <a href={`${base}/attachments/${a.id}`}>{a.filename}</a>
            {allowed('attach') ? (
              <>
                {' '}
                <button
                  type="button"
                  aria-label={`删除附件“${a.filename}”`}
                  onClick={() =>
                    void act(
                      () => api('DELETE', `${base}/attachments/${a.id}`),
                      `已删除附件“${a.filename}”。`,
                    )
                  }
                >
                  删除
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {allowed('attach') ? (
        <Field
          label="上传附件"
          hint={`PDF、DOCX、XLSX 或图片，不超过 ${ATTACHMENT_LIMIT_MB} MB。`}
          error={fieldError(error, 'file')}
        >
          <input
            type="file"
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void act(() => upload(file), `已上传“${file.name}”。`);
              e.target.value = '';
            }}
          />
        </Field>
      ) : null}
      {allowed('edit') || allowed('submit') ? (
        <p>
          {allowed('edit') ? (
            <>
              <Link to={`/proactive/${item.id}/edit`}>修改草稿</Link>{' '}
            </>
          ) : null}
          {allowed('submit') ? (
            <button
              type="button"
              onClick={() => void act(() => api('POST', `${base}/submit`, {}), '已提交发布审查。')}
            >
              提交审查
            </button>
          ) : null}
        </p>
      ) : null}
      <InterpretationLinks
        agencyId={agencyId}
        detail={detail}
        onChanged={async (message) => {
          setError(null);
          setNotice(message);
          await load();
        }}
      />
      <ItemVersions detail={detail} />
      <h2>发布审查</h2>
      {reviews.length === 0 ? <p className="muted">尚未提交审查。</p> : null}
      {reviews.map((r) => (
        <div key={r.id} className="card">
          <p>
            {r.requestedBy} 提交 ·{' '}
            {r.status === 'pending'
              ? `待${r.currentLevelLabel}审批`
              : { approved: '审查通过', returned: '已退回', withdrawn: '已撤回' }[r.status]}
          </p>
          <ul>
            {r.steps.map((s, i) => (
              <li key={i}>
                {s.levelLabel} {s.by}：{s.decision === 'approve' ? '同意' : '退回'}
                {s.comment ? `（${s.comment}）` : ''} {s.at.slice(0, 16).replace('T', ' ')}
              </li>
            ))}
          </ul>
          {r.status === 'pending' && allowed('withdrawReview') ? (
            <button
              type="button"
              onClick={() =>
                void act(
                  () => api('POST', `/api/v1/agencies/${agencyId}/approvals/${r.id}/withdraw`, {}),
                  '已撤回审查，信息回到草稿，可以修改后重新提交。',
                )
              }
            >
              撤回审查
            </button>
          ) : null}
        </div>
      ))}
      {pending && allowed('review') ? (
        <form
          className="form"
          onSubmit={(e) => e.preventDefault()}
          aria-label="审查决定"
          noValidate
        >
          {firstLevel ? (
            <fieldset>
              <legend>保密审查清单</legend>
              {checklist.map((c) => (
                <div key={c.key} className="field">
                  <Field label={c.label} error={fieldError(error, `checks.${c.key}`)}>
                    <select
                      value={answers[c.key]?.answer ?? ''}
                      onChange={(e) =>
                        setAnswers({
                          ...answers,
                          [c.key]: {
                            answer: e.target.value as SecrecyAnswer,
                            note: answers[c.key]?.note ?? '',
                          },
                        })
                      }
                    >
                      <option value="">请选择</option>
                      {SECRECY_ANSWERS.map((a) => (
                        <option key={a} value={a}>
                          {SECRECY_ANSWER_LABELS[a]}
                        </option>
                      ))}
                    </select>
                  </Field>
                  {answers[c.key]?.answer === 'handled' ? (
                    <Field label={`${c.label}：处理说明`}>
                      <input
                        value={answers[c.key]?.note ?? ''}
                        onChange={(e) =>
                          setAnswers({
                            ...answers,
                            [c.key]: { answer: 'handled', note: e.target.value },
                          })
                        }
                      />
                    </Field>
                  ) : null}
                </div>
              ))}
              {fieldError(error, 'checks') &&
              !checklist.some((c) => fieldError(error, `checks.${c.key}`)) ? (
                <span className="field-error">{fieldError(error, 'checks')}</span>
              ) : null}
            </fieldset>
          ) : null}
          <Field label="审查意见" error={fieldError(error, 'comment')}>
            <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Field>
          <button
            type="button"
            onClick={() =>
              void act(
                () =>
                  api('POST', `${base}/review`, {
                    decision: 'approve',
                    comment: comment || null,
                    ...(firstLevel
                      ? {
                          checks: Object.entries(answers)
                            .filter(([, v]) => v.answer)
                            .map(([key, v]) => ({ key, answer: v.answer, note: v.note })),
                        }
                      : {}),
                  }),
                '已同意。',
              )
            }
          >
            同意
          </button>{' '}
          <button
            type="button"
            onClick={() =>
              void act(
                () => api('POST', `${base}/review`, { decision: 'return', comment }),
                '已退回经办人。',
              )
            }
          >
            退回
          </button>
        </form>
      ) : null}
      {approvedOnce ? (
        <p>
          发布审查表：<a href={`${base}/review-sheet.docx`}>Word（DOCX）</a> ·{' '}
          <a href={`${base}/review-sheet.pdf`}>PDF</a>
        </p>
      ) : null}
      {allowed('validity') ? (
        <ValidityForm
          agencyId={agencyId}
          item={item}
          onChanged={async (message) => {
            setError(null);
            setNotice(message);
            await load();
          }}
        />
      ) : null}
      {allowed('withdraw') ? (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              () => api('POST', `${base}/withdraw`, { reason }),
              '已撤回，信息已离开门户，保留在档案中。',
            );
          }}
        >
          <h2>撤回发布</h2>
          <Field label="撤回原因" error={fieldError(error, 'reason')}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button type="submit">撤回</button>
        </form>
      ) : null}
    </Page>
  );
}
