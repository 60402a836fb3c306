import { createContext, useContext } from 'react';
import { isAdministratorRole, ROLE_PERMISSIONS, type Permission } from '../core/auth/roles.js';
import type { Grant, Me } from './api.js';

/** One "hat" a person can wear: a role in an agency (or a region, or everywhere). */
export interface WorkContext {
  key: string;
  grantId: string;
  role: Grant['role'];
  agencyId: string | null;
  regionCode: string | null;
  label: string;
  /**
   * What the person may do in the context's agency: what the API's check (every grant of the
   * person) allows there — not only this context's role; an administrator (who holds one role
   * only) its role's permissions. In a supervisor's region context, what the region's check
   * allows (its supervisor grants). Empty for an administrator's context without an agency.
   */
  permissions: readonly Permission[];
  /** What the person may do for the whole installation (/auth/me globalPermissions). */
  globalPermissions: readonly Permission[];
}

export function workContexts(me: Me): WorkContext[] {
  const contexts: Omit<WorkContext, 'permissions' | 'globalPermissions'>[] = [];
  for (const g of me.grants) {
    if (g.role === 'system_admin') {
      for (const a of me.agencies) {
        contexts.push({
          key: `${g.id}:${a.id}`,
          grantId: g.id,
          role: g.role,
          agencyId: a.id,
          regionCode: a.regionCode,
          label: `${a.name} · ${g.roleLabel}`,
        });
      }
      if (me.agencies.length === 0) {
        contexts.push({
          key: g.id,
          grantId: g.id,
          role: g.role,
          agencyId: null,
          regionCode: null,
          label: g.roleLabel,
        });
      }
    } else if (isAdministratorRole(g.role)) {
      // The security and audit administrators act for the whole installation.
      contexts.push({
        key: g.id,
        grantId: g.id,
        role: g.role,
        agencyId: null,
        regionCode: null,
        label: g.roleLabel,
      });
    } else if (g.role === 'supervisor') {
      contexts.push({
        key: g.id,
        grantId: g.id,
        role: g.role,
        agencyId: null,
        regionCode: g.regionCode,
        label: `辖区 ${g.regionCode ?? ''} · ${g.roleLabel}`,
      });
    } else {
      contexts.push({
        key: g.id,
        grantId: g.id,
        role: g.role,
        agencyId: g.agencyId,
        regionCode: null,
        label: `${g.agencyName ?? '（机关）'} · ${g.roleLabel}${g.reviewLevelLabel ? `（${g.reviewLevelLabel}）` : ''}`,
      });
    }
  }
  return contexts.map((c) => ({
    ...c,
    permissions: c.agencyId
      ? (me.agencyPermissions[c.agencyId] ?? ROLE_PERMISSIONS[c.role])
      : // A region is covered by its supervisors' grants only (administrators hold no other role).
        c.regionCode
        ? ROLE_PERMISSIONS[c.role]
        : [],
    globalPermissions: me.globalPermissions,
  }));
}

export interface SessionState {
  me: Me;
  context: WorkContext | null;
  contexts: WorkContext[];
  switchContext(key: string): Promise<void>;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/**
 * Whether the person may do this in the context's agency — the permission the route's own check
 * asks for (core/auth/roles can(), over every grant of theirs). Pages and the navigation show a
 * control only when this holds; a decision that also depends on a record's state comes with the
 * record.
 */
export const mayInAgency = (context: WorkContext | null, permission: Permission): boolean =>
  !!context?.agencyId && context.permissions.includes(permission);

/** The same for a route about the supervisor's region (the context's region, no agency). */
export const mayInRegion = (context: WorkContext | null, permission: Permission): boolean =>
  !!context?.regionCode && !context.agencyId && context.permissions.includes(permission);

/** The same for a route about the whole installation (the check's global target). */
export const mayGlobally = (context: WorkContext | null, permission: Permission): boolean =>
  !!context?.globalPermissions.includes(permission);

/** True when the person may manage users of the current agency (the users routes' check). */
export function canManageUsers(context: WorkContext | null): boolean {
  return mayInAgency(context, 'user.manage');
}

/** One of the three administrators (三员): no business pages for them. */
export function isAdministratorContext(context: WorkContext | null): boolean {
  return !!context && isAdministratorRole(context.role);
}
