/**
 * Roles, permissions and the one authorisation rule every route goes through.
 * Pure: the server resolves who is asking and what they ask about, and calls `can`.
 */

export const ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'supervisor',
  'agency_admin',
  'clerk',
  'reviewer',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * 三员分立 (等保 2.0 level 3): the system administrator (organisations, accounts, settings), the
 * security administrator (roles, password and session policy) and the audit administrator (the
 * audit trail). Each acts for the whole installation, holds no other role, and none of them
 * sees business data or personal data.
 */
export const ADMINISTRATOR_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;
export type AdministratorRole = (typeof ADMINISTRATOR_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  supervisor: '政务公开办（监督）',
  agency_admin: '机关管理员',
  clerk: '经办人',
  reviewer: '审核人',
};

/** The usual three review levels, lowest first. */
export const REVIEW_LEVELS = ['section_head', 'deputy', 'principal'] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];

export const REVIEW_LEVEL_LABELS: Record<ReviewLevel, string> = {
  section_head: '股室负责人',
  deputy: '分管领导',
  principal: '主要领导',
};

/** One role held by one person, scoped to an agency, a region, or (administrators) everything. */
export interface RoleGrant {
  id: string;
  role: Role;
  agencyId: string | null;
  regionCode: string | null;
  reviewLevel: ReviewLevel | null;
}

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  grants: readonly RoleGrant[];
}

export const PERMISSIONS = [
  'agency.read',
  'agency.update',
  'agency.create',
  'region.read',
  'user.read',
  'user.manage',
  'audit.read',
  'audit.verify',
  /**
   * The part of the trail about a region's annual reports and its supervision (reports created,
   * published, imported, corrected; findings reviewed; aliases, bulk imports, exports, settings)
   * — records that carry no personal data, for the 政务公开办 (see core/audit/report-trail).
   */
  'audit.reports',
  'report.read',
  'report.edit',
  'report.publish',
  'report.import',
  'application.read',
  'application.handle',
  'application.review',
  /** Change who handles a case; the service narrows it (see assignApplication). */
  'application.assign',
  'application.configure',
  'calendar.manage',
  /** Record the names an agency is also known by (matching imported reports). */
  'agency.alias',
  /** The supervisor's console of a region: reports, findings, totals, exports (no personal data). */
  'supervision.read',
  /** Confirm or dismiss a finding of an agency's report, for the agency to correct. */
  'supervision.review',
  /** Bulk import of reports published off the system, for a region. */
  'supervision.import',
  /** A region's supervision settings (the year-on-year factor). */
  'supervision.configure',
  /** See every account and its roles (system and security administrators). */
  'account.read',
  /** Open, rename, disable accounts and reset their passwords — never their roles. */
  'account.manage',
  /** Grant and withdraw roles, administrators' included — never one's own. */
  'role.grant',
  /** Password, lockout and session policy; unlocking; resetting a second factor. */
  'security.configure',
  /** Whether an agency's staff must use a second factor. */
  'security.agency',
  'audit.export',
  /** The alerts about indirect ways to personal data (see services/security-alerts). */
  'alert.read',
  /** Proactive disclosure (主动公开): the agency's items, drafts included. */
  'proactive.read',
  /** Draft items, attach files, submit them for review. */
  'proactive.edit',
  /** Publish an item its review chain approved; withdraw or correct a published one. */
  'proactive.publish',
  /** The 索引号 scheme, the standard catalogue, the guide, table 二 figures from other systems. */
  'proactive.configure',
  /** The public site's identity (国办发〔2017〕47号): name, 网站标识码, 备案号. */
  'site.configure',
  /** See the agency's approval requests and review chains (services/review/engine). */
  'review.read',
  /** Decide an approval request at one's own level of the chain (the engine checks the level). */
  'review.decide',
  /** Withdraw one's own approval request (the engine checks it is one's own). */
  'review.submit',
  /** Set the agency's review chains. */
  'review.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do within its scope. A supervisor sees the agencies of its region (and
 * the regions below it) but does not act for them; agency roles act only for their agency.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: [
    'agency.read',
    'agency.update',
    'agency.create',
    'region.read',
    'agency.alias',
    'account.read',
    'account.manage',
    'calendar.manage',
    'site.configure',
  ],
  security_admin: [
    'agency.read',
    'region.read',
    'account.read',
    'role.grant',
    'security.configure',
    'security.agency',
  ],
  audit_admin: ['audit.read', 'audit.verify', 'audit.export', 'alert.read'],
  supervisor: [
    'agency.read',
    'region.read',
    // Not the agencies' whole trail (audit.read): its application records name the applicants.
    'audit.reports',
    'report.read',
    'report.import',
    'agency.alias',
    'supervision.read',
    'supervision.review',
    'supervision.import',
    'supervision.configure',
  ],
  agency_admin: [
    'agency.read',
    'agency.update',
    'user.read',
    'user.manage',
    'audit.read',
    'report.read',
    'report.import',
    'application.read',
    'application.assign',
    'application.configure',
    'calendar.manage',
    'security.agency',
    'proactive.read',
    'proactive.configure',
    'review.read',
    'review.decide',
    'review.configure',
  ],
  clerk: [
    'agency.read',
    'report.read',
    'report.edit',
    'report.publish',
    'report.import',
    'application.read',
    'application.handle',
    'application.assign',
    'proactive.read',
    'proactive.edit',
    'proactive.publish',
    'review.read',
    'review.submit',
  ],
  reviewer: [
    'agency.read',
    'report.read',
    'report.publish',
    'application.read',
    'application.review',
    'proactive.read',
    'review.read',
    'review.decide',
  ],
};

