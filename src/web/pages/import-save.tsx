import { useState } from 'react';
import type { AnnualReport } from '../../core/report/model.js';
import { api, ApiError } from '../api.js';
import { ErrorNotice } from '../ui.js';

/** What the import page sends as the source of a reading (the server keeps its own record). */
export interface ImportSourceBody {
  filename: string;
  sha256: string;
  size: number;
  format: string;
  corrections: { path: string; read: number | null; corrected: number | null }[];
}

/**
 * Saving a checked reading as the agency's report. When the file names another agency (or
 * none), the server refuses; a supervisor over the agency may then confirm, with a reason, that
 * it is this agency's report (the reason goes into the audit trail).
 */
export function ImportSave({
  agencyId,
  agencyName,
  report,
  source,
  onSaved,
}: {
  agencyId: string;
  agencyName: string;
  report: AnnualReport;
  source: ImportSourceBody;
  onSaved: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ year: number; published: boolean } | null>(null);
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  async function save(confirm: boolean) {
    setError(null);
    try {
      const detail = await api<{ versions: unknown[] }>(
        'POST',
        `/api/v1/agencies/${agencyId}/reports/${report.year}/import`,
        {
          report,
          source,
          ...(confirm ? { agencyConfirmation: { reason } } : {}),
        },
      );
      // Normally submitted along the agency's review chain (published on approval); written at
      // once only when the agency's chain for the annual report has no level.
      setSaved({ year: report.year, published: detail.versions.length > 0 });
      setMismatch(null);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.body.field === 'agencyConfirmation') setMismatch(e.message);
      else setError(e);
    }
  }

  if (saved && !saved.published) {
    return (
      <div className="card">
        <p className="notice notice-ok" role="status">
          已保存为{agencyName}
          {saved.year}
          年度的报告，已提交审核，审核通过后发布。审核人退回时会写明理由，可修改后重新保存。
        </p>
      </div>
    );
  }
  if (saved) {
    return (
      <div className="card">
        <p className="notice notice-ok" role="status">
          已保存为{agencyName}
          {saved.year}年度的报告，已发布。
          <a
            href={`/portal/agencies/${agencyId}/reports/${saved.year}`}
            target="_blank"
            rel="noreferrer"
          >
            在门户查看
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="card">
      <ErrorNotice error={error} />
      {mismatch ? (
        <div className="notice notice-info" role="alert" aria-label="机关不符">
          <p>{mismatch}</p>
          <label>
            确认理由（由政务公开办（监督）人员填写，记入操作留痕）
            <textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => void save(true)}>
            确认属于{agencyName}并保存
          </button>
        </div>
      ) : null}
      <button type="button" className="primary" onClick={() => void save(false)}>
        保存为{agencyName}
        {report.year}年度的报告
      </button>
      <p className="muted small">保存后提交本机关审核，审核通过后在门户发布。</p>
      {source.corrections.length > 0 ? (
        <p className="muted small">
          已人工更正 {source.corrections.length} 个数字，保存时一并记录。
        </p>
      ) : null}
    </div>
  );
}
