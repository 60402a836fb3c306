/**
 * The authorisation matrix's expectations (see ../matrix.ts) of the public portal (门户): applying
 * and following a case, reports, open data, the disclosure pages of agencies and governments; the
 * published schemas.
 */
import type { Expectation } from '../matrix.js';

export const PORTAL: Record<string, Expectation> = {
  'GET /portal': { scope: 'public' },
  'GET /portal/agencies/:agencyId/apply': { scope: 'public' },
  'POST /portal/agencies/:agencyId/apply': { scope: 'public' },
  'GET /portal/follow': { scope: 'public' },
  'POST /portal/follow': { scope: 'public', body: () => ({ number: '2026-00001', code: 'x' }) },
  'GET /portal/follow/case': { scope: 'public' },
  'POST /portal/follow/case/correction': { scope: 'public', body: () => ({ text: '补正' }) },
  'GET /portal/follow/case/letters/:letterId/download.:format': { scope: 'public' },
  'GET /portal/agencies/:agencyId': { scope: 'public' },
  'GET /portal/agencies/:agencyId/reports/:year': { scope: 'public' },
  'GET /portal/agencies/:agencyId/reports/:year/v/:version': { scope: 'public' },
  'GET /portal/agencies/:agencyId/reports/:year/v/:version/download.:format': { scope: 'public' },
  'GET /portal/agencies/:agencyId/reports/:year/v/:version/source': { scope: 'public' },
  'GET /schemas/annual-report.v1.json': { scope: 'public' },
  'GET /schemas/open-data.v1.json': { scope: 'public' },
  'GET /portal/open-data': { scope: 'public' },
  'GET /portal/open-data/dictionary': { scope: 'public' },
  'GET /portal/open-data/dictionary.csv': { scope: 'public' },
  'GET /portal/open-data/:regionCode/:year.:format': { scope: 'public' },
  'GET /portal/agencies/:agencyId/disclosure': { scope: 'public' },
  'GET /portal/agencies/:agencyId/disclosure/:section': { scope: 'public' },
  'GET /portal/agencies/:agencyId/items/:itemId': { scope: 'public' },
  'GET /portal/agencies/:agencyId/items/:itemId/v/:version': { scope: 'public' },
  'GET /portal/agencies/:agencyId/items/:itemId/attachments/:attachmentId': { scope: 'public' },
  'GET /portal/agencies/:agencyId/search': { scope: 'public' },
  'GET /portal/governments/:governmentId/disclosure': { scope: 'public' },
  'GET /portal/governments/:governmentId/disclosure/:section': { scope: 'public' },
  'GET /portal/governments/:governmentId/apply': { scope: 'public' },
  'GET /portal/governments/:governmentId/search': { scope: 'public' },
  'GET /portal/search': { scope: 'public' },
  'GET /portal/sitemap': { scope: 'public' },
  'GET /portal/display': { scope: 'public' },
  'GET /portal/*': { scope: 'public' },
};
