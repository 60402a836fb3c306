/**
 * 三员分立: the system, security and audit administrators — created at the first start, each
 * alone on its account, none granting itself a role — and the alerts for the audit
 * administrator about the indirect ways to personal data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import type { ServiceContext } from '../../src/services/context.js';
import {
  ADMIN_PASSWORDS,
  ADMIN_USERNAMES,
  bootstrapDemo,
  signInAdministrator,
  testConfig,
} from '../support/accounts.js';
import { TestClient, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import { createTestStore, describeEachStore } from '../support/stores.js';

const PASSWORD = 'Separate-pass-2026';

interface AlertBody {
  alerts: { id: string; kind: string; message: string; acknowledgedAt: string | null }[];
  open: number;
}

describeEachStore('三员分立: the three administrators', (getStore, dialect) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let sys: TestClient;
  let sec: TestClient;
  let aud: TestClient;
  let agencyId: string;
  const idOf = async (username: string) =>
    (
      await ctx.store.db
        .selectFrom('user_account')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const alerts = async () =>
    (await aud.request('GET', '/api/v1/security-alerts?all=true')).json<AlertBody>();

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    const first = await bootstrapDemo(ctx);
    expect(first.administrators.map((a) => [a.role, a.username, a.password])).toEqual([
      ['system_admin', 'sysadmin', ADMIN_PASSWORDS.system_admin],
      ['security_admin', 'secadmin', ADMIN_PASSWORDS.security_admin],
      ['audit_admin', 'auditadmin', ADMIN_PASSWORDS.audit_admin],
    ]);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    app = await testApp(ctx);
    // Each administrator at their own desk.
    sys = await signInAdministrator(app, 'system_admin', '10.0.0.1');
    sec = await signInAdministrator(app, 'security_admin', '10.0.0.2');
    aud = await signInAdministrator(app, 'audit_admin', '10.0.0.3');
  });
  afterAll(async () => app?.close());

  it('the first start creates the three accounts, each alone on its role; a restart creates none', async () => {
    const grants = await ctx.store.db
      .selectFrom('role_grant')
      .innerJoin('user_account', 'user_account.id', 'role_grant.user_id')
      .select(['user_account.username', 'role_grant.role'])
      .where('role_grant.role', 'in', ['system_admin', 'security_admin', 'audit_admin'])
      .orderBy('user_account.username')
      .execute();
    expect(grants).toEqual([
      { username: 'auditadmin', role: 'audit_admin' },
      { username: 'secadmin', role: 'security_admin' },
      { username: 'sysadmin', role: 'system_admin' },
    ]);
    expect((await bootstrap(ctx, testConfig())).administrators).toEqual([]);
  });

  it('an installation upgraded from the single system administrator gets the two others at its next start', async () => {
    const old = await createTestStore(dialect);
    try {
      const oldCtx = testContext(old.store);
      await createUser(oldCtx, SYSTEM, {
        username: 'admin',
        displayName: '系统管理员',
        password: 'Former-chief-2026',
        grants: [{ role: 'system_admin' }],
      });
      // A clerk already uses the name the security administrator would get.
      await createUser(oldCtx, SYSTEM, {
        username: 'secadmin',
        displayName: '某经办人',
        password: 'Former-clerk-2026',
        grants: [],
        withoutRoles: true,
      });
      const result = await bootstrap(oldCtx, testConfig({ GONGKAI_DEMO: '0' }));
      expect(result.administrators.map((a) => [a.role, a.username])).toEqual([
        ['security_admin', 'secadmin2'],
        ['audit_admin', 'auditadmin'],
      ]);
    } finally {
      await old.drop();
    }
  });

  it('the system administrator opens an account without a role; only the security administrator grants one', async () => {
    const opened = await sys.request('POST', '/api/v1/accounts', {
      username: 'qian.clerk',
      displayName: '钱经办',
    });
    expect(opened.statusCode).toBe(201);
    const { user, initialPassword } = opened.json<{
      user: { id: string; grants: unknown[] };
      initialPassword: string;
    }>();
    expect(user.grants).toEqual([]);
    // The system administrator cannot grant it a role…
    const bySys = await sys.request('PUT', `/api/v1/accounts/${user.id}/grants`, {
      grants: [{ role: 'clerk', agencyId }],
    });
    expect(bySys.statusCode).toBe(403);
    // …the security administrator can.
    const granted = await sec.request('PUT', `/api/v1/accounts/${user.id}/grants`, {
      grants: [{ role: 'clerk', agencyId }],
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const clerk = new TestClient(app, '10.1.1.7');
    await clerk.loginReady('qian.clerk', initialPassword);
    expect(
      (await clerk.request('GET', `/api/v1/agencies/${agencyId}/applications`)).statusCode,
    ).toBe(200);
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity_id', '=', user.id)
      .where('action', '=', 'user.roles')
      .execute();
    expect(audit).toEqual([{ action: 'user.roles', actor: '安全管理员（secadmin）' }]);
  });

  it('nobody grants themselves a role, and no administrator holds a second role', async () => {
    const secId = await idOf(ADMIN_USERNAMES.security_admin);
    const self = await sec.request('PUT', `/api/v1/accounts/${secId}/grants`, {
      grants: [{ role: 'security_admin' }, { role: 'audit_admin' }],
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(/不能给自己授予或调整角色/);

    const sysId = await idOf(ADMIN_USERNAMES.system_admin);
    const business = await sec.request('PUT', `/api/v1/accounts/${sysId}/grants`, {
      grants: [{ role: 'system_admin' }, { role: 'clerk', agencyId }],
    });
    expect(business.statusCode).toBe(400);
    expect(business.json().error.message).toMatch(/系统管理员的账号不能同时担任经办人/);

    const two = await sec.request('PUT', `/api/v1/accounts/${sysId}/grants`, {
      grants: [{ role: 'system_admin' }, { role: 'audit_admin' }],
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().error.message).toMatch(/不能由同一账号兼任/);

    // An agency admin cannot give itself another role either.
    const bossId = await makeBoss();
    const boss = new TestClient(app);
    await boss.loginReady('sun.boss', PASSWORD);
    const own = await boss.request('PUT', `/api/v1/agencies/${agencyId}/users/${bossId}/roles`, {
      roles: [{ role: 'agency_admin' }, { role: 'clerk' }],
    });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.message).toMatch(/不能修改自己的角色/);
  });

  async function makeBoss(): Promise<string> {
    const existing = await ctx.store.db
      .selectFrom('user_account')
      .select('id')
      .where('username', '=', 'sun.boss')
      .executeTakeFirst();
    if (existing) return existing.id;
    return (
      await createUser(ctx, SYSTEM, {
        username: 'sun.boss',
        displayName: '孙管理',
        password: PASSWORD,
        grants: [{ role: 'agency_admin', agencyId }],
        mustChangePassword: false,
      })
    ).user.id;
  }

  it('keeps one active holder of each administrator role', async () => {
    const audId = await idOf(ADMIN_USERNAMES.audit_admin);
    const withdraw = await sec.request('PUT', `/api/v1/accounts/${audId}/grants`, { grants: [] });
    expect(withdraw.statusCode).toBe(400);
    expect(withdraw.json().error.message).toMatch(/唯一一位在用的审计管理员/);
    const secId = await idOf(ADMIN_USERNAMES.security_admin);
    const disable = await sys.request('PATCH', `/api/v1/accounts/${secId}`, { disabled: true });
    expect(disable.statusCode).toBe(400);
    expect(disable.json().error.message).toMatch(/唯一一位在用的安全管理员/);
    const selfDisable = await sys.request(
      'PATCH',
      `/api/v1/accounts/${await idOf(ADMIN_USERNAMES.system_admin)}`,
      { disabled: true },
    );
    expect(selfDisable.statusCode).toBe(403);
  });

  it('alerts the audit administrator when an account first signs in from its creator’s browser or address', async () => {
    const before = (await alerts()).alerts.length;
    const opened = await sys.request('POST', '/api/v1/accounts', {
      username: 'zhou.clerk',
      displayName: '周经办',
    });
    const { user, initialPassword } = opened.json<{
      user: { id: string };
      initialPassword: string;
    }>();
    await sec.request('PUT', `/api/v1/accounts/${user.id}/grants`, {
      grants: [{ role: 'clerk', agencyId }],
    });
    // The system administrator signs in as it, in the same browser.
    await sys.loginReady('zhou.clerk', initialPassword);
    const after = await alerts();
    const raised = after.alerts.slice(0, after.alerts.length - before);
    expect(raised.map((a) => a.kind).sort()).toEqual([
      'administrator_as_business',
      'first_sign_in_from_creator',
    ]);
    expect(raised.find((a) => a.kind === 'first_sign_in_from_creator')!.message).toMatch(
      /账号 zhou\.clerk（周经办）首次登录，来自开设它的系统管理员（sysadmin）的同一浏览器/,
    );
    expect(raised.find((a) => a.kind === 'administrator_as_business')!.message).toMatch(
      /系统管理员 系统管理员（sysadmin）用过的浏览器.*登录了业务账号 zhou\.clerk/,
    );
    // Signing in as the clerk ended the administrator's session in that browser.
    sys = new TestClient(app, '10.0.0.1');
    await sys.loginReady(ADMIN_USERNAMES.system_admin, `${ADMIN_PASSWORDS.system_admin}x9`);
  });

  it('raises no alert when the owner first signs in from elsewhere', async () => {
    const before = (await alerts()).alerts.length;
    const opened = await sys.request('POST', '/api/v1/accounts', {
      username: 'wu.clerk',
      displayName: '吴经办',
    });
    const { user, initialPassword } = opened.json<{
      user: { id: string };
      initialPassword: string;
    }>();
    await sec.request('PUT', `/api/v1/accounts/${user.id}/grants`, {
      grants: [{ role: 'clerk', agencyId }],
    });
    const own = new TestClient(app, '10.2.2.9');
    await own.loginReady('wu.clerk', initialPassword);
    expect((await alerts()).alerts.length).toBe(before);
  });

  it('alerts on every hand-over of a case, which gives a clerk the applicant’s identity', async () => {
    await makeClerk(ctx, agencyId, 'zheng', PASSWORD, '郑经办');
    await makeClerk(ctx, agencyId, 'feng', PASSWORD, '冯经办');
    const zheng = new TestClient(app, '10.3.3.1');
    await zheng.loginReady('zheng', PASSWORD);
    const registered = await zheng.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
      ...personApplication({ name: '王申请' }),
      channel: 'in_person',
      receivedOn: '2026-03-02',
    });
    const applicationId = registered.json<{ application: { id: string } }>().application.id;
    const before = (await alerts()).alerts.length;
    await makeBoss();
    const boss = new TestClient(app, '10.3.3.2');
    await boss.loginReady('sun.boss', PASSWORD);
    const moved = await boss.request(
      'PUT',
      `/api/v1/agencies/${agencyId}/applications/${applicationId}/assignee`,
      { userId: await idOf('feng') },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await alerts();
    expect(after.alerts.length).toBe(before + 1);
    expect(after.alerts[0]).toMatchObject({ kind: 'case_reassigned', acknowledgedAt: null });
    expect(after.alerts[0]!.message).toMatch(/孙管理（sun\.boss）把申请 .* 从郑经办改派给冯经办/);

    // The audit administrator marks it looked into: recorded, the alert stays.
    const ack = await aud.request(
      'POST',
      `/api/v1/security-alerts/${after.alerts[0]!.id}/acknowledge`,
      { note: '工作交接' },
    );
    expect(ack.statusCode).toBe(200);
    const latest = await alerts();
    expect(latest.alerts[0]!.acknowledgedAt).not.toBeNull();
    expect(latest.open).toBe(latest.alerts.filter((a) => a.acknowledgedAt === null).length);
    // Nobody else reads the alerts.
    for (const client of [sys, sec, boss, zheng]) {
      expect((await client.request('GET', '/api/v1/security-alerts')).statusCode).toBe(403);
    }
  });

  it('alerts when an administrator’s password is reset by someone else', async () => {
    const before = (await alerts()).alerts.length;
    const audId = await idOf(ADMIN_USERNAMES.audit_admin);
    const reset = await sys.request('POST', `/api/v1/accounts/${audId}/reset-password`);
    expect(reset.statusCode).toBe(200);
    // The audit administrator was signed out; a new sign-in reads the alert.
    aud = new TestClient(app, '10.0.0.3');
    await aud.loginReady(ADMIN_USERNAMES.audit_admin, reset.json().initialPassword);
    const after = await alerts();
    expect(after.alerts.length).toBe(before + 1);
    expect(after.alerts[0]).toMatchObject({ kind: 'administrator_credentials_reset' });
    expect(after.alerts[0]!.message).toMatch(/重置了审计管理员 审计管理员（auditadmin）的密码/);
  });
});
