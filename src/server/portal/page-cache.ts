/**
 * Rendered public pages kept per portal generation (migrations 0070, 0076): the store moves the
 * generation on, by triggers, whenever what the column's item pages and lists show changes —
 * an item published, withdrawn, corrected, linked or re-marked, an attachment of a published
 * item, an agency renamed — whoever made the change (any app node, the CLI); drafting and
 * review steps leave it, so they drop no kept page. Each request reads the generation (one row by
 * its key) and is answered from the kept page only if it was rendered at that generation;
 * otherwise it is rendered again (requests arriving together share one read). Government CMSs publish static pages for the same reason: the
 * column is read far more than it changes.
 *
 * What is kept is the page before the per-request parts: the site identity's tags and footer
 * and the large-type mode are filled in for every response (portal/chrome.ts). Errors (an
 * unknown or withdrawn item) are never kept. Bounded: the least recently used page goes first.
 */
import { CompiledQuery } from 'kysely';
import type { Store } from '../../store/database.js';

export const PORTAL_PAGE_CACHE_ENTRIES = 2_000;

const GENERATION = CompiledQuery.raw('SELECT generation FROM portal_generation WHERE id = 1');

export interface RenderedPage {
  status: number;
  html: string;
}

export interface PortalPageCache {
  /** The page `key` at the current generation: kept, or rendered by `render` and kept. */
  page(key: string, render: () => Promise<RenderedPage>): Promise<RenderedPage>;
  /** How many renders and how many answers from a kept page (for tests and the bench). */
  readonly stats: { renders: number; hits: number };
}

export function portalPageCache(
  store: Store,
  entries: number = PORTAL_PAGE_CACHE_ENTRIES,
): PortalPageCache {
  const kept = new Map<string, { generation: string; page: RenderedPage }>();
  const stats = { renders: 0, hits: 0 };
  const read = async () => {
    const { rows } = await store.db.executeQuery<{ generation: number | string }>(GENERATION);
    return String(rows[0]?.generation ?? '');
  };
  // Requests arriving together share one read, but only a read that starts after they arrived
  // (a read already under way may predate a change committed since): while one runs, the
  // requests that come wait for the next, which starts when it ends.
  let running: Promise<string> | null = null;
  let queued: Promise<string> | null = null;
  const start = () => {
    const p = read();
    running = p;
    const clear = () => {
      if (running === p) running = null;
    };
    p.then(clear, clear);
    return p;
  };
  const generation = (): Promise<string> => {
    if (!running) return start();
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return start();
      });
    return queued;
  };
  return {
    stats,
    async page(key, render) {
      if (entries <= 0) {
        stats.renders++;
        return render();
      }
      // Read before rendering: a change committed meanwhile moves the generation past this one,
      // so a page rendered from newer data is at worst rendered once more.
      const current = await generation();
      const entry = kept.get(key);
      if (entry && entry.generation === current) {
        stats.hits++;
        kept.delete(key);
        kept.set(key, entry);
        return entry.page;
      }
      stats.renders++;
      const page = await render();
      kept.delete(key);
      kept.set(key, { generation: current, page });
      if (kept.size > entries) kept.delete(kept.keys().next().value!);
      return page;
    },
  };
}
