import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ErrorNotice, Field, fieldError, Page, missingRequired } from '../ui.js';

interface Agency {
  id: string;
  name: string;
  governmentName: string;
  regionCode: string;
  isGovernment: boolean;
}

const EMPTY = {
  regionCode: '',
  regionName: '',
  parentRegionCode: '',
  governmentName: '',
  name: '',
  isGovernment: false,
  creditCode: '',
};

/** The system administrator sets up the agencies of a deployment (regions and governments with them). */
export function OrganisationsPage() {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = () =>
    api<{ agencies: Agency[] }>('GET', '/api/v1/agencies').then(
      (r) => setAgencies(r.agencies),
      setError,
    );
  useEffect(() => {
    void load();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setError(missing);
    setError(null);
    setMessage(null);
    try {
      const r = await api<{ agency: Agency }>('POST', '/api/v1/agencies', {
        regionCode: form.regionCode,
        ...(form.regionName ? { regionName: form.regionName } : {}),
        parentRegionCode: form.parentRegionCode || null,
        governmentName: form.governmentName,
        agency: {
          name: form.name,
          isGovernment: form.isGovernment,
          creditCode: form.creditCode || null,
        },
      });
      setMessage(
        `已建立 ${r.agency.name}。请到“本机关信息”补充地址、电话等，并为它开通管理员账号。`,
      );
      setForm({ ...EMPTY, regionCode: form.regionCode, governmentName: form.governmentName });
      await load();
    } catch (e) {
      setError(e);
    }
  }

  const text = (key: keyof typeof EMPTY) => ({
    name: key,
    value: String(form[key]),
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <Page title="机关管理">
      <table className="data" aria-label="全部机关">
        <thead>
          <tr>
            <th>机关</th>
            <th>所属人民政府</th>
            <th>行政区划代码</th>
          </tr>
        </thead>
        <tbody>
          {(agencies ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                {a.name}
                {a.isGovernment ? '（人民政府）' : ''}
              </td>
              <td>{a.governmentName}</td>
              <td>{a.regionCode}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card form" onSubmit={submit} aria-label="建立机关" noValidate>
        <h2>建立机关</h2>
        {message ? (
          <div className="notice notice-ok" role="status">
            {message}
          </div>
        ) : null}
        <ErrorNotice error={error} />
        <div className="row">
          <Field
            label="行政区划代码"
            hint="6 位，如 640500"
            error={fieldError(error, 'regionCode')}
          >
            <input {...text('regionCode')} required />
          </Field>
          <Field
            label="区划名称"
            hint="区划尚未建立时填写，如 中卫市"
            error={fieldError(error, 'regionName')}
          >
            <input {...text('regionName')} />
          </Field>
          <Field label="上级区划代码" hint="可不填" error={fieldError(error, 'parentRegionCode')}>
            <input {...text('parentRegionCode')} />
          </Field>
        </div>
        <Field
          label="所属人民政府"
          hint="如 中卫市人民政府；不存在时一并建立"
          error={fieldError(error, 'governmentName')}
        >
          <input {...text('governmentName')} required />
        </Field>
        <Field label="机关全称" error={fieldError(error, 'agency.name')}>
          <input {...text('name')} required />
        </Field>
        <Field label="统一社会信用代码" hint="可不填" error={fieldError(error, 'creditCode')}>
          <input {...text('creditCode')} />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={form.isGovernment}
            onChange={(e) => setForm({ ...form, isGovernment: e.target.checked })}
          />
          该机关就是人民政府本身（其年度报告于次年 3 月 31 日前公布）
        </label>
        <button type="submit" className="primary">
          建立
        </button>
      </form>
    </Page>
  );
}
