/**
 * The authorisation matrix's expectations (see ../matrix.ts) of 主动公开: items, their
 * attachments and review, the 索引号 scheme, catalogue, guide and table 二 figures.
 */
import { AGENCY_STAFF, catalogueBody, proactiveBody, type Expectation } from '../matrix.js';

/** Makes the names the bodies below create unique. */
let serial = 0;

export const PROACTIVE: Record<string, Expectation> = {
  // 主动公开: agency staff read; the clerk drafts, publishes after review, withdraws and
  // corrects; the agency admin sets the 索引号 scheme, catalogue, guide and table 二 figures.
  'GET /api/v1/agencies/:agencyId/proactive/items': { scope: 'agency', roles: AGENCY_STAFF },
  'POST /api/v1/agencies/:agencyId/proactive/items': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => proactiveBody(`矩阵信息${serial++}`),
  },
  'GET /api/v1/agencies/:agencyId/proactive/items/:itemId': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'PUT /api/v1/agencies/:agencyId/proactive/items/:itemId': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => proactiveBody(`矩阵修改${serial++}`),
  },
  'POST /api/v1/agencies/:agencyId/proactive/items/:itemId/attachments': {
    scope: 'agency',
    roles: ['clerk'],
  },
  'GET /api/v1/agencies/:agencyId/proactive/items/:itemId/attachments/:attachmentId': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'DELETE /api/v1/agencies/:agencyId/proactive/items/:itemId/attachments/:attachmentId': {
    scope: 'agency',
    roles: ['clerk'],
  },
  'POST /api/v1/agencies/:agencyId/proactive/items/:itemId/publish': {
    scope: 'agency',
    roles: ['clerk'],
  },
  'POST /api/v1/agencies/:agencyId/proactive/items/:itemId/withdraw': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({ reason: '矩阵撤回' }),
  },
  'POST /api/v1/agencies/:agencyId/proactive/items/:itemId/correction': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => {
      const { kind: _kind, ...rest } = proactiveBody('矩阵更正');
      return { ...rest, reason: '更正' };
    },
  },
  'POST /api/v1/agencies/:agencyId/proactive/items/:itemId/validity': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({ validity: 'repealed', changedOn: '2026-03-02' }),
  },
  // The review chain of an item (the one engine): the clerk submits, a reviewer (or the agency
  // admin, when the chain names that level) decides.
  'POST /api/v1/agencies/:agencyId/proactive/items/:itemId/submit': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({}),
  },
  'POST /api/v1/agencies/:agencyId/proactive/items/:itemId/review': {
    scope: 'agency',
    roles: ['agency_admin', 'reviewer'],
    body: () => ({ decision: 'return', comment: '矩阵退回' }),
  },
  'GET /api/v1/agencies/:agencyId/proactive/items/:itemId/reviews': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/proactive/items/:itemId/review-sheet.:format': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/proactive/settings': { scope: 'agency', roles: AGENCY_STAFF },
  'PUT /api/v1/agencies/:agencyId/proactive/settings': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ indexScheme: '{机构代码}-{年份}-{流水号}', agencyCode: 'MATRIX1' }),
  },
  'GET /api/v1/agencies/:agencyId/proactive/catalogue': { scope: 'agency', roles: AGENCY_STAFF },
  'POST /api/v1/agencies/:agencyId/proactive/catalogue': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => catalogueBody('矩阵事项'),
  },
  'PUT /api/v1/agencies/:agencyId/proactive/catalogue/:entryId': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => catalogueBody('矩阵修改事项'),
  },
  'GET /api/v1/agencies/:agencyId/proactive/guide': { scope: 'agency', roles: AGENCY_STAFF },
  'GET /api/v1/agencies/:agencyId/proactive/guide/versions': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'PUT /api/v1/agencies/:agencyId/proactive/guide': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ sections: [{ heading: '一、说明', text: '矩阵' }] }),
  },
  'GET /api/v1/agencies/:agencyId/proactive/figures/:year': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'PUT /api/v1/agencies/:agencyId/proactive/figures/:year': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ licensing: 1, penalty: 2, coercion: 0, feesFen: 0, source: '矩阵' }),
  },
  'POST /api/v1/agencies/:agencyId/proactive/figures/:year/import': {
    scope: 'agency',
    roles: ['agency_admin'],
  },
};
