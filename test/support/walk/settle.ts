/** When a walked page is ready to be read. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the page has no request in flight and has drawn what came back. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.getByText('正在加载…', { exact: true }).count(), { timeout: 30_000 })
    .toBe(0);
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
  );
  await page.waitForLoadState('networkidle');
}
