import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  BACKDATABLE_EVENTS,
  type ApplicationEventType,
} from '../../../core/applications/events.js';
import { primaryOutcome } from '../../../core/applications/outcomes.js';
import { lastDayPhrase } from '../../../core/calendar/date.js';
import {
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  type OutcomeRowKey,
} from '../../../core/report/format.js';
import { api } from '../../api.js';
import { useUnsavedWarning } from '../../router.js';
import { ErrorNotice, Field, fieldError } from '../../ui.js';
import { shanghaiToday } from '../../format.js';
import type { Detail } from './types.js';

/** The form of one step of a case: an event recorded, or an extension or reply sent for approval. */

/** Table 三 outcomes as a grouped list, for the reply form. */
function outcomeOptions(): ReactNode {
  return OUTCOME_GROUPS.filter((g) => g.key !== 'total').map((g) => {
    const rows = APPLICATION_ROWS.filter(
      (r) => r.group === g.key && r.key !== 'other.no_correction' && r.key !== 'other.fee_unpaid',
    );
    return (
      <optgroup key={g.key} label={`${g.number}${g.label}`}>
        {rows.map((r) => (
          <option key={r.key} value={r.key}>
            {r.key === g.key ? g.label.replace(/（.*）$/, '') : r.label}
          </option>
        ))}
      </optgroup>
    );
  });
}

interface ActionFormProps {
  detail: Detail;
  onDone: (d: Detail) => void;
}

