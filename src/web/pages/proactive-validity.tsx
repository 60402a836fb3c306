/**
 * A 规章 or 行政规范性文件 is amended, repealed or expires: the date, and the document that
 * amended or repealed it (the portal then shows the 47号 banner and links the successor).
 */
import { useEffect, useState } from 'react';
import { VALIDITY_LABELS, type Validity } from '../../core/proactive/categories.js';
import { api } from '../api.js';
import { Field, fieldError } from '../ui.js';
import type { Item } from './proactive-model.js';

const CHANGES: Exclude<Validity, 'in_force'>[] = ['repealed', 'amended', 'expired'];

export function ValidityForm({
  agencyId,
  item,
  onChanged,
}: {
  agencyId: string;
  item: Item;
  onChanged: (message: string) => Promise<void>;
}) {
  const [validity, setValidity] = useState<Exclude<Validity, 'in_force'>>('repealed');
  const [changedOn, setChangedOn] = useState('');
  const [successorId, setSuccessorId] = useState('');
  const [candidates, setCandidates] = useState<Item[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ items: Item[] }>(
      'GET',
      `/api/v1/agencies/${agencyId}/proactive/items?status=published&kind=${item.kind}`,
    )
      .then((r) => setCandidates(r.items.filter((i) => i.id !== item.id)))
      .catch(setError);
  }, [agencyId, item.id, item.kind]);
  const submit = async () => {
    setError(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/proactive/items/${item.id}/validity`, {
        validity,
        changedOn,
        successorId: successorId || null,
      });
      await onChanged(`已登记为“${VALIDITY_LABELS[validity]}”，门户的信息页会显示提示。`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form
      className="form"
      aria-label="有效性变化"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>有效性变化</h2>
      <Field label="变为" error={fieldError(error, 'validity')}>
        <select
          value={validity}
          onChange={(e) => setValidity(e.target.value as Exclude<Validity, 'in_force'>)}
        >
          {CHANGES.map((v) => (
            <option key={v} value={v}>
              {VALIDITY_LABELS[v]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="变化日期" error={fieldError(error, 'changedOn')}>
        <input type="date" value={changedOn} onChange={(e) => setChangedOn(e.target.value)} />
      </Field>
      <Field
        label="修改或废止它的文件"
        hint="“已修改”须选择；门户会链接到这份文件。"
        error={fieldError(error, 'successorId')}
      >
        <select value={successorId} onChange={(e) => setSuccessorId(e.target.value)}>
          <option value="">（无）</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
              {c.documentNumber ? `（${c.documentNumber}）` : ''}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">登记有效性变化</button>
    </form>
  );
}
