/**
 * The authorisation matrix (see ./matrix.ts) across its domains: no route serves another agency's
 * records under one's own agency, nor another region's agency or import under one's own region.
 */
import { expect, it } from 'vitest';
import { expectationFor } from './expectations/index.js';
import { aliasIds, caseIds, catalogueIds, importIds, proactiveIds, type Matrix } from './matrix.js';

/** Registers the isolation tests in the calling describe block (see ./matrix.test.ts). */
export function isolationMatrixTests(matrix: Matrix): void {
  it("never serves another agency's records under one's own agency (mixed ids)", async () => {
    const { app, own, other, personas } = matrix;
    const failures: string[] = [];
    const childParams = [
      ':userId',
      ':applicationId',
      ':letterId',
      ':approvalId',
      ':appealId',
      ':aliasId',
      ':itemId',
      ':attachmentId',
    ];
    for (const route of app.routeAccess) {
      if (!route.url.includes(':agencyId') || !childParams.some((p) => route.url.includes(p)))
        continue;
      const expectation = expectationFor(route.method, route.url)!;
      const otherIds = caseIds.get(other.agencyId);
      const url = route.url
        .replace(':agencyId', own.agencyId)
        .replace(':userId', other.userId)
        .replace(':applicationId', otherIds?.applicationId ?? 'none')
        .replace(':letterId', otherIds?.letterId ?? 'none')
        .replace(':approvalId', otherIds?.approvalId ?? 'none')
        .replace(':appealId', otherIds?.appealId ?? 'none')
        .replace(':aliasId', aliasIds.get(other.agencyId) ?? 'none')
        .replace(':itemId', proactiveIds.get(other.agencyId)?.itemId ?? 'none')
        .replace(':attachmentId', proactiveIds.get(other.agencyId)?.attachmentId ?? 'none')
        .replace(':entryId', catalogueIds.get(other.agencyId) ?? 'none')
        .replace(':section', 'statutory')
        .replace(':year', '2025')
        .replace(':version', '1')
        .replace(':format', 'json');
      for (const persona of personas.filter((p) => p.role !== null)) {
        const response = await persona.client.request(
          route.method as 'GET',
          url,
          expectation.body?.(),
        );
        const status = response.statusCode;
        const label = `${persona.name} ${route.method} ${route.url} [own agency, other's id] → ${status}`;
        if (status < 400 || status >= 500)
          failures.push(`${label}: must be refused (403/404/409/400)`);
        if (response.body.includes(other.username) || response.body.includes(other.agencyName)) {
          failures.push(`${label}: leaks another agency's data`);
        }
        if (route.url === '/api/v1/auth/logout')
          await persona.client.loginReady(persona.username, persona.password);
      }
    }
    expect(failures).toEqual([]);
  });

  it("never serves another region's agency or import under one's own region (mixed ids)", async () => {
    const { app, own, other, personas } = matrix;
    const failures: string[] = [];
    for (const route of app.routeAccess) {
      if (!route.url.includes(':regionCode') || route.url.startsWith('/portal')) continue;
      if (!route.url.includes(':agencyId') && !route.url.includes(':importId')) continue;
      const expectation = expectationFor(route.method, route.url)!;
      const url = route.url
        .replace(':regionCode', own.regionCode)
        .replace(':importId', importIds.get(other.regionCode)!)
        .replace(':agencyId', other.agencyId)
        .replace(':seq', '1')
        .replace(':year', '2025');
      for (const persona of personas.filter((p) => p.role !== null)) {
        const response = await persona.client.request(
          route.method as 'GET',
          url,
          expectation.body?.(),
        );
        const label = `${persona.name} ${route.method} ${route.url} [own region, other's id] → ${response.statusCode}`;
        if (response.statusCode < 400 || response.statusCode >= 500)
          failures.push(`${label}: must be refused`);
        if (response.body.includes(other.agencyName))
          failures.push(`${label}: leaks another region's data`);
      }
    }
    expect(failures).toEqual([]);
  });
}
