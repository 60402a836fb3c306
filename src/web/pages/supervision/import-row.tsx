/**
 * A row of a bulk import's review table (see ./import.tsx): the file, what was read, the matched
 * agency (or a choice of one), the publication date, the problems, and the buttons that confirm
 * and save it.
 */
import { useState } from 'react';
import type { Item } from './import.js';

const MATCH_LABELS = {
  name: '名称相同',
  alias: '别名',
  proposal: '待确认',
  chosen: '已确认',
} as const;
const STATUS_LABELS = {
  refused: '未读取',
  queued: '排队读取中',
  read: '已读取',
  saved: '已保存',
} as const;

export function ItemRow({
  item,
  options,
  onSettle,
  onSave,
}: {
  item: Item;
  options: { id: string; name: string }[];
  onSettle: (seq: number, body: object) => Promise<void>;
  onSave: (seq: number) => Promise<void>;
}) {
  const [agencyId, setAgencyId] = useState(item.proposals[0]?.agencyId ?? '');
  const [remember, setRemember] = useState(true);
  const [date, setDate] = useState(item.publishedOn ?? '');
  const needsAgency = item.status === 'read' && !item.agencyId;
  const needsDate = item.status === 'read' && !item.publishedOn;
  return (
    <tr>
      <td>
        {item.filename}
        {item.earlier ? <div className="muted small">{item.earlier}</div> : null}
      </td>
      <td>{STATUS_LABELS[item.status]}</td>
      <td>
        {item.statedAgency ?? '—'}
        {item.statedYear ? <div className="muted small">{item.statedYear}年度</div> : null}
      </td>
      <td>
        {item.agencyName ? (
          <>
            {item.agencyName}
            <div className="muted small">{item.matchKind ? MATCH_LABELS[item.matchKind] : ''}</div>
          </>
        ) : needsAgency ? (
          <div>
            <div className="muted small">{item.matchNote}</div>
            <select
              aria-label={`${item.filename}的机关`}
              value={agencyId}
              onChange={(e) => setAgencyId(e.target.value)}
            >
              <option value="">（请选择机关）</option>
              {item.proposals.map((p) => (
                <option key={`p-${p.agencyId}`} value={p.agencyId}>
                  {p.agencyName}（建议：{p.reason}）
                </option>
              ))}
              {options
                .filter((o) => !item.proposals.some((p) => p.agencyId === o.id))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
            <label className="check small">
              <input
                type="checkbox"
                checked={remember}
                onChange={(e) => setRemember(e.target.checked)}
              />
              把“{item.statedAgency}”登记为该机关的别名
            </label>
          </div>
        ) : (
          '—'
        )}
      </td>
      <td>
        {needsDate ? (
          <input
            type="date"
            aria-label={`${item.filename}的发布日期`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        ) : (
          (item.publishedOn ?? '—')
        )}
      </td>
      <td>{item.status === 'read' || item.status === 'saved' ? item.figuresRead : '—'}</td>
      <td>
        {item.errors} / {item.warnings}
      </td>
      <td>
        {item.unread.length > 0 ? (
          <ul className="worst">
            {item.unread.slice(0, 3).map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </td>
      <td>
        {item.status === 'refused' ? (
          <span className="sev-error">{item.refusal}</span>
        ) : item.problems.length > 0 ? (
          <ul className="problems">
            {item.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : item.status === 'saved' ? (
          '已保存为该机关的导入报告'
        ) : (
          '可以保存'
        )}
      </td>
      <td className="actions">
        {needsAgency || needsDate ? (
          <button
            type="button"
            onClick={() =>
              void onSettle(item.seq, {
                ...(needsAgency && agencyId ? { agencyId, rememberAlias: remember } : {}),
                ...(needsDate && date ? { publishedOn: date } : {}),
              })
            }
          >
            确认
          </button>
        ) : null}
        {item.status === 'read' && item.problems.length === 0 ? (
          <button type="button" className="primary" onClick={() => void onSave(item.seq)}>
            保存
          </button>
        ) : null}
      </td>
    </tr>
  );
}
