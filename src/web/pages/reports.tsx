import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { describeLocation, type Finding } from '../../core/report/findings.js';
import {
  figureAt,
  reportFromDraft,
  setFigureAt,
  type FigureSource,
  type ReportDraft,
} from '../../core/report/draft.js';
import type { AnnualReport } from '../../core/report/model.js';
import { validateReport } from '../../core/report/validate.js';
import { CellLinks, CellValue, cellPathOf } from './report-cells.js';
import { api } from '../api.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';
import { AppealGrid, ApplicationGrid, ProactiveGrid, type CellRenderer } from '../report-grid.js';
import { ErrorNotice, Page, ChooseAgency } from '../ui.js';
import { formatInstant, shanghaiToday } from '../format.js';
import { CorrectionRequests } from './supervision/corrections.js';

interface ReportListItem {
  year: number;
  hasDraft: boolean;
  latestVersion: number;
  publishedOn: string | null;
  draftUpdatedAt: string | null;
}

interface VersionSummary {
  version: number;
  publishedOn: string;
  publishedBy: string;
  correctionReason: string | null;
  errors: number;
  warnings: number;
}

interface ReportDetail {
  agencyName: string;
  year: number;
  draft: ReportDraft | null;
  draftUpdatedAt: string | null;
  report: AnnualReport;
  findings: Finding[];
  versions: VersionSummary[];
  /** The latest request to publish along the review chain (审核流程). */
  approval: {
    id: string;
    status: 'pending' | 'approved' | 'returned' | 'withdrawn';
    currentLevelLabel: string | null;
    requestedBy: string;
    requestedAt: string;
    canWithdraw: boolean;
    steps: { levelLabel: string; decision: string; comment: string | null; by: string }[];
  } | null;
}

const FORMAT_NAMES: [string, string][] = [
  ['pdf', 'PDF'],
  ['docx', 'Word'],
  ['html', '网页'],
  ['json', 'JSON'],
  ['csv', 'CSV'],
  ['txt', '文本'],
];

const SEVERITY_NAMES: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

const canEdit = (role: string | undefined) => role === 'clerk' || role === 'system_admin';
const canPublish = (role: string | undefined) => canEdit(role) || role === 'reviewer';

