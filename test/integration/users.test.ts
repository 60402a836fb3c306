import { expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { TestClient, testApp, testContext } from '../support/app.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

const SYSTEM = { kind: 'system', label: '测试' } as const;

describeEachStore('user management by an agency admin', (getStore) => {
  it('changes a person’s roles in the agency, audited, but never takes away the last say from itself', async () => {
    const ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    const agencies = await ctx.store.db.selectFrom('agency').select(['id', 'name']).execute();
    const own = agencies.find((a) => a.name === '示范市科学技术局')!.id;
    const other = agencies.find((a) => a.name === '示范市教育局')!.id;
    const { user: admin } = await createUser(ctx, SYSTEM, {
      username: 'kj.admin',
      displayName: '科技局管理员',
      password: 'Agency-boss-2026',
      grants: [{ role: 'agency_admin', agencyId: own }],
      mustChangePassword: false,
    });
    const { user: clerk } = await createUser(ctx, SYSTEM, {
      username: 'kj.clerk',
      displayName: '科技局经办',
      password: 'Agency-work-2026',
      grants: [{ role: 'clerk', agencyId: own }],
      mustChangePassword: false,
    });
    const { user: elsewhere } = await createUser(ctx, SYSTEM, {
      username: 'jy.clerk',
      displayName: '教育局经办',
      password: 'Agency-work-2026',
      grants: [{ role: 'clerk', agencyId: other }],
      mustChangePassword: false,
    });
    const app = await testApp(ctx);
    try {
      const client = new TestClient(app);
      await client.loginReady('kj.admin', 'Agency-boss-2026');
      const changed = await client.request(
        'PUT',
        `/api/v1/agencies/${own}/users/${clerk.id}/roles`,
        {
          roles: [{ role: 'clerk' }, { role: 'reviewer', reviewLevel: 'deputy' }],
        },
      );
      expect(changed.statusCode).toBe(200);
      expect(
        changed
          .json()
          .user.grants.map((g: { role: string; reviewLevel: string | null }) => [
            g.role,
            g.reviewLevel,
          ]),
      ).toEqual([
        ['clerk', null],
        ['reviewer', 'deputy'],
      ]);
      const self = await client.request('PUT', `/api/v1/agencies/${own}/users/${admin.id}/roles`, {
        roles: [{ role: 'clerk' }],
      });
      expect(self.statusCode).toBe(400);
      expect(self.json().error.message).toMatch(/不能取消自己的机关管理员角色/);
      const noLevel = await client.request(
        'PUT',
        `/api/v1/agencies/${own}/users/${clerk.id}/roles`,
        { roles: [{ role: 'reviewer' }] },
      );
      expect(noLevel.statusCode).toBe(400);
      const foreign = await client.request(
        'PUT',
        `/api/v1/agencies/${other}/users/${elsewhere.id}/roles`,
        { roles: [{ role: 'clerk' }] },
      );
      expect(foreign.statusCode).toBe(403);
      const mixed = await client.request(
        'PUT',
        `/api/v1/agencies/${own}/users/${elsewhere.id}/roles`,
        { roles: [{ role: 'clerk' }] },
      );
      expect(mixed.statusCode).toBe(404);
      const audit = await ctx.store.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'user.roles')
        .execute();
      expect(audit).toEqual([{ action: 'user.roles', entity_id: clerk.id }]);
    } finally {
      await app.close();
    }
  });
});
