import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'workers/**/*.test.ts', 'api/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/engine/**/*.test.ts', 'test/api/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/stack/**/*.test.ts', 'test/security/**/*.test.ts', 'test/db/**/*.test.ts'],
          // One engine and one PostgreSQL for the whole run; files share them, so they run one
          // after another. Each test isolates itself by its own case ids and instance keys.
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
