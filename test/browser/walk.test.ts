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
 * (test/support/walk/routes.ts) only names the pages found (so each is walked once): the walk also fails when it finds
 * a page no pattern names, when a pattern is never reached, and when the router (app.tsx and
 * the supervision console) has a route the patterns lack.
 *
 * The walk of each role is a test file of its own (walk-<role>.test.ts, through
 * test/support/walk/suite.ts), so the test workers share it; each checks that it reached its
 * share of the pages (test/support/walk/shares.ts). This file checks that the shares and the
 * patterns cover every route of the router, and the site icon.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FAVICON_HREF } from '../../src/server/portal/page.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { ROLES } from '../support/walk/roles.js';
import { PATTERNS, routerRoutes } from '../support/walk/routes.js';
import { regexOwners, SHARES } from '../support/walk/shares.js';

it('the router has no route the walk does not know, and the shares of the roles name every page once', () => {
  const { literal, regexes } = routerRoutes();
  expect(literal.length).toBeGreaterThan(20);
  expect(regexes.length).toBeGreaterThan(5);
  const unknown = literal.filter((p) => !PATTERNS.includes(p));
  expect(unknown, '路由里有测试不认识的页面').toEqual([]);
  const unowned = regexOwners()
    .filter((o) => o.pattern === null)
    .map((o) => String(o.regex));
  expect(unowned, '路由里有测试不认识的页面（请把它加入 PATTERNS）').toEqual([]);
  expect(Object.keys(SHARES).sort(), '每个巡查角色各有一份').toEqual(
    ROLES.map((r) => r.username).sort(),
  );
  const named = Object.values(SHARES).flat();
  expect(named.slice().sort(), '各角色的份额合起来恰好是全部页面，各一次').toEqual(
    PATTERNS.slice().sort(),
  );
});

it('each role is walked by a test file of its own, calling the walk with its own name', () => {
  const folder = new URL('./', import.meta.url);
  const walked = readdirSync(folder)
    .filter((name) => /^walk-.+\.test\.ts$/.test(name))
    .flatMap((name) =>
      [
        ...readFileSync(new URL(name, folder), 'utf8').matchAll(/describeRoleWalk\('([^']+)'\)/g),
      ].map((m) => m[1]!),
    );
  // Each role once: a file lost, renamed out of the suite or walking another role's name fails.
  expect(walked.sort(), '每个巡查角色恰有一个测试文件').toEqual(
    ROLES.map((r) => r.username).sort(),
  );
});

describeBrowser('the site icon in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

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
});
