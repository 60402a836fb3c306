/** The supervisor's settings (监督设置) of the region. */
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api.js';
import { ErrorNotice, Page } from '../../ui.js';
import { ScopeBar, useScope } from './scope.js';

/** 设置: the year-on-year factor of the region. */
export function SupervisionSettingsPage() {
  const scope = useScope();
  const [factor, setFactor] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const url = `/api/v1/supervision/${scope.regionCode}/settings`;
  useEffect(() => {
    api<{ yearOnYearFactor: number }>('GET', url).then(
      (s) => setFactor(String(s.yearOnYearFactor)),
      setError,
    );
  }, [url]);
  async function save() {
    try {
      const s = await api<{ yearOnYearFactor: number }>('PUT', url, {
        yearOnYearFactor: Number(factor),
      });
      setFactor(String(s.yearOnYearFactor));
      setSaved(true);
      setError(null);
    } catch (e) {
      setError(e);
      setSaved(false);
    }
  }
  const fieldMessage =
    error instanceof ApiError && error.body.field === 'yearOnYearFactor'
      ? error.body.message
      : null;
  return (
    <Page title="监督设置">
      <ScopeBar />
      {error && !fieldMessage ? <ErrorNotice error={error} /> : null}
      <div className="field">
        <label className="field-label" htmlFor="yoy">
          同比变化提示倍数
        </label>
        <input
          id="yoy"
          type="number"
          step="0.5"
          min="1.5"
          max="100"
          value={factor}
          onChange={(e) => setFactor(e.target.value)}
          aria-invalid={!!fieldMessage}
        />
        <span className={fieldMessage ? 'field-error' : 'field-hint'}>
          {fieldMessage ??
            '某个数字与上一年度相比增减超过此倍数时，作为“提示”列出，供核对（适用于本区划及未单独设置的下级区划）。'}
        </span>
      </div>
      <button type="button" className="primary" onClick={() => void save()}>
        保存
      </button>
      {saved ? (
        <p className="notice notice-ok" role="status">
          已保存。
        </p>
      ) : null}
    </Page>
  );
}
