/** The console's pages by path (under /supervision), each within the chosen region and year. */
import type { ReactNode } from 'react';
import { Link } from '../../router.js';
import { Page } from '../../ui.js';
import { AgencySupervisionPage } from './agency.js';
import { SupervisionPage } from './console.js';
import { SupervisionImportPage } from './import.js';
import { SupervisionImportsPage } from './imports.js';
import { ScopeProvider } from './scope.js';
import { SupervisionSettingsPage } from './settings.js';
import { SupervisionTotalsPage } from './totals.js';

function pageOf(path: string): ReactNode | null {
  if (path === '/supervision') return <SupervisionPage />;
  if (path === '/supervision/totals') return <SupervisionTotalsPage />;
  if (path === '/supervision/imports') return <SupervisionImportsPage />;
  if (path === '/supervision/settings') return <SupervisionSettingsPage />;
  const imp = /^\/supervision\/imports\/([\w-]+)$/.exec(path);
  if (imp) return <SupervisionImportPage key={imp[1]} importId={imp[1]!} />;
  const agency = /^\/supervision\/agencies\/([\w-]+)\/(\d{4})$/.exec(path);
  if (agency) {
    return <AgencySupervisionPage key={path} agencyId={agency[1]!} year={Number(agency[2])} />;
  }
  return null;
}

export function ConsolePage({ path }: { path: string }) {
  const page = pageOf(path);
  if (!page) {
    return (
      <Page title="没有这个页面">
        <p className="muted">
          地址不存在。<Link to="/supervision">返回监督汇总</Link>
        </p>
      </Page>
    );
  }
  return <ScopeProvider>{page}</ScopeProvider>;
}
