/**
 * Importing the year's （五）（六）（八） figures from a CSV or XLSX exported from another system:
 * choose the file → see what will be saved (or every problem, with row and column) → save.
 * The manual form beside it keeps whatever was typed there.
 */
import { useState, type ChangeEvent } from 'react';
import { api, ApiError } from '../api.js';
import { ErrorNotice } from '../ui.js';

const LIMIT_MB = 2;

interface Preview {
  fileName: string;
  source: string;
  figures: { licensing: number; penalty: number; coercion: number; feesFen: number };
  saved: boolean;
}

async function send(url: string, file: File, preview: boolean): Promise<Preview> {
  if (file.size > LIMIT_MB * 1024 * 1024)
    throw new ApiError(413, {
      code: 'body_too_large',
      field: 'file',
      message: `“${file.name}”有 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过导入文件上限 ${LIMIT_MB} MB；请只保留这四行后再导入。`,
    });
  const csrf = await api<{ csrfToken: string }>('GET', '/api/v1/auth/csrf');
  const response = await fetch(`${url}/import${preview ? '?preview=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
      'x-csrf-token': csrf.csrfToken,
    },
    body: file,
  });
  const body = (await response.json()) as Preview & { error?: ApiError['body'] };
  if (!response.ok) throw new ApiError(response.status, body.error!);
  return body;
}

const wan = (fen: number) => String(fen / 1_000_000);

export function FiguresImport({ url, onSaved }: { url: string; onSaved: () => Promise<unknown> }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0] ?? null;
    setFile(chosen);
    setPreview(null);
    setError(null);
    setNotice(null);
    if (!chosen) return;
    setBusy(true);
    try {
      setPreview(await send(url, chosen, true));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await send(url, file, false);
      await onSaved();
      setPreview(null);
      setNotice(`已从“${saved.fileName}”导入并保存，来源记为“${saved.source}”。`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="figures-import-heading">
      <h3 id="figures-import-heading">从表格导入</h3>
      <p className="muted">
        CSV（UTF-8 或 GB18030）或 XLSX，不超过 {LIMIT_MB}{' '}
        MB。每项一行：第一列写“行政许可”“行政处罚”“行政强制”或“行政事业性收费”，
        右侧一列写本年处理决定数量（整数）或金额（万元，最多 6 位小数）；表头和其他行不读。
      </p>
      {notice ? (
        <p className="notice notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <label>
        选择文件{' '}
        <input
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e)}
          disabled={busy}
        />
      </label>
      {busy ? <p className="muted">正在读取……</p> : null}
      {preview ? (
        <>
          <table className="data" aria-label="将要保存的数字">
            <caption>“{preview.fileName}”中读到的数字（尚未保存）</caption>
            <tbody>
              <tr>
                <th scope="row">（五）行政许可决定数</th>
                <td>{preview.figures.licensing} 件</td>
              </tr>
              <tr>
                <th scope="row">（六）行政处罚决定数</th>
                <td>{preview.figures.penalty} 件</td>
              </tr>
              <tr>
                <th scope="row">（六）行政强制决定数</th>
                <td>{preview.figures.coercion} 件</td>
              </tr>
              <tr>
                <th scope="row">（八）行政事业性收费金额</th>
                <td>{wan(preview.figures.feesFen)} 万元</td>
              </tr>
              <tr>
                <th scope="row">来源</th>
                <td>{preview.source}</td>
              </tr>
            </tbody>
          </table>
          <button type="button" onClick={() => void save()} disabled={busy}>
            保存导入的数字
          </button>
        </>
      ) : null}
    </section>
  );
}
