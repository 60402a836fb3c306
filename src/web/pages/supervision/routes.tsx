/** The console's pages by path (under /supervision). */
import type { ReactNode } from 'react';
import { AgencySupervisionPage } from './agency.js';
import {
  SupervisionImportPage,
  SupervisionImportsPage,
  SupervisionSettingsPage,
} from './imports.js';
import { SupervisionTotalsPage } from './totals.js';

export { SupervisionPage } from './console.js';

export function supervisionSubpage(path: string): ReactNode | null {
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
