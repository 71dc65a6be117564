import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two cores. On the embedded database the queries run inside the test process, so two workers keep both
    // busy; on a server they run in PostgreSQL's processes while the workers wait, so a third helps.
    maxWorkers: process.env.DATABASE_URL ? 3 : 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser tests are included only when scripts/test.mjs finds Chromium.
    exclude: process.env.TILLER_BROWSER_TESTS === '1' ? ['node_modules/**'] : ['node_modules/**', 'test/browser/**'],
  },
});
