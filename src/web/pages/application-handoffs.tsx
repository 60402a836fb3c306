import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { ErrorNotice, Field, fieldError } from '../ui.js';
import { formatInstant } from '../format.js';

/**
 * The hand-offs of a case (签收、转办、协办、转送), its 受理回执 and the scans of what arrived on
 * paper: panels of the case page, kept apart from applications.tsx.
 */

export interface Handling {
  unit: { id: string; name: string } | null;
  signedOn: string | null;
  assists: {
    id: string;
    unitName: string;
    requestedOn: string;
    dueOn: string;
    completedOn: string | null;
  }[];
  forwarded: { on: string; agencyName: string; contact: string | null } | null;
}

export interface AttachmentView {
  id: string;
  kindLabel: string;
  filename: string;
  size: number;
  at: string;
  by: string;
}

interface Unit {
  id: string;
  name: string;
  generalOffice: boolean;
}

type HandoffType =
  'signed_for' | 'transferred' | 'assist_requested' | 'assist_completed' | 'forwarded';

const HANDOFF_LABELS: Record<HandoffType, string> = {
  signed_for: '签收',
  transferred: '转办',
  assist_requested: '请其他科室协办',
  assist_completed: '协办完成',
  forwarded: '转送其他机关',
};

/** Who holds the case, and the forms to sign for, transfer, ask for help or forward it. */
export function HandoffPanel<D>({
  agencyId,
  base,
  handling,
  open,
  onDone,
}: {
  agencyId: string;
  base: string;
  handling: Handling;
  /** Whether the case is still open (hand-offs are steps of an open case). */
  open: boolean;
  onDone: (detail: D, message: string) => void;
}) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [form, setForm] = useState<HandoffType | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<{ units: Unit[] }>('GET', `/api/v1/agencies/${agencyId}/units`).then(
      (r) => setUnits(r.units),
      setError,
    );
  }, [agencyId]);

  const openAssists = handling.assists.filter((a) => a.completedOn === null);
  const offered: HandoffType[] = handling.forwarded
    ? openAssists.length > 0
      ? ['assist_completed']
      : []
    : [
        ...(handling.signedOn ? [] : (['signed_for'] as const)),
        ...(handling.signedOn ? (['transferred'] as const) : []),
        'assist_requested' as const,
        ...(openAssists.length > 0 ? (['assist_completed'] as const) : []),
        'forwarded' as const,
      ];
  const set = (key: string) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    const body: Record<string, string> = { type: form };
    for (const [k, v] of Object.entries(values)) if (v.trim()) body[k] = v;
    try {
      const d = await api<D>('POST', `${base}/handoffs`, body);
      setForm(null);
      setValues({});
      onDone(d, `已${HANDOFF_LABELS[form]}。`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const unitSelect = (label: string, hint?: string) => (
    <Field label={label} error={fieldError(error, 'unitId')} {...(hint ? { hint } : {})}>
      <select value={values.unitId ?? ''} onChange={set('unitId')}>
        <option value="">（请选择）</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
            {u.generalOffice ? '（办公室）' : ''}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <section className="card" aria-label="签收与转办">
      <h2>签收与转办</h2>
      <p className="small" data-testid="handling">
        {handling.forwarded
          ? `已于 ${handling.forwarded.on} 转送${handling.forwarded.agencyName}。`
          : handling.unit
            ? `承办科室：${handling.unit.name}${handling.signedOn ? `（${handling.signedOn} 签收）` : '（待签收）'}`
            : '尚未签收。'}
      </p>
      {handling.assists.length > 0 ? (
        <ul className="small" aria-label="协办">
          {handling.assists.map((a) => (
            <li key={a.id}>
              {a.id} {a.unitName}：协办期限 {a.dueOn}
              {a.completedOn ? `，${a.completedOn} 完成` : '，尚未完成'}
            </li>
          ))}
        </ul>
      ) : null}
      {units.length === 0 ? (
        <p className="muted small">本机关尚未设置科室：请机关管理员在“依申请公开设置”中添加。</p>
      ) : null}
      {open ? (
        <div className="action-buttons">
          {offered.map((t) => (
            <button
              key={t}
              type="button"
              className={form === t ? 'primary' : ''}
              onClick={() => {
                setForm(form === t ? null : t);
                setValues({});
                setError(null);
              }}
            >
              {HANDOFF_LABELS[t]}
            </button>
          ))}
        </div>
      ) : null}
      {form ? (
        <form onSubmit={(e) => void submit(e)} aria-label={HANDOFF_LABELS[form]} noValidate>
          {form === 'signed_for' ? unitSelect('签收科室') : null}
          {form === 'transferred' ? unitSelect('承办科室', '收到申请之日和答复期限不变') : null}
          {form === 'assist_requested' ? (
            <>
              {unitSelect('协办科室')}
              <Field
                label="协办期限"
                error={fieldError(error, 'dueOn')}
                hint="不晚于本申请的答复期限"
              >
                <input type="date" value={values.dueOn ?? ''} onChange={set('dueOn')} />
              </Field>
            </>
          ) : null}
          {form === 'assist_completed' ? (
            <Field label="协办" error={fieldError(error, 'assistId')}>
              <select value={values.assistId ?? ''} onChange={set('assistId')}>
                <option value="">（请选择）</option>
                {openAssists.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.id} {a.unitName}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {form === 'forwarded' ? (
            <>
              <Field
                label="负责公开的机关"
                error={fieldError(error, 'agencyName')}
                hint="条例第三十六条第（五）项：告知申请人负责公开的机关名称和联系方式，生成转送告知书"
              >
                <input value={values.agencyName ?? ''} onChange={set('agencyName')} />
              </Field>
              <Field label="该机关的联系方式" error={fieldError(error, 'contact')}>
                <input value={values.contact ?? ''} onChange={set('contact')} />
              </Field>
            </>
          ) : null}
          <Field
            label={
              {
                signed_for: '备注',
                transferred: '备注',
                assist_requested: '协办事项',
                assist_completed: '协办意见',
                forwarded: '说明',
              }[form]
            }
            error={fieldError(error, 'note')}
          >
            <textarea rows={2} value={values.note ?? ''} onChange={set('note')} />
          </Field>
          {error && !(error instanceof ApiError && error.body.field) ? (
            <ErrorNotice error={error} />
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            确定{HANDOFF_LABELS[form]}
          </button>
        </form>
      ) : null}
    </section>
  );
}

const ATTACHMENT_KIND_LABELS = { letter: '来信', envelope: '信封', other: '其他材料' } as const;

/** Upload a scan of the incoming letter or envelope; the list is shown on the timeline. */
export function AttachmentUpload({ base, onDone }: { base: string; onDone: () => void }) {
  const [kind, setKind] = useState<keyof typeof ATTACHMENT_KIND_LABELS>('letter');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!file) {
      setError(
        new ApiError(400, { code: 'validation_failed', message: '请选择扫描件。', field: 'file' }),
      );
      return;
    }
    setBusy(true);
    try {
      const csrf = await api<{ csrfToken: string }>('GET', '/api/v1/auth/csrf');
      const response = await fetch(`${base}/attachments?kind=${kind}`, {
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
        const data = (await response.json()) as {
          error: { code: string; message: string; field?: string };
        };
        throw new ApiError(response.status, data.error);
      }
      setFile(null);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label="上传扫描件"
      noValidate
      className="inline-form"
    >
      <Field label="材料类型">
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {Object.entries(ATTACHMENT_KIND_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="扫描件"
        error={fieldError(error, 'file')}
        hint="PDF、JPEG、PNG 或 TIFF，不超过 20 MB"
      >
        <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      {error && !(error instanceof ApiError && error.body.field) ? (
        <ErrorNotice error={error} />
      ) : null}
      <button type="submit" disabled={busy}>
        上传
      </button>
    </form>
  );
}

/** The scans on the case's timeline. */
export function AttachmentItems({
  base,
  attachments,
}: {
  base: string;
  attachments: AttachmentView[];
}) {
  return (
    <>
      {attachments.map((a) => (
        <li key={a.id} data-testid="attachment">
          <strong>{formatInstant(a.at)}</strong> 附扫描件（{a.kindLabel}）：
          <a href={`${base}/attachments/${a.id}/file`}>{a.filename}</a>
          <span className="muted small">（{Math.max(1, Math.round(a.size / 1024))} KB）</span>
          <div className="muted small">{a.by}</div>
        </li>
      ))}
    </>
  );
}

/** 受理回执: issued once, on request. */
export function AcknowledgementButton<D>({
  base,
  onDone,
}: {
  base: string;
  onDone: (detail: D, message: string) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          api<D>('POST', `${base}/acknowledgement`).then(
            (d) => onDone(d, '已出具受理回执。'),
            setError,
          );
        }}
      >
        出具受理回执
      </button>
      <ErrorNotice error={error} />
    </>
  );
}
