/** The roles the walk signs in as, and what counts as their own data on a page. */
import { FIRST_ADMINISTRATORS } from '../../../src/services/bootstrap.js';

export const NOW = new Date('2026-12-07T02:00:00Z');
export const PASSWORD = 'Walk-every-page-2026';

export interface Role {
  username: string;
  label: string;
  administrator: boolean;
}

export const ROLES: Role[] = [
  { username: 'walkclerk', label: '经办人', administrator: false },
  { username: 'walkreviewer', label: '审核人', administrator: false },
  { username: 'walkagencyadmin', label: '机关管理员', administrator: false },
  { username: 'walksupervisor', label: '政务公开办', administrator: false },
  { username: 'walksysadmin', label: '系统管理员', administrator: true },
  { username: 'walksecadmin', label: '安全管理员', administrator: true },
  { username: 'walkauditadmin', label: '审计管理员', administrator: true },
];

/**
 * What is the people's own data or typing: the usernames the walk and the installation (the three
 * first administrators) created, and the junk the walk types. Each counts only as a whole token.
 */
export const TYPED = new Set<string>([
  ...ROLES.map((r) => r.username),
  ...FIRST_ADMINISTRATORS.map((a) => a.username),
  'abc',
  'abcxyz',
]);
