import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api.js';
import { mayGlobally, mayInAgency, useSession } from '../session.js';
import { ErrorNotice, Field } from '../ui.js';

interface NoticeItem {
  line: number | null;
  name: string;
  from: string;
  to: string;
  days: number;
  dayList: string[];
  workdayList: string[];
  statedDays: number | null;
}

interface Preview {
  year: number | null;
  notice: string;
  items: NoticeItem[];
  unread: { line: number; text: string; message: string }[];
  ignored: { line: number; text: string }[];
  lawProblems: { line: number | null; message: string }[];
  scheduleProblems: { path: string; message: string }[];
  ok: boolean;
}

interface CalendarStatus {
  missing: { year: number; provisional: boolean }[];
  reminder: string | null;
}

/**
 * Tells those who hold calendar.manage — for the installation (the system admin, who enters the
 * notice) or for an agency (its admin, whose due dates and settings rest on it) — that a year's
 * holiday notice is missing (this year, and from 1 November next year's): the due dates over it
 * are 暂定.
 */
export function CalendarStatusBanner() {
  const { context } = useSession();
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const shown = mayGlobally(context, 'calendar.manage') || mayInAgency(context, 'calendar.manage');
  useEffect(() => {
    if (!shown) return;
    api<CalendarStatus>('GET', '/api/v1/calendar/status').then(setStatus, () => setStatus(null));
  }, [shown]);
  if (!shown || !status?.reminder) return null;
  return (
    <div className="notice notice-info" role="status" aria-label="节假日安排提醒">
      {status.reminder}
    </div>
  );
}

/** The rows of the parsed notice, one per item, for confirmation. */
function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <table className="data" aria-label="读取到的放假安排">
      <thead>
        <tr>
          <th>行</th>
          <th>节日</th>
          <th>放假</th>
          <th>天数</th>
          <th>调休上班</th>
        </tr>
      </thead>
      <tbody>
        {preview.items.map((item) => (
          <tr key={`${item.line ?? 0}-${item.name}`}>
            <td>{item.line ?? ''}</td>
            <td>{item.name}</td>
            <td className="small">
              {item.dayList.length > 1
                ? `${item.dayList[0]} 至 ${item.dayList[item.dayList.length - 1]}`
                : item.dayList[0]}
            </td>
            <td>{item.days} 天</td>
            <td className="small">{item.workdayList.join('、') || '无'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The system admin pastes the State Council's notice; the server reads it and lists the days
 * line by line, what it did not understand, and where it contradicts the holiday law; saving
 * is possible once everything is read and agrees. The pasted text stays in the box whatever
 * happens.
 */
export function HolidayNoticeForm({ onSaved }: { onSaved: (message: string) => void }) {
  const [entry, setEntry] = useState({ year: '', notice: '', text: '' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const yearValue = (): number | null => {
    const y = entry.year.trim();
    return /^\d{4}$/.test(y) ? Number(y) : null;
  };

  async function read(event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    if (!entry.text.trim()) {
      setError(
        new Error('请把国务院办公厅通知的全文（至少“一、元旦：……”起的各项）粘贴到文本框中。'),
      );
      return;
    }
    if (entry.year.trim() && yearValue() === null) {
      setError(new Error('年份应为四位数字，如 2027；不填时从通知标题中读取。'));
      return;
    }
    setBusy(true);
    try {
      const r = await api<{ preview: Preview }>('POST', '/api/v1/calendar/notices/preview', {
        text: entry.text,
        year: yearValue(),
        ...(entry.notice.trim() ? { notice: entry.notice.trim() } : {}),
      });
      setPreview(r.preview);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!preview?.ok || preview.year === null) return;
    setError(null);
    setBusy(true);
    try {
      const r = await api<{ year: number; recomputed: { checked: number; changed: number } }>(
        'POST',
        '/api/v1/calendar/notices',
        {
          year: preview.year,
          text: entry.text,
          ...(entry.notice.trim() ? { notice: entry.notice.trim() } : {}),
        },
      );
      onSaved(
        `${r.year} 年节假日安排已录入。已重新计算 ${r.recomputed.checked} 件未办结申请的答复期限，其中 ${r.recomputed.changed} 件有变化，已记入各案并通知经办人。`,
      );
      setEntry({ year: '', notice: '', text: '' });
      setPreview(null);
    } catch (e) {
      setError(e);
      // The server's reading of the refused text, so the problems show line by line.
      if (e instanceof ApiError) {
        const refused = (e.body as unknown as { preview?: Preview }).preview;
        if (refused) setPreview(refused);
      }
    } finally {
      setBusy(false);
    }
  }

  const problems = preview
    ? [
        ...preview.scheduleProblems.map((p) => p.message),
        ...preview.lawProblems.map((p) => (p.line ? `第 ${p.line} 行：${p.message}` : p.message)),
      ]
    : [];
  return (
    <form className="form" onSubmit={(e) => void read(e)} aria-label="录入节假日安排" noValidate>
      <h3>录入国务院办公厅节假日安排</h3>
      <p className="muted small">
        把通知全文粘贴到下面（标题、文号、“一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。……”各项都可以一起粘贴）。系统逐行读取，列出每项放假和调休上班的日期供核对，并与《全国年节及纪念日放假办法》规定的天数核对；没有看懂的行逐行列出。
      </p>
      <ErrorNotice error={error} />
      <div className="row">
        <Field label="年份" hint="不填时从通知标题中读取">
          <input
            inputMode="numeric"
            value={entry.year}
            onChange={(e) => setEntry({ ...entry, year: e.target.value })}
          />
        </Field>
        <Field label="通知文号" hint="不填时从通知正文中读取，如 国办发明电〔2026〕×号">
          <input
            value={entry.notice}
            onChange={(e) => setEntry({ ...entry, notice: e.target.value })}
          />
        </Field>
      </div>
      <Field label="通知全文">
        <textarea
          rows={12}
          value={entry.text}
          onChange={(e) => {
            setEntry({ ...entry, text: e.target.value });
            setPreview(null);
          }}
        />
      </Field>
      <button type="submit" disabled={busy}>
        读取并核对
      </button>
      {preview ? (
        <div aria-label="读取结果">
          <h4>
            读取结果：{preview.year ?? '（年份未知）'} 年
            {preview.notice ? `，${preview.notice}` : ''}
          </h4>
          {preview.items.length > 0 ? <PreviewTable preview={preview} /> : null}
          {preview.unread.length > 0 ? (
            <div className="notice notice-error" role="alert">
              <strong>没有看懂的行（未使用）：</strong>
              <ul aria-label="没有看懂的行">
                {preview.unread.map((p, i) => (
                  <li key={i}>
                    第 {p.line} 行“{p.text}”：{p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {problems.length > 0 ? (
            <div className="notice notice-error" role="alert">
              <strong>与规定不符，不能录入：</strong>
              <ul aria-label="与规定不符之处">
                {problems.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.ignored.length > 0 ? (
            <details>
              <summary className="small">
                未使用的文字（标题、称谓、结尾等）{preview.ignored.length} 行
              </summary>
              <ul className="small muted">
                {preview.ignored.map((l) => (
                  <li key={l.line}>
                    第 {l.line} 行：{l.text}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {preview.ok ? (
            <p>
              <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
                核对无误，录入 {preview.year} 年节假日安排
              </button>
            </p>
          ) : (
            <p className="muted small">请修改上面的文字后重新读取；粘贴的内容不会丢失。</p>
          )}
        </div>
      ) : null}
    </form>
  );
}
