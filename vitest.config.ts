import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB work is native, so forks. Three on this 2-core machine: many files wait on child
    // processes (the CLI tests, Chromium) or on the disk, and the suite took 247 s with three against
    // 337–342 s with two (same day, same tests).
    pool: 'forks',
    maxWorkers: 3,
    env: { TZ: 'UTC' },
  },
});
