/**
 * The fields of a proactive item as drafting, editing and correcting show them: every control
 * named as the API names it (so a refusal marks the right one), each problem by its field.
 */
import { useEffect, useState } from 'react';
import {
  ARTICLE_20_CATEGORIES,
  CHANNEL_LABELS,
  CHANNELS,
  GENRES,
  INTERPRETATION_FORM_LABELS,
  INTERPRETATION_FORMS,
  TOPICS,
  type InterpretationForm,
} from '../../core/proactive/categories.js';
import { api } from '../api.js';
import { Field, fieldError } from '../ui.js';
import { STATUS_LABELS, type CatalogueEntry, type Item } from './proactive-model.js';

/**
 * A labelled choice among fixed values, named (and its problem found) as the API names the field;
 * with `请选择` first when nothing need be chosen yet.
 */
export function ChoiceField<T extends string>({
  label,
  name,
  value,
  choices,
  error,
  onChange,
  hint,
  placeholder = true,
}: {
  label: string;
  name: string;
  value: T | '';
  choices: readonly { value: T; label: string }[];
  error: unknown;
  onChange: (value: T | '') => void;
  hint?: string;
  placeholder?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={fieldError(error, name)}>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        {placeholder ? <option value="">请选择</option> : null}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The choices of an enumeration, with their labels. */
export const choicesOf = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

/** Interpretation forms, for a ChoiceField. */
export const INTERPRETATION_FORM_CHOICES = choicesOf(
  INTERPRETATION_FORMS,
  INTERPRETATION_FORM_LABELS,
);

export type ItemForm = Omit<
  Item,
  | 'id'
  | 'indexNumber'
  | 'status'
  | 'publishedOn'
  | 'validity'
  | 'withdrawnReason'
  | 'authorUserId'
  | 'version'
  | 'validityChangedOn'
  | 'successorId'
>;

/** The fields the API takes, and only those (it refuses unknown ones). */
export function formOf(item: Item): ItemForm {
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

/** What is sent: empty optional fields as null. */
export const bodyOf = (form: ItemForm) => ({
  ...form,
  documentNumber: form.documentNumber || null,
  writtenOn: form.writtenOn || null,
  policyId: form.kind === 'interpretation' ? form.policyId || null : null,
  interpretationForm: form.kind === 'interpretation' ? form.interpretationForm || null : null,
  catalogueEntryId: form.catalogueEntryId || null,
});

/** The policies an interpretation may explain: the agency's items that are not interpretations. */
export function usePolicies(agencyId: string, selfId: string | null): Item[] {
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    api<{ items: Item[] }>('GET', `/api/v1/agencies/${agencyId}/proactive/items`)
      .then((r) =>
        setItems(
          r.items.filter(
            (i) => i.kind !== 'interpretation' && i.id !== selfId && i.status !== 'withdrawn',
          ),
        ),
      )
      .catch(() => setItems([]));
  }, [agencyId, selfId]);
  return items;
}

export const itemChoice = (i: Item) =>
  `${i.title}${i.documentNumber ? `（${i.documentNumber}）` : ''}${
    i.status === 'published' ? '' : `〔${STATUS_LABELS[i.status] ?? '未发布'}〕`
  }`;

export function ItemFields({
  agencyId,
  selfId,
  form,
  set,
  error,
}: {
  agencyId: string;
  selfId: string | null;
  form: ItemForm;
  set: <K extends keyof ItemForm>(key: K, value: ItemForm[K]) => void;
  error: unknown;
}) {
  const policies = usePolicies(agencyId, selfId);
  const [entries, setEntries] = useState<CatalogueEntry[]>([]);
  useEffect(() => {
    api<{ entries: CatalogueEntry[] }>('GET', `/api/v1/agencies/${agencyId}/proactive/catalogue`)
      .then((r) => setEntries(r.entries))
      .catch(() => setEntries([]));
  }, [agencyId]);
  return (
    <>
      {form.kind === 'interpretation' ? (
        <fieldset>
          <legend>所解读的政策</legend>
          <ChoiceField
            label="政策文件"
            name="policyId"
            value={form.policyId ?? ''}
            choices={policies.map((p) => ({ value: p.id, label: itemChoice(p) }))}
            error={error}
            onChange={(v) => set('policyId', v || null)}
          />
          <ChoiceField<InterpretationForm>
            label="解读形式"
            name="interpretationForm"
            value={form.interpretationForm ?? ''}
            choices={INTERPRETATION_FORM_CHOICES}
            error={error}
            onChange={(v) => set('interpretationForm', v || null)}
          />
        </fieldset>
      ) : null}
      <Field label="标题" error={fieldError(error, 'title')}>
        <input
          name="title"
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
          name="bodyHtml"
          rows={10}
          value={form.bodyHtml}
          onChange={(e) => set('bodyHtml', e.target.value)}
        />
      </Field>
      <Field label="内容概述" error={fieldError(error, 'summary')}>
        <input
          name="summary"
          value={form.summary}
          onChange={(e) => set('summary', e.target.value)}
          maxLength={500}
        />
      </Field>
      <Field label="文号" error={fieldError(error, 'documentNumber')}>
        <input
          name="documentNumber"
          value={form.documentNumber ?? ''}
          onChange={(e) => set('documentNumber', e.target.value)}
        />
      </Field>
      <Field label="发布机构" error={fieldError(error, 'issuingBody')}>
        <input
          name="issuingBody"
          value={form.issuingBody}
          onChange={(e) => set('issuingBody', e.target.value)}
        />
      </Field>
      <Field label="成文日期" error={fieldError(error, 'writtenOn')}>
        <input
          name="writtenOn"
          type="date"
          value={form.writtenOn ?? ''}
          onChange={(e) => set('writtenOn', e.target.value)}
        />
      </Field>
      <Field label="主题分类" error={fieldError(error, 'topic')}>
        <select name="topic" value={form.topic} onChange={(e) => set('topic', e.target.value)}>
          {TOPICS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </Field>
      <Field label="体裁分类" error={fieldError(error, 'genre')}>
        <select name="genre" value={form.genre} onChange={(e) => set('genre', e.target.value)}>
          {GENRES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </Field>
      <Field label="法定主动公开内容类别" error={fieldError(error, 'article20Category')}>
        <select
          name="article20Category"
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
      <Field
        label="标准目录事项"
        hint="按基层政务公开标准目录发布的信息，选择它所属的事项；逾期提醒据此计算。"
        error={fieldError(error, 'catalogueEntryId')}
      >
        <select
          name="catalogueEntryId"
          value={form.catalogueEntryId ?? ''}
          onChange={(e) => set('catalogueEntryId', e.target.value || null)}
        >
          <option value="">（不属于标准目录事项）</option>
          {entries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.matter}
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
    </>
  );
}
