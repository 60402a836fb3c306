/**
 * The authorisation matrix's expectations of every domain (see ../matrix.ts), and which domain's
 * tests check a route.
 */
import type { Expectation } from '../matrix.js';
import { ACCOUNTS } from './accounts.js';
import { APPLICATIONS } from './applications.js';
import { PORTAL } from './portal.js';
import { PROACTIVE } from './proactive.js';
import { REPORTS } from './reports.js';

/** One module a domain; ../DOMAIN.ts registers the tests of its routes. */
export const DOMAINS = {
  accounts: ACCOUNTS,
  applications: APPLICATIONS,
  reports: REPORTS,
  proactive: PROACTIVE,
  portal: PORTAL,
} as const;

export type Domain = keyof typeof DOMAINS;

export const EXPECTATIONS: Record<string, Expectation> = Object.assign(
  {},
  ...Object.values(DOMAINS),
) as Record<string, Expectation>;

/** Routes added by plugins that serve only static, data-free content (the built workspace bundle). */
const PUBLIC_PREFIXES = ['/workspace/'];

export function expectationFor(method: string, url: string): Expectation | undefined {
  const exact = EXPECTATIONS[`${method} ${url}`];
  if (exact) return exact;
  if (method === 'GET' && PUBLIC_PREFIXES.some((p) => url.startsWith(p)))
    return { scope: 'public' };
  // The API documentation (swagger): signed-in staff only.
  if (method === 'GET' && url.startsWith('/api/docs')) return { scope: 'signed-in' };
  return undefined;
}

/**
 * The domain whose tests check a route: the one with its entry; the routes without one of
 * their own (the static workspace bundle, the API documentation: see expectationFor) go with the
 * signed-in session's, to accounts.
 */
export function domainOf(method: string, url: string): Domain | undefined {
  const key = `${method} ${url}`;
  const domain = (Object.keys(DOMAINS) as Domain[]).find((d) => key in DOMAINS[d]);
  if (domain) return domain;
  return expectationFor(method, url) ? 'accounts' : undefined;
}
