/**
 * The page cache's generation reads: requests arriving together share one read, but never a read
 * that started before they arrived (it may predate a change committed since).
 */
import { describe, expect, it } from 'vitest';
import { portalPageCache } from '../../src/server/portal/page-cache.js';
import type { Store } from '../../src/store/database.js';

/** A store whose generation reads are answered by hand, in order. */
function fakeStore() {
  const pending: { at: number; resolve: (generation: number) => void }[] = [];
  let generation = 1;
  const store = {
    db: {
      executeQuery: () =>
        new Promise((resolve) => {
          // What the row holds when the read reaches the store.
          const at = generation;
          pending.push({ at, resolve: () => resolve({ rows: [{ generation: at }] }) });
        }),
    },
  } as unknown as Store;
  return {
    store,
    reads: () => pending.length,
    answer: async () => {
      pending.shift()!.resolve(0);
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    change: () => void generation++,
  };
}

const tick = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('generation reads of the portal page cache', () => {
  it('a request arriving during a read waits for the next read, shared with the others that came', async () => {
    const fake = fakeStore();
    const cache = portalPageCache(fake.store);
    let renders = 0;
    const render = async () => ({ status: 200, html: `第 ${++renders} 次渲染` });
    const first = cache.page('k', render);
    await tick();
    expect(fake.reads()).toBe(1);
    // A change commits while the first read is under way; two requests come after it.
    fake.change();
    const second = cache.page('k', render);
    const third = cache.page('k', render);
    await tick();
    expect(fake.reads()).toBe(1);
    await fake.answer();
    expect((await first).html).toBe('第 1 次渲染');
    // The next read started after the change: both see it and the page is rendered again once.
    expect(fake.reads()).toBe(1);
    await fake.answer();
    const pages = await Promise.all([second, third]);
    for (const p of pages) expect(p.html).not.toBe('第 1 次渲染');
    // Nothing changed since: kept.
    const fourth = cache.page('k', render);
    await tick();
    await fake.answer();
    expect((await fourth).html).toBe(`第 ${renders} 次渲染`);
    expect(cache.stats.hits).toBeGreaterThanOrEqual(1);
  });

  it('with no read under way a request reads at once', async () => {
    const fake = fakeStore();
    const cache = portalPageCache(fake.store);
    const page = cache.page('k', async () => ({ status: 200, html: 'x' }));
    await tick();
    expect(fake.reads()).toBe(1);
    await fake.answer();
    expect((await page).html).toBe('x');
  });
});
