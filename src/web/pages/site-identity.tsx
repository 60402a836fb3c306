/**
 * The public site's identity (国办发〔2017〕47号), set by the system administrator: shown in every
 * portal page's footer and <meta> tags.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ErrorNotice, Field, fieldError, missingRequired, Page } from '../ui.js';

interface Identity {
  siteName: string;
  siteDomain: string;
  sponsor: string;
  organiser: string;
  siteIdCode: string;
  icpRecord: string;
  policeRecord: string;
  contact: string;
}

const FIELDS: [keyof Identity, string, string, boolean][] = [
  ['siteName', '网站名称', '例如：示范市人民政府门户网站', true],
  ['siteDomain', '网站域名', '网站的主域名，写入页面标签', false],
  ['sponsor', '主办单位', '例如：示范市人民政府办公室', false],
  ['organiser', '承办单位', '例如：示范市大数据中心', false],
  ['siteIdCode', '网站标识码', '字母和数字，通常 10 位', false],
  ['icpRecord', 'ICP备案号', '例如：示ICP备00000001号', false],
  ['policeRecord', '公安机关备案号', '例如：示公网安备 99010002000001号', false],
  ['contact', '联系方式', '电话或电子邮箱', false],
];

export function SiteIdentityPage() {
  const [form, setForm] = useState<Identity | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    api<Identity>('GET', '/api/v1/site-identity').then(setForm).catch(setError);
  }, []);
  if (!form)
    return (
      <Page title="门户网站标识">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const missing = missingRequired(e.currentTarget);
    if (missing) return setError(missing);
    try {
      setForm(await api<Identity>('PUT', '/api/v1/site-identity', form));
      setNotice('已保存，门户各页的页脚和页面标签随即更新。');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Page title="门户网站标识">
      <p className="muted">
        按国办发〔2017〕47号，门户每个页面的页脚显示网站名称、主办和承办单位、网站标识码、备案号和联系方式。
      </p>
      {notice ? (
        <p className="notice notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      <form className="form" noValidate onSubmit={save} aria-label="门户网站标识">
        <ErrorNotice error={error} />
        {FIELDS.map(([key, label, hint, required]) => (
          <Field key={key} label={label} hint={hint} error={fieldError(error, key)}>
            <input
              name={key}
              required={required}
              maxLength={200}
              value={form[key]}
              onChange={(e) => setForm({ ...form, [key]: e.target.value })}
            />
          </Field>
        ))}
        <button type="submit">保存网站标识</button>
      </form>
    </Page>
  );
}
