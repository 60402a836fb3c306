import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.js';
import { formatInstant } from '../format.js';
import { ErrorNotice, Page } from '../ui.js';

interface Alert {
  id: string;
  at: string;
  kindLabel: string;
  message: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/**
 * The audit administrator's alerts: the indirect ways to personal data (an administrator
 * signing in as a business account, a new account first used from its creator's browser, a
 * case handed to another clerk, an administrator's password reset by someone else).
 */
export function SecurityAlertsPage() {
  const [all, setAll] = useState(false);
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [open, setOpen] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const r = await api<{ alerts: Alert[]; open: number }>(
        'GET',
        `/api/v1/security-alerts${all ? '?all=true' : ''}`,
      );
      setAlerts(r.alerts);
      setOpen(r.open);
    } catch (e) {
      setError(e);
    }
  }, [all]);
  useEffect(() => {
    void load();
  }, [load]);

  async function acknowledge(alert: Alert) {
    const note = window.prompt('核实情况（可不填）：', '') ?? null;
    if (note === null) return;
    setError(null);
    try {
      await api('POST', `/api/v1/security-alerts/${alert.id}/acknowledge`, { note });
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page title="安全告警">
      <p className="muted">
        三员分立之外的间接途径：管理员借业务账号登录、新账号首次登录来自开设者的地址或浏览器、改派申请使经办人可以查看申请人的个人信息、管理员的密码被他人重置。请逐条核实；核实后标记，告警本身保留。
      </p>
      <ErrorNotice error={error} />
      <p>
        未处理 <strong data-testid="open-alerts">{open}</strong> 条。{' '}
        <label className="check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          显示已核实的
        </label>
      </p>
      <table className="data" aria-label="安全告警">
        <thead>
          <tr>
            <th>时间</th>
            <th>类别</th>
            <th>内容</th>
            <th>处理</th>
          </tr>
        </thead>
        <tbody>
          {(alerts ?? []).map((a) => (
            <tr key={a.id}>
              <td>{formatInstant(a.at)}</td>
              <td>{a.kindLabel}</td>
              <td>{a.message}</td>
              <td>
                {a.acknowledgedAt ? (
                  `${a.acknowledgedBy ?? ''} 已于 ${formatInstant(a.acknowledgedAt)} 核实`
                ) : (
                  <button type="button" onClick={() => void acknowledge(a)}>
                    标记已核实
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {alerts && alerts.length === 0 ? <p className="muted">没有需要处理的告警。</p> : null}
    </Page>
  );
}
