import { createHash, randomBytes } from 'node:crypto';
import type { Principal, ReviewLevel, Role, RoleGrant } from '../core/auth/roles.js';
import type * as repo from '../store/repositories/accounts.js';

/** Rows of accounts, roles and sessions mapped to what the rest of the services see. */

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: RoleGrant[];
}

export const sessionIdOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export const newToken = (): string => randomBytes(32).toString('base64url');

export function toGrant(row: repo.GrantRow): RoleGrant {
  return {
    id: row.id,
    role: row.role as Role,
    agencyId: row.agency_id,
    regionCode: row.region_code,
    reviewLevel: row.review_level as ReviewLevel | null,
  };
}

export function toPrincipal(user: repo.UserRow, grants: repo.GrantRow[]): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    grants: grants.map(toGrant),
  };
}

export function toSummary(user: repo.UserRow, grants: repo.GrantRow[]): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    disabled: user.disabled === 1,
    mustChangePassword: user.must_change_password === 1,
    grants: grants.map(toGrant),
  };
}

/** The audit view of a user: never the password hash. */
export const auditUser = (u: UserSummary) => ({
  username: u.username,
  displayName: u.displayName,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  grants: u.grants.map(({ role, agencyId, regionCode, reviewLevel }) => ({
    role,
    agencyId,
    regionCode,
    reviewLevel,
  })),
});
