import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'data'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on CI's 2-core machine that is a
    // single worker, and the whole suite ran one file after another while the browser tests
    // mostly wait (for Chromium, for the server). Two workers share the two cores.
    maxWorkers: 2,
    // Each worker process runs its files one after another without re-importing the modules for
    // each: with a fresh process per file, loading Fastify, Kysely, TypeBox and the app's ~300
    // modules again cost ~1.5 s of CPU per file (Vitest's "import" was 250–280 s of a ~870 s
    // run). Test files share no state but what they create: each starts its own store and
    // server; module-level caches are per store (site identity) or keyed by content (reader).
    isolate: false,
    // Known-long files (the role walks, four-line files Vitest would start last on a clean clone)
    // start first, so the two workers end together (test/support/sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a page to settle (a reading thread starting, a server answering);
    // its default of 1 s failed on this shared 2-core machine under load. A real hang still
    // fails, after 30 s.
    expect: { poll: { timeout: 30_000 } },
    // Tests never depend on the wall clock or the machine's time zone.
    env: { TZ: 'UTC' },
  },
});
