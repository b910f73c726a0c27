import { defineConfig } from 'vitest/config';

// Each test file runs in its own child process: the embedded engine is one per
// process and locks its data directory, so suites never share an engine.
// One project per kind (`npm run test:unit`, `test:int`, `test:e2e`); `npm test`
// runs the three in one pool, so the workers stay busy to the end. Three workers on
// two cores: many files spend part of their time waiting (the engine's part cleanup
// after an erasure, a background recompute, a page in Chromium), and a third file
// uses that time. The HTTP fuzz suite (`npm run test:fuzz`) is its own project, run
// after them in CI.
export default defineConfig({
  test: {
    pool: 'forks',
    isolate: true,
    fileParallelism: true,
    maxWorkers: 3,
    // Safety nets against a hang, sized for a loaded 2-core machine: a stage-history
    // recompute or a simulated game's ingest takes a minute or more there.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll's own default (1 s) is too short for a page on a loaded 2-core machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'int', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/helpers/webBuildOnce.ts'] } },
      { extends: true, test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'] } },
    ],
  },
});
