/**
 * One bulk import (批量导入, see ./imports.tsx): the upload of its files, the progress while they
 * are read, the review table.
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { api, ApiError } from '../../api.js';
import { Link } from '../../router.js';
import { ErrorNotice, Page } from '../../ui.js';
import { ItemRow } from './import-row.js';
import { ScopeBar, useScope } from './scope.js';

export interface Item {
  seq: number;
  filename: string;
  status: 'refused' | 'queued' | 'read' | 'saved';
  refusal: string | null;
  statedAgency: string | null;
  statedYear: number | null;
  publishedOn: string | null;
  matchKind: 'name' | 'alias' | 'proposal' | 'chosen' | null;
  agencyId: string | null;
  agencyName: string | null;
  proposals: { agencyId: string; agencyName: string; score: number; reason: string }[];
  matchNote: string | null;
  figuresRead: number;
  errors: number;
  warnings: number;
  unread: string[];
  earlier: string | null;
  problems: string[];
}

export interface ImportView {
  id: string;
  year: number;
  regionName: string;
  total: number;
  queued: number;
  read: number;
  refused: number;
  saved: number;
  ready: number;
  reading: boolean;
  items: Item[];
}

async function uploadFile(regionCode: string, importId: string, file: File): Promise<ImportView> {
  const csrf = await api<{ csrfToken: string }>('GET', '/api/v1/auth/csrf');
  const response = await fetch(`/api/v1/supervision/${regionCode}/imports/${importId}/files`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
      'x-csrf-token': csrf.csrfToken,
    },
    body: file,
  });
  const data = (await response.json()) as ImportView | { error: { code: string; message: string } };
  if (!response.ok)
    throw new ApiError(
      response.status,
      (data as { error: { code: string; message: string } }).error,
    );
  return data as ImportView;
}

/** One import: upload, progress, the review table. */
export function SupervisionImportPage({ importId }: { importId: string }) {
  const scope = useScope();
  const [view, setView] = useState<ImportView | null>(null);
  const [agencies, setAgencies] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const base = `/api/v1/supervision/${scope.regionCode}/imports/${importId}`;

  const load = useCallback(async () => {
    try {
      setView(await api<ImportView>('GET', base));
    } catch (e) {
      setError(e);
    }
  }, [base]);
  useEffect(() => {
    void load();
    api<{ agencies: { id: string; name: string }[] }>('GET', '/api/v1/agencies').then(
      (r) => setAgencies(r.agencies),
      setError,
    );
  }, [load]);
  // While files are read, the table fills in as each is done.
  useEffect(() => {
    if (!view || (view.queued === 0 && !view.reading)) return;
    const timer = window.setTimeout(() => void load(), 700);
    return () => window.clearTimeout(timer);
  }, [view, load]);

  async function onFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = [...(e.target.files ?? [])];
    if (files.length === 0) return;
    setError(null);
    setUploading({ done: 0, total: files.length });
    for (const [i, file] of files.entries()) {
      try {
        setView(await uploadFile(scope.regionCode, importId, file));
      } catch (err) {
        setError(err);
      }
      setUploading({ done: i + 1, total: files.length });
    }
    setUploading(null);
    if (input.current) input.current.value = '';
  }
  async function settle(seq: number, body: object) {
    try {
      setView(await api<ImportView>('PUT', `${base}/items/${seq}`, body));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  async function save(seq: number) {
    try {
      setView(await api<ImportView>('POST', `${base}/items/${seq}/save`));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  async function saveAll() {
    try {
      const r = await api<{
        saved: number;
        failed: { seq: number; message: string }[];
        view: ImportView;
      }>('POST', `${base}/save-ready`);
      setView(r.view);
      setNotice(
        `已保存 ${r.saved} 份报告。${r.failed.length > 0 ? `${r.failed.length} 份未能保存：${r.failed.map((f) => f.message).join('；')}` : ''}`,
      );
    } catch (e) {
      setError(e);
    }
  }

  const readCount = view ? view.total - view.queued : 0;
  return (
    <Page title="批量导入" actions={<Link to="/supervision/imports">返回导入记录</Link>}>
      <ScopeBar />
      <ErrorNotice error={error} />
      {view ? (
        <>
          <p>
            {view.regionName} {view.year} 年度报告。共 {view.total} 个文件：已读取{' '}
            {view.read + view.saved}，未读取（已说明原因） {view.refused}，已保存 {view.saved}
            ，可以保存 {view.ready}。
          </p>
          <label className="field">
            <span className="field-label">上传 ZIP 压缩包或报告文件（可多选）</span>
            <input
              ref={input}
              type="file"
              multiple
              onChange={(e) => void onFiles(e)}
              disabled={uploading !== null}
            />
          </label>
          {uploading || view.queued > 0 ? (
            <div role="status" aria-label="读取进度">
              {uploading
                ? `正在上传第 ${uploading.done + 1} / ${uploading.total} 个文件…`
                : `正在读取：${readCount} / ${view.total}`}
              <progress
                className="progress"
                max={uploading ? uploading.total : view.total}
                value={uploading ? uploading.done : readCount}
              />
            </div>
          ) : null}
          {notice ? (
            <p className="notice notice-ok" role="status">
              {notice}
            </p>
          ) : null}
          <p>
            <button
              type="button"
              className="primary"
              disabled={view.ready === 0}
              onClick={() => void saveAll()}
            >
              保存全部没有问题的行（{view.ready}）
            </button>
          </p>
          <table className="data" aria-label="导入审核表">
            <thead>
              <tr>
                <th>文件</th>
                <th>状态</th>
                <th>报告中的机关</th>
                <th>对应机关</th>
                <th>发布日期</th>
                <th>读出数字</th>
                <th>错误 / 警告</th>
                <th>未读出的部分</th>
                <th>问题</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((item) => (
                <ItemRow
                  key={`${item.seq}-${item.status}-${item.agencyId ?? ''}-${item.publishedOn ?? ''}`}
                  item={item}
                  options={agencies}
                  onSettle={settle}
                  onSave={save}
                />
              ))}
            </tbody>
          </table>
        </>
      ) : error ? null : (
        <p className="muted">正在加载…</p>
      )}
    </Page>
  );
}