export function ReportsPage() {
  const { context } = useSession();
  const { navigate } = useRouter();
  const agencyId = context?.agencyId;
  const [reports, setReports] = useState<ReportListItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear - 1);

  useEffect(() => {
    if (!agencyId) return;
    api<{ reports: ReportListItem[] }>('GET', `/api/v1/agencies/${agencyId}/reports`).then(
      (r) => setReports(r.reports),
      setError,
    );
  }, [agencyId]);

  if (!agencyId) {
    return <ChooseAgency title="年度报告" />;
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/reports`, { year });
      navigate(`/reports/${year}`);
    } catch (e) {
      setError(e);
    }
  }

  const years = Array.from({ length: thisYear - 2019 + 1 }, (_, i) => thisYear - i);
  return (
    <Page title="政府信息公开工作年度报告">
      <ErrorNotice error={error} />
      <CorrectionRequests agencyId={agencyId} />
      <table className="data" aria-label="年度报告列表">
        <thead>
          <tr>
            <th>年度</th>
            <th>状态</th>
            <th>发布日期</th>
          </tr>
        </thead>
        <tbody>
          {(reports ?? []).map((r) => (
            <tr key={r.year}>
              <td>
                <Link to={`/reports/${r.year}`}>{r.year}年度</Link>
              </td>
              <td>
                {r.latestVersion > 0 ? `已发布（第 ${r.latestVersion} 版）` : '草稿'}
                {r.hasDraft && r.latestVersion > 0 ? '，正在更正' : ''}
              </td>
              <td>{r.publishedOn ?? '—'}</td>
            </tr>
          ))}
          {reports && reports.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                还没有年度报告。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {canEdit(context?.role) ? (
        <form className="card form inline-form" onSubmit={create} aria-label="新建年度报告">
          <label className="inline">
            年度
            <select name="year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            新建年度报告
          </button>
          <p className="muted small">
            条例第四十九条：部门于次年1月31日前、政府于次年3月31日前公布上一年度的报告。
          </p>
        </form>
      ) : null}
    </Page>
  );
}

function sourceNote(source: FigureSource | undefined): string {
  if (!source) return '';
  if (source.kind === 'computed') return `由办理记录自动统计（${source.basis}），不能手工修改`;
  return `手工填写：${source.by}，${formatInstant(source.at)}`;
}

function FigureInput({
  draft,
  path,
  label,
  readOnly,
  onChange,
  invalid,
}: {
  draft: ReportDraft;
  path: string;
  label: string;
  readOnly: boolean;
  onChange: (path: string, raw: string) => void;
  invalid: boolean;
}) {
  const source = draft.figureSources[path];
  const locked = source?.kind === 'computed' && draft.caseFigures?.mode !== 'manual';
  const value = figureAt(draft.figures, path);
  if (locked) {
    return (
      <CellValue path={path} label={label}>
        {value}
      </CellValue>
    );
  }
  return (
    <input
      className={`figure${locked ? ' locked' : ''}${source?.kind === 'manual' ? ' manual' : ''}${invalid ? ' invalid' : ''}`}
      aria-label={label}
      data-path={path}
      inputMode="decimal"
      value={Number.isNaN(value) ? '' : String(value ?? '')}
      readOnly={readOnly || locked}
      title={sourceNote(source)}
      onChange={(e) => onChange(path, e.target.value)}
    />
  );
}

function RichText({
  html,
  onChange,
  label,
  readOnly,
}: {
  html: string;
  onChange: (html: string) => void;
  label: string;
  readOnly: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== html) ref.current.innerHTML = html;
    // Only when the section changes from outside (load, correction), not on each keystroke.
  }, [label]);
  const command = (name: string) => {
    document.execCommand(name);
    if (ref.current) onChange(ref.current.innerHTML);
  };
  return (
    <div className="rich">
      {readOnly ? null : (
        <div className="toolbar" role="toolbar" aria-label={`${label}格式`}>
          <button type="button" onClick={() => command('bold')} title="加粗">
            <strong>B</strong>
          </button>
          <button type="button" onClick={() => command('italic')} title="斜体">
            <em>I</em>
          </button>
          <button type="button" onClick={() => command('insertUnorderedList')} title="列表">
            • 列表
          </button>
        </div>
      )}
      <div
        ref={ref}
        className="editor"
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        onInput={(e) => onChange((e.target as HTMLDivElement).innerHTML)}
      />
    </div>
  );
}

function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split('\n')
    .filter((p) => p.trim())
    .map((p) => `<p>${escape(p)}</p>`)
    .join('');
}

function htmlToPlainText(html: string): string {
  const div = document.createElement('div');
  div.innerHTML = html.replace(/<\/(p|li|div|h3|h4)>|<br\s*\/?>/gi, '\n');
  return (div.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

export function ReportEditorPage({ year }: { year: number }) {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [detail, setDetail] = useState<ReportDetail | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [invalidPaths, setInvalidPaths] = useState<Set<string>>(new Set());
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const editable = canEdit(context?.role) && !!draft && detail?.approval?.status !== 'pending';
  const base = `/api/v1/agencies/${agencyId}/reports/${year}`;

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      const d = await api<ReportDetail>('GET', base);
      setDetail(d);
      setDraft(d.draft);
      setDirty(false);
    } catch (e) {
      setError(e);
    }
  }, [agencyId, base]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** The report as typed so far, judged by the same rules as on the server, at every keystroke. */
  const live = useMemo(() => {
    if (!draft || !detail || invalidPaths.size > 0) return null;
    const report = reportFromDraft(draft, {
      agency: detail.agencyName,
      level: detail.report.agencyLevel ?? 'department',
      year,
      publishedOn: null,
    });
    return { report, findings: validateReport(report, { today: shanghaiToday() }) };
  }, [draft, detail, invalidPaths, year]);

  if (!agencyId) return <ChooseAgency title="年度报告" />;
  if (!detail)
    return (
      <Page title={`${year}年度报告`}>
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在加载…</p>}
      </Page>
    );

  const update = (mutate: (d: ReportDraft) => void) => {
    if (!draft) return;
    const next = structuredClone(draft);
    mutate(next);
    setDraft(next);
    setDirty(true);
    setMessage(null);
  };

  const setFigure = (path: string, raw: string) => {
    const trimmed = raw
      .trim()
      .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const value = trimmed === '' ? Number.NaN : Number(trimmed);
    const next = new Set(invalidPaths);
    const fee = path === 'proactive.administrative_fees.amount_wan_yuan';
    const ok = Number.isFinite(value) && value >= 0 && (fee || Number.isInteger(value));
    if (ok) next.delete(path);
    else next.add(path);
    setInvalidPaths(next);
    update((d) => setFigureAt(d.figures, path, value));
  };

  async function save(): Promise<boolean> {
    if (!draft) return false;
    if (invalidPaths.size > 0) {
      setError(
        new Error(
          '有的数字填写得不对（标红的格子）：件数须为非负整数，收费金额为非负数。请改正后再保存。',
        ),
      );
      return false;
    }
    setBusy(true);
    setError(null);
    try {
      const { figureSources: _sources, ...edit } = draft;
      const d = await api<ReportDetail>('PUT', `${base}/draft`, edit);
      setDetail(d);
      setDraft(d.draft);
      setDirty(false);
      setMessage('草稿已保存。');
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (dirty && !(await save())) return;
    const correcting = detail!.versions.length > 0;
    if (
      !window.confirm(
        correcting
          ? '确定发布更正版本吗？原版本仍会公开，并标明已更正。'
          : '确定发布吗？发布后报告不能修改，只能发布更正版本。',
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      const d = await api<ReportDetail>(
        'POST',
        `${base}/publish`,
        correcting ? { correctionReason: reason } : {},
      );
      setDetail(d);
      setDraft(d.draft);
      setMessage(
        d.approval?.status === 'pending'
          ? `已提请审批，待${d.approval.currentLevelLabel ?? '审核人'}同意后发布。`
          : `已发布第 ${d.versions.at(-1)!.version} 版。`,
      );
      setReason('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function withdrawApproval() {
    if (!detail?.approval) return;
    setError(null);
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/approvals/${detail.approval.id}/withdraw`);
      const d = await api<ReportDetail>('GET', base);
      setDetail(d);
      setDraft(d.draft);
      setMessage('已撤回审批，可以继续修改草稿。');
    } catch (e) {
      setError(e);
    }
  }

  async function startCorrection() {
    setError(null);
    try {
      const d = await api<ReportDetail>('POST', `${base}/correction`);
      setDetail(d);
      setDraft(d.draft);
      setMessage('已以最新版本为底稿建立更正草稿。');
    } catch (e) {
      setError(e);
    }
  }

  const findings = live?.findings ?? detail.findings;
  const latest = detail.versions.at(-1);
  const pendingApproval = detail.approval?.status === 'pending';
  const errors = findings.filter((f) => f.severity === 'error');
  const view = draft ?? null;
  const tables = live?.report.tables ?? detail.report.tables;

  return (
    <Page
      title={`${detail.agencyName}${year}年度报告`}
      actions={
        <>
          {draft ? (
            <a
              className="button"
              href={`${base}/draft/document.html`}
              target="_blank"
              rel="noreferrer"
              onClick={(event) => {
                // The preview is of the saved draft: save unsaved edits first.
                if (!dirty) return;
                event.preventDefault();
                void save().then((ok) => {
                  if (ok) window.open(`${base}/draft/document.html`, '_blank', 'noreferrer');
                });
              }}
            >
              预览{dirty ? '（先保存）' : ''}
            </a>
          ) : null}
          {editable ? (
            <button type="button" onClick={() => void save()} disabled={busy || !dirty}>
              保存草稿
            </button>
          ) : null}
          {draft && canPublish(context?.role) && !pendingApproval ? (
            <button
              type="button"
              className="primary"
              onClick={() => void publish()}
              disabled={busy || errors.length > 0}
            >
              {detail.versions.length > 0 ? '发布更正版本' : '发布'}
            </button>
          ) : null}
          {pendingApproval && detail.approval?.canWithdraw ? (
            <button type="button" onClick={() => void withdrawApproval()}>
              撤回审批
            </button>
          ) : null}
          {!draft && latest && canEdit(context?.role) ? (
            <button type="button" onClick={() => void startCorrection()}>
              发起更正
            </button>
          ) : null}
        </>
      }
    >
      <p className="muted">
        {draft
          ? `草稿${dirty ? '（有未保存的修改）' : ''}`
          : `已发布第 ${latest?.version} 版（${latest?.publishedOn}）`}
        {latest && draft ? `；已发布第 ${latest.version} 版，正在更正` : ''}
      </p>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      {draft && detail.approval && detail.approval.status !== 'approved' ? (
        <div
          className={`notice ${detail.approval.status === 'returned' ? 'notice-error' : 'notice-info'}`}
          data-testid="report-approval"
        >
          {detail.approval.status === 'pending'
            ? `${detail.approval.requestedBy} 于 ${detail.approval.requestedAt.slice(0, 10)} 提请发布，待${detail.approval.currentLevelLabel ?? '审核人'}审批；审批期间草稿不能修改。`
            : detail.approval.status === 'returned'
              ? `发布申请被退回：${detail.approval.steps
                  .filter((s) => s.decision === 'return')
                  .map((s) => `${s.levelLabel} ${s.by}：${s.comment ?? ''}`)
                  .join('；')}`
              : '发布申请已撤回。'}
        </div>
      ) : null}
      <ErrorNotice error={error} />

      <section className="card findings" aria-label="审查结果">
        <h2>
          审查结果：{errors.length} 个错误，
          {findings.filter((f) => f.severity === 'warning').length} 个警告
        </h2>
        {findings.length === 0 ? <p className="muted">未发现问题。</p> : null}
        <ul>
          {findings.map((f, i) => (
            <li key={i} className={`finding finding-${f.severity}`}>
              <span className="severity">{SEVERITY_NAMES[f.severity]}</span>
              <code>{f.code}</code> {describeLocation(f.location)}：{f.message}
            </li>
          ))}
        </ul>
      </section>

      {latest ? (
        <section className="card" aria-label="已发布版本">
          <h2>已发布版本</h2>
          <ul>
            {detail.versions.map((v) => (
              <li key={v.version}>
                第 {v.version} 版，{v.publishedOn}，{v.publishedBy}
                {v.correctionReason ? `，更正原因：${v.correctionReason}` : ''} ·{' '}
                {FORMAT_NAMES.map(([f, name]) => (
                  <a
                    key={f}
                    href={`${base}/versions/${v.version}/document.${f}`}
                    className="download"
                  >
                    {name}
                  </a>
                ))}
              </li>
            ))}
          </ul>
          {draft && detail.versions.length > 0 ? (
            <label className="field">
              <span className="field-label">
                更正原因（发布更正版本时必填，将与新旧版本一同公开）
              </span>
              <textarea
                name="correctionReason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                rows={2}
              />
            </label>
          ) : null}
        </section>
      ) : null}

      {view ? (
        <CellLinks.Provider
          value={
            Object.values(view.figureSources).some((f) => f.kind === 'computed')
              ? (path) => cellPathOf(year, path) ?? ''
              : null
          }
        >
          <section className="card form-wide" aria-label="标题与引言">
            <label className="field">
              <span className="field-label">标题</span>
              <input
                name="title"
                value={view.title}
                readOnly={!editable}
                onChange={(e) => update((d) => (d.title = e.target.value))}
              />
            </label>
            <label className="field">
              <span className="field-label">引言</span>
              <textarea
                name="preamble"
                rows={4}
                value={view.preamble}
                readOnly={!editable}
                onChange={(e) => update((d) => (d.preamble = e.target.value))}
              />
            </label>
          </section>

          {view.sections.map((section, index) => (
            <section
              key={`${section.number}-${index}`}
              className="card form-wide"
              aria-label={`${section.number}、${section.title}`}
            >
              {section.key === null ? (
                <div className="extra-section-heading">
                  <span className="section-number">{section.number}、</span>
                  <input
                    aria-label={`第${section.number}部分标题`}
                    value={section.title}
                    readOnly={!editable}
                    onChange={(e) =>
                      update((d) => {
                        d.sections[index] = { ...d.sections[index]!, title: e.target.value };
                      })
                    }
                  />
                  {editable ? (
                    <button
                      type="button"
                      onClick={() =>
                        update((d) => {
                          d.sections.splice(index, 1);
                          renumberExtraSections(d);
                        })
                      }
                    >
                      删除这一部分
                    </button>
                  ) : null}
                </div>
              ) : (
                <h2>
                  {section.number}、{section.title}
                </h2>
              )}
              {section.key === 'proactive' ? (
                <ProactiveFigures
                  draft={view}
                  tables={tables}
                  readOnly={!editable}
                  onChange={setFigure}
                  invalid={invalidPaths}
                />
              ) : null}
              {section.key === 'applications' ? (
                <CaseFiguresChoiceBox
                  draft={view}
                  editable={editable}
                  onChange={(choice) => update((d) => (d.caseFigures = choice))}
                />
              ) : null}
              {section.key === 'applications' ? (
                <ApplicationFigures
                  draft={view}
                  tables={tables}
                  readOnly={!editable}
                  onChange={setFigure}
                  invalid={invalidPaths}
                />
              ) : null}
              {section.key === 'appeals' ? (
                <AppealFigures
                  draft={view}
                  tables={tables}
                  readOnly={!editable}
                  onChange={setFigure}
                  invalid={invalidPaths}
                />
              ) : null}
              <RichText
                label={`${section.number}、${section.title} 正文`}
                html={section.html ?? textToHtml(section.text)}
                readOnly={!editable}
                onChange={(html) =>
                  update((d) => {
                    d.sections[index] = {
                      ...d.sections[index]!,
                      html,
                      text: htmlToPlainText(html),
                    };
                  })
                }
              />
            </section>
          ))}
          {editable ? (
            <p>
              <button
                type="button"
                onClick={() =>
                  update((d) => {
                    d.sections.push({ key: null, number: '', title: '相关说明', text: '' });
                    renumberExtraSections(d);
                  })
                }
              >
                添加一个部分（如“七、相关说明”）
              </button>
            </p>
          ) : null}
          <section className="card form-wide" aria-label="落款">
            <label className="field">
              <span className="field-label">落款</span>
              <textarea
                name="closing"
                rows={2}
                value={view.closing}
                readOnly={!editable}
                onChange={(e) => update((d) => (d.closing = e.target.value))}
              />
            </label>
          </section>
        </CellLinks.Provider>
      ) : (
        <section className="card" aria-label="报告全文">
          <p>
            <a
              href={`${base}/versions/${latest?.version}/document.html`}
              target="_blank"
              rel="noreferrer"
            >
              查看已发布的报告全文
            </a>
          </p>
        </section>
      )}
    </Page>
  );
}

