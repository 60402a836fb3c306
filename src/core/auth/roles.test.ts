import { describe, expect, it } from 'vitest';
import { can, grantProblem, separationProblem, type Principal, type RoleGrant } from './roles.js';
import { addressKey, lockSecondsAfter } from './lockout.js';
import {
  commonPasswordForms,
  DEFAULT_SECURITY_POLICY,
  passwordAge,
  passwordProblem,
  policyProblems,
} from './password-policy.js';

const principal = (...grants: Omit<RoleGrant, 'id'>[]): Principal => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  grants: grants.map((g, i) => ({ ...g, id: `g${i}` })),
});
const agencyA = {
  kind: 'agency',
  agencyId: 'A',
  regionPath: ['640502', '640500', '640000'],
} as const;
const agencyB = {
  kind: 'agency',
  agencyId: 'B',
  regionPath: ['110101', '110100', '110000'],
} as const;
const none = { agencyId: null, regionCode: null, reviewLevel: null };

describe('can', () => {
  it('scopes agency roles to their agency', () => {
    const clerk = principal({ ...none, role: 'clerk', agencyId: 'A' });
    expect(can(clerk, 'agency.read', agencyA)).toBe(true);
    expect(can(clerk, 'agency.read', agencyB)).toBe(false);
    expect(can(clerk, 'user.manage', agencyA)).toBe(false);
    expect(can(clerk, 'agency.read', { kind: 'global' })).toBe(false);
  });

  it('lets a supervisor see agencies anywhere below its region, and nothing else', () => {
    const supervisor = principal({ ...none, role: 'supervisor', regionCode: '640000' });
    expect(can(supervisor, 'agency.read', agencyA)).toBe(true);
    expect(can(supervisor, 'agency.read', agencyB)).toBe(false);
    expect(can(supervisor, 'agency.update', agencyA)).toBe(false);
  });

  it('uses each grant for its own scope when a person holds several', () => {
    const p = principal(
      { ...none, role: 'clerk', agencyId: 'A' },
      { ...none, role: 'agency_admin', agencyId: 'B' },
    );
    expect(can(p, 'user.manage', agencyB)).toBe(true);
    expect(can(p, 'user.manage', agencyA)).toBe(false);
  });

  it('gives each of the three administrators its own powers, everywhere, and no business', () => {
    const system = principal({ ...none, role: 'system_admin' });
    const security = principal({ ...none, role: 'security_admin' });
    const audit = principal({ ...none, role: 'audit_admin' });
    const global = { kind: 'global' } as const;
    expect(can(system, 'account.manage', global)).toBe(true);
    expect(can(system, 'agency.update', agencyB)).toBe(true);
    expect(can(system, 'calendar.manage', global)).toBe(true);
    expect(can(security, 'role.grant', global)).toBe(true);
    expect(can(security, 'security.configure', global)).toBe(true);
    expect(can(audit, 'audit.verify', global)).toBe(true);
    expect(can(audit, 'audit.read', agencyB)).toBe(true);
    // …and none of the others' powers.
    expect(can(system, 'role.grant', global)).toBe(false);
    expect(can(system, 'audit.read', global)).toBe(false);
    expect(can(security, 'account.manage', global)).toBe(false);
    expect(can(security, 'audit.read', agencyA)).toBe(false);
    expect(can(audit, 'account.manage', global)).toBe(false);
    expect(can(audit, 'role.grant', global)).toBe(false);
    // No business data, and no personal data, for any of them.
    for (const admin of [system, security, audit]) {
      for (const permission of [
        'application.read',
        'application.handle',
        'report.read',
        'report.edit',
        'user.manage',
      ] as const) {
        expect(can(admin, permission, agencyA)).toBe(false);
      }
    }
  });
  it('keeps an administrator role alone on its account (三员分立)', () => {
    expect(separationProblem(['system_admin'])).toBeNull();
    expect(separationProblem(['clerk', 'reviewer', 'agency_admin'])).toBeNull();
    expect(separationProblem(['system_admin', 'audit_admin'])).toMatch(/不能由同一账号兼任/);
    expect(separationProblem(['clerk', 'system_admin'])).toMatch(/不能同时担任经办人/);
    expect(separationProblem(['security_admin', 'supervisor'])).toMatch(/业务角色/);
  });
  it('checks grants are complete', () => {
    expect(grantProblem({ ...none, role: 'clerk' })).toMatch(/必须指定所属机关/);
    expect(grantProblem({ ...none, role: 'reviewer', agencyId: 'A' })).toMatch(/审核层级/);
    expect(grantProblem({ ...none, role: 'supervisor' })).toMatch(/行政区划/);
    expect(
      grantProblem({ ...none, role: 'reviewer', agencyId: 'A', reviewLevel: 'deputy' }),
    ).toBeNull();
  });
});

