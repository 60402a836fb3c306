/**
 * What every page of the console works on: the region (the supervisor's own or one below it)
 * and the report year, kept across pages; and the console's tabs.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api.js';
import { Link, useRouter } from '../../router.js';
import { ErrorNotice, Page } from '../../ui.js';

export interface RegionOption {
  code: string;
  name: string;
  parentCode: string | null;
}

interface SupervisedRegion extends RegionOption {
  below: RegionOption[];
}

export interface Scope {
  regionCode: string;
  regionName: string;
  year: number;
  today: string;
  options: RegionOption[];
  setRegion(code: string): void;
  setYear(year: number): void;
}

const ScopeContext = createContext<Scope | null>(null);
const STORAGE = 'gongkai.supervision';

export function useScope(): Scope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error('useScope outside the console');
  return scope;
}

/** Loads the regions the person supervises and keeps the chosen region and year. */
export function ScopeProvider({ children }: { children: ReactNode }) {
  const [data, setData] = useState<{
    regions: SupervisedRegion[];
    today: string;
    defaultYear: number;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [choice, setChoice] = useState<{ regionCode: string | null; year: number | null }>(() => {
    try {
      return (
        JSON.parse(window.sessionStorage.getItem(STORAGE) ?? 'null') ?? {
          regionCode: null,
          year: null,
        }
      );
    } catch {
      return { regionCode: null, year: null };
    }
  });
  useEffect(() => {
    api<typeof data>('GET', '/api/v1/supervision/regions').then(setData, setError);
  }, []);
  useEffect(() => {
    window.sessionStorage.setItem(STORAGE, JSON.stringify(choice));
  }, [choice]);
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p className="loading">正在加载…</p>;
  if (data.regions.length === 0) {
    return (
      <Page title="监督汇总">
        <p className="muted">您没有监督任何行政区划。请在右上角切换到政务公开办（监督）身份。</p>
      </Page>
    );
  }
  const options: RegionOption[] = data.regions.flatMap((r) => [
    { code: r.code, name: r.name, parentCode: r.parentCode },
    ...r.below,
  ]);
  const region = options.find((o) => o.code === choice.regionCode) ?? options[0]!;
  const scope: Scope = {
    regionCode: region.code,
    regionName: region.name,
    year: choice.year ?? data.defaultYear,
    today: data.today,
    options,
    setRegion: (code) => setChoice((c) => ({ ...c, regionCode: code })),
    setYear: (year) => setChoice((c) => ({ ...c, year })),
  };
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}

const TABS = [
  { path: '/supervision', label: '报告一览' },
  { path: '/supervision/totals', label: '汇总与图表' },
  { path: '/supervision/imports', label: '批量导入' },
  { path: '/supervision/settings', label: '设置' },
];

/** The region and year pickers and the console's tabs. */
export function ScopeBar() {
  const scope = useScope();
  const { path } = useRouter();
  const thisYear = Number(scope.today.slice(0, 4));
  const years = Array.from({ length: thisYear - 2019 + 1 }, (_, i) => thisYear - i);
  const depth = (o: RegionOption): number => {
    let d = 0;
    for (let p = o.parentCode; p; p = scope.options.find((x) => x.code === p)?.parentCode ?? null) {
      d++;
      if (d > 6) break;
    }
    return d;
  };
  return (
    <>
      <nav className="tabs" aria-label="监督汇总">
        {TABS.map((t) => (
          <Link
            key={t.path}
            to={t.path}
            className={
              path === t.path || (t.path !== '/supervision' && path.startsWith(t.path))
                ? 'active'
                : ''
            }
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <div className="scope-bar">
        <label>
          行政区划
          <select value={scope.regionCode} onChange={(e) => scope.setRegion(e.target.value)}>
            {scope.options.map((o) => (
              <option key={o.code} value={o.code}>
                {'　'.repeat(Math.max(0, depth(o) - depth(scope.options[0]!)))}
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          报告年度
          <select value={scope.year} onChange={(e) => scope.setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年度
              </option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}

export const percent = (v: number | null): string =>
  v === null ? '—' : `${(v * 100).toFixed(1)}%`;
