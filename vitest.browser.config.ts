import { defineConfig } from 'vitest/config';

// Browser tests drive the built app (dist/) in Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
