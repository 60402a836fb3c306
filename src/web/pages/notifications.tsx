import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { ErrorNotice, Page } from '../ui.js';
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
    </Page>
  );
}
