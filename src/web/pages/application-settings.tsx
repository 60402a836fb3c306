import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api.js';
import { useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, ChooseAgency } from '../ui.js';

interface Settings {
  reviewBody: string;
  effectiveReviewBody: string;
  court: string;
  remedyProblem: string | null;
  clock: { countFrom: 'next_day' | 'same_day'; feeWait: 'excluded' | 'counted' };
  reviewChain: { extension: string[]; reply: string[] };
  updatedAt: string | null;
  updatedBy: string | null;
}

interface CalendarYear {
  year: number;
  notice: string;
  source: 'shipped' | 'system';
  enteredBy: string | null;
  schedule: { holidays: { name: string; from: string; to: string }[]; workdays: string[] };
}

const LEVELS: [string, string][] = [
  ['section_head', '股室负责人'],
  ['deputy', '分管领导'],
  ['principal', '主要领导'],
];

function LevelChecks({
  label,
  value,
  onChange,
  disabled,
}: {
  label: string;
  value: string[];
  onChange: (levels: string[]) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="roles">
      <legend>{label}</legend>
      {LEVELS.map(([key, text]) => (
        <label key={key} className="check">
          <input
            type="checkbox"
            checked={value.includes(key)}
            disabled={disabled}
            onChange={(e) =>
              onChange(
                LEVELS.map(([k]) => k).filter((k) =>
                  k === key ? e.target.checked : value.includes(k),
                ),
              )
            }
          />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

/** Lines of "春节 2027-02-05 2027-02-11", "2027-01-01" or "端午节 2027-06-09". */
function parseHolidays(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const dates = line.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
      const name = line
        .replace(/\d{4}-\d{2}-\d{2}/g, '')
        .replace(/[至~—–-]/g, ' ')
        .trim();
      if (dates.length === 1 && !name) return dates[0]!;
      return {
        ...(name ? { name } : {}),
        from: dates[0] ?? line,
        to: dates[1] ?? dates[0] ?? line,
      };
    });
}

/** The review chain, the remedy notice's review body and court, the clock, and the calendar. */
export function ApplicationSettingsPage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const editable = context?.role === 'agency_admin' || context?.role === 'system_admin';
  // The holiday schedule is national: only a system admin enters a year, for every agency.
  const calendarEditable = context?.role === 'system_admin';
  const [settings, setSettings] = useState<Settings | null>(null);
  const [years, setYears] = useState<CalendarYear[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [calendarError, setCalendarError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [entry, setEntry] = useState({ year: '', notice: '', holidays: '', workdays: '' });

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      const [s, c] = await Promise.all([
        api<{ settings: Settings }>('GET', `/api/v1/agencies/${agencyId}/application-settings`),
        api<{ years: CalendarYear[] }>('GET', '/api/v1/calendar/years'),
      ]);
      setSettings(s.settings);
      setYears(c.years);
    } catch (e) {
      setError(e);
    }
  }, [agencyId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!agencyId) {
    return <ChooseAgency title="依申请公开设置" />;
  }
  if (!settings)
    return <Page title="依申请公开设置">{error ? <ErrorNotice error={error} /> : null}</Page>;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    setError(null);
    setMessage(null);
    try {
      const r = await api<{ settings: Settings }>(
        'PUT',
        `/api/v1/agencies/${agencyId}/application-settings`,
        {
          reviewBody: settings.reviewBody,
          court: settings.court,
          countFrom: settings.clock.countFrom,
          feeWait: settings.clock.feeWait,
          extensionLevels: settings.reviewChain.extension,
          replyLevels: settings.reviewChain.reply,
        },
      );
      setSettings(r.settings);
      setMessage('设置已保存。');
    } catch (e) {
      setError(e);
    }
  }

  async function saveYear(event: FormEvent) {
    event.preventDefault();
    setCalendarError(null);
    setMessage(null);
    const year = Number(entry.year);
    try {
      await api('PUT', `/api/v1/calendar/years/${year}`, {
        year,
        notice: entry.notice,
        holidays: parseHolidays(entry.holidays),
        workdays: entry.workdays.match(/\d{4}-\d{2}-\d{2}/g) ?? [],
      });
      setMessage(`${year} 年节假日安排已保存。`);
      setEntry({ year: '', notice: '', holidays: '', workdays: '' });
      await load();
    } catch (e) {
      setCalendarError(e);
    }
  }

  const problems =
    calendarError instanceof ApiError
      ? ((calendarError.body as unknown as { problems?: { path: string; message: string }[] })
          .problems ?? [])
      : [];
  const update = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });
  return (
    <Page title="依申请公开设置">
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <form className="card form" onSubmit={save} aria-label="审核流程与答复设置">
        <h2>审核流程</h2>
        <ErrorNotice error={error} />
        <LevelChecks
          label="延长答复期限须经（条例第三十三条：政府信息公开工作机构负责人同意）"
          value={settings.reviewChain.extension}
          disabled={!editable}
          onChange={(extension) => update({ reviewChain: { ...settings.reviewChain, extension } })}
        />
        <LevelChecks
          label="答复须经（不选则经办人直接答复）"
          value={settings.reviewChain.reply}
          disabled={!editable}
          onChange={(reply) => update({ reviewChain: { ...settings.reviewChain, reply } })}
        />
        <h2>答复告知书的救济途径</h2>
        {settings.remedyProblem ? (
          <div className="notice notice-error" role="alert">
            {settings.remedyProblem}
          </div>
        ) : null}
        <Field
          label="行政复议机关（复议机关）"
          error={fieldError(error, 'reviewBody')}
          hint={
            settings.effectiveReviewBody
              ? `不填则为本级人民政府：${settings.effectiveReviewBody}`
              : '人民政府须填写其复议机关（如上一级人民政府）'
          }
        >
          <input
            value={settings.reviewBody}
            readOnly={!editable}
            onChange={(e) => update({ reviewBody: e.target.value })}
          />
        </Field>
        <Field
          label="受理行政诉讼的人民法院"
          error={fieldError(error, 'court')}
          hint="必填：答复告知书须写明向哪个人民法院起诉"
        >
          <input
            value={settings.court}
            readOnly={!editable}
            onChange={(e) => update({ court: e.target.value })}
          />
        </Field>
        <h2>答复期限</h2>
        <Field
          label="期限起算"
          hint="条例未规定“自……之日起”的第 1 个工作日是当日还是次日（通行做法为次日）。本设置同样适用于补正告知的 7 个工作日、答复的 20 个工作日和征求意见的 15 个工作日；缴费期限依国办函〔2020〕109号自收到通知之日的次日起算。修改只适用于此后登记的申请。"
        >
          <select
            value={settings.clock.countFrom}
            disabled={!editable}
            onChange={(e) =>
              update({ clock: { ...settings.clock, countFrom: e.target.value as 'next_day' } })
            }
          >
            <option value="next_day">收到之日的次日为第 1 个工作日</option>
            <option value="same_day">收到之日（工作日）为第 1 个工作日</option>
          </select>
        </Field>
        <Field label="等待缴费的期间">
          <select
            value={settings.clock.feeWait}
            disabled={!editable}
            onChange={(e) =>
              update({ clock: { ...settings.clock, feeWait: e.target.value as 'excluded' } })
            }
          >
            <option value="excluded">不计入答复期限</option>
            <option value="counted">计入答复期限</option>
          </select>
        </Field>
        {editable ? (
          <button type="submit" className="primary">
            保存设置
          </button>
        ) : null}
      </form>

      <section className="card" aria-label="工作日历">
        <h2>工作日历</h2>
        <p className="muted small">
          工作日按国务院办公厅每年公布的节假日安排计算，全国统一，适用于所有机关。系统提供的年份不能修改；没有安排的年份，涉及该年的期限无法计算，须由系统管理员录入一次（各机关不能另行设置）。
        </p>
        <table className="data">
          <thead>
            <tr>
              <th>年份</th>
              <th>依据</th>
              <th>放假</th>
              <th>调休上班</th>
              <th>来源</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <td>{y.year}</td>
                <td>{y.notice}</td>
                <td className="small">
                  {y.schedule.holidays
                    .map((h) => `${h.name} ${h.from}${h.to !== h.from ? `至${h.to}` : ''}`)
                    .join('；')}
                </td>
                <td className="small">{y.schedule.workdays.join('、')}</td>
                <td>{y.source === 'shipped' ? '系统提供' : `系统管理员录入（${y.enteredBy}）`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {calendarEditable ? (
          <form className="form" onSubmit={saveYear} aria-label="录入节假日安排" noValidate>
            <h3>录入新一年的节假日安排</h3>
            <ErrorNotice error={calendarError} />
            {problems.length > 1 ? (
              <ul className="field-error">
                {problems.map((p, i) => (
                  <li key={i}>
                    {p.path}：{p.message}
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="row">
              <Field label="年份">
                <input
                  inputMode="numeric"
                  value={entry.year}
                  onChange={(e) => setEntry({ ...entry, year: e.target.value })}
                />
              </Field>
              <Field label="通知文号" hint="如 国办发明电〔2026〕×号">
                <input
                  value={entry.notice}
                  onChange={(e) => setEntry({ ...entry, notice: e.target.value })}
                />
              </Field>
            </div>
            <Field
              label="放假"
              hint="每行一段：名称 起始日期 结束日期，如 春节 2027-02-05 2027-02-11"
            >
              <textarea
                rows={7}
                value={entry.holidays}
                onChange={(e) => setEntry({ ...entry, holidays: e.target.value })}
              />
            </Field>
            <Field label="调休上班的星期六、星期日" hint="每行或以空格分隔一个日期">
              <textarea
                rows={3}
                value={entry.workdays}
                onChange={(e) => setEntry({ ...entry, workdays: e.target.value })}
              />
            </Field>
            <button type="submit" className="primary">
              保存
            </button>
          </form>
        ) : null}
      </section>
    </Page>
  );
}
