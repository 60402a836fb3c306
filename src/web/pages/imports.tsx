import { useState, type ChangeEvent } from 'react';
import { api, ApiError } from '../api.js';
import { mayInAgency, mayInRegion, useSession } from '../session.js';
import { ErrorNotice, Page } from '../ui.js';
import { readingStatus, useReadQueue } from './read-queue.js';
import { type ReadResult, ImportReview } from './import-review.js';

interface Upload {
  name: string;
  status: 'reading' | 'read' | 'failed' | 'saved';
  result?: ReadResult;
  error?: unknown;
}

async function readFile(agencyId: string, file: File): Promise<ReadResult> {
  const csrf = await api<{ csrfToken: string }>('GET', '/api/v1/auth/csrf');
  const response = await fetch(`/api/v1/agencies/${agencyId}/imports/read`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
      'x-csrf-token': csrf.csrfToken,
    },
    body: file,
  });
  const data = (await response.json()) as ReadResult | { error: { code: string; message: string } };
  if (!response.ok)
    throw new ApiError(
      response.status,
      (data as { error: { code: string; message: string } }).error,
    );
  return data as ReadResult;
}

function useImportAgencies() {
  const { context, me } = useSession();
  // The import routes check report.import for the agency: the context's own, or for a
  // supervisor (who holds it over the region) each agency of the region it sees.
  if (mayInAgency(context, 'report.import')) {
    const agency = me.agencies.find((a) => a.id === context?.agencyId);
    return agency ? [agency] : [];
  }
  if (mayInRegion(context, 'report.import')) return me.agencies;
  return [];
}

export function ImportsPage() {
  const agencies = useImportAgencies();
  const [agencyId, setAgencyId] = useState<string>('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const chosen = agencyId || agencies[0]?.id || '';
  const queue = useReadQueue(uploads.some((u) => u.status === 'reading'));

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    const start = uploads.length;
    setUploads((u) => [...u, ...files.map((f) => ({ name: f.name, status: 'reading' as const }))]);
    for (const [i, file] of files.entries()) {
      try {
        const result = await readFile(chosen, file);
        setUploads((u) =>
          u.map((x, j) => (j === start + i ? { ...x, status: 'read', result } : x)),
        );
      } catch (error) {
        setUploads((u) =>
          u.map((x, j) => (j === start + i ? { ...x, status: 'failed', error } : x)),
        );
      }
    }
  }

  if (agencies.length === 0) {
    return (
      <Page title="导入与审查年度报告">
        <p className="muted">请在右上角切换到一个机关（或政务公开办的辖区）。</p>
      </Page>
    );
  }

  const current = selected === null ? null : uploads[selected];
  return (
    <Page title="导入与审查年度报告">
      <p className="muted">
        上传已发布的年度报告（文本、网页、DOCX、PDF 均可，UTF-8 或
        GB18030），系统读出表格并按同一规则审查；核对更正后可保存为该机关该年度的报告（标明“导入”及原始文件）。
      </p>
      <div className="card inline-form" aria-label="上传">
        <label className="inline">
          机关
          <select
            name="agency"
            aria-label="导入到哪个机关"
            value={chosen}
            onChange={(e) => setAgencyId(e.target.value)}
            disabled={agencies.length === 1}
          >
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          选择文件
          <input
            type="file"
            name="files"
            aria-label="选择报告文件"
            multiple
            onChange={(e) => void onFiles(e)}
            accept=".txt,.htm,.html,.docx,.pdf,text/plain,text/html,application/pdf"
          />
        </label>
      </div>
      {uploads.length > 0 ? (
        <table className="data" aria-label="已上传的文件">
          <thead>
            <tr>
              <th>文件</th>
              <th>读出的机关</th>
              <th>年度</th>
              <th>错误</th>
              <th>警告</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {uploads.map((u, i) => (
              <tr key={i} className={i === selected ? 'selected' : ''}>
                <td>
                  {u.result ? (
                    <button type="button" className="link" onClick={() => setSelected(i)}>
                      {u.name}
                    </button>
                  ) : (
                    u.name
                  )}
                </td>
                <td>{u.result?.report?.agency ?? '—'}</td>
                <td>{u.result?.report?.year ?? '—'}</td>
                <td>{u.result?.findings.filter((f) => f.severity === 'error').length ?? '—'}</td>
                <td>{u.result?.findings.filter((f) => f.severity === 'warning').length ?? '—'}</td>
                <td>
                  {u.status === 'reading' ? (
                    <span data-testid="read-status">{readingStatus(queue, u.name)}</span>
                  ) : u.status === 'failed' ? (
                    <ErrorNotice error={u.error} />
                  ) : u.status === 'saved' ? (
                    '已保存'
                  ) : (
                    '已读取'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {current?.result ? (
        <ImportReview
          key={selected}
          agencyId={chosen}
          agencyName={agencies.find((a) => a.id === chosen)?.name ?? ''}
          result={current.result}
          onSaved={() =>
            setUploads((u) => u.map((x, j) => (j === selected ? { ...x, status: 'saved' } : x)))
          }
        />
      ) : null}
    </Page>
  );
}
