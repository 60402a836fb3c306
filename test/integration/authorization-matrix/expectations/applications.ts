/**
 * The authorisation matrix's expectations (see ../matrix.ts) of 依申请公开: applications, their
 * letters and approvals, the review chains, appeals, statistics and settings; the national holiday
 * calendar; 督办 and reminders; hand-offs, units and 文号.
 */
import { personApplication } from '../../../support/applications.js';
import { AGENCY_STAFF, matrixClerkId, ownApplicationId, type Expectation } from '../matrix.js';

/** Makes the names the bodies below create unique. */
let serial = 0;

export const APPLICATIONS: Record<string, Expectation> = {
  'GET /api/v1/agencies/:agencyId/applications': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'POST /api/v1/agencies/:agencyId/applications': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({
      ...personApplication({ name: `矩阵申请人${serial++}` }),
      channel: 'letter',
      receivedOn: '2026-03-02',
    }),
  },
  'GET /api/v1/agencies/:agencyId/applications/:applicationId': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'POST /api/v1/agencies/:agencyId/applications/:applicationId/events': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({ type: 'consultation_started', date: '2026-03-02', party: 'third_party' }),
  },
  'POST /api/v1/agencies/:agencyId/applications/:applicationId/approvals': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({ kind: 'extension', workingDays: 5, reason: '检索档案' }),
  },
  'GET /api/v1/agencies/:agencyId/applications/:applicationId/approvals': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  // Only the clerk the case is assigned to sees the identity in full — no administrator.
  'POST /api/v1/agencies/:agencyId/applications/:applicationId/reveal': {
    scope: 'agency',
    roles: ['clerk'],
  },
  // The matrix's case is assigned to the clerk persona; another clerk may not take it over
  // (applications-people.test.ts), an agency admin may.
  'PUT /api/v1/agencies/:agencyId/applications/:applicationId/assignee': {
    scope: 'agency',
    roles: ['agency_admin', 'clerk'],
    body: () => ({ userId: matrixClerkId }),
  },
  'GET /api/v1/agencies/:agencyId/applications/:applicationId/fee-quote': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/applications/:applicationId/letters/:letterId/document.:format': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/application-register.:format': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/application-handlers': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/approvals': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'POST /api/v1/agencies/:agencyId/approvals/:approvalId/decision': {
    scope: 'agency',
    roles: ['reviewer'],
    body: () => ({ decision: 'reject', comment: '请补充理由' }),
  },
  'POST /api/v1/agencies/:agencyId/approvals/:approvalId/withdraw': {
    scope: 'agency',
    roles: ['clerk'],
  },
  // The clause library of replies: staff read it, the agency admin edits it.
  'GET /api/v1/agencies/:agencyId/reply-clauses': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'PUT /api/v1/agencies/:agencyId/reply-clauses/:outcome': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ legalBasis: '条例第十四条', reasons: '属于国家秘密。' }),
  },
  // The review-chain engine: anyone of the agency reads a request with its letter preview;
  // only an agency admin sets the chains (a reviewer decides, see above).
  'GET /api/v1/agencies/:agencyId/approvals/:approvalId': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/review-chains': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'PUT /api/v1/agencies/:agencyId/review-chains/:kind': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ levels: [{ role: 'reviewer', reviewLevel: 'section_head' }] }),
  },
  'GET /api/v1/agencies/:agencyId/appeals': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'POST /api/v1/agencies/:agencyId/appeals': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({
      applicationId: ownApplicationId,
      kind: 'review',
      filedOn: '2026-03-02',
      body: '示范市人民政府',
      outcome: 'pending',
    }),
  },
  'PUT /api/v1/agencies/:agencyId/appeals/:appealId': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({
      kind: 'review',
      filedOn: '2026-03-02',
      body: '示范市人民政府',
      outcome: 'pending',
    }),
  },
  'GET /api/v1/agencies/:agencyId/application-statistics/:year': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/application-statistics/:year/cell': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/application-settings': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'PUT /api/v1/agencies/:agencyId/application-settings': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({
      reviewBody: '',
      court: '示范市人民法院',
      countFrom: 'next_day',
      feeWait: 'excluded',
      extensionLevels: ['section_head'],
      replyLevels: [],
    }),
  },
  // The holiday schedule is national: everyone signed in reads it, only a system admin enters a
  // year (an agency admin's calendar.manage does not reach the global scope).
  'GET /api/v1/calendar/years': { scope: 'signed-in' },
  'PUT /api/v1/calendar/years/:year': {
    scope: 'global',
    roles: ['system_admin'],
    body: () => ({ year: 2025, notice: '测试', holidays: ['2025-01-01'], workdays: [] }),
  },
  'GET /api/v1/calendar/status': { scope: 'signed-in' },
  'POST /api/v1/calendar/notices/preview': {
    scope: 'global',
    roles: ['system_admin'],
    body: () => ({ text: '一、元旦：1月1日放假。', year: 2027 }),
  },
  'POST /api/v1/calendar/notices': {
    scope: 'global',
    roles: ['system_admin'],
    body: () => ({ year: 2025, text: '一、元旦：1月1日放假。' }),
  },
  // 督办 and reminders: whoever reads the agency's applications sees its watch lists; its admin
  // sets the 即将超期 window; each person sets their own e-mail address.
  'GET /api/v1/agencies/:agencyId/overdue-watch': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/reminder-settings': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'PUT /api/v1/agencies/:agencyId/reminder-settings': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ dueSoonWorkingDays: 3 }),
  },
  // Hand-offs, the 受理回执 and scans are the clerk's steps of a case (issue 11, items 4 and 6).
  'POST /api/v1/agencies/:agencyId/applications/:applicationId/handoffs': {
    scope: 'agency',
    roles: ['clerk'],
    body: () => ({ type: 'signed_for', unitId: 'none' }),
  },
  'POST /api/v1/agencies/:agencyId/applications/:applicationId/acknowledgement': {
    scope: 'agency',
    roles: ['clerk'],
  },
  'POST /api/v1/agencies/:agencyId/applications/:applicationId/attachments': {
    scope: 'agency',
    roles: ['clerk'],
  },
  'GET /api/v1/agencies/:agencyId/applications/:applicationId/attachments/:attachmentId/file': {
    scope: 'agency',
    roles: AGENCY_STAFF,
  },
  'GET /api/v1/agencies/:agencyId/units': { scope: 'agency', roles: AGENCY_STAFF },
  // Units and 文号 patterns are the agency's settings: its administrator's.
  'POST /api/v1/agencies/:agencyId/units': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ name: `矩阵科室${serial++}` }),
  },
  'GET /api/v1/agencies/:agencyId/letter-numbers': { scope: 'agency', roles: AGENCY_STAFF },
  'PUT /api/v1/agencies/:agencyId/letter-numbers': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ patterns: { reply: '〔{年}〕第{号}号' } }),
  },
};
