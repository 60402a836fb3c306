import { useEffect, useState } from 'react';
import { downloadAfterReauth } from '../../reauth.js';
import { api } from '../../api.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import { ErrorNotice, Page, ChooseAgency } from '../../ui.js';
import { shanghaiToday } from '../../format.js';
import type { Summary, Urgency } from './types.js';
import {
  canHandle,
  DEADLINE_LABELS,
  URGENCY_LABELS,
  URGENT_TILES,
  UrgencyBadge,
} from './urgency.js';

/** The case list by urgency. */

export function ApplicationsPage() {
  const { context, me } = useSession();
  const agencyId = context?.agencyId;
  const [scope, setScope] = useState('open');
  const [urgency, setUrgency] = useState('');
  const [assignee, setAssignee] = useState('');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [list, setList] = useState<{
    applications: Summary[];
    counts: Record<Urgency, number>;
    problems: { number: string; message: string }[];
  } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!agencyId) return;
    const params = new URLSearchParams({ scope });
    if (urgency) params.set('urgency', urgency);
    if (assignee) params.set('assignee', assignee === 'me' ? me.user.id : assignee);
    if (query) params.set('text', query);
    api<NonNullable<typeof list>>(
      'GET',
      `/api/v1/agencies/${agencyId}/applications?${params}`,
    ).then(setList, setError);
  }, [agencyId, scope, urgency, assignee, query, me.user.id]);

  if (!agencyId) return <ChooseAgency title="依申请公开" />;
  const year = shanghaiToday().slice(0, 4);
  return (
    <Page
      title="依申请公开"
      actions={
        <>
          <a
            className="button"
            href={`/api/v1/agencies/${agencyId}/application-register.xlsx?year=${year}`}
            onClick={downloadAfterReauth}
          >
            导出台账（Excel）
          </a>
          <a
            className="button"
            href={`/api/v1/agencies/${agencyId}/application-register.csv?year=${year}`}
            onClick={downloadAfterReauth}
          >
            CSV
          </a>
          {canHandle(context) ? (
            <Link to="/applications/new" className="button primary-link">
              登记申请
            </Link>
          ) : null}
        </>
      }
    >
      <ErrorNotice error={error} />
      <div className="urgency-tiles" aria-label="按紧急程度">
        {URGENT_TILES.map((u) => (
          <button
            key={u}
            type="button"
            className={`tile-button badge-${u}${urgency === u ? ' selected' : ''}`}
            onClick={() => setUrgency(urgency === u ? '' : u)}
          >
            <strong>{list?.counts[u] ?? '—'}</strong>
            <span>{URGENCY_LABELS[u]}</span>
          </button>
        ))}
      </div>
      <form
        className="inline-form filters"
        aria-label="筛选"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <label className="inline">
          范围
          <select value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="open">办理中</option>
            <option value="closed">已办结</option>
            <option value="all">全部</option>
          </select>
        </label>
        <label className="inline">
          紧急程度
          <select value={urgency} onChange={(e) => setUrgency(e.target.value)}>
            <option value="">全部</option>
            {Object.entries(URGENCY_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          经办人
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">全部</option>
            <option value="me">我经办的</option>
            <option value="unassigned">未分派</option>
          </select>
        </label>
        <label className="inline">
          查找
          <input
            type="search"
            placeholder="编号、申请人或所需信息"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">查找</button>
      </form>
      {list && list.problems.length > 0 ? (
        <div className="notice notice-error" role="alert">
          {list.problems.map((p) => (
            <div key={p.number}>
              {p.number}：{p.message}
            </div>
          ))}
        </div>
      ) : null}
      <table className="data" aria-label="申请列表">
        <thead>
          <tr>
            <th>申请编号</th>
            <th>申请人</th>
            <th>所需信息</th>
            <th>收到日期</th>
            <th>状态</th>
            <th>答复期限</th>
            <th>经办人</th>
          </tr>
        </thead>
        <tbody>
          {(list?.applications ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/applications/${a.id}`}>{a.number}</Link>
              </td>
              <td>
                {a.applicantName}
                <div className="muted small">{a.applicantKindLabel}</div>
              </td>
              <td className="description">{a.description}</td>
              <td>
                {a.receivedOn}
                <div className="muted small">{a.channelLabel}</div>
              </td>
              <td>
                {a.statusLabel}
                {a.outcomeLabel ? <div className="muted small">{a.outcomeLabel}</div> : null}
              </td>
              <td>
                {a.deadline && a.deadline.kind !== 'reply' ? (
                  <div className="small">
                    {DEADLINE_LABELS[a.deadline.kind]} {a.deadline.on}
                  </div>
                ) : null}
                {a.dueOn ?? '—'}
                {a.dueProvisional ? (
                  <span className="badge badge-undetermined">暂定</span>
                ) : null}{' '}
                <UrgencyBadge urgency={a.urgency} days={a.workingDaysLeft} note={a.urgencyNote} />
                {a.urgencyNote ? <div className="muted small">{a.urgencyNote}</div> : null}
              </td>
              <td>{a.assignedUserName ?? <span className="muted">未分派</span>}</td>
            </tr>
          ))}
          {list && list.applications.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                没有符合条件的申请。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </Page>
  );
}
