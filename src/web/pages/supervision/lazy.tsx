/**
 * The console is loaded when first opened: its charts (ECharts) are the largest part of the
 * workspace and only supervisors need them.
 */
import { lazy, Suspense } from 'react';

const Console = lazy(() => import('./routes.js').then((m) => ({ default: m.ConsolePage })));

export function SupervisionConsole({ path }: { path: string }) {
  return (
    <Suspense fallback={<p className="loading">正在加载…</p>}>
      <Console path={path} />
    </Suspense>
  );
}
