import { defineConfig } from 'vitest/config';

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
