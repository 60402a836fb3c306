/**
 * /auth/me tells the workspace what the API's check (can(), over every grant of the person) lets
 * them do: per agency (agencyPermissions) and for the whole installation (globalPermissions) —
 * the pages show a control only when the route's permission is there.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { bootstrapDemo, signInAdministrator } from '../support/accounts.js';
import { TestClient, testApp, testContext } from '../support/app.js';
import { agencyIdByName, SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('/auth/me: what the person may do', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let agencyId = '';

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    for (const [username, roles] of [
      ['me-clerk', ['clerk']],
      ['me-both', ['agency_admin', 'clerk']],
    ] as const) {
      await createUser(ctx, SYSTEM, {
        username,
        displayName: username,
        password: 'Me-pass-2026',
        grants: roles.map((role) => ({ role, agencyId })),
        mustChangePassword: false,
      });
    }
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  async function me(username: string) {
    const client = new TestClient(app);
    await client.login(username, 'Me-pass-2026');
    const response = await client.request('GET', '/api/v1/auth/me');
    expect(response.statusCode).toBe(200);
    return response.json() as {
      agencyPermissions: Record<string, string[]>;
      globalPermissions: string[];
    };
  }

  it('a clerk handles applications but does not configure them, and nothing installation-wide', async () => {
    const clerk = await me('me-clerk');
    expect(clerk.agencyPermissions[agencyId]).toContain('application.handle');
    expect(clerk.agencyPermissions[agencyId]).not.toContain('application.configure');
    expect(clerk.agencyPermissions[agencyId]).not.toContain('agency.update');
    expect(clerk.globalPermissions).toEqual([]);
  });

  it('agency administrator and clerk: both grants count in the agency, still nothing installation-wide', async () => {
    const both = await me('me-both');
    for (const p of ['application.handle', 'application.configure', 'agency.update'])
      expect(both.agencyPermissions[agencyId]).toContain(p);
    // calendar.manage is in the agency admin's list, but the check's global target is not theirs.
    expect(both.globalPermissions).toEqual([]);
  });

  it('the system administrator manages the national calendar', async () => {
    const client = await signInAdministrator(app, 'system_admin');
    const response = await client.request('GET', '/api/v1/auth/me');
    expect(response.json().globalPermissions).toContain('calendar.manage');
    expect(response.json().globalPermissions).not.toContain('application.handle');
  });
});
