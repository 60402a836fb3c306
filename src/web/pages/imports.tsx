import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { describeLocation, type Finding } from '../../core/report/findings.js';
import type { AnnualReport, Cell } from '../../core/report/model.js';
import { validateReport } from '../../core/report/validate.js';
import { api, ApiError } from '../api.js';
import { useSession } from '../session.js';
import { AppealGrid, ApplicationGrid, ProactiveGrid } from '../report-grid.js';
import { ErrorNotice, Page } from '../ui.js';
import { readingStatus, useReadQueue } from './read-queue.js';

interface ReadResult {
  file: string;
  kind: 'text' | 'html' | 'docx' | 'pdf' | null;
  encoding: string | null;
  report: AnnualReport | null;
  findings: Finding[];
  lines: string[];
  sourceLines: Record<string, number>;
  sha256: string;
  size: number;
}

interface Upload {
  name: string;
  status: 'reading' | 'read' | 'failed' | 'saved';
  result?: ReadResult;
  error?: unknown;
}

const SEVERITY_NAMES: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
const KIND_FORMAT: Record<string, string> = {
  text: 'txt',
  html: 'html',
  docx: 'docx',
  pdf: 'pdf',
  json: 'json',
};

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

function cellOf(report: AnnualReport, path: string): Cell | undefined {
  const [table, ...rest] = path.split('.');
  const column = rest.pop()!;
  const row = rest.join('.');
  const t = report.tables[table as keyof AnnualReport['tables']] as Record<
    string,
    Record<string, Cell> | undefined
  >;
  return t[row]?.[column];
}

function setCell(report: AnnualReport, path: string, value: Cell): AnnualReport {
  const next = structuredClone(report);
  const [table, ...rest] = path.split('.');
  const column = rest.pop()!;
  const row = rest.join('.');
  const t = next.tables[table as keyof AnnualReport['tables']] as Record<
    string,
    Record<string, Cell>
  >;
  t[row] = { ...(t[row] ?? {}), [column]: value };
  return next;
}

