/**
 * Roles, permissions and the one authorisation rule every route goes through.
 * Pure: the server resolves who is asking and what they ask about, and calls `can`.
 */

export const ROLES = ['system_admin', 'supervisor', 'agency_admin', 'clerk', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
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

/** One role held by one person, scoped to an agency, a region, or (system admin) everything. */
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do within its scope. A supervisor sees the agencies of its region (and
 * the regions below it) but does not act for them; agency roles act only for their agency.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  supervisor: [
    'agency.read',
    'region.read',
    'audit.read',
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
  ],
  reviewer: [
    'agency.read',
    'report.read',
    'report.publish',
    'application.read',
    'application.review',
  ],
};

/** What a request is about. `regionPath` lists the region's code and all its ancestors. */
export type Target =
  | { kind: 'global' }
  | { kind: 'region'; regionPath: readonly string[] }
  | { kind: 'agency'; agencyId: string; regionPath: readonly string[] };

function grantCovers(grant: RoleGrant, target: Target): boolean {
  if (grant.role === 'system_admin') return true;
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

/** Checks a grant is well-formed: agency roles name an agency, supervisors a region. */
export function grantProblem(grant: Omit<RoleGrant, 'id'>): string | null {
  switch (grant.role) {
    case 'system_admin':
      return grant.agencyId || grant.regionCode ? '系统管理员不限定机关或区划。' : null;
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
