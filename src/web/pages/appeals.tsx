import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { mayInAgency, useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, ChooseAgency } from '../ui.js';
import type { Summary } from './applications/index.js';
import { shanghaiToday } from '../format.js';

interface Appeal {
  id: string;
  applicationId: string;
  applicationNumber: string;
  applicantName: string;
  kind: 'review' | 'lawsuit';
  kindLabel: string;
  afterReview: boolean;
  groupLabel: string;
  filedOn: string;
  body: string;
  caseNumber: string | null;
  outcome: string;
  outcomeLabel: string;
  decidedOn: string | null;
  note: string | null;
}

const OUTCOMES: [string, string][] = [
  ['pending', '尚未审结'],
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
];

type Form = {
  applicationId: string;
  kind: 'review' | 'lawsuit';
  afterReview: boolean;
  filedOn: string;
  body: string;
  caseNumber: string;
  outcome: string;
  decidedOn: string;
  note: string;
};

const emptyForm = (): Form => ({
  applicationId: '',
  kind: 'review',
  afterReview: false,
  filedOn: shanghaiToday(),
  body: '',
  caseNumber: '',
  outcome: 'pending',
  decidedOn: '',
  note: '',
});

/** Administrative reviews and lawsuits about applications: they make table 四 of the report. */
export function AppealsPage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  // Registering and updating both check application.handle (the clerk's).
  const editable = mayInAgency(context, 'application.handle');
  const [appeals, setAppeals] = useState<Appeal[] | null>(null);
  const [applications, setApplications] = useState<Summary[]>([]);
  const [form, setForm] = useState<Form>(emptyForm);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      setAppeals(
        (await api<{ appeals: Appeal[] }>('GET', `/api/v1/agencies/${agencyId}/appeals`)).appeals,
      );
    } catch (e) {
      setError(e);
    }
  }, [agencyId]);
  useEffect(() => {
    void load();
    if (!agencyId || !editable) return;
    api<{ applications: Summary[] }>(
      'GET',
      `/api/v1/agencies/${agencyId}/applications?scope=all`,
    ).then((r) => setApplications(r.applications), setError);
  }, [load, agencyId, editable]);

  if (!agencyId) {
    return <ChooseAgency title="行政复议和行政诉讼" />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    const body = {
      kind: form.kind,
      afterReview: form.kind === 'lawsuit' && form.afterReview,
      filedOn: form.filedOn,
      body: form.body,
      caseNumber: form.caseNumber || null,
      outcome: form.outcome,
      decidedOn: form.outcome === 'pending' ? null : form.decidedOn || null,
      note: form.note || null,
    };
    try {
      if (editing) {
        await api('PUT', `/api/v1/agencies/${agencyId}/appeals/${editing}`, body);
      } else {
        await api('POST', `/api/v1/agencies/${agencyId}/appeals`, {
          applicationId: form.applicationId,
          ...body,
        });
      }
      setMessage(editing ? '已更新。' : '已登记。');
      setEditing(null);
      setForm(emptyForm());
      await load();
    } catch (e) {
      setError(e);
    }
  }

  function edit(a: Appeal) {
    setEditing(a.id);
    setForm({
      applicationId: a.applicationId,
      kind: a.kind,
      afterReview: a.afterReview,
      filedOn: a.filedOn,
      body: a.body,
      caseNumber: a.caseNumber ?? '',
      outcome: a.outcome,
      decidedOn: a.decidedOn ?? '',
      note: a.note ?? '',
    });
  }

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  return (
    <Page title="行政复议和行政诉讼">
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <table className="data" aria-label="复议诉讼列表">
        <thead>
          <tr>
            <th>申请</th>
            <th>类别</th>
            <th>申请复议或起诉日期</th>
            <th>复议机关或法院</th>
            <th>结果</th>
            {editable ? <th>操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {(appeals ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/applications/${a.applicationId}`}>{a.applicationNumber}</Link>{' '}
                {a.applicantName}
              </td>
              <td>{a.groupLabel}</td>
              <td>{a.filedOn}</td>
              <td>
                {a.body}
                {a.caseNumber ? <div className="muted small">{a.caseNumber}</div> : null}
              </td>
              <td>
                {a.outcomeLabel}
                {a.decidedOn ? <div className="muted small">{a.decidedOn} 审结</div> : null}
              </td>
              {editable ? (
                <td>
                  <button type="button" className="link" onClick={() => edit(a)}>
                    修改
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
          {appeals && appeals.length === 0 ? (
            <tr>
              <td colSpan={editable ? 6 : 5} className="muted">
                没有行政复议或行政诉讼记录。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {editable ? (
        <form
          className="card form"
          onSubmit={submit}
          aria-label={editing ? '修改复议诉讼' : '登记复议诉讼'}
          noValidate
        >
          <h2>{editing ? '修改复议诉讼' : '登记复议诉讼'}</h2>
          {editing ? null : (
            <Field label="所涉申请" error={fieldError(error, 'applicationId')}>
              <select
                name="applicationId"
                value={form.applicationId}
                onChange={(e) => set('applicationId', e.target.value)}
              >
                <option value="">（请选择）</option>
                {applications.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.number} {a.applicantName}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <div className="row">
            <Field label="类别">
              <select
                value={form.kind}
                onChange={(e) => set('kind', e.target.value as Form['kind'])}
              >
                <option value="review">行政复议</option>
                <option value="lawsuit">行政诉讼</option>
              </select>
            </Field>
            {form.kind === 'lawsuit' ? (
              <label className="check">
                <input
                  type="checkbox"
                  checked={form.afterReview}
                  onChange={(e) => set('afterReview', e.target.checked)}
                />
                复议后起诉
              </label>
            ) : null}
          </div>
          <div className="row">
            <Field label="申请复议或起诉日期" error={fieldError(error, 'filedOn')}>
              <input
                type="date"
                value={form.filedOn}
                onChange={(e) => set('filedOn', e.target.value)}
              />
            </Field>
            <Field
              label={form.kind === 'review' ? '复议机关' : '人民法院'}
              error={fieldError(error, 'body')}
            >
              <input value={form.body} onChange={(e) => set('body', e.target.value)} />
            </Field>
          </div>
          <Field label="案号">
            <input value={form.caseNumber} onChange={(e) => set('caseNumber', e.target.value)} />
          </Field>
          <div className="row">
            <Field label="结果" error={fieldError(error, 'outcome')}>
              <select value={form.outcome} onChange={(e) => set('outcome', e.target.value)}>
                {OUTCOMES.map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
            {form.outcome === 'pending' ? null : (
              <Field label="审结日期" error={fieldError(error, 'decidedOn')}>
                <input
                  type="date"
                  value={form.decidedOn}
                  onChange={(e) => set('decidedOn', e.target.value)}
                />
              </Field>
            )}
          </div>
          <Field label="备注">
            <textarea rows={2} value={form.note} onChange={(e) => set('note', e.target.value)} />
          </Field>
          <button type="submit" className="primary">
            {editing ? '保存' : '登记'}
          </button>
          {editing ? (
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setForm(emptyForm());
              }}
            >
              取消
            </button>
          ) : null}
        </form>
      ) : (
        <p className="muted">登记和修改复议诉讼记录由本机关经办人办理。</p>
      )}
    </Page>
  );
}