export function ActionForm({
  action,
  label,
  base,
  onDone,
  detail,
  suggested,
  suggestedReasons,
}: ActionFormProps & {
  action: string;
  label: string;
  base: string;
  suggested: Record<string, string>;
  suggestedReasons: Record<string, string>;
}) {
  const today = shanghaiToday();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    date: today,
    deliveredOn: today,
    party: 'third_party',
    method: 'pages',
    workingDays: '20',
    outcome: 'disclosed',
    legalBasis: suggested.disclosed ?? '',
    consultationId: detail.consultations.find((c) => c.endedOn === null)?.id ?? '',
  }));
  const [error, setError] = useState<unknown>(null);
  const [quote, setQuote] = useState<string | null>(null);
  /** Outcomes of the parts, when parts were decided differently. */
  const [parts, setParts] = useState<OutcomeRowKey[]>([]);
  // A reply's reasons and contents are long: leaving before it is sent asks first.
  const [touched, setTouched] = useState(false);
  useUnsavedWarning(touched);
  const set = (name: string) => (e: { target: { value: string } }) => {
    setTouched(true);
    setValues((v) => ({
      ...v,
      [name]: e.target.value,
      ...(name === 'outcome'
        ? {
            legalBasis: suggested[e.target.value] ?? '',
            reasons: suggestedReasons[e.target.value] ?? '',
          }
        : {}),
    }));
  };

  useEffect(() => {
    if ((action !== 'fee_notice_issued' && action !== 'fee_waived') || !values.quantity) return;
    api<{ fee: { totalFen: number }; priorItems: number }>(
      'GET',
      `${base}/fee-quote?method=${values.method}&quantity=${values.quantity}`,
    ).then(
      (q) =>
        setQuote(
          `${values.method === 'items' ? `本月此前已有 ${q.priorItems} 件；` : ''}应收 ${(q.fee.totalFen / 100).toFixed(2)} 元`,
        ),
      () => setQuote(null),
    );
  }, [action, base, values.method, values.quantity]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const v = values;
    try {
      let d: Detail;
      if (action === 'extension_request') {
        d = await api<Detail>('POST', `${base}/approvals`, {
          kind: 'extension',
          workingDays: Number(v.workingDays),
          reason: v.reason ?? '',
        });
      } else if (action === 'reply_request') {
        d = await api<Detail>('POST', `${base}/approvals`, {
          kind: 'reply',
          ...(parts.length > 0 ? { parts } : { outcome: v.outcome }),
          legalBasis: v.legalBasis ?? '',
          reasons: v.reasons ?? '',
          details: v.details ?? '',
        });
      } else {
        const body: Record<string, unknown> = { type: action, date: v.date };
        const pick = (...names: string[]) => {
          for (const n of names) if (v[n]) body[n] = n === 'quantity' ? Number(v[n]) : v[n];
        };
        switch (action) {
          case 'correction_requested':
            pick('correctBy', 'note');
            break;
          case 'correction_received':
            pick('text', 'lateReason', 'note');
            break;
          case 'consultation_started':
            pick('party', 'name', 'note');
            break;
          case 'consultation_answered':
          case 'consultation_lapsed':
            pick('consultationId', 'note');
            break;
          case 'fee_notice_issued':
            pick('method', 'quantity', 'deliveredOn', 'note');
            break;
          case 'fee_waived':
            pick('method', 'quantity', 'waivedReason');
            break;
          default:
            pick('note');
        }
        d = await api<Detail>('POST', `${base}/events`, body);
      }
      onDone(d);
    } catch (e) {
      setError(e);
    }
  }

  const input = (name: string, text: string, type = 'text', hint?: string) => (
    <Field label={text} error={fieldError(error, name)} {...(hint ? { hint } : {})}>
      <input name={name} type={type} value={values[name] ?? ''} onChange={set(name)} />
    </Field>
  );
  const area = (name: string, text: string, hint?: string) => (
    <Field label={text} error={fieldError(error, name)} {...(hint ? { hint } : {})}>
      <textarea name={name} rows={3} value={values[name] ?? ''} onChange={set(name)} />
    </Field>
  );
  const viaApproval = action === 'extension_request' || action === 'reply_request';
  const review = detail.status === 'correction_review';
  return (
    <form className="card action-form" onSubmit={submit} aria-label={label} noValidate>
      <h3>{label}</h3>
      <ErrorNotice error={error} />
      {viaApproval ? null : BACKDATABLE_EVENTS.includes(action as ApplicationEventType) ? (
        input('date', '日期', 'date', '可补记此前发生的日期；补记须在备注中写明依据')
      ) : (
        <Field label="日期" hint="本机关的文书和办理决定以记录当天为日期，不能倒签">
          <input name="date" type="date" value={today} readOnly />
        </Field>
      )}
      {action === 'correction_requested' ? (
        <>
          {input('correctBy', '补正期限', 'date', '申请人最迟补正的日期')}
          {area('note', '需要补正的内容', '一次性告知（条例第三十条）；会写入补正告知书')}
        </>
      ) : null}
      {action === 'correction_received' && review ? (
        <>
          <p className="muted small">
            接受后，答复期限自申请人提交补正之日（{detail.correction?.lateSubmission?.on}
            ）起重新计算（条例第三十条）。
          </p>
          {input('lateReason', '本机关认定的正当理由', 'text', '必填：为何接受逾期的补正')}
        </>
      ) : action === 'correction_received' ? (
        <>
          {area('text', '补正后的申请内容', '申请人补正后所需信息的描述；答复告知书会引用')}
          {input(
            'lateReason',
            '逾期补正的正当理由（本机关认定）',
            'text',
            '补正期限已过时必填：是否属于正当理由由本机关判断',
          )}
        </>
      ) : null}
      {action === 'correction_lapsed' && review ? (
        <p className="muted small">
          不接受的，本申请按“申请人无正当理由逾期不补正”办结，并生成不再处理告知书。
        </p>
      ) : null}
      {action === 'extension_request' ? (
        <>
          {input('workingDays', '延长的工作日数', 'number', '最长 20 个工作日（条例第三十三条）')}
          {area('reason', '延长的理由')}
        </>
      ) : null}
      {action === 'consultation_started' ? (
        <>
          <Field label="征求意见的对象">
            <select name="party" value={values.party} onChange={set('party')}>
              <option value="third_party">第三方（条例第三十二条）</option>
              <option value="agency">其他机关（条例第三十四条）</option>
            </select>
          </Field>
          {input('name', '名称')}
        </>
      ) : null}
      {action === 'consultation_answered' || action === 'consultation_lapsed' ? (
        <Field label="征求意见">
          <select
            name="consultationId"
            value={values.consultationId}
            onChange={set('consultationId')}
          >
            {detail.consultations
              .filter((c) => c.endedOn === null)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} {c.name ?? ''}（对方答复期限：{lastDayPhrase(c.limitOn)}）
                </option>
              ))}
          </select>
        </Field>
      ) : null}
      {action === 'fee_notice_issued' || action === 'fee_waived' ? (
        <>
          <Field label="收费方式" hint="国办函〔2020〕109号：每件申请只选一种">
            <select name="method" value={values.method} onChange={set('method')}>
              <option value="pages">按量（页数）</option>
              <option value="items">按件（本月件数）</option>
            </select>
          </Field>
          {input('quantity', values.method === 'items' ? '本申请计件数' : '页数', 'number')}
          {quote ? <p className="muted">{quote}</p> : null}
          {action === 'fee_notice_issued'
            ? input('deliveredOn', '申请人收到收费通知的日期', 'date')
            : area('waivedReason', '不收费的理由')}
        </>
      ) : null}
      {action === 'reply_request' ? (
        <>
          <Field
            label="办理结果（年度报告表三的类别）"
            error={fieldError(error, 'outcome')}
            hint="部分公开的，只计部分公开"
          >
            <select
              name="outcome"
              value={values.outcome}
              onChange={set('outcome')}
              disabled={parts.length > 0}
            >
              {outcomeOptions()}
            </select>
          </Field>
          <Field
            label="各部分的处理结果（对不同部分作不同处理时多选）"
            hint="多选时，年度报告只计一项：部分公开优先"
          >
            <select
              name="parts"
              multiple
              size={6}
              value={parts}
              onChange={(e) => {
                const chosen = Array.from(
                  e.target.selectedOptions,
                  (o) => o.value as OutcomeRowKey,
                );
                setParts(chosen);
                if (chosen.length > 0) {
                  const counted = primaryOutcome(chosen);
                  setValues((v) => ({
                    ...v,
                    outcome: counted,
                    legalBasis: suggested[counted] ?? v.legalBasis ?? '',
                    reasons: suggestedReasons[counted] ?? v.reasons ?? '',
                  }));
                }
              }}
            >
              {outcomeOptions()}
            </select>
          </Field>
          {parts.length > 0 ? (
            <p className="muted">
              年度报告表三计为：
              {APPLICATION_ROWS.find((r) => r.key === primaryOutcome(parts))?.label}
            </p>
          ) : null}
          {area(
            'reasons',
            '理由',
            '部分公开、不予公开、无法提供、不予处理的必填：已填入本机关的标准表述，请按本案修改——写入答复告知书',
          )}
          {input('legalBasis', '法律依据', 'text', '部分公开、不予公开、无法提供、不予处理的必填')}
          {area(
            'details',
            '答复内容',
            '提供了什么、在哪里获取；不予公开部分的理由——写入答复告知书',
          )}
        </>
      ) : null}
      {[
        'delivered',
        'closed',
        'withdrawn',
        'correction_lapsed',
        'fee_paid',
        'fee_lapsed',
        'consultation_answered',
        'consultation_lapsed',
        'correction_received',
        'consultation_started',
        'fee_notice_issued',
      ].includes(action)
        ? area(
            'note',
            action === 'withdrawn'
              ? '撤回理由'
              : action === 'delivered'
                ? '送达方式'
                : action === 'correction_lapsed' && review
                  ? '不接受的理由（写入不再处理告知书）'
                  : '备注',
          )
        : null}
      <button type="submit" className="primary">
        {viaApproval ? '提交' : '记录'}
      </button>
    </form>
  );
}
