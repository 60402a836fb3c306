import { useState } from 'react';
import { figureAt, type ReportDraft } from '../../../core/report/draft.js';
import { PROACTIVE_GROUPS } from '../../../core/report/format.js';
import { api, ApiError } from '../../api.js';
import { Link } from '../../router.js';
import { mayInAgency, useSession } from '../../session.js';
import { ErrorNotice } from '../../ui.js';
import { type RegisterFigures } from '../proactive-model.js';
import type { SectionOneOutcome } from './section-one.js';

/**
 * Table 二 from the 主动公开 register: the 第二十条（一） figures counted from the items (each
 * with its documents) and the （五）（六）（八） figures entered for the year, filled into the
 * draft; a cell the clerk typed differently is never overwritten without the clerk choosing.
 * The section 一 sentence is offered for insertion.
 */

type RegisterFiguresAnswer = RegisterFigures;

const INSERTED_MESSAGES: Record<SectionOneOutcome, string> = {
  inserted: '已插入“一、总体情况”正文末尾，可在那里修改。',
  replaced: '已用本次取数的表述替换“一、总体情况”中先前插入的那一段，可在那里修改。',
  present: '“一、总体情况”中已有这段表述，未重复插入。',
};

interface Offered {
  path: string;
  label: string;
  value: number;
  itemIds: string[] | null;
}

type Outcome = Offered & {
  before: number;
  /** filled: the cell now holds the register's figure; same: it did already; conflict: the clerk chooses. */
  status: 'filled' | 'same' | 'conflict' | 'kept';
};

const LABELS = new Map<string, string>(
  PROACTIVE_GROUPS.flatMap((g) =>
    g.rows.flatMap((r) =>
      g.columns.map((c) => [`proactive.${r.key}.${c.key}`, `${g.label} ${r.label} ${c.label}`]),
    ),
  ),
);

/** The cells the register answers for, with their figures. */
export function offeredCells(answer: RegisterFiguresAnswer): Offered[] {
  const cells: Offered[] = [];
  for (const row of ['regulations', 'normative_documents'] as const)
    for (const column of ['issued', 'repealed', 'in_force'] as const) {
      const path = `proactive.${row}.${column}`;
      const figure = answer.item1[row][column];
      cells.push({ path, label: LABELS.get(path)!, value: figure.value, itemIds: figure.itemIds });
    }
  const e = answer.entered;
  if (e) {
    const entered: [string, number][] = [
      ['proactive.licensing.decisions', e.licensing],
      ['proactive.penalty.decisions', e.penalty],
      ['proactive.coercion.decisions', e.coercion],
      ['proactive.administrative_fees.amount_wan_yuan', e.feesFen / 1_000_000],
    ];
    for (const [path, value] of entered)
      cells.push({ path, label: LABELS.get(path)!, value, itemIds: null });
  }
  return cells;
}

