import { defineConfig } from 'vitest/config';

// Each test file runs in its own child process: the embedded engine is one per
// process and locks its data directory, so suites never share an engine.
export default defineConfig({
  test: {
    pool: 'forks',
    isolate: true,
    fileParallelism: true,
    maxWorkers: 2,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
