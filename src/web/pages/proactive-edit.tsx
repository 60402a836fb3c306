/**
 * Drafting and editing a proactive item (the fields the API takes, every problem shown by its
 * field, nothing typed lost). An interpretation is drafted from its policy's page, the policy
 * already chosen.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  GENRES,
  ITEM_KIND_LABELS,
  ITEM_KINDS,
  TOPICS,
  type ItemKind,
} from '../../core/proactive/categories.js';
import { api } from '../api.js';
import { useRouter } from '../router.js';
import { useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Page } from '../ui.js';
import {
  bodyOf,
  ChoiceField,
  choicesOf,
  formOf,
  ItemFields,
  type ItemForm,
} from './proactive-fields.js';
import type { Item } from './proactive-model.js';

const emptyForm = (issuingBody: string, policyId: string | null): ItemForm => ({
  kind: policyId ? 'interpretation' : 'general',
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
  policyId,
  interpretationForm: null,
  catalogueEntryId: null,
});

export function ProactiveEditPage({
  id,
  policyId = null,
}: {
  id: string | null;
  /** Drafting an interpretation of this policy. */
  policyId?: string | null;
}) {
  const { context } = useSession();
  const { navigate } = useRouter();
  const agencyId = context?.agencyId;
  const [form, setForm] = useState<ItemForm | null>(id ? null : emptyForm('', policyId));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!agencyId) return;
    if (id) {
      api<{ item: Item }>('GET', `/api/v1/agencies/${agencyId}/proactive/items/${id}`)
        .then(({ item }) => setForm(formOf(item)))
        .catch(setError);
      return;
    }
    // 发布机构 defaults to the agency's name (the clerk may change it).
    api<{ agency: { name: string } }>('GET', `/api/v1/agencies/${agencyId}`)
      .then(({ agency }) =>
        setForm((f) => (f && !f.issuingBody ? { ...f, issuingBody: agency.name } : f)),
      )
      .catch(() => undefined);
    if (policyId) {
      // An interpretation takes its policy's category and topic, and names it in its title.
      api<{ item: Item }>('GET', `/api/v1/agencies/${agencyId}/proactive/items/${policyId}`)
        .then(({ item }) =>
          setForm((f) =>
            f && !f.title
              ? {
                  ...f,
                  title: `《${item.title}》政策解读`,
                  topic: item.topic,
                  article20Category: item.article20Category,
                }
              : f,
          ),
        )
        .catch(setError);
    }
  }, [agencyId, id, policyId]);
  const title = id ? '修改信息' : policyId ? '起草政策解读' : '起草信息';
  if (!agencyId) return <ChooseAgency title={title} />;
  if (!form)
    return (
      <Page title={title}>
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  const set = <K extends keyof ItemForm>(key: K, value: ItemForm[K]) =>
    setForm({ ...form, [key]: value });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const r = id
        ? await api<{ item: Item }>(
            'PUT',
            `/api/v1/agencies/${agencyId}/proactive/items/${id}`,
            bodyOf(form),
          )
        : await api<{ item: Item }>(
            'POST',
            `/api/v1/agencies/${agencyId}/proactive/items`,
            bodyOf(form),
          );
      navigate(`/proactive/${r.item.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Page title={title}>
      <ErrorNotice error={error} />
      <form onSubmit={save} className="form" noValidate aria-label={title}>
        <ChoiceField<ItemKind>
          label="信息类别"
          name="kind"
          value={form.kind}
          choices={choicesOf(ITEM_KINDS, ITEM_KIND_LABELS)}
          error={error}
          placeholder={false}
          onChange={(v) => set('kind', v as ItemKind)}
        />
        <ItemFields agencyId={agencyId} selfId={id} form={form} set={set} error={error} />
        <button type="submit" disabled={saving}>
          {saving ? '正在保存……' : '保存草稿'}
        </button>
      </form>
    </Page>
  );
}
