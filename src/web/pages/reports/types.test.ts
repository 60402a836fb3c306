import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS } from '../../../core/auth/roles.js';
import { canEdit, canPublish } from './types.js';

describe('who the report editor lets edit and publish', () => {
  it('is who the API lets save and publish a report', () => {
    for (const role of ROLES) {
      expect(canEdit(role), role).toBe(ROLE_PERMISSIONS[role].includes('report.edit'));
      expect(canPublish(role), role).toBe(ROLE_PERMISSIONS[role].includes('report.publish'));
    }
    expect(canEdit(undefined)).toBe(false);
  });

  it('offers 「从主动公开登记取数」 only to those the register answers (三员: not the system administrator)', () => {
    for (const role of ROLES.filter(canEdit))
      expect(ROLE_PERMISSIONS[role], role).toContain('proactive.read');
    expect(canEdit('system_admin')).toBe(false);
  });
});
