/**
 * The authorisation matrix (see ./matrix.ts) is complete: every route has an expectation and
 * every expectation a route; each route is checked by exactly one domain's test file.
 */
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testContext } from '../../support/app.js';
import { describeEachStore } from '../../support/stores.js';
import { DOMAINS, EXPECTATIONS, expectationFor, type Domain } from './expectations/index.js';
import { matrixApp } from './matrix.js';

describeEachStore('authorisation matrix: coverage', (getStore) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await matrixApp(testContext(getStore().store));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('every route has an expectation, and every expectation a route', () => {
    const routes = app.routeAccess.map((r) => `${r.method} ${r.url}`);
    const missing = app.routeAccess.filter((r) => !expectationFor(r.method, r.url));
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const stale = Object.keys(EXPECTATIONS).filter((k) => !routes.includes(k));
    expect(stale).toEqual([]);
  });

  it('gives each route to one domain, whose test file checks it', () => {
    const domains = Object.keys(DOMAINS) as Domain[];
    // An entry in two domains would be checked twice, under whichever expectation came last.
    const twice = domains.flatMap((d, i) =>
      Object.keys(DOMAINS[d])
        .filter((key) => domains.slice(i + 1).some((e) => key in DOMAINS[e]))
        .map((key) => `${key} (${d})`),
    );
    expect(twice).toEqual([]);
    const unchecked = domains.filter(
      (d) => !existsSync(new URL(`./${d}.test.ts`, import.meta.url)),
    );
    expect(unchecked).toEqual([]);
  });
});
