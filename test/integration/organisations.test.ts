import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestClient, testApp, testContext } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';
import { ADMIN_USERNAMES, bootstrapDemo } from '../support/accounts.js';

describeEachStore('setting up agencies for a real deployment', (getStore) => {
  it('a system admin creates an agency with its region and government, which are found when they exist', async () => {
    const ctx = testContext(getStore().store);
    await bootstrapDemo(ctx, { GONGKAI_DEMO: '0' });
    const app = await testApp(ctx);
    try {
      const admin = new TestClient(app);
      await admin.loginReady(ADMIN_USERNAMES.system_admin, 'First-pass-2026');
      const missingName = await admin.request('POST', '/api/v1/agencies', {
        regionCode: '640500',
        governmentName: '中卫市人民政府',
        agency: { name: '中卫市科学技术局' },
      });
      expect(missingName.statusCode).toBe(400);
      expect(missingName.json().error.field).toBe('regionName');
      const badCode = await admin.request('POST', '/api/v1/agencies', {
        regionCode: '640500',
        regionName: '中卫市',
        governmentName: '中卫市人民政府',
        agency: { name: '中卫市科学技术局', creditCode: '91350100M000100Y44' },
      });
      expect(badCode.statusCode).toBe(400);
      expect(badCode.json().error.field).toBe('creditCode');
      const created = await admin.request('POST', '/api/v1/agencies', {
        regionCode: '640500',
        regionName: '中卫市',
        governmentName: '中卫市人民政府',
        agency: {
          name: '中卫市科学技术局',
          creditCode: '91350100M000100Y43',
          phone: '0955-7063893',
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().agency).toMatchObject({
        name: '中卫市科学技术局',
        governmentName: '中卫市人民政府',
        regionCode: '640500',
      });
      const second = await admin.request('POST', '/api/v1/agencies', {
        regionCode: '640500',
        governmentName: '中卫市人民政府',
        agency: { name: '中卫市人民政府办公室', isGovernment: true },
      });
      expect(second.statusCode).toBe(201);
      const governments = await ctx.store.db.selectFrom('government').select('id').execute();
      expect(governments).toHaveLength(1);
      const duplicate = await admin.request('POST', '/api/v1/agencies', {
        regionCode: '640500',
        governmentName: '中卫市人民政府',
        agency: { name: '中卫市科学技术局' },
      });
      expect(duplicate.statusCode).toBe(409);
      const audit = await ctx.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['region.create', 'government.create', 'agency.create'])
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'agency.create',
        'agency.create',
        'government.create',
        'region.create',
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('a deployment without demo data, from the command line', () => {
  it('creates an agency, then a clerk for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-setup-'));
    const env = { GONGKAI_DATA_DIR: dir };
    const agency = await runCli(
      [
        'agency',
        'create',
        '--region',
        '640500',
        '--region-name',
        '中卫市',
        '--government',
        '中卫市人民政府',
        '--name',
        '中卫市科学技术局',
      ],
      { env },
    );
    expect(agency.stderr).toBe('');
    expect(agency.code).toBe(0);
    expect(agency.stdout).toMatch(/已建立机关：中卫市科学技术局（中卫市人民政府）/);
    const user = await runCli(
      [
        'user',
        'create',
        '--username',
        'zw.clerk',
        '--name',
        '中卫经办',
        '--role',
        'clerk',
        '--agency',
        '中卫市科学技术局',
      ],
      { env },
    );
    expect(user.code).toBe(0);
    const bad = await runCli(
      ['agency', 'create', '--region', '6405', '--government', 'x', '--name', 'y'],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/6 位数字/);
  });
});
