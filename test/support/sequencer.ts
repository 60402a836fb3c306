/**
 * The order the test files start in: the known-long ones first, longest first; then the other
 * browser tests (each starts a server and Chromium: 5–8 s under load before its first test);
 * then the rest, each group in Vitest's own order (longest first from its cache of the last run,
 * else larger files first).
 *
 * Vitest's two workers each take the next file when they finish one. On a clean clone (CI) there
 * is no cache, and Vitest starts larger files first: the role walks, four-line files that each
 * run for 25–95 s, started last, and the run ended with one worker walking while the other sat
 * idle. Started first, the long files leave the many short ones to even out the two workers'
 * ends.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each long file took in a rehearsal of the whole suite (2026-12-07); the walks'
 * figures are scaled by how much faster each walked, alone and in pairs, after the walk's
 * round trips and reloads were cut (forms.ts). Only their order matters: a figure gone stale
 * costs some of the gain, never a test.
 */
export const KNOWN_SECONDS: Record<string, number> = {
  'test/browser/walk-agency-admin.test.ts': 73,
  'test/browser/walk-clerk.test.ts': 67,
  'test/browser/proactive.test.ts': 41,
  'test/browser/workspace-permissions.test.ts': 37,
  'test/integration/applications-letter-set.test.ts': 34,
  'test/browser/workspace-menu.test.ts': 30,
  'test/browser/handoffs-letters.test.ts': 29,
  'test/browser/walk-reviewer.test.ts': 28,
  'test/integration/authorization-matrix/matrix.test.ts': 24.5,
  'test/integration/reports.test.ts': 24,
  'test/integration/cli-ingest.test.ts': 23,
  'test/browser/walk-supervisor.test.ts': 19,
  'test/browser/walk-system-admin.test.ts': 16,
  'test/browser/walk-security-admin.test.ts': 12,
  'test/browser/walk-audit-admin.test.ts': 9,
};

const BROWSER = /^test\/browser\//;

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (spec: TestSpecification) => relative(root, spec.moduleId).split('\\').join('/');
    const seconds = (spec: TestSpecification) => KNOWN_SECONDS[path(spec)];
    const known = base.filter((spec) => seconds(spec) !== undefined);
    known.sort((a, b) => seconds(b)! - seconds(a)!);
    const rest = base.filter((spec) => seconds(spec) === undefined);
    return [
      ...known,
      ...rest.filter((spec) => BROWSER.test(path(spec))),
      ...rest.filter((spec) => !BROWSER.test(path(spec))),
    ];
  }
}
