/**
 * The authorisation matrix (see ./matrix.ts) is complete: every route has an expectation and
 * every expectation a route; each route belongs to exactly one domain, whose tests are registered.
 */
import { expect, it } from 'vitest';
import { DOMAINS, EXPECTATIONS, expectationFor, type Domain } from './expectations/index.js';
import type { Matrix } from './matrix.js';

/** Registers the coverage checks in the calling describe block (see ./matrix.test.ts). */
export function coverageMatrixTests(matrix: Matrix): void {
  it('every route has an expectation, and every expectation a route', () => {
    const { app } = matrix;
    const routes = app.routeAccess.map((r) => `${r.method} ${r.url}`);
    const missing = app.routeAccess.filter((r) => !expectationFor(r.method, r.url));
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const stale = Object.keys(EXPECTATIONS).filter((k) => !routes.includes(k));
    expect(stale).toEqual([]);
  });

  it('gives each route to one domain, whose tests are registered', () => {
    const domains = Object.keys(DOMAINS) as Domain[];
    // An entry in two domains would be checked twice, under whichever expectation came last.
    const twice = domains.flatMap((d, i) =>
      Object.keys(DOMAINS[d])
        .filter((key) => domains.slice(i + 1).some((e) => key in DOMAINS[e]))
        .map((key) => `${key} (${d})`),
    );
    expect(twice).toEqual([]);
    const unchecked = domains.filter((d) => !matrix.domains.has(d));
    expect(unchecked).toEqual([]);
  });
}
