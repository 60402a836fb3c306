/**
 * Every route × every role × own vs. another agency's data. The expectations below are written
 * out by hand — they are the specification, not a copy of the implementation — and the test
 * fails when a route exists without an expectation, or when any request is allowed that should
 * not be, or leaks another agency's data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY } from '../../src/core/auth/password-policy.js';
import { ADMINISTRATOR_ROLES, isAdministratorRole, type Role } from '../../src/core/auth/roles.js';
import { createUser } from '../../src/services/accounts.js';
import { addAlias } from '../../src/services/agency-aliases.js';
import { addAttachment } from '../../src/services/proactive/attachments.js';
import { createItem, type ItemInput } from '../../src/services/proactive/items.js';
import {
  addCatalogueEntry,
  type CatalogueEntryInput,
} from '../../src/services/proactive/catalogue.js';
import { startImport } from '../../src/services/supervision/bulk-import.js';
import { DEMO_REGION } from '../../src/services/bootstrap.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createRegionWithAgencies } from '../../src/services/organisations.js';
import { createReport, publishReport } from '../../src/services/reports.js';
import { serverClock, TEST_CONFIG, TestClient, testContext } from '../support/app.js';
import { buildApp } from '../../src/server/app.js';
import { personApplication } from '../support/applications.js';
import { fillNarrative } from '../support/report-narrative.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

type Scope =
  | { scope: 'public' }
  | { scope: 'signed-in' }
  | { scope: 'agency'; roles: Role[] }
  /** About a region (`:regionCode`): own = the supervisor persona's region, other = another's. */
  | { scope: 'region'; roles: Role[] }
  | { scope: 'global'; roles: Role[] };

type Expectation = Scope & { body?: () => unknown };

let serial = 0;
/** Records of each agency the application routes act on (set up in beforeAll). */
const caseIds = new Map<
  string,
  { applicationId: string; letterId: string; approvalId: string; appealId: string }
>();
/** A draft proactive item with an attachment, of each agency (set up in beforeAll). */
const proactiveIds = new Map<string, { itemId: string; attachmentId: string }>();
/** A 基层 catalogue entry of each agency (set up in beforeAll). */
const catalogueIds = new Map<string, string>();
const catalogueBody = (matter: string) => ({
  matter,
  content: '内容',
  basis: '依据',
  timeLimit: '20个工作日',
  subject: '本机关',
  channels: '政府网站',
  audience: '全社会',
  method: '主动公开',
  level: '县级',
  cycle: 'yearly',
  startsOn: '2026-01-01',
  dueDays: 30,
});
const proactiveBody = (title: string) => ({
  kind: 'general',
  title,
  bodyHtml: '<p>矩阵正文</p>',
  issuingBody: '矩阵机关',
  topic: '综合政务',
  genre: '通知',
  article20Category: 'a20_15',
  channels: ['website'],
});
/** An alias recorded for each agency (set up in beforeAll). */
const aliasIds = new Map<string, string>();
/** Each agency's government (its column: /portal/governments/:governmentId/…). */
const governmentIds = new Map<string, string>();
/** A bulk import of each region (set up in beforeAll). */
const importIds = new Map<string, string>();
const SUPERVISORS: Role[] = ['supervisor'];
let ownApplicationId = '';
let ownAgencyId = '';
let matrixClerkId = '';
const ALL_ROLES: Role[] = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'supervisor',
  'agency_admin',
  'clerk',
  'reviewer',
];
/** 三员分立: none of the three administrators works with business data. */
const BUSINESS: Role[] = ['supervisor', 'agency_admin', 'clerk', 'reviewer'];
const AGENCY_STAFF: Role[] = ['agency_admin', 'clerk', 'reviewer'];

