/**
 * 政府信息公开指南: generated from the agency's profile and its applications settings until it is
 * first saved; every save is a new version (the portal shows the latest).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { mayInAgency, useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, Page } from '../ui.js';

interface Guide {
  version: number;
  sections: { heading: string; text: string }[];
  savedAt: string | null;
  savedBy: string | null;
}

const versionText = (g: Guide) =>
  g.version === 0
    ? '生成稿：根据本机关信息和依申请公开设置生成，尚未保存。保存后成为第 1 版。'
    : `第 ${g.version} 版，${g.savedBy ?? ''} 保存于 ${(g.savedAt ?? '').slice(0, 16).replace('T', ' ')}。再次保存即成为第 ${g.version + 1} 版。`;

export function GuidePage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const editable = mayInAgency(context, 'proactive.configure');
  const [guide, setGuide] = useState<Guide | null>(null);
  const [sections, setSections] = useState<Guide['sections']>([]);
  const [versions, setVersions] = useState<Guide[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const url = `/api/v1/agencies/${agencyId}/proactive/guide`;
  const loadVersions = useCallback(
    () =>
      api<{ versions: Guide[] }>('GET', `${url}/versions`)
        .then((r) => setVersions(r.versions))
        .catch(setError),
    [url],
  );
  useEffect(() => {
    if (!agencyId) return;
    api<Guide>('GET', url)
      .then((g) => {
        setGuide(g);
        setSections(g.sections);
      })
      .catch(setError);
    void loadVersions();
  }, [agencyId, url, loadVersions]);
  if (!agencyId) return <ChooseAgency title="政府信息公开指南" />;
  if (!guide)
    return (
      <Page title="政府信息公开指南">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const saved = await api<Guide>('PUT', url, { sections });
      setGuide(saved);
      setSections(saved.sections);
      setNotice(`已保存为第 ${saved.version} 版，门户专栏的指南已更新。`);
      await loadVersions();
    } catch (err) {
      setError(err);
    }
  };
  const change = (i: number, patch: Partial<Guide['sections'][number]>) =>
    setSections(sections.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Page title="政府信息公开指南">
      <p>
        <Link to="/proactive">返回主动公开</Link> ·{' '}
        <a href={`/portal/agencies/${agencyId}/disclosure/guide`} target="_blank" rel="noreferrer">
          在门户查看
        </a>
      </p>
      {notice ? (
        <p className="notice notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      <p className="muted" data-testid="guide-version">
        {versionText(guide)}
      </p>
      {editable ? (
        <form className="form" noValidate onSubmit={save} aria-label="政府信息公开指南">
          <ErrorNotice error={error} />
          {sections.map((s, i) => (
            <fieldset key={i}>
              <legend>第 {i + 1} 节</legend>
              <Field
                label={`第 ${i + 1} 节标题`}
                error={fieldError(error, `sections.${i}.heading`)}
              >
                <input
                  name={`sections.${i}.heading`}
                  maxLength={200}
                  value={s.heading}
                  onChange={(e) => change(i, { heading: e.target.value })}
                />
              </Field>
              <Field label={`第 ${i + 1} 节内容`} error={fieldError(error, `sections.${i}.text`)}>
                <textarea
                  name={`sections.${i}.text`}
                  rows={5}
                  maxLength={5000}
                  value={s.text}
                  onChange={(e) => change(i, { text: e.target.value })}
                />
              </Field>
              <button
                type="button"
                aria-label={`删除第 ${i + 1} 节`}
                onClick={() => setSections(sections.filter((_, j) => j !== i))}
              >
                删除本节
              </button>
            </fieldset>
          ))}
          {fieldError(error, 'sections') ? (
            <span className="field-error">{fieldError(error, 'sections')}</span>
          ) : null}
          <p>
            {sections.length < 30 ? (
              <button
                type="button"
                onClick={() => setSections([...sections, { heading: '', text: '' }])}
              >
                增加一节
              </button>
            ) : null}
          </p>
          <button type="submit">保存为新版本</button>
        </form>
      ) : (
        sections.map((s, i) => (
          <section key={i}>
            <h2>{s.heading}</h2>
            <p>{s.text}</p>
          </section>
        ))
      )}
      {versions.length > 1 ? (
        <section aria-label="指南的历史版本">
          <h2>历史版本</h2>
          {versions.slice(1).map((v) => (
            <details key={v.version} className="card" data-testid="guide-old-version">
              <summary>
                第 {v.version} 版 · {v.savedBy ?? ''} 保存于{' '}
                {(v.savedAt ?? '').slice(0, 16).replace('T', ' ')}
              </summary>
              {v.sections.map((s, i) => (
                <div key={i}>
                  <h3>{s.heading}</h3>
                  <p>{s.text}</p>
                </div>
              ))}
            </details>
          ))}
        </section>
      ) : null}
    </Page>
  );
}
