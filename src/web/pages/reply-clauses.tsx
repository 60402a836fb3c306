import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { ErrorNotice, Field, fieldError } from '../ui.js';

interface Clause {
  outcome: string;
  outcomeLabel: string;
  refusal: boolean;
  legalBasis: string;
  reasons: string;
  isDefault: boolean;
  updatedBy: string | null;
}

/** One row of the library: the basis and the reasons' standard wording, saved on its own. */
function ClauseRow({
  agencyId,
  clause,
  editable,
}: {
  agencyId: string;
  clause: Clause;
  editable: boolean;
}) {
  const [value, setValue] = useState(clause);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function save() {
    setError(null);
    setSaved(false);
    try {
      setValue(
        await api<Clause>(
          'PUT',
          `/api/v1/agencies/${agencyId}/reply-clauses/${encodeURIComponent(clause.outcome)}`,
          { legalBasis: value.legalBasis, reasons: value.reasons },
        ),
      );
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <fieldset className="clause" aria-label={clause.outcomeLabel}>
      <legend>
        {clause.outcomeLabel}
        {value.isDefault ? <span className="muted small">（系统默认）</span> : null}
      </legend>
      <ErrorNotice error={error} />
      <Field label="法律依据" error={fieldError(error, 'legalBasis')}>
        <input
          value={value.legalBasis}
          readOnly={!editable}
          onChange={(e) => setValue({ ...value, legalBasis: e.target.value })}
        />
      </Field>
      <Field label="理由的标准表述" error={fieldError(error, 'reasons')}>
        <textarea
          rows={2}
          value={value.reasons}
          readOnly={!editable}
          onChange={(e) => setValue({ ...value, reasons: e.target.value })}
        />
      </Field>
      {editable ? (
        <button type="button" onClick={() => void save()}>
          保存
        </button>
      ) : null}
      {saved ? (
        <span role="status" className="muted small">
          已保存。
        </span>
      ) : null}
    </fieldset>
  );
}

/**
 * The agency's clause library of refusals (部分公开, 不予公开, 无法提供, 不予处理): what the
 * reply form offers as the reasons and the legal basis when the clerk chooses the outcome.
 */
export function ReplyClauses({ agencyId, editable }: { agencyId: string; editable: boolean }) {
  const [clauses, setClauses] = useState<Clause[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ clauses: Clause[] }>('GET', `/api/v1/agencies/${agencyId}/reply-clauses`).then(
      (r) => setClauses(r.clauses),
      setError,
    );
  }, [agencyId]);
  return (
    <section className="card" aria-label="答复条款库">
      <h2>答复条款库</h2>
      <p className="muted small">
        经办人选择办理结果时，答复表单自动填入本机关的法律依据和理由的标准表述，经办人按本案修改。部分公开、不予公开、无法提供、不予处理的答复须写明理由和法律依据。
      </p>
      <ErrorNotice error={error} />
      {(clauses ?? [])
        .filter((c) => c.refusal)
        .map((c) => (
          <ClauseRow key={c.outcome} agencyId={agencyId} clause={c} editable={editable} />
        ))}
    </section>
  );
}
