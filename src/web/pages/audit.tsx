import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { mayGlobally, mayInAgency, useSession } from '../session.js';
import { ErrorNotice, Page } from '../ui.js';
import { formatInstant } from '../format.js';

interface Entry {
  seq: number;
  at: string;
  actor: string;
  /** What happened, to what, by whom — written by the server from the record. */
  description: string;
  clientIp: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

interface Verification {
  ok: boolean;
  rows: number;
  archivedRows: number;
  anchoredSeq: number | null;
  problems: string[];
  warnings: string[];
}

/**
 * 留痕: every state change, newest first, in a sentence each. The record as stored (with its
 * field names) is in the audit administrator's CSV export, not on the page.
 */
export function AuditPage() {
  const { context } = useSession();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifying, setVerifying] = useState(false);
  // An agency's whole trail where the person may read it there (audit.read); otherwise what they
  // may read anywhere (the audit admin everything, a supervisor its region's report records).
  const agencyId = mayInAgency(context, 'audit.read') ? context?.agencyId : null;

  useEffect(() => {
    setEntries(null);
    const path = agencyId ? `/api/v1/agencies/${agencyId}/audit-log` : '/api/v1/audit-log';
    api<{ entries: Entry[] }>('GET', path).then((r) => setEntries(r.entries), setError);
  }, [agencyId]);

  const verify = () => {
    setVerifying(true);
    setError(null);
    api<Verification>('GET', '/api/v1/audit-log/verify')
      .then(setVerification, setError)
      .finally(() => setVerifying(false));
  };

  return (
    <Page title="操作留痕">
      <ErrorNotice error={error} />
      {mayGlobally(context, 'audit.verify') || mayGlobally(context, 'audit.export') ? (
        <p>
          {mayGlobally(context, 'audit.verify') ? (
            <button type="button" onClick={verify} disabled={verifying}>
              {verifying ? '正在校验…' : '校验哈希链与链外锚点'}
            </button>
          ) : null}{' '}
          {mayGlobally(context, 'audit.export') ? (
            <a href="/api/v1/audit-log/export.csv" download>
              导出全部留痕（CSV）
            </a>
          ) : null}
        </p>
      ) : null}
      {verification ? (
        <div role="status" className={verification.ok ? 'notice notice-ok' : 'notice notice-error'}>
          {verification.ok ? (
            <p>
              留痕完好：数据库中 {verification.rows} 条记录
              {verification.archivedRows > 0 ? `、已归档 ${verification.archivedRows} 条` : ''}
              ，哈希链完整
              {verification.anchoredSeq === null
                ? '。'
                : `，与链外锚点一致（锚点记到第 ${verification.anchoredSeq} 条）。`}
            </p>
          ) : null}
          {verification.ok ? (
            verification.warnings.map((w) => <p key={w}>注意：{w}</p>)
          ) : (
            <ul>
              {verification.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <table className="data" aria-label="操作留痕">
        <thead>
          <tr>
            <th>序号</th>
            <th>时间</th>
            <th>操作人</th>
            <th>地址</th>
            <th>内容</th>
          </tr>
        </thead>
        <tbody>
          {(entries ?? []).map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{formatInstant(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.clientIp ?? ''}</td>
              <td>{e.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries && entries.length === 0 ? <p className="muted">没有可显示的记录。</p> : null}
    </Page>
  );
}
