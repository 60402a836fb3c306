/**
 * Which role's walk must reach which pages. The walk of each role runs in its own test file (so
 * the test workers share the walk); together the shares name every pattern once, so every page
 * of the workspace is still reached, each by a role whose menu and links lead there.
 */
import { PATTERNS, routerRoutes } from './routes.js';

export const SHARES: Record<string, string[]> = {
  walkclerk: [
    '/',
    '/applications',
    '/applications/new',
    '/applications/:id',
    '/overdue',
    '/appeals',
    '/proactive',
    '/proactive/new',
    '/proactive/:id',
    '/proactive/:id/edit',
    '/proactive/:id/correct',
    '/proactive/:id/interpret',
    '/proactive/catalogue',
    '/proactive/catalogue/:id',
    '/proactive/settings',
    '/proactive/guide',
    '/proactive/figures/:year',
    '/reports',
    '/reports/:year',
    '/reports/:year/cells/:table/:row/:column',
    '/imports',
    '/agency',
    '/application-settings',
    '/notifications',
    '/account',
  ],
  walkreviewer: ['/approvals'],
  walkagencyadmin: ['/proactive/catalogue/new', '/proactive/catalogue/:id/edit', '/users'],
  walksupervisor: [
    '/supervision',
    '/supervision/totals',
    '/supervision/imports',
    '/supervision/imports/:id',
    '/supervision/settings',
    '/supervision/agencies/:id/:year',
  ],
  walksysadmin: ['/calendar', '/site-identity', '/organisations', '/accounts'],
  walksecadmin: ['/roles', '/security-policy'],
  walkauditadmin: ['/audit', '/security-alerts'],
};

/** A path the pattern names (any id, this year, a table the router knows). */
function sampleOf(pattern: string): string {
  return pattern
    .replace(/:year/g, '2026')
    .replace(/:table/g, 'applications')
    .replace(/:(id|row|column)/g, 'x1');
}

/**
 * The pattern each regex route of the router stands for: the pattern with ids or years whose
 * paths it routes; null when the walk knows no such pattern.
 */
export function regexOwners(): { regex: RegExp; pattern: string | null }[] {
  const withParameters = PATTERNS.filter((p) => p.includes(':'));
  return routerRoutes().regexes.map((regex) => ({
    regex,
    pattern: withParameters.find((p) => regex.test(sampleOf(p))) ?? null,
  }));
}
