import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Native SQLite and PGlite are heavy; threads share a process and are fine with both.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
