/**
 * The authorisation matrix's expectations (see ../matrix.ts) of accounts: signing in and one's
 * own account; agencies, regions, aliases and their users; the audit trail; the three
 * administrators' accounts, roles and security policy; the site's identity; one's e-mail address
 * and notifications.
 */
import { DEFAULT_SECURITY_POLICY } from '../../../../src/core/auth/password-policy.js';
import { BUSINESS, ownAgencyId, type Expectation } from '../matrix.js';

/** Makes the names the bodies below create unique. */
let serial = 0;

export const ACCOUNTS: Record<string, Expectation> = {
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
  'GET /api/v1/me/email': { scope: 'signed-in' },
  'PUT /api/v1/me/email': { scope: 'signed-in', body: () => ({ email: '' }) },
  'GET /api/v1/notifications': { scope: 'signed-in' },
  'POST /api/v1/notifications/read': { scope: 'signed-in', body: () => ({ ids: [] }) },
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
};
