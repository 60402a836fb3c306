/**
 * When a walked page is ready to be read: the workspace has drawn itself, no request of its own
 * is in flight (a fetch, or the reading of an answer's body), nothing says 正在加载…, and for a
 * frame and 50 ms after that no request started and nothing on the page changed (what came back
 * is drawn, and drawing it asked for nothing more).
 *
 * This replaces waiting for the network to be idle for 500 ms twice per page: the workspace
 * talks to the server only through fetch, and its lazily loaded console shows 正在加载… while its
 * code arrives.
 */
import type { BrowserContext, Page } from 'playwright-core';

interface Readiness {
  /** Fetches and body reads not yet settled. */
  inflight: number;
  /** Fetches started since the page loaded. */
  started: number;
}

/** Counts the page's fetches and body reads; installed in every page of the context. */
export async function trackRequests(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const state: Readiness = { inflight: 0, started: 0 };
    (window as unknown as { __walkReadiness: Readiness }).__walkReadiness = state;
    const count = <T>(promise: Promise<T>): Promise<T> => {
      state.inflight++;
      const done = () => {
        state.inflight--;
      };
      promise.then(done, done);
      return promise;
    };
    const fetch = window.fetch;
    window.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      state.started++;
      return count(fetch.apply(this, args));
    } as typeof fetch;
    for (const name of ['text', 'json', 'arrayBuffer', 'blob', 'formData'] as const) {
      const read = Response.prototype[name] as (this: Response) => Promise<unknown>;
      (Response.prototype as unknown as Record<string, unknown>)[name] = function (this: Response) {
        return count(read.call(this));
      };
    }
  });
}

/** Waits until the page is ready to be read (see above); fails after 30 s. */
export async function settle(page: Page): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      await page.evaluate(waitUntilReady, 30_000);
      return;
    } catch (error) {
      // The page went elsewhere while it was being watched (a form that navigates): watch the
      // new one.
      const message = error instanceof Error ? error.message : String(error);
      if (attempt < 5 && /Execution context was destroyed|navigat/i.test(message)) continue;
      throw error;
    }
  }
}

/** Runs in the page. */
async function waitUntilReady(timeout: number): Promise<void> {
  const state = (window as unknown as { __walkReadiness?: Readiness }).__walkReadiness;
  if (!state) throw new Error('页面没有安装请求计数（trackRequests）；请在打开页面前调用它');
  // A timer, not the clock: the walk fixes the page's clock (context.clock.setFixedTime).
  let expired = false;
  const deadline = setTimeout(() => {
    expired = true;
  }, timeout);
  const loading = () =>
    Array.from(document.querySelectorAll('body *')).some(
      (e) => e.childElementCount === 0 && e.textContent?.trim() === '正在加载…',
    );
  const drawn = () => (document.getElementById('root')?.childElementCount ?? 0) > 0;
  const idle = () => document.readyState === 'complete' && drawn() && state.inflight === 0;
  let changed = false;
  const observer = new MutationObserver(() => {
    changed = true;
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    for (;;) {
      if (expired) {
        throw new Error(
          `页面 ${location.pathname} 30 秒后仍未就绪：请求中 ${state.inflight} 个，` +
            `${loading() ? '仍显示“正在加载…”' : '未显示“正在加载…”'}`,
        );
      }
      if (!idle() || loading()) {
        await pause(10);
        continue;
      }
      const started = state.started;
      changed = false;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      if (!changed && state.started === started && idle() && !loading()) return;
    }
  } finally {
    observer.disconnect();
    clearTimeout(deadline);
  }
}
