/**
 * The authorisation matrix's main check (see ./matrix.ts), one domain at a time: every route of
 * the domain, as every persona, for own and — where the route names an agency or a region — for
 * the other side, is allowed exactly where its expectation allows it, never fails with a server
 * error and never leaks another agency's data.
 */
import { expect, it } from 'vitest';
import { isAdministratorRole } from '../../../src/core/auth/roles.js';
import { domainOf, expectationFor, type Domain } from './expectations/index.js';
import { urlFor, type Matrix } from './matrix.js';

export async function expectAllowed(matrix: Matrix, domain: Domain): Promise<void> {
  const { app, own, other, personas } = matrix;
  const routes = app.routeAccess.filter((r) => domainOf(r.method, r.url) === domain);
  // A domain without routes would check nothing.
  expect(routes.length).toBeGreaterThan(0);
  const failures: string[] = [];
  for (const route of routes) {
    const expectation = expectationFor(route.method, route.url)!;
    const targets =
      route.url.includes(':agencyId') || route.url.includes(':regionCode') ? [own, other] : [own];
    for (const persona of personas) {
      for (const target of targets) {
        const url = urlFor(route.url, target);
        const body = expectation.body?.();
        const response = await persona.client.request(route.method as 'GET', url, body);
        const status = response.statusCode;
        const isOther = target === other;
        let allowed: boolean;
        switch (expectation.scope) {
          case 'public':
            allowed = true;
            break;
          case 'signed-in':
            allowed = persona.role !== null;
            break;
          case 'global':
            allowed = persona.role !== null && expectation.roles.includes(persona.role);
            break;
          case 'agency':
          case 'region':
            allowed =
              persona.role !== null &&
              expectation.roles.includes(persona.role) &&
              (!isOther || isAdministratorRole(persona.role));
            break;
        }
        const label = `${persona.name} ${route.method} ${route.url} [${isOther ? 'other' : 'own'}] → ${status}`;
        if (status >= 500) failures.push(`${label}: server error ${response.body}`);
        // A public route may still say 401/403 for its own reasons (a wrong password).
        else if (expectation.scope === 'public') continue;
        else if (allowed && (status === 401 || status === 403))
          failures.push(`${label}: should be allowed`);
        else if (!allowed && !(status === 401 || status === 403 || status === 404)) {
          failures.push(`${label}: should be denied`);
        }
        if (
          !allowed &&
          (response.body.includes(other.username) || response.body.includes(other.agencyName))
        ) {
          failures.push(`${label}: leaks another agency's data`);
        }
        if (!allowed && persona.role === null && status !== 401)
          failures.push(`${label}: anonymous should get 401`);
        // The supervisor's console shows no applicant's personal data.
        if (
          persona.role === 'supervisor' &&
          route.url.startsWith('/api/v1/supervision/') &&
          status < 300 &&
          (response.body.includes('的申请人') || response.body.includes('11010519800101'))
        ) {
          failures.push(`${label}: a supervisor sees an applicant's personal data`);
        }
        if (route.url === '/api/v1/auth/logout' && persona.role) {
          await persona.client.loginReady(persona.username, persona.password);
        }
      }
    }
  }
  expect(failures).toEqual([]);
}

/**
 * Registers the domain's main check in the calling describe block, and notes the domain as
 * registered on the matrix (./coverage.ts fails for a domain without it).
 */
export function itAllowsExactly(matrix: Matrix, domain: Domain): void {
  matrix.domains.add(domain);
  it('allows exactly what the expectations allow, for own and for another agency', async () => {
    await expectAllowed(matrix, domain);
  });
}
