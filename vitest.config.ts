import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB work is native; two forks match this 2-core machine without oversubscribing it.
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
});
