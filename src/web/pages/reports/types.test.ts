import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, type Permission, type Role } from '../../../core/auth/roles.js';
import type { WorkContext } from '../../session.js';
import { canEdit, canPublish } from './types.js';

const context = (role: Role, permissions: readonly Permission[]): WorkContext => ({
  key: role,
  grantId: role,
  role,
  agencyId: 'agency-1',
  regionCode: null,
  label: role,
  permissions,
  globalPermissions: [],
});

describe('who the report editor lets edit and publish', () => {
  it('is who the API lets save and publish a report: every grant, not the context’s role', () => {
    for (const role of ROLES) {
      const own = context(role, ROLE_PERMISSIONS[role]);
      expect(canEdit(own), role).toBe(ROLE_PERMISSIONS[role].includes('report.edit'));
      expect(canPublish(own), role).toBe(ROLE_PERMISSIONS[role].includes('report.publish'));
    }
    // Agency administrator and clerk of the same agency: in the administrator context the API
    // lets them save and publish (the clerk grant counts), so the page does too.
    const both = context('agency_admin', [
      ...new Set([...ROLE_PERMISSIONS.agency_admin, ...ROLE_PERMISSIONS.clerk]),
    ]);
    expect(canEdit(both)).toBe(true);
    expect(canPublish(both)).toBe(true);
    expect(canEdit(null)).toBe(false);
    expect(canEdit({ ...both, agencyId: null })).toBe(false);
  });

  it('offers 「从主动公开登记取数」 only to those the register answers (三员: not the system administrator)', () => {
    for (const role of ROLES.filter((r) => canEdit(context(r, ROLE_PERMISSIONS[r]))))
      expect(ROLE_PERMISSIONS[role], role).toContain('proactive.read');
    expect(canEdit(context('system_admin', ROLE_PERMISSIONS.system_admin))).toBe(false);
  });
});
