import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { useSession } from '../session.js';
import { ErrorNotice, Page } from '../ui.js';
import { formatInstant } from '../format.js';

interface Entry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

const ACTIONS: Record<string, string> = {
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.password_reset': '重置密码',
  'user.password_change': '修改密码',
  'user.login_failed': '登录失败',
  'session.login': '登录',
  'session.logout': '退出',
  'agency.create': '新建机关',
  'agency.update': '修改机关信息',
  'region.create': '新建区划',
};

/** 留痕: every state change, newest first, with what it was before and after. */
export function AuditPage() {
  const { context } = useSession();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const agencyId = context?.agencyId;

  useEffect(() => {
    setEntries(null);
    const path = agencyId ? `/api/v1/agencies/${agencyId}/audit-log` : '/api/v1/audit-log';
    api<{ entries: Entry[] }>('GET', path).then((r) => setEntries(r.entries), setError);
  }, [agencyId]);

  return (
    <Page title="操作留痕">
      <ErrorNotice error={error} />
      <table className="data" aria-label="操作留痕">
        <thead>
          <tr>
            <th>序号</th>
            <th>时间</th>
            <th>操作人</th>
            <th>操作</th>
            <th>内容</th>
          </tr>
        </thead>
        <tbody>
          {(entries ?? []).map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{formatInstant(e.at)}</td>
              <td>{e.actor}</td>
              <td>{ACTIONS[e.action] ?? e.action}</td>
              <td>
                <details>
                  <summary>
                    {e.entityType} {e.entityId.slice(0, 8)}
                  </summary>
                  <pre>{JSON.stringify({ 之前: e.before, 之后: e.after }, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries && entries.length === 0 ? <p className="muted">没有可显示的记录。</p> : null}
    </Page>
  );
}