const EXPECTATIONS: Record<string, Expectation> = {
  'GET /': { scope: 'public' },
  'GET /healthz': { scope: 'public' },
  'GET /readyz': { scope: 'public' },
  'GET /workspace': { scope: 'public' },
  'GET /workspace/*': { scope: 'public' },
  'GET /api/v1/auth/csrf': { scope: 'public' },
  'POST /api/v1/auth/login': {
    scope: 'public',
    body: () => ({ username: 'nobody', password: 'wrong-password-1' }),
  },
  // Not configured in the matrix's app (no vendor authenticator): each says so, to anyone.
  'GET /api/v1/auth/certificate/challenge': { scope: 'public' },
  'POST /api/v1/auth/certificate/login': {
    scope: 'public',
    body: () => ({
      username: 'nobody',
      password: 'wrong-password-1',
      challenge: 'c',
      certificate: 'c',
      signature: 's',
    }),
  },
  'POST /api/v1/auth/logout': { scope: 'signed-in' },
  'GET /api/v1/auth/me': { scope: 'signed-in' },
  'GET /api/v1/imports/queue': { scope: 'signed-in' },
  'POST /api/v1/auth/password': {
    scope: 'signed-in',
    body: () => ({ currentPassword: 'not-the-password-1', newPassword: 'Whatever-pass-99' }),
  },
  'PUT /api/v1/auth/active-grant': { scope: 'signed-in', body: () => ({ grantId: 'not-mine' }) },
  // One's own account: password rules, re-authentication, sessions, second factor.
  'GET /api/v1/auth/password-policy': { scope: 'signed-in' },
  'POST /api/v1/auth/reauth': { scope: 'signed-in', body: () => ({ password: 'Not-the-one-1' }) },
  'GET /api/v1/auth/sessions': { scope: 'signed-in' },
  'POST /api/v1/auth/sessions/sign-out-others': { scope: 'signed-in' },
  'DELETE /api/v1/auth/sessions/:sessionId': { scope: 'signed-in' },
  'GET /api/v1/auth/second-factor': { scope: 'signed-in' },
  'POST /api/v1/auth/second-factor/enrolment': { scope: 'signed-in' },
  'POST /api/v1/auth/second-factor/confirm': {
    scope: 'signed-in',
    body: () => ({ code: '000000' }),
  },
  'POST /api/v1/auth/second-factor/recovery-codes': { scope: 'signed-in' },
  'DELETE /api/v1/auth/second-factor': { scope: 'signed-in' },
  'GET /api/v1/agencies': { scope: 'signed-in' },
  'GET /api/v1/audit-log': { scope: 'signed-in' },
  'GET /api/v1/agencies/:agencyId': {
    scope: 'agency',
    roles: ['system_admin', 'security_admin', ...BUSINESS],
  },
  'PATCH /api/v1/agencies/:agencyId': {
    scope: 'agency',
    roles: ['system_admin', 'agency_admin'],
    body: () => ({ officeHours: `工作日 8:30–17:30（${serial++}）` }),
  },
  'GET /api/v1/regions': { scope: 'global', roles: ['system_admin', 'security_admin'] },
  // Aliases let a report land on an agency without a further confirmation: the supervisor
  // records them, not the agency itself.
  'GET /api/v1/agencies/:agencyId/aliases': {
    scope: 'agency',
    roles: ['system_admin', 'security_admin', ...BUSINESS],
  },
  'POST /api/v1/agencies/:agencyId/aliases': {
    scope: 'agency',
    roles: ['system_admin', 'supervisor'],
    body: () => ({ alias: `矩阵别名${serial++}` }),
  },
  'DELETE /api/v1/agencies/:agencyId/aliases/:aliasId': {
    scope: 'agency',
    roles: ['system_admin', 'supervisor'],
  },
  'POST /api/v1/agencies': {
    scope: 'global',
    roles: ['system_admin'],
    body: () => ({
      regionCode: '990300',
      regionName: '第三市',
      governmentName: '第三市人民政府',
      agency: { name: `第三市新设局${serial++}` },
    }),
  },
  'GET /api/v1/agencies/:agencyId/users': {
    scope: 'agency',
    roles: ['agency_admin'],
  },
  'POST /api/v1/agencies/:agencyId/users': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({
      username: `matrix${serial++}`,
      displayName: '矩阵',
      roles: [{ role: 'clerk' }],
    }),
  },
  'PATCH /api/v1/agencies/:agencyId/users/:userId': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ displayName: `改名${serial++}` }),
  },
  'PUT /api/v1/agencies/:agencyId/users/:userId/roles': {
    scope: 'agency',
    roles: ['agency_admin'],
    body: () => ({ roles: [{ role: 'clerk' }] }),
  },
  'POST /api/v1/agencies/:agencyId/users/:userId/reset-password': {
    scope: 'agency',
    roles: ['agency_admin'],
  },
  // An agency's whole trail (its applications' records included): the audit administrator and
  // the agency's own admin. A supervisor reads only the reports' and the supervision's records
  // through GET /api/v1/audit-log (no personal data; see 'lists only what each person may see').
  'GET /api/v1/agencies/:agencyId/audit-log': {
    scope: 'agency',
    roles: ['audit_admin', 'agency_admin'],
  },
  'GET /api/v1/audit-log/verify': { scope: 'global', roles: ['audit_admin'] },
  'GET /api/v1/audit-log/export.csv': { scope: 'global', roles: ['audit_admin'] },
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
  'GET /api/v1/me/email': { scope: 'signed-in' },
  'PUT /api/v1/me/email': { scope: 'signed-in', body: () => ({ email: '' }) },
  'GET /api/v1/notifications': { scope: 'signed-in' },
  'POST /api/v1/notifications/read': { scope: 'signed-in', body: () => ({ ids: [] }) },
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
  // 三员分立: the system administrator keeps accounts, the security administrator their roles.
  'GET /api/v1/accounts': { scope: 'global', roles: ['system_admin', 'security_admin'] },
  'POST /api/v1/accounts': {
    scope: 'global',
    roles: ['system_admin'],
    body: () => ({ username: `account${serial++}`, displayName: '矩阵账号' }),
  },
  'PATCH /api/v1/accounts/:userId': {
    scope: 'global',
    roles: ['system_admin'],
    body: () => ({ displayName: `账号改名${serial++}` }),
  },
  'POST /api/v1/accounts/:userId/reset-password': { scope: 'global', roles: ['system_admin'] },
  'PUT /api/v1/accounts/:userId/grants': {
    scope: 'global',
    roles: ['security_admin'],
    body: () => ({ grants: [{ role: 'clerk', agencyId: ownAgencyId }] }),
  },
  'GET /api/v1/security-alerts': { scope: 'global', roles: ['audit_admin'] },
  // The security administrator's policy; an agency's own choice on the second factor.
  'GET /api/v1/security/policy': { scope: 'global', roles: ['security_admin'] },
  'PUT /api/v1/security/policy': {
    scope: 'global',
    roles: ['security_admin'],
    body: () => DEFAULT_SECURITY_POLICY,
  },
  'POST /api/v1/security/unlock': {
    scope: 'global',
    roles: ['security_admin'],
    body: () => ({ username: 'nobody-here' }),
  },
  'POST /api/v1/accounts/:userId/reset-second-factor': {
    scope: 'global',
    roles: ['security_admin'],
  },
  'GET /api/v1/agencies/:agencyId/security': {
    scope: 'agency',
    roles: ['security_admin', 'agency_admin'],
  },
  'PUT /api/v1/agencies/:agencyId/security': {
    scope: 'agency',
    roles: ['security_admin', 'agency_admin'],
    body: () => ({ secondFactorRequired: false }),
  },
  'POST /api/v1/security-alerts/:alertId/acknowledge': {
    scope: 'global',
    roles: ['audit_admin'],
    body: () => ({ note: '已核实' }),
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
  'GET /api/v1/site-identity': { scope: 'global', roles: ['system_admin'] },
  'PUT /api/v1/site-identity': {
    scope: 'global',
    roles: ['system_admin'],
    body: () => ({
      siteName: '示范市人民政府门户网站',
      siteDomain: 'www.example.gov.cn',
      sponsor: '示范市人民政府办公室',
      organiser: '示范市大数据中心',
      siteIdCode: '9901000001',
      icpRecord: '',
      policeRecord: '',
      contact: '',
    }),
  },
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

/** Routes added by plugins that serve only static, data-free content (the built workspace bundle). */
const PUBLIC_PREFIXES = ['/workspace/'];

function expectationFor(method: string, url: string): Expectation | undefined {
  const exact = EXPECTATIONS[`${method} ${url}`];
  if (exact) return exact;
  if (method === 'GET' && PUBLIC_PREFIXES.some((p) => url.startsWith(p)))
    return { scope: 'public' };
  // The API documentation (swagger): signed-in staff only.
  if (method === 'GET' && url.startsWith('/api/docs')) return { scope: 'signed-in' };
  return undefined;
}

/** The route's URL with the records of `target` (own or the other agency) filled in. */
function urlFor(
  routeUrl: string,
  target: { agencyId: string; userId: string; regionCode: string },
): string {
  const ids = caseIds.get(target.agencyId);
  return routeUrl
    .replace(':regionCode', target.regionCode)
    .replace(':importId', importIds.get(target.regionCode) ?? 'none')
    .replace(':seq', '1')
    .replace(':chart', 'on-time')
    .replace(':key', 'applications.received.total')
    .replace(':kind', 'application.extension')
    .replace(':outcome', 'withheld.state_secret')
    .replace(':agencyId', target.agencyId)
    .replace(':governmentId', governmentIds.get(target.agencyId) ?? 'none')
    .replace(':userId', target.userId)
    .replace(':applicationId', ids?.applicationId ?? 'none')
    .replace(':letterId', ids?.letterId ?? 'none')
    .replace(':approvalId', ids?.approvalId ?? 'none')
    .replace(':appealId', ids?.appealId ?? 'none')
    .replace(':aliasId', aliasIds.get(target.agencyId) ?? 'none')
    .replace(':itemId', proactiveIds.get(target.agencyId)?.itemId ?? 'none')
    .replace(':attachmentId', proactiveIds.get(target.agencyId)?.attachmentId ?? 'none')
    .replace(':entryId', catalogueIds.get(target.agencyId) ?? 'none')
    .replace(':section', 'statutory')
    .replace(':alertId', 'none')
    .replace(':year', '2025')
    .replace(':version', '1')
    .replace(':format', 'json')
    .replace('*', 'reports/2026');
}

interface Persona {
  name: string;
  role: Role | null;
  client: TestClient;
  username: string;
  password: string;
}

describeEachStore('authorisation matrix', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  type Side = {
    agencyId: string;
    agencyName: string;
    userId: string;
    username: string;
    regionCode: string;
  };
  let own: Side;
  let other: Side;
  const personas: Persona[] = [];
  const password = 'Matrix-pass-2026';

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    const system = { kind: 'system', label: '测试' } as const;
    const [b1] = await ctx.store.transaction((t) =>
      createRegionWithAgencies(ctx, t, system, {
        region: { code: '990200', name: '另一市', parentCode: null },
        governmentName: '另一市人民政府',
        agencies: [{ name: '另一市财政局' }],
      }),
    );
    const agencies = await ctx.store.db
      .selectFrom('agency')
      .select(['id', 'name', 'government_id'])
      .execute();
    for (const a of agencies) governmentIds.set(a.id, a.government_id);
    const a1 = agencies.find((a) => a.name === DEMO_REGION.agencies[0]!.name)!;
    const mk = async (
      username: string,
      grant: Parameters<typeof createUser>[2]['grants'][number],
    ) =>
      (
        await createUser(ctx, system, {
          username,
          displayName: username,
          password,
          grants: [grant],
          mustChangePassword: false,
        })
      ).user;
    const victimA = await mk('victim-own', { role: 'clerk', agencyId: a1.id });
    const victimB = await mk('victim-other', { role: 'clerk', agencyId: b1!.id });
    own = {
      agencyId: a1.id,
      agencyName: a1.name,
      userId: victimA.id,
      username: victimA.username,
      regionCode: DEMO_REGION.region.code,
    };
    ownAgencyId = a1.id;
    other = {
      agencyId: b1!.id,
      agencyName: b1!.name,
      userId: victimB.id,
      username: victimB.username,
      regionCode: '990200',
    };
    for (const side of [own, other]) {
      importIds.set(side.regionCode, (await startImport(ctx, system, side.regionCode, 2025)).id);
    }

    // Each agency has a published report, so reads return real data to leak if they could.
    for (const id of [a1.id, b1!.id]) {
      await createReport(ctx, system, id, 2025);
      await fillNarrative(ctx, system, id, 2025);
      await publishReport(ctx, system, id, 2025, {});
    }

    for (const [id, name] of [
      [a1.id, '示范市科技局'],
      [b1!.id, '另一市财政'],
    ] as const) {
      aliasIds.set(id, (await addAlias(ctx, system, id, { alias: name })).id);
    }
    for (const id of [a1.id, b1!.id]) {
      const item = await createItem(ctx, system, id, proactiveBody('矩阵草稿') as ItemInput);
      const attachment = await addAttachment(ctx, system, id, item.id, {
        name: 'a.png',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      });
      proactiveIds.set(id, { itemId: item.id, attachmentId: attachment.id });
      catalogueIds.set(
        id,
        (await addCatalogueEntry(ctx, system, id, catalogueBody('矩阵目录') as CatalogueEntryInput))
          .id,
      );
    }

    const webRoot = mkdtempSync(join(tmpdir(), 'gongkai-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>工作台</title>');
    app = await buildApp({ ctx, config: TEST_CONFIG, logger: false, webRoot });
    await app.ready();
    serverClock(app, ctx.clock);

    const grants: Record<Role, Parameters<typeof createUser>[2]['grants'][number]> = {
      system_admin: { role: 'system_admin' },
      security_admin: { role: 'security_admin' },
      audit_admin: { role: 'audit_admin' },
      supervisor: { role: 'supervisor', regionCode: DEMO_REGION.region.code },
      agency_admin: { role: 'agency_admin', agencyId: a1.id },
      clerk: { role: 'clerk', agencyId: a1.id },
      reviewer: { role: 'reviewer', agencyId: a1.id, reviewLevel: 'section_head' },
    };
    const anonymous = new TestClient(app);
    // With a valid CSRF token, so what is tested is access, not CSRF.
    await anonymous.fetchCsrf();
    personas.push({ name: 'anonymous', role: null, client: anonymous, username: '', password: '' });
    for (const role of ALL_ROLES) {
      const username = `p-${role.replace('_', '-')}`;
      await mk(username, grants[role]);
      const client = new TestClient(app);
      await client.loginReady(username, password);
      personas.push({ name: role, role, client, username, password });
    }

    // Each agency has an application with a letter, a pending approval and an appeal, made by
    // its own clerk; the demo agency's case is assigned to the clerk persona.
    matrixClerkId = (
      await ctx.store.db
        .selectFrom('user_account')
        .select('id')
        .where('username', '=', 'p-clerk')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [target, victim] of [
      [own, 'victim-own'],
      [other, 'victim-other'],
    ] as const) {
      const clerk = new TestClient(app);
      await clerk.loginReady(victim, password);
      const base = `/api/v1/agencies/${target.agencyId}`;
      const registered = await clerk.request('POST', `${base}/applications`, {
        ...personApplication({ name: `${target.agencyName}的申请人` }),
        channel: 'in_person',
        receivedOn: '2026-03-02',
        assignedUserId: target === own ? matrixClerkId : target.userId,
      });
      const applicationId = registered.json<{ application: { id: string } }>().application.id;
      // Only the case's assigned clerk asks for an extension: the clerk persona on its own case.
      const assigned = target === own ? personas.find((p) => p.role === 'clerk')!.client : clerk;
      const approval = await assigned.request(
        'POST',
        `${base}/applications/${applicationId}/approvals`,
        {
          kind: 'extension',
          workingDays: 5,
          reason: '检索档案',
        },
      );
      const corrected = await clerk.request(
        'POST',
        `${base}/applications/${applicationId}/events`,
        {
          type: 'correction_requested',
          date: '2026-03-02',
          correctBy: '2026-03-20',
          note: '请写明文号',
        },
      );
      const appeal = await clerk.request('POST', `${base}/appeals`, {
        applicationId,
        kind: 'lawsuit',
        filedOn: '2026-03-02',
        body: '示范市中级人民法院',
        outcome: 'pending',
      });
      const approvals = await clerk.request('GET', `${base}/approvals`);
      if (
        approval.statusCode !== 200 ||
        corrected.statusCode !== 200 ||
        appeal.statusCode !== 201
      ) {
        throw new Error(`matrix set-up failed: ${approval.body} ${corrected.body} ${appeal.body}`);
      }
      caseIds.set(target.agencyId, {
        applicationId,
        letterId: corrected.json<{ letters: { id: string }[] }>().letters[0]!.id,
        approvalId: approvals.json<{ approvals: { id: string }[] }>().approvals[0]!.id,
        appealId: appeal.json<{ id: string }>().id,
      });
      if (target === own) ownApplicationId = applicationId;
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('every route has an expectation, and every expectation a route', () => {
    const routes = app.routeAccess.map((r) => `${r.method} ${r.url}`);
    const missing = app.routeAccess.filter((r) => !expectationFor(r.method, r.url));
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const stale = Object.keys(EXPECTATIONS).filter((k) => !routes.includes(k));
    expect(stale).toEqual([]);
  });

  it('allows exactly what the expectations allow, for own and for another agency', async () => {
    const failures: string[] = [];
    for (const route of app.routeAccess) {
      const expectation = expectationFor(route.method, route.url)!;
      const targets =
        route.url.includes(':agencyId') || route.url.includes(':regionCode') ? [own, other] : [own];
      for (const persona of personas) {
        for (const target of targets) {
          const url = urlFor(route.url, target);
          const body = expectation.body?.();
          const response = await persona.client.request(route.method as 'GET', url, body);
          const status = response.statusCode;
          const isOther = target === other;
          let allowed: boolean;
          switch (expectation.scope) {
            case 'public':
              allowed = true;
              break;
            case 'signed-in':
              allowed = persona.role !== null;
              break;
            case 'global':
              allowed = persona.role !== null && expectation.roles.includes(persona.role);
              break;
            case 'agency':
            case 'region':
              allowed =
                persona.role !== null &&
                expectation.roles.includes(persona.role) &&
                (!isOther || isAdministratorRole(persona.role));
              break;
          }
          const label = `${persona.name} ${route.method} ${route.url} [${isOther ? 'other' : 'own'}] → ${status}`;
          if (status >= 500) failures.push(`${label}: server error ${response.body}`);
          // A public route may still say 401/403 for its own reasons (a wrong password).
          else if (expectation.scope === 'public') continue;
          else if (allowed && (status === 401 || status === 403))
            failures.push(`${label}: should be allowed`);
          else if (!allowed && !(status === 401 || status === 403 || status === 404)) {
            failures.push(`${label}: should be denied`);
          }
          if (
            !allowed &&
            (response.body.includes(other.username) || response.body.includes(other.agencyName))
          ) {
            failures.push(`${label}: leaks another agency's data`);
          }
          if (!allowed && persona.role === null && status !== 401)
            failures.push(`${label}: anonymous should get 401`);
          // The supervisor's console shows no applicant's personal data.
          if (
            persona.role === 'supervisor' &&
            route.url.startsWith('/api/v1/supervision/') &&
            status < 300 &&
            (response.body.includes('的申请人') || response.body.includes('11010519800101'))
          ) {
            failures.push(`${label}: a supervisor sees an applicant's personal data`);
          }
          if (route.url === '/api/v1/auth/logout' && persona.role) {
            await persona.client.loginReady(persona.username, persona.password);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("never serves another agency's records under one's own agency (mixed ids)", async () => {
    const failures: string[] = [];
    const childParams = [
      ':userId',
      ':applicationId',
      ':letterId',
      ':approvalId',
      ':appealId',
      ':aliasId',
      ':itemId',
      ':attachmentId',
    ];
    for (const route of app.routeAccess) {
      if (!route.url.includes(':agencyId') || !childParams.some((p) => route.url.includes(p)))
        continue;
      const expectation = expectationFor(route.method, route.url)!;
      const otherIds = caseIds.get(other.agencyId);
      const url = route.url
        .replace(':agencyId', own.agencyId)
        .replace(':userId', other.userId)
        .replace(':applicationId', otherIds?.applicationId ?? 'none')
        .replace(':letterId', otherIds?.letterId ?? 'none')
        .replace(':approvalId', otherIds?.approvalId ?? 'none')
        .replace(':appealId', otherIds?.appealId ?? 'none')
        .replace(':aliasId', aliasIds.get(other.agencyId) ?? 'none')
        .replace(':itemId', proactiveIds.get(other.agencyId)?.itemId ?? 'none')
        .replace(':attachmentId', proactiveIds.get(other.agencyId)?.attachmentId ?? 'none')
        .replace(':entryId', catalogueIds.get(other.agencyId) ?? 'none')
        .replace(':section', 'statutory')
        .replace(':year', '2025')
        .replace(':version', '1')
        .replace(':format', 'json');
      for (const persona of personas.filter((p) => p.role !== null)) {
        const response = await persona.client.request(
          route.method as 'GET',
          url,
          expectation.body?.(),
        );
        const status = response.statusCode;
        const label = `${persona.name} ${route.method} ${route.url} [own agency, other's id] → ${status}`;
        if (status < 400 || status >= 500)
          failures.push(`${label}: must be refused (403/404/409/400)`);
        if (response.body.includes(other.username) || response.body.includes(other.agencyName)) {
          failures.push(`${label}: leaks another agency's data`);
        }
        if (route.url === '/api/v1/auth/logout')
          await persona.client.loginReady(persona.username, persona.password);
      }
    }
    expect(failures).toEqual([]);
  });

  it("never serves another region's agency or import under one's own region (mixed ids)", async () => {
    const failures: string[] = [];
    for (const route of app.routeAccess) {
      if (!route.url.includes(':regionCode') || route.url.startsWith('/portal')) continue;
      if (!route.url.includes(':agencyId') && !route.url.includes(':importId')) continue;
      const expectation = expectationFor(route.method, route.url)!;
      const url = route.url
        .replace(':regionCode', own.regionCode)
        .replace(':importId', importIds.get(other.regionCode)!)
        .replace(':agencyId', other.agencyId)
        .replace(':seq', '1')
        .replace(':year', '2025');
      for (const persona of personas.filter((p) => p.role !== null)) {
        const response = await persona.client.request(
          route.method as 'GET',
          url,
          expectation.body?.(),
        );
        const label = `${persona.name} ${route.method} ${route.url} [own region, other's id] → ${response.statusCode}`;
        if (response.statusCode < 400 || response.statusCode >= 500)
          failures.push(`${label}: must be refused`);
        if (response.body.includes(other.agencyName))
          failures.push(`${label}: leaks another region's data`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('separates the three administrators: each is refused every route of the other two', async () => {
    const failures: string[] = [];
    const tried = new Map<Role, number>();
    for (const route of app.routeAccess) {
      const expectation = expectationFor(route.method, route.url)!;
      if (expectation.scope !== 'agency' && expectation.scope !== 'global') continue;
      const holders = ADMINISTRATOR_ROLES.filter((r) => expectation.roles.includes(r));
      // Two administrators may share a read (the agency list), never a change.
      if (holders.length > 1 && route.method !== 'GET') {
        failures.push(`${route.method} ${route.url}: a change shared by ${holders.join(' and ')}`);
      }
      if (holders.length === 0) continue;
      for (const admin of ADMINISTRATOR_ROLES) {
        if (expectation.roles.includes(admin)) continue;
        const persona = personas.find((p) => p.role === admin)!;
        const response = await persona.client.request(
          route.method as 'GET',
          urlFor(route.url, own),
          expectation.body?.(),
        );
        tried.set(admin, (tried.get(admin) ?? 0) + 1);
        if (![401, 403, 404].includes(response.statusCode)) {
          failures.push(`${admin} ${route.method} ${route.url} → ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Each administrator really tried the others' routes (accounts, roles, audit trail…).
    for (const admin of ADMINISTRATOR_ROLES) expect(tried.get(admin) ?? 0).toBeGreaterThan(3);
  });

  it('the report editor and the 主动公开 register agree: whoever may save a draft reads the figures it takes; the system administrator neither (三员)', async () => {
    const rolesOf = (key: string) => {
      const e = EXPECTATIONS[key]!;
      return e.scope === 'agency' ? e.roles : [];
    };
    const editors = rolesOf('PUT /api/v1/agencies/:agencyId/reports/:year/draft');
    const readers = rolesOf('GET /api/v1/agencies/:agencyId/proactive/figures/:year');
    expect(editors.filter((r) => !readers.includes(r))).toEqual([]);
    for (const roles of [editors, readers]) expect(roles).not.toContain('system_admin');
    const byRole = (role: Role) => personas.find((p) => p.role === role)!.client;
    const figures = `/api/v1/agencies/${own.agencyId}/proactive/figures/2025`;
    expect((await byRole('clerk').request('GET', figures)).statusCode).toBe(200);
    for (const url of [figures, `/api/v1/agencies/${own.agencyId}/reports/2025`]) {
      const refused = await byRole('system_admin').request('GET', url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/权限/);
    }
  });

  it('lists only what each person may see', async () => {
    const byRole = (role: Role) => personas.find((p) => p.role === role)!.client;
    const names = async (role: Role) =>
      (await byRole(role).request('GET', '/api/v1/agencies'))
        .json<{ agencies: { name: string }[] }>()
        .agencies.map((a) => a.name)
        .sort();
    expect(await names('clerk')).toEqual([own.agencyName]);
    expect(await names('agency_admin')).toEqual([own.agencyName]);
    expect(await names('supervisor')).toEqual(DEMO_REGION.agencies.map((a) => a.name).sort());
    expect(await names('system_admin')).toContain(other.agencyName);

    const audit = async (role: Role) =>
      (await byRole(role).request('GET', '/api/v1/audit-log?limit=500')).json<{
        entries: { agencyId: string | null; entityType: string }[];
      }>().entries;
    expect(await audit('clerk')).toEqual([]);
    const adminEntries = await audit('agency_admin');
    expect(adminEntries.length).toBeGreaterThan(0);
    expect(adminEntries.every((e) => e.agencyId === own.agencyId)).toBe(true);
    expect((await audit('supervisor')).every((e) => e.agencyId !== other.agencyId)).toBe(true);

    // The 政务公开办 reads the trail of its region's reports and of its own supervision — who
    // published or imported a report and when, the findings' reviews, imports, exports — and
    // nothing that carries an applicant's personal data (issue 13: no personal data).
    // The supervisor reviews a finding of its agency's report (dismissed, with the reason).
    const ownReport = await byRole('supervisor').request(
      'GET',
      `/api/v1/supervision/${own.regionCode}/agencies/${own.agencyId}/2025`,
    );
    const ownFindings = ownReport.json<{ findings: { fingerprint: string }[] }>().findings;
    expect(ownFindings.length).toBeGreaterThan(0);
    const reviewed = await byRole('supervisor').request(
      'POST',
      `/api/v1/supervision/${own.regionCode}/agencies/${own.agencyId}/2025/reviews`,
      { fingerprint: ownFindings[0]!.fingerprint, decision: 'dismissed', reason: '已核实原文无误' },
    );
    expect(reviewed.statusCode).toBe(200);
    // …and exports its region's dataset.
    const exported = await byRole('supervisor').request(
      'GET',
      `/api/v1/supervision/${own.regionCode}/dataset/2025.csv`,
    );
    expect(exported.statusCode).toBe(200);
    const supervisorTrail = await byRole('supervisor').request(
      'GET',
      '/api/v1/audit-log?limit=500',
    );
    expect(supervisorTrail.statusCode).toBe(200);
    expect(supervisorTrail.body).not.toContain('的申请人');
    expect(supervisorTrail.body).not.toContain('11010519800101');
    const seen = supervisorTrail.json<{
      entries: { action: string; entityType: string; entityId: string; agencyId: string | null }[];
    }>().entries;
    expect(seen.filter((e) => e.entityType.startsWith('application'))).toEqual([]);
    expect(seen.filter((e) => e.entityType === 'user' || e.entityType === 'user_account')).toEqual(
      [],
    );
    expect(seen).toContainEqual(
      expect.objectContaining({ action: 'report.publish', agencyId: own.agencyId }),
    );
    // Its own region's bulk imports (the one set up, and the one its persona started), never
    // another region's.
    const imports = seen
      .filter((e) => e.action === 'supervision.import_start')
      .map((e) => e.entityId);
    expect(imports).toContain(importIds.get(own.regionCode));
    expect(imports).not.toContain(importIds.get(other.regionCode));
    // Its exports (the region's own records), its reviews of findings.
    expect(seen).toContainEqual(
      expect.objectContaining({ action: 'supervision.export', entityId: own.regionCode }),
    );
    expect(seen.some((e) => e.entityType === 'finding_review')).toBe(true);
    // The agency's admin still reads its agency's whole trail, applications included.
    expect(adminEntries.some((e) => e.entityType === 'application')).toBe(true);

    const users = (
      await byRole('agency_admin').request('GET', `/api/v1/agencies/${own.agencyId}/users`)
    ).body;
    expect(users).toContain(own.username);
    expect(users).not.toContain(other.username);
  });
});
