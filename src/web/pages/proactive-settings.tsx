/**
 * 主动公开 settings of the agency: the 索引号 scheme (a change starts its own series and never
 * renumbers an item — the page shows the published items' numbers before and after) and the
 * agency's own 保密审查 checklist items, after the five standard ones.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { STANDARD_SECRECY_ITEMS } from '../../core/proactive/secrecy.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { mayInAgency, useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, missingRequired, Page } from '../ui.js';
import { type Item } from './proactive-model.js';

interface Settings {
  indexScheme: string;
  agencyCode: string;
  example: string;
  secrecyItems: string[];
}

const numbers = (items: Item[]) =>
  new Map(items.filter((i) => i.status === 'published').map((i) => [i.id, i.indexNumber]));

export function ProactiveSettingsPage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const editable = mayInAgency(context, 'proactive.configure');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [scheme, setScheme] = useState('');
  const [code, setCode] = useState('');
  const [own, setOwn] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [secrecyError, setSecrecyError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/v1/agencies/${agencyId}/proactive`;
  const load = useCallback(async () => {
    const [s, list] = await Promise.all([
      api<Settings>('GET', `${base}/settings`),
      api<{ items: Item[] }>('GET', `${base}/items`),
    ]);
    setSettings(s);
    setItems(list.items);
    return { settings: s, items: list.items };
  }, [base]);
  useEffect(() => {
    if (!agencyId) return;
    load()
      .then(({ settings: s }) => {
        setScheme(s.indexScheme);
        setCode(s.agencyCode);
        setOwn(s.secrecyItems);
      })
      .catch(setError);
  }, [agencyId, load]);
  if (!agencyId) return <ChooseAgency title="索引号与保密审查" />;
  if (!settings)
    return (
      <Page title="索引号与保密审查">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  const published = [...numbers(items)];
  const saveScheme = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const missing = missingRequired(e.currentTarget);
    if (missing) return setError(missing);
    const before = numbers(items);
    try {
      await api('PUT', `${base}/settings`, {
        indexScheme: scheme,
        agencyCode: code,
        secrecyItems: settings.secrecyItems,
      });
      const after = await load();
      const now = numbers(after.items);
      const kept = [...before].filter(([id, n]) => now.get(id) === n).length;
      setNotice(
        `已保存。已发布的 ${before.size} 条信息中 ${kept} 条索引号不变${
          kept === before.size ? '（全部保留原号）' : ''
        }；新起草的信息按新规则另起流水号，例如 ${after.settings.example}。`,
      );
    } catch (err) {
      setError(err);
    }
  };
  const saveSecrecy = async (e: FormEvent) => {
    e.preventDefault();
    setSecrecyError(null);
    setNotice(null);
    try {
      const saved = await api<Settings>('PUT', `${base}/settings`, {
        indexScheme: settings.indexScheme,
        agencyCode: settings.agencyCode,
        secrecyItems: own,
      });
      setSettings(saved);
      setOwn(saved.secrecyItems);
      setNotice(`已保存保密审查清单：标准 5 项，本机关 ${saved.secrecyItems.length} 项。`);
    } catch (err) {
      setSecrecyError(err);
    }
  };
  return (
    <Page title="索引号与保密审查">
      <p>
        <Link to="/proactive">返回主动公开</Link>
      </p>
      {notice ? (
        <p className="notice notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      <h2>索引号规则</h2>
      <p className="muted">
        可用占位符：{'{机构代码}'}、{'{分类}'}（第二十条类别 01–15）、{'{年份}'}、{'{流水号}'}
        （可写作 {'{流水号:6}'} 指定位数）。修改规则后，已编号的信息保留原索引号，
        不重新编号；新规则另起流水号，索引号永不重复使用。
      </p>
      <p>
        当前规则：<span data-ascii="data">{settings.indexScheme}</span>；下一条信息的索引号形如{' '}
        <span data-ascii="data" data-testid="index-example">
          {settings.example}
        </span>
      </p>
      {editable ? (
        <form className="form" noValidate onSubmit={saveScheme} aria-label="索引号规则">
          <ErrorNotice error={error} />
          <Field label="索引号规则" error={fieldError(error, 'indexScheme')}>
            <input
              name="indexScheme"
              required
              maxLength={200}
              value={scheme}
              onChange={(e) => setScheme(e.target.value)}
            />
          </Field>
          <Field
            label="机构代码"
            hint="字母、数字和连字符，例如统一社会信用代码。"
            error={fieldError(error, 'agencyCode')}
          >
            <input
              name="agencyCode"
              required
              maxLength={60}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </Field>
          <button type="submit">保存索引号规则</button>
        </form>
      ) : null}
      <h3>已发布信息的索引号</h3>
      {published.length === 0 ? (
        <p className="muted">还没有已发布的信息。</p>
      ) : (
        <table className="data" aria-label="已发布信息的索引号">
          <thead>
            <tr>
              <th>索引号</th>
              <th>标题</th>
            </tr>
          </thead>
          <tbody>
            {published.slice(0, 10).map(([id, n]) => (
              <tr key={id}>
                <td data-testid="published-index">{n}</td>
                <td>
                  <Link to={`/proactive/${id}`}>{items.find((i) => i.id === id)?.title}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>保密审查清单</h2>
      <p className="muted">第一级审查人发布前逐项回答。标准事项：</p>
      <ol>
        {STANDARD_SECRECY_ITEMS.map((s) => (
          <li key={s.key}>{s.label}</li>
        ))}
      </ol>
      {editable ? (
        <form className="form" noValidate onSubmit={saveSecrecy} aria-label="本机关的保密审查事项">
          <ErrorNotice error={secrecyError} />
          <fieldset>
            <legend>本机关增加的事项（最多 20 项，留空的不保存）</legend>
            {own.map((text, i) => (
              <div key={i} className="field-row">
                <Field
                  label={`第 ${i + 1} 项`}
                  error={fieldError(secrecyError, `secrecyItems.${i}`)}
                >
                  <input
                    name={`secrecyItems.${i}`}
                    maxLength={200}
                    value={text}
                    onChange={(e) => setOwn(own.map((x, j) => (j === i ? e.target.value : x)))}
                  />
                </Field>
                <button
                  type="button"
                  aria-label={`删除第 ${i + 1} 项`}
                  onClick={() => setOwn(own.filter((_, j) => j !== i))}
                >
                  删除
                </button>
              </div>
            ))}
            {own.length < 20 ? (
              <button type="button" onClick={() => setOwn([...own, ''])}>
                增加一项
              </button>
            ) : null}
          </fieldset>
          <button type="submit">保存保密审查清单</button>
        </form>
      ) : settings.secrecyItems.length > 0 ? (
        <>
          <p className="muted">本机关增加的事项：</p>
          <ol start={6}>
            {settings.secrecyItems.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">本机关没有增加事项。</p>
      )}
    </Page>
  );
}
