import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { mayInAgency, useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, ChooseAgency, missingRequired } from '../ui.js';

interface Agency {
  id: string;
  name: string;
  governmentName: string;
  creditCode: string | null;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  officeHours: string;
}

const FIELDS: { key: keyof Agency; label: string; hint?: string }[] = [
  { key: 'name', label: '机关名称' },
  { key: 'creditCode', label: '统一社会信用代码', hint: '18 位，可不填' },
  { key: 'address', label: '办公地址' },
  { key: 'postcode', label: '邮政编码' },
  { key: 'phone', label: '联系电话' },
  { key: 'email', label: '电子邮箱' },
  { key: 'officeHours', label: '办公时间' },
];

/** The agency's profile: used in the disclosure guide, reply letters and the annual report. */
export function AgencyPage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  // PATCH /agencies/:id checks agency.update (the agency admin's, the system admin's).
  const editable = mayInAgency(context, 'agency.update');
  const [agency, setAgency] = useState<Agency | null>(null);
  const [draft, setDraft] = useState<Partial<Agency>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!agencyId) return;
    setAgency(null);
    api<{ agency: Agency }>('GET', `/api/v1/agencies/${agencyId}`).then((r) => {
      setAgency(r.agency);
      setDraft(r.agency);
    }, setError);
  }, [agencyId]);

  if (!agencyId) return <ChooseAgency title="本机关信息" />;

  async function save(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setError(missing);
    setError(null);
    setSaved(false);
    try {
      const patch = Object.fromEntries(
        FIELDS.map((f) => [f.key, draft[f.key] ?? (f.key === 'creditCode' ? null : '')]),
      );
      const r = await api<{ agency: Agency }>('PATCH', `/api/v1/agencies/${agencyId}`, patch);
      setAgency(r.agency);
      setDraft(r.agency);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page title="本机关信息">
      {agency ? <p className="muted">{agency.governmentName}</p> : null}
      <form className="card form" onSubmit={save} aria-label="机关信息" noValidate>
        {saved ? <div className="notice notice-ok">已保存。</div> : null}
        <ErrorNotice error={error} />
        {FIELDS.map((f) => (
          <Field
            key={f.key}
            label={f.label}
            error={fieldError(error, f.key)}
            {...(f.hint ? { hint: f.hint } : {})}
          >
            <input
              name={f.key}
              value={String(draft[f.key] ?? '')}
              disabled={!editable}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
            />
          </Field>
        ))}
        {editable ? (
          <button type="submit" className="primary">
            保存
          </button>
        ) : (
          <p className="muted">
            本机关信息由机关管理员维护；需要修改的，请联系本机关的机关管理员。
          </p>
        )}
      </form>
    </Page>
  );
}