describe('lockout back-off', () => {
  it('is free for five failures, then doubles from a minute up to an hour', () => {
    expect([1, 4].map(lockSecondsAfter)).toEqual([0, 0]);
    expect([5, 6, 7, 10, 11, 50].map(lockSecondsAfter)).toEqual([60, 120, 240, 1920, 3600, 3600]);
  });
});

describe('password policy', () => {
  it('explains what is wrong in Chinese', () => {
    expect(passwordProblem('abc123', 'li')).toMatch(/至少 10 位/);
    // Three of the four classes by default (等保: 复杂度).
    expect(passwordProblem('abcdefghijk', 'li')).toMatch(
      /至少 3 类（现在只有 1 类，可加入大写字母、数字、符号）/,
    );
    expect(passwordProblem('abcdefgh123', 'li')).toMatch(/至少 3 类（现在只有 2 类/);
    expect(passwordProblem('Abcdefgh123', 'li')).toBeNull();
    expect(passwordProblem('Zhangsan-2026', 'ZhangSan')).toMatch(/用户名/);
    expect(passwordProblem('Correct-horse-7', 'li')).toBeNull();
  });
  it('follows the policy it is given, and refuses common passwords by their core', () => {
    const strict = { ...DEFAULT_SECURITY_POLICY.password, minLength: 12, minClasses: 4 };
    expect(passwordProblem('Abcdefgh1234', 'li', strict)).toMatch(/至少 4 类/);
    expect(passwordProblem('Abcdefg-1234', 'li', strict)).toBeNull();
    const common = new Set(['password', 'woaini1314']);
    const isCommon = (p: string) => commonPasswordForms(p).some((f) => common.has(f));
    expect(passwordProblem('Password-2026!', 'li', undefined, isCommon)).toMatch(/常见密码/);
    expect(passwordProblem('WoAiNi1314', 'li', undefined, isCommon)).toMatch(/常见密码/);
    expect(passwordProblem('Passable-2026', 'li', undefined, isCommon)).toBeNull();
  });
  it('says when a password expires, and warns in the last days', () => {
    const rules = DEFAULT_SECURITY_POLICY.password;
    const set = '2026-01-01T00:00:00.000Z';
    expect(passwordAge(set, '2026-03-01T00:00:00.000Z', rules)).toEqual({
      expired: false,
      daysLeft: 31,
      warn: false,
    });
    expect(passwordAge(set, '2026-03-26T00:00:00.000Z', rules)).toEqual({
      expired: false,
      daysLeft: 6,
      warn: true,
    });
    expect(passwordAge(set, '2026-04-01T00:00:00.000Z', rules).expired).toBe(true);
    expect(passwordAge(set, '2036-01-01T00:00:00.000Z', { ...rules, expiryDays: 0 })).toEqual({
      expired: false,
      daysLeft: null,
      warn: false,
    });
  });
  it('checks the security administrator’s policy field by field', () => {
    expect(policyProblems(DEFAULT_SECURITY_POLICY)).toEqual([]);
    const bad = {
      password: { ...DEFAULT_SECURITY_POLICY.password, minLength: 6, warnDays: 30, expiryDays: 20 },
      sessions: { maxSessions: 0, reauthMinutes: 5 },
    };
    expect(policyProblems(bad).map((p) => p.field)).toEqual([
      'password.minLength',
      'password.warnDays',
      'sessions.maxSessions',
    ]);
  });
});

describe('lockout keys', () => {
  it('counts IPv6 by its /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
  });
});
