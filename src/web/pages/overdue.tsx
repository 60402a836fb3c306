import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { lastDayPhrase } from '../../core/calendar/date.js';
import { Link } from '../router.js';
import { mayInAgency, useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, Page } from '../ui.js';

interface WatchEntry {
  id: string;
  number: string;
  applicantName: string;
  receivedOn: string;
  dueOn: string;
  dueProvisional: boolean;
  urgencyLabel: string;
  workingDaysLeft: number | null;
  responsible: { userId: string; name: string } | null;
}

interface Watch {
  today: string;
  dueSoonWorkingDays: number;
  dueSoon: WatchEntry[];
  overdue: WatchEntry[];
  problems: { id: string; number: string; message: string }[];
}

function WatchTable({
  label,
  entries,
  overdue,
}: {
  label: string;
  entries: WatchEntry[];
  overdue: boolean;
}) {
  if (entries.length === 0) return <p className="muted">没有。</p>;
  return (
    <table className="data" aria-label={label}>
      <thead>
        <tr>
          <th>申请编号</th>
          <th>申请人</th>
          <th>收到日期</th>
          <th>答复期限</th>
          <th>{overdue ? '已超期' : '剩余'}</th>
          <th>经办人</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>
              <Link to={`/applications/${e.id}`}>{e.number}</Link>
            </td>
            <td>{e.applicantName}</td>
            <td>{e.receivedOn}</td>
            <td>
              {lastDayPhrase(e.dueOn)}
              {e.dueProvisional ? <span className="badge badge-undetermined">暂定</span> : null}
            </td>
            <td>
              {e.workingDaysLeft === null
                ? e.urgencyLabel
                : overdue
                  ? `${-e.workingDaysLeft} 个工作日`
                  : e.workingDaysLeft === 0
                    ? '今日到期'
                    : `${e.workingDaysLeft} 个工作日`}
            </td>
            <td>{e.responsible?.name || '（未分派）'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 督办: the agency's cases due soon and overdue, each with the clerk responsible. */
export function OverdueWatchPage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  // PUT reminder-settings checks application.configure (the agency admin's).
  const canConfigure = mayInAgency(context, 'application.configure');
  const [watch, setWatch] = useState<Watch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [days, setDays] = useState('');
  const [settingsError, setSettingsError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      const r = await api<{ watch: Watch }>('GET', `/api/v1/agencies/${agencyId}/overdue-watch`);
      setWatch(r.watch);
      setDays(String(r.watch.dueSoonWorkingDays));
    } catch (e) {
      setError(e);
    }
  }, [agencyId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!agencyId) return <ChooseAgency title="督办" />;

  async function saveDays(event: FormEvent) {
    event.preventDefault();
    setSettingsError(null);
    setMessage(null);
    const n = Number(days.trim());
    if (!/^\d+$/.test(days.trim()) || n < 1 || n > 15) {
      setSettingsError(new Error('“即将超期”的提前天数应为 1 到 15 之间的整数（工作日）。'));
      return;
    }
    try {
      await api('PUT', `/api/v1/agencies/${agencyId}/reminder-settings`, { dueSoonWorkingDays: n });
      setMessage('提醒设置已保存。');
      await load();
    } catch (e) {
      setSettingsError(e);
    }
  }

  return (
    <Page title="督办">
      <ErrorNotice error={error} />
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      {watch ? (
        <>
          <p className="muted small">
            {watch.today}。每个工作日 8
            时起，系统提醒经办人即将到期和已超期的申请；已超期的同时提醒审核人和机关管理员（督办）。设置了邮箱的，同时发送邮件（在“通知”页设置）。
          </p>
          <section className="card" aria-label="已超期">
            <h2>已超期（{watch.overdue.length} 件）</h2>
            <WatchTable label="已超期的申请" entries={watch.overdue} overdue />
          </section>
          <section className="card" aria-label="即将超期">
            <h2>
              即将超期：{watch.dueSoonWorkingDays} 个工作日内到期（{watch.dueSoon.length} 件）
            </h2>
            <WatchTable label="即将超期的申请" entries={watch.dueSoon} overdue={false} />
          </section>
          {watch.problems.length > 0 ? (
            <section className="card" aria-label="无法计算期限">
              <h2>无法计算期限的申请</h2>
              <ul>
                {watch.problems.map((p) => (
                  <li key={p.id}>
                    <Link to={`/applications/${p.id}`}>{p.number}</Link>：{p.message}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      {canConfigure ? (
        <form
          className="card form"
          onSubmit={(e) => void saveDays(e)}
          aria-label="提醒设置"
          noValidate
        >
          <h2>提醒设置</h2>
          <ErrorNotice error={settingsError} />
          <Field
            label="答复期限前几个工作日起算“即将超期”"
            error={fieldError(settingsError, 'dueSoonWorkingDays')}
            hint="1–15 个工作日，默认 3"
          >
            <input inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          </Field>
          <button type="submit" className="primary">
            保存
          </button>
        </form>
      ) : null}
    </Page>
  );
}
