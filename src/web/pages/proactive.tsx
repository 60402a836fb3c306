/**
 * 主动公开 in the workspace: the register of items, drafting with attachments, submitting for
 * review, the reviewer's 保密审查 checklist and decision, withdrawal and the 发布审查表.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  ARTICLE_20_CATEGORIES,
  CHANNEL_LABELS,
  CHANNELS,
  GENRES,
  ITEM_KIND_LABELS,
  ITEM_KINDS,
  TOPICS,
  VALIDITY_LABELS,
  type Channel,
  type ItemKind,
} from '../../core/proactive/categories.js';
import {
  SECRECY_ANSWER_LABELS,
  SECRECY_ANSWERS,
  type SecrecyAnswer,
} from '../../core/proactive/secrecy.js';
import { api, ApiError } from '../api.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, Page } from '../ui.js';

const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  in_review: '审查中',
  approved: '审查通过',
  published: '已发布',
  withdrawn: '已撤回',
};

interface Item {
  id: string;
  indexNumber: string;
  kind: ItemKind;
  title: string;
  bodyHtml: string;
  summary: string;
  documentNumber: string | null;
  issuingBody: string;
  writtenOn: string | null;
  publishedOn: string | null;
  topic: string;
  genre: string;
  article20Category: string;
  channels: Channel[];
  validity: keyof typeof VALIDITY_LABELS | null;
  status: string;
  withdrawnReason: string | null;
  authorUserId: string | null;
}

interface Review {
  id: string;
  status: string;
  currentLevelIndex: number | null;
  currentLevelLabel: string | null;
  canDecide: boolean;
  canWithdraw: boolean;
  requestedBy: string;
  steps: { levelLabel: string; decision: string; comment: string | null; by: string; at: string }[];
}

export function ProactivePage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!agencyId) return;
    api<{ items: Item[] }>('GET', `/api/v1/agencies/${agencyId}/proactive/items`)
      .then((r) => setItems(r.items))
      .catch(setError);
  }, [agencyId]);
  if (!agencyId) return <ChooseAgency title="主动公开" />;
  return (
    <Page
      title="主动公开"
      actions={
        context?.role === 'clerk' ? (
          <Link to="/proactive/new" className="button">
            起草信息
          </Link>
        ) : null
      }
    >
      <ErrorNotice error={error} />
      <p>
        <a href={`/portal/agencies/${agencyId}/disclosure`} target="_blank" rel="noreferrer">
          查看本机关政府信息公开专栏
        </a>
      </p>
      {items === null ? (
        <p className="muted">正在读取……</p>
      ) : items.length === 0 ? (
        <p className="muted">还没有主动公开信息。</p>
      ) : (
        <table className="data" aria-label="主动公开信息">
          <thead>
            <tr>
              <th>索引号</th>
              <th>标题</th>
              <th>类别</th>
              <th>状态</th>
              <th>发布日期</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{i.indexNumber}</td>
                <td>
                  <Link to={`/proactive/${i.id}`}>{i.title}</Link>
                  {i.validity && i.validity !== 'in_force' ? (
                    <span className="badge">{VALIDITY_LABELS[i.validity]}</span>
                  ) : null}
                </td>
                <td>{ITEM_KIND_LABELS[i.kind]}</td>
                <td>{STATUS_LABELS[i.status] ?? i.status}</td>
                <td>{i.publishedOn ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

type Form = Omit<
  Item,
  'id' | 'indexNumber' | 'status' | 'publishedOn' | 'validity' | 'withdrawnReason' | 'authorUserId'
> & {
  policyId?: string | null;
  interpretationForm?: string | null;
  catalogueEntryId?: string | null;
};

/** The fields the API takes, and only those (it refuses unknown ones). */
function formOf(item: Item & Partial<Form>): Form {
  return {
    kind: item.kind,
    title: item.title,
    bodyHtml: item.bodyHtml,
    summary: item.summary,
    documentNumber: item.documentNumber ?? '',
    issuingBody: item.issuingBody,
    writtenOn: item.writtenOn ?? '',
    topic: item.topic,
    genre: item.genre,
    article20Category: item.article20Category,
    channels: item.channels,
    policyId: item.policyId ?? null,
    interpretationForm: item.interpretationForm ?? null,
    catalogueEntryId: item.catalogueEntryId ?? null,
  };
}

const emptyForm = (issuingBody: string): Form => ({
  kind: 'general',
  title: '',
  bodyHtml: '',
  summary: '',
  documentNumber: '',
  issuingBody,
  writtenOn: '',
  topic: TOPICS[0],
  genre: GENRES[0],
  article20Category: 'a20_15',
  channels: ['website'],
});

