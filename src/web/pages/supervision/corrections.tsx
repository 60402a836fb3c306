/** What the agency's supervisor asks it to correct, shown on the agency's report list. */
import { useEffect, useState } from 'react';
import { api } from '../../api.js';

interface Correction {
  year: number;
  message: string;
  where: string;
  reason: string;
  dueOn: string | null;
  requestedBy: string;
  stillRaised: boolean;
}

export function CorrectionRequests({ agencyId }: { agencyId: string }) {
  const [items, setItems] = useState<Correction[]>([]);
  useEffect(() => {
    api<{ corrections: Correction[] }>('GET', `/api/v1/agencies/${agencyId}/corrections`).then(
      (r) => setItems(r.corrections),
      () => setItems([]),
    );
  }, [agencyId]);
  if (items.length === 0) return null;
  return (
    <section className="card notice-error" aria-label="政务公开办要求更正的问题">
      <h2>政务公开办要求更正的问题</h2>
      <ul>
        {items.map((c, i) => (
          <li key={i}>
            {c.year}年度报告：{c.message}
            {c.where ? `（${c.where}）` : ''}
            {c.dueOn ? `，请于 ${c.dueOn} 前更正` : ''}
            {c.reason ? `。说明：${c.reason}` : ''}
            {c.stillRaised ? '' : '（现已不再出现，待政务公开办确认）'}
            <span className="muted small">（{c.requestedBy}）</span>
          </li>
        ))}
      </ul>
      <p className="muted small">请在“年度报告”中发起更正并发布新版本。</p>
    </section>
  );
}
