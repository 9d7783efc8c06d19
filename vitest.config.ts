import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Before the integration files, not beside them: on two cores a CPU-heavy unit file
          // (bpmnlint over every model) slowed the browser and engine tests it overlapped.
          sequence: { groupOrder: 0 },
          include: ['test/unit/**/*.test.ts', 'workers/**/*.test.ts', 'api/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          // The licence gate runs Maven and reads node_modules; it needs no engine or database.
          name: 'licenses',
          sequence: { groupOrder: 0 },
          include: ['test/licenses/**/*.test.ts'],
          testTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
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
