/**
 * The authorisation matrix's expectations (see ../matrix.ts) of the annual reports (年度报告), the
 * supervisor's console (监督) with its bulk imports, and what the supervisor asks an agency to
 * correct.
 */
import { BUSINESS, SUPERVISORS, type Expectation } from '../matrix.js';

export const REPORTS: Record<string, Expectation> = {
  'GET /api/v1/agencies/:agencyId/reports': { scope: 'agency', roles: BUSINESS },
  'POST /api/v1/agencies/:agencyId/reports': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({ year: 2024 }),
  },
  'GET /api/v1/agencies/:agencyId/reports/:year': { scope: 'agency', roles: BUSINESS },
  'PUT /api/v1/agencies/:agencyId/reports/:year/draft': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({}),
  },
  'POST /api/v1/agencies/:agencyId/reports/:year/publish': {
    scope: 'agency',
    roles: ['clerk', 'reviewer'],
    body: () => ({}),
  },
  'POST /api/v1/agencies/:agencyId/reports/:year/correction': {
    scope: 'agency',
    roles: ['clerk'],
  },
  'GET /api/v1/agencies/:agencyId/reports/:year/draft/document.:format': {
    scope: 'agency',
    roles: BUSINESS,
  },
  'GET /api/v1/agencies/:agencyId/reports/:year/versions/:version': {
    scope: 'agency',
    roles: BUSINESS,
  },
  'GET /api/v1/agencies/:agencyId/reports/:year/versions/:version/document.:format': {
    scope: 'agency',
    roles: BUSINESS,
  },
  'GET /api/v1/agencies/:agencyId/reports/:year/diff': { scope: 'agency', roles: BUSINESS },
  'POST /api/v1/agencies/:agencyId/reports/:year/import': {
    scope: 'agency',
    roles: ['supervisor', 'agency_admin', 'clerk'],
    body: () => ({
      report: {},
      source: {
        filename: 'a.txt',
        sha256: '0'.repeat(64),
        size: 1,
        format: 'txt',
        corrections: [],
      },
    }),
  },
  // The supervisor's console: a supervisor of the region (or above), never of another region.
  'GET /api/v1/supervision/regions': { scope: 'signed-in' },
  'GET /api/v1/supervision/:regionCode/view': { scope: 'region', roles: SUPERVISORS },
  'GET /api/v1/supervision/:regionCode/agencies/:agencyId/:year': {
    scope: 'region',
    roles: SUPERVISORS,
  },
  'POST /api/v1/supervision/:regionCode/agencies/:agencyId/:year/reviews': {
    scope: 'region',
    roles: SUPERVISORS,
    body: () => ({ fingerprint: 'none', decision: 'dismissed', reason: '矩阵测试' }),
  },
  'GET /api/v1/supervision/:regionCode/totals/:year': { scope: 'region', roles: SUPERVISORS },
  'GET /api/v1/supervision/:regionCode/totals/:year/cells/:key': {
    scope: 'region',
    roles: SUPERVISORS,
  },
  'GET /api/v1/supervision/:regionCode/dataset/:year.:format': {
    scope: 'region',
    roles: SUPERVISORS,
  },
  'GET /api/v1/supervision/:regionCode/charts/:chart/:year.xlsx': {
    scope: 'region',
    roles: SUPERVISORS,
  },
  'GET /api/v1/supervision/:regionCode/settings': { scope: 'region', roles: SUPERVISORS },
  'PUT /api/v1/supervision/:regionCode/settings': {
    scope: 'region',
    roles: SUPERVISORS,
    body: () => ({ yearOnYearFactor: 3 }),
  },
  'GET /api/v1/supervision/:regionCode/imports': { scope: 'region', roles: SUPERVISORS },
  'POST /api/v1/supervision/:regionCode/imports': {
    scope: 'region',
    roles: SUPERVISORS,
    body: () => ({ year: 2025 }),
  },
  'GET /api/v1/supervision/:regionCode/imports/:importId': { scope: 'region', roles: SUPERVISORS },
  'POST /api/v1/supervision/:regionCode/imports/:importId/files': {
    scope: 'region',
    roles: SUPERVISORS,
  },
  'PUT /api/v1/supervision/:regionCode/imports/:importId/items/:seq': {
    scope: 'region',
    roles: SUPERVISORS,
    body: () => ({ publishedOn: '2026-01-10' }),
  },
  'POST /api/v1/supervision/:regionCode/imports/:importId/items/:seq/save': {
    scope: 'region',
    roles: SUPERVISORS,
  },
  'POST /api/v1/supervision/:regionCode/imports/:importId/save-ready': {
    scope: 'region',
    roles: SUPERVISORS,
  },
  // What the supervisor asks an agency to correct in its report: business data, so no
  // administrator (三员分立), and the agency's own people and its supervisor only.
  'GET /api/v1/agencies/:agencyId/corrections': { scope: 'agency', roles: BUSINESS },
  'POST /api/v1/agencies/:agencyId/imports/read': {
    scope: 'agency',
    roles: ['supervisor', 'agency_admin', 'clerk'],
  },
};
