import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser tests are included only when scripts/test.mjs finds Chromium.
    exclude: process.env.TILLER_BROWSER_TESTS === '1' ? ['node_modules/**'] : ['node_modules/**', 'test/browser/**'],
  },
});
