/**
 * Drafting and editing a proactive item (the fields the API takes, every problem shown by its
 * field, nothing typed lost).
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  ARTICLE_20_CATEGORIES,
  CHANNEL_LABELS,
  CHANNELS,
  GENRES,
  ITEM_KIND_LABELS,
  ITEM_KINDS,
  TOPICS,
  type ItemKind,
} from '../../core/proactive/categories.js';
import { api } from '../api.js';
import { useRouter } from '../router.js';
import { useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, Page } from '../ui.js';
import type { Item } from './proactive-model.js';

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
