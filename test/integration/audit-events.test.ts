/**
 * 安全审计: the security events in the trail, each with the client's address, read by the audit
 * administrator as Chinese sentences (what happened, to what, by whom); verifying and exporting
 * the trail is the audit administrator's alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESCRIBED_ACTIONS } from '../../src/core/audit/describe.js';
import { signInAdministrator } from '../support/accounts.js';
import { TestClient } from '../support/app.js';
import { clerkDesk } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Audit-events-2026';

interface Entry {
  seq: number;
  actor: string;
  description: string;
  clientIp: string | null;
  action: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('every action the services record has its sentence', () => {
  it('no action literal in src/services is left to the generic fallback', () => {
    const actions = new Set<string>();
    for (const file of sourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/'([a-z_]+\.[a-z_]+)' : '([a-z_]+\.[a-z_]+)'/g)) {
        actions.add(m[1]!);
        actions.add(m[2]!);
      }
    }
    for (const decision of ['confirmed', 'dismissed', 'withdrawn']) {
      actions.add(`supervision.finding_${decision}`);
    }
    expect(actions.size).toBeGreaterThan(50);
    const missing = [...actions].filter((a) => !DESCRIBED_ACTIONS.includes(a));
    expect(missing).toEqual([]);
  });
});

describeEachStore('安全审计: security events in the trail, in Chinese', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);

  it('records sign-in failures, a lockout, a sign-in, a reveal, an export and a role change with the client address, in sentences', async () => {
    const { app, base } = desk;
    // Someone guesses at wang's password from 203.0.113.9 until the pair is locked.
    const guesser = new TestClient(app, '203.0.113.9');
    for (let i = 0; i < 5; i += 1) {
      expect((await guesser.login('wang', `wrong-${i}`)).statusCode).toBe(401);
    }
    expect((await guesser.login('nobody', 'whatever')).statusCode).toBe(401);
    // wang at the desk (127.0.0.1 by default) registers an application and reveals the ID number.
    const id = await desk.register('2026-03-02');
    expect(
      (await desk.clerk.request('POST', `${base()}/applications/${id}/reveal`)).statusCode,
    ).toBe(200);
    const csv = await desk.clerk.request('GET', `${base()}/application-register.csv?year=2026`);
    expect(csv.statusCode).toBe(200);
    const sec = await signInAdministrator(app, 'security_admin', '10.0.0.2');
    const wang = await desk.ctx.store.db
      .selectFrom('user_account')
      .select('id')
      .where('username', '=', 'wang')
      .executeTakeFirstOrThrow();
    const granted = await sec.request('PUT', `/api/v1/accounts/${wang.id}/grants`, {
      grants: [{ role: 'agency_admin', agencyId: desk.agencyId }],
    });
    expect(granted.statusCode, granted.body).toBe(200);

    const aud = await signInAdministrator(app, 'audit_admin', '10.0.0.3');
    const read = await aud.request('GET', '/api/v1/audit-log?limit=500');
    expect(read.statusCode).toBe(200);
    const entries = read.json<{ entries: Entry[] }>().entries;
    const said = (action: string) => entries.filter((e) => e.action === action);

    // Never the bare codes: every record is a Chinese sentence.
    for (const e of entries) {
      expect(e.description, e.action).toMatch(/[\u4e00-\u9fff].*。$/);
      expect(e.description).not.toMatch(/[a-z_]+\.[a-z_]+|\b[0-9a-f]{8}\b/);
    }
    const failures = said('user.login_failed').filter((e) => e.clientIp === '203.0.113.9');
    expect(failures).toHaveLength(6);
    expect(failures.map((e) => e.description)).toContain(
      '以账号“王经办（wang）”登录失败：用户名或密码不正确（同一地址对此账号已连续失败 1 次）。',
    );
    expect(
      failures.some((e) => /已暂停从该地址登录此账号 \d+ 秒（登录锁定）/.test(e.description)),
    ).toBe(true);
    expect(failures.map((e) => e.description)).toContain(
      '以不存在的登录名“nobody”登录失败：用户名或密码不正确（同一地址对此账号已连续失败 1 次）。',
    );
    expect(said('session.login').find((e) => e.actor === '王经办（wang）')).toMatchObject({
      description: '王经办（wang）登录成功。',
      clientIp: '127.0.0.1',
    });
    const [reveal] = said('application.reveal_identity');
    expect(reveal?.description).toMatch(
      /^王经办（wang）查看了申请“\d{4}-\d+”申请人的完整身份信息（证件号码、电话、地址、邮箱）。$/,
    );
    expect(reveal?.clientIp).toBe('127.0.0.1');
    expect(said('application.register_export')[0]).toMatchObject({
      description:
        '王经办（wang）导出了机关“示范市科学技术局”的申请登记台账（CSV，收到日期 2026-01-01 至 2026-12-31）。',
      clientIp: '127.0.0.1',
    });
    expect(said('user.roles')[0]).toMatchObject({
      description:
        '安全管理员（secadmin）调整了账号“王经办（wang）”的角色：由“经办人”改为“机关管理员”。',
      clientIp: '10.0.0.2',
    });
  });

  it('only the audit administrator verifies and exports the trail; both acts are recorded', async () => {
    const { app } = desk;
    const sys = await signInAdministrator(app, 'system_admin', '10.0.0.1');
    const sec = await signInAdministrator(app, 'security_admin', '10.0.0.2');
    for (const other of [sys, sec]) {
      expect((await other.request('GET', '/api/v1/audit-log/verify')).statusCode).toBe(403);
      expect((await other.request('GET', '/api/v1/audit-log/export.csv')).statusCode).toBe(403);
    }
    const aud = await signInAdministrator(app, 'audit_admin', '10.0.0.3');
    const verified = await aud.request('GET', '/api/v1/audit-log/verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ ok: true, problems: [] });
    const exported = await aud.request('GET', '/api/v1/audit-log/export.csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      '序号,时间,操作人,地址,内容,操作代码,对象类型,对象编号,机关编号,之前,之后,请求编号,前序哈希,哈希',
    );
    expect(lines.some((l) => l.includes('以账号“王经办（wang）”登录失败'))).toBe(true);
    const entries = (await aud.request('GET', '/api/v1/audit-log?limit=5')).json<{
      entries: Entry[];
    }>().entries;
    expect(entries[0]).toMatchObject({
      action: 'audit.export',
      description: '审计管理员（auditadmin）导出了全部操作留痕（CSV）。',
      clientIp: '10.0.0.3',
    });
    expect(entries[1]).toMatchObject({
      action: 'audit.verify',
      description: '审计管理员（auditadmin）校验了留痕哈希链与链外锚点：完好。',
    });
  });
});
