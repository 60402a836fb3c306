import { useMemo, useRef, useState } from 'react';
import { FindingTitle } from '../finding-title.js';
import { describeLocation, type Finding } from '../../core/report/findings.js';
import type { AnnualReport, Cell } from '../../core/report/model.js';
import { validateReport } from '../../core/report/validate.js';
import { AppealGrid, ApplicationGrid, ProactiveGrid } from '../report-grid.js';
import { ErrorNotice } from '../ui.js';
import { ImportSave } from './import-save.js';

export interface ReadResult {
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

const SEVERITY_NAMES: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
const KIND_FORMAT: Record<string, string> = {
  text: 'txt',
  html: 'html',
  docx: 'docx',
  pdf: 'pdf',
  json: 'json',
};

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
export function ImportReview({
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
                <FindingTitle code={f.code} />{' '}
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
        <ImportSave
          agencyId={agencyId}
          agencyName={agencyName}
          report={report}
          source={{
            filename: result.file,
            sha256: result.sha256,
            size: result.size,
            format: KIND_FORMAT[result.kind ?? 'text'] ?? 'txt',
            corrections,
          }}
          onSaved={onSaved}
        />
      </div>
    </section>
  );
}
