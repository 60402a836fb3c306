import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { ErrorNotice, Field, fieldError } from '../ui.js';

/**
 * Two agency settings of the hand-offs and the letter set: the agency's units (科室; the general
 * office signs for what arrives) and the 文号 pattern of each letter type.
 */

interface Unit {
  id: string;
  name: string;
  generalOffice: boolean;
}
interface PatternView {
  kind: string;
  title: string;
  pattern: string;
  example: string;
}

export function UnitsAndNumbers({ agencyId, editable }: { agencyId: string; editable: boolean }) {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [patterns, setPatterns] = useState<PatternView[]>([]);
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [office, setOffice] = useState(false);
  const [unitError, setUnitError] = useState<unknown>(null);
  const [patternError, setPatternError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const base = `/api/v1/agencies/${agencyId}`;

  const load = useCallback(async () => {
    const [u, p] = await Promise.all([
      api<{ units: Unit[] }>('GET', `${base}/units`),
      api<{ patterns: PatternView[] }>('GET', `${base}/letter-numbers`),
    ]);
    setUnits(u.units);
    setPatterns(p.patterns);
  }, [base]);
  useEffect(() => {
    load().catch(setUnitError);
  }, [load]);

  async function addUnit(event: FormEvent) {
    event.preventDefault();
    setUnitError(null);
    try {
      const r = await api<{ units: Unit[] }>('POST', `${base}/units`, {
        name,
        generalOffice: office,
      });
      setUnits(r.units);
      setName('');
      setOffice(false);
      setMessage('科室已添加。');
    } catch (e) {
      setUnitError(e);
    }
  }

  async function savePatterns(event: FormEvent) {
    event.preventDefault();
    setPatternError(null);
    try {
      const r = await api<{ patterns: PatternView[] }>('PUT', `${base}/letter-numbers`, {
        patterns: edited,
      });
      setPatterns(r.patterns);
      setEdited({});
      setMessage('文号格式已保存。');
    } catch (e) {
      setPatternError(e);
    }
  }

  const problems =
    patternError instanceof ApiError
      ? ((patternError.body as { problems?: { field: string; message: string }[] }).problems ?? [])
      : [];
  const problemOf = (kind: string) =>
    problems.find((p) => p.field === `patterns.${kind}`)?.message ?? null;

  return (
    <>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <section className="card" aria-label="科室">
        <h2>科室</h2>
        <p className="muted small">
          办公室签收收到的申请，再转办给承办科室，必要时请其他科室协办（协办期限在答复期限之内）。
        </p>
        <ul>
          {(units ?? []).map((u) => (
            <li key={u.id}>
              {u.name}
              {u.generalOffice ? '（办公室，负责签收）' : ''}
            </li>
          ))}
        </ul>
        {editable ? (
          <form onSubmit={(e) => void addUnit(e)} aria-label="添加科室" noValidate>
            <Field label="科室名称" error={fieldError(unitError, 'name')}>
              <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <label className="inline">
              <input
                type="checkbox"
                checked={office}
                onChange={(e) => setOffice(e.target.checked)}
              />
              办公室（负责签收）
            </label>
            {unitError && !(unitError instanceof ApiError && unitError.body.field) ? (
              <ErrorNotice error={unitError} />
            ) : null}
            <button type="submit">添加科室</button>
          </form>
        ) : units?.length === 0 ? (
          <p className="muted">本机关尚未设置科室；科室由机关管理员在此添加。</p>
        ) : null}
      </section>
      <section className="card" aria-label="文号">
        <h2>文号</h2>
        <p className="muted small">
          每类文书按年度连续编号，已用的号不再使用。格式中用“{'{年}'}”表示年份，“{'{号}'}”表示序号。
        </p>
        <form onSubmit={(e) => void savePatterns(e)} aria-label="文号格式" noValidate>
          <table>
            <thead>
              <tr>
                <th>文书</th>
                <th>文号格式</th>
                <th>示例</th>
              </tr>
            </thead>
            <tbody>
              {patterns.map((p) => (
                <tr key={p.kind}>
                  <td>{p.title}</td>
                  <td>
                    <Field label={`${p.title}的文号格式`} error={problemOf(p.kind)}>
                      <input
                        value={edited[p.kind] ?? p.pattern}
                        disabled={!editable}
                        onChange={(e) => setEdited((v) => ({ ...v, [p.kind]: e.target.value }))}
                      />
                    </Field>
                  </td>
                  <td>{p.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {patternError && problems.length === 0 ? <ErrorNotice error={patternError} /> : null}
          {editable ? (
            <button type="submit" disabled={Object.keys(edited).length === 0}>
              保存文号格式
            </button>
          ) : null}
        </form>
      </section>
    </>
  );
}