/** The agencies this person may import for: the current one, or any of a supervisor's region. */
function useImportAgencies() {
  const { context, me } = useSession();
  if (context?.agencyId) {
    const agency = me.agencies.find((a) => a.id === context.agencyId);
    return agency ? [agency] : [];
  }
  if (context?.role === 'supervisor' || context?.role === 'system_admin') return me.agencies;
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

function ImportReview({
  agencyId,
  agencyName,
  result,
  onSaved,
}: {
  agencyId: string;
  agencyName: string;
  result: ReadResult;
  onSaved: () => void;
}) {
  const [report, setReport] = useState<AnnualReport | null>(result.report);
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [highlight, setHighlight] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const sourceRef = useRef<HTMLOListElement>(null);

  const findings = useMemo(
    () => (report ? validateReport(report) : result.findings),
    [report, result.findings],
  );
  // The reader's own findings (cell counts, unreadable cells) stay until someone corrects a
  // figure of the row they are about.
  const corrected = (f: Finding) =>
    f.location.table !== undefined &&
    f.location.row !== undefined &&
    Object.keys(raw).some((path) => path.startsWith(`${f.location.table}.${f.location.row}.`));
  const readerFindings = result.findings.filter(
    (f) =>
      f.location.line !== undefined &&
      !corrected(f) &&
      !findings.some((g) => g.code === f.code && g.message === f.message),
  );
  const all = [...readerFindings, ...findings];
  const flagged = new Set(
    all.map((f) => f.location.line).filter((l): l is number => l !== undefined),
  );

  const showLine = (line: number | undefined) => {
    if (!line) return;
    setHighlight(line);
    sourceRef.current?.querySelector(`[data-line="${line}"]`)?.scrollIntoView({ block: 'center' });
  };

  if (!report) {
    return (
      <section className="card" aria-label="读取结果">
        <h2>{result.file}</h2>
        <ErrorNotice error={new Error(result.findings[0]?.message ?? '无法读取该文件。')} />
      </section>
    );
  }

  const corrections = Object.keys(raw)
    .map((path) => ({
      path,
      read: cellOf(result.report!, path) ?? null,
      corrected: cellOf(report, path) ?? null,
    }))
    .filter((c) => c.read !== c.corrected);

  const edit = (path: string, text: string) => {
    setRaw({ ...raw, [path]: text });
    const t = text.trim();
    const value = t === '' ? null : Number(t);
    if (t !== '' && !Number.isFinite(value)) return;
    setReport(setCell(report, path, value));
  };

  async function save() {
    setError(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/reports/${report!.year}/import`, {
        report,
        source: {
          filename: result.file,
          sha256: result.sha256,
          size: result.size,
          format: KIND_FORMAT[result.kind ?? 'text'] ?? 'txt',
          corrections,
        },
      });
      setSaved(report!.year);
      onSaved();
    } catch (e) {
      setError(e);
    }
  }

  const cell = (path: string, label: string) => {
    const value = cellOf(report, path);
    const line = result.sourceLines[path];
    const text = raw[path] ?? (value === undefined ? '' : value === null ? '' : String(value));
    return (
      <input
        className={`figure${value === undefined ? ' missing' : value === null ? ' invalid' : ''}${raw[path] !== undefined ? ' manual' : ''}`}
        aria-label={label}
        value={text}
        placeholder={value === undefined ? '缺' : '?'}
        title={line ? `原文第 ${line} 行` : value === undefined ? '文档中没有这个单元格' : ''}
        onFocus={() => showLine(line)}
        onChange={(e) => edit(path, e.target.value)}
      />
    );
  };

  return (
    <section className="import-review" aria-label="核对读取结果">
      <div className="import-source card">
        <h2>原文：{result.file}</h2>
        <p className="muted small">
          {result.kind === 'text' ? `文本（${result.encoding ?? ''}）` : result.kind?.toUpperCase()}{' '}
          · 共 {result.lines.length} 行 · 标红的行有审查发现
        </p>
        <ol ref={sourceRef} className="source-lines" aria-label="原文各行">
          {result.lines.map((line, i) => (
            <li
              key={i}
              data-line={i + 1}
              className={`${flagged.has(i + 1) ? 'flagged' : ''}${highlight === i + 1 ? ' highlight' : ''}`}
            >
              <span className="ln">{i + 1}</span>
              <span className="lt">{line}</span>
            </li>
          ))}
        </ol>
      </div>
      <div className="import-model">
        <div className="card">
          <h2>读出的报告</h2>
          <div className="row">
            <label className="field">
              <span className="field-label">机关（读出）</span>
              <input value={report.agency} readOnly />
            </label>
            <label className="field">
              <span className="field-label">年度</span>
              <input
                name="year"
                inputMode="numeric"
                value={report.year}
                onChange={(e) =>
                  setReport({ ...report, year: Number(e.target.value) || report.year })
                }
              />
            </label>
            <label className="field">
              <span className="field-label">发布日期</span>
              <input
                name="publishedOn"
                type="date"
                value={report.publishedOn ?? ''}
                onChange={(e) => setReport({ ...report, publishedOn: e.target.value || null })}
              />
            </label>
          </div>
          {report.agency && agencyName && report.agency !== agencyName ? (
            <p className="notice notice-info">
              文件中的机关名称“{report.agency}”与所选机关“{agencyName}
              ”不同；保存时将记在所选机关名下。
            </p>
          ) : null}
        </div>
        <section className="card findings" aria-label="审查结果">
          <h2>
            审查结果：{all.filter((f) => f.severity === 'error').length} 个错误，
            {all.filter((f) => f.severity === 'warning').length} 个警告
          </h2>
          <ul>
            {all.map((f, i) => (
              <li key={i} className={`finding finding-${f.severity}`}>
                <span className="severity">{SEVERITY_NAMES[f.severity]}</span>
                <code>{f.code}</code>{' '}
                {f.location.line ? (
                  <button type="button" className="link" onClick={() => showLine(f.location.line)}>
                    {describeLocation(f.location)}
                  </button>
                ) : (
                  describeLocation(f.location)
                )}
                ：{f.message}
              </li>
            ))}
          </ul>
        </section>
        <div className="card figures" aria-label="表格">
          <ProactiveGrid cell={cell} />
          <ApplicationGrid cell={cell} label="表三" />
          <AppealGrid cell={cell} label="表四" />
        </div>
        <div className="card">
          <ErrorNotice error={error} />
          {saved ? (
            <p className="notice notice-ok" role="status">
              已保存为{agencyName}
              {saved}年度的报告。
              <a
                href={`/portal/agencies/${agencyId}/reports/${saved}`}
                target="_blank"
                rel="noreferrer"
              >
                在门户查看
              </a>
            </p>
          ) : (
            <button type="button" className="primary" onClick={() => void save()}>
              保存为{agencyName}
              {report.year}年度的报告
            </button>
          )}
          {corrections.length > 0 ? (
            <p className="muted small">已人工更正 {corrections.length} 个数字，保存时一并记录。</p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