export function ProactiveEditPage({ id }: { id: string | null }) {
  const { context } = useSession();
  const { navigate } = useRouter();
  const agencyId = context?.agencyId;
  const [form, setForm] = useState<Form | null>(id ? null : emptyForm(''));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!agencyId) return;
    if (id) {
      api<{ item: Item }>('GET', `/api/v1/agencies/${agencyId}/proactive/items/${id}`)
        .then(({ item }) => setForm(formOf(item)))
        .catch(setError);
    } else {
      // 发布机构 defaults to the agency's name (the clerk may change it).
      api<{ agency: { name: string } }>('GET', `/api/v1/agencies/${agencyId}`)
        .then(({ agency }) =>
          setForm((f) => (f && !f.issuingBody ? { ...f, issuingBody: agency.name } : f)),
        )
        .catch(() => undefined);
    }
  }, [agencyId, id]);
  if (!agencyId) return <ChooseAgency title="起草信息" />;
  if (!form)
    return (
      <Page title="修改信息">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const body = {
      ...form,
      documentNumber: form.documentNumber || null,
      writtenOn: form.writtenOn || null,
    };
    try {
      const r = id
        ? await api<{ item: Item }>(
            'PUT',
            `/api/v1/agencies/${agencyId}/proactive/items/${id}`,
            body,
          )
        : await api<{ item: Item }>('POST', `/api/v1/agencies/${agencyId}/proactive/items`, body);
      navigate(`/proactive/${r.item.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Page title={id ? '修改信息' : '起草信息'}>
      <ErrorNotice error={error} />
      <form onSubmit={save} className="form" noValidate>
        <Field label="信息类别" error={fieldError(error, 'kind')}>
          <select value={form.kind} onChange={(e) => set('kind', e.target.value as ItemKind)}>
            {ITEM_KINDS.filter((k) => k !== 'interpretation').map((k) => (
              <option key={k} value={k}>
                {ITEM_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="标题" error={fieldError(error, 'title')}>
          <input
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            maxLength={200}
          />
        </Field>
        <Field
          label="正文"
          hint="可使用段落、加粗、列表、表格和链接；保存时会清除不安全的内容。"
          error={fieldError(error, 'bodyHtml')}
        >
          <textarea
            rows={10}
            value={form.bodyHtml}
            onChange={(e) => set('bodyHtml', e.target.value)}
          />
        </Field>
        <Field label="内容概述" error={fieldError(error, 'summary')}>
          <input
            value={form.summary}
            onChange={(e) => set('summary', e.target.value)}
            maxLength={500}
          />
        </Field>
        <Field label="文号" error={fieldError(error, 'documentNumber')}>
          <input
            value={form.documentNumber ?? ''}
            onChange={(e) => set('documentNumber', e.target.value)}
          />
        </Field>
        <Field label="发布机构" error={fieldError(error, 'issuingBody')}>
          <input value={form.issuingBody} onChange={(e) => set('issuingBody', e.target.value)} />
        </Field>
        <Field label="成文日期" error={fieldError(error, 'writtenOn')}>
          <input
            type="date"
            value={form.writtenOn ?? ''}
            onChange={(e) => set('writtenOn', e.target.value)}
          />
        </Field>
        <Field label="主题分类" error={fieldError(error, 'topic')}>
          <select value={form.topic} onChange={(e) => set('topic', e.target.value)}>
            {TOPICS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <Field label="体裁分类" error={fieldError(error, 'genre')}>
          <select value={form.genre} onChange={(e) => set('genre', e.target.value)}>
            {GENRES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <Field label="法定主动公开内容类别" error={fieldError(error, 'article20Category')}>
          <select
            value={form.article20Category}
            onChange={(e) => set('article20Category', e.target.value)}
          >
            {ARTICLE_20_CATEGORIES.map((c) => (
              <option key={c.key} value={c.key}>
                {c.number}
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>公开渠道</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={form.channels.includes(c)}
                onChange={(e) =>
                  set(
                    'channels',
                    e.target.checked ? [...form.channels, c] : form.channels.filter((x) => x !== c),
                  )
                }
              />
              {CHANNEL_LABELS[c]}
            </label>
          ))}
          {fieldError(error, 'channels') ? (
            <span className="field-error">{fieldError(error, 'channels')}</span>
          ) : null}
        </fieldset>
        <button type="submit" disabled={saving}>
          {saving ? '正在保存……' : '保存草稿'}
        </button>
      </form>
    </Page>
  );
}

export function ProactiveItemPage({ id }: { id: string }) {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [item, setItem] = useState<Item | null>(null);
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
      const d = await api<{ item: Item; attachments: typeof attachments }>('GET', base);
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
  if (!item)
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
        </p>
      ) : null}
      <div className="item-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      <h2>附件</h2>
      <ul>
        {attachments.map((a) => (
          <li key={a.id}>
            <a href={`${base}/attachments/${a.id}`}>{a.filename}</a>
          </li>
        ))}
      </ul>
      {item.status === 'draft' && context?.role === 'clerk' ? (
        <>
          <Field
            label="上传附件"
            hint="PDF、DOCX、XLSX 或图片，不超过 20 MB。"
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
          <p>
            <Link to={`/proactive/${item.id}/edit`}>修改草稿</Link>{' '}
            <button
              type="button"
              onClick={() => void act(() => api('POST', `${base}/submit`, {}), '已提交发布审查。')}
            >
              提交审查
            </button>
          </p>
        </>
      ) : null}
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
          {r.canWithdraw ? (
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
      {pending?.canDecide ? (
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
      {item.status === 'published' && context?.role === 'clerk' ? (
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
          <Field label="撤回原因" error={fieldError(error, 'reason')}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button type="submit">撤回</button>
        </form>
      ) : null}
    </Page>
  );
}
