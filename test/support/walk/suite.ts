/**
 * The walk of one role, as a test file of its own: a fresh server with the walk's records, the
 * walk (no identifier, no \u0000, no English, no 500, nothing lost), and the check that it
 * reached its share of the pages (shares.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../../src/render/chromium.js';
import { describeBrowser, launchBrowser, startServer, type RunningServer } from '../browser.js';
import { ROLES } from './roles.js';
import { regexOwners, SHARES } from './shares.js';
import { seedWalk, walk, type WalkRun } from './walker.js';

export function describeRoleWalk(username: string): void {
  const role = ROLES.find((r) => r.username === username);
  if (!role) throw new Error(`没有名为 ${username} 的巡查角色；请使用 roles.ts 中的用户名`);
  describeBrowser(`walking every workspace page and form in Chromium as ${role.label}`, () => {
    let server: RunningServer;
    let browser: Browser;
    let run: WalkRun;

    beforeAll(async () => {
      server = await startServer();
      const draftItemId = await seedWalk(server);
      browser = await launchBrowser();
      run = { server, browser, draftItemId, problems: [], reached: new Map(), reachedPaths: [] };
    });
    afterAll(async () => {
      await browser?.close();
      await closeSharedChromium();
      await server?.close();
    });

    it(`as ${role.username}: no identifier, no \\u0000, no English, no 500, nothing lost`, async () => {
      await walk(run, role);
      expect(run.problems).toEqual([]);
    }, 900_000);

    it(`as ${role.username}: reached its share of the pages and of the router's routes`, () => {
      const share = SHARES[role.username] ?? [];
      const missed = share.filter((p) => !run.reached.has(p));
      expect(missed, `${role.label}巡查没有到达的页面`).toEqual([]);
      for (const { regex, pattern } of regexOwners()) {
        if (pattern === null || !share.includes(pattern)) continue;
        expect(
          run.reachedPaths.some((p) => regex.test(p)),
          `路由 ${regex} 的页面${role.label}巡查没有到达`,
        ).toBe(true);
      }
    });
  });
}