/** What a request is about. `regionPath` lists the region's code and all its ancestors. */
export type Target =
  | { kind: 'global' }
  | { kind: 'region'; regionPath: readonly string[] }
  | { kind: 'agency'; agencyId: string; regionPath: readonly string[] };

export const isAdministratorRole = (role: Role): role is AdministratorRole =>
  (ADMINISTRATOR_ROLES as readonly Role[]).includes(role);

function grantCovers(grant: RoleGrant, target: Target): boolean {
  if (isAdministratorRole(grant.role)) return true;
  if (target.kind === 'global') return false;
  if (grant.role === 'supervisor') {
    return grant.regionCode !== null && target.regionPath.includes(grant.regionCode);
  }
  return target.kind === 'agency' && grant.agencyId !== null && grant.agencyId === target.agencyId;
}

/** The single authorisation decision: may this principal do this to that target? */
export function can(principal: Principal, permission: Permission, target: Target): boolean {
  return principal.grants.some(
    (grant) => ROLE_PERMISSIONS[grant.role].includes(permission) && grantCovers(grant, target),
  );
}

/** Grants that give `permission` somewhere — e.g. to list the agencies a person may see. */
export function grantsWith(principal: Principal, permission: Permission): RoleGrant[] {
  return principal.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

export function isSystemAdmin(principal: Principal): boolean {
  return principal.grants.some((g) => g.role === 'system_admin');
}

/** Holds one of the three administrator roles (and so, by separation, nothing else). */
export function isAdministrator(principal: Principal): boolean {
  return principal.grants.some((g) => isAdministratorRole(g.role));
}

/**
 * 三员分立: an administrator role is the only role its account holds — no one is two of the
 * three, and no administrator also works a business role (a system administrator who is also a
 * clerk could reveal an applicant's identity). Returns why a set of roles breaks it, or null.
 */
export function separationProblem(roles: readonly Role[]): string | null {
  const admin = roles.find(isAdministratorRole);
  if (!admin) return null;
  const other = roles.find((r) => r !== admin);
  if (!other) return null;
  return isAdministratorRole(other)
    ? `三员分立：${ROLE_LABELS[admin]}与${ROLE_LABELS[other]}不能由同一账号兼任，请分别使用不同的账号。`
    : `三员分立：${ROLE_LABELS[admin]}的账号不能同时担任${ROLE_LABELS[other]}等业务角色；业务工作请使用另外的账号。`;
}

/** Checks a grant is well-formed: agency roles name an agency, supervisors a region. */
export function grantProblem(grant: Omit<RoleGrant, 'id'>): string | null {
  switch (grant.role) {
    case 'system_admin':
    case 'security_admin':
    case 'audit_admin':
      return grant.agencyId || grant.regionCode
        ? `${ROLE_LABELS[grant.role]}不限定机关或区划。`
        : null;
    case 'supervisor':
      return grant.regionCode ? null : '监督角色必须指定行政区划。';
    case 'reviewer':
      if (!grant.agencyId) return '审核人必须指定所属机关。';
      return grant.reviewLevel
        ? null
        : '审核人必须指定审核层级（股室负责人、分管领导或主要领导）。';
    default:
      return grant.agencyId ? null : `${ROLE_LABELS[grant.role]}必须指定所属机关。`;
  }
}
