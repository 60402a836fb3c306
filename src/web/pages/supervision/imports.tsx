/**
 * 批量导入: a ZIP or many files of reports published off the system, for the region and year;
 * a progress bar while they are read; a review table (matched agency, figures read, findings,
 * unread parts, problems) where the supervisor confirms each row or all rows without problems.
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { api, ApiError } from '../../api.js';
import { Link, useRouter } from '../../router.js';
import { ErrorNotice, Page } from '../../ui.js';
import { ScopeBar, useScope } from './scope.js';

interface Item {
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

interface ImportView {
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

const MATCH_LABELS = {
  name: '名称相同',
  alias: '别名',
  proposal: '待确认',
  chosen: '已确认',
} as const;
const STATUS_LABELS = {
  refused: '未读取',
  queued: '排队读取中',
  read: '已读取',
  saved: '已保存',
} as const;

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

/** The list of imports and a new one. */
export function SupervisionImportsPage() {
  const scope = useScope();
  const { navigate } = useRouter();
  const [imports, setImports] = useState<
    { id: string; year: number; createdAt: string; createdBy: string; files: number }[]
  >([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ imports: typeof imports }>('GET', `/api/v1/supervision/${scope.regionCode}/imports`).then(
      (r) => setImports(r.imports),
      setError,
    );
  }, [scope.regionCode]);
  async function start() {
    try {
      const view = await api<ImportView>(
        'POST',
        `/api/v1/supervision/${scope.regionCode}/imports`,
        {
          year: scope.year,
        },
      );
      navigate(`/supervision/imports/${view.id}`);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Page title="批量导入">
      <ScopeBar />
      <ErrorNotice error={error} />
      <p>
        导入本系统之外发布的年度报告：上传一个 ZIP
        压缩包或多个文件（文本、HTML、DOCX、PDF），系统逐份读取，按报告中的机关名称（或已登记的别名）对应到本辖区的机关；
        对应不上的由您确认，不会自动猜测。
      </p>
      <button type="button" className="primary" onClick={() => void start()}>
        开始导入 {scope.regionName} {scope.year} 年度报告
      </button>
      {imports.length > 0 ? (
        <table className="data" aria-label="导入记录">
          <thead>
            <tr>
              <th>开始时间</th>
              <th>年度</th>
              <th>文件数</th>
              <th>操作人</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/supervision/imports/${i.id}`}>
                    {i.createdAt.slice(0, 16).replace('T', ' ')}
                  </Link>
                </td>
                <td>{i.year}</td>
                <td>{i.files}</td>
                <td>{i.createdBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}

function ItemRow({
  item,
  options,
  onSettle,
  onSave,
}: {
  item: Item;
  options: { id: string; name: string }[];
  onSettle: (seq: number, body: object) => Promise<void>;
  onSave: (seq: number) => Promise<void>;
}) {
  const [agencyId, setAgencyId] = useState(item.proposals[0]?.agencyId ?? '');
  const [remember, setRemember] = useState(true);
  const [date, setDate] = useState(item.publishedOn ?? '');
  const needsAgency = item.status === 'read' && !item.agencyId;
  const needsDate = item.status === 'read' && !item.publishedOn;
  return (
    <tr>
      <td>
        {item.filename}
        {item.earlier ? <div className="muted small">{item.earlier}</div> : null}
      </td>
      <td>{STATUS_LABELS[item.status]}</td>
      <td>
        {item.statedAgency ?? '—'}
        {item.statedYear ? <div className="muted small">{item.statedYear}年度</div> : null}
      </td>
      <td>
        {item.agencyName ? (
          <>
            {item.agencyName}
            <div className="muted small">{item.matchKind ? MATCH_LABELS[item.matchKind] : ''}</div>
          </>
        ) : needsAgency ? (
          <div>
            <div className="muted small">{item.matchNote}</div>
            <select
              aria-label={`${item.filename}的机关`}
              value={agencyId}
              onChange={(e) => setAgencyId(e.target.value)}
            >
              <option value="">（请选择机关）</option>
              {item.proposals.map((p) => (
                <option key={`p-${p.agencyId}`} value={p.agencyId}>
                  {p.agencyName}（建议：{p.reason}）
                </option>
              ))}
              {options
                .filter((o) => !item.proposals.some((p) => p.agencyId === o.id))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
            <label className="check small">
              <input
                type="checkbox"
                checked={remember}
                onChange={(e) => setRemember(e.target.checked)}
              />
              把“{item.statedAgency}”登记为该机关的别名
            </label>
          </div>
        ) : (
          '—'
        )}
      </td>
      <td>
        {needsDate ? (
          <input
            type="date"
            aria-label={`${item.filename}的发布日期`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        ) : (
          (item.publishedOn ?? '—')
        )}
      </td>
      <td>{item.status === 'read' || item.status === 'saved' ? item.figuresRead : '—'}</td>
      <td>
        {item.errors} / {item.warnings}
      </td>
      <td>
        {item.unread.length > 0 ? (
          <ul className="worst">
            {item.unread.slice(0, 3).map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </td>
      <td>
        {item.status === 'refused' ? (
          <span className="sev-error">{item.refusal}</span>
        ) : item.problems.length > 0 ? (
          <ul className="problems">
            {item.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : item.status === 'saved' ? (
          '已保存为该机关的导入报告'
        ) : (
          '可以保存'
        )}
      </td>
      <td className="actions">
        {needsAgency || needsDate ? (
          <button
            type="button"
            onClick={() =>
              void onSettle(item.seq, {
                ...(needsAgency && agencyId ? { agencyId, rememberAlias: remember } : {}),
                ...(needsDate && date ? { publishedOn: date } : {}),
              })
            }
          >
            确认
          </button>
        ) : null}
        {item.status === 'read' && item.problems.length === 0 ? (
          <button type="button" className="primary" onClick={() => void onSave(item.seq)}>
            保存
          </button>
        ) : null}
      </td>
    </tr>
  );
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

/** 设置: the year-on-year factor of the region. */
export function SupervisionSettingsPage() {
  const scope = useScope();
  const [factor, setFactor] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const url = `/api/v1/supervision/${scope.regionCode}/settings`;
  useEffect(() => {
    api<{ yearOnYearFactor: number }>('GET', url).then(
      (s) => setFactor(String(s.yearOnYearFactor)),
      setError,
    );
  }, [url]);
  async function save() {
    try {
      const s = await api<{ yearOnYearFactor: number }>('PUT', url, {
        yearOnYearFactor: Number(factor),
      });
      setFactor(String(s.yearOnYearFactor));
      setSaved(true);
      setError(null);
    } catch (e) {
      setError(e);
      setSaved(false);
    }
  }
  const fieldMessage =
    error instanceof ApiError && error.body.field === 'yearOnYearFactor'
      ? error.body.message
      : null;
  return (
    <Page title="监督设置">
      <ScopeBar />
      {error && !fieldMessage ? <ErrorNotice error={error} /> : null}
      <div className="field">
        <label className="field-label" htmlFor="yoy">
          同比变化提示倍数
        </label>
        <input
          id="yoy"
          type="number"
          step="0.5"
          min="1.5"
          max="100"
          value={factor}
          onChange={(e) => setFactor(e.target.value)}
          aria-invalid={!!fieldMessage}
        />
        <span className={fieldMessage ? 'field-error' : 'field-hint'}>
          {fieldMessage ??
            '某个数字与上一年度相比增减超过此倍数时，作为“提示”列出，供核对（适用于本区划及未单独设置的下级区划）。'}
        </span>
      </div>
      <button type="button" className="primary" onClick={() => void save()}>
        保存
      </button>
      {saved ? (
        <p className="notice notice-ok" role="status">
          已保存。
        </p>
      ) : null}
    </Page>
  );
}
