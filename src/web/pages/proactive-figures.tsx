/**
 * Table 二 of the annual report for one year: 第二十条（一） counted from the register (each
 * figure with its documents), the （五）（六）（八） figures that live in other systems entered
 * with their source, and the section 一 sentence.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { Link } from '../router.js';
import { mayInAgency, useSession } from '../session.js';
import {
  ChooseAgency,
  ErrorNotice,
  Field,
  fieldError,
  missingRequired,
  Page,
  problemsOf,
} from '../ui.js';
import { FiguresImport } from './proactive-figures-import.js';
import { type RegisterFigures, type TracedFigure as Traced } from './proactive-model.js';

type Figures = RegisterFigures;

const COUNTS = [
  ['licensing', '（五）行政许可决定数', '件'],
  ['penalty', '（六）行政处罚决定数', '件'],
  ['coercion', '（六）行政强制决定数', '件'],
] as const;

/** 万元 with up to six decimals (one fen) → fen. */
const fen = (wan: string) => Math.round(Number(wan) * 1_000_000);
const wan = (f: number) => String(f / 1_000_000);

function TracedCell({ figure }: { figure: Traced }) {
  if (figure.value === 0) return <td>0</td>;
  return (
    <td>
      <details>
        <summary>{figure.value}</summary>
        <ul>
          {figure.itemIds.map((id, i) => (
            <li key={id}>
              <Link to={`/proactive/${id}`}>第 {i + 1} 份</Link>
            </li>
          ))}
        </ul>
      </details>
    </td>
  );
}

export function FiguresPage({ year }: { year: number }) {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const editable = mayInAgency(context, 'proactive.configure');
  const [figures, setFigures] = useState<Figures | null>(null);
  const [form, setForm] = useState({
    licensing: '',
    penalty: '',
    coercion: '',
    fees: '',
    source: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const url = `/api/v1/agencies/${agencyId}/proactive/figures/${year}`;
  const load = useCallback(async () => {
    const f = await api<Figures>('GET', url);
    setFigures(f);
    return f;
  }, [url]);
  useEffect(() => {
    if (!agencyId) return;
    load()
      .then((f) => {
        if (f.entered)
          setForm({
            licensing: String(f.entered.licensing),
            penalty: String(f.entered.penalty),
            coercion: String(f.entered.coercion),
            fees: wan(f.entered.feesFen),
            source: f.entered.source,
          });
      })
      .catch(setError);
  }, [agencyId, load]);
  if (!agencyId) return <ChooseAgency title={`${year} 年表二数字`} />;
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    // The empty fields and the wrongly filled ones, all at once.
    const missing = missingRequired(e.currentTarget);
    const problems: { field: string; message: string }[] = missing ? problemsOf(missing) : [];
    for (const [key, label] of COUNTS)
      if (form[key].trim() && !/^\d{1,9}$/.test(form[key].trim()))
        problems.push({ field: key, message: `“${label}”须为不小于 0 的整数。` });
    if (form.fees.trim() && !/^\d{1,8}(\.\d{1,6})?$/.test(form.fees.trim()))
      problems.push({
        field: 'fees',
        message: '“（八）行政事业性收费金额”须为不小于 0 的数，以万元为单位，最多 6 位小数。',
      });
    if (problems.length > 0)
      return setError(
        new ApiError(400, {
          code: 'validation_failed',
          message: problems[0]!.message,
          field: problems[0]!.field,
          ...{ fields: problems },
        }),
      );
    try {
      await api('PUT', url, {
        licensing: Number(form.licensing),
        penalty: Number(form.penalty),
        coercion: Number(form.coercion),
        feesFen: fen(form.fees.trim()),
        source: form.source,
      });
      await load();
      setNotice('已保存，年度报告表二将使用这些数字。');
    } catch (err) {
      setError(err);
    }
  };
  const rows = figures
    ? ([
        ['规章', figures.item1.regulations],
        ['行政规范性文件', figures.item1.normative_documents],
      ] as const)
    : [];
  return (
    <Page title={`${year} 年表二数字`}>
      <p>
        <Link to="/proactive">返回主动公开</Link> ·{' '}
        <Link to={`/proactive/figures/${year - 1}`}>{year - 1} 年</Link> ·{' '}
        <Link to={`/proactive/figures/${year + 1}`}>{year + 1} 年</Link>
      </p>
      {notice ? (
        <p className="notice notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      {!figures ? (
        error ? (
          <ErrorNotice error={error} />
        ) : (
          <p className="muted">正在读取……</p>
        )
      ) : (
        <>
          <h2>第二十条第（一）项（由信息登记自动统计）</h2>
          <table className="data" aria-label="第二十条第（一）项">
            <thead>
              <tr>
                <th>信息内容</th>
                <th>本年制发件数</th>
                <th>本年废止件数</th>
                <th>现行有效件数</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, row]) => (
                <tr key={label}>
                  <td>{label}</td>
                  <TracedCell figure={row.issued} />
                  <TracedCell figure={row.repealed} />
                  <TracedCell figure={row.in_force} />
                </tr>
              ))}
            </tbody>
          </table>
          <h2>第（五）（六）（八）项（来自其他系统，按年录入）</h2>
          {figures.entered ? (
            <p className="muted">
              {figures.entered.enteredBy} 录入于{' '}
              {figures.entered.enteredAt.slice(0, 16).replace('T', ' ')}，来源：
              {figures.entered.source}
            </p>
          ) : (
            <p className="muted">本年尚未录入。</p>
          )}
          {editable ? (
            <form className="form" noValidate onSubmit={save} aria-label="录入表二数字">
              <ErrorNotice error={error} />
              {COUNTS.map(([key, label, unit]) => (
                <Field
                  key={key}
                  label={label}
                  hint={`单位：${unit}`}
                  error={fieldError(error, key)}
                >
                  <input
                    name={key}
                    inputMode="numeric"
                    required
                    value={form[key]}
                    onChange={(e) => setForm({ ...form, [key]: e.target.value })}
                  />
                </Field>
              ))}
              <Field
                label="（八）行政事业性收费金额"
                hint="单位：万元，例如 12.5"
                error={fieldError(error, 'fees') ?? fieldError(error, 'feesFen')}
              >
                <input
                  name="fees"
                  inputMode="decimal"
                  required
                  value={form.fees}
                  onChange={(e) => setForm({ ...form, fees: e.target.value })}
                />
              </Field>
              <Field
                label="数据来源"
                hint="例如：市政务服务平台导出，2027-01-05"
                error={fieldError(error, 'source')}
              >
                <input
                  name="source"
                  required
                  maxLength={200}
                  value={form.source}
                  onChange={(e) => setForm({ ...form, source: e.target.value })}
                />
              </Field>
              <button type="submit">保存表二数字</button>
            </form>
          ) : null}
          {editable ? <FiguresImport url={url} onSaved={load} /> : null}
          {!editable && figures.entered ? (
            <dl className="meta">
              {COUNTS.map(([key, label, unit]) => (
                <div key={key}>
                  <dt>{label}</dt>
                  <dd>
                    {figures.entered![key]} {unit}
                  </dd>
                </div>
              ))}
              <dt>（八）行政事业性收费金额</dt>
              <dd>{wan(figures.entered.feesFen)} 万元</dd>
            </dl>
          ) : null}
          <h2>第一部分可用的表述</h2>
          <p data-testid="section-one">{figures.sectionOne}</p>
        </>
      )}
    </Page>
  );
}
