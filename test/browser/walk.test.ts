/**
 * The workspace walked as each role would: every page the menu leads to (and every page those
 * pages link to), every form on it submitted empty and then with the wrong kind of input
 * (letters in number fields, half-typed dates, over-long text). Controls outside a `<form>`
 * (an editor card, an approval's comment with its buttons) count as a form: the group is the
 * nearest element holding both the controls and a button, and its primary (else saving) button
 * submits it.
 * The forms behind buttons (a case's 办理 steps, 签收/转办/协办/转送) are opened one by one. The walk fails when a person
 * would read an ASCII identifier (a field name, an enum code, `undefined`, `null`, `NaN`,
 * `[object Object]`), a `\u0000`, or an English message of the browser's own; when the server
 * answers 500; when a refused form loses what was typed.
 *
 * The pages are found from the menu and the links, not from a list. The list of route patterns
 * below only names the pages found (so each is walked once): the walk also fails when it finds
 * a page no pattern names, when a pattern is never reached, and when the router (app.tsx and
 * the supervision console) has a route the patterns lack.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { FAVICON_HREF } from '../../src/server/portal/page.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { ROLES } from '../support/walk/roles.js';
import { PATTERNS, routerRoutes } from '../support/walk/routes.js';
import { seedWalk, walk, type WalkRun } from '../support/walk/walker.js';

describeBrowser('walking every workspace page and form in Chromium', () => {
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

  for (const role of ROLES) {
    it(`as ${role.username}: no identifier, no \\u0000, no English, no 500, nothing lost`, async () => {
      run.problems.length = 0;
      await walk(run, role);
      expect(run.problems).toEqual([]);
    }, 900_000);
  }

  it('the workspace and the portal show the site icon', async () => {
    const page = await browser.newPage();
    const icons: string[] = [];
    for (const path of ['/workspace/', '/portal']) {
      await page.goto(`${server.url}${path}`);
      icons.push((await page.locator('link[rel="icon"]').getAttribute('href')) ?? '');
    }
    expect(icons).toEqual([FAVICON_HREF, FAVICON_HREF]);
    await page.close();
  });

  it('reached every route of the router, and the router has no route the walk does not know', () => {
    const { literal, regexes } = routerRoutes();
    expect(literal.length).toBeGreaterThan(20);
    expect(regexes.length).toBeGreaterThan(5);
    const unknown = literal.filter((p) => !PATTERNS.includes(p));
    expect(unknown, '路由里有测试不认识的页面').toEqual([]);
    for (const re of regexes) {
      expect(
        run.reachedPaths.some((p) => re.test(p)),
        `路由 ${re} 的页面巡查没有到达`,
      ).toBe(true);
    }
    const missed = PATTERNS.filter((p) => !run.reached.has(p));
    expect(missed, '巡查没有到达的页面').toEqual([]);
  });
});
