import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/render/chromium.js';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import type { ServiceContext } from '../../src/services/context.js';
import { ADMIN_PASSWORDS, ADMIN_USERNAMES, testConfig } from './accounts.js';
import { serverClock, TEST_CONFIG, testContext } from './app.js';
import { createTestStore, type TestStore } from './stores.js';

export const CHROMIUM_PATH = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';

export function browserUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM_PATH))
    return `找不到 Chromium（${CHROMIUM_PATH}）；请安装 Debian 的 chromium 软件包`;
  if (!existsSync(join(process.cwd(), 'dist', 'web', 'index.html'))) {
    return '工作台尚未构建（dist/web）；请先运行 npm run build';
  }
  return null;
}

/**
 * Browser tests: skipped with the reason when Chromium or the built workspace is missing —
 * except under CI=true, where that is a failure.
 */
export function describeBrowser(title: string, body: () => void): void {
  const reason = browserUnavailableReason();
  if (reason && process.env.CI === 'true') {
    describe(title, () => {
      throw new Error(`CI=true 时浏览器测试不可跳过：${reason}`);
    });
    return;
  }
  if (reason) {
    describe.skip(`${title} — 跳过：${reason}`, body);
    return;
  }
  describe(title, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface RunningServer {
  url: string;
  ctx: ServiceContext;
  /** The three administrators' usernames and initial passwords (三员). */
  administrators: typeof ADMIN_USERNAMES;
  adminPasswords: typeof ADMIN_PASSWORDS;
  store: TestStore;
  /** The app itself, for setting up records through app.inject (TestClient). */
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real server on a free port, on a fresh SQLite store with the demo data. */
export async function startServer(): Promise<RunningServer> {
  const store = await createTestStore('sqlite');
  const ctx = testContext(store.store);
  await bootstrap(ctx, testConfig({}, process.cwd()));
  const app = await buildApp({
    ctx,
    config: TEST_CONFIG,
    logger: false,
    webRoot: join(process.cwd(), 'dist', 'web'),
  });
  serverClock(app, ctx.clock);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    administrators: ADMIN_USERNAMES,
    adminPasswords: ADMIN_PASSWORDS,
    store,
    app,
    close: async () => {
      await app.close();
      await store.drop();
    },
  };
}
