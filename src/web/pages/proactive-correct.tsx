/**
 * 更正 a published item: its fields as they are now, changed, with the reason. The version before
 * is kept (the item's page lists it, the portal shows it), and the 索引号 stays.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ITEM_KIND_LABELS } from '../../core/proactive/categories.js';
import { api } from '../api.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, Page } from '../ui.js';
import { bodyOf, formOf, ItemFields, type ItemForm } from './proactive-fields.js';
import type { ItemAction } from '../../server/routes/proactive-actions.js';
import type { Item, ItemDetail } from './proactive-model.js';

export function ProactiveCorrectPage({ id }: { id: string }) {
  const { context } = useSession();
  const { navigate } = useRouter();
  const agencyId = context?.agencyId;
  const [item, setItem] = useState<Item | null>(null);
  const [allowed, setAllowed] = useState<ItemAction[]>([]);
  const [form, setForm] = useState<ItemForm | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!agencyId) return;
    api<ItemDetail>('GET', `/api/v1/agencies/${agencyId}/proactive/items/${id}`)
      .then(({ item, allowedActions }) => {
        setItem(item);
        setAllowed(allowedActions);
        setForm(formOf(item));
      })
      .catch(setError);
  }, [agencyId, id]);
  if (!agencyId) return <ChooseAgency title="更正信息" />;
  if (!item || !form)
    return (
      <Page title="更正信息">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  if (!allowed.includes('correct'))
    return (
      <Page title="更正信息">
        <p className="muted">
          {item.status !== 'published'
            ? '只有已发布的信息可以更正；草稿请直接修改。'
            : '您当前的角色不能更正已发布的信息，请由经办人办理。'}
          <Link to={`/proactive/${id}`}>返回信息页</Link>
        </p>
      </Page>
    );
  const set = <K extends keyof ItemForm>(key: K, value: ItemForm[K]) =>
    setForm({ ...form, [key]: value });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const { kind: _kind, ...body } = bodyOf(form);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/proactive/items/${id}/correction`, {
        ...body,
        reason,
      });
      navigate(`/proactive/${id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Page title="更正信息">
      <p>
        更正《<Link to={`/proactive/${id}`}>{item.title}</Link>》（{ITEM_KIND_LABELS[item.kind]}
        ，索引号 {item.indexNumber}，现为第 {item.version ?? 1} 版）。更正后索引号不变，
        更正前的版本保留在信息页和门户上，可随时查看。
      </p>
      <ErrorNotice error={error} />
      <form onSubmit={save} className="form" noValidate aria-label="更正信息">
        <Field
          label="更正原因"
          hint="将记入操作留痕，并在版本记录中显示。"
          error={fieldError(error, 'reason')}
        >
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <ItemFields agencyId={agencyId} selfId={id} form={form} set={set} error={error} />
        <button type="submit" disabled={saving}>
          {saving ? '正在保存……' : '保存更正'}
        </button>
      </form>
    </Page>
  );
}
