/**
 * The route patterns of the workspace the walk knows (ids and years stand for any), and the
 * routes the router itself declares (app.tsx and the supervision console), read from its source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The route patterns of the workspace (ids and years stand for any). */
export const PATTERNS = [
  '/',
  '/applications',
  '/applications/new',
  '/applications/:id',
  '/overdue',
  '/approvals',
  '/appeals',
  '/proactive',
  '/proactive/new',
  '/proactive/:id',
  '/proactive/:id/edit',
  '/proactive/:id/correct',
  '/proactive/:id/interpret',
  '/proactive/catalogue',
  '/proactive/catalogue/new',
  '/proactive/catalogue/:id',
  '/proactive/catalogue/:id/edit',
  '/proactive/settings',
  '/proactive/guide',
  '/proactive/figures/:year',
  '/reports',
  '/reports/:year',
  '/reports/:year/cells/:table/:row/:column',
  '/imports',
  '/supervision',
  '/supervision/totals',
  '/supervision/imports',
  '/supervision/imports/:id',
  '/supervision/settings',
  '/supervision/agencies/:id/:year',
  '/agency',
  '/application-settings',
  '/calendar',
  '/site-identity',
  '/notifications',
  '/organisations',
  '/accounts',
  '/roles',
  '/security-policy',
  '/users',
  '/audit',
  '/security-alerts',
  '/account',
];

/** The pattern naming a workspace path, or null when none does. */
export function patternOf(path: string): string | null {
  for (const pattern of PATTERNS) {
    const re = new RegExp(
      `^${pattern
        .replace(/:year/g, '\\d{4}')
        .replace(/:(id|table|row|column)/g, '[^/]+')
        .replace(/\//g, '\\/')}$`,
    );
    if (re.test(path)) {
      // A literal page (…/new) wins over an id pattern.
      const literal = PATTERNS.find((p) => p === path);
      return literal ?? pattern;
    }
  }
  return null;
}

/** The routes of the router: its literal paths and its path regexes. */
export function routerRoutes(): { literal: string[]; regexes: RegExp[] } {
  const sources = ['src/web/app.tsx', 'src/web/pages/supervision/routes.tsx'].map((f) =>
    readFileSync(join(process.cwd(), f), 'utf8'),
  );
  const literal = sources.flatMap((s) =>
    [...s.matchAll(/(?:path: |path === )'(\/[^']*)'/g)].map((m) => m[1]!),
  );
  const regexes = sources.flatMap((s) =>
    [...s.matchAll(/\/(\^\\\/[^\n]*?\$)\/\.exec/g)].map((m) => new RegExp(m[1]!)),
  );
  return { literal, regexes };
}
