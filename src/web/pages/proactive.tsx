/**
 * 主动公开 in the workspace: the register of items (drafting, review and the item page are in
 * ./proactive-edit.tsx and ./proactive-item.tsx).
 */
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { mayInAgency, useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Page } from '../ui.js';
import { ItemsTable } from './proactive-links.js';
import type { Item } from './proactive-model.js';

export function ProactivePage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!agencyId) return;
    api<{ items: Item[] }>('GET', `/api/v1/agencies/${agencyId}/proactive/items`)
      .then((r) => setItems(r.items))
      .catch(setError);
  }, [agencyId]);
  if (!agencyId) return <ChooseAgency title="主动公开" />;
  return (
    <Page
      title="主动公开"
      actions={
        mayInAgency(context, 'proactive.edit') ? (
          <Link to="/proactive/new" className="button">
            起草信息
          </Link>
        ) : null
      }
    >
      <ErrorNotice error={error} />
      <p>
        <a href={`/portal/agencies/${agencyId}/disclosure`} target="_blank" rel="noreferrer">
          查看本机关政府信息公开专栏
        </a>
      </p>
      <nav className="subnav" aria-label="主动公开设置">
        <Link to="/proactive/catalogue">基层政务公开标准目录</Link> ·{' '}
        <Link to="/proactive/guide">政府信息公开指南</Link> ·{' '}
        <Link to="/proactive/settings">索引号与保密审查</Link> ·{' '}
        <Link to={`/proactive/figures/${new Date().getFullYear()}`}>年度报告表二数字</Link>
      </nav>
      {items === null ? (
        <p className="muted">正在读取……</p>
      ) : items.length === 0 ? (
        <p className="muted">还没有主动公开信息。</p>
      ) : (
        <ItemsTable items={items} label="主动公开信息" withKind />
      )}
    </Page>
  );
}