function Documents({ itemIds }: { itemIds: string[] }) {
  if (itemIds.length === 0) return null;
  return (
    <details>
      <summary>查看构成该数字的 {itemIds.length} 份文件</summary>
      <ul>
        {itemIds.map((id, i) => (
          <li key={id}>
            <Link to={`/proactive/${id}`}>第 {i + 1} 份</Link>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RegisterFigures({
  draft,
  year,
  setFigures,
  insertSectionOne,
}: {
  draft: ReportDraft;
  year: number;
  setFigures: (values: { path: string; value: number }[]) => void;
  insertSectionOne: (sentence: string) => SectionOneOutcome;
}) {
  const { context } = useSession();
  const [answer, setAnswer] = useState<RegisterFiguresAnswer | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [inserted, setInserted] = useState<SectionOneOutcome | null>(null);
  if (!context?.agencyId) return null;
  if (!mayInAgency(context, 'proactive.read'))
    return <p className="muted small">您的角色不能读取主动公开登记，表二请手工填写。</p>;

  const fetchFigures = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await api<RegisterFiguresAnswer>(
        'GET',
        `/api/v1/agencies/${context.agencyId}/proactive/figures/${year}`,
      );
      const result: Outcome[] = offeredCells(a).map((cell) => {
        const before = figureAt(draft.figures, cell.path);
        const blank = before === null || before === undefined || Number.isNaN(before);
        // A zero nobody typed is the fresh draft's placeholder; anything else is the clerk's.
        const placeholder = blank || (before === 0 && draft.figureSources[cell.path] === undefined);
        const status = before === cell.value ? 'same' : placeholder ? 'filled' : 'conflict';
        return { ...cell, before: blank ? Number.NaN : before, status };
      });
      setFigures(result.filter((o) => o.status === 'filled'));
      setAnswer(a);
      setOutcomes(result);
      setInserted(null);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 403
          ? new ApiError(403, {
              code: 'forbidden',
              message:
                '您当前的角色不能读取主动公开登记，表二请手工填写，或请本机关经办人取数。（三员分立：系统管理员、安全管理员、审计管理员不办理业务。）',
            })
          : e,
      );
    } finally {
      setBusy(false);
    }
  };

  const choose = (path: string, useRegister: boolean) => {
    const outcome = outcomes.find((o) => o.path === path)!;
    if (useRegister) setFigures([{ path, value: outcome.value }]);
    setOutcomes(
      outcomes.map((o) =>
        o.path === path ? { ...o, status: useRegister ? 'filled' : 'kept' } : o,
      ),
    );
  };

  const shown = (n: number) => (Number.isNaN(n) ? '（空）' : String(n));
  const conflicts = outcomes.filter((o) => o.status === 'conflict').length;
  return (
    <div className="card register-figures" aria-label="从主动公开登记取数">
      <p>
        <button type="button" onClick={() => void fetchFigures()} disabled={busy}>
          从主动公开登记取数
        </button>{' '}
        <span className="muted small">
          第二十条（一）由信息登记统计；（五）（六）（八）取自
          <Link to={`/proactive/figures/${year}`}>{year} 年表二数字</Link>中录入的数字。
        </span>
      </p>
      <ErrorNotice error={error} />
      {answer ? (
        <>
          <p role="status">
            已填入 {outcomes.filter((o) => o.status === 'filled').length} 格，
            {outcomes.filter((o) => o.status === 'same').length} 格原已一致
            {conflicts > 0 ? `，${conflicts} 格与您填写的不同，请逐格选择` : ''}。
            {answer.entered ? '' : '（五）（六）（八）本年尚未录入，未填。'}
            填入的数字在保存后才生效。
          </p>
          <table className="data" aria-label="从登记取数的结果">
            <thead>
              <tr>
                <th>格子</th>
                <th>原值</th>
                <th>登记数</th>
                <th>结果</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.path} data-path={o.path} data-status={o.status}>
                  <td>
                    {o.label}
                    {o.itemIds ? <Documents itemIds={o.itemIds} /> : null}
                  </td>
                  <td>{shown(o.before)}</td>
                  <td>{o.value}</td>
                  <td>
                    {o.status === 'filled' ? '已填入登记数' : null}
                    {o.status === 'same' ? '一致，未改动' : null}
                    {o.status === 'kept' ? '保留您填写的数字' : null}
                    {o.status === 'conflict' ? (
                      <>
                        <button type="button" onClick={() => choose(o.path, true)}>
                          改用登记数 {o.value}
                        </button>{' '}
                        <button type="button" onClick={() => choose(o.path, false)}>
                          保留原值 {shown(o.before)}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>第一部分可用的表述</h3>
          <blockquote data-testid="section-one-sentence">{answer.sectionOne}</blockquote>
          <p>
            <button type="button" onClick={() => setInserted(insertSectionOne(answer.sectionOne))}>
              插入第一部分
            </button>{' '}
            {inserted ? <span role="status">{INSERTED_MESSAGES[inserted]}</span> : null}
          </p>
        </>
      ) : null}
    </div>
  );
}
