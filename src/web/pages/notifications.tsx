import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { ErrorNotice, Field, fieldError, Page } from '../ui.js';
import { formatInstant } from '../format.js';

interface Notification {
  id: string;
  kind: string;
  message: string;
  applicationId: string | null;
  createdAt: string;
  read: boolean;
}

/** The signed-in person's notifications: new cases, approaching and overdue replies, approvals. */
export function NotificationsPage() {
  const [data, setData] = useState<{ notifications: Notification[]; unread: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setData(await api('GET', '/api/v1/notifications'));
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function markAll() {
    if (!data) return;
    try {
      await api('POST', '/api/v1/notifications/read', {
        ids: data.notifications.filter((n) => !n.read).map((n) => n.id),
      });
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page
      title={`通知${data && data.unread > 0 ? `（${data.unread} 条未读）` : ''}`}
      actions={
        data && data.unread > 0 ? (
          <button type="button" onClick={() => void markAll()}>
            全部标为已读
          </button>
        ) : null
      }
    >
      <ErrorNotice error={error} />
      {data && data.notifications.length === 0 ? <p className="muted">没有通知。</p> : null}
      <ul className="notifications" aria-label="通知列表">
        {(data?.notifications ?? []).map((n) => (
          <li key={n.id} className={n.read ? 'read' : 'unread'}>
            <span className="muted small">{formatInstant(n.createdAt)}</span>{' '}
            {n.applicationId ? (
              <Link to={`/applications/${n.applicationId}`}>{n.message}</Link>
            ) : (
              n.message
            )}
          </li>
        ))}
      </ul>
      <ReminderEmailForm />
    </Page>
  );
}

/** The address the day's reminders are also sent to, by e-mail; empty for none. */
function ReminderEmailForm() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    api<{ email: string | null }>('GET', '/api/v1/me/email').then(
      (r) => setEmail(r.email ?? ''),
      (e: unknown) => setError(e),
    );
  }, []);
  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    try {
      const r = await api<{ email: string | null }>('PUT', '/api/v1/me/email', { email });
      setMessage(r.email ? `提醒邮件将发送到 ${r.email}。` : '已取消邮件提醒。');
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form className="card form" onSubmit={(e) => void save(e)} aria-label="邮件提醒" noValidate>
      <h2>邮件提醒</h2>
      <p className="muted small">
        每个工作日的到期、超期和督办提醒，除在这里显示外，也可以发到您的邮箱（须由系统管理员配置邮件服务器）。不需要时留空。
      </p>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <Field label="电子邮箱" error={fieldError(error, 'email')}>
        <input
          name="email"
          type="text"
          inputMode="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <button type="submit" className="primary">
        保存
      </button>
    </form>
  );
}
