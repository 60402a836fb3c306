/**
 * The authorisation matrix (see ./matrix.ts) of accounts and administration: the routes of
 * ./expectations/accounts.ts; the three administrators kept apart (三员分立); the lists each person
 * sees.
 */
import { expect, it } from 'vitest';
import { ADMINISTRATOR_ROLES, type Role } from '../../../src/core/auth/roles.js';
import { DEMO_REGION } from '../../../src/services/bootstrap.js';
import { itAllowsExactly } from './allowed.js';
import { expectationFor } from './expectations/index.js';
import { importIds, urlFor, type Matrix } from './matrix.js';

/** Registers the domain's tests in the calling describe block (see ./matrix.test.ts). */
export function accountsMatrixTests(matrix: Matrix): void {
  itAllowsExactly(matrix, 'accounts');
}

/**
 * The three administrators kept apart and the lists each person sees. Registered after every
 * domain's routes and the isolation tests (see ./matrix.test.ts): the lists are checked with
 * `every`, which holds on few entries too, so they run on the audit trail all those tests made.
 */
export function administratorsMatrixTests(matrix: Matrix): void {
  it('separates the three administrators: each is refused every route of the other two', async () => {
    const { app, own, personas } = matrix;
    const failures: string[] = [];
    const tried = new Map<Role, number>();
    for (const route of app.routeAccess) {
      const expectation = expectationFor(route.method, route.url)!;
      if (expectation.scope !== 'agency' && expectation.scope !== 'global') continue;
      const holders = ADMINISTRATOR_ROLES.filter((r) => expectation.roles.includes(r));
      // Two administrators may share a read (the agency list), never a change.
      if (holders.length > 1 && route.method !== 'GET') {
        failures.push(`${route.method} ${route.url}: a change shared by ${holders.join(' and ')}`);
      }
      if (holders.length === 0) continue;
      for (const admin of ADMINISTRATOR_ROLES) {
        if (expectation.roles.includes(admin)) continue;
        const persona = personas.find((p) => p.role === admin)!;
        const response = await persona.client.request(
          route.method as 'GET',
          urlFor(route.url, own),
          expectation.body?.(),
        );
        tried.set(admin, (tried.get(admin) ?? 0) + 1);
        if (![401, 403, 404].includes(response.statusCode)) {
          failures.push(`${admin} ${route.method} ${route.url} → ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Each administrator really tried the others' routes (accounts, roles, audit trail…).
    for (const admin of ADMINISTRATOR_ROLES) expect(tried.get(admin) ?? 0).toBeGreaterThan(3);
  });

  it('lists only what each person may see', async () => {
    const { own, other, personas } = matrix;
    const byRole = (role: Role) => personas.find((p) => p.role === role)!.client;
    const names = async (role: Role) =>
      (await byRole(role).request('GET', '/api/v1/agencies'))
        .json<{ agencies: { name: string }[] }>()
        .agencies.map((a) => a.name)
        .sort();
    expect(await names('clerk')).toEqual([own.agencyName]);
    expect(await names('agency_admin')).toEqual([own.agencyName]);
    expect(await names('supervisor')).toEqual(DEMO_REGION.agencies.map((a) => a.name).sort());
    expect(await names('system_admin')).toContain(other.agencyName);

    const audit = async (role: Role) =>
      (await byRole(role).request('GET', '/api/v1/audit-log?limit=500')).json<{
        entries: { agencyId: string | null; entityType: string }[];
      }>().entries;
    expect(await audit('clerk')).toEqual([]);
    const adminEntries = await audit('agency_admin');
    expect(adminEntries.length).toBeGreaterThan(0);
    expect(adminEntries.every((e) => e.agencyId === own.agencyId)).toBe(true);
    expect((await audit('supervisor')).every((e) => e.agencyId !== other.agencyId)).toBe(true);

    // The 政务公开办 reads the trail of its region's reports and of its own supervision — who
    // published or imported a report and when, the findings' reviews, imports, exports — and
    // nothing that carries an applicant's personal data (issue 13: no personal data).
    // The supervisor reviews a finding of its agency's report (dismissed, with the reason).
    const ownReport = await byRole('supervisor').request(
      'GET',
      `/api/v1/supervision/${own.regionCode}/agencies/${own.agencyId}/2025`,
    );
    const ownFindings = ownReport.json<{ findings: { fingerprint: string }[] }>().findings;
    expect(ownFindings.length).toBeGreaterThan(0);
    const reviewed = await byRole('supervisor').request(
      'POST',
      `/api/v1/supervision/${own.regionCode}/agencies/${own.agencyId}/2025/reviews`,
      { fingerprint: ownFindings[0]!.fingerprint, decision: 'dismissed', reason: '已核实原文无误' },
    );
    expect(reviewed.statusCode).toBe(200);
    // …and exports its region's dataset.
    const exported = await byRole('supervisor').request(
      'GET',
      `/api/v1/supervision/${own.regionCode}/dataset/2025.csv`,
    );
    expect(exported.statusCode).toBe(200);
    const supervisorTrail = await byRole('supervisor').request(
      'GET',
      '/api/v1/audit-log?limit=500',
    );
    expect(supervisorTrail.statusCode).toBe(200);
    expect(supervisorTrail.body).not.toContain('的申请人');
    expect(supervisorTrail.body).not.toContain('11010519800101');
    const seen = supervisorTrail.json<{
      entries: { action: string; entityType: string; entityId: string; agencyId: string | null }[];
    }>().entries;
    expect(seen.filter((e) => e.entityType.startsWith('application'))).toEqual([]);
    expect(seen.filter((e) => e.entityType === 'user' || e.entityType === 'user_account')).toEqual(
      [],
    );
    expect(seen).toContainEqual(
      expect.objectContaining({ action: 'report.publish', agencyId: own.agencyId }),
    );
    // Its own region's bulk imports (the one set up, and the one its persona started), never
    // another region's.
    const imports = seen
      .filter((e) => e.action === 'supervision.import_start')
      .map((e) => e.entityId);
    expect(imports).toContain(importIds.get(own.regionCode));
    expect(imports).not.toContain(importIds.get(other.regionCode));
    // Its exports (the region's own records), its reviews of findings.
    expect(seen).toContainEqual(
      expect.objectContaining({ action: 'supervision.export', entityId: own.regionCode }),
    );
    expect(seen.some((e) => e.entityType === 'finding_review')).toBe(true);
    // The agency's admin still reads its agency's whole trail, applications included.
    expect(adminEntries.some((e) => e.entityType === 'application')).toBe(true);

    const users = (
      await byRole('agency_admin').request('GET', `/api/v1/agencies/${own.agencyId}/users`)
    ).body;
    expect(users).toContain(own.username);
    expect(users).not.toContain(other.username);
  });
}
