import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { mayInAgency, useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, ChooseAgency } from '../ui.js';
import { CalendarStatusBanner, HolidayNoticeForm } from './calendar-notice.js';
import { UnitsAndNumbers } from './units-and-numbers.js';
import { ReplyClauses } from './reply-clauses.js';

interface Settings {
  reviewBody: string;
  effectiveReviewBody: string;
  court: string;
  remedyProblem: string | null;
  clock: { countFrom: 'next_day' | 'same_day'; feeWait: 'excluded' | 'counted' };
  reviewChain: { extension: string[]; replyWithholding: string[]; reply: string[] };
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

/**
 * The review chain, the remedy notice's review body and court, the clock, and the calendar.
 * `calendarOnly`: the system administrator's 节假日安排 — the national calendar, no agency's
 * settings (三员分立: an administrator handles no business).
 */
export function ApplicationSettingsPage({ calendarOnly = false }: { calendarOnly?: boolean }) {
  const { context, me } = useSession();
  const agencyId = calendarOnly ? null : context?.agencyId;
  // The settings, reply clauses, units and 文号 routes check application.configure (agency admin).
  const editable = mayInAgency(context, 'application.configure');
  // The holiday schedule is national: calendar.manage over the whole installation (system admin).
  const calendarEditable = me.globalPermissions.includes('calendar.manage');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [years, setYears] = useState<CalendarYear[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (calendarOnly) {
      await api<{ years: CalendarYear[] }>('GET', '/api/v1/calendar/years').then(
        (c) => setYears(c.years),
        setError,
      );
      return;
    }
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
  }, [agencyId, calendarOnly]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!agencyId && !calendarOnly) {
    return <ChooseAgency title="依申请公开设置" />;
  }
  if (!settings && !calendarOnly)
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
          replyWithholdingLevels: settings.reviewChain.replyWithholding,
        },
      );
      setSettings(r.settings);
      setMessage('设置已保存。');
    } catch (e) {
      setError(e);
    }
  }

  const update = (patch: Partial<Settings>) => settings && setSettings({ ...settings, ...patch });
  return (
    <Page title={calendarOnly ? '节假日安排' : '依申请公开设置'}>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      {calendarOnly ? <ErrorNotice error={error} /> : null}
      {settings ? (
        <form className="card form" onSubmit={save} aria-label="审核流程与答复设置">
          <h2>审核流程</h2>
          {editable ? null : (
            <p className="muted">以下设置由本机关的机关管理员维护，这里只供查看。</p>
          )}
          <ErrorNotice error={error} />
          <LevelChecks
            label="延长答复期限须经（条例第三十三条：政府信息公开工作机构负责人同意）"
            value={settings.reviewChain.extension}
            disabled={!editable}
            onChange={(extension) =>
              update({ reviewChain: { ...settings.reviewChain, extension } })
            }
          />
          <LevelChecks
            label="部分公开、不予公开、无法提供、不予处理的答复须经"
            value={settings.reviewChain.replyWithholding}
            disabled={!editable}
            onChange={(replyWithholding) =>
              update({ reviewChain: { ...settings.reviewChain, replyWithholding } })
            }
          />
          <LevelChecks
            label="其他答复须经（不选则经办人直接答复）"
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
              name="reviewBody"
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
              name="court"
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
      ) : null}

      {settings && agencyId ? <ReplyClauses agencyId={agencyId} editable={editable} /> : null}

      <section className="card" aria-label="工作日历">
        <h2>工作日历</h2>
        <CalendarStatusBanner />
        <p className="muted small">
          工作日按国务院办公厅每年公布的节假日安排计算，全国统一，适用于所有机关。系统提供的年份不能修改；尚未录入通知的年份，按《全国年节及纪念日放假办法》推算法定节日和补假（不含调休），涉及该年的期限标为“暂定”；系统管理员录入通知后，各机关未办结申请的期限自动重新计算并记入各案（各机关不能另行设置）。
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
                <td className="nowrap">
                  {y.source === 'shipped' ? '系统提供' : `系统管理员录入（${y.enteredBy}）`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {calendarEditable ? (
          <HolidayNoticeForm
            onSaved={(m) => {
              setMessage(m);
              void load();
            }}
          />
        ) : null}
      </section>
      {agencyId ? <UnitsAndNumbers agencyId={agencyId} editable={editable} /> : null}
    </Page>
  );
}