/**
 * Tables 三 and 四 come from the agency's records (locked) — or, for an agency that came to
 * gongkai part way through the year, are typed by hand with the reason stated.
 */
function CaseFiguresChoiceBox({
  draft,
  editable,
  onChange,
}: {
  draft: ReportDraft;
  editable: boolean;
  onChange: (choice: ReportDraft['caseFigures']) => void;
}) {
  const computed = Object.values(draft.figureSources).some((s) => s.kind === 'computed');
  const manual = draft.caseFigures?.mode === 'manual';
  if (!computed && !manual) return null;
  return (
    <div className="notice notice-info case-figures" aria-label="表三、表四的数字来源">
      {manual ? (
        <>
          <p>表三、表四为手工填写。</p>
          <label className="field">
            <span className="field-label">原因（保存时必填，记入留痕）</span>
            <textarea
              name="caseFiguresReason"
              rows={2}
              value={draft.caseFigures?.reason ?? ''}
              readOnly={!editable}
              onChange={(e) => onChange({ mode: 'manual', reason: e.target.value })}
            />
          </label>
          {editable ? (
            <button type="button" onClick={() => onChange({ mode: 'records' })}>
              改回由办理记录自动统计
            </button>
          ) : null}
        </>
      ) : (
        <>
          <p>
            表三、表四由本机关的申请及复议、诉讼记录自动统计，不能手工修改；点击数字可查看构成该数字的案件。
          </p>
          {editable ? (
            <button type="button" onClick={() => onChange({ mode: 'manual', reason: '' })}>
              改为手工填写（如本机关年中才开始使用本系统）
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}

interface FigureProps {
  draft: ReportDraft;
  readOnly: boolean;
  onChange: (path: string, raw: string) => void;
  invalid: Set<string>;
}

const CHINESE_ORDINALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
];

/** Sections added after 一–六 are numbered on: 七、八、… */
function renumberExtraSections(draft: ReportDraft): void {
  draft.sections.forEach((section, i) => {
    if (section.key === null) section.number = CHINESE_ORDINALS[i] ?? String(i + 1);
  });
}

/** An input for a figure people type; the computed value (or a link to its cases) otherwise. */
function figureCell(props: FigureProps & { tables: AnnualReport['tables'] }): CellRenderer {
  const { draft, tables, readOnly, onChange, invalid } = props;
  return (path, label, derived) => {
    if (!derived) {
      return (
        <FigureInput
          draft={draft}
          path={path}
          label={label}
          readOnly={readOnly}
          onChange={onChange}
          invalid={invalid.has(path)}
        />
      );
    }
    const [table, ...rest] = path.split('.');
    const column = rest.pop()!;
    const row = rest.join('.');
    const values = tables[table as 'applications' | 'appeals'] as Record<
      string,
      Record<string, number | null>
    >;
    return (
      <CellValue path={path} label={label}>
        {values[row]?.[column] ?? ''}
      </CellValue>
    );
  };
}

function ProactiveFigures(props: FigureProps & { tables: AnnualReport['tables'] }) {
  return (
    <div className="figures">
      <ProactiveGrid cell={figureCell(props)} />
    </div>
  );
}

function ApplicationFigures(props: FigureProps & { tables: AnnualReport['tables'] }) {
  return (
    <div className="figures">
      <ApplicationGrid cell={figureCell(props)} />
      <p className="muted small">
        总计列和（七）总计行由系统计算。勾稽关系：每一列的第一项加第二项之和，等于第三项加第四项之和。
      </p>
    </div>
  );
}

function AppealFigures(props: FigureProps & { tables: AnnualReport['tables'] }) {
  return (
    <div className="figures">
      <AppealGrid cell={figureCell(props)} />
    </div>
  );
}
